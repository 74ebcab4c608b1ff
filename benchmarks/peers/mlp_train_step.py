#!/usr/bin/python3
"""paperlab MLP training step vs PyTorch, same network, same batch, same optimizer, same machine.

Network: 3 -> w -> w -> 2, tanh, float32; loss: MSE (mean); optimizer: Adam(lr=1e-3).
PyTorch (Debian's python3-torch, CPU, 2 threads) is timed here, in child interpreters with
OpenMP's default (active) and passive waiting; paperlab's implementations (hand-written backprop
over ND4J GEMMs in one pass, `own`, or data-parallel over two half-batch shards, `sharded`, and
ND4J SameDiff) are timed by JMH (MlpTrainStepBench) from benchmarks/target/benchmarks.jar in the
same run.

Needs: apt-get install python3-torch  (run with /usr/bin/python3; this script installs nothing)
Usage: /usr/bin/python3 benchmarks/peers/mlp_train_step.py [--grid full|target] [--out FILE.json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar")


def torch_ms_per_step(batch, width, steps=200, warmup=30, repeats=5):
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Linear(3, width), torch.nn.Tanh(),
        torch.nn.Linear(width, width), torch.nn.Tanh(),
        torch.nn.Linear(width, 2))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    x = torch.randn(batch, 3)
    y = torch.randn(batch, 2)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    for _ in range(warmup):
        step()
    best = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        best.append((time.perf_counter() - t0) / steps * 1e3)
    best.sort()
    return best[len(best) // 2]  # median of repeats


def jmh_ms_per_step(batches, widths):
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    cmd = ["java", "-jar", JAR, "MlpTrainStepBench",
           "-p", "batch=" + ",".join(map(str, batches)),
           "-p", "width=" + ",".join(map(str, widths)),
           "-wi", "3", "-i", "5", "-rf", "json", "-rff", out]
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE", GLIBC_TUNABLES="glibc.malloc.hugetlb=1")
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
    res = {}
    for r in json.load(open(out)):
        p = r["params"]
        res[(p["impl"], int(p["batch"]), int(p["width"]))] = r["primaryMetric"]["score"] / 1e3  # us -> ms
    return res


def torch_in_child(batches, widths, wait_policy):
    """PyTorch timings in a fresh interpreter: OpenMP reads OMP_WAIT_POLICY once, at start-up."""
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
    code = ("import json, sys; sys.path.insert(0, %r); import torch; torch.set_num_threads(2); "
            "import mlp_train_step as m; print(json.dumps([m.torch_ms_per_step(b, w) for b in %r for w in %r]))"
            % (os.path.dirname(os.path.abspath(__file__)), batches, widths))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout
    vals = json.loads(out.strip().splitlines()[-1])
    return {(b, w): vals[i * len(widths) + j] for i, b in enumerate(batches) for j, w in enumerate(widths)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", choices=["full", "target"], default="target")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("missing %s: run 'mvn -B -pl benchmarks -am package -DskipTests' first" % JAR)
    batches, widths = ([256, 2048, 4096], [64, 100, 256]) if a.grid == "full" else ([2048], [100])
    java = jmh_ms_per_step(batches, widths)
    # PyTorch as installed (OpenMP's default active waiting: its idle threads spin and, on 2 cores,
    # compete with the Python thread) and with passive waiting (its best here); the ratios use the best
    torch_default = torch_in_child(batches, widths, None)
    torch_passive = torch_in_child(batches, widths, "PASSIVE")
    rows = []
    print("torch %s, 2 threads; paperlab best = min(own, sharded)" % torch.__version__)
    print("%6s %6s %9s %9s %9s %12s %12s %11s %10s" % ("batch", "width", "own ms", "shard ms", "sd ms",
                                                     "torch(def)", "torch(pass)", "torch/best", "sd/best"))
    for b in batches:
        for w in widths:
            own = java[("own", b, w)]
            shard = java[("sharded", b, w)]
            sd = java[("samediff", b, w)]
            td = torch_default[(b, w)]
            tp = torch_passive[(b, w)]
            best = min(own, shard)
            rows.append(dict(batch=b, width=w, own_ms=own, sharded_ms=shard, samediff_ms=sd,
                             torch_default_ms=td, torch_passive_ms=tp))
            print("%6d %6d %9.3f %9.3f %9.3f %12.3f %12.3f %11.2f %10.2f"
                  % (b, w, own, shard, sd, td, tp, min(td, tp) / best, sd / best))
    if a.out:
        json.dump(rows, open(a.out, "w"), indent=2)


if __name__ == "__main__":
    main()

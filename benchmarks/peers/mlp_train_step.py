#!/usr/bin/python3
"""paperlab MLP training step vs PyTorch, same network, same batch, same optimizer, same machine.

Network: 3 -> w -> w -> 2, tanh, float32; loss: MSE (mean); optimizer: Adam(lr=1e-3).
PyTorch (Debian's python3-torch, CPU, 2 threads) is timed here; paperlab's two implementations
(hand-written backprop over ND4J GEMMs, and ND4J SameDiff) are timed by JMH
(MlpTrainStepBench) from benchmarks/target/benchmarks.jar in the same run.

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", choices=["full", "target"], default="target")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("missing %s: run 'mvn -B -pl benchmarks -am package -DskipTests' first" % JAR)
    torch.set_num_threads(2)
    batches, widths = ([256, 2048, 4096], [64, 100, 256]) if a.grid == "full" else ([2048], [100])
    java = jmh_ms_per_step(batches, widths)
    rows = []
    print("torch %s, %d threads" % (torch.__version__, torch.get_num_threads()))
    print("%6s %6s %12s %12s %12s %10s %10s" % ("batch", "width", "own ms", "samediff ms", "torch ms",
                                              "torch/own", "sd/own"))
    for b in batches:
        for w in widths:
            t = torch_ms_per_step(b, w)
            own = java[("own", b, w)]
            sd = java[("samediff", b, w)]
            rows.append(dict(batch=b, width=w, own_ms=own, samediff_ms=sd, torch_ms=t))
            print("%6d %6d %12.3f %12.3f %12.3f %10.2f %10.2f" % (b, w, own, sd, t, t / own, sd / own))
    if a.out:
        json.dump(rows, open(a.out, "w"), indent=2)


if __name__ == "__main__":
    main()

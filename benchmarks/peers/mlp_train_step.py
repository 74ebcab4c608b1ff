#!/usr/bin/python3
"""paperlab MLP training step vs PyTorch, same network, same batch, same optimizer, same machine.

Network: 3 -> w -> w -> 2, tanh, float32; loss: MSE (mean); optimizer: Adam(lr=1e-3).
PyTorch (Debian's python3-torch, CPU, 2 threads) is timed here, in child interpreters with
OpenMP's default (active) and passive waiting; paperlab's implementations are timed by JMH
(MlpTrainStepBench) from benchmarks/target/benchmarks.jar in the same run: `trainer` (MlpTrainer:
fused plain-Java SIMD passes over two row shards, no ND4J call), `sharded` (ShardedGradient, which
runs float tanh nets on the same passes, then Adam.step on INDArrays), `own` (hand-written backprop
over ND4J GEMMs in one pass) and ND4J SameDiff.

Every entry is the median over repetitions (JMH: measurement iterations of 1 s after 10 warm-up
iterations, enough for the JIT to compile the Vector API kernels on a loaded 2-core machine;
PyTorch: repeats of 200 steps) with the smallest and largest repetition; the ratio is PyTorch's
median over paperlab's.

Needs: apt-get install python3-torch  (run with /usr/bin/python3; this script installs nothing)
Usage: /usr/bin/python3 benchmarks/peers/mlp_train_step.py [--grid full|target] [--repeats N] [--out FILE.json]
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


def torch_ms_per_step(batch, width, steps=200, warmup=30, repeats=10):
    """Median ms per step over `repeats` runs of `steps` steps; see torch_ms_per_step_all."""
    r = torch_ms_per_step_all(batch, width, steps, warmup, repeats)
    return r[len(r) // 2]


def torch_ms_per_step_all(batch, width, steps=200, warmup=30, repeats=10):
    """ms per step of each of `repeats` runs of `steps` steps (after `warmup` steps), sorted."""
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
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t0) / steps * 1e3)
    return sorted(times)


def stats(values):
    v = sorted(values)
    n = len(v)
    med = v[n // 2] if n % 2 else 0.5 * (v[n // 2 - 1] + v[n // 2])
    return dict(median=med, min=v[0], max=v[-1], n=n)


def jmh_ms_per_step(batches, widths, iterations):
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    cmd = ["java", "-jar", JAR, "MlpTrainStepBench",
           "-p", "batch=" + ",".join(map(str, batches)),
           "-p", "width=" + ",".join(map(str, widths)),
           "-wi", "10", "-i", str(iterations), "-rf", "json", "-rff", out]
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE", GLIBC_TUNABLES="glibc.malloc.hugetlb=1")
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
    res = {}
    for r in json.load(open(out)):
        p = r["params"]
        raw = [v / 1e3 for fork in r["primaryMetric"]["rawData"] for v in fork]  # us -> ms
        res[(p["impl"], int(p["batch"]), int(p["width"]))] = stats(raw)
    return res


def torch_in_child(batches, widths, wait_policy, repeats):
    """PyTorch timings in a fresh interpreter: OpenMP reads OMP_WAIT_POLICY once, at start-up."""
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
    code = ("import json, sys; sys.path.insert(0, %r); import torch; torch.set_num_threads(2); "
            "import mlp_train_step as m; print(json.dumps([m.torch_ms_per_step_all(b, w, repeats=%d) for b in %r for w in %r]))"
            % (os.path.dirname(os.path.abspath(__file__)), repeats, batches, widths))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout
    vals = json.loads(out.strip().splitlines()[-1])
    return {(b, w): stats(vals[i * len(widths) + j]) for i, b in enumerate(batches) for j, w in enumerate(widths)}


def fmt(st):
    return "%.3f [%.3f-%.3f]" % (st["median"], st["min"], st["max"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", choices=["full", "target"], default="target")
    ap.add_argument("--out", default=None)
    ap.add_argument("--repeats", type=int, default=10,
                    help="JMH measurement iterations and PyTorch repeats per entry (default 10)")
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("missing %s: run 'mvn -B -pl benchmarks -am package -DskipTests' first" % JAR)
    batches, widths = ([256, 2048, 4096], [64, 100, 256]) if a.grid == "full" else ([2048], [100])
    java = jmh_ms_per_step(batches, widths, a.repeats)
    # PyTorch as installed (OpenMP's default active waiting: its idle threads spin and, on 2 cores,
    # compete with the Python thread) and with passive waiting (its best here); the ratios use the best
    torch_default = torch_in_child(batches, widths, None, a.repeats)
    torch_passive = torch_in_child(batches, widths, "PASSIVE", a.repeats)
    rows = []
    print("torch %s, 2 threads; ms per step, median [min-max] of %d repetitions; "
          "ratio = min(torch medians) / trainer median" % (torch.__version__, a.repeats))
    print("%6s %6s %24s %24s %24s %24s %24s %24s %7s"
          % ("batch", "width", "trainer", "sharded", "own", "samediff", "torch(default)", "torch(passive)", "ratio"))
    for b in batches:
        for w in widths:
            e = {impl: java[(impl, b, w)] for impl in ("trainer", "sharded", "own", "samediff")}
            td = torch_default[(b, w)]
            tp = torch_passive[(b, w)]
            ratio = min(td["median"], tp["median"]) / e["trainer"]["median"]
            rows.append(dict(batch=b, width=w, trainer_ms=e["trainer"], sharded_ms=e["sharded"], own_ms=e["own"],
                             samediff_ms=e["samediff"], torch_default_ms=td, torch_passive_ms=tp, ratio=ratio))
            print("%6d %6d %24s %24s %24s %24s %24s %24s %7.2f"
                  % (b, w, fmt(e["trainer"]), fmt(e["sharded"]), fmt(e["own"]), fmt(e["samediff"]),
                     fmt(td), fmt(tp), ratio))
    if a.out:
        json.dump(rows, open(a.out, "w"), indent=2)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Cold start and end to end: paperlab's Sinkhorn against Python + POT, whole processes.

    /usr/bin/python3 benchmarks/peers/ot_end_to_end.py [--reps 5]
        [--sizes 1000x2,2000x2,1500x16,5000x2] [--in-jvm] [--no-end-to-end] [--baseline LAUNCHER]

For each problem (standard normal point clouds, n = m, dimension d, seed 0; squared Euclidean
cost; absolute epsilon 0.05 x the median cost; tolerance 1e-9) it writes X.csv and Y.csv and then,
repetition by repetition, interleaved:

  end to end   `./paperlab ot solve --x X.csv --y Y.csv --epsilon E --epsilon-relative none
               --tolerance 1e-9 --out r.json` against `/usr/bin/python3 ot_pot_solve.py` (NumPy
               loadtxt, ot.dist, ot.sinkhorn, the cost as JSON), both timed as whole processes;
               prints the median and the min-max of each and the ratio of the medians;
               --baseline times a second launcher (an older checkout) in the same loop.
  --in-jvm     `org.paperlab.ot.ColdStartRun` in a fresh JVM per repetition (the first solve,
               then solves 2-6 in the same JVM, with the bits of every cost) and POT's
               ot.sinkhorn (the cost matrix given) in this process after one warm-up call.

Run it under the build lock so no build shares the 2 cores. Needs the CLI built (./paperlab
builds it) and, for --in-jvm, benchmarks/target/benchmarks.jar.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import ot

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
POT_SOLVE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ot_pot_solve.py")
JAVA_OPTS = ["--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx4g"]


def problem(n, d, folder):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, d))
    y = rng.standard_normal((n, d))
    xs, ys = os.path.join(folder, f"x{n}_{d}.csv"), os.path.join(folder, f"y{n}_{d}.csv")
    np.savetxt(xs, x, delimiter=",", fmt="%.17g")
    np.savetxt(ys, y, delimiter=",", fmt="%.17g")
    # the median of what the files hold, as both sides read them
    x, y = np.loadtxt(xs, delimiter=","), np.loadtxt(ys, delimiter=",")
    if d == 1:
        x, y = x[:, None], y[:, None]
    eps = 0.05 * float(np.median(ot.dist(x, y)))
    return xs, ys, x, y, repr(eps)


def wall(cmd, env=None):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return time.perf_counter() - t0


def summary(ts):
    return f"{statistics.median(ts):6.3f} s [{min(ts):.3f}-{max(ts):.3f}]"


def ot_solve(launcher, xs, ys, eps, out):
    return [launcher, "ot", "solve", "--x", xs, "--y", ys, "--epsilon", eps,
            "--epsilon-relative", "none", "--tolerance", "1e-9", "--out", out]


def end_to_end(launcher, xs, ys, eps, folder, reps, baseline=None):
    out_p, out_j = os.path.join(folder, "r_paperlab.json"), os.path.join(folder, "r_pot.json")
    paperlab = ot_solve(launcher, xs, ys, eps, out_p)
    python = ["/usr/bin/python3", POT_SOLVE, xs, ys, eps, out_j]
    sides = [(paperlab, []), (python, [])]
    if baseline:
        sides.append((ot_solve(baseline, xs, ys, eps, os.path.join(folder, "r_baseline.json")), []))
    for r in range(reps):
        # rotate which side goes first, so none always runs on a warmer page cache
        for k in range(len(sides)):
            cmd, times = sides[(r + k) % len(sides)]
            times.append(wall(cmd))
    with open(out_p) as f:
        rp = json.load(f)
    with open(out_j) as f:
        rq = json.load(f)
    return sides[0][1], sides[1][1], rp, rq, sides[2][1] if baseline else None


def in_jvm(jar, xs, ys, eps, x, y, reps):
    firsts, later, bits = [], [], set()
    for _ in range(reps):
        out = subprocess.run(["java", *JAVA_OPTS, "-cp", jar, "org.paperlab.ot.ColdStartRun", xs, ys, eps, "6"],
                             check=True, capture_output=True, text=True).stdout
        # "solve <k> key value key value ...": read by key
        rows = [dict(zip(f[2::2], f[3::2])) for f in (line.split() for line in out.splitlines())
                if f and f[0] == "solve"]
        secs = [float(r["seconds"]) for r in rows]
        firsts.append(secs[0])
        later.extend(secs[1:])
        bits.update(r["bits"] for r in rows)
        its = rows[0]["iterations"]
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    pot = []
    c = ot.dist(x, y)
    for r in range(reps + 1):  # the first call warms NumPy up and is not counted
        t0 = time.perf_counter()
        ot.sinkhorn(a, b, c, float(eps), stopThr=1e-9, numItermax=100000)
        if r > 0:
            pot.append(time.perf_counter() - t0)
    return firsts, later, bits, its, pot


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--sizes", default="1000x2,2000x2,1500x16,5000x2")
    ap.add_argument("--in-jvm", action="store_true")
    ap.add_argument("--no-end-to-end", action="store_true")
    ap.add_argument("--paperlab", default=os.path.join(ROOT, "paperlab"), help="the launcher to time")
    ap.add_argument("--baseline", help="another launcher (say an older checkout's ./paperlab) timed in the same "
                    "interleaved loop, for before/after")
    ap.add_argument("--jar", default=os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar"),
                    help="the benchmarks jar for --in-jvm")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ot-e2e-") as folder:
        # build the CLI first (outside the timings)
        for launcher in [args.paperlab] + ([args.baseline] if args.baseline else []):
            subprocess.run([launcher, "--version"], check=True, stdout=subprocess.DEVNULL)
        for spec in args.sizes.split(","):
            n, d = (int(v) for v in spec.split("x"))
            xs, ys, x, y, eps = problem(n, d, folder)
            print(f"n = m = {n}, d = {d}, eps = {float(eps):.6g} (0.05 x median)", flush=True)
            if args.in_jvm:
                firsts, later, bits, its, pot = in_jvm(args.jar, xs, ys, eps, x, y, args.reps)
                print(f"  first solve in a fresh JVM {summary(firsts)} ({its} iterations); "
                      f"solves 2-6 {summary(later)}; POT ot.sinkhorn warm {summary(pot)}; "
                      f"distinct cost bits over all solves: {len(bits)}", flush=True)
            if not args.no_end_to_end:
                tp, tq, rp, rq, tb = end_to_end(args.paperlab, xs, ys, eps, folder, args.reps, args.baseline)
                ratio = statistics.median(tp) / statistics.median(tq)
                print(f"  end to end: paperlab ot solve {summary(tp)} (solve_seconds {rp['solve_seconds']:.3f}, "
                      f"{rp['iterations']} iterations); python+POT {summary(tq)} (solve {rq['solve_seconds']:.3f}); "
                      f"ratio {ratio:.2f}x; costs {rp['cost']:.10g} vs {rq['cost']:.10g}", flush=True)
                if tb:
                    print(f"  baseline launcher {summary(tb)}: ratio {statistics.median(tb) / statistics.median(tq):.2f}x "
                          f"to python+POT; this launcher / baseline {statistics.median(tp) / statistics.median(tb):.2f}",
                          flush=True)


if __name__ == "__main__":
    main()

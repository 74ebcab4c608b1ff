#!/usr/bin/python3
"""Head-to-head: paperlab-sinkhorn-ot against POT (Python Optimal Transport) on the same inputs.

Prerequisites (this script installs nothing):
    apt-get install python3-pot          # Debian's POT 0.8.2 with numpy, for /usr/bin/python3
    mvn -B -q -pl benchmarks -am package # builds benchmarks/target/benchmarks.jar (paperlab's driver)

Run from the repository root (hold the shared build lock so nothing else disturbs the timings):
    /usr/bin/python3 benchmarks/peers/ot_pot_compare.py [--sizes 1000,2000,5000] [--dims 2,64]
        [--eps 0.05,0.01] [--tol 1e-9] [--out benchmarks/peers/ot-pot] [--data /tmp/paperlab-ot-pot]

For every n = m, d and eps (relative to the median cost) the script draws x ~ U[0, 1]^d and
y ~ 0.3 + 0.8 U[0, 1]^d with numpy's default_rng(1000 n + d), writes them as CSV (Gaussian clouds
make plain Sinkhorn sublinear at eps = 0.01 x median: their far outliers need 1e4-1e5 iterations in
POT and in paperlab alike, so bounded clouds keep the comparison about speed, not about outliers), computes the squared Euclidean cost
M = ot.dist(x, y) and eps_abs = eps * median(M), then times
  * POT ot.sinkhorn(a, b, M, eps_abs, method=...) for 'sinkhorn', 'sinkhorn_log' and
    'sinkhorn_stabilized' (stopThr = tol: POT's L2 norm of the column-marginal error, checked every
    10 iterations), M precomputed and not timed;
  * paperlab on the same CSV files and the same eps_abs (org.paperlab.bench.ot.PotComparison), with
    the same stopping rule (L2 marginal error <= tol, checked every iteration), timed from the point
    clouds with the cost matrix built inside the timed call, and without the cost matrix (the
    ratios use that time, as POT gets M precomputed), after at least 3 s of JIT warm-up.
POT's log and stabilized solvers are slow; when a full run would exceed --budget seconds they run a
capped number of iterations and the full time is extrapolated from their time per iteration and the
iteration count of POT's 'sinkhorn', which computes the same iterates (marked '~' in the table).
POT's plain 'sinkhorn' gets --pot-budget seconds; if it stops there unconverged its time is a lower
bound of the time to converge. paperlab's plain 'kernel' and 'log' solvers (POT's iterates, for the
per-iteration comparison) get POT's iteration count plus 20.

Output: a Markdown table on stdout and in OUT/ot_pot_compare.md, all numbers in OUT/ot_pot_compare.json
and .csv, and a chart OUT/ot_pot_compare.png.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np
import ot

warnings.simplefilter("ignore")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar")
SOLVERS = ["stable", "stable_scaling", "kernel", "log"]


def timed(fn, repeats):
    best = None
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, out


def pot_run(a, b, M, eps, method, tol, max_iter, repeats):
    def fn():
        return ot.sinkhorn(a, b, M, eps, method=method, numItermax=max_iter, stopThr=tol, log=True)
    secs, (G, log) = timed(fn, repeats)
    errs = log.get("err", [])
    niter = log.get("niter", log.get("n_iter"))
    if niter is None:
        niter = max_iter
    err = float(np.linalg.norm(G.sum(0) - b))
    return {"seconds": secs, "iterations": int(niter), "cost": float(np.sum(G * M)), "mass": float(G.sum()),
            "error_l2": err, "converged": bool(err <= tol * 1.0001 and np.isfinite(G).all())}


def pot_slow(a, b, M, eps, method, tol, target_iters, budget):
    """A slow POT solver, never run longer than about `budget` seconds.

    It runs with numItermax = budget / (time per iteration). If it converges within that, the time is
    measured; if not and POT's 'sinkhorn' needed more iterations than the cap (the log solver computes
    the same iterates), the time is extrapolated to that count; otherwise it is reported as not
    converged with its measured time.
    """
    probe = 20
    t0 = time.perf_counter()
    ot.sinkhorn(a, b, M, eps, method=method, numItermax=probe, stopThr=0.0)
    per_iter = (time.perf_counter() - t0) / probe
    cap = max(probe, int(budget / per_iter))
    r = pot_run(a, b, M, eps, method, tol, cap, 1)
    r["extrapolated"] = False
    if not r["converged"] and r["iterations"] >= cap - 1 and target_iters > cap:
        r["per_iteration"] = r["seconds"] / max(r["iterations"], 1)
        r["capped_iterations"] = r["iterations"]
        r["capped_converged"] = r["converged"]
        r["seconds"] = r["per_iteration"] * target_iters
        r["iterations"] = target_iters
        r["extrapolated"] = True
    return r


def paperlab_run(xf, yf, eps, tol, max_iter, repeats, solvers, plain_max_iter):
    cmd = ["java", "--add-modules", "jdk.incubator.vector", "-Xmx8g", "-XX:+UseParallelGC", "-cp", JAR,
           "org.paperlab.bench.ot.PotComparison", xf, yf, repr(eps), repr(tol), str(max_iter), str(repeats),
           ",".join(solvers), str(plain_max_iter)]
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return {r["solver"]: r for r in (json.loads(line) for line in p.stdout.splitlines() if line.startswith("{"))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000")
    ap.add_argument("--dims", default="2,64")
    ap.add_argument("--eps", default="0.05,0.01")
    ap.add_argument("--tol", type=float, default=1e-9)
    ap.add_argument("--max-iter", type=int, default=100000)
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per slow POT solver before extrapolating")
    ap.add_argument("--pot-budget", type=float, default=300.0, help="seconds for POT's plain sinkhorn")
    ap.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "peers", "ot-pot"))
    ap.add_argument("--data", default="/tmp/paperlab-ot-pot", help="where the generated point clouds go")
    ap.add_argument("--merge", default=None,
                    help="comma-separated ot_pot_compare.json files of earlier partial runs: combine them into --out")
    args = ap.parse_args()
    if args.merge:
        rows = []
        for f in args.merge.split(","):
            with open(f) as fh:
                rows.extend(json.load(fh)["rows"])
        os.makedirs(args.out, exist_ok=True)
        write(rows, args)
        return
    if not os.path.exists(JAR):
        sys.exit("missing %s: run 'mvn -B -q -pl benchmarks -am package' first" % JAR)
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.data, exist_ok=True)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        for d in [int(s) for s in args.dims.split(",")]:
            rng = np.random.default_rng(1000 * n + d)
            x = rng.random((n, d))
            y = 0.3 + 0.8 * rng.random((n, d))
            xf = os.path.join(args.data, "x_%d_%d.csv" % (n, d))
            yf = os.path.join(args.data, "y_%d_%d.csv" % (n, d))
            np.savetxt(xf, x, delimiter=",", fmt="%.17g")
            np.savetxt(yf, y, delimiter=",", fmt="%.17g")
            a = np.full(n, 1.0 / n)
            b = np.full(n, 1.0 / n)
            M = ot.dist(x, y)
            med = float(np.median(M))
            for rel in [float(s) for s in args.eps.split(",")]:
                eps = rel * med
                quick = n <= 2000 and d == 2
                # POT's plain sinkhorn gets up to --pot-budget seconds (it can need 1e5 iterations)
                t0 = time.perf_counter()
                ot.sinkhorn(a, b, M, eps, method="sinkhorn", numItermax=20, stopThr=0.0)
                cap = int(min(args.max_iter, max(100, args.pot_budget / ((time.perf_counter() - t0) / 20))))
                pot = pot_run(a, b, M, eps, "sinkhorn", args.tol, cap, 3 if quick else 1)
                plog = pot_slow(a, b, M, eps, "sinkhorn_log", args.tol, pot["iterations"], args.budget)
                pstab = pot_slow(a, b, M, eps, "sinkhorn_stabilized", args.tol, pot["iterations"], args.budget)
                # the plain kernel and log solvers (POT's iterates, for the per-iteration comparison) only
                # up to n = 2000: at n = 5000 and small eps they need tens of thousands of iterations
                solvers = SOLVERS if n <= 2000 else SOLVERS[:2]
                ours = paperlab_run(xf, yf, eps, args.tol, args.max_iter, 5 if n <= 2000 else 2, solvers,
                                    pot["iterations"] + 20)
                base = {"n": n, "d": d, "eps_rel": rel, "eps": eps}
                for name, r in [("POT sinkhorn", pot), ("POT sinkhorn_log", plog), ("POT sinkhorn_stabilized", pstab)]:
                    rows.append(dict(base, solver=name, **r))
                for s in solvers:
                    r = ours[s]
                    rows.append(dict(base, solver="paperlab " + s, seconds=r["seconds"],
                                     solve_only_seconds=r["solve_only_seconds"], iterations=r["iterations"],
                                     cost=r["cost"], error_l2=r["error_l2"], converged=r["converged"],
                                     extrapolated=False, absorptions=r["absorptions"], kernels=r["kernels"]))
                for r in rows[-(3 + len(solvers)):]:
                    r["cost_rel_diff_vs_pot"] = abs(r["cost"] - pot["cost"]) / abs(pot["cost"])
                    # POT is timed with M given, so paperlab's like-for-like time is without its cost matrix
                    own = r.get("solve_only_seconds") or r["seconds"]
                    r["speedup_vs_pot_sinkhorn"] = pot["seconds"] / own
                    r["speedup_vs_pot_log"] = plog["seconds"] / own
                    r["speedup_vs_pot_sinkhorn_incl_cost"] = pot["seconds"] / r["seconds"]
                print("n=%d d=%d eps=%g x median: POT sinkhorn %.3f s (%d it), log %s%.3f s, paperlab stable %.3f s (%d it)"
                      % (n, d, rel, pot["seconds"], pot["iterations"], "~" if plog["extrapolated"] else "",
                         plog["seconds"], ours["stable"]["seconds"], ours["stable"]["iterations"]), file=sys.stderr)
    write(rows, args)


def write(rows, args):
    with open(os.path.join(args.out, "ot_pot_compare.json"), "w") as f:
        json.dump({"pot_version": ot.__version__, "numpy_version": np.__version__, "tol": args.tol, "rows": rows},
                  f, indent=1)
    keys = ["n", "d", "eps_rel", "eps", "solver", "seconds", "solve_only_seconds", "iterations", "cost", "cost_rel_diff_vs_pot",
            "error_l2", "converged", "extrapolated", "speedup_vs_pot_sinkhorn", "speedup_vs_pot_log",
            "speedup_vs_pot_sinkhorn_incl_cost"]
    with open(os.path.join(args.out, "ot_pot_compare.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(keys)
        for r in rows:
            w.writerow([r.get(k, "") for k in keys])
    lines = ["POT %s, numpy %s; tolerance %g on the L2 marginal error; time per solve (POT: solver only, M given; "
             "paperlab: from the point clouds, cost matrix included, and without it); the ratios compare like "
             "with like: POT's time over paperlab's time without the cost matrix; "
             "'~' = extrapolated from a capped run."
             % (ot.__version__, np.__version__, args.tol), "",
             "| n | d | eps/median | solver | time (s) | without cost matrix (s) | iterations | "
             "cost rel. diff vs POT sinkhorn | converged | POT sinkhorn / this | POT sinkhorn_log / this |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        so = r.get("solve_only_seconds")
        lines.append("| %d | %d | %g | %s | %s%.4g | %s | %d | %.1e | %s | %.2f | %.1f |" % (
            r["n"], r["d"], r["eps_rel"], r["solver"], "~" if r.get("extrapolated") else "", r["seconds"],
            "%.4g" % so if so is not None else "", r["iterations"], r["cost_rel_diff_vs_pot"],
            "yes" if r["converged"] else "no", r["speedup_vs_pot_sinkhorn"], r["speedup_vs_pot_log"]))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "ot_pot_compare.md"), "w") as f:
        f.write(text)
    print(text)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        cases = sorted({(r["n"], r["d"], r["eps_rel"]) for r in rows}, key=lambda c: (c[0], c[1], -c[2]))
        names = ["POT sinkhorn", "POT sinkhorn_log", "paperlab stable", "paperlab stable_scaling"]
        fig, ax = plt.subplots(figsize=(12, 5))
        width = 0.8 / len(names)
        for k, name in enumerate(names):
            vals = [next(r["seconds"] for r in rows if (r["n"], r["d"], r["eps_rel"]) == c and r["solver"] == name)
                    for c in cases]
            ax.bar([i + k * width for i in range(len(cases))], vals, width, label=name)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(cases))])
        ax.set_xticklabels(["n=%d\nd=%d\neps=%g" % c for c in cases], fontsize=8)
        ax.set_yscale("log")
        ax.set_ylabel("seconds per solve")
        ax.set_title("Sinkhorn: paperlab vs POT %s (same inputs, tolerance %g)" % (ot.__version__, args.tol))
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(args.out, "ot_pot_compare.png"), dpi=110)
    except ImportError:
        pass


if __name__ == "__main__":
    main()

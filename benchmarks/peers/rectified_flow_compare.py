#!/usr/bin/python3
"""paperlab's rectified flow vs PyTorch on the official 2-D notebook's 1-RF toy, same run.

Setup (Liu, Gong, Liu 2022; gnobitab/RectifiedFlow's 2-D notebook): source and target equal
mixtures of three Gaussians (D = 10, covariance 0.3 I), 10,000 samples each; velocity field an MLP
3 -> 100 -> 100 -> 2 (tanh, t concatenated raw), float32; Adam lr 5e-3; batch 2048; each step draws
2048 source and 2048 target rows independently (without replacement within the batch) and
t ~ U(0, 1); loss = squared error summed over the 2 dimensions, averaged over the batch.

This script draws the data once per seed (NumPy), writes it to CSV, and trains the identical
setup in PyTorch (Debian's python3-torch, 2 threads; once with OpenMP's default active waiting
and once with OMP_WAIT_POLICY=PASSIVE, each in its own interpreter) and in paperlab
(benchmarks.jar, org.paperlab.bench.flow.FlowToyRun), one after the other on the same machine.
Both sides time training after a warm-up; sampling is Euler with N = 100 steps from 2,000 fresh
source points (timed after a warm-up pass). Sample quality: the energy distance (V-statistic)
between the generated points and 2,000 fresh target samples, computed here for both sides by the
same code, at N = 100 and N = 1.

Needs: apt-get install python3-torch  (run with /usr/bin/python3; installs nothing)
       mvn -B -q -pl benchmarks -am package -DskipTests
Usage: /usr/bin/python3 benchmarks/peers/rectified_flow_compare.py
           [--steps 10000] [--seeds 0,1,2] [--out results.json]
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

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar")
D, VAR = 10.0, 0.3
S3 = np.sqrt(3.0)
SOURCE_MEANS = np.array([[D * S3 / 2, D / 2], [-D * S3 / 2, D / 2], [0.0, -D * S3 / 2]])
TARGET_MEANS = np.array([[D * S3 / 2, -D / 2], [-D * S3 / 2, -D / 2], [0.0, D * S3 / 2]])


def mixture(means, n, rng):
    k = rng.integers(0, len(means), size=n)
    return (means[k] + np.sqrt(VAR) * rng.standard_normal((n, 2))).astype(np.float32)


def energy_distance(x, y):
    """V-statistic energy distance 2 E|X-Y| - E|X-X'| - E|Y-Y'| (Szekely and Rizzo)."""
    def mean_dist(a, b):
        d2 = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
        return np.sqrt(np.maximum(d2, 0)).mean()
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    return 2 * mean_dist(x, y) - mean_dist(x, x) - mean_dist(y, y)


TORCH_CHILD = r'''
import json, sys, time
import numpy as np
import torch
torch.set_num_threads(2)
x0 = torch.from_numpy(np.loadtxt(sys.argv[1], delimiter=",", dtype=np.float32))
x1 = torch.from_numpy(np.loadtxt(sys.argv[2], delimiter=",", dtype=np.float32))
z0 = torch.from_numpy(np.loadtxt(sys.argv[3], delimiter=",", dtype=np.float32))
out, steps, seed = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])

def model():
    return torch.nn.Sequential(torch.nn.Linear(3, 100), torch.nn.Tanh(), torch.nn.Linear(100, 100),
                               torch.nn.Tanh(), torch.nn.Linear(100, 2))

def train(n_steps):
    torch.manual_seed(seed)
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=5e-3)
    n0, n1 = len(x0), len(x1)
    t0 = time.perf_counter()
    for _ in range(n_steps):
        a = x0[torch.randperm(n0)[:2048]]
        b = x1[torch.randperm(n1)[:2048]]
        t = torch.rand(2048, 1)
        zt = t * b + (1 - t) * a
        pred = net(torch.cat([zt, t], dim=1))
        loss = (b - a - pred).pow(2).sum(dim=1).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return net, time.perf_counter() - t0, loss.item()

@torch.no_grad()
def sample(net, n):
    z = z0.clone()
    dt = 1.0 / n
    for i in range(n):
        t = torch.full((len(z), 1), i / n)
        z = z + net(torch.cat([z, t], dim=1)) * dt
    return z

train(min(300, steps))  # warm-up
net, secs, loss = train(steps)
sample(net, 100)
t0 = time.perf_counter()
s100 = sample(net, 100)
ssecs = time.perf_counter() - t0
s1 = sample(net, 1)
np.savetxt(out + "_nfe100.csv", s100.numpy(), delimiter=",")
np.savetxt(out + "_nfe1.csv", s1.numpy(), delimiter=",")
print(json.dumps(dict(train_seconds=secs, steps=steps, steps_per_second=steps / secs, ms_per_step=1e3 * secs / steps,
                      sample_seconds_nfe100=ssecs, samples_per_second_nfe100=len(z0) / ssecs, final_loss=loss)))
'''


def run_torch(files, out, steps, seed, wait_policy):
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
    r = subprocess.run([sys.executable, "-c", TORCH_CHILD, *files, out, str(steps), str(seed)],
                       check=True, capture_output=True, text=True, env=env)
    return json.loads(r.stdout.strip().splitlines()[-1])


def run_paperlab(files, outdir, steps, seed):
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE", GLIBC_TUNABLES="glibc.malloc.hugetlb=1")
    cmd = ["java", "--add-modules", "jdk.incubator.vector", "-Xmx4g", "-XX:+UseParallelGC",
           "-Dorg.bytedeco.javacpp.maxphysicalbytes=0", "-Dorg.bytedeco.javacpp.maxbytes=8g",
           "-Dorg.bytedeco.javacpp.cachedir=" + os.path.join(ROOT, ".cache", "javacpp"),
           "-cp", JAR, "org.paperlab.bench.flow.FlowToyRun", *files, outdir, str(steps), str(seed)]
    r = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    return json.loads([l for l in r.stdout.splitlines() if l.startswith("{")][-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=10000)
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("missing %s: run 'mvn -B -pl benchmarks -am package -DskipTests' first" % JAR)
    import torch  # noqa: F401  (fail early when python3-torch is missing)
    seeds = [int(s) for s in a.seeds.split(",")]
    work = tempfile.mkdtemp(prefix="paperlab-rf-")
    rows = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        x0, x1 = mixture(SOURCE_MEANS, 10000, rng), mixture(TARGET_MEANS, 10000, rng)
        z0, test = mixture(SOURCE_MEANS, 2000, rng), mixture(TARGET_MEANS, 2000, rng)
        files = []
        for name, arr in (("x0", x0), ("x1", x1), ("z0", z0)):
            p = os.path.join(work, "%s_s%d.csv" % (name, seed))
            np.savetxt(p, arr, delimiter=",", fmt="%.9g")
            files.append(p)
        res = {}
        for side, fn in (("paperlab", lambda o: run_paperlab(files, o, a.steps, seed)),
                         ("torch_passive", lambda o: run_torch(files, os.path.join(o, "torch"), a.steps, seed, "PASSIVE")),
                         ("torch_default", lambda o: run_torch(files, os.path.join(o, "torch"), a.steps, seed, None))):
            out = os.path.join(work, "%s_s%d" % (side, seed))
            os.makedirs(out, exist_ok=True)
            r = fn(out)
            prefix = os.path.join(out, "paperlab" if side == "paperlab" else "torch")
            for nfe in (100, 1):
                r["energy_distance_nfe%d" % nfe] = energy_distance(np.loadtxt(prefix + "_nfe%d.csv" % nfe, delimiter=","), test)
            res[side] = r
            print("seed %d %-14s %8.1f steps/s (%.2f ms/step) %10.0f samples/s at N=100  energy distance N=100 %.4f  N=1 %.4f"
                  % (seed, side, r["steps_per_second"], r["ms_per_step"], r["samples_per_second_nfe100"],
                     r["energy_distance_nfe100"], r["energy_distance_nfe1"]), flush=True)
        res["energy_distance_floor"] = energy_distance(mixture(TARGET_MEANS, 2000, rng), test)
        rows.append(dict(seed=seed, **res))

    def med(side, key):
        v = [r[side][key] for r in rows]
        return statistics.median(v), min(v), max(v)

    print()
    print("1-RF toy, %d steps, batch 2048, %d seed(s); median [min, max] over seeds" % (a.steps, len(rows)))
    print("%-14s %22s %24s %26s %26s" % ("", "train steps/s", "samples/s at N=100", "energy dist. N=100", "energy dist. N=1"))
    for side in ("paperlab", "torch_passive", "torch_default"):
        cells = []
        for key, f in (("steps_per_second", "%.1f"), ("samples_per_second_nfe100", "%.0f"),
                       ("energy_distance_nfe100", "%.4f"), ("energy_distance_nfe1", "%.4f")):
            m, lo, hi = med(side, key)
            cells.append((f + " [" + f + ", " + f + "]") % (m, lo, hi))
        print("%-14s %22s %24s %26s %26s" % (side, *cells))
    floor = statistics.median(r["energy_distance_floor"] for r in rows)
    p, tp = med("paperlab", "steps_per_second")[0], med("torch_passive", "steps_per_second")[0]
    sp, stp = med("paperlab", "samples_per_second_nfe100")[0], med("torch_passive", "samples_per_second_nfe100")[0]
    print("energy distance of two independent target samples (floor): %.4f" % floor)
    print("paperlab / PyTorch passive: training %.2fx, sampling %.2fx (PyTorch as installed: training %.2fx)"
          % (p / tp, sp / stp, p / med("torch_default", "steps_per_second")[0]))
    if a.out:
        json.dump(rows, open(a.out, "w"), indent=2)


if __name__ == "__main__":
    main()

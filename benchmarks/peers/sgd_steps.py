#!/usr/bin/env python3
"""Peer timing for paperlab's SgdStepBench 'lad' case: steps per second of SGD on population
least absolute deviation, x <- x - eta_t sign(a^T(x - x*)) a with a ~ N(0, I_d) (plus the uniform
average), in NumPy and PyTorch on one CPU thread, for d in {10, 1000}.

Run with the Debian interpreter that has numpy and torch: /usr/bin/python3 benchmarks/peers/sgd_steps.py
Prints one line per (library, d): steps/s. Installs nothing.
"""
import sys
import time

import numpy as np

STEPS = 20000


def numpy_steps(d, steps=STEPS):
    rng = np.random.default_rng(1)
    xs = np.full(d, 1 / np.sqrt(d))
    x = np.zeros(d)
    avg = np.zeros(d)
    c = 1 / np.sqrt(d)
    t0 = time.perf_counter()
    for t in range(1, steps + 1):
        a = rng.standard_normal(d)
        g = np.sign(a @ (x - xs)) * a
        x -= (c / np.sqrt(t)) * g
        avg += (x - avg) / t
    return steps / (time.perf_counter() - t0)


def torch_steps(d, steps=STEPS):
    import torch
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(1)
    xs = torch.full((d,), 1 / d ** 0.5, dtype=torch.float64)
    x = torch.zeros(d, dtype=torch.float64)
    avg = torch.zeros(d, dtype=torch.float64)
    c = 1 / d ** 0.5
    t0 = time.perf_counter()
    for t in range(1, steps + 1):
        a = torch.randn(d, generator=gen, dtype=torch.float64)
        g = torch.sign(a @ (x - xs)) * a
        x -= (c / t ** 0.5) * g
        avg += (x - avg) / t
    return steps / (time.perf_counter() - t0)


def main():
    for d in (10, 1000):
        print(f"numpy {np.__version__} d={d}: {numpy_steps(d):.4g} steps/s")
        try:
            import torch
            print(f"torch {torch.__version__} d={d}: {torch_steps(d):.4g} steps/s")
        except ImportError:
            print("torch not available", file=sys.stderr)


if __name__ == "__main__":
    main()

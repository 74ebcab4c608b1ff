#!/usr/bin/env python3
"""The Python + POT side of ot_end_to_end.py, as one whole process.

    /usr/bin/python3 ot_pot_solve.py X.csv Y.csv EPS out.json

Loads both point clouds with NumPy, builds the squared Euclidean cost with ot.dist, runs
ot.sinkhorn (uniform weights, absolute epsilon EPS, stopThr 1e-9) and writes the transport cost
<P, C> and the solve time as JSON: what `paperlab ot solve --epsilon-relative none` does.
"""
import json
import sys
import time

import numpy as np
import ot


def main():
    x_csv, y_csv, eps, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    x = np.loadtxt(x_csv, delimiter=",", ndmin=2)
    y = np.loadtxt(y_csv, delimiter=",", ndmin=2)
    t0 = time.perf_counter()
    c = ot.dist(x, y)  # squared Euclidean
    a = np.full(len(x), 1.0 / len(x))
    b = np.full(len(y), 1.0 / len(y))
    p = ot.sinkhorn(a, b, c, eps, stopThr=1e-9, numItermax=100000)
    cost = float(np.sum(p * c))
    with open(out, "w") as f:
        json.dump({"cost": cost, "solve_seconds": time.perf_counter() - t0, "n": len(x), "m": len(y)}, f)


if __name__ == "__main__":
    main()

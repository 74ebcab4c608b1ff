"""Reference values for paperlab-private-gsd's Zcdp tests (independent of the Java code).

Canonne, Kamath, Steinke (2020), Corollary 13: rho-zCDP implies (eps, delta)-DP with
  delta = inf_{alpha>1} exp((alpha-1)(alpha*rho - eps)) / (alpha-1) * (1 - 1/alpha)^alpha.
Here the infimum is found by scipy's bounded scalar minimiser on log(delta) over alpha, and
eps / rho are inverted with scipy's brentq root finder (not bisection, as the Java code does).
Run: /usr/bin/python3 benchmarks/peers/zcdp_reference.py
"""
import math
import scipy
from scipy.optimize import minimize_scalar, brentq


def log_delta(rho, eps):
    f = lambda a: (a - 1) * (a * rho - eps) + a * math.log1p(-1 / a) - math.log(a - 1)
    hi = max(4.0, 4 * (eps + 1) / rho)
    r = minimize_scalar(f, bounds=(1 + 1e-9, hi), method="bounded", options={"xatol": 1e-12, "maxiter": 10000})
    return min(0.0, r.fun)


def delta(rho, eps):
    return math.exp(log_delta(rho, eps))


def eps_of(rho, d):
    return brentq(lambda e: log_delta(rho, e) - math.log(d), 0.0, rho + 2 * math.sqrt(rho * math.log(1 / d)) + 1, xtol=1e-14)


def rho_of(eps, d):
    return brentq(lambda r: log_delta(r, eps) - math.log(d), 1e-12, eps + 1, xtol=1e-16)


print("scipy", scipy.__version__)
n = 32561
for eps, d in [(1.0, 1e-6), (0.07, 1 / n**2), (0.23, 1 / n**2), (0.52, 1 / n**2), (0.74, 1 / n**2), (1.0, 1 / n**2), (10.0, 1e-9)]:
    print(f"rho({eps}, {d!r}) = {rho_of(eps, d)!r}")
for rho, e in [(0.025, 1.0), (0.5, 3.0), (0.01, 0.1)]:
    print(f"delta({rho}, {e}) = {delta(rho, e)!r}")
for rho, d in [(0.025, 1e-6), (1.0, 1e-5)]:
    print(f"eps({rho}, {d!r}) = {eps_of(rho, d)!r}")

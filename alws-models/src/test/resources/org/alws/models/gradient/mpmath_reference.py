# Reproduces the reference values of GradientEstimationMarginalTest.REFERENCE with mpmath (tested with 1.3.0):
# log p(x) by 40-digit tanh-sinh quadrature of p(x) = ∫ φ(u) N(x; softplus(r u) − r², σ²) du (r = ‖b‖) on a
# quarter-unit grid plus breakpoints graded around the likelihood ridge, and ∇_b log p(x) by central differences
# with step 1e-15 in 40-digit arithmetic. It shares no code with the Java implementation.
#   python3 mpmath_reference.py
import mpmath as mp

mp.mp.dps = 40
CASES = """
1 0.5 0.1 -5
1 0.5 0.1 -1
1 0.5 0.1 0.3
1 0.5 0.1 3
1 0.5 0.1 10
1 0.5 0.1 40
0.2 0.1 0.1 -1
0.2 0.1 0.1 0.3
0.2 0.1 0.1 0.69
0.2 0.1 0.1 3
0.2 0.1 0.5 1
2 -1 0.1 -5
2 -1 0.1 -4.9
2 -1 0.1 8
3 3 0.1 40
3 3 0.1 -17.9
0.001 0 0.1 1
0.001 0 1 0
1e-6 2e-6 0.5 2
0.05 0.02 0.1 0.8
-0.7 0.3 0.1 0.1
"""


def log_integrand(u, r, r2, s, x):
    return -u * u / 2 - (x - mp.log1p(mp.exp(r * u)) + r2) ** 2 / (2 * s * s)


def logp(b1, b2, s, x):
    r2 = b1 ** 2 + b2 ** 2
    r = mp.sqrt(r2)
    pts = [mp.mpf(p) / 4 for p in range(-200, 201)]
    if x + r2 > 0:
        u0 = mp.log(mp.expm1(x + r2)) / r
        if abs(u0) < 50:
            w = s / r / (1 - mp.exp(-(x + r2)))
            pts += [u0] + [u0 + k * w * mp.mpf(2) ** j for j in range(-3, 8) for k in (-1, 1)]
    pts = sorted(set(p for p in pts if -50 <= p <= 50))
    lmax = max(log_integrand(u, r, r2, s, x) for u in pts)
    integral = mp.quad(lambda u: mp.exp(log_integrand(u, r, r2, s, x) - lmax), pts, maxdegree=10)
    return lmax + mp.log(integral) - mp.log(2 * mp.pi) - mp.log(s)


for line in CASES.strip().splitlines():
    b1, b2, s, x = [mp.mpf(t) for t in line.split()]
    h = mp.mpf('1e-15')
    g = []
    for k in range(2):
        bp = [b1, b2]
        bm = [b1, b2]
        bp[k] += h
        bm[k] -= h
        g.append((logp(bp[0], bp[1], s, x) - logp(bm[0], bm[1], s, x)) / (2 * h))
    print(line, mp.nstr(logp(b1, b2, s, x), 20), mp.nstr(g[0], 20), mp.nstr(g[1], 20))

#!/usr/bin/python3
"""Writes special-values.json: reference values of ln|Gamma|, digamma and ln 2F1 from mpmath.

Run with Debian's python3 (apt-get install python3-mpmath):
    /usr/bin/python3 src/analytics/special/__fixtures__/generate.py

Every value is computed at 60 significant digits and checked against a 40-digit run, so a value
that mpmath could not settle fails the script instead of entering the fixture. The 2F1 arguments
follow where Comeback uses it: the Pareto/NBD likelihood, 2F1(r+s+x, b; r+s+x+1; z) with b in
{s, s+1, r+x, r+x+1} and x up to 1000, z from 1e-8 to 0.999999 and negative; BG/NBD's E[X(t)],
2F1(r, b; a+b-1; t/(alpha+t)); and a few generic cases (large parameters, c - a - b an integer).
"""
import json
import os

import mpmath

R, ALPHA, S, BETA = 0.553, 10.578, 0.606, 11.669  # Pareto/NBD on CDNOW (Fader & Hardie 2005)
BG_R, BG_ALPHA, BG_A, BG_B = 0.243, 4.414, 0.793, 2.426  # BG/NBD on CDNOW (FHL 2005)

LOG_GAMMA_POINTS = [
    1e-300, 1e-100, 1e-10, 1e-5, 1e-3, 0.1, 0.25, 0.5, 0.9, 0.999, 1.001, 1.1, 1.5, 1.9, 1.999,
    2.001, 2.5, 3, 7.5, 10, 33.3, 100.5, 171.7, 500.25, 1e3, 12345.678, 1e5, 1e7, 1e10, 1e15,
    1e20, 1e100, 1e300, -0.5, -1.5, -2.7, -10.3, -100.5,
]
DIGAMMA_POINTS = [
    1e-8, 1e-3, 0.1, 0.5, 1, 1.5, 2, 3.7, 10, 100.5, 1e3, 1e6, 1e10, 1e15, -0.5, -1.5, -2.3,
    -10.7,
]
PARETO_X = [0, 1, 3, 10, 50, 200, 500, 1000]
PARETO_Z = [1e-8, 0.05, 0.3, 0.5, 0.9, 0.99, 0.999, 0.999999]
NEGATIVE_Z = [-1e-3, -0.5, -3, -100, -1e6]
GENERIC = [
    (1.5, 2.5, 3.7, 0.7),
    (0.1, 0.2, 0.3, 0.95),
    (5, 7, 1.5, 0.5),
    (50, 50, 1, 0.5),
    (2, 3, 4, -0.9),
    (0.5, 0.5, 1.5, 0.9999999),
    (1, 1, 2, 0.999999),
    (3, 2, 5, 0.999),
    (2, 3, 5, 0.999999),
    (0.01, 0.02, 0.05, 0.99999),
    (300, 0.5, 301, 0.9999),
]


def settled(compute):
    """compute() at 60 and at 40 digits; returns the 60-digit value as a float if they agree."""
    with mpmath.workdps(60):
        precise = compute()
    with mpmath.workdps(40):
        rough = compute()
    scale = max(abs(precise), mpmath.mpf(1))
    if abs(precise - rough) > mpmath.mpf(10) ** -25 * scale:
        raise ValueError('mpmath did not settle: %s vs %s' % (precise, rough))
    return float(precise)


def log_hyp2f1(a, b, c, z):
    def compute():
        value = mpmath.hyp2f1(mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(c), mpmath.mpf(z))
        if value <= 0:
            raise ValueError('2F1 not positive at %r' % ((a, b, c, z),))
        return mpmath.log(value)

    return settled(compute)


def hyp2f1_cases():
    cases = []
    for x in PARETO_X:
        a = R + S + x
        for b in (S, S + 1, R + x, R + x + 1):
            for z in PARETO_Z:
                cases.append((a, b, a + 1, z))
            for z in NEGATIVE_Z:
                cases.append((a, b, a + 1, z))
    for t in (1, 10, 39, 78, 520, 5200):
        cases.append((BG_R, BG_B, BG_A + BG_B - 1, t / (BG_ALPHA + t)))
    for t in (30, 365, 3650):
        cases.append((BG_R, BG_B, BG_A + BG_B - 1, t / (30.0 + t)))
    cases.extend(GENERIC)
    return cases


def main():
    fixture = {
        'source': 'mpmath %s at 60 digits, checked at 40 (generate.py)' % mpmath.__version__,
        'logGamma': [
            [x, settled(lambda: mpmath.re(mpmath.loggamma(mpmath.mpf(x))))]
            for x in LOG_GAMMA_POINTS
        ],
        'digamma': [[x, settled(lambda: mpmath.digamma(mpmath.mpf(x)))] for x in DIGAMMA_POINTS],
        'logHyp2f1': [[a, b, c, z, log_hyp2f1(a, b, c, z)] for (a, b, c, z) in hyp2f1_cases()],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'special-values.json')
    with open(path, 'w') as out:
        json.dump(fixture, out, indent=1)
        out.write('\n')


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""Writes hyp2f1-one-values.json: reference values of ln 2F1(1, p; p + q; 1 - eps) from mpmath.

Run with Debian's python3 (apt-get install python3-mpmath):
    /usr/bin/python3 src/analytics/special/__fixtures__/hyp2f1-one-generate.py

The grid spans what the Pareto/NBD likelihood asks of logHyp2f1One on its ridges: p from 1e-6
to 1e10, q from 1e-6 to 1e5 (integers, and 1 + 1e-9 next to one), 1 - z from 0.5 down to 1e-12.
Each value is computed at 50 significant digits and checked against a 35-digit run; cases mpmath
cannot settle within 3 seconds (p = 1e10 with 1 - z not tiny) are left out, so every entry is one
mpmath agrees with itself on. Rows are [p, q, 1 - z, ln 2F1].
"""
import itertools
import json
import os
import signal

import mpmath

P = [1e-6, 0.01, 0.5, 1.0, 1.5, 3.7, 20.0, 300.0, 1e4, 1e6, 1e8, 1e10]
Q = [1e-6, 0.01, 0.3, 1.0, 1.000000001, 2.0, 2.5, 7.0, 60.0, 1e3, 1e5]
ONE_MINUS_Z = [0.5, 0.1, 1e-2, 1e-4, 1e-6, 1e-9, 1e-12]


class Slow(Exception):
    pass


def give_up(signum, frame):
    raise Slow()


def log_hyp2f1_one(p, q, eps, digits):
    with mpmath.workdps(digits):
        p, q, eps = mpmath.mpf(p), mpmath.mpf(q), mpmath.mpf(eps)
        return mpmath.log(mpmath.hyp2f1(1, p, p + q, 1 - eps))


def settled(p, q, eps):
    signal.alarm(3)
    try:
        fine = log_hyp2f1_one(p, q, eps, 50)
        coarse = log_hyp2f1_one(p, q, eps, 35)
    except (Slow, mpmath.libmp.NoConvergence):
        return None
    finally:
        signal.alarm(0)
    if abs(fine - coarse) > mpmath.mpf(10) ** -25 * max(1, abs(fine)):
        return None
    return float(fine)


def main():
    signal.signal(signal.SIGALRM, give_up)
    rows = []
    for p, q, eps in itertools.product(P, Q, ONE_MINUS_Z):
        if p + q <= 1:
            continue
        value = settled(p, q, eps)
        if value is not None:
            rows.append([p, q, eps, value])
    fixture = {'source': 'mpmath %s at 50 digits (hyp2f1-one-generate.py)' % mpmath.__version__,
               'rows': rows}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'hyp2f1-one-values.json')
    with open(path, 'w') as out:
        json.dump(fixture, out)
        out.write('\n')


if __name__ == '__main__':
    main()

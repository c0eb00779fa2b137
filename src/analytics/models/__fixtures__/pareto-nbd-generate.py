#!/usr/bin/python3
"""Writes pareto-nbd-values.json: Pareto/NBD per-customer values from the textbook formulas.

Run with Debian's python3 (apt-get install python3-mpmath):
    /usr/bin/python3 src/analytics/models/__fixtures__/pareto-nbd-generate.py
    /usr/bin/python3 src/analytics/models/__fixtures__/pareto-nbd-generate.py --ridge
(the second writes pareto-nbd-ridge-values.json: parameters out along the likelihood's ridges,
r and alpha or s and beta large together, or s tiny and beta huge, with the 2F1 argument up to
within 1e-5 of 1).

An independent reference for src/analytics/models/pareto-nbd.ts: where the code uses the
all-positive form with a log-space 2F1 in doubles, this script evaluates Fader & Hardie's own
expressions ("A Note on Deriving the Pareto/NBD Model and Related Expressions", 2005) with
mpmath at 60 digits, where the difference of two 2F1 terms in A0 cancels harmlessly:
    L = G(r+x) a^r b^s / G(r) * [ (a+T)^-(r+x) (b+T)^-s + s/(r+s+x) * A0 ]
    A0 = 2F1(r+s+x, s+1; r+s+x+1; (a-b)/(a+t_x)) / (a+t_x)^(r+s+x) - (the same at T)   if a >= b
    A0 = 2F1(r+s+x, r+x; r+s+x+1; (b-a)/(b+t_x)) / (b+t_x)^(r+s+x) - (the same at T)   if a < b
    P(alive) = (a+T)^-(r+x) (b+T)^-s / [ ... ]
    E[X(T, T+t) | x, t_x, T] = (r+x)(b+T) / ((a+T)(s-1)) * [1 - ((b+T)/(b+T+t))^(s-1)] * P(alive)
Each value is checked against a 40-digit run, and A0 against direct quadrature of its integral
s/(r+s+x) A0 = s Int_{t_x}^T (a+t)^-(r+x) (b+t)^-(s+1) dt (to 1e-6: mpmath's quadrature is the
weaker of the two when the integrand falls steeply).
"""
import json
import os
import sys

import mpmath

PARAMS = [
    {'r': 0.553, 'alpha': 10.578, 's': 0.606, 'beta': 11.669},  # CDNOW, Fader & Hardie
    {'r': 2.5, 'alpha': 3.0, 's': 0.05, 'beta': 400.0},  # beta >> alpha
    {'r': 0.1, 'alpha': 500.0, 's': 3.0, 'beta': 0.5},  # alpha >> beta: 2F1 argument near 1
    {'r': 1.3, 'alpha': 7.0, 's': 1.0, 'beta': 7.0},  # alpha = beta, s = 1
]
RIDGE_PARAMS = [
    {'r': 5.0e4, 'alpha': 4.0e5, 's': 9.0, 'beta': 500.0},  # purchase rates barely vary
    {'r': 0.8, 'alpha': 40.0, 's': 4.0e-6, 'beta': 4.0e6},  # no dropout to speak of
    {'r': 400.0, 'alpha': 3000.0, 's': 500.0, 'beta': 5000.0},  # neither rate varies much
    {'r': 1.5, 'alpha': 3.0, 's': 2.3, 'beta': 3.0e5},  # beta >> alpha, both shapes above 1
]
HISTORIES = [  # (x, t_x, T)
    (0, 0.0, 38.86), (0, 0.0, 0.5), (1, 1.0, 30.0), (2, 30.43, 38.86), (2, 5.0, 38.86),
    (7, 35.0, 36.0), (20, 10.0, 39.0), (100, 38.0, 39.0), (500, 77.9, 78.0), (500, 10.0, 78.0),
    (1000, 300.0, 365.0),
]
HORIZON = 39.0


def a0(r, a, s, b, x, u):
    """one of the two 2F1 terms of Fader & Hardie's A0, at u = t_x or u = T"""
    m = r + s + x
    if a >= b:
        return mpmath.hyp2f1(m, s + 1, m + 1, (a - b) / (a + u)) / (a + u) ** m
    return mpmath.hyp2f1(m, r + x, m + 1, (b - a) / (b + u)) / (b + u) ** m


def values(p, x, t_x, T):
    r, a, s, b = (mpmath.mpf(p[k]) for k in ('r', 'alpha', 's', 'beta'))
    x, t_x, T, t = mpmath.mpf(x), mpmath.mpf(t_x), mpmath.mpf(T), mpmath.mpf(HORIZON)
    alive = (a + T) ** -(r + x) * (b + T) ** -s
    died = s / (r + s + x) * (a0(r, a, s, b, x, t_x) - a0(r, a, s, b, x, T))
    log_constant = mpmath.loggamma(r + x) - mpmath.loggamma(r) + r * mpmath.log(a) + s * mpmath.log(b)
    probability_alive = alive / (alive + died)
    if s == 1:
        alive_time = (b + T) * mpmath.log((b + T + t) / (b + T))
    else:
        alive_time = (b + T) / (s - 1) * (1 - ((b + T) / (b + T + t)) ** (s - 1))
    expected = (r + x) / (a + T) * alive_time * probability_alive
    return [log_constant + mpmath.log(alive + died), probability_alive, expected]


def check_by_quadrature(p, x, t_x, T):
    r, a, s, b = (mpmath.mpf(p[k]) for k in ('r', 'alpha', 's', 'beta'))
    x, t_x, T = mpmath.mpf(x), mpmath.mpf(t_x), mpmath.mpf(T)
    died = s / (r + s + x) * (a0(r, a, s, b, x, t_x) - a0(r, a, s, b, x, T))
    # the integrand can fall by hundreds of orders of magnitude: pieces crowd towards t_x
    pieces = [t_x + (T - t_x) * (k / mpmath.mpf(60)) ** 3 for k in range(61)]
    integral = s * mpmath.quad(lambda u: (a + u) ** -(r + x) * (b + u) ** -(s + 1), pieces)
    if abs(died - integral) > mpmath.mpf(10) ** -6 * abs(died):
        raise ValueError('A0 disagrees with quadrature at %r %r' % (p, (x, t_x, T)))


def settled(p, x, t_x, T):
    with mpmath.workdps(60):
        precise = values(p, x, t_x, T)
        check_by_quadrature(p, x, t_x, T)
    with mpmath.workdps(40):
        rough = values(p, x, t_x, T)
    for fine, coarse in zip(precise, rough):
        if abs(fine - coarse) > mpmath.mpf(10) ** -18 * max(abs(fine), 1):
            raise ValueError('mpmath did not settle at %r %r' % (p, (x, t_x, T)))
    return [float(v) for v in precise]


def main():
    ridge = '--ridge' in sys.argv
    rows = []
    for p in RIDGE_PARAMS if ridge else PARAMS:
        for (x, t_x, T) in HISTORIES:
            log_likelihood, probability_alive, expected = settled(p, x, t_x, T)
            rows.append({
                'params': p, 'x': x, 'recency': t_x, 'age': T, 'horizon': HORIZON,
                'logLikelihood': log_likelihood, 'probabilityAlive': probability_alive,
                'expectedTransactions': expected,
            })
    fixture = {'source': 'mpmath %s, Fader & Hardie 2005 expressions at 60 digits (pareto-nbd-generate.py)' % mpmath.__version__,
               'rows': rows}
    name = 'pareto-nbd-ridge-values.json' if ridge else 'pareto-nbd-values.json'
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    with open(path, 'w') as out:
        json.dump(fixture, out, indent=1)
        out.write('\n')


if __name__ == '__main__':
    main()

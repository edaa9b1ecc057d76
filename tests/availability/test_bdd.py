"""The small ROBDD: canonical, and its probability and gradient passes."""

from __future__ import annotations

from itertools import product

import pytest

from spofcheck.availability.bdd import FALSE, TRUE, Bdd, extract, gradient, probability
from spofcheck.availability.capacity import distribution


def test_reduced_and_canonical() -> None:
    """x0 or (x1 and x0) is x0: the same node, not a new one."""
    bdd = Bdd(2)
    x0, x1 = bdd.var(0), bdd.var(1)
    assert bdd.disj(x0, bdd.conj(x1, x0)) == x0
    assert bdd.conj(x0, FALSE) == FALSE
    assert bdd.disj(x1, TRUE) == TRUE
    assert bdd.conj(x0, x1) == bdd.conj(x1, x0)


def test_probability_and_gradient_of_a_majority() -> None:
    """maj(x0, x1, x2) with p = (0.9, 0.8, 0.7), two states (the second with p0 = 0.5).

    P = p0 p1 + p0 p2 + p1 p2 - 2 p0 p1 p2; dP/dp0 = p1 + p2 - 2 p1 p2.
    """
    bdd = Bdd(3)
    x = [bdd.var(i) for i in range(3)]
    pairs = [bdd.conj(x[0], x[1]), bdd.conj(x[0], x[2]), bdd.conj(x[1], x[2])]
    root = bdd.disj(bdd.disj(pairs[0], pairs[1]), pairs[2])
    d = extract(bdd, root)
    p = [[0.9, 0.5], [0.8, 0.8], [0.7, 0.7]]
    prob = probability(d, p)
    grad = gradient(d, p, prob)
    for s, p0 in enumerate((0.9, 0.5)):
        p1, p2 = 0.8, 0.7
        assert prob[d.root][s] == pytest.approx(p0 * p1 + p0 * p2 + p1 * p2 - 2 * p0 * p1 * p2)
        assert grad[0][s] == pytest.approx(p1 + p2 - 2 * p1 * p2)
        assert grad[2][s] == pytest.approx(p0 + p1 - 2 * p0 * p1)


def test_constant_roots() -> None:
    bdd = Bdd(1)
    for root, expected in ((FALSE, 0.0), (TRUE, 1.0)):
        d = extract(bdd, root)
        assert probability(d, [[0.3]])[d.root] == [expected]


def test_deep_conjunction_is_iterative() -> None:
    """A chain far deeper than Python's recursion limit."""
    n = 5_000
    bdd = Bdd(n)
    f = TRUE
    for i in reversed(range(n)):
        f = bdd.conj(bdd.var(i), f)
    assert extract(bdd, f).size == n + 2
    assert bdd.conj(f, bdd.var(n - 1)) == f


def test_count_distribution_non_identical() -> None:
    """Trials 0.5, 0.2, 0.9: P(0) = .5*.8*.1 = .04; P(1) = .04 + .01 + .36 = .41;
    P(2) = .01 + .36 + .09 = .46; P(3) = .5*.2*.9 = .09."""
    assert distribution([0.5, 0.2, 0.9]) == pytest.approx([0.04, 0.41, 0.46, 0.09])
    for qs in product((0.1, 0.6), repeat=3):
        assert sum(distribution(qs)) == pytest.approx(1.0)

"""Issue 18: an `any_of` group too large for the node budget is bracketed by its
alternatives, not by one chosen alternative and 1.

Lower end: for some alternative, every component it takes (each nested group by its
first smallest alternative) is up. Upper end: 1 - prod_i (1 - P(alternative i's plain
cone up)) (Harris' inequality on the alternatives' complements), multiplied only with
parts over disjoint components. Expected values are written out by hand below.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from spofcheck.availability.calculator import Budget, compute
from spofcheck.model import Architecture
from spofcheck.model.availability import Method
from tests.helpers.availability_cases import arch, comp, need

GENEROUS = Budget(max_nodes=5_000_000, seconds=600.0)
EPS = 1e-12


def _nested_pair() -> Architecture:
    """lb (perfect) needs any of a (0.9), b (0.95); a needs any of m1..m5 (0.5 each), b
    any of u1..u5 (0.6 each). No zones: one state, every component independent."""
    ms = [f"m{i}" for i in range(1, 6)]
    us = [f"u{i}" for i in range(1, 6)]
    components = [comp("lb"), comp("a", 0.9), comp("b", 0.95)]
    components += [comp(m, 0.5) for m in ms] + [comp(u, 0.6) for u in us]
    return arch(components, [need("lb", "a", "b"), need("a", *ms), need("b", *us)])


def test_the_exact_value_of_the_nested_pair() -> None:
    """P(a side) = 0.9 (1 - 0.5^5) = 0.871875, P(b side) = 0.95 (1 - 0.4^5) = 0.940272;
    A = 1 - 0.128125 * 0.059728 = 0.99234735."""
    result = compute(_nested_pair())
    assert result.method is Method.EXACT
    assert result.value is not None
    assert abs(result.value - 0.99234735) < EPS


def test_a_pair_over_the_budget_is_bracketed_by_both_alternatives() -> None:
    """Under 9 nodes the group is bounded (inclusion-exclusion's terms do not fit either).

    Lower: a and m1 up, or b and u1 up: 1 - (1 - 0.9 * 0.5)(1 - 0.95 * 0.6)
    = 1 - 0.55 * 0.43 = 0.7635 (one chosen alternative gave 0.45).
    Upper: 1 - (1 - 0.9)(1 - 0.95) = 0.995 (it was 1).
    """
    result = compute(_nested_pair(), budget=Budget(max_nodes=9, samples=0))
    assert result.method is Method.BOUNDS
    assert result.lower is not None and result.upper is not None  # noqa: PT018
    assert abs(result.lower - 0.7635) < EPS
    assert abs(result.upper - 0.995) < EPS


def test_when_both_alternatives_do_not_fit_one_is_chosen() -> None:
    """The twin: under 8 nodes even the lower end's diagram does not fit, so it falls back
    to one alternative, a and m1 up: 0.9 * 0.5 = 0.45; the upper end stays 0.995."""
    result = compute(_nested_pair(), budget=Budget(max_nodes=8, samples=0))
    assert result.method is Method.BOUNDS
    assert result.lower is not None and result.upper is not None  # noqa: PT018
    assert abs(result.lower - 0.45) < EPS
    assert abs(result.upper - 0.995) < EPS


def _shared_pairs(seed: int) -> Architecture:
    """Random `any_of` groups whose alternatives share leaves, over zones: the upper end's
    alternatives overlap (so it is not exact) and groups overlap each other (so only
    disjoint ones may be multiplied)."""
    rng = random.Random(seed)
    zones = {f"z{i}": ("r0", rng.choice([0.9, 0.95, 0.99])) for i in range(3)}
    leaves = [f"l{i}" for i in range(rng.randint(4, 8))]
    components = [comp("lb", zones=["z0", "z1", "z2"], replicas=3)]
    for x in leaves:
        components.append(comp(x, rng.choice([0.5, 0.8, 0.95]), zones=[rng.choice(list(zones))]))
    deps = []
    for g in range(rng.randint(1, 3)):
        alts = [f"g{g}a{i}" for i in range(rng.randint(2, 3))]
        components += [comp(a, rng.choice([0.7, 0.9, 0.99])) for a in alts]
        deps.append(need("lb", *alts))
        for a in alts:
            deps.append(need(a, *rng.sample(leaves, rng.randint(2, 4))))
            if rng.random() < 0.5:
                deps.append(need(a, rng.choice(leaves)))
    return arch(components, deps, zones=zones, regions={"r0": 0.999})


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 100_000), nodes=st.integers(4, 40))
def test_bounds_contain_the_exact_value_with_overlapping_alternatives(
    seed: int, nodes: int
) -> None:
    design = _shared_pairs(seed)
    exact = compute(design, budget=GENEROUS)
    small = compute(design, budget=Budget(max_nodes=nodes, samples=0))
    assert exact.method is Method.EXACT
    assert exact.value is not None
    low = small.lower if small.lower is not None else small.value
    high = small.upper if small.upper is not None else small.value
    assert low is not None and high is not None  # noqa: PT018
    assert low <= exact.value + EPS
    assert exact.value <= high + EPS

"""Issue 18: the calculator stays within its budget, and bounds always contain the value.

The generated designs come from benchmarks/layered.py (the benchmark's own shapes). The
exact reference for the bounds is the same calculator given a budget large enough to be
exact; the contained-in check does not depend on the code under test being right about
the bound, only about the exact value, which test_bruteforce.py checks on small designs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from layered import cells, chain, layered, many_any_of

from spofcheck.availability.calculator import Budget, compute
from spofcheck.model.availability import Method

GENEROUS = Budget(max_nodes=5_000_000, seconds=600.0)


def test_a_router_over_36_cells_is_exact_and_fast() -> None:
    """36 cells over one shared storage cluster: 56 s and 2 GB before, because the fronts
    were ordered together; with the shared storage first the diagram is linear."""
    start = time.monotonic()
    result = compute(cells(36))
    assert time.monotonic() - start < 5
    assert result.method is Method.EXACT
    assert result.bdd_nodes < 2_000


def test_a_long_chain_needs_no_recursion() -> None:
    """5,000 components each needing the next: a plain product, exact."""
    result = compute(chain(5_000))
    assert result.method is Method.EXACT
    assert result.value is not None


def test_a_blown_node_budget_gives_bounds_and_says_which_limit() -> None:
    """A budget of 40 nodes cannot hold the diagram of pairs drawn from a common pool: the
    value becomes bounds, the reason names the node limit, not zone/region combinations."""
    arch = many_any_of(80)
    exact = compute(arch, budget=GENEROUS)
    bounded = compute(arch, budget=Budget(max_nodes=40))
    assert exact.method is Method.EXACT
    assert bounded.method is Method.BOUNDS
    assert bounded.reason is not None
    assert "nodes" in bounded.reason
    assert "zone/region" not in bounded.reason
    assert bounded.lower is not None
    assert bounded.upper is not None
    assert exact.value is not None
    assert bounded.lower <= exact.value + 1e-12
    assert exact.value <= bounded.upper + 1e-12
    assert bounded.conservative == bounded.lower


def test_too_many_zones_still_give_a_number() -> None:
    """Hardening: seventeen declared zones used by one component exceeded the state limit
    and the value became null. Now the least-used zones are bounded and a number remains:
    lower <= exact <= upper, exact computed with a state limit that fits all 2^17."""
    arch = chain(3)
    comps = dict(arch.components)
    zones = {f"f{i}": arch.zones["r0-z0"] for i in range(12)}
    filler = comps["c2"].model_copy(update={"zones": sorted(zones), "replicas": 12})
    comps["c2"] = filler
    wide = arch.model_copy(update={"components": comps, "zones": {**arch.zones, **zones}})
    bounded = compute(wide, budget=Budget(max_states=1_024))
    exact = compute(wide, budget=Budget(max_states=1 << 20, max_work=10**9))
    assert exact.method is Method.EXACT
    assert bounded.method is Method.BOUNDS
    assert bounded.reason is not None
    assert "state" in bounded.reason
    assert bounded.lower is not None and bounded.upper is not None  # noqa: PT018
    assert exact.value is not None
    assert bounded.lower <= exact.value <= bounded.upper + 1e-12


def test_too_many_states_keep_the_likely_ones_and_bound_the_rest() -> None:
    """Four regions of three zones are 9^4 = 6,561 states; under a 500-state budget the
    calculator keeps every state with at most k outages among the 16 domains (1 + 16 +
    120 = 137 states for k = 2) and bounds the rest by its weight. Each left-out state has
    at least three outages, each at most 5e-4 likely, so the rest weighs at most
    C(16, 3) * (5e-4)^3 = 7e-8: the bracket holds the exact value and is that narrow."""
    arch = layered(60, 4, 3)
    exact = compute(arch, budget=Budget(max_states=1 << 16, max_work=10**9))
    bounded = compute(arch, budget=Budget(max_states=500))
    assert exact.method is Method.EXACT
    assert exact.states == 6_561
    assert bounded.method is Method.BOUNDS
    assert bounded.states == 137
    assert bounded.reason is not None
    assert "more than 2 simultaneous outages" in bounded.reason
    assert bounded.lower is not None and bounded.upper is not None  # noqa: PT018
    assert exact.value is not None
    assert bounded.lower <= exact.value + 1e-12
    assert exact.value <= bounded.upper + 1e-12
    assert bounded.upper - bounded.lower <= 560 * 5e-4**3


def test_a_value_bounded_anyway_keeps_only_the_likeliest_states() -> None:
    """Three regions of three zones are 9^3 = 729 states. When a diagram is over its node
    budget the value is bounded anyway, so the calculator keeps the states with at most k
    outages among the 12 domains, k the smallest whose rest weighs under 0.1 % of the least
    downtime: the DNS alone (99.99 %) makes that 1e-4, so under 1e-7. One outage leaves
    about C(12, 2) * (5e-4)^2 = 1.7e-5, two leave C(12, 3) * (5e-4)^3 = 2.8e-8: k = 2,
    1 + 12 + 66 = 79 states. The exact twin (no node limit) keeps all 729."""
    arch = layered(300, 3)
    exact = compute(arch, budget=Budget(samples=0))
    bounded = compute(arch, budget=Budget(max_nodes=100, samples=0))
    assert exact.method is Method.EXACT
    assert exact.states == 729
    assert bounded.method is Method.BOUNDS
    assert bounded.states == 79
    assert bounded.reason is not None
    assert "more than 2 simultaneous outages" in bounded.reason
    assert bounded.lower is not None and bounded.upper is not None  # noqa: PT018
    assert exact.value is not None
    assert bounded.lower <= exact.value <= bounded.upper


def test_states_within_the_budget_are_all_kept() -> None:
    """The twin: the same design with a budget that holds its 6,561 states is exact."""
    arch = layered(60, 4, 3)
    result = compute(arch, budget=Budget(max_states=1 << 16, max_work=10**9))
    assert result.method is Method.EXACT
    assert result.lower is None
    assert result.reason is None


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(
    size=st.integers(60, 160),
    regions=st.integers(1, 3),
    seed=st.integers(0, 10_000),
    nodes=st.sampled_from([12, 50, 300, 2_000]),  # 12: single `any_of` groups bounded
)
def test_bounds_contain_the_exact_value(size: int, regions: int, seed: int, nodes: int) -> None:
    """Random mid-size layered designs under small node budgets: lower <= exact <= upper."""
    arch = layered(size, regions, seed)
    exact = compute(arch, budget=GENEROUS)
    small = compute(arch, budget=Budget(max_nodes=nodes))
    assert exact.method is Method.EXACT
    assert exact.value is not None
    low = small.lower if small.lower is not None else small.value
    high = small.upper if small.upper is not None else small.value
    assert low is not None and high is not None  # noqa: PT018
    assert low <= exact.value + 1e-12
    assert exact.value <= high + 1e-12


@pytest.mark.slow
@settings(max_examples=6, deadline=None)
@given(size=st.integers(40, 80), seed=st.integers(0, 10_000))
def test_bounds_contain_the_exact_value_with_many_any_of(size: int, seed: int) -> None:
    arch = many_any_of(size, seed)
    exact = compute(arch, budget=GENEROUS)
    small = compute(arch, budget=Budget(max_nodes=200))
    assert exact.value is not None
    assert (small.lower or small.value or 0.0) <= exact.value + 1e-12
    assert exact.value <= (small.upper or small.value or 1.0) + 1e-12


@pytest.mark.slow
def test_bounded_regions_stay_within_one_percent_of_downtime() -> None:
    """Two regions behind one DNS any_of under a small node budget: inclusion-exclusion
    over the regions with bounded single-region terms (interval arithmetic) still brackets
    the exact value, and the bracket is under 1 % of the conservative downtime (the issue's
    target for bounds)."""
    arch = layered(1_000, 2)
    exact = compute(arch, budget=GENEROUS)
    bounded = compute(arch, budget=Budget(max_nodes=500))
    assert exact.value is not None
    assert bounded.method is Method.BOUNDS
    assert bounded.lower is not None
    assert bounded.upper is not None
    assert bounded.lower <= exact.value + 1e-12
    assert exact.value <= bounded.upper + 1e-12
    assert (bounded.upper - bounded.lower) / (1 - bounded.lower) < 0.01

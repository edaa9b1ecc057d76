"""Issue 18: the `sampled` method, used when the rigorous bounds are too wide.

The reference value is the same calculator given a budget large enough to be exact
(test_bruteforce.py checks exact values against enumeration on small designs). The
sampled interval must contain it at its stated confidence; the draw is seeded, so each
example is deterministic, and the examples are derandomized (the same everywhere).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from layered import layered, many_any_of

from spofcheck.availability.calculator import Budget, compute
from spofcheck.availability.text import render_text
from spofcheck.model import Architecture
from spofcheck.model.availability import Method


def weak_pool(size: int, figure: float = 0.9, seed: int = 7) -> Architecture:
    """Pairs drawn from one pool (layered.many_any_of) whose members are only `figure`
    available: pair failures are frequent enough for 20,000 samples to see them."""
    arch = many_any_of(size, seed)
    comps = {
        k: c.model_copy(update={"availability": figure}) if k.startswith("p") else c
        for k, c in arch.components.items()
    }
    return arch.model_copy(update={"components": comps})


GENEROUS = Budget(max_nodes=5_000_000, seconds=600.0, samples=0)
# a node budget too small for these designs, and sampling whenever bounds are not exact
TIGHT = Budget(max_nodes=40, sample_above=0.0)


def test_wide_bounds_are_sampled_and_contain_the_exact_value() -> None:
    """A weak pool under a 40-node budget: Harris bounds about 96 % of the downtime wide
    (99.18 %..99.97 %); the sample narrows them and still holds the value."""
    arch = weak_pool(80)
    exact = compute(arch, budget=GENEROUS)
    bounds = compute(arch, budget=Budget(max_nodes=40, samples=0))
    result = compute(arch, budget=TIGHT)
    assert exact.method is Method.EXACT and exact.value is not None  # noqa: PT018
    assert bounds.method is Method.BOUNDS
    assert bounds.lower is not None and bounds.upper is not None  # noqa: PT018
    assert result.method is Method.SAMPLED
    assert result.lower is not None and result.upper is not None  # noqa: PT018
    assert result.lower <= exact.value <= result.upper
    assert result.upper - result.lower < bounds.upper - bounds.lower
    assert bounds.lower <= result.lower
    assert result.upper <= bounds.upper
    assert result.value == result.lower == result.conservative


def test_the_sampled_result_is_deterministic_and_says_what_it_is() -> None:
    """The same design twice gives byte-identical JSON, with the sampled keys."""
    arch = weak_pool(80)
    first = compute(arch, budget=TIGHT, slo=0.999).to_json()
    second = compute(arch, budget=TIGHT, slo=0.999).to_json()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["method"] == "sampled"
    assert first["samples"] == 20_000
    assert first["confidence"] == 0.99
    assert first["value"] == first["lower"]
    assert "sampled" in first["reason"]


def test_a_sampled_gate_decides_on_the_lower_end_and_the_text_says_so() -> None:
    """An SLO between the sampled lower and upper ends is not met: the gate takes the
    conservative end, and the headline reads `≥ … (sampled: …)`."""
    arch = weak_pool(80)
    probe = compute(arch, budget=TIGHT)
    assert probe.lower is not None and probe.upper is not None  # noqa: PT018
    between = (probe.lower + probe.upper) / 2
    result = compute(arch, budget=TIGHT, slo=between)
    assert result.meets_slo is False
    assert result.meets(probe.lower) is True
    text = render_text(result)
    assert "Availability: ≥ " in text
    assert "(sampled: " in text
    assert "NOT met (judged on the lower end)" in text


def test_narrow_bounds_are_not_sampled() -> None:
    """The twin: with the default threshold (1 % of the downtime), bounds narrower than
    that stay bounds, and an exact value stays exact; neither has sampling keys."""
    arch = layered(1_000, 2)
    narrow = compute(arch, budget=Budget(max_nodes=500))
    assert narrow.method is Method.BOUNDS
    assert narrow.lower is not None and narrow.upper is not None  # noqa: PT018
    assert (narrow.upper - narrow.lower) / (1 - narrow.lower) <= 0.01
    assert "samples" not in narrow.to_json()
    exact = compute(layered(100, 1))
    assert exact.method is Method.EXACT
    assert "samples" not in exact.to_json()
    assert exact.samples is None


def test_sampling_can_be_switched_off() -> None:
    result = compute(weak_pool(80), budget=Budget(max_nodes=40, samples=0, sample_above=0.0))
    assert result.method is Method.BOUNDS


@pytest.mark.slow
@settings(max_examples=16, deadline=None)
@given(
    size=st.integers(60, 160),
    regions=st.integers(1, 3),
    seed=st.integers(0, 10_000),
    nodes=st.sampled_from([10, 50, 300]),
    states=st.sampled_from([40, 65_536]),
)
def test_the_sampled_interval_contains_the_exact_value(
    size: int, regions: int, seed: int, nodes: int, states: int
) -> None:
    """Random mid-size layered designs under small node and state budgets (so that both
    bounded groups and left-out states are sampled), sampling forced."""
    arch = layered(size, regions, seed)
    exact = compute(arch, budget=GENEROUS)
    budget = Budget(max_nodes=nodes, max_states=states, sample_above=0.0)
    result = compute(arch, budget=budget)
    assert exact.value is not None
    low = result.lower if result.lower is not None else result.value
    high = result.upper if result.upper is not None else result.value
    assert low is not None and high is not None  # noqa: PT018
    assert low <= exact.value + 1e-12
    assert exact.value <= high + 1e-12


CALIBRATION = 30


@pytest.mark.slow
def test_the_sampled_interval_holds_the_exact_value_at_its_confidence() -> None:
    """A 99 % interval misses the value one time in a hundred by design, so the property
    is a rate: over 30 random weak-pool designs (sizes 40-90, pools at 0.9 or 0.8, a
    seeded choice, so the run is deterministic) at most 2 may miss. If the calculator's
    intervals were right, P(3 or more misses) = 1 - sum_{k<3} C(30,k) .01^k .99^(30-k)
    = 0.33 %. Each design is also checked against its rigorous bounds, which never miss."""
    rng = random.Random(18)
    misses = sampled = 0
    for _ in range(CALIBRATION):
        arch = weak_pool(rng.randint(40, 90), rng.choice([0.9, 0.8]), rng.randint(0, 10_000))
        exact = compute(arch, budget=GENEROUS).value
        bounds = compute(arch, budget=Budget(max_nodes=40, samples=0))
        result = compute(arch, budget=Budget(max_nodes=40, sample_above=0.0))
        assert exact is not None
        assert bounds.lower is not None and bounds.upper is not None  # noqa: PT018
        assert bounds.lower <= exact + 1e-12 <= bounds.upper + 2e-12
        assert result.lower is not None and result.upper is not None  # noqa: PT018
        sampled += result.method is Method.SAMPLED
        misses += not result.lower - 1e-12 <= exact <= result.upper + 1e-12
    assert sampled >= CALIBRATION // 2
    assert misses <= 2


def test_memory_running_out_while_sampling_keeps_the_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sampling only refines: if it runs out of memory the rigorous bounds stand (no
    traceback, no `not_computed`); its twin above, with memory, is `sampled`."""
    from spofcheck.availability import calculator

    def exhausted(*_: object) -> object:
        raise MemoryError

    monkeypatch.setattr(calculator, "estimate", exhausted)
    result = compute(weak_pool(80), budget=TIGHT)
    assert result.method is Method.BOUNDS
    assert result.lower is not None
    assert result.value == result.lower


def test_sampling_past_the_time_budget_keeps_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sampling shares the budget's `seconds` with building the diagrams. With the
    sampler's clock moved past that deadline (building is unaffected), the result is the
    rigorous bounds exactly as without sampling, and the reason and a note say why; its
    twin, `test_wide_bounds_are_sampled_and_contain_the_exact_value`, is `sampled`."""
    from spofcheck.availability import draws

    arch = weak_pool(80)
    bounds = compute(arch, budget=Budget(max_nodes=40, samples=0))
    monkeypatch.setattr(draws, "_clock", lambda: float("inf"))
    result = compute(arch, budget=TIGHT)
    assert result.method is Method.BOUNDS
    assert (result.lower, result.upper, result.value) == (bounds.lower, bounds.upper, bounds.value)
    assert result.samples is None
    assert result.reason == f"{bounds.reason}; sampling would exceed 5 s"
    assert f"availability: bounds, not exact: {result.reason}" in result.notes


def test_sampling_stops_at_the_deadline_however_late_it_is_reached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clock passes the deadline only after some components were drawn: the check
    runs while sampling, not just before it, and the bounds still stand."""
    from spofcheck.availability import draws

    calls = iter(range(10**9))
    start = draws._clock()
    monkeypatch.setattr(draws, "_clock", lambda: start + (1e9 if next(calls) > 50 else 0.0))
    result = compute(weak_pool(80), budget=TIGHT)
    assert result.method is Method.BOUNDS
    assert result.reason is not None and result.reason.endswith("sampling would exceed 5 s")  # noqa: PT018

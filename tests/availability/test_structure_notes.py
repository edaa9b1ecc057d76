"""What the value depends on: entry points, cycles, unknown targets, unreachable parts."""

from __future__ import annotations

import pytest

from spofcheck.availability import compute
from spofcheck.availability.result import Method
from spofcheck.errors import ConfigError
from spofcheck.model import Architecture
from tests.helpers.availability_cases import arch, comp, need

EPS = 1e-9


def test_no_entry_points_and_only_plumbing_is_not_computed() -> None:
    """Nothing says what 'the service' is and nothing serves requests: no value rather
    than a made-up 100% (a lone component gets its own figure: tests/availability/
    test_basis.py)."""
    result = compute(arch([comp("net", 0.9, kind="network")], entry=[]))
    assert result.value is None
    assert result.method is Method.NOT_COMPUTED
    assert result.meets_slo is None
    assert result.to_json()["value"] is None
    assert any("no entry points" in n for n in result.notes)


def test_no_components_is_not_computed() -> None:
    result = compute(Architecture())
    assert result.value is None
    assert any("no components" in n for n in result.notes)


def test_unknown_entry_point_is_ignored_with_a_note() -> None:
    result = compute(arch([comp("a", 0.9)], entry=["a", "ghost"]))
    assert result.value == pytest.approx(0.9, abs=EPS)
    assert any("ghost" in n for n in result.notes)


def test_unknown_dependency_target_is_ignored_with_a_note() -> None:
    """Parsers report unknown references; the calculator must not crash on them."""
    result = compute(arch([comp("a", 0.9)], [need("a", "ghost")]))
    assert result.value == pytest.approx(0.9, abs=EPS)
    assert any("ghost" in n for n in result.notes)


def test_cycle_is_broken_deterministically() -> None:
    """a -> b -> c -> b: the walk from a meets b again on the path and drops c -> b.
    What is left is a series: A = 0.9 * 0.8 * 0.7."""
    a = arch(
        [comp("a", 0.9), comp("b", 0.8), comp("c", 0.7)],
        [need("a", "b"), need("b", "c"), need("c", "b")],
    )
    first, second = compute(a), compute(a)
    assert first.value == pytest.approx(0.9 * 0.8 * 0.7, abs=EPS)
    assert first == second
    (note,) = [n for n in first.notes if "cycle" in n]
    assert "b -> c -> b" in note
    assert "c -> b was ignored" in note


def test_unreachable_components_do_not_change_the_value() -> None:
    """x is not reachable from the entry point by hard request dependencies."""
    base = compute(arch([comp("a", 0.9), comp("b", 0.8)], [need("a", "b")]))
    more = compute(
        arch(
            [comp("a", 0.9), comp("b", 0.8), comp("x", 0.1), comp("y", 0.2)],
            [need("a", "b"), need("x", "a"), need("a", "y", soft=True)],
        )
    )
    assert more.value == base.value
    assert [c.id for c in more.components] == [c.id for c in base.components]
    assert any("2 components are not on a hard request path" in n for n in more.notes)


def test_needing_more_replicas_than_exist_is_never_up() -> None:
    result = compute(arch([comp("a", 0.9, replicas=2, min_healthy=3)]))
    assert result.value == 0.0
    assert result.nines == 0.0
    assert any("needs 3 healthy replicas but has 2" in n for n in result.notes)


def test_min_healthy_zero_is_always_up() -> None:
    assert compute(arch([comp("a", 0.5, min_healthy=0)])).value == 1.0


def test_slo_verdict_and_override() -> None:
    """A = 0.999: meets 99.9% (exactly, within floating slack), misses 99.95%."""
    a = arch([comp("a", 0.999)], slo=0.999)
    assert compute(a).meets_slo is True
    missed = compute(a, slo=0.9995)
    assert missed.slo == 0.9995
    assert missed.meets_slo is False
    assert missed.margin == pytest.approx(-0.0005, abs=EPS)
    assert compute(arch([comp("a", 0.999)])).meets_slo is None
    assert compute(a).meets(0.9999) is False


@pytest.mark.parametrize("slo", [0.0, 99.95, -1.0])
def test_slo_must_be_a_fraction(slo: float) -> None:
    with pytest.raises(ConfigError, match="fraction"):
        compute(arch([comp("a", 0.9)]), slo=slo)


def test_long_chain_does_not_hit_the_recursion_limit() -> None:
    """2,000 components in series: A = 0.9999^2000, built without recursion."""
    n = 2_000
    parts = [comp(f"c{i}", 0.9999) for i in range(n)]
    result = compute(arch(parts, [need(f"c{i}", f"c{i + 1}") for i in range(n - 1)]))
    assert result.value == pytest.approx(0.9999**n, rel=1e-9)

"""Importance: how much the service gains if one component (or zone) never failed."""

from __future__ import annotations

from spofcheck.availability import compute
from tests.helpers.availability_cases import arch, comp, need

EPS = 1e-9


def importance(a: object) -> dict[str, float]:
    result = compute(a)  # type: ignore[arg-type]
    return {c.id: c.importance for c in result.components}


def test_series_importance() -> None:
    """A = w d with w = 0.99, d = 0.9. Perfect web: d; perfect db: w.
    importance(web) = d - w d = 0.9 * 0.01 = 0.009; importance(db) = 0.99 * 0.1 = 0.099."""
    got = importance(arch([comp("web", 0.99), comp("db", 0.9)], [need("web", "db")]))
    assert abs(got["web"] - 0.009) < EPS
    assert abs(got["db"] - 0.099) < EPS


def test_parallel_importance() -> None:
    """lb (1.0) needs any of b = 0.9, c = 0.8: A = 1 - 0.1 * 0.2 = 0.98.
    Perfect b or c: A = 1, so both gain 0.02; a perfect lb gains nothing."""
    got = importance(arch([comp("lb"), comp("b", 0.9), comp("c", 0.8)], [need("lb", "b", "c")]))
    assert abs(got["b"] - 0.02) < EPS
    assert abs(got["c"] - 0.02) < EPS
    assert got["lb"] == 0.0


def test_shared_dependency_importance() -> None:
    """A needs any of B, C; B needs D and E; C needs D. A = a d (b e + c - b e c).
    importance(D) = a (b e + c - b e c) (1 - d); importance(E) = a d (1 - c) b (1 - e)
    (a perfect E lifts the B-branch term from b e to b)."""
    a_, b, c, d, e = 0.99, 0.9, 0.8, 0.95, 0.85
    got = importance(
        arch(
            [comp("A", a_), comp("B", b), comp("C", c), comp("D", d), comp("E", e)],
            [need("A", "B", "C"), need("B", "D"), need("B", "E"), need("C", "D")],
        )
    )
    assert abs(got["D"] - a_ * (b * e + c - b * e * c) * (1 - d)) < EPS
    assert abs(got["E"] - a_ * d * (1 - c) * b * (1 - e)) < EPS


def test_ranking_is_by_importance_then_id() -> None:
    """Two equal databases tie; the ids break the tie. db (0.9) outranks web (0.99)."""
    result = compute(
        arch(
            [comp("web", 0.99), comp("db2", 0.9), comp("db1", 0.9)],
            [need("web", "db1"), need("web", "db2")],
        )
    )
    assert [c.id for c in result.components] == ["db1", "db2", "web"]


def test_zone_importance_and_own_capacity() -> None:
    """3 replicas of 0.99 all in zone a (0.999): own capacity = 0.999 (1 - 0.01^3).
    A perfect component gains 1 - own; a perfect zone gains (1 - 0.999)(1 - 0.01^3)."""
    k = 1 - 0.01**3
    result = compute(
        arch([comp("app", 0.99, replicas=3, zones=["a"] * 3)], zones={"a": (None, 0.999)})
    )
    (app,) = result.components
    assert abs(app.availability - 0.999 * k) < EPS
    assert abs(app.importance - (1 - 0.999 * k)) < EPS
    (zone,) = result.domains
    assert zone.id == "zone:a"
    assert abs(zone.importance - 0.001 * k) < EPS


def test_region_importance_with_marginalised_zones() -> None:
    """app: 1 replica of 0.9 in zone a (0.99) of region r (0.95): A = 0.9 * 0.99 * 0.95.
    Given r up: 0.9 * 0.99, so importance(r) = 0.9 * 0.99 * 0.05; given a up:
    0.9 * 0.95, importance(a) = 0.9 * 0.95 * 0.01. (The zone is not split on in the
    states where its region is down; it must still be accounted for exactly.)"""
    result = compute(
        arch([comp("app", 0.9, zones=["a"])], zones={"a": ("r", 0.99)}, regions={"r": 0.95})
    )
    got = {d.id: d.importance for d in result.domains}
    assert abs(got["region:r"] - 0.9 * 0.99 * 0.05) < EPS
    assert abs(got["zone:a"] - 0.9 * 0.95 * 0.01) < EPS

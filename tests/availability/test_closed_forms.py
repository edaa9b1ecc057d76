"""Exact values against closed forms derived by hand (rules 1-5 of the issue).

Every expected value is written out from the semantics in the docstring and evaluated
with plain arithmetic here; none is taken from the calculator's own output.
"""

from __future__ import annotations

import pytest

from spofcheck.availability import compute
from spofcheck.model import Failover, Scope, Standby, StandbyMode
from tests.helpers.availability_cases import arch, at_least, comp, need

EPS = 1e-9


def value(a: object) -> float:
    result = compute(a)  # type: ignore[arg-type]
    assert result.value is not None, result.notes
    return result.value


def test_series() -> None:
    """web -> app -> db, one replica each: A = 0.99 * 0.98 * 0.97 = 0.941094."""
    a = arch(
        [comp("web", 0.99), comp("app", 0.98), comp("db", 0.97)],
        [need("web", "app"), need("app", "db")],
    )
    assert abs(value(a) - 0.99 * 0.98 * 0.97) < EPS
    assert abs(value(a) - 0.941094) < EPS


def test_parallel_replicas() -> None:
    """3 replicas of 0.9, one needed: A = 1 - 0.1^3 = 0.999."""
    assert abs(value(arch([comp("app", 0.9, replicas=3)])) - 0.999) < EPS


def test_parallel_any_of() -> None:
    """lb (perfect) needs any of b (0.9), c (0.8): A = 1 - 0.1 * 0.2 = 0.98."""
    a = arch([comp("lb"), comp("b", 0.9), comp("c", 0.8)], [need("lb", "b", "c")])
    assert abs(value(a) - 0.98) < EPS


def test_k_of_n_identical() -> None:
    """2 of 3 at 0.9: 3 * 0.9^2 * 0.1 + 0.9^3 = 0.243 + 0.729 = 0.972.

    3 of 5 at 0.95: 0.95^5 + 5 * 0.95^4 * 0.05 + 10 * 0.95^3 * 0.05^2
    = 0.7737809375 + 0.2036265625 + 0.0214343750 = 0.998841875.
    """
    assert abs(value(arch([comp("c", 0.9, replicas=3, min_healthy=2)])) - 0.972) < EPS
    five = arch([comp("c", 0.95, replicas=5, min_healthy=3)])
    assert abs(value(five) - 0.998841875) < EPS
    assert abs(value(five) - at_least(3, 5, 0.95)) < EPS


def test_k_of_n_non_identical() -> None:
    """Replicas 0.99 in zones of availability 0.9, 0.95, 0.99 (no region declared).

    Each zone holds one replica, so replica i is usable with q_i = 0.99 * z_i,
    independently: q = (0.891, 0.9405, 0.9801). Two of three:
    P = q1 q2 + q1 q3 + q2 q3 - 2 q1 q2 q3.
    """
    a = arch(
        [comp("c", 0.99, replicas=3, min_healthy=2, zones=["z1", "z2", "z3"])],
        zones={"z1": (None, 0.9), "z2": (None, 0.95), "z3": (None, 0.99)},
    )
    q1, q2, q3 = 0.99 * 0.9, 0.99 * 0.95, 0.99 * 0.99
    expected = q1 * q2 + q1 * q3 + q2 * q3 - 2 * q1 * q2 * q3
    assert abs(value(a) - expected) < EPS


def test_one_zone_versus_three() -> None:
    """3 replicas of 0.99, one needed, zones of 0.999.

    All in one zone: the zone and at least one replica, 0.999 * (1 - 0.01^3).
    One per zone: replicas are independent with 0.999 * 0.99 each,
    1 - (1 - 0.999 * 0.99)^3. Spreading wins.
    """
    zones = {"a": (None, 0.999), "b": (None, 0.999), "c": (None, 0.999)}
    same = arch([comp("c", 0.99, replicas=3, zones=["a", "a", "a"])], zones=zones)
    spread = arch([comp("c", 0.99, replicas=3, zones=["a", "b", "c"])], zones=zones)
    assert abs(value(same) - 0.999 * (1 - 0.01**3)) < EPS
    assert abs(value(spread) - (1 - (1 - 0.999 * 0.99) ** 3)) < EPS
    assert value(spread) > value(same)


def test_quorum_of_three_across_three_zones() -> None:
    """quorum: true, 3 members: a majority (2) is needed; q = 0.99 * 0.999 per member.

    A = 3 q^2 (1 - q) + q^3.
    """
    zones = {"a": (None, 0.999), "b": (None, 0.999), "c": (None, 0.999)}
    a = arch([comp("etcd", 0.99, replicas=3, quorum=True, zones=["a", "b", "c"])], zones=zones)
    q = 0.99 * 0.999
    assert abs(value(a) - (3 * q**2 * (1 - q) + q**3)) < EPS


def test_quorum_of_five_over_three_zones() -> None:
    """5 members in zones [a, b, c, a, b] (z = 0.999 each), r = 0.99, majority 3.

    Condition on the zones: all up, 5 members, B(5,3); a down or b down, 3 members
    left, r^3; c down, 4 left, B(4,3); two or more zones down, at most 2 left, 0.
    A = z^3 B(5,3) + 2 z^2 (1-z) r^3 + z^2 (1-z) B(4,3), B(n,k) = P(>= k of n at r).
    """
    z, r = 0.999, 0.99
    zones = dict.fromkeys("abc", (None, z))
    a = arch([comp("zk", r, replicas=5, quorum=True, zones=["a", "b", "c", "a", "b"])], zones=zones)
    expected = (
        z**3 * at_least(3, 5, r) + 2 * z**2 * (1 - z) * r**3 + z**2 * (1 - z) * at_least(3, 4, r)
    )
    assert abs(value(a) - expected) < EPS


def test_warm_standby_with_imperfect_failover() -> None:
    """Primary 0.99; warm standby 0.98, automatic, failover succeeds 99% of the time.

    Up iff the primary is up, or failover works and the standby is up:
    A = 0.99 + 0.01 * 0.99 * 0.98 = 0.99 + 0.009702 = 0.999702.
    """
    standby = Standby(mode=StandbyMode.WARM, availability=0.98, failover_success=0.99)
    a = arch([comp("db", 0.99, standby=standby)])
    assert abs(value(a) - (0.99 + 0.01 * 0.99 * 0.98)) < EPS
    assert abs(value(a) - 0.999702) < EPS


def test_standby_in_another_zone() -> None:
    """Primary 0.99 in zone a, hot standby 0.99 in zone b, f = 0.99, zones 0.999.

    Both zones up: p + (1-p) f s; only a up: p; only b up: f s; none: 0.
    A = z^2 (p + (1-p) f s) + z (1-z) p + (1-z) z f s.
    """
    z, p, f = 0.999, 0.99, 0.99
    standby = Standby(mode=StandbyMode.HOT, zones=["b"], failover_success=f)
    a = arch([comp("db", p, zones=["a"], standby=standby)], zones={"a": (None, z), "b": (None, z)})
    expected = z * z * (p + (1 - p) * f * p) + z * (1 - z) * p + (1 - z) * z * f * p
    assert abs(value(a) - expected) < EPS


@pytest.mark.parametrize(
    ("mode", "failover"),
    [(StandbyMode.COLD, Failover.AUTOMATIC), (StandbyMode.WARM, Failover.MANUAL)],
)
def test_cold_or_manual_standby_adds_nothing(mode: StandbyMode, failover: Failover) -> None:
    """A cold or manually promoted standby does not count (rule 3): A = 0.99."""
    standby = Standby(mode=mode, failover=failover, replicas=2)
    result = compute(arch([comp("db", 0.99, standby=standby)]))
    assert result.value is not None
    assert abs(result.value - 0.99) < EPS
    assert any("adds no capacity" in n for n in result.notes)


def test_shared_dependency_under_any_of() -> None:
    """A needs any of B, C; B needs D and E; C needs D (not series-parallel in D).

    D is one event: A = a * d * P(B-branch or C-branch | D up)
    = a * d * (b e + c - b e c). Counting D once per branch would give
    a * (1 - (1 - b d e)(1 - c d)), which is wrong.
    """
    a_, b, c, d, e = 0.99, 0.9, 0.8, 0.95, 0.85
    a = arch(
        [comp("A", a_), comp("B", b), comp("C", c), comp("D", d), comp("E", e)],
        [need("A", "B", "C"), need("B", "D"), need("B", "E"), need("C", "D")],
    )
    expected = a_ * d * (b * e + c - b * e * c)
    naive = a_ * (1 - (1 - b * d * e) * (1 - c * d))
    assert abs(value(a) - expected) < EPS
    assert abs(value(a) - naive) > 1e-3


def test_soft_and_config_dependencies_are_ignored() -> None:
    """app needs db (hard); recs is soft; vault is a config reference: A = 0.99 * 0.98."""
    a = arch(
        [comp("app", 0.99), comp("db", 0.98), comp("recs", 0.5), comp("vault", 0.5)],
        [need("app", "db"), need("app", "recs", soft=True), need("app", "vault", config=True)],
    )
    assert abs(value(a) - 0.99 * 0.98) < EPS


def test_two_regions_behind_dns() -> None:
    """dns (global, 0.9999) needs any of lb_east, lb_west.

    In each region x (region 0.9999): lb_x regional 0.9999 needs app_x, 2 replicas of
    0.995 in zones x1, x2 (0.9995 each). Regions are independent, so
    R = r * l * (1 - (1 - z a)^2) per region and A = dns * (1 - (1 - R)^2).
    """
    r, lb, z, ap, dns = 0.9999, 0.9999, 0.9995, 0.995, 0.9999
    parts = [comp("dns", dns, scope=Scope.GLOBAL)]
    deps = [need("dns", "lb_east", "lb_west")]
    zones: dict[str, tuple[str | None, float]] = {}
    for x in ("east", "west"):
        parts.append(comp(f"lb_{x}", lb, scope=Scope.REGIONAL, region=x))
        parts.append(comp(f"app_{x}", ap, replicas=2, zones=[f"{x}1", f"{x}2"]))
        deps.append(need(f"lb_{x}", f"app_{x}"))
        zones |= {f"{x}1": (x, z), f"{x}2": (x, z)}
    a = arch(parts, deps, zones=zones, regions={"east": r, "west": r})
    region = r * lb * (1 - (1 - z * ap) ** 2)
    assert abs(value(a) - dns * (1 - (1 - region) ** 2)) < EPS


def test_regional_scope_ignores_zone_outages() -> None:
    """Regional: one logical unit exposed to its region only. Zone 0.9 is ignored,
    region 0.99 applies: A = 0.99 * 0.999. The region is found through the zone."""
    a = arch(
        [comp("sql", 0.999, scope=Scope.REGIONAL, zones=["z1"])],
        zones={"z1": ("east", 0.9)},
        regions={"east": 0.99},
    )
    assert abs(value(a) - 0.99 * 0.999) < EPS


def test_global_scope_ignores_zone_and_region() -> None:
    """Global: no zone or region event applies: A = 0.9999."""
    a = arch(
        [comp("cdn", 0.9999, scope=Scope.GLOBAL, region="east", zones=["z1"])],
        zones={"z1": ("east", 0.9)},
        regions={"east": 0.99},
    )
    assert abs(value(a) - 0.9999) < EPS


def test_undeclared_domains_are_not_modelled() -> None:
    """Zones and regions nobody declared have availability 1: A = 1 - 0.01^2."""
    a = arch([comp("app", 0.99, replicas=2, zones=["nowhere", "elsewhere"], region="r")])
    assert abs(value(a) - (1 - 0.01**2)) < EPS


def test_zone_region_comes_from_the_zone_declaration() -> None:
    """Replica in zone a (region east, 0.9) though the component says west (0.5):
    the zone's region wins. A = 0.99 (replica) * 1.0 (zone) * 0.9 (east)."""
    a = arch(
        [comp("app", 0.99, zones=["a"], region="west")],
        zones={"a": ("east", 1.0)},
        regions={"east": 0.9, "west": 0.5},
    )
    assert abs(value(a) - 0.99 * 0.9) < EPS


def test_every_entry_point_must_be_up() -> None:
    """Two entry points share db: A = web * api * db (db counted once)."""
    a = arch(
        [comp("web", 0.99), comp("api", 0.98), comp("db", 0.97)],
        [need("web", "db"), need("api", "db")],
        entry=["web", "api"],
    )
    assert abs(value(a) - 0.99 * 0.98 * 0.97) < EPS

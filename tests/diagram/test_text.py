"""Text pieces: percentages, downtime, module paths, placements, capacities."""

from __future__ import annotations

import pytest

from spofcheck.diagram import text
from spofcheck.model import Component, Failover, Scope, Standby, StandbyMode


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # 1 - 0.99953 = 0.00047: floor(-log10) = 3 decimals of percent -> 99.953
        (0.99953, "99.953%"),
        # 1 - 0.995 = 0.005: 2 decimals -> 99.50, trailing zero dropped
        (0.995, "99.5%"),
        # 1 - 0.9 = 0.1: 1 decimal -> 90.0 -> 90
        (0.9, "90%"),
        (1.0, "100%"),
        # 1 - 0.9999999 = 1e-7: capped at 6 decimals -> 99.99999(0) -> 99.99999
        (0.9999999, "99.99999%"),
    ],
)
def test_percent_shows_two_digits_of_downtime(value: float, expected: str) -> None:
    assert text.percent(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.999, "43.2 min"),  # 0.001 * 30 d * 1440 min = 43.2 min
        (0.9999, "4.32 min"),  # 0.0001 * 43,200 min = 4.32 min
        (0.98, "14.4 h"),  # 0.02 * 720 h = 14.4 h
    ],
)
def test_downtime_per_month(value: float, expected: str) -> None:
    """The diagram speaks in the unit scan and availability use: per 30-day month."""
    assert text.downtime_per_month(value) == expected


def test_points_are_percentage_points() -> None:
    # 0.00012 of availability is 0.012 percentage points
    assert text.points(0.00012) == "0.012 pts"


@pytest.mark.parametrize(
    ("cid", "expected"),
    [
        ("aws_instance.web", ()),
        ("module.db.aws_db_instance.this", ("db",)),
        ('module.a["x.y"].module.b.aws_x.y[0]', ('a["x.y"]', "b")),
        ("module.only", ()),  # a module call itself, not a resource inside one
    ],
)
def test_module_path(cid: str, expected: tuple[str, ...]) -> None:
    assert text.module_path(cid) == expected


def test_clip_keeps_both_ends() -> None:
    clipped = text.clip("module.network.aws_route_table_association.private_subnets[17]", 30)
    assert len(clipped) == 30
    assert clipped.startswith("module.network")
    assert clipped.endswith("subnets[17]")


def test_placement_counts_replicas_per_zone() -> None:
    app = Component(id="app", replicas=3, zones=["b", "a", "b"])
    assert text.placement(app) == "a ×1 · b ×2"
    assert text.placement(Component(id="x", scope=Scope.REGIONAL)).startswith("regional")
    assert text.placement(Component(id="x")) == "zones unknown"


def test_capacity_and_standby() -> None:
    quorum = Component(id="zk", replicas=5, min_healthy=3, quorum=True)
    assert text.capacity(quorum) == "quorum: 3 of 5"
    assert text.capacity(Component(id="a", replicas=4, min_healthy=2)) == "4 replicas, needs 2"
    cold = Standby(mode=StandbyMode.COLD, failover=Failover.MANUAL, zones=["z2"])
    assert text.standby(cold) == "+1 cold standby (manual) in z2: not counted"


def test_keyed_for_each_siblings_are_drawn_as_instances_not_replicas() -> None:
    """Two for_each siblings folded into one node may be two different things."""
    keyed = Component(id="app", replicas=2, settings={"instance_keys": ["admin", "api"]})
    assert text.capacity(keyed) == "2 for_each instances"
    assert text.capacity(Component(id="app", replicas=2)) == "2 replicas"

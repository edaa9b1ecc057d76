"""Every field of the YAML format: its default when left out, and how it maps to the model."""

from __future__ import annotations

from spofcheck.availability import sla
from spofcheck.model import (
    DependencyKind,
    Failover,
    HealthCheck,
    Kind,
    Region,
    Scope,
    Standby,
    StandbyMode,
    Zone,
)
from tests.helpers.yaml_kit import dependency, edges, load


def test_a_bare_component_takes_every_default() -> None:
    arch = load("yaml-defaults")
    bare = arch.components["bare"]
    assert arch.errors == []
    assert bare.kind is Kind.OTHER
    assert (bare.replicas, bare.min_healthy, bare.zones, bare.region) == (1, 1, [], None)
    assert bare.scope is Scope.INSTANCE
    assert bare.health_check == HealthCheck(enabled=None)  # absent means unknown
    assert bare.sticky_sessions is False
    assert bare.backups is None
    assert (bare.standby, bare.quorum, bare.ignore, bare.tags) == (None, False, {}, [])
    assert bare.label is None


def test_availability_defaults_to_the_catalogue_figure_of_the_kind() -> None:
    arch = load("yaml-defaults")
    for cid, kind in [("bare", "other"), ("web", "service"), ("store", "database")]:
        figure = sla.lookup(f"kind:{kind}")
        assert arch.components[cid].availability == figure.availability
        assert arch.components[cid].availability_source == figure.source


def test_replicas_default_to_the_number_of_zones() -> None:
    """web lists zones [az-a, az-b] and no replicas: 2 replicas, one per zone."""
    web = load("yaml-defaults").components["web"]
    assert web.replicas == 2
    assert web.zones == ["az-a", "az-b"]


def test_quorum_makes_the_default_min_healthy_a_majority() -> None:
    """store: 5 replicas with quorum -> 5 // 2 + 1 = 3."""
    store = load("yaml-defaults").components["store"]
    assert store.quorum is True
    assert store.min_healthy == 3


def test_an_empty_standby_is_warm_automatic_and_single() -> None:
    queue = load("yaml-defaults").components["queue"]
    assert queue.standby == Standby(
        mode=StandbyMode.WARM,
        mode_default=True,  # `mode` not written: the model says the warm is a default
        failover=Failover.AUTOMATIC,
        replicas=1,
        zones=[],
        region=None,
    )
    assert queue.standby.failover_success == 1.0


def test_entrypoints_default_to_components_nothing_depends_on() -> None:
    """Only `store` is a dependency target, so bare, web and queue are entry points."""
    arch = load("yaml-defaults")
    assert arch.entrypoints == ["bare", "web", "queue"]
    assert arch.entrypoints_declared is False


def test_zones_used_without_a_zones_section_are_implied() -> None:
    arch = load("yaml-defaults")
    assert arch.zones == {"az-a": Zone(), "az-b": Zone()}
    assert arch.regions == {}


def test_every_written_field_maps_to_the_model() -> None:
    api = load("yaml-all-fields").components["api"]
    assert api.kind is Kind.SERVICE
    assert api.availability == 0.995  # 99.5 %
    assert api.availability_source == "declared"
    assert api.replicas == 4
    assert api.zones == ["e1", "e2", "e1", "e2"]  # replica i in zones[i % 2]
    assert api.region == "east"  # from the zones
    assert api.min_healthy == 2
    assert api.sticky_sessions is True
    assert api.backups is False
    assert api.tags == ["tier-1", "public"]  # duplicates dropped, order kept
    assert api.ignore == {"HA003": "sessions are re-created on any node"}
    assert api.health_check == HealthCheck(
        enabled=True,
        details={
            "path": "/health",
            "interval_s": 10.0,
            "timeout_s": 2.5,
            "healthy_threshold": 3,
            "protocol": "http",
            "port": 8080,
        },
        # one failed probe is enough when unhealthy_threshold is not written
        interval_s=10.0,
        unhealthy_threshold=1.0,
        timing_written="interval_s: 10, unhealthy_threshold: 1",
    )


def test_standby_fields_map_to_fractions_and_spread_zones() -> None:
    """availability 99.0 % -> 0.99, failover_success 95 % -> 0.95; 2 replicas in [w1]."""
    standby = load("yaml-all-fields").components["api"].standby
    assert standby == Standby(
        mode=StandbyMode.COLD,
        failover=Failover.MANUAL,
        replicas=2,
        zones=["w1", "w1"],
        region="west",
        availability=0.99,
        failover_success=0.95,
    )
    assert not standby.counts


def test_health_check_false_and_disabled_mapping() -> None:
    arch = load("yaml-all-fields")
    assert arch.components["edge"].health_check == HealthCheck(enabled=False)
    assert arch.components["db_replica"].health_check == HealthCheck(
        enabled=False, details={"path": "/ping"}
    )


def test_scope_label_and_explicit_region() -> None:
    arch = load("yaml-all-fields")
    edge, recs = arch.components["edge"], arch.components["recs"]
    assert (edge.scope, edge.label, edge.region, edge.zones) == (
        Scope.REGIONAL,
        "API gateway",
        "east",
        [],
    )
    assert recs.scope is Scope.GLOBAL


def test_explicit_min_healthy_wins_over_quorum() -> None:
    db = load("yaml-all-fields").components["db"]
    assert (db.quorum, db.min_healthy, db.replicas) == (True, 3, 3)


def test_dependency_forms_map_in_document_order() -> None:
    arch = load("yaml-all-fields")
    assert edges(arch) == [
        ("edge", "api", "hard"),
        ("api", "db", "hard"),
        ("api", "recs", "soft"),
        ("api", "db|db_replica", "hard"),
    ]
    recs = dependency(arch, "api", "recs")
    assert (recs.timeout, recs.retries, recs.circuit_breaker) == (True, False, True)
    assert recs.note == "recommendations only"
    assert recs.kind is DependencyKind.SOFT
    plain = dependency(arch, "edge", "api")
    assert (plain.timeout, plain.retries, plain.circuit_breaker) == (None, None, None)


def test_dependency_and_component_locations() -> None:
    """`api:` is on line 22 and its mapping ends with the any_of item on line 37."""
    arch = load("yaml-all-fields")
    api = arch.components["api"]
    assert api.source is not None
    assert (api.source.file, api.source.line, api.source.end_line) == (
        "architecture.yaml",
        22,
        37,
    )
    lines = [d.location.line for d in arch.dependencies if d.location]
    assert lines == [21, 35, 36, 37]


def test_slo_zones_regions_and_declared_entrypoints() -> None:
    arch = load("yaml-all-fields")
    assert arch.name == "all-fields"
    assert arch.slo == 0.9995
    assert arch.regions == {"east": Region(availability=0.9999), "west": Region()}
    assert arch.zones == {
        "e1": Zone(region="east", availability=0.999),
        "e2": Zone(region="east"),
        "w1": Zone(region="west"),
    }
    assert arch.entrypoints == ["edge", "api"]
    assert arch.entrypoints_declared is True
    assert arch.errors == []
    assert arch.files == ["architecture.yaml"]


def test_implied_zones_take_the_region_written_beside_them() -> None:
    """db puts a1 in region-a and cache puts b1 in region-b, after app used them."""
    arch = load("yaml-implied-zones")
    assert arch.errors == []
    assert arch.zones == {
        "a1": Zone(region="region-a", region_inferred=True),
        "a2": Zone(),
        "b1": Zone(region="region-b", region_inferred=True),
    }
    assert set(arch.regions) == {"region-a", "region-b"}
    assert arch.components["app"].region is None  # its zones span two regions


def test_anchors_and_merge_keys_share_settings() -> None:
    arch = load("yaml-anchors")
    orders, payments = arch.components["orders"], arch.components["payments"]
    assert arch.errors == []
    assert (orders.kind, orders.replicas, orders.zones) == (Kind.SERVICE, 2, ["z1", "z2"])
    assert payments.replicas == 4  # written beside the merge key: wins
    assert payments.zones == ["z1", "z2", "z1", "z2"]
    assert payments.health_check.details == {"path": "/health"}
    assert "x-service" not in arch.components

"""Google Cloud: instances, MIGs, load balancer chains, GKE, Cloud SQL, Memorystore."""

from __future__ import annotations

from typing import Any

from spofcheck.model import Architecture, Failover, Kind, Scope
from tests.helpers.adapter_kit import counted, model, ref, requests, res, unknown

GOOGLE = {"google": {"project": "p", "region": "europe-west1", "zone": "europe-west1-b"}}


def gcp(*resources: Any) -> Architecture:
    return model(*resources, providers=GOOGLE)


def test_instance_without_zone_takes_the_providers_zone() -> None:
    arch = gcp(
        counted("google_compute_instance.vm", [{"machine_type": "e2"}, {"zone": "europe-west1-c"}])
    )
    vm = arch.components["google_compute_instance.vm"]
    assert (vm.replicas, vm.zones, vm.region) == (
        2,
        ["europe-west1-b", "europe-west1-c"],
        "europe-west1",
    )


def test_zonal_group_puts_every_vm_in_its_zone() -> None:
    group = gcp(
        res(
            "google_compute_instance_group_manager.app",
            {"zone": "europe-west1-d", "target_size": 3},
        )
    ).components["google_compute_instance_group_manager.app"]
    assert (group.replicas, group.zones) == (3, ["europe-west1-d"] * 3)
    assert group.health_check.enabled is None  # no autohealing: the LB's check still acts


def test_regional_group_without_listed_zones_has_unknown_placement() -> None:
    group = gcp(
        res(
            "google_compute_region_instance_group_manager.app",
            {"region": "europe-west1", "target_size": 3},
        )
    ).components["google_compute_region_instance_group_manager.app"]
    assert (group.replicas, group.zones, group.unresolved) == (3, [], ["zones"])


def test_autoscaler_minimum_replaces_target_size() -> None:
    arch = gcp(
        res(
            "google_compute_region_instance_group_manager.app",
            {"target_size": 5, "distribution_policy_zones": ["europe-west1-b", "europe-west1-c"]},
        ),
        res(
            "google_compute_region_autoscaler.app",
            {
                "target": ref("google_compute_region_instance_group_manager.app"),
                "autoscaling_policy": [{"min_replicas": 2, "max_replicas": 8}],
            },
        ),
    )
    group = arch.components["google_compute_region_instance_group_manager.app"]
    assert (group.replicas, group.zones) == (2, ["europe-west1-b", "europe-west1-c"])


def test_autoscaler_with_unknown_minimum_leaves_the_size_unknown() -> None:
    """min_replicas = var.min: the autoscaler decides, so target_size (5) is not what runs
    and the count is unknown, not 5."""
    arch = gcp(
        res("google_compute_region_instance_group_manager.app", {"target_size": 5}),
        res(
            "google_compute_region_autoscaler.app",
            {
                "target": ref("google_compute_region_instance_group_manager.app"),
                "autoscaling_policy": [{"min_replicas": unknown("var.min"), "max_replicas": 8}],
            },
        ),
    )
    group = arch.components["google_compute_region_instance_group_manager.app"]
    assert "replicas" in group.unresolved


def _lb_chain(**backend: Any) -> list[Any]:
    return [
        res(
            "google_compute_instance_group_manager.app",
            {"zone": "europe-west1-b", "target_size": 2},
        ),
        res("google_compute_health_check.app", {"http_health_check": [{"port": 80}]}),
        res(
            "google_compute_backend_service.app",
            {
                "health_checks": [ref("google_compute_health_check.app")],
                "backend": [
                    {"group": ref("google_compute_instance_group_manager.app", "instance_group")}
                ],
                **backend,
            },
        ),
        res(
            "google_compute_url_map.web",
            {"default_service": ref("google_compute_backend_service.app")},
        ),
        res("google_compute_target_http_proxy.web", {"url_map": ref("google_compute_url_map.web")}),
        res(
            "google_compute_global_forwarding_rule.web",
            {"target": ref("google_compute_target_http_proxy.web"), "port_range": "80"},
        ),
    ]


def test_forwarding_rule_reaches_backends_through_proxy_and_url_map() -> None:
    arch = gcp(*_lb_chain())
    assert requests(arch) == {
        ("google_compute_global_forwarding_rule.web", "google_compute_backend_service.app"),
        ("google_compute_backend_service.app", "google_compute_instance_group_manager.app"),
    }
    rule = arch.components["google_compute_global_forwarding_rule.web"]
    assert (rule.kind, rule.scope) == (Kind.LOAD_BALANCER, Scope.GLOBAL)
    assert arch.entrypoints == ["google_compute_global_forwarding_rule.web"]
    for folded in ("google_compute_url_map.web", "google_compute_target_http_proxy.web"):
        assert "part-of:google_compute_global_forwarding_rule.web" in arch.components[folded].tags
    backend = arch.components["google_compute_backend_service.app"]
    assert (backend.health_check.enabled, backend.sticky_sessions) == (True, False)
    assert (
        "part-of:google_compute_backend_service.app"
        in arch.components["google_compute_health_check.app"].tags
    )


def test_session_affinity_is_sticky_and_missing_health_checks_are_off() -> None:
    chain = _lb_chain(session_affinity="GENERATED_COOKIE")
    chain[2] = res(
        "google_compute_backend_service.app",
        {
            "session_affinity": "CLIENT_IP",
            "backend": [
                {"group": ref("google_compute_instance_group_manager.app", "instance_group")}
            ],
        },
    )
    backend = gcp(*chain).components["google_compute_backend_service.app"]
    assert (backend.health_check.enabled, backend.sticky_sessions) == (False, True)


def test_internal_forwarding_rule_is_not_an_entry_point() -> None:
    arch = gcp(
        res("google_compute_region_backend_service.db", {}),
        res(
            "google_compute_forwarding_rule.ilb",
            {
                "load_balancing_scheme": "INTERNAL",
                "backend_service": ref("google_compute_region_backend_service.db"),
            },
        ),
    )
    assert arch.entrypoints == []
    assert arch.components["google_compute_forwarding_rule.ilb"].scope is Scope.REGIONAL


def test_gke_zonal_and_regional_control_planes() -> None:
    arch = gcp(
        res("google_container_cluster.zonal", {"location": "europe-west1-b"}),
        res("google_container_cluster.regional", {"location": "europe-west1"}),
    )
    zonal = arch.components["google_container_cluster.zonal"]
    assert (zonal.scope, zonal.zones, zonal.region) == (
        Scope.INSTANCE,
        ["europe-west1-b"],
        "europe-west1",
    )
    assert arch.components["google_container_cluster.regional"].scope is Scope.REGIONAL


def test_gke_with_unknown_location_is_neither_zonal_nor_regional() -> None:
    """`location = var.loc` (no value): one control plane whose placement is unknown; it
    is not assumed regional (which would hide a zonal one), nor called a zonal SPOF."""
    gke = gcp(res("google_container_cluster.g", {"location": unknown("var.loc")})).components[
        "google_container_cluster.g"
    ]
    assert gke.scope is Scope.INSTANCE
    assert (gke.zones, gke.unresolved) == ([], ["replicas", "zones"])


def test_regional_node_pool_without_locations_spans_three_unknown_zones() -> None:
    """node_count is per zone; GKE uses three zones by default: 2 × 3 = 6 nodes."""
    arch = gcp(
        res("google_container_cluster.main", {"name": "main", "location": "europe-west1"}),
        res(
            "google_container_node_pool.pool",
            {"cluster": "main", "node_count": 2},
            refs=["google_container_cluster.main"],
        ),
    )
    pool = arch.components["google_container_node_pool.pool"]
    assert (pool.replicas, pool.zones, pool.unresolved) == (6, [], ["zones"])


def test_node_pool_autoscaling_minimum_per_zone() -> None:
    pool = gcp(
        res(
            "google_container_node_pool.pool",
            {
                "location": "europe-west1",
                "node_locations": ["europe-west1-b", "europe-west1-c"],
                "autoscaling": [{"min_node_count": 1, "max_node_count": 5}],
            },
        )
    ).components["google_container_node_pool.pool"]
    assert (pool.replicas, pool.zones) == (2, ["europe-west1-b", "europe-west1-c"])


def test_cloud_sql_zonal_by_default_regional_with_standby() -> None:
    arch = gcp(
        res(
            "google_sql_database_instance.zonal",
            {"region": "europe-west1", "settings": [{"tier": "db-f1-micro"}]},
        ),
        res(
            "google_sql_database_instance.ha",
            {
                "settings": [
                    {"availability_type": "REGIONAL", "backup_configuration": [{"enabled": True}]}
                ]
            },
        ),
    )
    zonal = arch.components["google_sql_database_instance.zonal"]
    assert (zonal.standby, zonal.backups, zonal.unresolved) == (None, False, ["zones"])
    ha = arch.components["google_sql_database_instance.ha"]
    assert ha.standby is not None
    assert (ha.standby.failover, ha.backups, ha.region) == (
        Failover.AUTOMATIC,
        True,
        "europe-west1",
    )


def test_memorystore_basic_is_one_node() -> None:
    redis = gcp(
        res("google_redis_instance.cache", {"memory_size_gb": 1, "location_id": "europe-west1-b"})
    ).components["google_redis_instance.cache"]
    assert (redis.kind, redis.zones, redis.standby, redis.backups) == (
        Kind.CACHE,
        ["europe-west1-b"],
        None,
        False,
    )


def test_buckets_regional_or_multi_region() -> None:
    arch = gcp(
        res("google_storage_bucket.eu", {"location": "EU"}),
        res("google_storage_bucket.local", {"location": "EUROPE-WEST1"}),
    )
    assert arch.components["google_storage_bucket.eu"].scope is Scope.GLOBAL
    local = arch.components["google_storage_bucket.local"]
    assert (local.scope, local.region) == (Scope.REGIONAL, "europe-west1")

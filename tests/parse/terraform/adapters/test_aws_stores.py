"""AWS caches, queues, storage and search."""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Scope
from tests.helpers.adapter_kit import model, ref, res, subnet_ids, subnets, unknown

AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]


def test_replication_group_primary_and_replicas_over_preferred_zones() -> None:
    group = model(
        res(
            "aws_elasticache_replication_group.s",
            {
                "num_cache_clusters": 3,
                "preferred_cache_cluster_azs": AZS,
                "automatic_failover_enabled": True,
            },
        )
    ).components["aws_elasticache_replication_group.s"]
    assert (group.kind, group.replicas, group.zones) == (Kind.CACHE, 1, ["us-east-1a"])
    assert group.standby is not None
    assert group.standby.failover is Failover.AUTOMATIC
    assert (group.standby.replicas, group.standby.zones) == (2, AZS[1:])
    assert group.backups is False  # snapshot_retention_limit defaults to 0


def test_replication_group_without_automatic_failover_needs_manual_promotion() -> None:
    group = model(res("aws_elasticache_replication_group.s", {"num_cache_clusters": 2})).components[
        "aws_elasticache_replication_group.s"
    ]
    assert group.standby is not None
    assert group.standby.failover is Failover.MANUAL
    assert group.unresolved == ["zones"]


def test_replication_group_with_unknown_failover_is_unresolved() -> None:
    group = model(
        res(
            "aws_elasticache_replication_group.s",
            {"num_cache_clusters": 2, "automatic_failover_enabled": unknown("var.failover")},
        )
    ).components["aws_elasticache_replication_group.s"]
    assert "standby" in group.unresolved


def test_unknown_node_count_leaves_the_groups_redundancy_unknown() -> None:
    """`num_cache_clusters = var.n` (no value): how many copies run is unknown, so
    `replicas` is unresolved (HA001 stays silent) instead of one node being assumed."""
    group = model(
        res(
            "aws_elasticache_replication_group.c",
            {
                "num_cache_clusters": unknown("var.n"),
                "automatic_failover_enabled": True,
                "multi_az_enabled": True,
            },
        )
    ).components["aws_elasticache_replication_group.c"]
    assert "replicas" in group.unresolved
    assert group.standby is None


def test_unknown_replicas_per_shard_leaves_the_groups_redundancy_unknown() -> None:
    """Two shards known, copies per shard not: still two primaries, redundancy unknown."""
    group = model(
        res(
            "aws_elasticache_replication_group.c",
            {
                "num_node_groups": 2,
                "replicas_per_node_group": unknown("var.r"),
                "automatic_failover_enabled": True,
            },
        )
    ).components["aws_elasticache_replication_group.c"]
    assert (group.replicas, group.min_healthy) == (2, 2)
    assert "replicas" in group.unresolved


def test_known_node_counts_stay_resolved() -> None:
    """The twin: a written count of 3 is 1 primary + 2 hot standbys, nothing unresolved
    about the count."""
    group = model(
        res(
            "aws_elasticache_replication_group.c",
            {"num_cache_clusters": 3, "automatic_failover_enabled": True},
        )
    ).components["aws_elasticache_replication_group.c"]
    assert group.standby is not None
    assert (group.replicas, group.standby.replicas) == (1, 2)
    assert "replicas" not in group.unresolved


def test_cluster_mode_needs_every_shard() -> None:
    """3 shards × (1 primary + 2 replicas): 3 primaries all needed, 6 standbys."""
    group = model(
        res(
            "aws_elasticache_replication_group.s",
            {
                "num_node_groups": 3,
                "replicas_per_node_group": 2,
                "automatic_failover_enabled": True,
            },
        )
    ).components["aws_elasticache_replication_group.s"]
    assert (group.replicas, group.min_healthy) == (3, 3)
    assert group.standby is not None
    assert group.standby.replicas == 6


def test_single_redis_node_and_memcached_spread() -> None:
    arch = model(
        res(
            "aws_elasticache_cluster.redis",
            {"engine": "redis", "num_cache_nodes": 1, "availability_zone": "us-east-1a"},
        ),
        res(
            "aws_elasticache_cluster.mc",
            {
                "engine": "memcached",
                "num_cache_nodes": 3,
                "preferred_availability_zones": AZS,
                "az_mode": "cross-az",
            },
        ),
    )
    redis = arch.components["aws_elasticache_cluster.redis"]
    assert (redis.replicas, redis.zones, redis.standby, redis.backups) == (
        1,
        ["us-east-1a"],
        None,
        False,
    )
    memcached = arch.components["aws_elasticache_cluster.mc"]
    assert (memcached.replicas, memcached.zones, memcached.backups) == (3, AZS, None)


def test_cache_cluster_joining_a_group_folds_into_it() -> None:
    arch = model(
        res(
            "aws_elasticache_replication_group.s",
            {"replication_group_id": "sessions", "num_cache_clusters": 2},
        ),
        res(
            "aws_elasticache_cluster.extra",
            {"replication_group_id": "sessions"},
            refs=["aws_elasticache_replication_group.s"],
        ),
    )
    extra = arch.components["aws_elasticache_cluster.extra"]
    assert extra.kind is Kind.CONFIG
    assert "part-of:aws_elasticache_replication_group.s" in extra.tags


def test_dynamodb_backups_are_point_in_time_recovery() -> None:
    arch = model(
        res("aws_dynamodb_table.on", {"point_in_time_recovery": [{"enabled": True}]}),
        res("aws_dynamodb_table.off", {"hash_key": "id"}),
    )
    assert arch.components["aws_dynamodb_table.on"].backups is True
    assert arch.components["aws_dynamodb_table.off"].backups is False
    assert arch.components["aws_dynamodb_table.off"].scope is Scope.REGIONAL


def test_s3_versioning_in_its_own_resource_counts_as_backups() -> None:
    arch = model(
        res("aws_s3_bucket.data", {"bucket": "data"}),
        res(
            "aws_s3_bucket_versioning.data",
            {
                "bucket": ref("aws_s3_bucket.data", "id"),
                "versioning_configuration": [{"status": "Enabled"}],
            },
        ),
        res("aws_s3_bucket.logs", {"bucket": "logs"}),
    )
    assert arch.components["aws_s3_bucket.data"].backups is True
    assert arch.components["aws_s3_bucket.logs"].backups is None
    assert "part-of:aws_s3_bucket.data" in arch.components["aws_s3_bucket_versioning.data"].tags


def test_efs_one_zone_and_backup_policy() -> None:
    arch = model(
        res("aws_efs_file_system.one", {"availability_zone_name": "us-east-1b"}),
        res("aws_efs_file_system.regional", {}),
        res(
            "aws_efs_backup_policy.regional",
            {
                "file_system_id": ref("aws_efs_file_system.regional"),
                "backup_policy": [{"status": "ENABLED"}],
            },
        ),
    )
    one = arch.components["aws_efs_file_system.one"]
    assert (one.scope, one.zones, one.backups) == (Scope.INSTANCE, ["us-east-1b"], False)
    regional = arch.components["aws_efs_file_system.regional"]
    assert (regional.scope, regional.backups) == (Scope.REGIONAL, True)


def test_msk_is_a_regional_managed_cluster() -> None:
    """MSK spreads brokers over 2-3 zones and replaces failed ones: regional, not brokers."""
    msk = res(
        "aws_msk_cluster.events",
        {
            "number_of_broker_nodes": 6,
            "broker_node_group_info": [{"client_subnets": subnet_ids("aws_subnet.d", 3)}],
        },
    )
    component = model(subnets("aws_subnet.d", AZS), msk).components["aws_msk_cluster.events"]
    assert (component.kind, component.scope, component.replicas) == (Kind.QUEUE, Scope.REGIONAL, 1)
    assert component.quorum is False


def test_opensearch_without_zone_awareness_stays_in_the_first_subnets_zone() -> None:
    domain = res(
        "aws_opensearch_domain.search",
        {
            "cluster_config": [{"instance_count": 2}],
            "vpc_options": [{"subnet_ids": subnet_ids("aws_subnet.d", 1)}],
        },
    )
    component = model(subnets("aws_subnet.d", AZS), domain).components[
        "aws_opensearch_domain.search"
    ]
    assert (component.kind, component.zones) == (Kind.SEARCH, ["us-east-1a", "us-east-1a"])


def test_opensearch_zone_aware_or_standby_is_regional() -> None:
    arch = model(
        res(
            "aws_opensearch_domain.aware",
            {"cluster_config": [{"instance_count": 4, "zone_awareness_enabled": True}]},
        ),
        res(
            "aws_opensearch_domain.standby",
            {"cluster_config": [{"multi_az_with_standby_enabled": True}]},
        ),
    )
    assert arch.components["aws_opensearch_domain.aware"].scope is Scope.REGIONAL
    standby = arch.components["aws_opensearch_domain.standby"]
    assert standby.scope is Scope.REGIONAL
    assert "Multi-AZ with Standby" in standby.availability_source  # its own catalogue entry


def test_opensearch_with_unknown_zone_awareness_is_not_assumed_regional() -> None:
    """zone_awareness_enabled = var.aware: two nodes whose zones are unknown, neither
    kept across zones by AWS (regional) nor put in one zone."""
    domain = model(
        res(
            "aws_opensearch_domain.s",
            {"cluster_config": [{"instance_count": 2, "zone_awareness_enabled": unknown("v")}]},
        )
    ).components["aws_opensearch_domain.s"]
    assert (domain.scope, domain.replicas, domain.zones) == (Scope.INSTANCE, 2, [])
    assert domain.unresolved == ["zones"]


def test_sqs_is_a_regional_queue() -> None:
    queue = model(res("aws_sqs_queue.jobs", {"name": "jobs"})).components["aws_sqs_queue.jobs"]
    assert (queue.kind, queue.scope, queue.region) == (Kind.QUEUE, Scope.REGIONAL, "us-east-1")

"""Replication in Terraform: standbys the adapters read from replicas, global clusters,
replication rules and failover groups (fixtures/replication/<case>/{standby,alone})."""

from __future__ import annotations

from pathlib import Path

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.model import Architecture, Component, Failover, Kind, Replication, StandbyMode
from tests.helpers.adapter_kit import model, ref, res

CASES = Path(__file__).resolve().parents[4] / "fixtures" / "replication"


def load(case: str, side: str) -> Architecture:
    _root, loaded, errors = load_stacks(ScanRequest(paths=[CASES / case / side], use_cache=False))
    assert not errors
    return loaded[0][1]


def component(case: str, side: str, cid: str) -> Component:
    return load(case, side).components[cid]


def _db(**attrs: object) -> dict[str, object]:
    return {"engine": "postgres", "instance_class": "db.r6g.large", **attrs}


def test_a_cross_region_read_replica_is_its_sources_warm_manual_async_standby() -> None:
    """The replica (provider alias in us-west-2, zone us-west-2b) folds into its source."""
    arch = load("rds-replica", "standby")
    source = arch.components["aws_db_instance.orders"]
    assert source.standby is not None
    assert (source.standby.mode, source.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert (source.standby.replicas, source.standby.zones) == (1, ["us-west-2b"])
    assert source.standby.region == "us-west-2"
    assert source.standby.replication is Replication.ASYNC
    assert source.standby.members == ["aws_db_instance.orders_dr"]
    replica = arch.components["aws_db_instance.orders_dr"]
    assert replica.kind is Kind.CONFIG
    assert "part-of:aws_db_instance.orders" in replica.tags
    # the DR-side API named the replica: it now calls the one logical database
    targets = {t for d in arch.request_dependencies() for t in d.targets}
    assert "aws_db_instance.orders_dr" not in targets


def test_without_a_replica_the_database_has_no_standby() -> None:
    assert component("rds-replica", "alone", "aws_db_instance.orders").standby is None


def test_a_same_region_replica_by_identifier_stays_in_the_sources_region() -> None:
    """Named by its identifier string; no region anywhere: the standby has the source's
    (None) and its zone."""
    arch = model(
        res("aws_db_instance.main", _db(identifier="main", availability_zone="us-east-1a")),
        res(
            "aws_db_instance.copy",
            _db(replicate_source_db="main", availability_zone="us-east-1b"),
        ),
    )
    main = arch.components["aws_db_instance.main"]
    assert main.standby is not None
    assert main.standby.zones == ["us-east-1b"]
    assert main.standby.region == main.region
    assert main.standby.replication is Replication.ASYNC


def test_a_replica_of_a_replica_counts_for_the_root() -> None:
    """main <- r1 <- r2: both replicas are main's standby (2 replicas)."""
    arch = model(
        res("aws_db_instance.main", _db()),
        res("aws_db_instance.r1", _db(replicate_source_db=ref("aws_db_instance.main", "arn"))),
        res("aws_db_instance.r2", _db(replicate_source_db=ref("aws_db_instance.r1", "arn"))),
    )
    main = arch.components["aws_db_instance.main"]
    assert main.standby is not None
    assert main.standby.replicas == 2
    assert main.standby.members == ["aws_db_instance.r1", "aws_db_instance.r2"]
    assert "part-of:aws_db_instance.main" in arch.components["aws_db_instance.r2"].tags


def test_multi_az_beside_a_replica_becomes_a_second_primary() -> None:
    """One standby per component: Multi-AZ's hot standby is counted as a primary (its
    zone is AWS's pick: unknown), the replica is the standby."""
    arch = model(
        res("aws_db_instance.main", _db(multi_az=True, availability_zone="us-east-1a")),
        res("aws_db_instance.copy", _db(replicate_source_db=ref("aws_db_instance.main", "id"))),
    )
    main = arch.components["aws_db_instance.main"]
    assert (main.replicas, main.zones) == (2, [])
    assert "zones" in main.unresolved
    assert main.standby is not None
    assert main.standby.mode is StandbyMode.WARM


def test_an_aurora_global_secondary_is_the_primarys_cross_region_standby() -> None:
    """Secondary in eu-west-1 with one reader: hot (it runs), manual (an operator starts
    an unplanned global failover), async; the primary's two members become primaries."""
    arch = load("aurora-global", "standby")
    us = arch.components["aws_rds_cluster.us"]
    assert (us.replicas, us.zones) == (2, ["us-east-1a", "us-east-1b"])
    assert us.standby is not None
    assert (us.standby.mode, us.standby.failover) == (StandbyMode.HOT, Failover.MANUAL)
    assert (us.standby.replicas, us.standby.zones) == (1, ["eu-west-1a"])
    assert us.standby.region == "eu-west-1"
    assert us.standby.replication is Replication.ASYNC
    assert us.standby.members == ["aws_rds_cluster.eu"]
    for folded in ("aws_rds_cluster.eu", "aws_rds_global_cluster.ledger"):
        assert arch.components[folded].kind is Kind.CONFIG
        assert "part-of:aws_rds_cluster.us" in arch.components[folded].tags


def test_aurora_replicas_in_other_zones_are_hot_automatic_synchronous() -> None:
    us = component("aurora-global", "alone", "aws_rds_cluster.us")
    assert us.standby is not None
    assert (us.standby.mode, us.standby.failover) == (StandbyMode.HOT, Failover.AUTOMATIC)
    assert us.standby.zones == ["us-east-1b"]
    assert us.standby.replication is Replication.SYNC


def test_the_global_clusters_source_names_the_primary_and_a_headless_secondary_is_cold() -> None:
    """`source_db_cluster_identifier` wins over addresses (a < b); a secondary with no
    instances must get some before it serves: cold, one replica."""
    glob = ref("aws_rds_global_cluster.g", "id")
    arch = model(
        res(
            "aws_rds_global_cluster.g",
            {"source_db_cluster_identifier": ref("aws_rds_cluster.b", "arn")},
        ),
        res("aws_rds_cluster.a", {"engine": "aurora-mysql", "global_cluster_identifier": glob}),
        res("aws_rds_cluster.b", {"engine": "aurora-mysql", "global_cluster_identifier": glob}),
    )
    b = arch.components["aws_rds_cluster.b"]
    assert b.kind is Kind.DATABASE
    assert b.standby is not None
    assert (b.standby.mode, b.standby.replicas) == (StandbyMode.COLD, 1)
    assert "part-of:aws_rds_cluster.b" in arch.components["aws_rds_cluster.a"].tags

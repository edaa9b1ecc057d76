"""AWS databases: RDS instances (multi-AZ, backups, replicas) and clusters."""

from __future__ import annotations

from spofcheck.model import Failover, Kind, Scope, StandbyMode
from tests.helpers.adapter_kit import counted, model, ref, res, unknown


def _db(**attrs: object) -> dict[str, object]:
    return {"engine": "postgres", "instance_class": "db.r6g.large", **attrs}


def test_single_az_instance_in_a_written_zone_without_backups() -> None:
    db = model(
        res("aws_db_instance.main", _db(availability_zone="us-east-1a", backup_retention_period=0))
    )
    component = db.components["aws_db_instance.main"]
    assert (component.kind, component.scope) == (Kind.DATABASE, Scope.INSTANCE)
    assert (component.replicas, component.zones, component.standby) == (1, ["us-east-1a"], None)
    assert component.backups is False
    assert component.availability_source  # from the catalogue (single-az variant or kind)


def test_multi_az_adds_a_hot_automatic_standby_in_an_unknown_zone() -> None:
    component = model(res("aws_db_instance.main", _db(multi_az=True))).components[
        "aws_db_instance.main"
    ]
    assert component.standby is not None
    assert (component.standby.mode, component.standby.failover) == (
        StandbyMode.HOT,
        Failover.AUTOMATIC,
    )
    assert (component.standby.replicas, component.standby.zones) == (1, [])
    assert component.unresolved == ["zones"]


def test_backups_default_to_one_day_except_on_read_replicas() -> None:
    """RDS keeps 1 day of automated backups unless told otherwise; replicas keep none.
    A replica whose source is not in the code stays a component of its own."""
    arch = model(
        res("aws_db_instance.main", _db()),
        res("aws_db_instance.replica", _db(replicate_source_db="legacy-db")),
    )
    assert arch.components["aws_db_instance.main"].backups is True
    replica = arch.components["aws_db_instance.replica"]
    assert replica.backups is False
    assert replica.kind is Kind.DATABASE
    assert "read-replica" in replica.tags


def test_unknown_multi_az_and_retention_stay_unknown() -> None:
    component = model(
        res(
            "aws_db_instance.main",
            _db(multi_az=unknown("var.ha"), backup_retention_period=unknown("var.days")),
        )
    ).components["aws_db_instance.main"]
    assert component.standby is None
    assert component.backups is None
    assert "standby" in component.unresolved


def test_aurora_cluster_writer_and_promotable_readers() -> None:
    """count = 3 members in a, b, c: the writer in a, two hot standbys in b and c."""
    members = counted(
        "aws_rds_cluster_instance.member",
        [
            {"cluster_identifier": ref("aws_rds_cluster.main"), "availability_zone": z}
            for z in ("us-east-1a", "us-east-1b", "us-east-1c")
        ],
    )
    arch = model(res("aws_rds_cluster.main", {"engine": "aurora-postgresql"}), members)
    cluster = arch.components["aws_rds_cluster.main"]
    assert (cluster.replicas, cluster.zones) == (1, ["us-east-1a"])
    assert cluster.standby is not None
    assert cluster.standby.replicas == 2
    assert cluster.standby.zones == ["us-east-1b", "us-east-1c"]
    assert cluster.backups is True  # clusters always keep at least one day
    assert "part-of:aws_rds_cluster.main" in arch.components["aws_rds_cluster_instance.member"].tags


def test_cluster_with_one_member_has_no_standby() -> None:
    arch = model(
        res("aws_docdb_cluster.docs", {"engine": "docdb"}),
        res(
            "aws_docdb_cluster_instance.one",
            {
                "cluster_identifier": ref("aws_docdb_cluster.docs"),
                "availability_zone": "eu-west-1a",
            },
        ),
        providers={"aws": {"region": "eu-west-1"}},
    )
    cluster = arch.components["aws_docdb_cluster.docs"]
    assert (cluster.replicas, cluster.zones, cluster.standby) == (1, ["eu-west-1a"], None)


def test_cluster_without_members_in_the_code_is_unresolved() -> None:
    cluster = model(res("aws_rds_cluster.main", {"engine": "aurora-mysql"})).components[
        "aws_rds_cluster.main"
    ]
    assert "replicas" in cluster.unresolved


def test_multi_az_db_cluster_has_two_readable_standbys() -> None:
    cluster = model(
        res(
            "aws_rds_cluster.main",
            {
                "engine": "postgres",
                "db_cluster_instance_class": "db.r6gd.large",
                "availability_zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
            },
        )
    ).components["aws_rds_cluster.main"]
    assert cluster.zones == ["us-east-1a"]
    assert cluster.standby is not None
    assert (cluster.standby.replicas, cluster.standby.zones) == (2, ["us-east-1b", "us-east-1c"])


def test_aurora_serverless_v1_is_regional() -> None:
    cluster = model(res("aws_rds_cluster.main", {"engine_mode": "serverless"})).components[
        "aws_rds_cluster.main"
    ]
    assert cluster.scope is Scope.REGIONAL

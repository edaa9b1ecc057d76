"""`spofcheck recovery` on the replication fixtures (fixtures/replication/<case>/…):
RPO 0 for synchronous standbys, above 0 for asynchronous ones, and a region lost is
recovered through the standby in the other region."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.cli import main
from spofcheck.recovery import objectives
from spofcheck.recovery.estimate import Targets
from spofcheck.recovery.objectives import Disruption

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "replication"


def disruptions(case: str, side: str) -> dict[str, dict[str, object]]:
    result = CliRunner().invoke(
        main, ["recovery", str(CASES / case / side), "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    stack = json.loads(result.output)["stacks"][0]
    return {d["type"]: d for d in stack["disruptions"]}


def test_rds_replica_region_loss_is_a_manual_cross_region_promotion() -> None:
    """us-east-1 lost: the API fails over to us-west-2 by DNS; the database waits for the
    replica's promotion: detection 30-60 s (ELB defaults 30 s x 2), manual promotion
    300-600 s, Route 53 health check 60-90 s (30 s x 3), TTL 0-60 s = 390-810 s; RPO the
    asynchronous lag, 1-30 s."""
    region = disruptions("rds-replica", "standby")["region"]
    assert region["rto_s"] == {"low": 390.0, "high": 810.0}
    assert region["rpo_s"] == {"low": 1.0, "high": 30.0}
    assert region["bottleneck"] == "aws_db_instance.orders"


def test_rds_without_replica_has_no_way_back_from_a_region_loss() -> None:
    region = disruptions("rds-replica", "alone")["region"]
    assert region["rto_s"]["high"] is None


def test_aurora_global_region_loss_is_promoted_by_hand_with_a_second_of_lag() -> None:
    """us-east-1 lost: detection 30-60 s, operator-started global failover 300-600 s
    (manual), Route 53 check 60-90 s, TTL 0-60 s = 390-810 s; RPO Aurora global's
    storage lag 0-1 s."""
    found = disruptions("aurora-global", "standby")
    region = found["region"]
    assert region["rto_s"] == {"low": 390.0, "high": 810.0}
    assert region["rpo_s"] == {"low": 0.0, "high": 1.0}
    assert region["bottleneck"] == "aws_rds_cluster.us"
    # the writer's zone lost: the in-region reader is promoted as without the secondary
    # (detection 30-60 s + Aurora 30-60 s), nothing lost
    assert found["zone"]["rto_s"] == {"low": 60.0, "high": 120.0}
    assert found["zone"]["rpo_s"] == {"low": 0.0, "high": 0.0}


def test_aurora_zone_loss_fails_over_in_region_with_nothing_lost() -> None:
    """us-east-1a (the writer's zone) lost: detection 30-60 s, Aurora failover 30-60 s;
    the replica reads the same storage: RPO 0."""
    zone = disruptions("aurora-global", "alone")["zone"]
    assert zone["rto_s"] == {"low": 60.0, "high": 120.0}
    assert zone["rpo_s"] == {"low": 0.0, "high": 0.0}


def store_disruptions(case: str, side: str, cid: str) -> dict[str, Disruption]:
    """The fixture with the store itself as the entry point: its own recovery."""
    folder = CASES / case / side
    _root, loaded, errors = load_stacks(ScanRequest(paths=[folder], use_cache=False))
    assert not errors
    arch = loaded[0][1].model_copy(update={"entrypoints": [cid]})
    return {d.type: d for d in objectives.disruptions(arch, Targets())}


def test_s3_region_loss_moves_to_the_copy_by_hand_losing_up_to_15_minutes() -> None:
    """us-east-1 lost: detection 30-60 s, manual switch 300-600 s, Route 53 check 60-90 s,
    TTL 0-60 s = 390-810 s; RPO S3 replication's 1-900 s."""
    region = store_disruptions("s3-replication", "standby", "aws_s3_bucket.invoices")["region"]
    assert (region.rto, region.rpo) == ((390.0, 810.0), (1.0, 900.0))
    alone = store_disruptions("s3-replication", "alone", "aws_s3_bucket.invoices")["region"]
    assert alone.estimate is not None
    assert alone.estimate.how != "standby"


def test_dynamodb_global_region_loss_needs_only_the_clients_to_move() -> None:
    """Active-active: detection 30-60 s, no promotion (0 s), Route 53 check 60-90 s, TTL
    0-60 s = 90-210 s; RPO the global tables' lag, 0-1 s."""
    cid = "aws_dynamodb_table.sessions"
    region = store_disruptions("dynamodb-global", "standby", cid)["region"]
    assert (region.rto, region.rpo) == ((90.0, 210.0), (0.0, 1.0))
    assert store_disruptions("dynamodb-global", "alone", cid)["region"].rto[1] is None


def test_elasticache_global_region_loss_is_a_manual_promotion_with_a_second_of_lag() -> None:
    cid = "aws_elasticache_replication_group.catalogue"
    found = store_disruptions("elasticache-global", "standby", cid)
    assert (found["region"].rto, found["region"].rpo) == ((390.0, 810.0), (0.0, 1.0))
    # a zone: the in-region replica is promoted (30-60 s + ElastiCache 30-90 s) and,
    # replicating asynchronously, may lack the last 1-30 s
    assert (found["zone"].rto, found["zone"].rpo) == ((60.0, 150.0), (1.0, 30.0))


def test_elasticache_zone_loss_in_region_is_automatic_but_asynchronous() -> None:
    """us-east-1a lost, no global datastore: detection 30-60 s, ElastiCache failover
    30-90 s = 60-150 s; the replica copies after the write: RPO 1-30 s (lag:async)."""
    cid = "aws_elasticache_replication_group.catalogue"
    zone = store_disruptions("elasticache-global", "alone", cid)["zone"]
    assert (zone.rto, zone.rpo) == ((60.0, 150.0), (1.0, 30.0))


def test_cloud_sql_region_loss_promotes_the_replica_by_hand() -> None:
    """us-central1 lost: detection 30-60 s, manual promotion 300-600 s, Route 53-style DNS
    check 60-90 s and TTL 0-60 s = 390-810 s; async lag 1-30 s. A zone loss is taken
    over by the HA standby (counted as the second primary), still a Cloud SQL HA
    failover: detection 30-60 s + 60-120 s = 90-180 s, RPO 0 (regional disk)."""
    cid = "google_sql_database_instance.accounts"
    found = store_disruptions("cloudsql-replica", "standby", cid)
    assert (found["region"].rto, found["region"].rpo) == ((390.0, 810.0), (1.0, 30.0))
    assert (found["zone"].rto, found["zone"].rpo) == ((90.0, 180.0), (0.0, 0.0))


def test_cloud_sql_ha_zone_loss_is_synchronous() -> None:
    """us-central1-a lost: detection 30-60 s + Cloud SQL HA failover 60-120 s = 90-180 s;
    the regional disk is written in both zones: RPO 0."""
    cid = "google_sql_database_instance.accounts"
    zone = store_disruptions("cloudsql-replica", "alone", cid)["zone"]
    assert (zone.rto, zone.rpo) == ((90.0, 180.0), (0.0, 0.0))


def test_azure_failover_group_automatic_waits_for_its_grace_period() -> None:
    """westeurope lost, automatic policy: detection 30-60 s, the group's failover after
    the one-hour grace period 3600-3720 s, DNS check 60-90 s, TTL 0-60 s = 3690-3930 s;
    manual: 300-600 s instead of the grace period = 390-810 s. RPO geo-replication's
    0-5 s either way."""
    cid = "azurerm_mssql_database.orders"
    auto = store_disruptions("azure-failover-group", "automatic", cid)["region"]
    assert (auto.rto, auto.rpo) == ((3690.0, 3930.0), (0.0, 5.0))
    manual = store_disruptions("azure-failover-group", "manual", cid)["region"]
    assert (manual.rto, manual.rpo) == ((390.0, 810.0), (0.0, 5.0))


def test_azure_geo_storage_region_loss_is_a_manual_failover_losing_up_to_15_minutes() -> None:
    """westeurope lost: detection 30-60 s, manual failover 300-600 s, DNS check 60-90 s,
    TTL 0-60 s = 390-810 s; RPO Azure Storage's typical geo lag, 0-900 s. ZRS alone: no
    way back from the region."""
    region = disruptions("azure-storage-geo", "standby")["region"]
    assert (region["rto_s"], region["rpo_s"]) == (
        {"low": 390.0, "high": 810.0},
        {"low": 0.0, "high": 900.0},
    )
    assert disruptions("azure-storage-geo", "alone")["region"]["rto_s"]["high"] is None


@pytest.mark.parametrize(
    ("case", "store", "rto", "rpo"),
    [
        # detection 30-60 + manual 300-600 + DNS check 60-90 + TTL 0-60; S3's lag
        ("s3-replication", "aws_s3_bucket.invoices", (390.0, 810.0), (1.0, 900.0)),
        # detection 30-60 + nothing promoted + DNS 60-90 + TTL 0-60; the tables' lag
        ("dynamodb-global", "aws_dynamodb_table.sessions", (90.0, 210.0), (0.0, 1.0)),
        # as S3, with the global datastore's lag
        (
            "elasticache-global",
            "aws_elasticache_replication_group.catalogue",
            (390.0, 810.0),
            (0.0, 1.0),
        ),
    ],
)
def test_with_the_app_in_both_regions_the_store_is_the_regions_bottleneck(
    case: str, store: str, rto: tuple[float, float], rpo: tuple[float, float]
) -> None:
    """The function runs in both regions behind a Route 53 failover pair, so a region
    loss waits only for the store's standby."""
    region = disruptions(case, "standby")["region"]
    assert region["bottleneck"] == store
    assert (region["rto_s"]["low"], region["rto_s"]["high"]) == rto
    assert (region["rpo_s"]["low"], region["rpo_s"]["high"]) == rpo

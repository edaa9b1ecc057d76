"""`spofcheck recovery` on the replication fixtures (fixtures/replication/<case>/…):
RPO 0 for synchronous standbys, above 0 for asynchronous ones, and a region lost is
recovered through the standby in the other region."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from spofcheck.cli import main

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
    region = disruptions("aurora-global", "standby")["region"]
    assert region["rto_s"] == {"low": 390.0, "high": 810.0}
    assert region["rpo_s"] == {"low": 0.0, "high": 1.0}
    assert region["bottleneck"] == "aws_rds_cluster.us"


def test_aurora_zone_loss_fails_over_in_region_with_nothing_lost() -> None:
    """us-east-1a (the writer's zone) lost: detection 30-60 s, Aurora failover 30-60 s;
    the replica reads the same storage: RPO 0."""
    zone = disruptions("aurora-global", "alone")["zone"]
    assert zone["rto_s"] == {"low": 60.0, "high": 120.0}
    assert zone["rpo_s"] == {"low": 0.0, "high": 0.0}

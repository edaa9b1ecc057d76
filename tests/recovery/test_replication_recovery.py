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

"""Terraform read replicas are their source's DR standby, in the model and in recovery."""

from __future__ import annotations

from pathlib import Path

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.model import Architecture, Failover, Kind, Replication, StandbyMode
from spofcheck.recovery.estimate import Targets
from spofcheck.recovery.objectives import disruptions

MAIN_TF = """
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_db_instance" "primary" {
  identifier              = "payments"
  engine                  = "postgres"
  instance_class          = "db.r6g.large"
  multi_az                = true
  backup_retention_period = 35
}
resource "aws_db_instance" "dr" {
  provider            = aws.west
  identifier          = "payments-dr"
  instance_class      = "db.r6g.large"
  replicate_source_db = aws_db_instance.primary.arn
}
"""


def _arch(tmp_path: Path) -> Architecture:
    (tmp_path / "main.tf").write_text(MAIN_TF, "utf-8")
    _root, loaded, errors = load_stacks(ScanRequest(paths=[tmp_path], use_cache=False))
    assert not errors
    arch = loaded[0][1]
    return arch.model_copy(update={"entrypoints": ["aws_db_instance.primary"]})


def test_the_replica_becomes_a_warm_manual_async_standby(tmp_path: Path) -> None:
    """Multi-AZ's in-region standby becomes a second primary (2 replicas); the
    cross-region replica is the standby: warm, manual, in us-west-2, async."""
    arch = _arch(tmp_path)
    source = arch.components["aws_db_instance.primary"]
    assert source.replicas == 2
    assert source.standby is not None
    assert (source.standby.mode, source.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert source.standby.region == "us-west-2"
    assert source.standby.replication is Replication.ASYNC
    assert source.standby.members == ["aws_db_instance.dr"]
    replica = arch.components["aws_db_instance.dr"]
    assert replica.kind is Kind.CONFIG  # no writer of its own
    assert "part-of:aws_db_instance.primary" in replica.tags


def test_losing_the_primary_region_is_a_manual_promotion(tmp_path: Path) -> None:
    """us-east-1 lost: detection 30-60 s (ELB defaults), manual promotion 300-600 s,
    Route 53 health check 60-90 s, TTL 0-60 s: 390-810 s, within 15 min; RPO the async
    lag 1-30 s, above 0."""
    targets = Targets(rto={"region": 900.0}, rpo={"region": 0.0})
    region = disruptions(_arch(tmp_path), targets)[2]
    assert region.rto == (390.0, 810.0)
    assert region.rpo == (1.0, 30.0)
    assert region.bottleneck == "aws_db_instance.primary"
    assert region.meets is False


def test_losing_the_writer_in_region_is_still_a_multi_az_failover(tmp_path: Path) -> None:
    """The Multi-AZ standby counts as the second primary, but losing one of the two may
    be losing the writer: detection 30-60 s + RDS Multi-AZ 60-120 s = 90-180 s, and the
    synchronous standby loses nothing."""
    instance = disruptions(_arch(tmp_path), Targets())[0]
    assert instance.rto == (90.0, 180.0)
    assert instance.rpo == (0.0, 0.0)

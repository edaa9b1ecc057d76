"""CloudFormation read replicas go through the Terraform adapter: they fold into their
source as its warm, manual, asynchronous standby, as Terraform ones do."""

from __future__ import annotations

from pathlib import Path

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.model import Failover, Kind, Replication, StandbyMode

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Primary:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.r6g.large
      MultiAZ: true
  Replica:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: db.r6g.large
      SourceDBInstanceIdentifier: !Ref Primary
"""


def test_a_source_db_instance_identifier_makes_a_standby(tmp_path: Path) -> None:
    """Multi-AZ's standby becomes the second primary; the replica is the standby."""
    (tmp_path / "template.yaml").write_text(TEMPLATE, "utf-8")
    _root, loaded, errors = load_stacks(ScanRequest(paths=[tmp_path], use_cache=False))
    assert not errors
    arch = loaded[0][1]
    primary = arch.components["Primary"]
    assert primary.replicas == 2
    assert primary.standby is not None
    assert (primary.standby.mode, primary.standby.failover) == (StandbyMode.WARM, Failover.MANUAL)
    assert primary.standby.replication is Replication.ASYNC
    assert primary.standby.members == ["Replica"]
    assert arch.components["Replica"].kind is Kind.CONFIG

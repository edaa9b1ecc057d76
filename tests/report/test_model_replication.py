"""`spofcheck model` shows how a standby replicates and what the input called it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from spofcheck.cli import main

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "replication"


def _model(case: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["model", str(CASES / case), "--no-cache", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_text_names_the_replication_mode_and_the_folded_replica() -> None:
    text = _model("rds-replica/standby")
    assert "replication=async members=aws_db_instance.orders_dr" in text


def test_text_says_when_the_mode_is_the_regional_default(tmp_path: Path) -> None:
    """No `replication` written: sync beside the primary, async in another region."""
    (tmp_path / "architecture.yaml").write_text(DESIGN, "utf-8")
    result = CliRunner().invoke(main, ["model", str(tmp_path), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "replication=sync (same region)" in result.output
    assert "replication=async (other region)" in result.output


DESIGN = """
version: 1
zones:
  a: {region: r1}
  b: {region: r1}
  c: {region: r2}
components:
  db:
    kind: database
    zones: [a]
    standby: {mode: hot, zones: [b]}
  dr:
    kind: database
    zones: [a]
    standby: {mode: warm, failover: manual, zones: [c]}
entrypoints: [db, dr]
"""


def test_json_carries_replication_and_members_on_the_standby_and_its_reading() -> None:
    model = json.loads(_model("aurora-global/standby", "--format", "json"))
    cluster = next(c for c in model["components"] if c["id"] == "aws_rds_cluster.us")
    for standby in (cluster["standby"], cluster["effective"]["standby"]):
        assert standby["replication"] == "async"
        assert standby["members"] == ["aws_rds_cluster.eu"]

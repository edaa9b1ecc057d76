"""HA006: running replicas, manual promotion."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, messages, run_rule, scan_folder

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def test_manual_hot_standby(tmp_path: Path) -> None:
    body = (
        "  db: {kind: database, zones: [a], standby: {mode: warm, failover: manual, zones: [b]}}\n"
    )
    assert messages(run_rule("HA006", load_yaml(HEAD + body, tmp_path))) == [
        "has 1 warm replica ready to take over, but failover is manual (failover: manual): "
        "when the primary fails, it stays down until someone promotes a replica"
    ]


def test_cold_manual_standby_is_ha004s_not_ha006s(tmp_path: Path) -> None:
    body = (
        "  db: {kind: database, zones: [a], standby: {mode: cold, failover: manual, zones: [b]}}\n"
    )
    assert run_rule("HA006", load_yaml(HEAD + body, tmp_path)) == []


def test_elasticache_failover_left_unset_defaults_to_manual(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """provider "aws" {
  region = "us-east-1"
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
  num_cache_clusters   = 3
}
""",
        encoding="utf-8",
    )
    [finding] = [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA006"]
    assert "has 2 hot replicas ready" in finding.message
    assert "(automatic_failover_enabled unset, defaulting to false)" in finding.message

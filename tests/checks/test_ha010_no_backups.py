"""HA010: stores known to have no backups; caches, queues and read replicas excluded."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, run_rule, scan_folder

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def _components(tmp_path: Path, body: str, **options: object) -> list[str]:
    arch = load_yaml(HEAD + body, tmp_path)
    return [f.component for f in run_rule("HA010", arch, options=options)]


def test_only_stores_known_to_lack_backups(tmp_path: Path) -> None:
    body = """\
  db: {kind: database, zones: [a, b], backups: false}
  unknown: {kind: database, zones: [a, b]}
  cache: {kind: cache, zones: [a, b], backups: false}
"""
    assert _components(tmp_path, body) == ["db"]
    assert _components(tmp_path, body, kinds=["database", "cache"]) == ["db", "cache"]


def test_an_rds_read_replica_without_retention_is_fine(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "primary" {
  engine                  = "postgres"
  multi_az                = true
  backup_retention_period = 7
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.primary.identifier
}
""",
        encoding="utf-8",
    )
    assert [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA010"] == []

"""HA015: deletion protection off, written or by the provider's default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.rule_cases import scan_folder

PROVIDERS = """provider "aws" {
  region = "us-east-1"
}

provider "google" {
  region = "us-central1"
}

"""


def _ha015(tmp_path: Path, body: str) -> list[str]:
    (tmp_path / "main.tf").write_text(PROVIDERS + body, encoding="utf-8")
    return [
        f.message.split(":")[0]
        for f in scan_folder(tmp_path).report.findings
        if f.rule_id == "HA015"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'resource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n}\n',
            ["can be deleted by one apply (deletion_protection unset, defaulting to false)"],
        ),
        ('resource "aws_rds_cluster" "c" {\n  deletion_protection = true\n}\n', []),
        # Cloud SQL protects by default: only a written false is reported
        (
            'resource "google_sql_database_instance" "s" {\n  database_version = "MYSQL_8_0"\n}\n',
            [],
        ),
        # stores without such a switch are not judged
        ('resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n', []),
    ],
)
def test_defaults_per_provider(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert _ha015(tmp_path, body) == expected

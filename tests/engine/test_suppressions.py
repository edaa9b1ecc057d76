"""Suppressions: a reason is required, unused and unreasoned ones are reported, audits
see everything, and the summary counts what was suppressed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spofcheck.cli import main
from tests.helpers.rule_cases import scan_folder

YAML_STACK = """\
version: 1
name: suppressions
zones: {a: {}, b: {}}
components:
  lb:
    kind: load_balancer
    scope: regional
    depends_on: [web]
  web:
    kind: service
    zones: [a, b]
    sticky_sessions: true
    ignore: {HA003: "sessions are stateless JWTs; affinity only keeps caches warm"}
  worker:
    kind: service
    zones: [a, b]
    ignore: {sticky-sessions: "nothing sticky here yet"}
"""
HCL_STACK = """\
provider "aws" {
  region = "us-east-1"
}

# spofcheck:ignore HA002 a scratch database, rebuilt from fixtures every night
resource "aws_db_instance" "scratch" {
  engine                  = "postgres"
  multi_az                = false
  backup_retention_period = 1
  deletion_protection     = true
}

resource "aws_db_instance" "orders" {
  engine                  = "postgres"
  multi_az                = false # spofcheck:ignore HA002
  backup_retention_period = 7
  deletion_protection     = true
}

# spofcheck:ignore HA999 a rule that does not exist
resource "aws_db_instance" "ledger" {
  engine                  = "postgres"
  multi_az                = true
  backup_retention_period = 7
  deletion_protection     = true
}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "stack"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_yaml_ignore_with_a_reason_suppresses_and_is_counted(tmp_path: Path) -> None:
    result = scan_folder(_write(tmp_path, "architecture.yaml", YAML_STACK))
    report = result.report
    [sticky] = [f for f in report.findings if f.rule_id == "HA003"]
    assert sticky.suppressed
    assert sticky.suppression_reason == (
        "sessions are stateless JWTs; affinity only keeps caches warm"
    )
    assert sticky not in report.active_findings
    assert report.suppressed_findings == [sticky]


def test_an_ignore_may_name_the_rule_and_an_unused_one_is_reported(tmp_path: Path) -> None:
    """`worker` ignores sticky-sessions (HA003 by name) but is not sticky."""
    result = scan_folder(_write(tmp_path, "architecture.yaml", YAML_STACK))
    assert result.report.notes == [
        "architecture.yaml:14: ignore of HA003 on worker matched no finding (unused)"
    ]


def test_hcl_comment_ignores(tmp_path: Path) -> None:
    """A reasoned comment above the block suppresses; one without a reason does not
    and says so; one naming an unknown rule is reported."""
    result = scan_folder(_write(tmp_path, "main.tf", HCL_STACK))
    ha002 = {f.component: f for f in result.report.findings if f.rule_id == "HA002"}
    assert ha002["aws_db_instance.scratch"].suppressed
    assert not ha002["aws_db_instance.orders"].suppressed
    assert result.report.notes == [
        "main.tf:13: ignore of HA002 on aws_db_instance.orders has no reason; not applied",
        "main.tf:21: ignore of unknown rule HA999 on aws_db_instance.ledger; not applied",
    ]


def test_no_ignores_reports_everything_and_notes_nothing(tmp_path: Path) -> None:
    result = scan_folder(_write(tmp_path, "architecture.yaml", YAML_STACK), honour_ignores=False)
    assert [f.rule_id for f in result.report.active_findings] == ["HA003"]
    assert result.report.suppressed_findings == []
    assert result.report.notes == []


def test_an_ignore_of_a_disabled_rule_is_not_called_unused(tmp_path: Path) -> None:
    from spofcheck.config import Config

    folder = _write(tmp_path, "architecture.yaml", YAML_STACK)
    result = scan_folder(folder, config=Config(disable=["HA003"]))
    assert result.report.findings == []
    assert result.report.notes == []


@pytest.mark.parametrize(("flag", "active", "suppressed"), [([], 0, 1), (["--no-ignores"], 1, 0)])
def test_cli_summary_counts_suppressed_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: list[str], active: int, suppressed: int
) -> None:
    _write(tmp_path, "architecture.yaml", YAML_STACK)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["scan", "stack", "-f", "json", "--no-cache", *flag]).output
    summary = json.loads(out)["summary"]
    assert (summary["findings"], summary["suppressed"]) == (active, suppressed)
    text = CliRunner().invoke(main, ["scan", "stack", "--no-cache", *flag]).output
    assert ("1 suppressed" in text) is bool(suppressed)


FOR_EACH_STACK = """\
# spofcheck:ignore HA003 the shop keeps carts in the session on purpose
resource "aws_lb_target_group" "svc" {
  for_each = toset(["catalog", "shop"])
  port     = 80
  protocol = "HTTP"
  stickiness {
    type    = "lb_cookie"
    enabled = each.key == "shop"
  }
}

# spofcheck:ignore HA999 not a rule
resource "aws_lb_target_group" "tools" {
  for_each = toset(["a", "b"])
  port     = 80
  protocol = "HTTP"
  stickiness {
    type    = "lb_cookie"
    enabled = each.key == "b"
  }
}
"""


def test_an_ignore_on_a_split_for_each_block_is_judged_once_for_the_block(
    tmp_path: Path,
) -> None:
    """The block splits into "catalog" and "shop"; its ignore suppresses the "shop"
    finding and is used, although "catalog" has nothing to suppress. The unknown-rule
    ignore on `tools` is one note for its block, not one per instance."""
    result = scan_folder(_write(tmp_path, "main.tf", FOR_EACH_STACK))
    ha003 = [f for f in result.report.findings if f.rule_id == "HA003"]
    shop = next(f for f in ha003 if f.component == 'aws_lb_target_group.svc["shop"]')
    assert shop.suppressed
    assert result.report.notes == [
        'main.tf:13: ignore of unknown rule HA999 on aws_lb_target_group.tools["a"]; not applied'
    ]


REPLICA_STACK = """\
resource "aws_db_instance" "main" {
  identifier     = "main"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

# spofcheck:ignore HA002 a read copy for reports only
resource "aws_db_instance" "copy" {
  identifier          = "copy"
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.micro"
}
"""


def test_an_ignore_on_a_folded_read_replica_names_its_primary(tmp_path: Path) -> None:
    """The replica folds into its primary (docs/adapters.md): its ignore suppresses
    nothing, and never the primary's own HA002; the note (at the block's line, 8) says
    where its findings went."""
    result = scan_folder(_write(tmp_path, "main.tf", REPLICA_STACK))
    assert ("HA002", "aws_db_instance.main") in {
        (f.rule_id, f.component) for f in result.report.active_findings
    }
    assert result.report.notes == [
        "main.tf:8: ignore of HA002 on aws_db_instance.copy matched no finding (unused); "
        "it is folded into aws_db_instance.main, whose findings stand for it: write the "
        "ignore there if it applies to that component"
    ]

"""HA003: session affinity, wherever the model says it is on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import load_yaml, messages, run_rule, scan_folder

HEAD = "version: 1\nzones: {a: {}, b: {}}\ncomponents:\n"


def test_yaml_sticky_sessions_names_the_setting(tmp_path: Path) -> None:
    arch = load_yaml(
        HEAD + "  web: {kind: service, zones: [a, b], sticky_sessions: true}\n", tmp_path
    )
    assert messages(run_rule("HA003", arch)) == [
        "pins each user to one target (sticky_sessions: true): when that target fails, its "
        "users lose their sessions and are logged out or lose carts"
    ]


def test_unknown_or_off_stays_quiet(tmp_path: Path) -> None:
    arch = load_yaml(HEAD + "  web: {kind: service, zones: [a, b]}\n", tmp_path)
    assert run_rule("HA003", arch) == []


def test_a_stickiness_block_is_on_by_default_and_names_the_targets(tmp_path: Path) -> None:
    """The AWS provider enables `stickiness` once the block is written."""
    (tmp_path / "main.tf").write_text(
        """provider "aws" {
  region = "us-east-1"
}

resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
  stickiness {
    type = "app_cookie"
  }
}

resource "aws_lb_target_group_attachment" "web" {
  target_group_arn = aws_lb_target_group.web.arn
  target_id        = aws_instance.web.id
}

resource "aws_instance" "web" {
  ami = "ami-0123456789abcdef0"
}
""",
        encoding="utf-8",
    )
    findings = [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA003"]
    assert [f.message.split(":")[0] for f in findings] == [
        'pins each user to one target of aws_instance.web (stickiness enabled, type = "app_cookie")'
    ]

"""HA012 (declarative): cross-zone load balancing written `false`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.rule_cases import scan_folder


def _ha012(tmp_path: Path, body: str) -> list[str]:
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\n' + body, encoding="utf-8"
    )
    return [f.message for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA012"]


def test_nlb_left_at_its_default_is_not_reported(tmp_path: Path) -> None:
    """Off by default on NLBs is a documented cost trade-off; only `false` is judged."""
    assert _ha012(tmp_path, 'resource "aws_lb" "n" {\n  load_balancer_type = "network"\n}\n') == []


def test_an_unknown_value_stays_quiet(tmp_path: Path) -> None:
    body = (
        'variable "cross" {\n  type = bool\n}\n\n'
        'resource "aws_lb" "n" {\n  load_balancer_type = "network"\n'
        "  enable_cross_zone_load_balancing = var.cross\n}\n"
    )
    assert _ha012(tmp_path, body) == []


@pytest.mark.parametrize("value", ['"false"', "false"])
def test_target_group_setting_as_string_or_bool(tmp_path: Path, value: str) -> None:
    body = (
        'resource "aws_lb_target_group" "t" {\n  port = 80\n  protocol = "TCP"\n'
        f"  load_balancing_cross_zone_enabled = {value}\n}}\n"
    )
    [message] = _ha012(tmp_path, body)
    assert message.startswith(
        "cross-zone load balancing is off (load_balancing_cross_zone_enabled = "
    )

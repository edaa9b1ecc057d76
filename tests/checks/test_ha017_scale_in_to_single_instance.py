"""HA017: a routed auto scaling group whose floor is one instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.rule_cases import scan_folder

STACK = """provider "aws" {{
  region = "us-east-1"
}}

resource "aws_lb_target_group" "web" {{
  port     = 80
  protocol = "HTTP"
  health_check {{
    path = "/health"
  }}
}}

resource "aws_autoscaling_group" "web" {{
  min_size           = {floor}
  max_size           = 6
  desired_capacity   = {desired}
  availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
  health_check_type  = "ELB"
  {routing}
}}
"""
ROUTED = "target_group_arns  = [aws_lb_target_group.web.arn]"


@pytest.mark.parametrize(
    ("floor", "desired", "routing", "fires"),
    [
        (1, 3, ROUTED, True),
        (2, 3, ROUTED, False),
        (1, 1, ROUTED, False),  # one instance already: HA001's finding
        (0, 3, "", False),  # a worker group nothing routes to may scale to zero
    ],
)
def test_floor(tmp_path: Path, floor: int, desired: int, routing: str, fires: bool) -> None:
    (tmp_path / "main.tf").write_text(
        STACK.format(floor=floor, desired=desired, routing=routing), encoding="utf-8"
    )
    found = [f for f in scan_folder(tmp_path).report.findings if f.rule_id == "HA017"]
    assert bool(found) is fires

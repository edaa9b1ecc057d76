"""Capacity under autoscaling is a range: the model carries it, HA001 and HA017 judge it.

A group with `min_size = 0`, no `desired_capacity` and a scaling policy used to get 0
replicas: availability 0 %, no finding, exit 0. It runs one instance when asked (the
policy scales it out), so it is one replica whose floor is 0: a single point of failure.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.rule_cases import scan_folder

CODE = """
provider "aws" {
  region = "us-east-1"
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-a", "subnet-b"]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_target_group" "web" {
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-1"
  health_check {
    path = "/health"
  }
}

resource "aws_autoscaling_group" "web" {
  min_size          = 0
  max_size          = 4
  %s
  health_check_type = "ELB"
  target_group_arns = [aws_lb_target_group.web.arn]
  availability_zones = ["us-east-1a", "us-east-1b"]
}

resource "aws_autoscaling_policy" "cpu" {
  name                   = "cpu"
  autoscaling_group_name = aws_autoscaling_group.web.name
  policy_type            = "TargetTrackingScaling"
}
"""
ASG = "aws_autoscaling_group.web"


def _scan(tmp_path: Path, desired: str):  # type: ignore[no-untyped-def]
    (tmp_path / "main.tf").write_text(CODE % desired, encoding="utf-8")
    return scan_folder(tmp_path)


def test_a_scaled_group_with_floor_zero_is_one_replica_and_a_spof(tmp_path: Path) -> None:
    result = _scan(tmp_path, "")
    group = result.stacks[0].arch.components[ASG]
    assert group.replicas == 1
    assert group.autoscaling is not None
    assert (group.autoscaling.min, group.autoscaling.max) == (0, 4)
    [finding] = [f for f in result.report.findings if f.rule_id == "HA001"]
    assert finding.component == ASG
    assert "may scale in to 0 (min_size = 0)" in finding.message
    availability = result.stacks[0].availability
    assert availability is not None
    assert availability.value is not None
    assert availability.value > 0.99  # one 99.5 % instance, not 0 %


def test_a_group_desiring_three_under_a_policy_is_judged_on_its_floor(tmp_path: Path) -> None:
    """desired 3 with a policy that may shrink it: the floor (0, run as 1) is what is
    guaranteed, so HA001 reports one replica rather than the model claiming 0."""
    result = _scan(tmp_path, "desired_capacity = 3")
    group = result.stacks[0].arch.components[ASG]
    assert group.autoscaling is not None
    assert group.autoscaling.min == 0
    assert group.replicas == 1
    assert [f.component for f in result.report.findings if f.rule_id == "HA001"] == [ASG]

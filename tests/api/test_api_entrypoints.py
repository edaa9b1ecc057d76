"""Entry points named outside the code (issue 17): the config's `entrypoints`, a YAML
overlay, and the gate on a figure whose basis is not the plain "every entry point up"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from spofcheck.cli import main

TWO_VMS = """
resource "aws_instance" "web" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}
resource "aws_instance" "batch" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}
"""
# Two single instances, nothing calling either, no front door: the catalogue's EC2
# instance figure is 99.5%, so both up is 0.995^2 = 0.990025; one alone 0.995.
ONE = 0.995
BOTH = 0.995 * 0.995


def _stack(tmp_path: Path, config: str | None = None) -> Path:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "main.tf").write_text(TWO_VMS)
    if config is not None:
        (tmp_path / "spofcheck.yaml").write_text(config)
    return tmp_path / "stack"


def _json(stack: Path, *args: str) -> tuple[Result, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        main, ["availability", str(stack), "-f", "json", "--no-cache", *args]
    )
    return result, json.loads(result.output) if result.output.startswith("{") else {}


def test_no_entry_point_gives_every_serving_component_up(tmp_path: Path) -> None:
    result, doc = _json(_stack(tmp_path))
    assert result.exit_code == 0
    assert doc["basis"] == "every-serving-component"
    assert abs(doc["value"] - BOTH) < 1e-12
    assert [(e["id"], e["value"]) for e in doc["entrypoints"]] == [
        ("aws_instance.batch", ONE),
        ("aws_instance.web", ONE),
    ]


def test_the_config_names_the_entry_point(tmp_path: Path) -> None:
    stack = _stack(tmp_path, "entrypoints:\n  stack: [aws_instance.web]\n")
    result, doc = _json(stack, "--config", str(tmp_path / "spofcheck.yaml"))
    assert result.exit_code == 0
    assert doc["basis"] == "entrypoints"
    assert abs(doc["value"] - ONE) < 1e-12


def test_a_misspelled_entry_point_in_the_config_is_located(tmp_path: Path) -> None:
    stack = _stack(tmp_path, "entrypoints:\n  stack: [aws_instance.webb]\n")
    result, doc = _json(stack, "--config", str(tmp_path / "spofcheck.yaml"))
    assert result.exit_code == 2
    assert doc["value"] is None  # never a figure over a model with errors
    assert "entrypoints.stack[0]" in doc["errors"][0]["key"]
    assert "did you mean 'aws_instance.web'" in doc["errors"][0]["message"]


def test_a_config_key_naming_no_folder_is_an_error(tmp_path: Path) -> None:
    stack = _stack(tmp_path, "entrypoints:\n  stak: [aws_instance.web]\n")
    result, doc = _json(stack, "--config", str(tmp_path / "spofcheck.yaml"))
    assert result.exit_code == 2
    assert any(e["key"] == "entrypoints.stak" for e in doc["errors"])


def test_an_overlay_names_the_entry_point(tmp_path: Path) -> None:
    stack = _stack(tmp_path)
    overlay = "version: 1\ncomponents: {}\nentrypoints: [aws_instance.batch]\n"
    (stack / "overlay.yaml").write_text(overlay)
    _, doc = _json(stack)
    assert doc["basis"] == "entrypoints"
    assert abs(doc["value"] - ONE) < 1e-12


def test_the_floor_gate_names_the_basis(tmp_path: Path) -> None:
    """99.0025% is below a 99.5% floor (fails) and above 99% (passes)."""
    stack = _stack(tmp_path)
    failed, doc = _json(stack, "--min-availability", "99.5")
    assert failed.exit_code == 1
    message = doc["gate"]["reasons"][0]["message"]
    assert "(no entry point: every serving component up) 99% is below" in message
    passed, _ = _json(stack, "--min-availability", "99")
    assert passed.exit_code == 0


TWO_ALBS = """resource "aws_lb" "public" {
  name               = "public"
  load_balancer_type = "application"
  subnets            = ["subnet-a", "subnet-b"]
}
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-1"
}
resource "aws_lb_listener" "public" {
  load_balancer_arn = aws_lb.public.arn
  port              = 443
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}
resource "aws_autoscaling_group" "web" {
  min_size            = 3
  max_size            = 6
  vpc_zone_identifier = ["subnet-a", "subnet-b", "subnet-c"]
  target_group_arns   = [aws_lb_target_group.web.arn]
}
resource "aws_lb" "tools" {
  name               = "tools"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-a", "subnet-b"]
}
resource "aws_lb_target_group" "tools" {
  name     = "tools"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-1"
}
resource "aws_lb_listener" "tools" {
  load_balancer_arn = aws_lb.tools.arn
  port              = 443
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.tools.arn
  }
}
resource "aws_instance" "tools" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}
resource "aws_lb_target_group_attachment" "tools" {
  target_group_arn = aws_lb_target_group.tools.arn
  target_id        = aws_instance.tools.id
}
"""
# The site: a public ALB (ELB SLA 99.99%) in front of an ASG of 3 instances (EC2 instance
# SLA 99.5% each; one healthy instance serves): 0.9999 * (1 - 0.005^3). The tools: a public
# ALB in front of one instance: 0.9999 * 0.995. Target groups carry no figure of their own.
SITE = 0.9999 * (1 - 0.005**3)
TOOLS = 0.9999 * 0.995


def test_two_inferred_front_doors_are_judged_each_on_its_own(tmp_path: Path) -> None:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "main.tf").write_text(TWO_ALBS)
    result, doc = _json(tmp_path / "stack", "--slo", "99.5")
    assert doc["basis"] == "each-entrypoint"
    per = {e["id"]: e["value"] for e in doc["entrypoints"]}
    assert per == {"aws_lb.public": pytest.approx(SITE), "aws_lb.tools": pytest.approx(TOOLS)}
    assert doc["value"] == pytest.approx(TOOLS)  # the weakest: 99.49% misses 99.5%
    assert result.exit_code == 1
    assert "(weakest entry point, aws_lb.tools) 99.49%" in doc["gate"]["reasons"][0]["message"]


def test_naming_the_public_door_judges_it_alone(tmp_path: Path) -> None:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "main.tf").write_text(TWO_ALBS)
    (tmp_path / "spofcheck.yaml").write_text("entrypoints:\n  stack: [aws_lb.public]\n")
    config = str(tmp_path / "spofcheck.yaml")
    result, doc = _json(tmp_path / "stack", "--slo", "99.5", "--config", config)
    assert doc["basis"] == "entrypoints"
    assert doc["value"] == pytest.approx(SITE)
    assert result.exit_code == 0

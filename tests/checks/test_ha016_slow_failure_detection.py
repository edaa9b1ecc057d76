"""HA016: detection window = interval x failures needed, defaults filled in per provider."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.config import Config
from tests.helpers.rule_cases import load_yaml, run_rule, scan_folder


def _tf(tmp_path: Path, body: str, config: Config | None = None) -> list[str]:
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\n' + body, encoding="utf-8"
    )
    report = scan_folder(tmp_path, config=config).report
    return [f.message for f in report.findings if f.rule_id == "HA016"]


def _tg(interval: int | None, threshold: int | None) -> str:
    lines = [
        f"    interval            = {interval}" if interval else "",
        f"    unhealthy_threshold = {threshold}" if threshold else "",
    ]
    inner = "\n".join(line for line in lines if line)
    head = 'resource "aws_lb_target_group" "t" {\n  port = 80\n  protocol = "HTTP"\n'
    return head + f'  health_check {{\n    path = "/health"\n{inner}\n  }}\n}}\n'


@pytest.mark.parametrize(
    ("interval", "threshold", "fires"),
    [
        (None, None, False),  # defaults: 30 s x 3 = 90 s
        (300, None, True),  # 300 s x 3 (default) = 15 min
        (None, 10, False),  # 30 s (default) x 10 = 5 min, not more than 5 min
        (60, 6, True),  # 6 min
    ],
)
def test_target_group_windows(
    tmp_path: Path, interval: int | None, threshold: int | None, fires: bool
) -> None:
    assert bool(_tf(tmp_path, _tg(interval, threshold))) is fires


def test_the_limit_is_an_option(tmp_path: Path) -> None:
    """60 s x 2 = 120 s: fine by default, too slow against a 60 s limit."""
    config = Config(options={"HA016": {"max_detection_seconds": 60}})
    assert _tf(tmp_path, _tg(60, 2)) == []
    assert _tf(tmp_path, _tg(60, 2), config) == [
        "needs 2 failed checks 60 s apart (interval = 60, unhealthy_threshold = 2) to call a "
        "target dead: up to 2 min of requests go to a dead target before it is taken out "
        "(more than 1 min)"
    ]


def test_yaml_needs_the_interval_and_assumes_one_failure(tmp_path: Path) -> None:
    """interval_s 400 alone: 400 s x 1 > 300 s; without interval_s nothing is known."""
    head = "version: 1\ncomponents:\n  web: {kind: service, replicas: 2, health_check: "
    text = head + "{interval_s: 400}}\n"
    assert len(run_rule("HA016", load_yaml(text, tmp_path))) == 1
    text = head + "{unhealthy_threshold: 9}}\n"
    assert run_rule("HA016", load_yaml(text, tmp_path)) == []

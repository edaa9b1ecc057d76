"""Issue 15: a failed gate says why in every format; settings and coverage are visible."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from spofcheck.model import (
    AppliedSettings,
    AvailabilityResult,
    Coverage,
    Gate,
    GateReason,
    GateReasonKind,
    OpaqueModule,
    Severity,
    UnsupportedResource,
)
from spofcheck.report import render
from spofcheck.report.style import Style
from tests.helpers.report_cases import finding, report

FLOOR = GateReason(
    kind=GateReasonKind.MIN_AVAILABILITY,
    message="availability 99.987% is below --min-availability 99.99%",
)
COVERAGE = GateReason(
    kind=GateReasonKind.INCOMPLETE_COVERAGE, message="2 module calls could not be read"
)


def _floor_failed() -> object:
    """The issue's case: 0 findings, exit 1 because of --min-availability."""
    return report(
        [],
        availability=AvailabilityResult(value=0.99987475),
        gate=Gate(passed=False, reasons=[FLOOR, COVERAGE]),
    )


def test_text_ends_with_the_failed_gate_and_its_reasons() -> None:
    lines = render("text", _floor_failed(), Style()).splitlines()  # type: ignore[arg-type]
    assert lines[-2].startswith("✗ 0 findings")
    assert lines[-1] == (
        "✗ gate failed: availability 99.987% is below --min-availability 99.99%; "
        "2 module calls could not be read"
    )


def test_text_says_the_gate_passed() -> None:
    assert render("text", report([]), Style()).splitlines()[-1] == "✓ gate passed"


def test_markdown_headline_follows_the_gate_and_lists_reasons() -> None:
    text = render("markdown", _floor_failed(), Style())  # type: ignore[arg-type]
    assert "❌ **0 findings**" in text
    assert "✅" not in text
    assert "**Gate failed:**" in text
    assert "- availability 99.987% is below --min-availability 99.99%" in text
    assert "- 2 module calls could not be read" in text


def test_github_emits_an_error_per_reason() -> None:
    lines = render("github", _floor_failed(), Style()).splitlines()  # type: ignore[arg-type]
    errors = [line for line in lines if line.startswith("::error title=spofcheck gate::")]
    assert errors == [
        "::error title=spofcheck gate::availability 99.987%25 is below --min-availability 99.99%25",
        "::error title=spofcheck gate::2 module calls could not be read",
    ]
    assert lines[-1].endswith("gate failed")


def test_sarif_reasons_are_run_level_notifications_and_the_verdict() -> None:
    run = json.loads(render("sarif", _floor_failed(), Style()))["runs"][0]  # type: ignore[arg-type]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    gate = [(n["descriptor"]["id"], n["message"]["text"]) for n in notes if n["level"] == "error"]
    assert gate == [
        ("gate/min_availability", FLOOR.message),
        ("gate/incomplete_coverage", COVERAGE.message),
    ]
    assert run["properties"]["gate"] == {"passed": False}
    passed = json.loads(render("sarif", report([]), Style()))["runs"][0]
    assert passed["invocations"][0]["executionSuccessful"] is True


def test_junit_reasons_that_are_not_findings_fail() -> None:
    root = ET.fromstring(render("junit", _floor_failed(), Style()))  # type: ignore[arg-type]
    failed = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failed == ["gate: min_availability", "gate: incomplete_coverage"]


def test_findings_below_fail_on_do_not_turn_markdown_red() -> None:
    """fail on high, one medium finding, gate passed: ✅ and the finding still listed."""
    medium = finding("HA003", Severity.MEDIUM, "aws_lb_target_group.web", message="sticky")
    text = render("markdown", report([medium]), Style())
    assert "✅ **1 finding** (1 medium)" in text
    assert "**Gate passed.**" in text
    assert "sticky" in text


def _configured() -> object:
    return report(
        [],
        settings=AppliedSettings(
            config_file=".spofcheck.yaml",
            disabled=["HA010"],
            severity={"HA002": Severity.LOW},
        ),
        coverage=Coverage(
            opaque_modules=[
                OpaqueModule(address="module.logs", source="registry/x", reason="not local")
            ],
            unsupported_resources=[UnsupportedResource(type="aws_mq_broker", count=2)],
        ),
    )


def test_settings_and_coverage_in_text_markdown_sarif_and_github() -> None:
    """One opaque module and two resources of a type without an adapter: two gaps, each
    one line (sentences from report/coverage.py), escaped for the medium."""
    settings = "config .spofcheck.yaml · disabled HA010 · severity changed: HA002 low"
    module = "1 module not read: module.logs (not local)"
    types = "1 resource type without an adapter (modelled as unknown): aws_mq_broker ×2"
    text = render("text", _configured(), Style()).splitlines()  # type: ignore[arg-type]
    assert f"settings: {settings}" in text
    assert [line for line in text if line.startswith("coverage:")] == [
        f"coverage: {module}",
        f"coverage: {types}",
    ]
    markdown = render("markdown", _configured(), Style())  # type: ignore[arg-type]
    assert f"Settings: {settings}" in markdown
    assert f"> ⚠️ coverage incomplete: {module}  " in markdown.splitlines()
    run = json.loads(render("sarif", _configured(), Style()))["runs"][0]  # type: ignore[arg-type]
    assert run["properties"]["settings"] == {
        "config_file": ".spofcheck.yaml",
        "disabled": ["HA010"],
        "severity": {"HA002": "low"},
    }
    assert run["properties"]["coverage"]["complete"] is False
    notes = run["invocations"][0]["toolExecutionNotifications"]
    gaps = [n["message"]["text"] for n in notes if n["descriptor"]["id"] == "coverage-incomplete"]
    assert gaps == [f"coverage incomplete: {module}", f"coverage incomplete: {types}"]
    github = render("github", _configured(), Style())  # type: ignore[arg-type]
    assert f"::warning title=spofcheck coverage incomplete::{module}" in github.splitlines()


def test_bounded_and_uncomputed_availability_say_so() -> None:
    """Bounds: the conservative end with ≥; not computed: the reason, in text and Markdown."""
    bounded = AvailabilityResult(
        value=0.99941, lower=0.99935, upper=0.99947, method="bounds", reason=None
    )
    text = render("text", report([], availability=bounded), Style())
    assert "availability ≥ 99.935% (bounded: exact would exceed the budget)" in text
    unknown = AvailabilityResult(value=None, method="not_computed", reason="80 zones")
    for fmt in ("text", "markdown"):
        assert "not computed: 80 zones" in render(fmt, report([], availability=unknown), Style())

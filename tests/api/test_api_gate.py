"""One function decides every exit code, with a reason per failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from spofcheck.api.gate import GatePolicy, exit_code, scan_gate
from spofcheck.cli import main
from spofcheck.errors import ExitCode
from spofcheck.model import (
    AvailabilityResult,
    Coverage,
    GateReasonKind,
    Method,
    OpaqueModule,
    Report,
    StackSummary,
)

# One component, two replicas in two zones, 99% each, needing one: the service is down
# only when both are, so A = 1 - 0.01 × 0.01 = 0.9999 exactly (zones never fail here).
PAIR = """\
version: 1
zones: {a: {}, b: {}}
components:
  app: {kind: service, zones: [a, b], availability: 99}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "architecture.yaml").write_text(PAIR, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--no-cache"], catch_exceptions=False)


@pytest.mark.parametrize(("floor", "code"), [("99.99", 0), ("99.991", 1)])
def test_scan_and_availability_agree_on_the_floor_at_the_exact_value(
    repo: Path, floor: str, code: int
) -> None:
    """At exactly 99.99 % both pass; a hair above, both fail."""
    scan = invoke("scan", ".", "--min-availability", floor, "--fail-on", "critical")
    availability = invoke("availability", ".", "--min-availability", floor)
    assert (scan.exit_code, availability.exit_code) == (code, code), scan.stderr


def test_availability_json_carries_the_same_gate(repo: Path) -> None:
    result = invoke("availability", ".", "-f", "json", "--min-availability", "99.995")
    gate = json.loads(result.stdout)["gate"]
    assert [r["kind"] for r in gate["reasons"]] == ["min_availability"]
    assert result.exit_code == 1


def test_scan_reports_the_floor_it_missed_as_a_gate_reason(repo: Path) -> None:
    result = invoke("scan", ".", "-f", "json", "--min-availability", "99.995%")
    gate = json.loads(result.stdout)["gate"]
    assert not gate["passed"]
    assert {r["kind"] for r in gate["reasons"]} == {"min_availability"}
    assert "99.99% is below the floor 99.995%" in gate["reasons"][0]["message"]


def _report(block: AvailabilityResult | None, coverage: Coverage | None = None) -> Report:
    stack = StackSummary(name="s", path="s", kind="yaml", components=3, availability=block)
    return Report(version="0", stacks=[stack], coverage=coverage or Coverage())


def test_an_slo_that_cannot_be_evaluated_fails_with_its_reason() -> None:
    """Used to pass silently: no value, so `meets_slo` was None, never False."""
    block = AvailabilityResult(value=None, method=Method.NOT_COMPUTED, reason="too many states")
    gate = scan_gate(_report(block), GatePolicy(slo=0.9995))
    assert [r.kind for r in gate.reasons] == [GateReasonKind.NOT_COMPUTED]
    assert "too many states" in gate.reasons[0].message
    assert exit_code(gate) is ExitCode.FINDINGS
    assert scan_gate(_report(None), GatePolicy(min_availability=0.999)).passed is False


def test_gates_decide_on_the_lower_bound() -> None:
    """Bounds [0.9994, 0.9997]: the value 0.99955 meets 99.95 %, the lower bound does not."""
    block = AvailabilityResult(value=0.99955, lower=0.9994, upper=0.9997, method=Method.BOUNDS)
    gate = scan_gate(_report(block), GatePolicy(slo=0.9995))
    assert [r.kind for r in gate.reasons] == [GateReasonKind.SLO]


def test_incomplete_coverage_fails_only_when_asked() -> None:
    block = AvailabilityResult(value=0.9999)
    opaque = OpaqueModule(address="module.x", source="git::x", reason="remote")
    report = _report(block, Coverage(opaque_modules=[opaque]))
    assert scan_gate(report, GatePolicy()).passed
    strict = scan_gate(report, GatePolicy(fail_on_incomplete=True))
    assert [r.kind for r in strict.reasons] == [GateReasonKind.INCOMPLETE_COVERAGE]


def test_fail_on_incomplete_comes_from_the_config_too(repo: Path) -> None:
    (repo / ".spofcheck.yaml").write_text("fail_on_incomplete: true\n", encoding="utf-8")
    assert invoke("scan", ".", "--fail-on", "critical").exit_code == 0  # YAML read in full


def test_soft_fail_reports_but_exits_zero_unless_input_is_unreadable(repo: Path) -> None:
    failing = invoke("scan", ".", "--min-availability", "99.999", "--soft-fail")
    assert failing.exit_code == 0
    (repo / "broken.yaml").write_text("version: 1\ncomponents: [\n", encoding="utf-8")
    broken = invoke("scan", ".", "broken.yaml", "--soft-fail")
    assert broken.exit_code == 2

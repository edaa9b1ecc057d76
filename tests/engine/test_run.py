"""The engine stamps id, severity, location, remediation, docs and a stable fingerprint."""

from __future__ import annotations

from pathlib import Path

from spofcheck.engine.run import RuleSettings, run_rules
from spofcheck.model import Finding, Severity
from tests.helpers.rule_cases import CATALOGUE, load_yaml

ARCH = """\
version: 1
zones: {a: {}, b: {}}
components:
  app:
    kind: service
    zones: [a, b]
    depends_on: [db]
  db:
    kind: database
    zones: [a]
    backups: false
"""


def _run(tmp_path: Path, text: str = ARCH, settings: RuleSettings | None = None) -> list[Finding]:
    arch = load_yaml(text, tmp_path)
    return run_rules(arch, CATALOGUE, settings or RuleSettings()).findings


def test_findings_carry_everything_a_formatter_needs(tmp_path: Path) -> None:
    ha001 = next(f for f in _run(tmp_path) if f.rule_id == "HA001")
    spec = CATALOGUE["HA001"]
    assert (ha001.rule_name, ha001.severity, ha001.component) == (
        "single-point-of-failure",
        Severity.HIGH,
        "db",
    )
    assert (ha001.file, ha001.line, ha001.end_line) == ("architecture.yaml", 8, 11)
    assert ha001.remediation == spec.remediation.strip()
    assert ha001.docs == spec.docs_url
    assert len(ha001.fingerprint) == 32


def test_findings_are_sorted_by_file_line_rule_component(tmp_path: Path) -> None:
    findings = _run(tmp_path)
    assert findings == sorted(findings, key=lambda f: f.sort_key())
    assert [f.rule_id for f in findings] == ["HA001", "HA010"]


def test_disable_only_and_severity_overrides(tmp_path: Path) -> None:
    disabled = RuleSettings(disabled=frozenset({"HA001"}))
    assert [f.rule_id for f in _run(tmp_path, settings=disabled)] == ["HA010"]
    only = RuleSettings(only=frozenset({"HA001"}))
    assert [f.rule_id for f in _run(tmp_path, settings=only)] == ["HA001"]
    raised = _run(tmp_path, settings=RuleSettings(severity={"HA010": Severity.CRITICAL}))
    assert {f.rule_id: f.severity for f in raised}["HA010"] is Severity.CRITICAL


def test_fingerprints_survive_moving_lines_but_not_renaming(tmp_path: Path) -> None:
    before = {f.rule_id: f.fingerprint for f in _run(tmp_path)}
    moved = ARCH.replace("components:\n", "components:\n  # a comment moves every line\n")
    assert {f.rule_id: f.fingerprint for f in _run(tmp_path, moved)} == before
    renamed = ARCH.replace("db", "orders_db")
    assert {f.rule_id: f.fingerprint for f in _run(tmp_path, renamed)}.keys() == before.keys()
    assert not set(before.values()) & {f.fingerprint for f in _run(tmp_path, renamed)}


def test_options_from_config_override_the_rules_defaults(tmp_path: Path) -> None:
    text = ARCH.replace("    backups: false\n", "").replace(
        "  db:\n", "  lone:\n    kind: database\n    zones: [b]\n  db:\n"
    )
    arch = load_yaml(text, tmp_path).model_copy(update={"entrypoints": ["app"]})
    quiet = RuleSettings(options={"HA001": {"report_unreached": False}})
    assert [f.component for f in run_rules(arch, CATALOGUE, RuleSettings()).findings] == [
        "lone",
        "db",
    ]
    assert [f.component for f in run_rules(arch, CATALOGUE, quiet).findings] == ["db"]


def test_config_may_name_rules_by_name_or_any_case_and_unknown_ones_are_noted(
    tmp_path: Path,
) -> None:
    arch = load_yaml(ARCH, tmp_path)
    settings = RuleSettings(
        disabled=frozenset({"single-point-of-failure", "HA999"}),
        severity={"ha010": Severity.LOW},
    )
    run = run_rules(arch, CATALOGUE, settings)
    assert [(f.rule_id, f.severity) for f in run.findings] == [("HA010", Severity.LOW)]
    assert run.notes == ["configuration `disable` names unknown rule HA999; ignored"]

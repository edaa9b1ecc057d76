"""The JSON report: the contract scripts read (`findings`, `availability`, `errors`)."""

from __future__ import annotations

import json
from typing import Any

from spofcheck.model import AppliedSettings, Finding, Gate, ParseError, Report, StackSummary
from spofcheck.report.coverage import coverage_json
from spofcheck.report.escape import json_safe
from spofcheck.report.style import Style


def render(report: Report, style: Style | None = None) -> str:
    """The document; values are the data as found (escaped by JSON, never altered)."""
    text = json.dumps(document(report), indent=2, sort_keys=False, ensure_ascii=False)
    return json_safe(text) + "\n"


def document(report: Report) -> dict[str, Any]:
    """The report as plain data; keys named in the contract come first and never change."""
    return {
        "version": report.version,
        "findings": [finding(f) for f in report.active_findings],
        "availability": report.availability.to_json() if report.availability else None,
        "errors": [error(e) for e in report.errors],
        "suppressed": [finding(f) for f in report.suppressed_findings],
        "summary": summary(report),
        "stacks": [stack(s) for s in report.stacks],
        "notes": list(report.notes),
        "coverage": coverage_json(report.coverage),
        "gate": gate(report.gate),
        "config": config(report.settings),
    }


def gate(g: Gate) -> dict[str, Any]:
    """The verdict the exit code reports, with a reason (a stable `kind`) per failure."""
    return {
        "passed": g.passed,
        "reasons": [{"kind": r.kind.value, "message": r.message} for r in g.reasons],
    }


def config(s: AppliedSettings) -> dict[str, Any]:
    """The configuration that shaped the report: file used, rules off, severities changed."""
    return {
        "file": s.config_file,
        "disabled": list(s.disabled),
        "severity": {rule: level.value for rule, level in s.severity.items()},
    }


def stack(s: StackSummary) -> dict[str, Any]:
    return {
        "name": s.name,
        "path": s.path,
        "kind": s.kind,
        "components": s.components,
        "availability": s.availability.to_json() if s.availability is not None else None,
    }


def finding(f: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule_id": f.rule_id,
        "rule_name": f.rule_name,
        "severity": f.severity.value,
        "component": f.component,
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "end_line": f.end_line,
        "remediation": f.remediation,
        "docs": f.docs,
        "fingerprint": f.fingerprint,
        "stack": f.stack,
    }
    if f.suppressed:
        data["suppression_reason"] = f.suppression_reason
    return data


def error(e: ParseError) -> dict[str, Any]:
    data: dict[str, Any] = {"file": e.file, "line": e.line, "message": e.message}
    if e.key:
        data["key"] = e.key
    return data


def summary(report: Report) -> dict[str, Any]:
    counts = dict.fromkeys(("critical", "high", "medium", "low", "info"), 0)
    for f in report.active_findings:
        counts[f.severity.value] += 1
    return {
        "findings": len(report.active_findings),
        "by_severity": counts,
        "suppressed": len(report.suppressed_findings),
        "baselined": report.baselined,
        "baselined_by_former_id": report.baselined_by_former_id,
        "errors": len(report.errors),
        "components": report.components,
        "files": len(report.files),
        "fail_on": report.fail_on.value,
    }

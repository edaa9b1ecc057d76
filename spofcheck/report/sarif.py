"""SARIF 2.1.0 for code scanning: every rule described, results located relative to %SRCROOT%."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from spofcheck.model import Finding, ParseError, Report, RuleMeta, Severity
from spofcheck.paths import relative_file
from spofcheck.report._shared import (
    INFORMATION_URI,
    finding_file,
    gate,
    headline,
)
from spofcheck.report.coverage import coverage_json, coverage_notifications
from spofcheck.report.escape import json_safe, one_line
from spofcheck.report.style import Style

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# The fingerprint's name carries a version: if its recipe ever changes, consumers see a
# new key instead of silently mismatching every alert.
FINGERPRINT_KEY = "spofcheck/v1"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
_DESCRIPTION_LIMIT = 1024
# GitHub code scanning ranks non-security alerts by `problem.severity` and `precision`.
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}


def render(report: Report, style: Style | None = None) -> str:
    return json_safe(json.dumps(document(report), indent=2, ensure_ascii=False)) + "\n"


def document(report: Report) -> dict[str, Any]:
    """The SARIF log: one run; `results` is present (empty) when the scan is clean."""
    rules = _rules(report)
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(report, rules)},
                "originalUriBaseIds": {
                    SRCROOT: {
                        "description": {
                            "text": "The folder spofcheck was run from (the repository root "
                            "in CI); every result path is relative to it."
                        }
                    }
                },
                "invocations": [_invocation(report)],
                "results": [_result(f, report, index) for f in report.findings],
                "properties": _run_properties(report),
            }
        ],
    }


def _rules(report: Report) -> list[RuleMeta]:
    """The catalogue the scan ran, plus a stub for any finding whose rule is not in it."""
    known = {rule.id: rule for rule in report.rules}
    for f in report.findings:
        if f.rule_id not in known:
            known[f.rule_id] = RuleMeta(
                id=f.rule_id,
                name=f.rule_name or f.rule_id.lower(),
                title=f.rule_name or f.rule_id,
                severity=f.severity,
                remediation=f.remediation,
                docs=f.docs,
            )
    return [known[rule_id] for rule_id in sorted(known)]


def _driver(report: Report, rules: list[RuleMeta]) -> dict[str, Any]:
    return {
        "name": "spofcheck",
        "version": report.version,
        "semanticVersion": report.version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in rules],
    }


def _rule(rule: RuleMeta) -> dict[str, Any]:
    level = LEVELS[rule.severity]
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _clip(rule.title)},
        "fullDescription": {"text": _clip(rule.summary or rule.title)},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": level},
        "properties": {
            "tags": sorted({"reliability", "availability", *rule.tags}),
            "problem.severity": _PROBLEM_SEVERITY[level],
            "precision": "high",
            "spofcheck/severity": rule.severity.value,
        },
    }
    if rule.docs:
        descriptor["helpUri"] = rule.docs
    return descriptor


def _clip(text: str) -> str:
    """GitHub rejects descriptions over 1,024 characters."""
    return text if len(text) <= _DESCRIPTION_LIMIT else text[: _DESCRIPTION_LIMIT - 1] + "…"


def _help_text(rule: RuleMeta) -> str:
    parts = [rule.summary or rule.title]
    if rule.rationale:
        parts.append(f"Why it matters: {rule.rationale}")
    if rule.remediation:
        parts.append(f"How to fix it: {rule.remediation}")
    if rule.docs:
        parts.append(f"Documentation: {rule.docs}")
    return "\n\n".join(parts)


def _help_markdown(rule: RuleMeta) -> str:
    parts = [f"**{rule.id} {rule.name}**: {rule.summary or rule.title}"]
    if rule.rationale:
        parts.append(f"### Why it matters\n\n{rule.rationale}")
    if rule.remediation:
        parts.append(f"### How to fix it\n\n{rule.remediation}")
    if rule.references:
        refs = "\n".join(f"- [{r.title}]({r.url})" for r in rule.references)
        parts.append(f"### References\n\n{refs}")
    if rule.docs:
        parts.append(f"[Rule documentation]({rule.docs})")
    return "\n\n".join(parts)


def _result(f: Finding, report: Report, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVELS[f.severity],
        "message": {"text": one_line(headline(f), 2_000)},
        "locations": [_location(f, report)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"severity": f.severity.value, "component": one_line(f.component)},
    }
    if not f.fingerprint:
        del result["partialFingerprints"]
    if f.suppressed:
        reason = one_line(f.suppression_reason or "")
        result["suppressions"] = [{"kind": "inSource", "justification": reason}]
    return result


def _location(f: Finding, report: Report) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [{"name": one_line(f.component), "fullyQualifiedName": f.component}]
    }
    file = finding_file(f, report)
    if file is not None:
        location["physicalLocation"] = _physical(file, f.line, f.end_line)
    return location


def _physical(file: str, line: int | None, end_line: int | None) -> dict[str, Any]:
    """A file-level location when the line is unknown: never a made-up line 1."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(file), "uriBaseId": SRCROOT}}
    if line is not None:
        region = {"startLine": line}
        if end_line is not None and end_line >= line:
            region["endLine"] = end_line
        physical["region"] = region
    return physical


def _invocation(report: Report) -> dict[str, Any]:
    """`executionSuccessful` is the verdict; why it failed, input errors, what was not
    read and notes are run-level notifications."""
    verdict = gate(report)
    notes = [_note("note", "note", note) for note in report.notes]
    reasons = [_note("error", f"gate/{r.kind.value}", r.message) for r in verdict.reasons]
    errors = [_notification(e, report) for e in report.errors]
    coverage = [
        _note(n["level"], n["descriptor"]["id"], n["message"]["text"])
        for n in coverage_notifications(report.coverage)
    ]
    return {
        "executionSuccessful": verdict.passed,
        "toolExecutionNotifications": errors + reasons + notes + coverage,
    }


def _note(level: str, descriptor: str, text: str) -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": one_line(text, 2_000)},
        "descriptor": {"id": descriptor},
    }


def _notification(error: ParseError, report: Report) -> dict[str, Any]:
    text = error.message if not error.key else f"[{error.key}] {error.message}"
    notification: dict[str, Any] = {
        "level": "error",
        "message": {"text": one_line(text, 2_000)},
        "descriptor": {"id": "input-error"},
    }
    file = relative_file(error.file, report.root)
    notification["locations"] = [{"physicalLocation": _physical(file, error.line, None)}]
    return notification


def _run_properties(report: Report) -> dict[str, Any]:
    result = report.availability
    availability = (
        {
            "value": result.value,
            "slo": result.slo,
            "meets_slo": result.meets_slo,
            "method": result.method.value,
            "lower": result.lower,
            "upper": result.upper,
        }
        if result is not None
        else None
    )
    settings = report.settings
    return {
        "availability": availability,
        "components": report.components,
        "suppressed": len(report.suppressed_findings),
        "coverage": coverage_json(report.coverage),
        "gate": {"passed": gate(report).passed},
        "settings": {
            "config_file": settings.config_file,
            "disabled": sorted(settings.disabled),
            "severity": {rule: sev.value for rule, sev in sorted(settings.severity.items())},
        },
    }

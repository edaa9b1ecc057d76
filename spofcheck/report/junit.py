"""JUnit XML for CI test reports (GitLab, Jenkins, Azure): failures are what fails the gate.

A finding at or above `--fail-on` is a failing testcase; findings below it are not
failures (a green job must not show red tests): they are listed as suite properties and
in `<system-out>`. Gate reasons that are not findings (SLO, floor, coverage, …) are
failing testcases of their own. GitLab merges testcases that share a name, so each name
carries rule, component and location, and a repeated name gets a ` #2` suffix. A clean
scan still lists one passing testcase per analyzed stack: zero tests reads as "nothing ran".
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from spofcheck.model import Finding, GateReason, GateReasonKind, ParseError, Report, StackSummary
from spofcheck.paths import relative_file
from spofcheck.report._shared import by_severity, finding_file, gate, gating, headline
from spofcheck.report.escape import one_line, xml_text
from spofcheck.report.style import Style

SUITE = "spofcheck"
# Reasons shown by their own testcases already (findings, input errors).
_SHOWN_ELSEWHERE = {GateReasonKind.FINDINGS, GateReasonKind.INPUT_ERRORS}


def render(report: Report, style: Style | None = None) -> str:
    suite = ET.Element("testsuite", _suite_attributes(report))
    _below_threshold(suite, report)
    names = _UniqueNames()
    for f in by_severity(gating(report)):
        suite.append(_finding_case(f, report, names))
    for reason in _gate_reasons(report):
        suite.append(_gate_case(reason, names))
    for f in report.suppressed_findings:
        suite.append(_suppressed_case(f, report, names))
    for e in report.errors:
        suite.append(_error_case(e, report, names))
    for stack in report.stacks:
        suite.append(_stack_case(stack, report, names))
    root = ET.Element("testsuites", {"name": SUITE, **_counts(report)})
    root.append(suite)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


class _UniqueNames:
    """Hands out testcase names, suffixing repeats so no two cases share a name."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, name: str) -> str:
        count = self._seen.get(name, 0) + 1
        self._seen[name] = count
        return name if count == 1 else f"{name} #{count}"


def _clean(text: str) -> str:
    """An attribute or one-line text: one line, controls removed, chars XML can carry."""
    return xml_text(one_line(text, 2_000))


def _block(lines: Iterable[str]) -> str:
    """Element text of several lines, each already one line."""
    return xml_text("\n".join(lines))


def _gate_reasons(report: Report) -> list[GateReason]:
    return [r for r in gate(report).reasons if r.kind not in _SHOWN_ELSEWHERE]


def _below(report: Report) -> list[Finding]:
    return [f for f in report.active_findings if f.severity.rank < report.fail_on.rank]


def _counts(report: Report) -> dict[str, str]:
    failures = len(gating(report)) + len(_gate_reasons(report))
    tests = failures + len(report.suppressed_findings) + len(report.errors) + len(report.stacks)
    return {
        "tests": str(tests),
        "failures": str(failures),
        "errors": str(len(report.errors)),
        "skipped": str(len(report.suppressed_findings)),
    }


def _suite_attributes(report: Report) -> dict[str, str]:
    return {"name": SUITE, **_counts(report), "time": "0"}


def _where(file: str | None, line: int | None) -> str:
    if file is None:
        return "no file"
    return f"{file}:{line}" if line is not None else file


def _case(name: str, classname: str, file: str | None, line: int | None) -> ET.Element:
    attributes = {"name": _clean(name), "classname": _clean(classname), "time": "0"}
    if file is not None:
        attributes["file"] = _clean(file)
    if line is not None:
        attributes["line"] = str(line)
    return ET.Element("testcase", attributes)


def _finding_name(f: Finding, file: str | None) -> str:
    return f"{f.rule_id} {f.component} ({_where(file, f.line)})"


def _finding_case(f: Finding, report: Report, names: _UniqueNames) -> ET.Element:
    file = finding_file(f, report)
    case = _case(names(_finding_name(f, file)), f"{SUITE}.{f.rule_id}", file, f.line)
    failure = ET.SubElement(
        case,
        "failure",
        {
            "message": _clean(headline(f)),
            "type": _clean(f"{f.rule_id} {f.rule_name} ({f.severity.value})"),
        },
    )
    failure.text = _block(_details(f, file))
    return case


def _below_threshold(suite: ET.Element, report: Report) -> None:
    """Findings under `--fail-on`: reported, not failed (suite properties and output)."""
    below = by_severity(_below(report))
    if not below:
        return
    properties = ET.SubElement(suite, "properties")
    lines = []
    for f in below:
        where = _where(finding_file(f, report), f.line)
        line = one_line(f"{f.severity.value} {f.rule_id} {f.component} ({where}): {f.message}")
        ET.SubElement(properties, "property", {"name": "finding", "value": _clean(line)})
        lines.append(line)
    head = f"{len(below)} findings below --fail-on {report.fail_on.value} (not failures):"
    ET.SubElement(suite, "system-out").text = _block([head, *lines])


def _gate_case(reason: GateReason, names: _UniqueNames) -> ET.Element:
    case = _case(names(f"gate: {reason.kind.value}"), f"{SUITE}.gate", None, None)
    message = _clean(reason.message)
    ET.SubElement(case, "failure", {"message": message, "type": f"gate {reason.kind.value}"})
    return case


def _details(f: Finding, file: str | None) -> Iterable[str]:
    """One line per field: a name or message cannot add lines of its own."""
    yield one_line(f"{f.severity.value.upper()} {f.rule_id} {f.rule_name}".rstrip())
    yield f"component: {one_line(f.component)}"
    yield f"location: {one_line(_where(file, f.line))}"
    yield f"message: {one_line(f.message, 2_000)}"
    if f.remediation:
        yield f"how to fix: {one_line(f.remediation, 2_000)}"
    if f.docs:
        yield f"docs: {one_line(f.docs)}"


def _suppressed_case(f: Finding, report: Report, names: _UniqueNames) -> ET.Element:
    file = finding_file(f, report)
    case = _case(names(_finding_name(f, file)), f"{SUITE}.{f.rule_id}", file, f.line)
    reason = f"suppressed: {f.suppression_reason or 'no reason given'}"
    ET.SubElement(case, "skipped", {"message": _clean(reason)})
    return case


def _error_case(e: ParseError, report: Report, names: _UniqueNames) -> ET.Element:
    file = relative_file(e.file, report.root)
    case = _case(names(f"input error ({_where(file, e.line)})"), f"{SUITE}.input", file, e.line)
    text = f"[{e.key}] {e.message}" if e.key else e.message
    error = ET.SubElement(case, "error", {"message": _clean(text), "type": "input error"})
    error.text = _clean(f"{_where(file, e.line)}: {text}")
    return case


def _stack_case(stack: StackSummary, report: Report, names: _UniqueNames) -> ET.Element:
    path = relative_file(stack.path or ".", report.root)
    name = names(f"analyzed {path} ({stack.components} components)")
    return _case(name, f"{SUITE}.stack", None, None)

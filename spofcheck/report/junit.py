"""JUnit XML for CI test reports (GitLab, Jenkins, Azure): one uniquely named testcase per finding.

GitLab merges testcases that share a name, so each name carries rule, component and
location, and a repeated name gets a ` #2` suffix. A clean scan still lists one passing
testcase per analyzed stack: a report with zero tests reads as "nothing ran".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from spofcheck.model import Finding, ParseError, Report, StackSummary
from spofcheck.paths import relative_file
from spofcheck.report._shared import by_severity, finding_file, headline

SUITE = "spofcheck"
# XML 1.0 cannot carry most control characters, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    suite = ET.Element("testsuite", _suite_attributes(report))
    names = _UniqueNames()
    for f in by_severity(report.active_findings):
        suite.append(_finding_case(f, report, names))
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
    return _INVALID_XML.sub("\ufffd", text)


def _counts(report: Report) -> dict[str, str]:
    tests = (
        len(report.active_findings)
        + len(report.suppressed_findings)
        + len(report.errors)
        + len(report.stacks)
    )
    return {
        "tests": str(tests),
        "failures": str(len(report.active_findings)),
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
        {"message": _clean(headline(f)), "type": f"{f.rule_id} {f.rule_name} ({f.severity.value})"},
    )
    failure.text = _clean("\n".join(_details(f, file)))
    return case


def _details(f: Finding, file: str | None) -> Iterable[str]:
    yield f"{f.severity.value.upper()} {f.rule_id} {f.rule_name}".rstrip()
    yield f"component: {f.component}"
    yield f"location: {_where(file, f.line)}"
    yield f"message: {f.message}"
    if f.remediation:
        yield f"how to fix: {f.remediation}"
    if f.docs:
        yield f"docs: {f.docs}"


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

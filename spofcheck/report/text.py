"""Text for people: findings grouped by file, one line each, and a summary line."""

from __future__ import annotations

import os
import sys
from itertools import groupby

from spofcheck.model import AvailabilityResult, Finding, Report, Severity
from spofcheck.report._shared import (
    also_counted,
    counted_findings,
    failing,
    month_downtime,
    plural,
)
from spofcheck.report.coverage import bound_note, bound_prefix, coverage_lines

_COLOURS = {
    Severity.CRITICAL: "\033[1;31m",
    Severity.HIGH: "\033[31m",
    Severity.MEDIUM: "\033[33m",
    Severity.LOW: "\033[36m",
    Severity.INFO: "\033[2m",
}
_RESET = "\033[0m"
_BOLD = "\033[1m"


def render(report: Report, *, colour: bool | None = None) -> str:
    """The report as lines; colour only on a terminal that wants it (NO_COLOR respected)."""
    use = _want_colour() if colour is None else colour
    lines: list[str] = []
    findings = report.active_findings
    for file, group in groupby(findings, key=lambda f: f.file or "(no file)"):
        lines.append(_paint(file, _BOLD, use))
        lines.extend(_finding_line(f, use, _shared_file(f, report)) for f in group)
        lines.append("")
    lines.extend(_errors(report, use))
    lines.extend(f"note: {note}" for note in report.notes)
    if report.notes:
        lines.append("")
    lines.extend(_availability_lines(report.availability))
    lines.append(_summary(report, use))
    if findings:
        lines.append("Run `spofcheck explain RULE` for why a rule matters and how to fix it.")
    lines.extend(f"coverage: {line}" for line in coverage_lines(report.coverage))
    return "\n".join(lines) + "\n"


def _want_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _paint(text: str, code: str, use: bool) -> str:
    return f"{code}{text}{_RESET}" if use else text


def _finding_line(f: Finding, use: bool, via: bool = False) -> str:
    where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "-")
    severity = _paint(f"{f.severity.value:<8}", _COLOURS[f.severity], use)
    stack = f" (in stack {f.stack})" if via and f.stack else ""
    return f"  {where}: {severity} {f.rule_id} {f.component}{stack}: {f.message}"


def _shared_file(f: Finding, report: Report) -> bool:
    """A module file used by several scanned stacks: say which stack each finding is from."""
    if not f.stack or not f.file or f.stack in (".", f.file):
        return False
    return not f.file.startswith(f.stack.rstrip("/") + "/")


def _errors(report: Report, use: bool) -> list[str]:
    if not report.errors:
        return []
    lines = [_paint("errors", _BOLD, use)]
    lines.extend(f"  {e.one_line()}" for e in report.errors)
    lines.append("")
    return lines


def _availability_lines(result: AvailabilityResult | None) -> list[str]:
    if result is None or result.value is None:
        return []
    line = f"availability {bound_prefix(result)}{_percent(result.value)}{bound_note(result)}"
    if result.slo is not None:
        verdict = "met" if result.meets_slo else "NOT met"
        line += f" (SLO {_percent(result.slo)}: {verdict})"
    downtime = month_downtime(result)
    if downtime:
        line += f", {downtime} downtime per 30-day month"
    if result.stack:
        line += f" — weakest stack: {result.stack}"
    return [line]


def _percent(fraction: float) -> str:
    text = f"{fraction * 100:.6f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _summary(report: Report, use: bool) -> str:
    parts = [counted_findings(report), *also_counted(report)]
    stacks = len(report.stacks)
    parts.append(f"{plural(report.components, 'component')} in {plural(stacks, 'stack')}")
    ok = _paint("✓", "\033[32m", use)
    mark = _paint("✗", _COLOURS[Severity.HIGH], use) if failing(report) else ok
    return f"{mark} " + " · ".join(parts)

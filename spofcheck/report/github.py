"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

Escaping follows the runner's rules: in the message, `%`, CR and LF are percent-encoded;
in properties (file, title) also `:` and `,`. Findings come most severe first, because
GitHub shows only the first few annotations of each kind per step.
"""

from __future__ import annotations

from spofcheck.model import Finding, ParseError, Report, Severity
from spofcheck.paths import relative_file
from spofcheck.report._shared import (
    also_counted,
    by_severity,
    counted_findings,
    finding_file,
    headline,
    month_downtime,
    percent,
)
from spofcheck.report.coverage import bound_note, bound_prefix, coverage_lines

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """`::name key=value,…::message`, properties in the given order, None ones left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report) -> str:
    lines = [_finding(f, report) for f in by_severity(report.active_findings)]
    lines.extend(_error(e, report) for e in report.errors)
    lines.extend(command("notice", note, title="spofcheck note") for note in report.notes)
    gaps = coverage_lines(report.coverage)
    lines.extend(command("warning", gap, title="spofcheck coverage incomplete") for gap in gaps)
    availability = _availability(report)
    if availability:
        lines.append(availability)
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _finding(f: Finding, report: Report) -> str:
    file = finding_file(f, report)
    end = f.end_line if f.line is not None and f.end_line and f.end_line >= f.line else None
    message = headline(f)
    if f.docs:
        message += f"\nHow to fix: {f.docs}"
    return command(
        COMMANDS[f.severity],
        message,
        file=file,
        line=f.line if file else None,
        endLine=end if file else None,
        title=f"{f.rule_id} {f.rule_name} ({f.severity.value})".replace("  ", " "),
    )


def _error(e: ParseError, report: Report) -> str:
    text = f"[{e.key}] {e.message}" if e.key else e.message
    file = relative_file(e.file, report.root)
    return command("error", text, file=file, line=e.line, title="spofcheck input error")


def _availability(report: Report) -> str | None:
    result = report.availability
    if result is None or result.value is None:
        return None
    text = f"availability {bound_prefix(result)}{percent(result.value)}{bound_note(result)}"
    if result.slo is not None:
        verdict = "met" if result.meets_slo else "NOT met"
        text += f", SLO {percent(result.slo)} {verdict}"
    downtime = month_downtime(result)
    if downtime:
        text += f" ({downtime} downtime per 30-day month)"
    name = "error" if result.meets_slo is False else "notice"
    return command(name, text, title="spofcheck availability")


def _summary(report: Report) -> str:
    parts = [counted_findings(report), *also_counted(report)]
    return "spofcheck: " + " · ".join(parts)

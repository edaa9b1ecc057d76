"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding.

Escaping follows the runner's rules: in the message, `%`, CR and LF are percent-encoded;
in properties (file, title) also `:` and `,`; other controls are removed (`escape`).
Findings come most severe first, because GitHub shows only the first few annotations of
each kind per step; a failed gate adds one `::error` per reason, so the step log says why
it failed even with zero findings.
"""

from __future__ import annotations

from spofcheck.model import Finding, ParseError, Report, Severity
from spofcheck.paths import relative_file
from spofcheck.report._shared import (
    also_counted,
    availability_text,
    by_severity,
    counted_findings,
    finding_file,
    gate,
    gating,
    headline,
    month_downtime,
    percent,
)
from spofcheck.report.coverage import coverage_lines, slo_verdict
from spofcheck.report.escape import command_data, command_property, one_line
from spofcheck.report.style import Style

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}


escape_data = command_data
escape_property = command_property


def command(name: str, message: str, **properties: str | int | None) -> str:
    """`::name key=value,…::message`, properties in the given order, None ones left out."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report, style: Style | None = None) -> str:
    quiet = style is not None and style.quiet
    shown = gating(report) if quiet else report.active_findings
    lines = [_finding(f, report) for f in by_severity(shown)]
    lines.extend(_error(e, report) for e in report.errors)
    if not quiet:
        lines.extend(
            command("notice", one_line(note), title="spofcheck note") for note in report.notes
        )
    title = "spofcheck coverage incomplete"
    gaps = coverage_lines(report.coverage)
    lines.extend(command("warning", one_line(gap, 2_000), title=title) for gap in gaps)
    availability = _availability(report)
    if availability:
        lines.append(availability)
    verdict = gate(report)
    lines.extend(
        command("error", one_line(r.message), title="spofcheck gate") for r in verdict.reasons
    )
    lines.append(_summary(report, verdict.passed))
    return "\n".join(lines) + "\n"


def _finding(f: Finding, report: Report) -> str:
    file = finding_file(f, report)
    end = f.end_line if f.line is not None and f.end_line and f.end_line >= f.line else None
    message = one_line(headline(f), 2_000)
    if f.docs:
        message += f"\nHow to fix: {one_line(f.docs)}"
    return command(
        COMMANDS[f.severity],
        message,
        file=file,
        line=f.line if file else None,
        endLine=end if file else None,
        title=f"{f.rule_id} {f.rule_name} ({f.severity.value})".replace("  ", " "),
    )


def _error(e: ParseError, report: Report) -> str:
    text = one_line(f"[{e.key}] {e.message}" if e.key else e.message)
    file = relative_file(e.file, report.root)
    return command("error", text, file=file, line=e.line, title="spofcheck input error")


def _availability(report: Report) -> str | None:
    result = report.availability
    if result is None:
        return None
    text = f"availability {availability_text(result)}"
    if result.slo is not None:
        verdict = slo_verdict(result.meets_slo, result.complete)
        text += f", SLO {percent(result.slo)} {verdict}"
    downtime = month_downtime(result)
    if downtime and result.value is not None:
        text += f" ({downtime} downtime per 30-day month)"
    # a missed SLO is an `::error` through the gate's reasons, not twice
    return command("notice", text, title="spofcheck availability")


def _summary(report: Report, passed: bool) -> str:
    """A plain log line (never a command: it starts with `spofcheck:`), on one line."""
    parts = [counted_findings(report), *also_counted(report)]
    parts.append("gate passed" if passed else "gate failed")
    return one_line("spofcheck: " + " · ".join(parts))

"""Text for people: findings grouped by file, stacks, availability, and the verdict last.

Every name and message is escaped (`escape.text_field`): the text may reach a CI log
where a line starting with `::` is a workflow command, or a terminal that obeys ANSI.
"""

from __future__ import annotations

from itertools import groupby

from spofcheck.model import Finding, Report, RuleMeta, Severity
from spofcheck.report import stacks_text
from spofcheck.report._shared import (
    also_counted,
    availability_text,
    counted_findings,
    gate,
    gating,
    month_downtime,
    percent,
    plural,
    settings_line,
)
from spofcheck.report.coverage import coverage_line_texts, slo_verdict
from spofcheck.report.escape import clip, lead_path, text_field
from spofcheck.report.style import Style, auto_colour

COLOURS = {
    Severity.CRITICAL: "\033[1;31m",
    Severity.HIGH: "\033[31m",
    Severity.MEDIUM: "\033[33m",
    Severity.LOW: "\033[36m",
    Severity.INFO: "\033[2m",
}
_GREEN = "\033[32m"
_RESET = "\033[0m"
_BOLD = "\033[1m"
_WHY = 200  # characters of a rule's rationale shown as its one-line why


def render(report: Report, style: Style | None = None, *, colour: bool | None = None) -> str:
    """The report as lines; `colour` overrides the style's (default: auto on a terminal)."""
    style = style or Style(colour=auto_colour() if colour is None else colour)
    if colour is not None:
        style = Style(colour, style.quiet, style.compact, style.explain_command)
    shown = gating(report) if style.quiet else report.active_findings
    lines = _findings(shown, report, style)
    lines += _errors(report, style.colour)
    if not style.quiet:
        lines += _context(report) + _availability(report)
    if not (style.quiet or style.compact):
        lines += _hints(report, style.explain_command)
    lines += _verdict(report, style.colour)
    return "\n".join(lines) + "\n"


def paint(text: str, code: str, use: bool) -> str:
    return f"{code}{text}{_RESET}" if use else text


def _findings(findings: list[Finding], report: Report, style: Style) -> list[str]:
    lines: list[str] = []
    for file, group in groupby(findings, key=lambda f: f.file or "(no file)"):
        lines.append(paint(lead_path(file), _BOLD, style.colour))
        lines.extend(_finding_line(f, style, _shared_file(f)) for f in group)
        lines.append("")
    return lines


def _finding_line(f: Finding, style: Style, via: bool = False) -> str:
    where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "-")
    severity = paint(f"{f.severity.value:<8}", COLOURS[f.severity], style.colour)
    stack = f" (in stack {text_field(f.stack)})" if via and f.stack else ""
    message = _short(f.message) if style.compact else f.message
    return (
        f"  {lead_path(where)}: {severity} {f.rule_id} {text_field(f.component)}{stack}: "
        f"{text_field(message)}"
    )


def _short(message: str) -> str:
    """The message without the request path it names (`… via a → b → c`)."""
    return message.split(" via ", 1)[0]


def _shared_file(f: Finding) -> bool:
    """A module file used by several scanned stacks: say which stack each finding is from."""
    if not f.stack or not f.file or f.stack in (".", f.file):
        return False
    return not f.file.startswith(f.stack.rstrip("/") + "/")


def _errors(report: Report, use: bool) -> list[str]:
    if not report.errors:
        return []
    lines = [paint("errors", _BOLD, use)]
    lines.extend(f"  {lead_path(e.one_line())}" for e in report.errors)
    lines.append("")
    return lines


def _context(report: Report) -> list[str]:
    """Notes, the applied settings and what the scan could not read."""
    lines = [f"note: {text_field(note)}" for note in report.notes]
    settings = settings_line(report)
    if settings:
        lines.append(f"settings: {text_field(settings)}")
    lines.extend(coverage_line_texts(report.coverage))
    return [*lines, ""] if lines else []


def _availability(report: Report) -> list[str]:
    if len(report.stacks) > 1:
        return stacks_text.table(report)
    result = report.availability
    if result is None:
        return []
    line = f"availability {availability_text(result)}"
    downtime = month_downtime(result)
    if downtime and result.value is not None:
        line += f", {downtime} downtime per 30-day month"
    if result.slo is not None:
        verdict = slo_verdict(result.meets_slo, result.complete)
        line += f" (SLO {percent(result.slo)}: {verdict})"
    return [text_field(line, 2_000)]


def _hints(report: Report, command: bool) -> list[str]:
    """Each rule that fired, once: its one-line why and its docs (no PATH needed)."""
    fired = sorted({f.rule_id for f in report.active_findings})
    if not fired:
        return []
    rules = {r.id: r for r in report.rules}
    lines = [_hint(rule_id, rules.get(rule_id)) for rule_id in fired]
    if command:
        lines.append("Run `spofcheck explain RULE` for why a rule matters and how to fix it.")
    return [*lines, ""]


def _hint(rule_id: str, rule: RuleMeta | None) -> str:
    """`HA004 cold-standby: <its title, the one-line why> — <docs URL>`."""
    if rule is None:
        return text_field(rule_id)
    why = " ".join((rule.title or rule.summary).split())
    docs = f" — {rule.docs}" if rule.docs else ""
    return text_field(f"{rule_id} {rule.name}: {clip(why, _WHY)}{docs}", 1_000)


def _verdict(report: Report, use: bool) -> list[str]:
    verdict = gate(report)
    mark = paint("✗", COLOURS[Severity.HIGH], use) if not verdict.passed else None
    mark = mark or paint("✓", _GREEN, use)
    parts = [counted_findings(report), *also_counted(report)]
    stacks = len(report.stacks)
    parts.append(f"{plural(report.components, 'component')} in {plural(stacks, 'stack')}")
    summary = f"{mark} " + " · ".join(parts)
    if verdict.passed:
        return [summary, f"{mark} gate passed"]
    reasons = "; ".join(text_field(r.message) for r in verdict.reasons)
    return [summary, f"{mark} gate failed: {reasons}"]

"""Render `spofcheck diff`: new and fixed findings and the availability change."""

from __future__ import annotations

import json
from typing import Any

from spofcheck.diff.compare import DiffResult, StackChange, diff_exit_code
from spofcheck.diff.gate import MINUTES_PER_MONTH
from spofcheck.model import Finding
from spofcheck.paths import relative_file
from spofcheck.report import json_format
from spofcheck.report._shared import by_severity, percent, plural, severity_counts
from spofcheck.report.coverage import coverage_json, coverage_line_texts, coverage_markdown
from spofcheck.report.escape import json_safe, lead_path, md_text, text_field
from spofcheck.report.markdown import TABLE_HEADER, code, finding_row

_MINUS = "\u2212"


def render_diff(result: DiffResult, fmt: str) -> str:
    if fmt == "json":
        return json_safe(json.dumps(document(result), indent=2, ensure_ascii=False)) + "\n"
    if fmt == "markdown":
        return _markdown(result)
    return _text(result)


def change_text(base: float, head: float) -> str:
    """`99.97% → 99.91%: −26 min/month`: the change in expected uptime per 30-day month."""
    digits = _digits(base, head)
    return f"{percent(base, digits)} → {percent(head, digits)}: {minutes_text(head - base)}"


def minutes_text(delta: float) -> str:
    """A change of availability (a fraction) as uptime gained or lost per 30-day month."""
    minutes = delta * MINUTES_PER_MONTH
    size = abs(minutes)
    sign = _MINUS if minutes < 0 else "+"
    if size >= 10:
        return f"{sign}{size:.0f} min/month"
    if size >= 1:
        return f"{sign}{size:.1f} min/month"
    if size * 60 >= 0.5:
        return f"{sign}{size * 60:.0f} s/month"
    return "no change"


def _digits(base: float, head: float) -> int:
    """The fewest decimals (2 to 6) at which the two percentages read differently."""
    for digits in range(2, 7):
        if f"{base * 100:.{digits}f}" != f"{head * 100:.{digits}f}":
            return digits
    return 2


def _stack_line(change: StackChange) -> str | None:
    if change.base is not None and change.head is not None:
        bounds = _bounds(change.base_complete, change.head_complete)
        return change_text(change.base, change.head) + bounds
    if change.head is not None:
        return f"new, {percent(change.head)}"
    if change.base is not None:
        return f"removed (was {percent(change.base)})"
    return None


def _availability(result: DiffResult) -> str | None:
    base, head = result.base_availability, result.head_availability
    if base is None or head is None:
        bound = _bounds(True, result.head_complete)
        return f"availability {percent(head)} (no figure at the base){bound}" if head else None
    line = f"availability {change_text(base, head)}"
    if result.slo is not None:
        verdict = "met" if result.meets_slo else "NOT met"
        line += f" (SLO {percent(result.slo)}: {verdict})"
    return line + _bounds(result.base_complete, result.head_complete)


def _bounds(base_complete: bool, head_complete: bool) -> str:
    """Which side is only an upper bound: a change between bounds may hide a drop."""
    sides = [side for side, done in (("base", base_complete), ("head", head_complete)) if not done]
    if not sides:
        return ""
    return f" ({' and '.join(sides)}: upper bound, part of the design was not read)"


def _failing(result: DiffResult) -> bool:
    return diff_exit_code(result) != 0


def _summary(result: DiffResult) -> str:
    counts = ", ".join(f"{n} {s.value}" for s, n in severity_counts(result.new))
    new = plural(len(result.new), "new finding") + (f" ({counts})" if counts else "")
    unchanged = f"{result.unchanged} unchanged"
    if result.renamed:
        unchanged += f" ({result.renamed} under a former component id)"
    parts = [new, f"{len(result.fixed)} fixed", unchanged]
    if result.errors:
        parts.append(plural(len(result.errors), "input error"))
    return " · ".join(parts)


def _text_finding(f: Finding, root: str) -> str:
    file = relative_file(f.file, root) if f.file else "-"
    where = lead_path(f"{file}:{f.line}" if f.line else file)
    return (
        f"  {where}: {f.severity.value:<8} {f.rule_id} {text_field(f.component)}: "
        f"{text_field(f.message)}"
    )


def _text(result: DiffResult) -> str:
    lines = [f"spofcheck diff: {text_field(result.base_ref)} → working tree", ""]
    for title, findings in (("new findings", result.new), ("fixed findings", result.fixed)):
        if findings:
            lines.append(f"{title} ({len(findings)}):")
            lines.extend(_text_finding(f, result.root) for f in findings)
            lines.append("")
    lines.extend(f"error: {text_field(e.one_line())}" for e in result.errors)
    if result.base_errors:
        errors = plural(len(result.base_errors), "input error")
        lines.append(f"note: {errors} at {text_field(result.base_ref)}")
    lines.extend(coverage_line_texts(result.coverage))
    availability = _availability(result)
    if availability:
        lines.append(availability)
    if len(result.stacks) > 1:
        lines.extend(
            f"  {lead_path(s.path)}: {text}" for s in result.stacks if (text := _stack_line(s))
        )
    lines.append(f"{'✗' if _failing(result) else '✓'} {_summary(result)}")
    return "\n".join(lines) + "\n"


def _markdown(result: DiffResult) -> str:
    mark = "❌" if _failing(result) else "✅"
    lines = [f"## spofcheck diff against {code(result.base_ref)}", "", f"{mark} {_summary(result)}"]
    availability = _availability(result)
    if availability:
        lines.extend(["", f"**{availability[0].upper()}{availability[1:]}**"])
    if len(result.stacks) > 1:
        lines.extend(["", "| Stack | Change |", "|---|---|"])
        lines.extend(f"| {code(s.path)} | {t} |" for s in result.stacks if (t := _stack_line(s)))
    for title, findings in (("New findings", result.new), ("Fixed findings", result.fixed)):
        if findings:
            lines.extend(["", f"### {title}", "", *TABLE_HEADER])
            rows = by_severity(findings)[:_MAX_ROWS]
            lines.extend(finding_row(f, result.root) for f in rows)
            if len(findings) > _MAX_ROWS:
                lines.extend(["", f"_{len(findings) - _MAX_ROWS} more not shown._"])
    lines.extend(coverage_markdown(result.coverage))
    if result.errors:
        lines.extend(["", "### Input errors", ""])
        lines.extend(f"- {md_text(e.one_line())}" for e in result.errors)
    return "\n".join(lines) + "\n"


# 2 tables x 150 rows x ~200 characters stays well under GitHub's 65,536-character comments.
_MAX_ROWS = 150


def document(result: DiffResult) -> dict[str, Any]:
    """The diff as plain data for scripts; findings in the same shape as `scan --format json`."""
    delta = result.delta
    return {
        "version": result.version,
        "base": result.base_ref,
        "new": [json_format.finding(f) for f in result.new],
        "fixed": [json_format.finding(f) for f in result.fixed],
        "unchanged": result.unchanged,
        "renamed": result.renamed,
        "availability": {
            "base": result.base_availability,
            "head": result.head_availability,
            "delta": delta,
            "delta_minutes_per_month": None if delta is None else delta * MINUTES_PER_MONTH,
            "slo": result.slo,
            "meets_slo": result.meets_slo,
            "base_complete": result.base_complete,
            "complete": result.head_complete,
        },
        "stacks": [
            {
                "path": s.path,
                "base": s.base,
                "head": s.head,
                "delta": s.delta,
                "base_complete": s.base_complete,
                "complete": s.head_complete,
            }
            for s in result.stacks
        ],
        "coverage": coverage_json(result.coverage),
        "errors": [json_format.error(e) for e in result.errors],
        "base_errors": [json_format.error(e) for e in result.base_errors],
    }

"""Markdown for a PR comment or `$GITHUB_STEP_SUMMARY`: verdict, availability, findings table.

GitHub refuses comments over 65,536 characters; the summary stays under LIMIT by
dropping the diagram first, then the least severe table rows, and says what it left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spofcheck.model import AvailabilityResult, Finding, ParseError, Report
from spofcheck.paths import relative_file
from spofcheck.report._shared import (
    also_counted,
    by_severity,
    counted_findings,
    failing,
    finding_file,
    month_downtime,
    percent,
    plural,
)
from spofcheck.report.coverage import bound_note, bound_prefix, coverage_markdown

if TYPE_CHECKING:
    from spofcheck.api.pipeline import StackResult

_MAX_ITEMS = 50
LIMIT = 65_000  # GitHub's comment limit is 65,536 characters; keep a margin for wrappers
TABLE_HEADER = ["| Severity | Rule | Component | Location | Message |", "|---|---|---|---|---|"]
_STACK_HEADER = ["| Stack | Availability | SLO | Downtime / 30-day month |", "|---|---|---|---|"]
ICONS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "info": "⚪"}


def render(report: Report) -> str:
    """The summary; `report.diagrams` (stack path → Mermaid source) are shown folded."""
    head = _head(report)
    tail = _tail(report)
    diagram = _diagrams(report.diagrams)
    rows = [finding_row(f, report.root) for f in by_severity(report.active_findings)]
    text = _assemble(head, rows, len(rows), tail + diagram)
    if len(text) <= LIMIT:
        return text
    note = ["", "_The diagram was left out to keep this summary under GitHub's size limit._"]
    return _fit(head, rows, tail + note)


def with_diagrams(report: Report, stacks: Sequence[StackResult]) -> Report:
    """The report with each stack's Mermaid diagram, findings and availability marked."""
    from spofcheck.diagram.api import render_diagram

    diagrams: dict[str, str] = {}
    for stack in stacks:
        if not stack.arch.components:
            continue
        availability = stack.availability.to_json() if stack.availability else None
        drawn = render_diagram(
            stack.arch, findings=stack.findings, availability=availability, fmt="mermaid"
        )
        if isinstance(drawn.content, str):
            diagrams[relative_file(stack.arch.root, report.root)] = drawn.content
    return report.model_copy(update={"diagrams": diagrams})


def _fit(head: list[str], rows: list[str], tail: list[str]) -> str:
    """Keep as many rows (most severe first) as fit under LIMIT with a note of the rest."""
    budget = LIMIT - len(_assemble(head, [], len(rows), tail)) - 200
    kept = 0
    for row in rows:
        budget -= len(row) + 1
        if budget < 0:
            break
        kept += 1
    return _assemble(head, rows[:kept], len(rows), tail)


def _assemble(head: list[str], rows: list[str], total: int, tail: list[str]) -> str:
    lines = list(head)
    if total:
        lines.extend(["", *TABLE_HEADER, *rows])
    if len(rows) < total:
        lines.extend(
            [
                "",
                f"_{total - len(rows)} more findings are not shown (size limit); the SARIF or "
                "JSON report has them all._",
            ]
        )
    lines.extend(tail)
    return "\n".join(lines) + "\n"


def _head(report: Report) -> list[str]:
    lines = ["## spofcheck", "", _verdict(report)]
    lines.extend(_availability(report))
    lines.extend(coverage_markdown(report.coverage))
    return lines


def _verdict(report: Report) -> str:
    mark = "❌" if failing(report) else "✅"
    head, _, counts = counted_findings(report).partition(" (")
    parts = [f"{mark} **{head}**" + (f" ({counts}" if counts else "")]
    parts.extend(also_counted(report))
    stacks = plural(len(report.stacks), "stack")
    parts.append(f"{report.components} components in {stacks}")
    parts.append(f"fails on {report.fail_on.value} and above")
    return " · ".join(parts)


def _availability(report: Report) -> list[str]:
    known = sorted(
        (
            (relative_file(s.path or ".", report.root), s.availability, s.availability.value)
            for s in report.stacks
            if s.availability is not None and s.availability.value is not None
        ),
        key=lambda row: row[0],
    )
    if len(known) > 1:
        rows = [_stack_row(path, result, value) for path, result, value in known]
        return ["", *_STACK_HEADER, *rows]
    result = report.availability
    if result is None or result.value is None:
        return []
    shown = f"{bound_prefix(result)}{percent(result.value)}"
    return ["", f"**Availability {shown}**{bound_note(result)}{_slo_text(result)}"]


def _slo_text(result: AvailabilityResult) -> str:
    text = ""
    if result.slo is not None:
        verdict = "met" if result.meets_slo else "**not met**"
        text += f" against an SLO of {percent(result.slo)}: {verdict}"
    downtime = month_downtime(result)
    if downtime:
        text += f" · {downtime} downtime per 30-day month"
    return text


def _stack_row(path: str, result: AvailabilityResult, value: float) -> str:
    slo = "—"
    if result.slo is not None:
        verdict = "met" if result.meets_slo else "**not met**"
        slo = f"{percent(result.slo)} ({verdict})"
    downtime = month_downtime(result) or "—"
    return f"| {code(path)} | {percent(value)} | {slo} | {downtime} |"


def finding_row(f: Finding, root: str) -> str:
    """One findings-table row; paths relative to the scan `root`."""
    file = relative_file(f.file, root) if f.file else None
    where = "—" if file is None else code(f"{file}:{f.line}" if f.line else file)
    rule = f"[{f.rule_id}]({f.docs})" if f.docs else f.rule_id
    name = f" {cell(f.rule_name)}" if f.rule_name else ""
    icon = ICONS[f.severity.value]
    return (
        f"| {icon} {f.severity.value} | {rule}{name} | {code(f.component)} | {where} "
        f"| {cell(f.message)} |"
    )


def _tail(report: Report) -> list[str]:
    lines: list[str] = []
    suppressed = report.suppressed_findings
    if suppressed:
        items = [_suppressed_item(f, report) for f in suppressed]
        lines.extend(_folded(plural(len(suppressed), "suppressed finding"), _capped(items)))
    if report.errors:
        items = [f"- {_error_item(e, report)}" for e in report.errors]
        errors = plural(len(report.errors), "input error")
        lines.extend(_folded(errors, _capped(items), open_=True))
    if report.notes:
        notes = [f"- {cell(n)}" for n in report.notes]
        lines.extend(_folded(plural(len(report.notes), "note"), _capped(notes)))
    return lines


def _capped(items: list[str]) -> list[str]:
    """At most _MAX_ITEMS list items, so the findings table keeps the space."""
    if len(items) <= _MAX_ITEMS:
        return items
    return [*items[:_MAX_ITEMS], f"- … and {len(items) - _MAX_ITEMS} more"]


def _error_item(e: ParseError, report: Report) -> str:
    file = relative_file(e.file, report.root)
    where = f"{file}:{e.line}" if e.line is not None else file
    key = f" [{e.key}]" if e.key else ""
    return f"{code(where)}{cell(key)}: {cell(e.message)}"


def _suppressed_item(f: Finding, report: Report) -> str:
    file = finding_file(f, report) or "no file"
    reason = cell(f.suppression_reason or "no reason given")
    return f"- {f.rule_id} {code(f.component)} ({code(file)}): {reason}"


def _folded(summary: str, items: Sequence[str], *, open_: bool = False) -> list[str]:
    tag = "<details open>" if open_ else "<details>"
    return ["", tag, f"<summary>{summary}</summary>", "", *items, "", "</details>"]


def _diagrams(diagrams: Mapping[str, str]) -> list[str]:
    lines: list[str] = []
    for path in sorted(diagrams):
        body = ["```mermaid", diagrams[path].rstrip("\n"), "```"]
        lines.extend(_folded(f"Architecture diagram: {cell(path)}", body))
    return lines


def cell(text: str) -> str:
    """Text safe inside a table cell: no HTML, no column breaks, one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(text.replace("|", "\\|").split())


def code(text: str) -> str:
    """A code span that survives backticks and pipes in the text."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"

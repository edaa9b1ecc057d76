"""Markdown for a PR comment or `$GITHUB_STEP_SUMMARY`: verdict and its reasons, availability,
findings table, folded extras.

Every name and message is escaped for GitHub Markdown (`escape.md_text`, `md_code`): no
HTML, links, images or mentions from the scanned files. GitHub refuses comments over
65,536 characters; the summary stays under LIMIT, and what it keeps is ordered by what
matters: the verdict, the findings that fail the gate, the other findings, input errors,
then suppressed findings, notes and diagrams (`markdown_fit`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from spofcheck.model import AvailabilityResult, Finding, ParseError, Report
from spofcheck.paths import relative_file
from spofcheck.report._shared import (
    also_counted,
    availability_text,
    by_severity,
    counted_findings,
    finding_file,
    gate,
    month_downtime,
    percent,
    plural,
    settings_line,
)
from spofcheck.report.coverage import coverage_lines, slo_verdict
from spofcheck.report.escape import md_code, md_text, md_url, one_line
from spofcheck.report.markdown_fit import LIMIT, Section, assemble
from spofcheck.report.style import Style

if TYPE_CHECKING:
    from spofcheck.api.pipeline import StackResult

__all__ = ["LIMIT", "TABLE_HEADER", "cell", "code", "finding_row", "render", "with_diagrams"]

MAX_ITEMS = 50
TABLE_HEADER = ["| Severity | Rule | Component | Location | Message |", "|---|---|---|---|---|"]
_STACK_HEADER = ["| Stack | Availability | SLO | Downtime / 30-day month |", "|---|---|---|---|"]
ICONS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "info": "⚪"}
cell = md_text
code = md_code


def render(report: Report, style: Style | None = None) -> str:
    """The summary; `report.diagrams` (stack path → Mermaid source) are shown folded."""
    style = style or Style()
    ranked = by_severity(report.active_findings)
    failing = [f for f in ranked if f.severity.rank >= report.fail_on.rank]
    rest = [] if style.quiet else [f for f in ranked if f.severity.rank < report.fail_on.rank]
    sections = [
        Section(_head(report), "head"),
        Section([finding_row(f, report.root, style) for f in failing], "rows"),
        Section([finding_row(f, report.root, style) for f in rest], "rows"),
        Section(_errors(report), "block"),
    ]
    if not style.quiet:
        sections += [Section(lines, "block") for lines in _extras(report)]
        sections += [Section(lines, "diagram") for lines in _diagrams(report.diagrams)]
    return assemble(sections, TABLE_HEADER)


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


def _head(report: Report) -> list[str]:
    lines = ["## spofcheck", "", _verdict(report)]
    lines.extend(_reasons(report))
    lines.extend(_availability(report))
    lines.extend(_context(report))
    return lines


def _verdict(report: Report) -> str:
    mark = "✅" if gate(report).passed else "❌"
    head, _, counts = counted_findings(report).partition(" (")
    parts = [f"{mark} **{head}**" + (f" ({counts}" if counts else "")]
    parts.extend(also_counted(report))
    stacks = plural(len(report.stacks), "stack")
    parts.append(f"{report.components} components in {stacks}")
    parts.append(f"fails on {report.fail_on.value} and above")
    return " · ".join(parts)


def _reasons(report: Report) -> list[str]:
    verdict = gate(report)
    if verdict.passed:
        return ["", "**Gate passed.**"]
    items = [f"- {md_text(r.message)}" for r in verdict.reasons]
    return ["", "**Gate failed:**", "", *_capped(items)]


def _context(report: Report) -> list[str]:
    lines: list[str] = []
    settings = settings_line(report)
    if settings:
        lines += ["", f"Settings: {md_text(settings, 2_000)}"]
    gaps = [
        f"> ⚠️ coverage incomplete: {md_text(gap, 2_000)}" for gap in coverage_lines(report.coverage)
    ]
    if gaps:  # one quoted line per kind of gap (two trailing spaces: a line break)
        lines += ["", *(gap + "  " for gap in gaps[:-1]), gaps[-1]]
    return lines


def _availability(report: Report) -> list[str]:
    known = sorted(
        (
            (relative_file(s.path or ".", report.root), s.availability)
            for s in report.stacks
            if s.availability is not None
        ),
        key=lambda row: row[0],
    )
    if len(known) > 1:
        rows = [_stack_row(path, result) for path, result in known[:MAX_ITEMS]]
        return ["", *_STACK_HEADER, *rows]
    result = report.availability
    if result is None:
        return []
    figure = md_text(availability_text(result), 1_000)
    return ["", f"**Availability {figure}**{_slo_text(result)}"]


def _slo_text(result: AvailabilityResult) -> str:
    text = ""
    if result.slo is not None:
        verdict = slo_verdict(result.meets_slo, result.complete, missed="**not met**")
        text += f" against an SLO of {percent(result.slo)}: {verdict}"
    downtime = month_downtime(result)
    if downtime and result.value is not None:
        text += f" · {downtime} downtime per 30-day month"
    return text


def _stack_row(path: str, result: AvailabilityResult) -> str:
    slo = "—"
    if result.slo is not None:
        verdict = slo_verdict(result.meets_slo, result.complete, missed="**not met**")
        slo = f"{percent(result.slo)} ({verdict})"
    downtime = (month_downtime(result) if result.value is not None else None) or "—"
    figure = md_text(availability_text(result), 300)
    return f"| {code(path, 200)} | {figure} | {slo} | {downtime} |"


def finding_row(f: Finding, root: str, style: Style | None = None) -> str:
    """One findings-table row; paths relative to the scan `root`."""
    file = relative_file(f.file, root) if f.file else None
    where = "—" if file is None else code(f"{file}:{f.line}" if f.line else file)
    url = md_url(f.docs)
    rule = f"[{md_text(f.rule_id, 40)}]({url})" if url else md_text(f.rule_id, 40)
    name = f" {cell(f.rule_name, 80)}" if f.rule_name else ""
    message = f.message.split(" via ", 1)[0] if style and style.compact else f.message
    icon = ICONS[f.severity.value]
    return (
        f"| {icon} {f.severity.value} | {rule}{name} | {code(f.component)} | {where} "
        f"| {cell(message)} |"
    )


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return []
    items = [f"- {_error_item(e, report)}" for e in report.errors]
    return _folded(plural(len(report.errors), "input error"), _capped(items), open_=True)


def _extras(report: Report) -> list[list[str]]:
    blocks = []
    suppressed = report.suppressed_findings
    if suppressed:
        items = [_suppressed_item(f, report) for f in suppressed]
        blocks.append(_folded(plural(len(suppressed), "suppressed finding"), _capped(items)))
    if report.notes:
        notes = [f"- {cell(n)}" for n in report.notes]
        blocks.append(_folded(plural(len(report.notes), "note"), _capped(notes)))
    return blocks


def _capped(items: list[str]) -> list[str]:
    """At most MAX_ITEMS list items, so the findings table keeps the space."""
    if len(items) <= MAX_ITEMS:
        return items
    return [*items[:MAX_ITEMS], f"- … and {len(items) - MAX_ITEMS} more"]


def _error_item(e: ParseError, report: Report) -> str:
    file = relative_file(e.file, report.root)
    where = f"{file}:{e.line}" if e.line is not None else file
    key = f" [{e.key}]" if e.key else ""
    return f"{code(where)}{cell(key)}: {cell(e.message)}"


def _suppressed_item(f: Finding, report: Report) -> str:
    file = finding_file(f, report) or "no file"
    reason = cell(f.suppression_reason or "no reason given")
    return f"- {cell(f.rule_id, 40)} {code(f.component)} ({code(file)}): {reason}"


def _folded(summary: str, items: Sequence[str], *, open_: bool = False) -> list[str]:
    tag = "<details open>" if open_ else "<details>"
    return ["", tag, f"<summary>{summary}</summary>", "", *items, "", "</details>"]


def _diagrams(diagrams: Mapping[str, str]) -> list[list[str]]:
    blocks = []
    for path in sorted(diagrams):
        body = diagrams[path].rstrip("\n")
        fence = "```"
        while fence in body:
            fence += "`"
        lines = [f"{fence}mermaid", *(one_line(line, 1 << 30) for line in body.split("\n")), fence]
        blocks.append(_folded(f"Architecture diagram: {cell(path, 200)}", lines))
    return blocks

"""The per-stack table of the text report: findings by severity and availability vs SLO."""

from __future__ import annotations

from spofcheck.model import Report, Severity, StackSummary
from spofcheck.report._shared import availability_text, month_downtime, percent
from spofcheck.report.coverage import slo_verdict
from spofcheck.report.escape import one_line, text_field

_SEVERITIES = list(Severity)
_HEADER = ["stack", *(s.value for s in _SEVERITIES), "availability", "SLO"]


def table(report: Report) -> list[str]:
    """One row per stack, columns aligned; availability per 30-day month like everywhere."""
    rows = [_row(s, report) for s in sorted(report.stacks, key=lambda s: s.path)]
    widths = [max(len(r[i]) for r in [_HEADER, *rows]) for i in range(len(_HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    header = "  ".join(cell.ljust(w) for cell, w in zip(_HEADER, widths, strict=True))
    return [header.rstrip(), *(line.rstrip() for line in lines), ""]


def _row(stack: StackSummary, report: Report) -> list[str]:
    mine = [f for f in report.active_findings if f.stack in (stack.path, stack.name)]
    counts = [str(sum(1 for f in mine if f.severity is s)) for s in _SEVERITIES]
    return [text_field(one_line(stack.path, 80)), *counts, *_figures(stack)]


def _figures(stack: StackSummary) -> list[str]:
    result = stack.availability
    if result is None:
        return ["—", "—"]
    figure = availability_text(result)
    downtime = month_downtime(result)
    if downtime and result.value is not None:
        figure += f" ({downtime}/30-day month)"
    if result.slo is None:
        return [text_field(figure, 300), "—"]
    verdict = slo_verdict(result.meets_slo, result.complete)
    return [text_field(figure, 300), f"{percent(result.slo)} {verdict}"]

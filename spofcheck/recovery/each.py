"""`whatif --each zone|region`: every single-domain scenario, one row each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from spofcheck import __version__
from spofcheck.availability.downtime import format_percent
from spofcheck.graph.coverage import coverage_of
from spofcheck.model import Architecture
from spofcheck.recovery.render import INCOMPLETE, availability_json
from spofcheck.recovery.scenario import single_domains
from spofcheck.recovery.whatif import WhatIf, what_if
from spofcheck.report.coverage import bound_prefix, coverage_json, coverage_line_texts

Rows = list[tuple[Architecture, list[WhatIf]]]


def run_each(archs: Sequence[Architecture], kind: str) -> Rows:
    """One what-if per zone (or region) each architecture knows, in name order."""
    out: Rows = []
    for arch in archs:
        results = [what_if(arch, s, baseline=False) for s in single_domains(arch, kind)]
        out.append((arch, results))
    return out


def _row_json(result: WhatIf) -> dict[str, Any]:
    return {
        "scenario": result.scenario.labels(),
        "entrypoints_lost": result.lost,
        "components_down": result.down,
        "availability": availability_json(result),
        "complete": result.complete,
    }


def render_each_json(rows: Rows, kind: str) -> str:
    stacks = [
        {
            "path": a.root,
            "scenarios": [_row_json(r) for r in rs],
            "coverage": coverage_json(coverage_of(a)),
        }
        for a, rs in rows
    ]
    doc = {"version": __version__, "each": kind, "stacks": stacks}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _cells(result: WhatIf) -> list[str]:
    value = result.conditional.value
    shown = bound_prefix(result.conditional) + format_percent(value) if value is not None else ""
    return [
        ", ".join(result.scenario.labels()),
        ", ".join(result.lost) or "-",
        str(len(result.down)),
        shown or "not computed",
    ]


HEAD = ["scenario", "entry points lost", "components down", "availability given it"]


def render_each_text(rows: Rows, kind: str) -> str:
    lines: list[str] = []
    for arch, results in rows:
        table = [HEAD, *(_cells(r) for r in results)]
        widths = [max(len(row[i]) for row in table) for i in range(len(HEAD))]
        lines += [f"Each {kind} down, one at a time: {arch.name or arch.root} ({arch.root})"]
        lines += coverage_line_texts(coverage_of(arch))
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                  for row in table]  # fmt: skip
        if not results:
            lines.append(f"  (no {kind}s in this architecture)")
        lines += [] if all(r.complete for r in results) else [INCOMPLETE]
        lines.append("")
    return "\n".join(lines)


def render_each_markdown(rows: Rows, kind: str) -> str:
    lines: list[str] = []
    for arch, results in rows:
        lines += [f"## Each {kind} down: {arch.name or arch.root}", ""]
        lines += ["| " + " | ".join(HEAD) + " |", "|---|---|---:|---:|"]
        lines += ["| " + " | ".join(_cells(r)) + " |" for r in results]
        lines.append("")
    return "\n".join(lines)


EACH_RENDERERS = {
    "text": render_each_text,
    "json": render_each_json,
    "markdown": render_each_markdown,
}

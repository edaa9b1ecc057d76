"""`spofcheck recovery` output: text, JSON and Markdown; formatters return strings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from spofcheck import __version__
from spofcheck.graph.coverage import coverage_of
from spofcheck.model import Architecture
from spofcheck.recovery.durations import format_seconds
from spofcheck.recovery.estimate import Range, Targets
from spofcheck.recovery.objectives import Disruption
from spofcheck.report.coverage import coverage_json, coverage_line_texts, coverage_markdown

Stack = tuple[Architecture, Targets, list[Disruption]]


def _range(r: Range) -> dict[str, float | None]:
    return {"low": r[0], "high": r[1]}


def _disruption(d: Disruption) -> dict[str, Any]:
    parts = d.estimate.parts if d.estimate is not None else ()
    return {
        "type": d.type,
        "rto_s": _range(d.rto),
        "rpo_s": _range(d.rpo),
        "bottleneck": d.bottleneck,
        "parts": [
            {"name": p.name, "low": p.low, "high": p.high, "default": p.source} for p in parts
        ],
        "meets": d.meets,
        "complete": d.complete,
    }


def render_json(stacks: Sequence[Stack]) -> str:
    out = [
        {
            "path": arch.root,
            "targets": {"rto_s": t.rto, "rpo_s": t.rpo},
            "disruptions": [_disruption(d) for d in ds],
            "coverage": coverage_json(coverage_of(arch)),
        }
        for arch, t, ds in stacks
    ]
    return json.dumps({"version": __version__, "stacks": out}, indent=2) + "\n"


def _text_range(r: Range) -> str:
    return (
        format_seconds(r[0]) if r[0] == r[1] else f"{format_seconds(r[0])}-{format_seconds(r[1])}"
    )


def _verdict(d: Disruption) -> str:
    if d.unknown:
        return "unknown"
    return {True: "met", False: "NOT met", None: "no target"}[d.meets]


INCOMPLETE = (
    "Incomplete: part of the design was not read and may recover slower than the "
    "bottleneck shown: a target the estimate meets is unknown."
)


def _incomplete(ds: list[Disruption]) -> list[str]:
    return [] if all(d.complete for d in ds) else [INCOMPLETE]


def _target(d: Disruption) -> str:
    rto = format_seconds(d.rto_target) if d.rto_target is not None else "-"
    rpo = format_seconds(d.rpo_target) if d.rpo_target is not None else "-"
    return f"{rto} / {rpo}"


def _rows(ds: list[Disruption]) -> list[list[str]]:
    return [
        [
            d.type,
            _text_range(d.rto),
            _text_range(d.rpo),
            _target(d),
            d.bottleneck or "-",
            _verdict(d),
        ]
        for d in ds
    ]


HEAD = ["disruption", "RTO", "RPO", "target RTO / RPO", "bottleneck", "verdict"]


def render_text(stacks: Sequence[Stack]) -> str:
    lines: list[str] = []
    for arch, _t, ds in stacks:
        table = [HEAD, *_rows(ds)]
        widths = [max(len(r[i]) for r in table) for i in range(len(HEAD))]
        lines.append(f"Recovery estimates: {arch.name or arch.root} ({arch.root})")
        lines += coverage_line_texts(coverage_of(arch))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                  for r in table]  # fmt: skip
        for d in ds:
            if d.estimate is not None and d.meets is False:
                parts = ", ".join(p.text() for p in d.estimate.parts)
                lines.append(f"  {d.type}: {d.bottleneck}: {parts}")
        lines += _incomplete(ds)
        lines.append("")
    return "\n".join(lines)


def render_markdown(stacks: Sequence[Stack]) -> str:
    lines: list[str] = []
    for arch, _t, ds in stacks:
        lines += [f"## Recovery: {arch.name or arch.root}", ""]
        lines += ["| " + " | ".join(HEAD) + " |", "|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(r) + " |" for r in _rows(ds)]
        lines += [f"\n{line}" for line in _incomplete(ds)]
        lines += coverage_markdown(coverage_of(arch))
        lines.append("")
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}

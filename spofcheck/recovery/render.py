"""`spofcheck whatif` output: text, JSON and Markdown from WhatIf results; never prints."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from spofcheck import __version__
from spofcheck.availability import AvailabilityResult
from spofcheck.availability.downtime import format_percent
from spofcheck.model import Architecture
from spofcheck.recovery.whatif import ComponentOutcome, WhatIf
from spofcheck.report.coverage import (
    bound_prefix,
    coverage_json,
    coverage_line_texts,
    coverage_markdown,
)

Stack = tuple[Architecture, WhatIf]


def availability_json(result: WhatIf) -> dict[str, Any]:
    """The conditional value (and bounds when not exact) beside the unconditional one."""
    c = result.conditional
    out: dict[str, Any] = {"value": c.value, "method": c.method.value, "complete": c.complete}
    if c.lower is not None or c.upper is not None:
        out |= {"lower": c.lower, "upper": c.upper}
    if result.baseline is not None:
        out["baseline"] = result.baseline.value
    return out


def scenario_json(result: WhatIf) -> dict[str, Any]:
    return {
        "entrypoints": [{"id": e, "up": up} for e, up in result.entrypoints.items()],
        "components": [_component_json(o) for o in result.components],
        "availability": availability_json(result),
        "complete": result.complete,
        "coverage": coverage_json(result.coverage),
    }


def _component_json(o: ComponentOutcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "up": o.up,
        "capacity": o.capacity,
        "needed": o.needed,
        "via_standby": o.via_standby,
    }


def render_json(stacks: Sequence[Stack], labels: list[str]) -> str:
    doc: dict[str, Any] = {"version": __version__, "scenario": labels}
    if len(stacks) == 1:
        doc |= scenario_json(stacks[0][1])
    else:
        doc["stacks"] = [{"path": a.root, **scenario_json(w)} for a, w in stacks]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _percent(result: AvailabilityResult | None) -> str:
    if result is None or result.value is None:
        return "not computed"
    return bound_prefix(result) + format_percent(result.value)


def entry_state(result: WhatIf, up: bool) -> str:
    """`DOWN`, `up`, or `up over what was read` when part of the design was not read."""
    if not up:
        return "DOWN"
    return "up" if result.complete else "up over what was read"


INCOMPLETE = (
    "Incomplete: part of the design was not read; what is up is up over what was read, "
    "and the availability an upper bound."
)


def _affected(result: WhatIf) -> list[ComponentOutcome]:
    """Components the scenario touched: capacity lost, a standby in use, or down."""
    return [o for o in result.components if not o.up or o.capacity < o.total or o.via_standby]


def _state(o: ComponentOutcome) -> str:
    if not o.up and o.capacity >= o.needed:
        return "down (a dependency is down)"
    if not o.up:
        return "DOWN" + (f"; {o.idle_standby}" if o.idle_standby else "")
    return "up, standby took over" if o.via_standby else "up"


def render_text(stacks: Sequence[Stack], labels: list[str]) -> str:
    lines = [f"What if: {', '.join(labels)}"]
    for arch, result in stacks:
        if len(stacks) > 1:
            lines += ["", f"== {arch.name or arch.root} ({arch.root})"]
        lines += coverage_line_texts(result.coverage)
        lines += ["Entry points:"]
        lines += [f"  {e}: {entry_state(result, up)}" for e, up in result.entrypoints.items()]
        affected = _affected(result)
        lines += ["Components affected:" if affected else "Components affected: none"]
        width = max((len(o.id) for o in affected), default=0)
        lines += [
            f"  {o.id:<{width}}  {o.capacity} of {o.needed} needed  {_state(o)}" for o in affected
        ]
        lines.append(
            f"Availability given the scenario: {_percent(result.conditional)} "
            f"(without it: {_percent(result.baseline)})"
        )
        lines += [] if result.complete else [INCOMPLETE]
    return "\n".join(lines) + "\n"


def render_markdown(stacks: Sequence[Stack], labels: list[str]) -> str:
    lines = [f"## What if: {', '.join(f'`{x}`' for x in labels)}"]
    for arch, result in stacks:
        lines += ["", f"### {arch.name or arch.root}", ""]
        lost = ", ".join(f"`{e}`" for e in result.lost) or "none"
        lines += [f"Entry points lost: {lost}", ""]
        lines += ["| component | capacity | needed | state |", "|---|---:|---:|---|"]
        lines += [
            f"| `{o.id}` | {o.capacity} | {o.needed} | {_state(o)} |" for o in _affected(result)
        ]
        lines += [
            "",
            f"Availability given the scenario: {_percent(result.conditional)} "
            f"(without it: {_percent(result.baseline)})",
        ]
        lines += [] if result.complete else ["", INCOMPLETE]
        lines += coverage_markdown(result.coverage)
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}

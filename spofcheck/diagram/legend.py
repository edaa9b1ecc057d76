"""The legend: one entry per mark and edge style, only for what the diagram uses."""

from __future__ import annotations

from dataclasses import dataclass

from spofcheck.diagram.annotate import Mark
from spofcheck.diagram.view import EdgeStyle, View


@dataclass(frozen=True)
class LegendItem:
    """`key` names what renderers draw as the sample: a mark, an edge style or a shape."""

    key: str
    sample: str
    meaning: str


_ALWAYS = (
    LegendItem(Mark.SPOF.value, "HA001", "red: single point of failure (HA001)"),
    LegendItem(Mark.WARNING.value, "HA…", "amber: other finding (rule ids on the node)"),
    LegendItem(EdgeStyle.HARD.value, "---->", "hard dependency"),
    LegendItem(EdgeStyle.SOFT.value, "- - ->", "soft: degrades"),
)
_SCENARIO = (
    LegendItem(Mark.SPOF.value, "DOWN", "red: down, its own capacity lost"),
    LegendItem(Mark.WARNING.value, "DEP", "amber: down, something it needs is down"),
    *_ALWAYS[2:],
)
_OPTIONAL = {
    "junction": LegendItem("junction", "any 1 of n", "one is enough"),
    "config": LegendItem("config", ". . .>", "configuration reference"),
    "summary": LegendItem("summary", ". . .>", "path via parts not drawn"),
}
ZONES = LegendItem("zones", "az ×n", "replicas per zone; inside a zone box: all there")


def legend(view: View) -> tuple[LegendItem, ...]:
    """What every diagram explains, plus the styles this one happens to use."""
    items = list(_SCENARIO if view.scenario else _ALWAYS)
    if view.junctions:
        items.append(_OPTIONAL["junction"])
    items += [_OPTIONAL[style.value] for style in sorted(view.styles) if style.value in _OPTIONAL]
    items.append(ZONES)
    return tuple(items)

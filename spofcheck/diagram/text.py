"""Plain-text pieces of a diagram: percentages, placements, short names, module paths."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from spofcheck.availability.downtime import SECONDS_PER_MONTH, format_duration, format_percent
from spofcheck.model import Component, Scope, Standby

_MODULE_STEP = re.compile(r"module\.([A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.")
_MAX_NAME = 64  # longer names are shortened in the middle
_LINE = 32  # node names wrap after a dot past this width


def percent(value: float) -> str:
    """`0.99953` → `99.953%`: the one spelling every output uses (truncated, never rounded
    up into a nine; see `availability.downtime.format_percent`)."""
    return format_percent(value)


def points(gain: float) -> str:
    """An availability gain in percentage points, two significant digits: `0.00031` → `0.031`."""
    value = gain * 100
    if value <= 0:
        return "0"
    decimals = max(0, 1 - math.floor(math.log10(value)))
    return f"{value:.{decimals}f} pts"


def downtime_per_month(value: float) -> str:
    """Expected downtime per 30-day month, the unit scan and availability use (99.9% → 43.2 min)."""
    return format_duration((1.0 - value) * SECONDS_PER_MONTH)


def module_path(component_id: str) -> tuple[str, ...]:
    """`module.a.module.b["x"].aws_x.y` → (`a`, `b["x"]`): the module calls that hold it."""
    steps: list[str] = []
    position = 0
    while match := _MODULE_STEP.match(component_id, position):
        steps.append(match.group(1))
        position = match.end()
    return tuple(steps)


def short_name(component: Component, *, strip_modules: bool) -> str:
    """The id a node shows (findings name it), without the module box's prefix."""
    name = component.id
    if strip_modules:
        prefix = "".join(f"module.{step}." for step in module_path(component.id))
        name = name[len(prefix) :] or name
    return clip(name)


def name_lines(name: str, width: int = _LINE) -> tuple[str, ...]:
    """A long name broken after dots (Terraform address parts), each line at most `width`
    where possible: `aws_autoscaling_group.` / `application-tier-asg`."""
    lines: list[str] = []
    for part in re.findall(r"[^.]+\.?|\.", name):
        if lines and len(lines[-1]) + len(part) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return tuple(lines) or (name,)


def clip(text: str, limit: int = _MAX_NAME) -> str:
    """Shorten long names in the middle, where Terraform addresses are least informative."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-(limit - 1 - keep) :]}"


def placement(component: Component) -> str:
    """Where the replicas live: `az1 ×2 · az2 ×1`, `regional`, `global` or `zone unknown`."""
    if component.scope is Scope.GLOBAL:
        return "global service"
    if component.scope is Scope.REGIONAL:
        return "regional (provider spreads it over zones)"
    if not component.zones:
        return "zones unknown"
    counts = Counter(component.zones)
    return " · ".join(f"{zone} ×{counts[zone]}" for zone in sorted(counts))


def capacity(component: Component) -> str:
    """Replicas and how many must stay healthy: `3 replicas, needs 2` or `quorum 2 of 3`."""
    n = component.replicas
    if component.quorum:
        return f"quorum: {component.min_healthy} of {n}"
    # keyed for_each siblings may be different things, not copies: not "replicas"
    noun = "for_each instance" if component.settings.instance_keys else "replica"
    noun += "" if n == 1 else "s"
    if component.min_healthy > 1:
        return f"{n} {noun}, needs {component.min_healthy}"
    return f"{n} {noun}"


def standby(spare: Standby) -> str:
    """`+1 warm standby (automatic) in use1-az2`; cold or manual ones say they do not count."""
    where = ", ".join(sorted(set(spare.zones))) or spare.region or ""
    text = f"+{spare.replicas} {spare.mode.value} standby ({spare.failover.value})"
    if where:
        text += f" in {where}"
    if not spare.counts:
        text += ": not counted"
    return text


def folded_summary(kinds: Iterable[str], shown: int = 3) -> str:
    """`uses subnet ×2, launch_template +1`: what was folded into a node, by type."""
    counts = Counter(kinds)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    parts = [name if n == 1 else f"{name} ×{n}" for name, n in ranked[:shown]]
    more = f" +{sum(n for _, n in ranked[shown:])}" if len(ranked) > shown else ""
    return f"uses {', '.join(parts)}{more}" if parts else ""

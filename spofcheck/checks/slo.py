"""HA011: the composite availability is below the SLO; by how much, in minutes a month."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.availability.downtime import format_percent
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import AvailabilityResult

MINUTES_PER_MONTH = 30 * 24 * 60  # a 30-day month: 43,200 minutes
_SLACK = 1e-12  # an exactly met SLO is met, whatever the last bit of the sum says


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """One finding when the calculator's (conservative) value is below the SLO."""
    computed = ctx.availability
    value = computed.conservative if computed is not None else None
    slo = ctx.slo
    if computed is None or value is None or slo is None or value + _SLACK >= slo:
        return
    anchor, lever = _anchor(ctx, computed)
    if anchor is None:
        return
    text = message(value, slo, lever, _defaulted(computed, lever), basis=computed.basis_label)
    yield Violation(anchor, text)


def message(
    value: float, slo: float, lever: str | None, defaulted: bool = False, *, basis: str = ""
) -> str:
    """E.g. 99.9% against 99.95%: 43.2 min of downtime a month where 21.6 are allowed.
    `basis` (docs/availability.md, section 6) follows the figure when it is not the plain
    "every entry point up"."""
    actual = (1 - value) * MINUTES_PER_MONTH
    allowed = (1 - slo) * MINUTES_PER_MONTH
    label = f" ({basis})" if basis else ""
    text = (
        f"composite availability {format_percent(value)}{label} is below the SLO "
        f"{format_percent(slo)}: "
        f"{_minutes(actual)} of expected downtime per 30-day month where {_minutes(allowed)} "
        f"are allowed, {_minutes(actual - allowed)} a month over"
    )
    if lever:
        text += f"; the biggest lever is {lever}"
        if defaulted:
            text += " (its figure is a catalogue default: set `availability` if you know better)"
    return text


def _defaulted(computed: AvailabilityResult, lever: str | None) -> bool:
    return any(c.id == lever and c.uses_default_figure for c in computed.components)


def _anchor(ctx: CheckContext, computed: AvailabilityResult) -> tuple[str | None, str | None]:
    """Where to report: the component whose repair gains most, else the first entry point."""
    ranked = [c for c in computed.components if c.id in ctx.arch.components]
    ranked.sort(key=lambda c: (-c.importance, c.id))
    if ranked and ranked[0].importance > 0:
        return ranked[0].id, ranked[0].id
    fallback = sorted(ctx.arch.entrypoints) or sorted(ctx.arch.components)
    return (fallback[0] if fallback else None), None


def _minutes(minutes: float) -> str:
    if minutes < 1:
        return f"{minutes * 60:.0f} s"
    return f"{minutes:.1f} min"

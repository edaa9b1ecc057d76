"""HA011: the composite availability is below the SLO; by how much, in minutes a month."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation

MINUTES_PER_MONTH = 30 * 24 * 60  # a 30-day month: 43,200 minutes
_SLACK = 1e-12  # an exactly met SLO is met, whatever the last bit of the sum says


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """One finding when the calculator's value is below the SLO the scan runs against."""
    block = ctx.availability or {}
    value, slo = block.get("value"), ctx.slo
    if not isinstance(value, int | float) or slo is None or value + _SLACK >= slo:
        return
    anchor, lever = _anchor(ctx, block)
    if anchor is None:
        return
    yield Violation(anchor, message(float(value), slo, lever, _defaulted(block, lever)))


def message(value: float, slo: float, lever: str | None, defaulted: bool = False) -> str:
    """E.g. 99.9% against 99.95%: 43.2 min of downtime a month where 21.6 are allowed."""
    actual = (1 - value) * MINUTES_PER_MONTH
    allowed = (1 - slo) * MINUTES_PER_MONTH
    text = (
        f"composite availability {_percent(value)} is below the SLO {_percent(slo)}: "
        f"{_minutes(actual)} of expected downtime per 30-day month where {_minutes(allowed)} "
        f"are allowed, {_minutes(actual - allowed)} a month over"
    )
    if lever:
        text += f"; the biggest lever is {lever}"
        if defaulted:
            text += " (its figure is a catalogue default: set `availability` if you know better)"
    return text


def _defaulted(block: Mapping[str, Any], lever: str | None) -> bool:
    entries = [c for c in block.get("components") or [] if isinstance(c, Mapping)]
    return any(c.get("id") == lever and c.get("uses_default_figure") is True for c in entries)


def _anchor(ctx: CheckContext, block: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Where to report: the component whose repair gains most, else the first entry point."""
    ranked = [
        c
        for c in block.get("components") or []
        if isinstance(c, Mapping) and c.get("id") in ctx.arch.components
    ]
    ranked.sort(key=lambda c: (-float(c.get("importance") or 0.0), str(c["id"])))
    if ranked and float(ranked[0].get("importance") or 0.0) > 0:
        return str(ranked[0]["id"]), str(ranked[0]["id"])
    fallback = sorted(ctx.arch.entrypoints) or sorted(ctx.arch.components)
    return (fallback[0] if fallback else None), None


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.6f}".rstrip("0").rstrip(".") + "%"


def _minutes(minutes: float) -> str:
    if minutes < 1:
        return f"{minutes * 60:.0f} s"
    return f"{minutes:.1f} min"

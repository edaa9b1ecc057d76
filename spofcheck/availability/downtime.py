"""Availability as people read it: downtime per year, 30-day month and week, and nines."""

from __future__ import annotations

import math

from spofcheck.model.availability import (
    SECONDS_PER_MONTH,
    SECONDS_PER_WEEK,
    SECONDS_PER_YEAR,
    Downtime,
    Period,
    downtime,
    format_duration,
)

__all__ = [
    "SECONDS_PER_MONTH",
    "SECONDS_PER_WEEK",
    "SECONDS_PER_YEAR",
    "Downtime",
    "Period",
    "downtime",
    "format_duration",
    "format_percent",
    "format_points",
    "nines",
]


def nines(fraction: float) -> float | None:
    """-log10(1 - availability), two decimals (0.9995 -> 3.3); None for a perfect 1.0."""
    if fraction >= 1.0:
        return None
    return round(-math.log10(1.0 - fraction), 2)


def format_percent(fraction: float) -> str:
    """A percentage showing the first digits of the downtime, truncated, never rounded up:
    0.999896 is "99.989%", not "99.99%" (which would claim a nine it does not have)."""
    lost = (1.0 - fraction) * 100.0
    decimals = 2
    if 0 < lost < 1:
        decimals = min(10, math.floor(-math.log10(lost)) + 2)
    scale = 10**decimals
    # the small epsilon keeps 0.999 from truncating to 99.89 through binary rounding
    truncated = math.floor(fraction * 100.0 * scale + 1e-6) / scale
    return f"{truncated:.{decimals}f}".rstrip("0").rstrip(".") + "%"


def format_points(difference: float) -> str:
    """A difference of availabilities in percentage points, signed, three digits:
    0.0002133 -> "+0.0213 pp"."""
    points = abs(difference) * 100.0
    decimals = 2 if points == 0 else max(2, -math.floor(math.log10(points)) + 2)
    text = f"{points:.{min(decimals, 12)}f}".rstrip("0").rstrip(".")
    return f"{'-' if difference < 0 else '+'}{text} pp"

"""Availability as people read it: downtime per year, 30-day month and week, and nines."""

from __future__ import annotations

import math
from typing import Any

from spofcheck.model import Frozen

SECONDS_PER_YEAR = 365 * 86_400  # a 365-day year: 99.9% is 8.76 h
SECONDS_PER_MONTH = 30 * 86_400  # a 30-day month: 99.9% is 43.2 min
SECONDS_PER_WEEK = 7 * 86_400  # 99.9% is 10.08 min

_UNITS = ((86_400.0, "days"), (3_600.0, "h"), (60.0, "min"), (1.0, "s"))


class Period(Frozen):
    """Downtime over one period: exact seconds and a short human string."""

    seconds: float
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "text": self.text}


class Downtime(Frozen):
    """Expected downtime for an unavailability (1 - availability), per period."""

    unavailability: float
    year: Period
    month: Period
    week: Period

    @classmethod
    def of_unavailability(cls, unavailability: float) -> Downtime:
        """Downtime of a fraction of time lost; negative for a gain (used by `diff`)."""
        return cls(
            unavailability=unavailability,
            year=_period(unavailability * SECONDS_PER_YEAR),
            month=_period(unavailability * SECONDS_PER_MONTH),
            week=_period(unavailability * SECONDS_PER_WEEK),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year.to_json(),
            "month": self.month.to_json(),
            "week": self.week.to_json(),
        }


def downtime(fraction: float) -> Downtime:
    """Downtime of an availability given as a fraction (0.999 -> 8.76 h a year)."""
    return Downtime.of_unavailability(1.0 - fraction)


def _period(seconds: float) -> Period:
    return Period(seconds=seconds, text=format_duration(seconds))


def format_duration(seconds: float) -> str:
    """`31536` -> "8.76 h", `2592` -> "43.2 min"; at most two decimals; '-' for negatives."""
    size = abs(seconds)
    unit_seconds, unit = next(((s, u) for s, u in _UNITS if size >= s), _UNITS[-1])
    amount = f"{size / unit_seconds:.2f}".rstrip("0").rstrip(".")
    sign = "-" if seconds < 0 and amount != "0" else ""
    return f"{sign}{amount} {unit}"


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

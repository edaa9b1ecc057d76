"""What makes a diff fail: the severity of new findings and how much availability may drop."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import Field

from spofcheck.errors import ConfigError
from spofcheck.model import Frozen, Severity

MINUTES_PER_MONTH = 30 * 24 * 60  # a 30-day month, as everywhere in spofcheck


class DropUnit(StrEnum):
    POINTS = "points"  # percentage points of availability
    MINUTES = "minutes"  # minutes of expected downtime per 30-day month


class AvailabilityDrop(Frozen):
    """How much availability a change may lose: `0.01` (points) or `20min` (per month)."""

    amount: float = Field(ge=0)
    unit: DropUnit = DropUnit.POINTS

    def exceeded_by(self, delta: float) -> bool:
        """True when a change of `delta` (head - base, a fraction) loses more than allowed."""
        lost = -delta * (100 if self.unit is DropUnit.POINTS else MINUTES_PER_MONTH)
        return lost > self.amount + 1e-9

    def text(self) -> str:
        if self.unit is DropUnit.MINUTES:
            return f"{self.amount:g} min/month"
        return f"{self.amount:g} percentage points"


_DROP = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%|pp|min|m)?\s*$")


def parse_drop(text: str) -> AvailabilityDrop:
    """`0.05`, `0.05%` or `0.05pp`: percentage points; `20min` or `20m`: minutes per month."""
    match = _DROP.match(text)
    if match is None:
        raise ConfigError(
            f"invalid availability drop {text!r}: expected percentage points (0.05) or "
            "minutes per 30-day month (20min)",
            key="--max-availability-drop",
        )
    unit = DropUnit.MINUTES if match.group(2) in ("min", "m") else DropUnit.POINTS
    return AvailabilityDrop(amount=float(match.group(1)), unit=unit)


class DiffGate(Frozen):
    """When a diff fails: a new finding at or above `fail_on_new`, or a drop past `max_drop`."""

    fail_on_new: Severity = Severity.HIGH
    max_drop: AvailabilityDrop | None = None
    fail_on_incomplete: bool = False  # the working tree was not read in full

"""Compare two reports: new and fixed findings by fingerprint, and the availability change."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import Field

from spofcheck.errors import ConfigError
from spofcheck.model import Finding, Frozen, ParseError, Report, Severity

MINUTES_PER_MONTH = 30 * 24 * 60  # a 30-day month, as everywhere in spofcheck


class StackChange(Frozen):
    """One stack's availability before and after; None where it did not exist or is unknown."""

    path: str
    base: float | None = None
    head: float | None = None

    @property
    def delta(self) -> float | None:
        return None if self.base is None or self.head is None else self.head - self.base


class DiffResult(Frozen):
    """What a change does: findings it adds and removes, and availability before and after."""

    version: str
    base_ref: str
    new: list[Finding] = Field(default_factory=list)
    fixed: list[Finding] = Field(default_factory=list)
    unchanged: int = 0
    base_availability: float | None = None
    head_availability: float | None = None
    slo: float | None = None
    meets_slo: bool | None = None
    stacks: list[StackChange] = Field(default_factory=list)
    errors: list[ParseError] = Field(default_factory=list)
    base_errors: list[ParseError] = Field(default_factory=list)
    root: str = "."

    @property
    def delta(self) -> float | None:
        if self.base_availability is None or self.head_availability is None:
            return None
        return self.head_availability - self.base_availability


def compare(base: Report, head: Report, *, base_ref: str) -> DiffResult:
    """Findings match by fingerprint; suppressed findings count as neither new nor fixed."""
    before = {f.fingerprint: f for f in base.active_findings}
    after = {f.fingerprint: f for f in head.active_findings}
    block = head.availability or {}
    return DiffResult(
        version=head.version,
        base_ref=base_ref,
        new=sorted((f for k, f in after.items() if k not in before), key=Finding.sort_key),
        fixed=sorted((f for k, f in before.items() if k not in after), key=Finding.sort_key),
        unchanged=len(after.keys() & before.keys()),
        base_availability=_value(base.availability),
        head_availability=_value(head.availability),
        slo=block.get("slo"),
        meets_slo=block.get("meets_slo"),
        stacks=_stack_changes(base, head),
        errors=list(head.errors),
        base_errors=list(base.errors),
        root=head.root,
    )


def _value(block: dict[str, Any] | None) -> float | None:
    value = (block or {}).get("value")
    return float(value) if value is not None else None


def _stack_changes(base: Report, head: Report) -> list[StackChange]:
    before = {str(s.get("path")): _value(s.get("availability")) for s in base.stacks}
    after = {str(s.get("path")): _value(s.get("availability")) for s in head.stacks}
    return [
        StackChange(path=path, base=before.get(path), head=after.get(path))
        for path in sorted(before.keys() | after.keys())
    ]


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


def diff_exit_code(
    result: DiffResult, *, fail_on_new: Severity, max_drop: AvailabilityDrop | None
) -> int:
    """2 when the working tree cannot be read; 1 when a gate trips; else 0."""
    if result.errors:
        return 2
    if any(f.severity.rank >= fail_on_new.rank for f in result.new):
        return 1
    return 1 if max_drop is not None and dropped_too_far(result, max_drop) else 0


def dropped_too_far(result: DiffResult, max_drop: AvailabilityDrop) -> bool:
    """Any stack, or the overall (weakest-stack) figure, lost more than allowed."""
    deltas = [s.delta for s in result.stacks] + [result.delta]
    return any(d is not None and max_drop.exceeded_by(d) for d in deltas)

"""What a diagram says about components: finding marks and availability figures."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from spofcheck.graph.coverage import coverage_of
from spofcheck.model import Architecture, Finding, Severity
from spofcheck.report.coverage import coverage_lines

# Red means what the legend says: a single point of failure (the rule that proves one).
# Every other finding, however severe, is amber; the node lists its rule ids.
SPOF_RULES = frozenset({"HA001"})
# what-if drawings (recovery/shade.py): red for a component whose own capacity is lost
DOWN = "DOWN"
LEVERS = 3  # how many of the most important components are called out
LEVER_SHARE = 0.1  # ... if their gain is at least this share of the best one


class Mark(StrEnum):
    """How a node is coloured: red for a single point of failure (HA001), amber for any
    other finding."""

    NONE = "none"
    WARNING = "warning"
    SPOF = "spof"


@dataclass(frozen=True)
class Annotations:
    """Findings and availability, keyed by component id; every field may be empty."""

    marks: Mapping[str, Mark] = field(default_factory=dict)
    rules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unplaced_rules: tuple[str, ...] = ()  # findings on no drawn component (e.g. the SLO)
    value: float | None = None
    slo: float | None = None
    meets_slo: bool | None = None
    availability: Mapping[str, float] = field(default_factory=dict)
    levers: Mapping[str, tuple[int, float]] = field(default_factory=dict)  # rank, gain
    # `whatif -o`: the failures forced (`region:us-east-1`), and the value without them;
    # marks then mean DOWN (own capacity lost) and DEP (a dependency down), not findings
    scenario: str | None = None
    baseline: float | None = None
    complete: bool = True  # False: the value is an upper bound over what was read
    gaps: tuple[str, ...] = ()  # what was not read, one sentence per kind (report/coverage.py)

    def flagged(self) -> set[str]:
        return {cid for cid, mark in self.marks.items() if mark is not Mark.NONE}


def annotate(
    arch: Architecture, findings: Sequence[Finding], availability: Mapping[str, Any] | None
) -> Annotations:
    """Fold findings and the calculator's block (any part of it may be missing) together."""
    marks, rules, unplaced = _marks(arch, findings)
    block = availability or {}
    value = _fraction(block.get("value"))
    slo = _fraction(block.get("slo")) or arch.slo
    meets = block.get("meets_slo")
    if not isinstance(meets, bool):
        meets = None if value is None or slo is None else value >= slo
    per_component, gains = _components(block.get("components"))
    return Annotations(
        marks=marks,
        rules=rules,
        unplaced_rules=unplaced,
        value=value,
        slo=slo,
        meets_slo=meets,
        availability=per_component,
        levers=_levers(gains),
        complete=block.get("complete") is not False,
        gaps=tuple(coverage_lines(coverage_of(arch))),
    )


def _marks(
    arch: Architecture, findings: Sequence[Finding]
) -> tuple[dict[str, Mark], dict[str, tuple[str, ...]], tuple[str, ...]]:
    marks: dict[str, Mark] = {}
    rules: dict[str, set[str]] = {}
    unplaced: set[str] = set()
    for finding in findings:
        if finding.suppressed or finding.severity is Severity.INFO:
            continue
        if finding.component not in arch.components:
            unplaced.add(finding.rule_id)
            continue
        rules.setdefault(finding.component, set()).add(finding.rule_id)
        red = finding.rule_id in SPOF_RULES or finding.rule_id == DOWN
        mark = Mark.SPOF if red else Mark.WARNING
        if marks.get(finding.component) is not Mark.SPOF:
            marks[finding.component] = mark
    ordered = {cid: tuple(sorted(ids)) for cid, ids in sorted(rules.items())}
    return dict(sorted(marks.items())), ordered, tuple(sorted(unplaced))


def _components(raw: Any) -> tuple[dict[str, float], dict[str, float]]:
    figures: dict[str, float] = {}
    gains: dict[str, float] = {}
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
            continue
        if (figure := _fraction(entry.get("availability"))) is not None:
            figures[entry["id"]] = figure
        if (gain := _fraction(entry.get("importance"))) is not None and gain > 0:
            gains[entry["id"]] = gain
    return figures, gains


def _levers(gains: Mapping[str, float]) -> dict[str, tuple[int, float]]:
    """The few components worth fixing first; a tenth of the best gain is not a lever."""
    ranked = sorted(gains.items(), key=lambda item: (-item[1], item[0]))[:LEVERS]
    best = ranked[0][1] if ranked else 0.0
    return {
        cid: (rank, gain)
        for rank, (cid, gain) in enumerate(ranked, start=1)
        if gain >= best * LEVER_SHARE
    }


def _fraction(raw: Any) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None
    value = float(raw)
    return value if math.isfinite(value) and 0.0 <= value <= 1.0 else None

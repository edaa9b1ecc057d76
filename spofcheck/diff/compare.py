"""Compare two reports: new and fixed findings by fingerprint, and the availability change."""

from __future__ import annotations

from pydantic import Field

from spofcheck.api.gate import exit_code, incomplete_reason, input_reasons, verdict
from spofcheck.diff.gate import AvailabilityDrop, DiffGate
from spofcheck.model import (
    AvailabilityResult,
    Coverage,
    Finding,
    Frozen,
    Gate,
    GateReason,
    GateReasonKind,
    ParseError,
    Report,
)


class StackChange(Frozen):
    """One stack's availability before and after; None where it did not exist or is unknown."""

    path: str
    base: float | None = None
    head: float | None = None
    # False: that side's figure is an upper bound (part of its design was not read)
    base_complete: bool = True
    head_complete: bool = True

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
    # Of `unchanged`, findings paired by a former component id (engine/former.py).
    renamed: int = 0
    base_availability: float | None = None
    head_availability: float | None = None
    slo: float | None = None
    meets_slo: bool | None = None
    stacks: list[StackChange] = Field(default_factory=list)
    # As scan reports them: False when that side's figure is an upper bound; `coverage`
    # is what the working tree's scan could not read.
    base_complete: bool = True
    head_complete: bool = True
    coverage: Coverage = Field(default_factory=Coverage)
    errors: list[ParseError] = Field(default_factory=list)
    base_errors: list[ParseError] = Field(default_factory=list)
    root: str = "."
    gate: DiffGate = Field(default_factory=DiffGate)
    # The verdict under `gate`, with a reason per failure (api/gate.py decides the exit).
    verdict: Gate = Field(default_factory=Gate)

    @property
    def delta(self) -> float | None:
        if self.base_availability is None or self.head_availability is None:
            return None
        return self.head_availability - self.base_availability


def compare(
    base: Report, head: Report, *, base_ref: str, gate: DiffGate | None = None
) -> DiffResult:
    """Findings match by fingerprint, else by a former id's (engine/former.py: a change
    that splits a resource into instances, or folds it back, renames its findings without
    adding any); suppressed findings count as neither new nor fixed."""
    matches = _Matches(base.active_findings, head.active_findings)
    result = DiffResult(
        version=head.version,
        base_ref=base_ref,
        new=sorted(matches.new, key=Finding.sort_key),
        fixed=sorted(matches.fixed, key=Finding.sort_key),
        unchanged=matches.unchanged,
        renamed=matches.renamed,
        base_availability=_value(base.availability),
        head_availability=_value(head.availability),
        slo=head.availability.slo if head.availability is not None else None,
        meets_slo=head.availability.meets_slo if head.availability is not None else None,
        stacks=_stack_changes(base, head),
        base_complete=_complete(base.availability),
        head_complete=_complete(head.availability),
        coverage=head.coverage,
        errors=list(head.errors),
        base_errors=list(base.errors),
        root=head.root,
        gate=gate or DiffGate(),
    )
    return result.model_copy(update={"verdict": diff_gate(result)})


class _Matches:
    """Base and head findings paired by fingerprint, then by former fingerprints."""

    def __init__(self, base: list[Finding], head: list[Finding]) -> None:
        before = {f.fingerprint: f for f in base}
        after = {f.fingerprint: f for f in head}
        exact = before.keys() & after.keys()
        # A base finding's former fingerprint -> that finding's own fingerprint.
        formerly: dict[str, set[str]] = {}
        for fp, f in before.items():
            for former in f.former_fingerprints:
                formerly.setdefault(former, set()).add(fp)
        matched: set[str] = set()  # base fingerprints paired by a former id
        self.new: list[Finding] = []
        self.renamed = 0
        for fp, f in after.items():
            if fp in exact:
                continue
            # Either the base had `f`'s former id, or `f` has the base's former id.
            hits = {h for h in f.former_fingerprints if h in before} | formerly.get(fp, set())
            hits -= exact
            if hits:
                matched |= hits
                self.renamed += 1
            else:
                self.new.append(f)
        self.fixed = [f for fp, f in before.items() if fp not in exact and fp not in matched]
        self.unchanged = len(exact) + self.renamed


def _value(result: AvailabilityResult | None) -> float | None:
    """The conservative value: a bounded figure gates on its lower end."""
    return result.conservative if result is not None else None


def _complete(result: AvailabilityResult | None) -> bool:
    return result is None or result.complete


def _stack_changes(base: Report, head: Report) -> list[StackChange]:
    before = {s.path: s.availability for s in base.stacks}
    after = {s.path: s.availability for s in head.stacks}
    return [
        StackChange(
            path=path,
            base=_value(before.get(path)),
            head=_value(after.get(path)),
            base_complete=_complete(before.get(path)),
            head_complete=_complete(after.get(path)),
        )
        for path in sorted(before.keys() | after.keys())
    ]


def diff_gate(result: DiffResult) -> Gate:
    """Unreadable working tree, new findings at or above `fail_on_new`, a drop too far."""
    gate = result.gate
    reasons = [*input_reasons(len(result.errors))]
    new = [f for f in result.new if f.severity.rank >= gate.fail_on_new.rank]
    if new:
        noun = "new finding" if len(new) == 1 else "new findings"
        reasons.append(
            GateReason(
                kind=GateReasonKind.NEW_FINDINGS,
                message=f"{len(new)} {noun} at or above {gate.fail_on_new.value}",
            )
        )
    if gate.max_drop is not None and dropped_too_far(result, gate.max_drop):
        reasons.append(
            GateReason(
                kind=GateReasonKind.AVAILABILITY_DROP,
                message=f"availability dropped by more than {gate.max_drop.text()}",
            )
        )
    if gate.fail_on_incomplete:
        partial = [s.path for s in result.stacks if not s.head_complete]
        reasons.extend(r for r in [incomplete_reason(result.coverage, partial)] if r)
    return verdict(reasons)


def diff_exit_code(result: DiffResult) -> int:
    """The exit code of `result.verdict` (kept for callers of the old name)."""
    return int(exit_code(result.verdict))


def dropped_too_far(result: DiffResult, max_drop: AvailabilityDrop) -> bool:
    """Any stack, or the overall (weakest-stack) figure, lost more than allowed."""
    deltas = [s.delta for s in result.stacks] + [result.delta]
    return any(d is not None and max_drop.exceeded_by(d) for d in deltas)

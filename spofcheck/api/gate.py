"""The one place that decides a verdict and its exit code, for every command.

`scan_gate` and `diff_gate` turn a typed result into a `Gate` (passed, and a reason per
failure); `exit_code` turns a `Gate` into the process's exit code. Availability gates
decide on the conservative end of the figure (the lower bound when only bounds are
known), and a target that cannot be evaluated fails: it never passes silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spofcheck.availability.downtime import format_percent as percent
from spofcheck.errors import ExitCode
from spofcheck.model import (
    AvailabilityResult,
    Coverage,
    Gate,
    GateReason,
    GateReasonKind,
    Report,
    Severity,
)
from spofcheck.model.availability import TOLERANCE


@dataclass(frozen=True)
class GatePolicy:
    """What makes a scan fail; percentages are fractions here."""

    fail_on: Severity = Severity.HIGH
    slo: float | None = None  # asked for by the command line or config
    min_availability: float | None = None
    fail_on_incomplete: bool = False
    check_findings: bool = True  # False for `availability`, which runs no rules


def exit_code(gate: Gate, *, soft_fail: bool = False) -> ExitCode:
    """2 when input could not be read; 1 when the gate failed (0 with `soft_fail`); else 0."""
    if any(r.kind is GateReasonKind.INPUT_ERRORS for r in gate.reasons):
        return ExitCode.USAGE
    if gate.passed or soft_fail:
        return ExitCode.OK
    return ExitCode.FINDINGS


def verdict(reasons: list[GateReason]) -> Gate:
    return Gate(passed=not reasons, reasons=reasons)


def scan_gate(report: Report, policy: GatePolicy) -> Gate:
    """Every reason `report` fails `policy`, in a fixed order."""
    reasons = [*input_reasons(len(report.errors))]
    if policy.check_findings:
        reasons.extend(_findings(report, policy.fail_on))
    reasons.extend(_availability(report, policy))
    if policy.fail_on_incomplete:
        reasons.extend(_coverage(report))
    return verdict(reasons)


def input_reasons(errors: int) -> Iterator[GateReason]:
    if errors:
        noun = "input error" if errors == 1 else "input errors"
        yield GateReason(
            kind=GateReasonKind.INPUT_ERRORS,
            message=f"{errors} {noun}: what could be read was analyzed",
        )


def _findings(report: Report, fail_on: Severity) -> Iterator[GateReason]:
    hits = [f for f in report.active_findings if f.severity.rank >= fail_on.rank]
    if hits:
        noun = "finding" if len(hits) == 1 else "findings"
        yield GateReason(
            kind=GateReasonKind.FINDINGS,
            message=f"{len(hits)} {noun} at or above {fail_on.value}",
        )


def _results(report: Report) -> list[tuple[str, AvailabilityResult | None]]:
    """Each stack's availability; a report without stacks gates on its one block."""
    if report.stacks:
        return [(s.path, s.availability) for s in report.stacks if s.components]
    return [(".", report.availability)] if report.availability is not None else []


def _availability(report: Report, policy: GatePolicy) -> Iterator[GateReason]:
    results = _results(report)
    wanted = policy.slo is not None or policy.min_availability is not None
    if wanted and not results:
        yield _not_computed(".", None, policy)
    for stack, result in results:
        yield from _stack_availability(stack, result, policy)


def _stack_availability(
    stack: str, result: AvailabilityResult | None, policy: GatePolicy
) -> Iterator[GateReason]:
    value = result.conservative if result is not None else None
    slo = result.slo if result is not None and result.slo is not None else policy.slo
    if value is None:
        if slo is not None or policy.min_availability is not None:
            yield _not_computed(stack, result, policy)
        return
    if slo is not None and value + TOLERANCE < slo:
        yield GateReason(
            kind=GateReasonKind.SLO,
            message=f"{stack}: availability{_label(result)} {percent(value)} misses the SLO "
            f"{percent(slo)}",
        )
    floor = policy.min_availability
    if floor is not None and value + TOLERANCE < floor:
        yield GateReason(
            kind=GateReasonKind.MIN_AVAILABILITY,
            message=f"{stack}: availability{_label(result)} {percent(value)} is below the floor "
            f"{percent(floor)}",
        )


def _label(result: AvailabilityResult | None) -> str:
    label = result.basis_label if result is not None else ""
    return f" ({label})" if label else ""


def _not_computed(stack: str, result: AvailabilityResult | None, policy: GatePolicy) -> GateReason:
    targets = [
        f"{name} {percent(v)}"
        for name, v in (("SLO", policy.slo), ("floor", policy.min_availability))
        if v is not None
    ]
    target = " and ".join(targets) or "SLO"
    why = result.reason if result is not None and result.reason else "availability not computed"
    return GateReason(
        kind=GateReasonKind.NOT_COMPUTED,
        message=f"{stack}: cannot evaluate the {target}: {why}",
    )


def _coverage(report: Report) -> Iterator[GateReason]:
    partial = [s.path for s in report.stacks if s.availability and not s.availability.complete]
    reason = incomplete_reason(report.coverage, partial)
    if reason is not None:
        yield reason


def incomplete_reason(coverage: Coverage, partial: list[str]) -> GateReason | None:
    """The `--fail-on-incomplete` reason over `coverage` and the stacks whose availability
    is an upper bound (`partial`); None when everything was read."""
    if coverage.complete and not partial:
        return None
    parts = [
        (len(coverage.opaque_modules), "unread module"),
        (len(coverage.unsupported_resources), "unsupported resource type"),
        (len(coverage.unknown_values), "unresolved value"),
        (len(partial), "stack analyzed in part"),
    ]
    text = ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in parts if n)
    return GateReason(
        kind=GateReasonKind.INCOMPLETE_COVERAGE,
        message=f"incomplete coverage ({text}) and --fail-on-incomplete is set",
    )

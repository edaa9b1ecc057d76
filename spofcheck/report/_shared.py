"""Helpers the formatters share: paths, severity order, the one percentage spelling, the
verdict (gate), the applied settings and the coverage line."""

from __future__ import annotations

from spofcheck.availability.downtime import format_percent
from spofcheck.model import (
    AvailabilityResult,
    Finding,
    Gate,
    GateReason,
    GateReasonKind,
    Method,
    Report,
    Severity,
)
from spofcheck.paths import relative_file

INFORMATION_URI = "https://github.com/spofcheck/spofcheck"
_NOT_EXACT = {Method.BOUNDS: "bounded", Method.SAMPLED: "sampled"}


def finding_file(finding: Finding, report: Report) -> str | None:
    return relative_file(finding.file, report.root) if finding.file else None


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then the report's own (path, line, rule, component) order."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key()))


def severity_counts(findings: list[Finding]) -> list[tuple[Severity, int]]:
    counts = [(s, sum(1 for f in findings if f.severity is s)) for s in Severity]
    return [(s, n) for s, n in counts if n]


def percent(fraction: float, digits: int | None = None) -> str:
    """The one spelling of an availability (`format_percent`: truncated, never rounded up
    into a nine); `digits` fixes the decimals, still truncated (for side-by-side values)."""
    if digits is None:
        return format_percent(fraction)
    scale = 10**digits
    truncated = int(fraction * 100 * scale + 1e-6) / scale
    return f"{truncated:.{digits}f}%"


def availability_text(result: AvailabilityResult) -> str:
    """`99.98%`, `≥ 99.93% (bounded: <why>)` or `not computed: <why>`: what is known."""
    low = result.conservative
    if low is None:
        return f"not computed: {result.reason}" if result.reason else "not computed"
    label = f" ({result.basis_label})" if result.basis_label else ""
    if result.method in _NOT_EXACT or result.value is None:
        why = result.reason or "exact would exceed the budget"
        return f"≥ {percent(low)}{label} ({_NOT_EXACT.get(result.method, 'bounded')}: {why})"
    # an upper bound over what was read when part of the design was not
    from spofcheck.report.coverage import bound_note, bound_prefix  # it imports this module

    return f"{bound_prefix(result)}{percent(result.value)}{label}{bound_note(result)}"


def month_downtime(result: AvailabilityResult) -> str | None:
    """The downtime per 30-day month as text, when known."""
    return result.downtime.month.text if result.downtime is not None else None


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counted_findings(report: Report) -> str:
    """`3 findings (1 high, 2 medium)`: active findings and their severities."""
    findings = report.active_findings
    counts = ", ".join(f"{n} {s.value}" for s, n in severity_counts(findings))
    head = plural(len(findings), "finding")
    return f"{head} ({counts})" if counts else head


def also_counted(report: Report) -> list[str]:
    """What the summary line adds after the findings: suppressed, baselined, input errors."""
    parts = []
    if report.suppressed_findings:
        parts.append(f"{len(report.suppressed_findings)} suppressed")
    if report.baselined:
        parts.append(f"{report.baselined} baselined")
    if report.errors:
        parts.append(plural(len(report.errors), "input error"))
    return parts


def gating(report: Report) -> list[Finding]:
    """Active findings at or above `fail_on`: the findings that fail the gate."""
    return [f for f in report.active_findings if f.severity.rank >= report.fail_on.rank]


def gate(report: Report) -> Gate:
    """The report's gate; for a report built without one (it then says "passed" with no
    reasons), the verdict its own findings, errors and SLO imply (worded as api/gate.py
    words them), so no format shows a green mark on a failing report."""
    if not report.gate.passed:
        return report.gate
    reasons = []
    if report.errors:
        reasons.append(
            GateReason(
                kind=GateReasonKind.INPUT_ERRORS,
                message=f"{plural(len(report.errors), 'input error')}: what could be read "
                "was analyzed",
            )
        )
    if failing := gating(report):
        reasons.append(
            GateReason(
                kind=GateReasonKind.FINDINGS,
                message=f"{plural(len(failing), 'finding')} at or above {report.fail_on.value}",
            )
        )
    result = report.availability
    if result is not None and result.meets_slo is False and result.slo is not None:
        reasons.append(
            GateReason(
                kind=GateReasonKind.SLO,
                message=f"availability {availability_text(result)} misses the SLO "
                f"{percent(result.slo)}",
            )
        )
    return Gate(passed=not reasons, reasons=reasons) if reasons else report.gate


def failing(report: Report) -> bool:
    """What exit code 1 or 2 says: the gate failed."""
    return not gate(report).passed


def settings_line(report: Report) -> str | None:
    """`config .spofcheck.yaml · disabled HA003 · HA004 low`: what shaped this report."""
    s = report.settings
    parts = []
    if s.config_file:
        parts.append(f"config {s.config_file}")
    if s.disabled:
        parts.append("disabled " + ", ".join(sorted(s.disabled)))
    if s.severity:
        changed = ", ".join(f"{rule} {sev.value}" for rule, sev in sorted(s.severity.items()))
        parts.append(f"severity changed: {changed}")
    return " · ".join(parts) if parts else None


def headline(f: Finding) -> str:
    """The message naming its component, for places that show the message alone."""
    if f.message.startswith(f.component):
        return f.message
    return f"{f.component}: {f.message}"

"""Helpers the CI formatters share: relative paths, severity order, percentages."""

from __future__ import annotations

from spofcheck.model import AvailabilityResult, Finding, Report, Severity
from spofcheck.paths import relative_file

INFORMATION_URI = "https://github.com/spofcheck/spofcheck"


def finding_file(finding: Finding, report: Report) -> str | None:
    return relative_file(finding.file, report.root) if finding.file else None


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then the report's own (path, line, rule, component) order."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key()))


def severity_counts(findings: list[Finding]) -> list[tuple[Severity, int]]:
    counts = [(s, sum(1 for f in findings if f.severity is s)) for s in Severity]
    return [(s, n) for s, n in counts if n]


def percent(fraction: float, digits: int | None = None) -> str:
    """99.95% style: trailing zeros dropped unless `digits` fixes the precision."""
    if digits is not None:
        return f"{fraction * 100:.{digits}f}%"
    text = f"{fraction * 100:.6f}".rstrip("0").rstrip(".")
    return f"{text}%"


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


def failing(report: Report) -> bool:
    """What exit code 1 or 2 would say: input errors, findings at fail_on, a missed SLO."""
    findings = report.active_findings
    if report.errors or any(f.severity.rank >= report.fail_on.rank for f in findings):
        return True
    return report.availability is not None and report.availability.meets_slo is False


def headline(f: Finding) -> str:
    """The message naming its component, for places that show the message alone."""
    if f.message.startswith(f.component):
        return f.message
    return f"{f.component}: {f.message}"

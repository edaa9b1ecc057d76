"""Coverage in every format: one JSON block, one sentence, one availability qualifier."""

from __future__ import annotations

from typing import Any

from spofcheck.model import AvailabilityResult, Coverage
from spofcheck.report._shared import plural
from spofcheck.report.escape import text_field

_MAX_NAMED = 5
# Reasons starting so mean "nothing tried to read it" (module.py, terragrunt/unit.py):
# the hint says how to read them; other reasons (a failed download) are shown as they are.
NOT_INSTALLED = ("not installed", "remote Terragrunt source not downloaded")
_MODULE_HINT = "run `terraform init`, or `--download-modules`"


def coverage_json(cov: Coverage) -> dict[str, Any]:
    """The `coverage` block of `scan --format json` (docs/json-output.md)."""
    return {
        "complete": cov.complete,
        "opaque_modules": [m.model_dump() for m in cov.opaque_modules],
        "unsupported_resources": [u.model_dump() for u in cov.unsupported_resources],
        "unknown_values": [u.model_dump() for u in cov.unknown_values],
        "uncalled_modules": [m.model_dump() for m in cov.uncalled_modules],
    }


def coverage_lines(cov: Coverage) -> list[str]:
    """One sentence per kind of gap; empty when the scan read everything it needed."""
    lines = []
    missing = [m for m in cov.opaque_modules if m.reason.startswith(NOT_INSTALLED)]
    failed = [m for m in cov.opaque_modules if not m.reason.startswith(NOT_INSTALLED)]
    if missing:
        names = _named([m.address for m in missing])
        lines.append(f"{plural(len(missing), 'module')} not read: {names} — {_MODULE_HINT}")
    if failed:
        names = _named([f"{m.address} ({_short(m.reason)})" for m in failed])
        lines.append(f"{plural(len(failed), 'module')} not read: {names}")
    if cov.unsupported_resources:
        types = _named([f"{u.type} ×{u.count}" for u in cov.unsupported_resources])
        count = plural(len(cov.unsupported_resources), "resource type")
        lines.append(f"{count} without an adapter (modelled as unknown): {types}")
    if cov.unknown_values:
        values = _named([f"{u.component}.{u.attribute}" for u in cov.unknown_values])
        n = len(cov.unknown_values)
        verb = "is" if n == 1 else "are"
        lines.append(f"{plural(n, 'value')} the rules need {verb} unknown: {values}")
    return lines


def coverage_text(cov: Coverage) -> str:
    """The `coverage: …` lines every text output starts with, then a blank line; empty
    when the scan read everything it needed."""
    lines = coverage_line_texts(cov)
    return "\n".join([*lines, "", ""]) if lines else ""


def coverage_line_texts(cov: Coverage) -> list[str]:
    """`coverage: …`, one line per kind of gap, escaped for a terminal."""
    return [f"coverage: {text_field(gap, 2_000)}" for gap in coverage_lines(cov)]


def coverage_summary(cov: Coverage) -> str | None:
    """`coverage incomplete: …` in one line, or None when complete."""
    lines = coverage_lines(cov)
    return "coverage incomplete: " + "; ".join(lines) if lines else None


def coverage_markdown(cov: Coverage) -> list[str]:
    """A quoted warning under the availability line, one line per kind of gap."""
    lines = coverage_lines(cov)
    if not lines:
        return []
    body = [f"> ⚠️ coverage incomplete: {_escape(line)}" for line in lines]
    return ["", *(line + "  " for line in body[:-1]), body[-1]]


def coverage_notifications(cov: Coverage) -> list[dict[str, Any]]:
    """SARIF run-level notifications (`invocations[0].toolExecutionNotifications`)."""
    return [
        {
            "level": "warning",
            "message": {"text": f"coverage incomplete: {line}"},
            "descriptor": {"id": "coverage-incomplete"},
        }
        for line in coverage_lines(cov)
    ]


def slo_verdict(
    meets: bool | None, complete: bool, *, missed: str = "NOT met", unknown: str = "unknown"
) -> str:
    """`met`, `NOT met` or `unknown`; an upper bound that meets the SLO is `met over what
    was read` (an unread part can only lower the figure), one that misses it a miss."""
    if meets is None:
        return unknown
    if not meets:
        return missed
    return "met" if complete else "met over what was read"


def bound_prefix(result: AvailabilityResult) -> str:
    """ "≤ " before a value that is only an upper bound over what was read."""
    return "" if result.complete else "≤ "


def bound_note(result: AvailabilityResult) -> str:
    """Words after the value saying why it is an upper bound (empty when complete)."""
    return (
        "" if result.complete else " (upper bound: part of the design was not read or is unknown)"
    )


def _short(reason: str, limit: int = 120) -> str:
    text = reason.removeprefix("download failed: ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def _named(items: list[str]) -> str:
    shown = ", ".join(items[:_MAX_NAMED])
    more = len(items) - _MAX_NAMED
    return shown + (f" and {more} more" if more > 0 else "")

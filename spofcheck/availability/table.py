"""`spofcheck availability` over several stacks: one table row per stack, then its notes."""

from __future__ import annotations

from collections.abc import Sequence

from spofcheck.availability.downtime import format_percent
from spofcheck.availability.result import AvailabilityResult, Method
from spofcheck.model.availability import Basis
from spofcheck.report.coverage import slo_verdict
from spofcheck.report.escape import one_line, text_field

_HEADER = ("stack", "method", "basis", "availability", "SLO", "verdict")
_BASIS = {  # what the figure is the availability of (docs/availability.md, section 6)
    Basis.ENTRYPOINTS: "entry points",
    Basis.EACH_ENTRYPOINT: "weakest entry",
    Basis.SERVING: "serving",
}
_NONE = "—"


def render_table(stacks: Sequence[tuple[str, AvailabilityResult]]) -> str:
    """Rows sorted by stack path, columns aligned; the notes of each stack below."""
    ordered = sorted(stacks, key=lambda s: s[0])
    rows = [_row(path, result) for path, result in ordered]
    widths = [max(len(r[i]) for r in [_HEADER, *rows]) for i in range(len(_HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [_HEADER, *rows]]  # fmt: skip
    for path, result in ordered:
        notes = _notes(result)
        if notes:
            lines += ["", f"{_path(path)}:", *(f"  - {text_field(n)}" for n in notes)]
    return "\n".join(lines) + "\n"


def _path(path: str) -> str:
    return text_field(one_line(path, 80))


def _row(path: str, result: AvailabilityResult) -> tuple[str, ...]:
    slo = format_percent(result.slo) if result.slo is not None else _NONE
    basis = _BASIS[result.basis] if result.value is not None else _NONE
    return (_path(path), result.method.value, basis, _figure(result), slo, _verdict(result))


def _figure(result: AvailabilityResult) -> str:
    """`99.98%`, `≤ 99.98%` (part not read), `99.93% to 99.97%` (bounds), or `—`."""
    if result.value is None and result.lower is None:
        return _NONE
    if result.method is not Method.EXACT and result.lower is not None:
        upper = format_percent(result.upper) if result.upper is not None else "?"
        return f"{format_percent(result.lower)} to {upper}"
    assert result.value is not None
    return ("" if result.complete else "≤ ") + format_percent(result.value)


def _verdict(result: AvailabilityResult) -> str:
    if result.slo is None:
        return _NONE
    return slo_verdict(result.meets_slo, result.complete)


def _notes(result: AvailabilityResult) -> list[str]:
    """Why the figure is not exact or not computed, whether all was read, then the notes."""
    out = []
    said = result.reason is not None and any(result.reason in n for n in result.notes)
    if result.method is not Method.EXACT and not said:
        out.append(f"{result.method.value}: {result.reason or 'no reason given'}")
    if not result.complete:
        out.append("upper bound: part of the design was not read or is unknown")
    return out + list(result.notes)

"""`spofcheck availability --format text`: the value, the SLO margin and the levers, for people."""

from __future__ import annotations

from spofcheck.availability.downtime import Downtime, format_percent, format_points
from spofcheck.availability.result import AvailabilityResult, ComponentAvailability, Method
from spofcheck.availability.sla import DEFAULT_PREFIX
from spofcheck.model.availability import BASIS_TEXT, Basis, EntryAvailability
from spofcheck.report._shared import availability_text
from spofcheck.report.coverage import slo_verdict
from spofcheck.report.escape import text_field

_MONTH = Downtime.of_unavailability
VISIBLE = 1e-10  # gains below this (3 ms a year) are rounding noise, not levers


def render_text(result: AvailabilityResult, *, top: int = 5) -> str:
    """The availability report as plain text (no colour); ends with a newline."""
    lines = _headline(result) + _basis(result)
    if result.value is not None:
        lines += _entries(result) + _fixes(result, top) + _domains(result, top) + _defaults(result)
    if result.notes:
        lines += ["", "Notes:", *(f"  - {text_field(n)}" for n in result.notes)]
    return "\n".join(lines) + "\n"


def _headline(result: AvailabilityResult) -> list[str]:
    if result.value is None or result.method is not Method.EXACT:
        lines = [f"Availability: {availability_text(result)}"]
        if result.slo is not None:
            lines.append(f"SLO:          {format_percent(result.slo)}{_verdict(result)}")
        return lines
    nines = f"{result.nines:g} nines, " if result.nines is not None else ""
    bound = "" if result.complete else "≤ "
    method = result.method.value + ("" if result.complete else ", upper bound")
    lines = [f"Availability: {bound}{format_percent(result.value)} ({nines}{method})"]
    if result.slo is not None and result.margin is not None:
        verdict = slo_verdict(result.meets_slo, result.complete)
        budget = _MONTH(abs(result.margin)).month.text
        slack = "to spare" if result.margin >= 0 else "over the error budget"
        lines.append(
            f"SLO:          {format_percent(result.slo)}, {verdict}: margin "
            f"{format_points(result.margin)} ({budget} per 30-day month {slack})"
        )
    if result.downtime is not None:
        d = result.downtime
        lines.append(
            f"Downtime:     {d.year.text} per year, {d.month.text} per 30-day month, "
            f"{d.week.text} per week"
        )
    return lines


def _basis(result: AvailabilityResult) -> list[str]:
    """What the figure is the availability of, unless it is the plain "every entry point"."""
    if result.basis is Basis.ENTRYPOINTS and not result.entrypoints:
        return []
    return [f"Basis:        {BASIS_TEXT[result.basis]}"]


def _entries(result: AvailabilityResult) -> list[str]:
    if not result.entrypoints:
        return []
    what = "Serving components" if result.basis is Basis.SERVING else "Entry points"
    width = max(len(e.id) for e in result.entrypoints)
    lines = ["", f"{what}, each on its own (it and what it needs up):"]
    for e in result.entrypoints:
        lines.append(f"  {text_field(e.id):<{width}}  {entry_figure(e)}")
    return lines


def entry_figure(entry: EntryAvailability) -> str:
    """`99.98%`, `99.93% to 99.97%` (bounds) or `not computed`."""
    if entry.method is not Method.EXACT and entry.lower is not None:
        upper = format_percent(entry.upper) if entry.upper is not None else "?"
        return f"{format_percent(entry.lower)} to {upper}"
    return format_percent(entry.value) if entry.value is not None else "not computed"


def _verdict(result: AvailabilityResult) -> str:
    """A bounded value is judged on its conservative end; an unknown one not at all."""
    if result.meets_slo is None:
        return ""
    return ", " + slo_verdict(result.meets_slo, result.complete) + " (judged on the lower end)"


def _fixes(result: AvailabilityResult, top: int) -> list[str]:
    levers = [c for c in result.components if c.importance > VISIBLE][:top]
    if not levers:
        return ["", "Top fixes: none (no component's failure changes the value)"]
    width = max(len(c.id) for c in levers)
    lines = ["", "Top fixes (availability gained if the component never failed):"]
    for rank, c in enumerate(levers, 1):
        lines.append(f"  {rank}. {text_field(c.id):<{width}}  {_gain(c.importance)}  {_own(c)}")
    return lines


def _domains(result: AvailabilityResult, top: int) -> list[str]:
    shown = [d for d in result.domains if d.importance > VISIBLE][:top]
    if not shown:
        return []
    width = max(len(d.id) for d in shown)
    lines = ["", "Failure domains (gained if the zone or region never failed):"]
    for d in shown:
        lines.append(
            f"  {text_field(d.id):<{width}}  {_gain(d.importance)}  "
            f"(availability {format_percent(d.availability)})"
        )
    return lines


def _defaults(result: AvailabilityResult) -> list[str]:
    used = [c for c in result.components if c.uses_default_figure]
    if not used:
        return []
    lines = ["", "Default figures (set `availability:` to use your own):"]
    for c in sorted(used, key=lambda c: c.id):
        source = c.figure_source.removeprefix(DEFAULT_PREFIX)
        lines.append(f"  {text_field(c.id)}: {format_percent(c.figure)} per replica, {source}")
    return lines


def _gain(importance: float) -> str:
    return f"{format_points(importance)} (-{_MONTH(importance).month.text}/month)"


def _own(c: ComponentAvailability) -> str:
    return f"own capacity {format_percent(c.availability)}"

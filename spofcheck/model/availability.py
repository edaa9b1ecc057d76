"""Availability results as data: the value, its bounds, verdict, downtime and importance."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from spofcheck.model.base import Frozen

SECONDS_PER_YEAR = 365 * 86_400  # a 365-day year: 99.9% is 8.76 h
SECONDS_PER_MONTH = 30 * 86_400  # a 30-day month: 99.9% is 43.2 min
SECONDS_PER_WEEK = 7 * 86_400  # 99.9% is 10.08 min

_UNITS = ((86_400.0, "days"), (3_600.0, "h"), (60.0, "min"), (1.0, "s"))


class Period(Frozen):
    """Downtime over one period: exact seconds and a short human string."""

    seconds: float
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "text": self.text}


class Downtime(Frozen):
    """Expected downtime for an unavailability (1 - availability), per period."""

    unavailability: float
    year: Period
    month: Period
    week: Period

    @classmethod
    def of_unavailability(cls, unavailability: float) -> Downtime:
        """Downtime of a fraction of time lost; negative for a gain (used by `diff`)."""
        return cls(
            unavailability=unavailability,
            year=_period(unavailability * SECONDS_PER_YEAR),
            month=_period(unavailability * SECONDS_PER_MONTH),
            week=_period(unavailability * SECONDS_PER_WEEK),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year.to_json(),
            "month": self.month.to_json(),
            "week": self.week.to_json(),
        }


def downtime(fraction: float) -> Downtime:
    """Downtime of an availability given as a fraction (0.999 -> 8.76 h a year)."""
    return Downtime.of_unavailability(1.0 - fraction)


def _period(seconds: float) -> Period:
    return Period(seconds=seconds, text=format_duration(seconds))


def format_duration(seconds: float) -> str:
    """`31536` -> "8.76 h", `2592` -> "43.2 min"; at most two decimals; '-' for negatives."""
    size = abs(seconds)
    unit_seconds, unit = next(((s, u) for s, u in _UNITS if size >= s), _UNITS[-1])
    amount = f"{size / unit_seconds:.2f}".rstrip("0").rstrip(".")
    sign = "-" if seconds < 0 and amount != "0" else ""
    return f"{sign}{amount} {unit}"


# Floating-point slack when comparing a computed value with a target: an SLO of 99.9% is
# met by a design whose exact value is 0.999 even if the last bit of the sum differs.
TOLERANCE = 1e-12


class Method(StrEnum):
    """How the value was obtained."""

    EXACT = "exact"
    BOUNDS = "bounds"  # rigorous lower and upper bounds; exact would exceed the budget
    SAMPLED = "sampled"  # Monte Carlo with a fixed seed and a confidence interval
    NOT_COMPUTED = "not_computed"


class Basis(StrEnum):
    """What "the service" whose availability is given means (docs/availability.md, 6)."""

    ENTRYPOINTS = "entrypoints"  # every entry point up (rule 5): declared, or the only one
    EACH_ENTRYPOINT = "each-entrypoint"  # several inferred entry points, each on its own
    SERVING = "every-serving-component"  # no entry point: every serving component up


BASIS_TEXT = {
    Basis.ENTRYPOINTS: "every entry point up",
    Basis.EACH_ENTRYPOINT: "each entry point on its own, the weakest shown",
    Basis.SERVING: "no entry point: every serving component up",
}


class EntryAvailability(Frozen):
    """One entry point's (or serving component's) own figure: P(it and what it needs up)."""

    id: str
    value: float | None
    method: Method = Method.EXACT
    lower: float | None = None
    upper: float | None = None

    @property
    def conservative(self) -> float | None:
        return self.lower if self.lower is not None else self.value

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "value": self.value,
            "method": self.method.value,
            "lower": self.lower,
            "upper": self.upper,
        }


class ComponentAvailability(Frozen):
    """One component the value depends on.

    `availability`: probability that its own capacity is up (rule 3), zone and region
    outages included. `importance`: A(this component never fails) - A, the gain in the
    service's availability if its own capacity were perfect.
    """

    id: str
    availability: float
    importance: float
    uses_default_figure: bool
    figure: float  # the per-replica figure used
    figure_source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "availability": self.availability,
            "importance": self.importance,
            "uses_default_figure": self.uses_default_figure,
        }


class DomainAvailability(Frozen):
    """A zone or region whose outage the value accounts for (`zone:<id>`, `region:<id>`)."""

    id: str
    availability: float
    importance: float  # A(this zone or region never fails) - A

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "availability": self.availability, "importance": self.importance}


class AvailabilityResult(Frozen):
    """The composite availability of one architecture, and what it is made of."""

    value: float | None
    slo: float | None = None
    meets_slo: bool | None = None
    method: Method = Method.EXACT
    downtime: Downtime | None = None
    nines: float | None = None
    components: list[ComponentAvailability] = Field(default_factory=list)
    domains: list[DomainAvailability] = Field(default_factory=list)
    defaults_used: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    # Conservative and optimistic ends when `method` is not exact (None when exact).
    lower: float | None = None
    upper: float | None = None
    # Why the value is not exact or not computed: which limit was hit, in words.
    reason: str | None = None
    # False when part of the design was not read (opaque modules, unsupported resources)
    # or a replica count on a request path is unknown (that component is left out):
    # the value is then an upper bound over what was read, never a clean bill.
    complete: bool = True
    # In a report over several stacks: the stack this (weakest) block belongs to.
    stack: str | None = None
    # What the value is the availability of; `entrypoints`: the figure of each entry point
    # (or serving component) on its own, when there are several.
    basis: Basis = Basis.ENTRYPOINTS
    entrypoints: list[EntryAvailability] = Field(default_factory=list)
    # When `method` is sampled: how many Monte Carlo samples, and the interval's confidence.
    samples: int | None = None
    confidence: float | None = None
    states: int = 0  # zone/region states conditioned on
    bdd_nodes: int = 0  # size of the decision diagram of the structure function

    @property
    def margin(self) -> float | None:
        """value - slo (negative when the SLO is missed); None without both."""
        if self.value is None or self.slo is None:
            return None
        return self.value - self.slo

    @property
    def conservative(self) -> float | None:
        """The value gates decide on: the lower bound when only bounds are known."""
        return self.lower if self.lower is not None else self.value

    @property
    def basis_label(self) -> str:
        """`no entry point: every serving component up`, `weakest entry point, alb`, or ""
        for the plain basis (every entry point up): what reports put beside the figure."""
        if self.basis is Basis.ENTRYPOINTS:
            return ""
        if self.basis is Basis.SERVING:
            return "no entry point: every serving component up"
        weakest = [e.id for e in self.entrypoints if e.conservative == self.conservative]
        return f"weakest entry point, {weakest[0]}" if weakest else "weakest entry point"

    def meets(self, target: float) -> bool | None:
        """Whether the conservative value reaches `target` (a fraction); None when not
        computed. Use it for `--min-availability`, which gates without a declared SLO.
        """
        value = self.conservative
        return None if value is None else value + TOLERANCE >= target

    def to_json(self) -> dict[str, Any]:
        """The `availability` block of `scan --format json` and `availability --format json`."""
        return (
            {
                "value": self.value,
                "slo": self.slo,
                "meets_slo": self.meets_slo,
                "method": self.method.value,
                "downtime": self.downtime.to_json() if self.downtime is not None else None,
                "nines": self.nines,
                "components": [c.to_json() for c in self.components],
                "domains": [d.to_json() for d in self.domains],
                "defaults_used": list(self.defaults_used),
                "notes": list(self.notes),
                "lower": self.lower,
                "upper": self.upper,
                "reason": self.reason,
                "complete": self.complete,
                "basis": self.basis.value,
                "entrypoints": [e.to_json() for e in self.entrypoints],
            }
            | self._sampling()
            | ({"stack": self.stack} if self.stack is not None else {})
        )

    def _sampling(self) -> dict[str, Any]:
        if self.method is not Method.SAMPLED:
            return {}
        return {"samples": self.samples, "confidence": self.confidence}

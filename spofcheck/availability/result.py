"""What the calculator returns: the value, its SLO verdict, downtime and per-part importance."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from spofcheck.availability.downtime import Downtime
from spofcheck.model import Frozen

# Floating-point slack when comparing a computed value with a target: an SLO of 99.9% is
# met by a design whose exact value is 0.999 even if the last bit of the sum differs.
TOLERANCE = 1e-12


class Method(StrEnum):
    """How the value was obtained."""

    EXACT = "exact"
    NOT_COMPUTED = "not_computed"


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
    states: int = 0  # zone/region states conditioned on
    bdd_nodes: int = 0  # size of the decision diagram of the structure function

    @property
    def margin(self) -> float | None:
        """value - slo (negative when the SLO is missed); None without both."""
        if self.value is None or self.slo is None:
            return None
        return self.value - self.slo

    def meets(self, target: float) -> bool | None:
        """Whether the value reaches `target` (a fraction); None when not computed.

        Use it for `--min-availability`, which gates without a declared SLO.
        """
        return None if self.value is None else self.value + TOLERANCE >= target

    def to_json(self) -> dict[str, Any]:
        """The `availability` block of `scan --format json` and `availability --format json`."""
        return {
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
        }

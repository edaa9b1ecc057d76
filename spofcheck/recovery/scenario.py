"""A what-if scenario: the zones, regions and components forced down, checked by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spofcheck.errors import ConfigError, did_you_mean
from spofcheck.model import Architecture

KINDS = ("zone", "region", "component")


@dataclass(frozen=True)
class Scenario:
    """What is forced down: `zone:a`, `region:r`, `component:db` (primaries only)."""

    zones: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    components: frozenset[str] = frozenset()

    @property
    def domains(self) -> frozenset[str]:
        return frozenset(
            {*(f"zone:{z}" for z in self.zones), *(f"region:{r}" for r in self.regions)}
        )

    def labels(self) -> list[str]:
        """The scenario as the user writes it, sorted: ["region:r", "zone:a", ...]."""
        return sorted([*self.domains, *(f"component:{c}" for c in self.components)])


def parse_scenario(specs: Sequence[str], archs: Sequence[Architecture]) -> Scenario:
    """`--fail` values to a Scenario; a name no architecture knows is a usage error."""
    chosen: dict[str, set[str]] = {kind: set() for kind in KINDS}
    known: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for arch in archs:
        known["zone"] |= known_zones(arch)
        known["region"] |= known_regions(arch)
        known["component"] |= set(arch.components)
    for spec in specs:
        kind, sep, name = spec.partition(":")
        if not sep or kind not in KINDS or not name:
            raise ConfigError(
                f"{spec!r} is not KIND:NAME with KIND one of {', '.join(KINDS)}", key="--fail"
            )
        if name not in known[kind]:
            hint = did_you_mean(name, known[kind])
            raise ConfigError(f"no {kind} named {name!r}{hint}", key="--fail")
        chosen[kind].add(name)
    return Scenario(
        frozenset(chosen["zone"]), frozenset(chosen["region"]), frozenset(chosen["component"])
    )


def known_zones(arch: Architecture) -> set[str]:
    """Declared zones and every zone a replica or standby is placed in."""
    out = set(arch.zones)
    for c in arch.components.values():
        out.update(c.zones)
        if c.standby is not None:
            out.update(c.standby.zones)
    return out


def known_regions(arch: Architecture) -> set[str]:
    """Declared regions, the regions zones name, and every component's or standby's region."""
    out = set(arch.regions) | {z.region for z in arch.zones.values() if z.region is not None}
    for c in arch.components.values():
        out.update(r for r in (c.region, c.standby.region if c.standby else None) if r)
    return out


def single_domains(arch: Architecture, kind: str) -> list[Scenario]:
    """`--each zone|region`: one scenario per known zone or region, sorted by name."""
    if kind == "zone":
        return [Scenario(zones=frozenset({z})) for z in sorted(known_zones(arch))]
    return [Scenario(regions=frozenset({r})) for r in sorted(known_regions(arch))]

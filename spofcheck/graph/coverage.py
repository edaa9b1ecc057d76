"""What a scan could not read: opaque modules, resource types without an adapter, unknowns.

Computed from the normalized model alone, so every input (HCL, plan JSON, Terragrunt,
YAML) reports coverage the same way. See docs/json-output.md, "coverage".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import overload

from spofcheck.model import (
    Architecture,
    AvailabilityResult,
    Component,
    Coverage,
    Kind,
    OpaqueModule,
    UnknownValue,
    UnsupportedResource,
)

# Which rules read which `Component.unresolved` entry (see spofcheck/checks/): a rule that
# needs a value the code does not give stays silent, and coverage says so.
RULES_NEEDING: dict[str, tuple[str, ...]] = {
    "replicas": ("HA001", "HA002", "HA004", "HA007", "HA008", "HA009"),
    "zones": ("HA002", "HA009"),
    "standby": ("HA002", "HA009"),
    "min_healthy": ("HA009",),
}
# The checks engineer marks types without an adapter with this tag; until then a
# Terraform resource of kind `other` is one (only the generic handler produces it).
UNSUPPORTED_TAG = "unsupported"
_PLUMBING = frozenset({Kind.CONFIG, Kind.NETWORK, Kind.MODULE})


def coverage_of(arch: Architecture, enabled: Collection[str] | None = None) -> Coverage:
    """The coverage of one stack; `enabled` limits `rule_ids` to the rules that ran."""
    components = sorted(arch.components.values(), key=lambda c: c.id)
    return Coverage(
        opaque_modules=[_opaque(c) for c in components if _is_opaque(c)],
        unsupported_resources=_unsupported(components),
        unknown_values=[u for c in components for u in _unknowns(c, enabled)],
    )


def merge(coverages: Iterable[Coverage]) -> Coverage:
    """Several stacks' coverage as one block: entries concatenated, types counted once."""
    opaque: dict[str, OpaqueModule] = {}
    counts: Counter[str] = Counter()
    unknown: dict[tuple[str, str], UnknownValue] = {}
    for cov in coverages:
        opaque.update((m.address + "\0" + m.source, m) for m in cov.opaque_modules)
        counts.update({u.type: u.count for u in cov.unsupported_resources})
        unknown.update(((u.component, u.attribute), u) for u in cov.unknown_values)
    return Coverage(
        opaque_modules=[opaque[k] for k in sorted(opaque)],
        unsupported_resources=[
            UnsupportedResource(type=t, count=n) for t, n in sorted(counts.items())
        ],
        unknown_values=[unknown[k] for k in sorted(unknown)],
    )


def reads_everything(cov: Coverage) -> bool:
    """False when part of the design was not read: the availability is then an upper bound."""
    return not (cov.opaque_modules or cov.unsupported_resources)


@overload
def bounded(result: AvailabilityResult, cov: Coverage) -> AvailabilityResult: ...
@overload
def bounded(result: AvailabilityResult | None, cov: Coverage) -> AvailabilityResult | None: ...
def bounded(result: AvailabilityResult | None, cov: Coverage) -> AvailabilityResult | None:
    """The availability result marked incomplete when the stack was not read in full."""
    if result is None or reads_everything(cov) or not result.complete:
        return result
    return result.model_copy(update={"complete": False})


def assess(arch: Architecture, slo: float | None = None) -> AvailabilityResult | None:
    """The stack's availability as every command reports it: computed over what was read,
    and an upper bound (`complete: false`) when part of the design was not read."""
    from spofcheck.availability.calculator import compute

    result = compute(arch, slo=slo) if arch.components else None
    return bounded(result, coverage_of(arch))


def _is_opaque(component: Component) -> bool:
    return component.kind is Kind.MODULE and "module" in component.unresolved


def _opaque(component: Component) -> OpaqueModule:
    attrs = component.attributes
    version = attrs.get("version")
    return OpaqueModule(
        address=component.id,
        source=str(attrs.get("source", "")),
        version=version if isinstance(version, str) else None,
        reason=str(attrs.get("reason", "module source not read")),
    )


def _unsupported(components: list[Component]) -> list[UnsupportedResource]:
    counts: Counter[str] = Counter(
        c.resource_type
        for c in components
        if c.resource_type and (not c.modelled or UNSUPPORTED_TAG in c.tags)
    )
    return _counted(counts)


def _counted(counts: Counter[str]) -> list[UnsupportedResource]:
    return [UnsupportedResource(type=t, count=n) for t, n in sorted(counts.items())]


def _unknowns(component: Component, enabled: Collection[str] | None) -> list[UnknownValue]:
    if component.kind in _PLUMBING:
        return []
    found = []
    for attribute in sorted(set(component.unresolved)):
        rules = [r for r in RULES_NEEDING.get(attribute, ()) if enabled is None or r in enabled]
        if rules:
            found.append(UnknownValue(component=component.id, attribute=attribute, rule_ids=rules))
    return found

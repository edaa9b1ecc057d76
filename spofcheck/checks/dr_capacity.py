"""HA021: after losing a zone or region, survivors plus the standby fall short of the need."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Architecture, Component
from spofcheck.recovery.scenario import Scenario, single_domains
from spofcheck.recovery.whatif import ComponentOutcome, capacity_after


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Components with a standby that takes over: the worst single zone or region loss
    that leaves some of the standby alive yet fewer replicas than the need."""
    scenarios = [*single_domains(ctx.arch, "region"), *single_domains(ctx.arch, "zone")]
    for component in ctx.components():
        found = worst_loss(ctx.arch, component, scenarios)
        if found is not None:
            yield Violation(component.id, _message(component, *found))


def worst_loss(
    arch: Architecture, component: Component, scenarios: list[Scenario]
) -> tuple[Scenario, ComponentOutcome, int] | None:
    """The scenario leaving the least capacity, among those where the standby survives
    (a loss taking primaries and standby together is HA002's or HA008's finding)."""
    standby = component.standby
    if standby is None or not standby.counts or standby.replicas == 0:
        return None
    if {"replicas", "zones", "standby", "min_healthy"} & set(component.unresolved):
        return None
    short = []
    for scenario in scenarios:
        after = capacity_after(arch, component.id, scenario)
        primaries_left = _primaries_left(arch, component, scenario)
        if after.capacity < after.needed and after.capacity > primaries_left:
            short.append((after.capacity, scenario.labels(), (scenario, after, primaries_left)))
    if not short:
        return None
    return min(short, key=lambda item: (item[0], item[1]))[2]


def _primaries_left(arch: Architecture, component: Component, scenario: Scenario) -> int:
    without = component.model_copy(update={"standby": None})
    alone = arch.model_copy(update={"components": {**arch.components, component.id: without}})
    return capacity_after(alone, component.id, scenario).capacity


def _message(component: Component, scenario: Scenario, after: ComponentOutcome, left: int) -> str:
    mode = component.standby.mode.value if component.standby is not None else ""
    kind, _, name = scenario.labels()[0].partition(":")
    return (
        f"after losing {kind} {name}: {after.capacity} of {after.needed} needed "
        f"({left} of {component.replicas} primaries left, {after.capacity - left} "
        f"{mode} standby replicas take over)"
    )

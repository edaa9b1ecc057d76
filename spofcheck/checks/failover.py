"""HA006: running replicas exist, but promoting one is manual or disabled."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.availability.readings import primary_region, read_component, standby_region
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Architecture, Component, Failover, Scope, StandbyMode


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A hot or warm standby whose failover is manual (cold ones are HA004's), unless it
    is disaster recovery beyond what fails over by itself (`_only_dr`)."""
    for component in ctx.components():
        standby = component.standby
        if standby is None or standby.mode is StandbyMode.COLD:
            continue
        if standby.failover is not Failover.MANUAL or standby.replicas == 0:
            continue
        if not _only_dr(ctx.arch, component):
            yield Violation(component.id, _message(component))


def _only_dr(arch: Architecture, component: Component) -> bool:
    """The manual standby only matters after what needs no one has failed: a regional or
    global service replaces its own machines; primaries beyond the need absorb a loss;
    a standby in another region is a disaster-recovery copy (its recovery time is
    HA018's business, against the stated targets)."""
    if component.scope is not Scope.INSTANCE:
        return True
    if component.replicas > read_component(component).min_healthy:
        return True
    return standby_region(arch, component) != primary_region(arch, component)


def _message(component: Component) -> str:
    standby = component.standby
    assert standby is not None  # checked by the caller
    n = standby.replicas
    replicas = f"{n} {standby.mode.value} replica{'s' if n != 1 else ''}"
    return (
        f"has {replicas} ready to take over, but failover is manual"
        f"{_setting(component)}: when the primary fails, it stays down until someone "
        "promotes a replica"
    )


def _setting(component: Component) -> str:
    return f" ({component.settings.failover_written or 'failover: manual'})"

"""HA004: a failover target with no running capacity (cold standby, scaled to zero, stopped)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.graph.queries import alternatives_of
from spofcheck.model import Component, Failover, StandbyMode


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """A cold standby, or nothing running behind an `any_of` (failover) alternative."""
    idle = _idle_failover_targets(ctx)
    for component in ctx.components():
        standby = component.standby
        if standby is not None and standby.mode is StandbyMode.COLD:
            yield Violation(component.id, _cold_message(component))
        elif component.id in idle:
            owner, alternative = idle[component.id]
            yield Violation(component.id, _idle_message(component, owner, alternative))


def _idle_failover_targets(ctx: CheckContext) -> dict[str, tuple[str, str]]:
    """Components with 0 known replicas that an `any_of` alternative needs: (owner, alt)."""
    idle = [c.id for c in ctx.components() if _scaled_to_zero(c) and c.id in ctx.requests]
    if not idle:
        return {}
    owners_of = alternatives_of(ctx.requests)
    found: dict[str, tuple[str, str]] = {}
    for cid in idle:
        upstream = nx.ancestors(ctx.requests, cid) | {cid}
        alternative = next((a for a in sorted(owners_of) if a in upstream), None)
        if alternative is not None:
            owners = owners_of[alternative]
            found[cid] = (owners[0] if owners else alternative, alternative)
    return found


def _scaled_to_zero(component: Component) -> bool:
    return component.replicas == 0 and "replicas" not in component.unresolved


def _cold_message(component: Component) -> str:
    standby = component.standby
    assert standby is not None
    manual = " and failover is manual" if standby.failover is Failover.MANUAL else ""
    what = "kept stopped" if standby.stopped else "cold"
    count = f"{standby.replicas} standby replica{'s' if standby.replicas != 1 else ''}"
    return (
        f"its {count} {'is' if standby.replicas == 1 else 'are'} {what}"
        f"{manual}; nothing is running to take over, so an outage lasts as long as starting, "
        "restoring and warming the standby takes (typically 10-15 minutes or more)"
    )


def _idle_message(component: Component, owner: str, alternative: str) -> str:
    written = component.settings.replicas_written
    cause = f" ({written})" if written else ""
    via = "" if alternative == component.id else f" (via {alternative})"
    return (
        f"runs no replicas{cause} but is the failover path of {owner}{via}: "
        "when traffic fails over, nothing is running to serve it until it scales up"
    )

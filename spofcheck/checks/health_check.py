"""HA005: traffic is routed to something nobody checks, so failures are not routed around."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.base import CheckContext, Violation
from spofcheck.checks.capacity import replicas_noun
from spofcheck.model import CheckPurpose, Component, Kind, Severity

ROUTING = frozenset({Kind.LOAD_BALANCER, Kind.DNS, Kind.CDN, Kind.GATEWAY})


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Health checking off where traffic is routed; defaults on HTTP target groups (low)."""
    for component in ctx.components():
        if component.health_check.enabled is False:
            routers = [c.id for c in ctx.callers(component.id) if c.kind in ROUTING]
            violation = _unchecked(ctx, component, routers)
            if violation is not None:
                yield violation
        elif options.get("report_defaults", True) and _http_defaults(component):
            yield Violation(
                component.id,
                "checks its targets with the default health check "
                "(GET / on the traffic port): a page that answers while the application's "
                "own dependencies are down keeps a broken target in rotation",
                severity=Severity.LOW,
                key="defaults",
            )


def _unchecked(ctx: CheckContext, component: Component, routers: list[str]) -> Violation | None:
    check = component.health_check
    if not check.required:
        return None  # the platform does not check this kind of target, by design
    if check.purpose is CheckPurpose.REPLACEMENT:
        if not routers:
            return None  # status checks are fine when no load balancer sends it traffic
        return Violation(component.id, _replacement_message(component, routers), Severity.MEDIUM)
    if check.purpose is CheckPurpose.TARGETS:
        targets = [c.id for c in ctx.targets(component.id)]
        if component.kind is Kind.LOAD_BALANCER and not _routes_somewhere(component, targets):
            return None
        return Violation(component.id, _router_message(component))
    if not routers:
        return None
    partial = component.health_check.details.get("partial")
    if isinstance(partial, str):
        # Checked for liveness (restarted when hung) but not taken out of rotation.
        message = f"receives traffic from {', '.join(routers)} but has {partial}"
        return Violation(component.id, message, Severity.MEDIUM, key="partial")
    return Violation(
        component.id,
        f"receives traffic from {', '.join(routers)} but has no health check "
        f"({_setting(component)}): a failed {replicas_noun(component, 1)} keeps receiving "
        "requests",
    )


def _routes_somewhere(component: Component, targets: list[str]) -> bool:
    """A set of targets routes by definition; a plain load balancer only where its rules
    and pools send traffic, which must be visible before it is judged."""
    routes = component.health_check.routes
    return bool(targets) if routes is None else routes


def _replacement_message(component: Component, routers: list[str]) -> str:
    return (
        f"is behind {', '.join(routers)} but replaces instances on EC2 status "
        f"checks only ({_setting(component)}): an instance whose application fails the load "
        "balancer's health check is never replaced, so capacity silently shrinks"
    )


def _router_message(component: Component) -> str:
    details = component.health_check.details
    routing = details.get("routing")
    if component.kind is Kind.DNS and routing:
        return (
            f"uses {routing} routing with neither health_check_id nor an "
            "alias with evaluate_target_health: DNS keeps answering with a target that is "
            "down" + (", so failover never happens" if routing == "failover" else "")
        )
    return (
        f"routes traffic with health checking off ({_setting(component)}): "
        "requests keep going to targets that are down"
    )


def _setting(component: Component) -> str:
    return component.health_check.written or "health_check: false"


def _http_defaults(component: Component) -> bool:
    """A target group left at the provider's default check on an HTTP(S) service."""
    details = component.health_check.details
    protocol = str(details.get("target_protocol") or "").upper()
    return (
        details.get("defaults") is True
        and protocol in ("HTTP", "HTTPS")
        and (component.health_check.enabled is True)
    )

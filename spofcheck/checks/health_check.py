"""HA005: traffic is routed to something nobody checks, so failures are not routed around."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.attrs import MISSING, lookup, show, text
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component, Kind, Severity

ROUTING = frozenset({Kind.LOAD_BALANCER, Kind.DNS, Kind.CDN, Kind.GATEWAY})
_ASG = "aws_autoscaling_group"


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
    if text(component, "target_type") == "lambda":
        return None  # Lambda targets are not health checked by default, by design
    if _gcp_without_instance_groups(component):
        return None
    if component.resource_type == _ASG:
        if not routers:
            return None  # EC2 checks are fine when no load balancer sends it traffic
        return Violation(component.id, _asg_message(component, routers), Severity.MEDIUM)
    if component.kind in ROUTING and component.resource_type is not None:
        # A Terraform load balancer's or DNS record's health check is the one it runs on
        # its targets; in YAML, `health_check` says whether the component itself is checked.
        targets = [c.id for c in ctx.targets(component.id)]
        if component.kind is Kind.LOAD_BALANCER and not _routes_somewhere(ctx, component, targets):
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
        f"({_setting(component)}): a failed replica keeps receiving requests",
    )


# Resources that are a set of targets by definition; a plain load balancer only routes
# where its rules and pools send traffic, which must be visible before it is judged.
_TARGET_SETS = frozenset(
    {
        "aws_lb_target_group",
        "aws_alb_target_group",
        "google_compute_backend_service",
        "google_compute_region_backend_service",
        "google_compute_target_pool",
    }
)


def _routes_somewhere(ctx: CheckContext, component: Component, targets: list[str]) -> bool:
    if component.resource_type in _TARGET_SETS:
        return True
    if component.resource_type == "azurerm_lb":
        # Probes serve load-balancing rules only; inbound NAT rules go to one VM unprobed.
        return bool(targets) and any(
            c.resource_type == "azurerm_lb_rule" and f"part-of:{component.id}" in c.tags
            for c in ctx.components()
        )
    return bool(targets)


_GCP_BACKENDS = ("google_compute_backend_service", "google_compute_region_backend_service")


def _gcp_without_instance_groups(component: Component) -> bool:
    """Serverless and internet NEG backends cannot be health checked; GCP refuses it.

    Only a backend service whose backends are known instance groups is judged.
    """
    if component.resource_type not in _GCP_BACKENDS:
        return False
    backends = component.attributes.get("backend") or []
    groups = [str(b.get("group", "")) for b in backends if isinstance(b, dict)]
    return not any("instance_group" in g for g in groups)


def _asg_message(component: Component, routers: list[str]) -> str:
    value = lookup(component, "health_check_type")
    setting = (
        'health_check_type unset, defaulting to "EC2"'
        if value is MISSING
        else f"health_check_type = {show(value)}"
    )
    return (
        f"is behind {', '.join(routers)} but replaces instances on EC2 status "
        f"checks only ({setting}): an instance whose application fails the load balancer's "
        "health check is never replaced, so capacity silently shrinks"
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
    if component.resource_type is None:
        return "health_check: false"
    if lookup(component, "health_check.enabled") is not MISSING:
        return "health_check { enabled = false }"
    return "no health check configured"


def _http_defaults(component: Component) -> bool:
    """A target group left at the provider's default check on an HTTP(S) service."""
    details = component.health_check.details
    protocol = str(details.get("target_protocol") or "").upper()
    return (
        details.get("defaults") is True
        and protocol in ("HTTP", "HTTPS")
        and (component.health_check.enabled is True)
    )

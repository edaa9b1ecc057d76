"""HA003: session affinity pins users to one target, so failover loses their sessions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.attrs import MISSING, lookup, show, text
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Every component whose model says sticky sessions are on."""
    for component in ctx.components():
        if component.sticky_sessions is not True:
            continue
        targets = [c.id for c in ctx.targets(component.id)]
        behind = f" to one target of {', '.join(targets)}" if targets else " to one target"
        yield Violation(
            component.id,
            f"pins each user{behind} ({_setting(component)}): when that "
            "target fails, its users lose their sessions and are logged out or lose carts",
        )


def _setting(c: Component) -> str:
    """The attribute that turns affinity on, as written."""
    rtype = c.resource_type or ""
    if rtype in ("aws_lb_target_group", "aws_alb_target_group"):
        kind = lookup(c, "stickiness.type")
        return "stickiness enabled" + ("" if kind is MISSING else f", type = {show(kind)}")
    if rtype == "aws_elb":
        return "a cookie stickiness policy is attached"
    if rtype.startswith("google_compute") and text(c, "session_affinity"):
        return f"session_affinity = {show(text(c, 'session_affinity'))}"
    if rtype == "azurerm_application_gateway":
        return 'cookie_based_affinity = "Enabled"'
    if rtype == "azurerm_lb":
        return "a load-balancing rule distributes by client IP"
    return "sticky_sessions: true" if c.resource_type is None else "session affinity on"

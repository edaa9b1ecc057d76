"""HA016: health checks so slow or lenient that a dead target keeps traffic for minutes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.attrs import MISSING, lookup, number
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component

# resource type -> (interval attribute, default s, threshold attribute, default count)
TIMING: dict[str, tuple[str, float, str, float]] = {
    "aws_lb_target_group": ("health_check.interval", 30, "health_check.unhealthy_threshold", 3),
    "aws_alb_target_group": ("health_check.interval", 30, "health_check.unhealthy_threshold", 3),
    "aws_elb": ("health_check.interval", 30, "health_check.unhealthy_threshold", 2),
    "aws_route53_health_check": ("request_interval", 30, "failure_threshold", 3),
    "google_compute_health_check": ("check_interval_sec", 5, "unhealthy_threshold", 2),
    "google_compute_region_health_check": ("check_interval_sec", 5, "unhealthy_threshold", 2),
    "azurerm_lb_probe": ("interval_in_seconds", 15, "probe_threshold", 1),
}
# In YAML health_check details: the same two numbers under these names.
YAML_KEYS = ("interval_s", "unhealthy_threshold")


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Detection time (interval x failures needed) above `max_detection_seconds`."""
    limit = float(options.get("max_detection_seconds", 300))
    for component in ctx.components():
        timing = detection(component)
        if timing is None:
            continue
        interval, threshold, written = timing
        if interval * threshold > limit:
            yield Violation(component.id, _message(component, interval, threshold, written, limit))


def detection(component: Component) -> tuple[float, float, str] | None:
    """(interval s, failures needed, how it is written) when both are known or defaulted."""
    if component.health_check.enabled is False:
        return None  # nothing checks at all: HA005's finding
    if component.resource_type is None:
        return _yaml_detection(component)
    entry = TIMING.get(component.resource_type)
    if entry is None:
        return None
    interval_key, interval_default, threshold_key, threshold_default = entry
    interval = _setting(component, interval_key, interval_default)
    threshold = _setting(component, threshold_key, threshold_default)
    if interval is None or threshold is None:
        return None
    names = (interval_key.rsplit(".", 1)[-1], threshold_key.rsplit(".", 1)[-1])
    return interval, threshold, f"{names[0]} = {interval:g}, {names[1]} = {threshold:g}"


def _setting(component: Component, key: str, default: float) -> float | None:
    return default if lookup(component, key) is MISSING else number(component, key)


def _yaml_detection(component: Component) -> tuple[float, float, str] | None:
    details = component.health_check.details
    interval, threshold = (details.get(k) for k in YAML_KEYS)
    if not isinstance(interval, int | float) or isinstance(interval, bool):
        return None
    if not isinstance(threshold, int | float) or isinstance(threshold, bool):
        threshold = 1
    shown = f"interval_s: {interval:g}, unhealthy_threshold: {threshold:g}"
    return float(interval), float(threshold), shown


def _message(
    component: Component, interval: float, threshold: float, written: str, limit: float
) -> str:
    total = interval * threshold
    return (
        f"needs {threshold:g} failed checks {interval:g} s apart ({written}) "
        f"to call a target dead: up to {_duration(total)} of requests go to a dead target "
        f"before it is taken out (more than {_duration(limit)})"
    )


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"

"""Normalize health checks: what they are for, how fast they detect, how they are written."""

from __future__ import annotations

from typing import Any

from spofcheck.model import CheckPurpose, Component, HealthCheck, Kind
from spofcheck.parse.terraform.adapters.attrs import MISSING, lookup, number, show, text

# resource type -> (interval attribute, default s, threshold attribute, default count)
_TIMING: dict[str, tuple[str, float, str, float]] = {
    "aws_lb_target_group": ("health_check.interval", 30, "health_check.unhealthy_threshold", 3),
    "aws_alb_target_group": ("health_check.interval", 30, "health_check.unhealthy_threshold", 3),
    "aws_elb": ("health_check.interval", 30, "health_check.unhealthy_threshold", 2),
    "aws_route53_health_check": ("request_interval", 30, "failure_threshold", 3),
    "google_compute_health_check": ("check_interval_sec", 5, "unhealthy_threshold", 2),
    "google_compute_region_health_check": ("check_interval_sec", 5, "unhealthy_threshold", 2),
    "azurerm_lb_probe": ("interval_in_seconds", 15, "probe_threshold", 1),
}
# Resources that are a set of targets by definition: they route through their checks.
_TARGET_SETS = frozenset(
    {
        "aws_lb_target_group",
        "aws_alb_target_group",
        "google_compute_backend_service",
        "google_compute_region_backend_service",
        "google_compute_target_pool",
    }
)
_GCP_BACKENDS = ("google_compute_backend_service", "google_compute_region_backend_service")
_ASG = "aws_autoscaling_group"
_ROUTING = frozenset({Kind.LOAD_BALANCER, Kind.DNS, Kind.CDN, Kind.GATEWAY})


def normalize_health_check(component: Component) -> HealthCheck:
    """The handler's health check with purpose, need, timing and wording filled in."""
    check = component.health_check
    update: dict[str, Any] = {"purpose": _purpose(component)}
    update.update(_timing(component))
    if component.resource_type in _TARGET_SETS:
        update["routes"] = True
    if text(component, "target_type") == "lambda" or _gcp_without_groups(component):
        update["required"] = False
    if check.enabled is False:
        update["written"] = _written(component)
    return check.model_copy(update=update)


def _purpose(component: Component) -> CheckPurpose:
    if component.resource_type == _ASG:
        return CheckPurpose.REPLACEMENT
    # A Terraform router's health check is the one it runs on its targets.
    return CheckPurpose.TARGETS if component.kind in _ROUTING else CheckPurpose.SELF


def _timing(component: Component) -> dict[str, Any]:
    entry = _TIMING.get(component.resource_type or "")
    if entry is None:
        return {}
    interval_key, interval_default, threshold_key, threshold_default = entry
    interval = _setting(component, interval_key, interval_default)
    threshold = _setting(component, threshold_key, threshold_default)
    if interval is None or threshold is None or interval <= 0 or threshold <= 0:
        return {}
    names = (interval_key.rsplit(".", 1)[-1], threshold_key.rsplit(".", 1)[-1])
    return {
        "interval_s": interval,
        "unhealthy_threshold": threshold,
        "timing_written": f"{names[0]} = {interval:g}, {names[1]} = {threshold:g}",
    }


def _setting(component: Component, key: str, default: float) -> float | None:
    return default if lookup(component, key) is MISSING else number(component, key)


def _gcp_without_groups(component: Component) -> bool:
    """Serverless and internet NEG backends cannot be health checked; GCP refuses it.

    Only a backend service whose backends are known instance groups is judged.
    """
    if component.resource_type not in _GCP_BACKENDS:
        return False
    backends = component.attributes.get("backend") or []
    groups = [str(b.get("group", "")) for b in backends if isinstance(b, dict)]
    return not any("instance_group" in g for g in groups)


def _written(component: Component) -> str:
    if component.resource_type == _ASG:
        value = lookup(component, "health_check_type")
        if value is MISSING:
            return 'health_check_type unset, defaulting to "EC2"'
        return f"health_check_type = {show(value)}"
    if lookup(component, "health_check.enabled") is not MISSING:
        return "health_check { enabled = false }"
    return "no health check configured"

"""The DNS part of a cross-region recovery, from the code when it says it.

Traffic moves to another region when the DNS stops answering with the failed side: the
health check has to fail (interval x threshold) and resolvers drop their cached answer
(up to the TTL). The records with a routing policy that checks health (Route 53
failover/weighted/latency records, Azure Traffic Manager profiles, Cloud DNS record sets
with a health-checked `routing_policy`) say both; with several, the slowest counts.
What no record says comes from the defaults table (`dns_health_check`, `dns_ttl`; a
Cloud DNS check with no `google_compute_health_check` in the code:
`dns_health_check:cloud-dns`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Architecture, Component, Kind
from spofcheck.recovery import defaults

_R53_CHECK = "aws_route53_health_check"
_CLOUD_DNS = "google_dns_record_set"
_GCP_CHECKS = ("google_compute_health_check", "google_compute_region_health_check")
# defaults entries: a check the code writes keeps the generic entry's name
_ROUTE53, _CLOUD_DNS_DEFAULT = "dns_health_check", "dns_health_check:cloud-dns"


def ttl(arch: Architecture) -> float | None:
    """The largest TTL a routing DNS record writes (None: none does)."""
    found = [t for c in _routing(arch) if (t := _ttl(c)) is not None]
    return max(found) if found else None


def health_check(arch: Architecture) -> tuple[float, int, str] | None:
    """(interval, failure threshold, defaults entry) of the slowest health check routing
    DNS records use; the entry names where a figure the code leaves out comes from."""
    found = [h for c in _routing(arch) if (h := _check(arch, c)) is not None]
    return max(found, key=lambda h: h[0] * h[1]) if found else None


def _routing(arch: Architecture) -> list[Component]:
    return [
        c
        for c in arch.components.values()
        if c.kind is Kind.DNS and (c.health_check.details.get("routing") or _profile(c))
    ]


def _profile(c: Component) -> bool:
    return c.resource_type == "azurerm_traffic_manager_profile"


def _ttl(c: Component) -> float | None:
    value = c.attributes.get("ttl")
    if _profile(c):
        value = _first(c.attributes.get("dns_config")).get("ttl")
    return float(value) if isinstance(value, int | float) and value >= 0 else None


def _check(arch: Architecture, c: Component) -> tuple[float, int, str] | None:
    if _profile(c):
        monitor = _first(c.attributes.get("monitor_config"))
        interval = _number(monitor.get("interval_in_seconds"), 30)
        failures = int(_number(monitor.get("tolerated_number_of_failures"), 3)) + 1
        return interval, failures, _ROUTE53
    if c.resource_type == _CLOUD_DNS:
        return _cloud_dns_check(arch, c)
    found = _pointed(arch, c.health_check.details.get("health_check_id"))
    if found is None or found.resource_type != _R53_CHECK:
        return None
    attrs = found.attributes
    threshold = int(_number(attrs.get("failure_threshold"), 3))
    return _number(attrs.get("request_interval"), 30), threshold, _ROUTE53


def _cloud_dns_check(arch: Architecture, c: Component) -> tuple[float, int, str] | None:
    """A health-checked Cloud DNS policy: its `health_check` when the code defines it with
    both figures, else (internal load balancers, checked through their backends, or a
    figure left out) the cited Compute Engine default."""
    if c.health_check.details.get("health_checked") is not True:
        return None
    d = defaults.table()[_CLOUD_DNS_DEFAULT]
    found = _pointed(arch, c.health_check.details.get("health_check_id"))
    attrs = found.attributes if found is not None and found.resource_type in _GCP_CHECKS else {}
    interval, threshold = attrs.get("check_interval_sec"), attrs.get("unhealthy_threshold")
    written = all(isinstance(v, int | float) and v > 0 for v in (interval, threshold))
    return (
        _number(interval, float(d["interval"])),
        int(_number(threshold, float(d["threshold"]))),
        _ROUTE53 if written else _CLOUD_DNS_DEFAULT,
    )


def _pointed(arch: Architecture, ref: Any) -> Component | None:
    """The component an attribute written as `${address.attribute}` names."""
    if not isinstance(ref, str) or not ref.startswith("${"):
        return None
    return arch.components.get(ref[2:].rsplit(".", 1)[0])


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else default


def _first(value: Any) -> Mapping[str, Any]:
    if isinstance(value, list) and value and isinstance(value[0], Mapping):
        return value[0]
    return value if isinstance(value, Mapping) else {}

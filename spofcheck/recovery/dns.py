"""The DNS part of a cross-region recovery, from the code when it says it.

Traffic moves to another region when the DNS stops answering with the failed side: the
health check has to fail (interval x threshold) and resolvers drop their cached answer
(up to the TTL). The records with a routing policy that checks health (Route 53
failover/weighted/latency records, Azure Traffic Manager profiles) say both; with
several, the slowest counts. What no record says (Cloud DNS routing policies are not
read yet) comes from the defaults table (`dns_health_check`, `dns_ttl`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import Architecture, Component, Kind

_R53_CHECK = "aws_route53_health_check"


def ttl(arch: Architecture) -> float | None:
    """The largest TTL a routing DNS record writes (None: none does)."""
    found = [t for c in _routing(arch) if (t := _ttl(c)) is not None]
    return max(found) if found else None


def health_check(arch: Architecture) -> tuple[float, int] | None:
    """(interval, failure threshold) of the slowest health check routing DNS records use."""
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


def _check(arch: Architecture, c: Component) -> tuple[float, int] | None:
    if _profile(c):
        monitor = _first(c.attributes.get("monitor_config"))
        interval = _number(monitor.get("interval_in_seconds"), 30)
        return interval, int(_number(monitor.get("tolerated_number_of_failures"), 3)) + 1
    ref = c.health_check.details.get("health_check_id")
    address = ref[2:].rsplit(".", 1)[0] if isinstance(ref, str) and ref.startswith("${") else ""
    found = arch.components.get(address)
    if found is None or found.resource_type != _R53_CHECK:
        return None
    attrs = found.attributes
    return _number(attrs.get("request_interval"), 30), int(
        _number(attrs.get("failure_threshold"), 3)
    )


def _number(value: Any, default: float) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else default


def _first(value: Any) -> Mapping[str, Any]:
    if isinstance(value, list) and value and isinstance(value[0], Mapping):
        return value[0]
    return value if isinstance(value, Mapping) else {}

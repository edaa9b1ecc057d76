"""Cloud DNS routing policies: which policy a record set uses and whether it checks health.

A `google_dns_record_set` with a `routing_policy` block answers by weight (`wrr`), by
the asker's location (`geo`) or with its primary targets until they are all unhealthy
(`primary_backup`). Cloud DNS moves traffic away from a target only when the target is
health checked: an internal load balancer named in `primary` or `health_checked_targets`
(checked through the load balancer's own backends) or an external endpoint checked by
the policy's `health_check`. The recovery estimate reads the result (recovery/dns.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spofcheck.model import HealthCheck
from spofcheck.parse.terraform.adapters.values import blocks, json_safe, written

POLICIES = ("primary_backup", "wrr", "geo")
_CHECKED = ("internal_load_balancers", "external_endpoints")


def routing_health(attrs: Mapping[str, Any]) -> HealthCheck:
    """The record's routing policy as a health check: on when a target is checked;
    unstated (None) otherwise, so no rule judges a policy it cannot fully read."""
    policy = next(iter(blocks(attrs, "routing_policy")), None)
    if policy is None:
        return HealthCheck()
    kind = next((p for p in POLICIES if blocks(policy, p)), "routing_policy")
    checked = written(policy, "health_check") or _checks_targets(policy)
    details = {
        "routing": kind,
        "health_check_id": json_safe(policy.get("health_check")),
        "health_checked": checked,
    }
    return HealthCheck(enabled=True if checked else None, details=details)


def _checks_targets(policy: Mapping[str, Any]) -> bool:
    """A health-checked target anywhere in the policy's items."""
    items = [p for b in blocks(policy, "primary_backup") for p in blocks(b, "primary")]
    for name in ("wrr", "geo"):
        items += [t for i in blocks(policy, name) for t in blocks(i, "health_checked_targets")]
    for b in blocks(policy, "primary_backup"):
        items += [t for g in blocks(b, "backup_geo") for t in blocks(g, "health_checked_targets")]
    return any(written(item, key) for item in items for key in _CHECKED)

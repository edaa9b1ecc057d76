"""Recovery inputs of the YAML format into component attributes: targets, replication, backups.

The model keeps them in `Component.attributes` (`recovery`, `replication`, `backups`) so
the Architecture's shape, and everything that serializes it, is unchanged; the
top-level `recovery:` targets are copied onto every component, its own keys winning.
"""

from __future__ import annotations

from typing import Any

from spofcheck.model import Component
from spofcheck.parse.yaml_arch.schema import BackupsDoc, ByDisruptionDoc, ComponentDoc, RecoveryDoc

DISRUPTIONS = ("instance", "zone", "region")


def recovery_attributes(doc: ComponentDoc) -> dict[str, Any]:
    """The component's own recovery inputs, in seconds; empty when none is written."""
    out: dict[str, Any] = {}
    if doc.recovery is not None:
        out["recovery"] = targets(doc.recovery)
    if doc.standby is not None and doc.standby.replication is not None:
        out["replication"] = doc.standby.replication
    if isinstance(doc.backups, BackupsDoc):
        out["backups"] = doc.backups.model_dump(exclude_none=True)
    return out


def targets(doc: RecoveryDoc) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("rto", "rpo"):
        value = getattr(doc, key)
        if value is not None:
            out[key] = _by_disruption(value)
    if doc.service is not None:
        out["service"] = doc.service
    return out


def _by_disruption(value: float | str | ByDisruptionDoc) -> dict[str, float]:
    if isinstance(value, ByDisruptionDoc):
        return {k: float(v) for k in DISRUPTIONS if (v := getattr(value, k)) is not None}
    return dict.fromkeys(DISRUPTIONS, float(value))


def with_top_level(component: Component, top: RecoveryDoc | None) -> Component:
    """Top-level targets under the component's own (per disruption type)."""
    if top is None:
        return component
    base = targets(top)
    own = component.attributes.get("recovery", {})
    merged = {
        k: {**base.get(k, {}), **own.get(k, {})} for k in ("rto", "rpo") if k in base or k in own
    }
    if "service" in own:
        merged["service"] = own["service"]
    attributes = {**component.attributes, "recovery": merged}
    return component.model_copy(update={"attributes": attributes})

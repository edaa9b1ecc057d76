"""Which zones a workload's pods run in, known only where the manifest guarantees it.

The scheduler spreads pods over zones on a best-effort basis by default, so without a
hard rule nothing stops every replica landing in one zone. A placement is *guaranteed*
by: a `topologySpreadConstraints` entry on the zone key with `whenUnsatisfiable:
DoNotSchedule`, a required pod anti-affinity on the zone key, or a `nodeSelector` or
required node affinity that allows exactly one zone (pinned). Anything else is reported
as not guaranteed, and no zone is ever guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spofcheck.parse.kubernetes.objects import items, mapping, matches, pod_labels, pod_spec
from spofcheck.parse.kubernetes.read import Obj

ZONE_KEYS = ("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone")


@dataclass(frozen=True)
class Placement:
    """`zones`: one per replica when known; `unguaranteed`: why a spread is not certain."""

    zones: tuple[str, ...] = ()
    unguaranteed: str | None = None
    note: str | None = None


def placement(obj: Obj, replicas: int) -> Placement:
    spec = pod_spec(obj)
    allowed = _allowed_zones(spec)
    if allowed is not None and len(allowed) == 1:
        return Placement(zones=(allowed[0],) * replicas)
    spread = _spread_rule(obj, spec)
    if spread is None:
        where = f" (allowed zones: {', '.join(allowed)})" if allowed else ""
        return Placement(unguaranteed=_UNGUARANTEED + where)
    if allowed and len(allowed) >= 2:
        zones = tuple(allowed[i % len(allowed)] for i in range(replicas))
        note = None
        if spread == "anti-affinity" and replicas > len(allowed):
            note = f"{replicas - len(allowed)} replica(s) cannot be scheduled: one per zone"
        return Placement(zones=zones, note=note)
    return Placement()


_UNGUARANTEED = (
    "nothing guarantees a zone spread: no topologySpreadConstraints on "
    "topology.kubernetes.io/zone with whenUnsatisfiable: DoNotSchedule and no required "
    "pod anti-affinity on the zone key, so the scheduler may place every replica in one zone"
)


def _allowed_zones(spec: dict[str, Any]) -> list[str] | None:
    """Zones the pods may run in, when a node selector or required affinity says."""
    selector = mapping(spec.get("nodeSelector"))
    for key in ZONE_KEYS:
        if key in selector:
            return [str(selector[key])]
    node = mapping(mapping(spec.get("affinity")).get("nodeAffinity"))
    required = mapping(node.get("requiredDuringSchedulingIgnoredDuringExecution"))
    terms = items(required.get("nodeSelectorTerms"))
    if not terms:
        return None
    zones: set[str] = set()
    for term in terms:  # terms are ORed: every term must restrict the zone
        found = _term_zones(term)
        if found is None:
            return None
        zones |= found
    return sorted(zones)


def _term_zones(term: dict[str, Any]) -> set[str] | None:
    for expr in items(term.get("matchExpressions")):
        if expr.get("key") in ZONE_KEYS and expr.get("operator") == "In":
            return {str(v) for v in expr.get("values") or []}
    return None


def _spread_rule(obj: Obj, spec: dict[str, Any]) -> str | None:
    """What guarantees a spread: "spread", "anti-affinity", or None."""
    labels = pod_labels(obj)
    for constraint in items(spec.get("topologySpreadConstraints")):
        if (
            constraint.get("topologyKey") in ZONE_KEYS
            and constraint.get("whenUnsatisfiable") == "DoNotSchedule"
            and _selects(constraint.get("labelSelector"), labels)
        ):
            return "spread"
    anti = mapping(mapping(spec.get("affinity")).get("podAntiAffinity"))
    for term in items(anti.get("requiredDuringSchedulingIgnoredDuringExecution")):
        if term.get("topologyKey") in ZONE_KEYS and _selects(term.get("labelSelector"), labels):
            return "anti-affinity"
    return None


def _selects(selector: Any, labels: dict[str, str]) -> bool:
    """A spread rule only counts the workload's own pods when its selector matches them."""
    return isinstance(selector, dict) and matches(selector, labels)

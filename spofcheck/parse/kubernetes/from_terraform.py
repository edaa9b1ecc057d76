"""Terraform `kubernetes_*` resource bodies → the manifest shape the rest of this package reads.

The kubernetes provider writes each object as nested blocks in snake_case, one block per
list item with a singular name (`container`, `rule`, `path`), and every block as a list.
Keys become camelCase, singular block names their plural field, and a one-element block
list its element (readers accept a lone mapping where Kubernetes has a list).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from spofcheck.model import Location
from spofcheck.parse.kubernetes.read import Obj

KINDS = {
    "kubernetes_deployment": "Deployment",
    "kubernetes_stateful_set": "StatefulSet",
    "kubernetes_daemonset": "DaemonSet",
    "kubernetes_daemon_set": "DaemonSet",
    "kubernetes_replica_set": "ReplicaSet",
    "kubernetes_service": "Service",
    "kubernetes_ingress": "Ingress",
    "kubernetes_pod_disruption_budget": "PodDisruptionBudget",
    "kubernetes_horizontal_pod_autoscaler": "HorizontalPodAutoscaler",
}
_VERSION = re.compile(r"_v\d+(beta\d+)?$")
_PLURAL = {
    "container": "containers",
    "init_container": "initContainers",
    "topology_spread_constraint": "topologySpreadConstraints",
    "node_selector_term": "nodeSelectorTerms",
    "rule": "rules",
    "path": "paths",
    "port": "ports",
}
# Maps whose keys are data (labels, annotations, selectors), not field names.
_DATA_MAPS = frozenset({"labels", "annotations", "selector", "match_labels", "node_selector"})


def kind_of(resource_type: str) -> str | None:
    """`kubernetes_deployment_v1` → "Deployment"; None for types this package does not read."""
    return KINDS.get(_VERSION.sub("", resource_type))


def to_object(resource_type: str, body: Mapping[str, Any], location: Location) -> Obj | None:
    """One instance's body as an object; None without a readable `metadata.name`."""
    kind = kind_of(resource_type)
    if kind is None:
        return None
    shaped = _shape(dict(body))
    meta = shaped.get("metadata") if isinstance(shaped.get("metadata"), dict) else {}
    name, namespace = meta.get("name"), meta.get("namespace")
    if not isinstance(name, str) or not name:
        return None
    namespace = namespace if isinstance(namespace, str) and namespace else "default"
    shaped |= {"apiVersion": "terraform", "kind": kind}
    return Obj(kind, "terraform", name, namespace, shaped, location.file, location.line)


def _shape(value: Any, key: str = "") -> Any:
    if isinstance(value, list):
        shaped = [_shape(v, key) for v in value]
        return shaped[0] if len(shaped) == 1 and isinstance(shaped[0], dict) else shaped
    if not isinstance(value, dict):
        return value
    if key in _DATA_MAPS and not _is_selector_block(value):
        return {str(k): v for k, v in value.items()}
    return {_field(k): _shape(v, k) for k, v in value.items()}


def _is_selector_block(value: dict[str, Any]) -> bool:
    return "match_labels" in value or "match_expressions" in value


def _field(name: str) -> str:
    if name in _PLURAL:
        return _PLURAL[name]
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)

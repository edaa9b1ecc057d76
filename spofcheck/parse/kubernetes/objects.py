"""Small readers over raw Kubernetes objects: pod templates, labels, selectors, numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from spofcheck.parse.kubernetes.read import Obj

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet")
_PERCENT = re.compile(r"^(\d+)%$")


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[dict[str, Any]]:
    """The mappings of a list (anything else in it is ignored); a lone mapping is a list
    of one (Terraform writes a one-element block list the same way as a single block)."""
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def pod_spec(obj: Obj) -> dict[str, Any]:
    return mapping(mapping(obj.spec.get("template")).get("spec"))


def pod_labels(obj: Obj) -> dict[str, str]:
    meta = mapping(mapping(obj.spec.get("template")).get("metadata"))
    return _labels(meta.get("labels"))


def labels(obj: Obj) -> dict[str, str]:
    return _labels(obj.metadata.get("labels"))


def annotations_of(obj: Obj) -> dict[str, str]:
    return _labels(obj.metadata.get("annotations"))


IGNORE_PREFIX = "ignore.spofcheck.io/"


def ignores(obj: Obj) -> dict[str, str]:
    """Suppressions written as annotations: `ignore.spofcheck.io/HA003: <reason>`."""
    found = annotations_of(obj).items()
    return {k.removeprefix(IGNORE_PREFIX): v for k, v in found if k.startswith(IGNORE_PREFIX)}


def _labels(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in mapping(value).items()}


def containers(obj: Obj) -> list[dict[str, Any]]:
    return items(pod_spec(obj).get("containers"))


def matches(selector: Mapping[str, Any], labels: Mapping[str, str]) -> bool:
    """A `LabelSelector` (matchLabels and matchExpressions) against labels."""
    wanted = mapping(selector.get("matchLabels"))
    if any(labels.get(str(k)) != str(v) for k, v in wanted.items()):
        return False
    return all(_expression(e, labels) for e in items(selector.get("matchExpressions")))


def _expression(expr: Mapping[str, Any], labels: Mapping[str, str]) -> bool:
    key, op = str(expr.get("key", "")), str(expr.get("operator", ""))
    values = [str(v) for v in expr.get("values") or [] if v is not None]
    if op == "In":
        return labels.get(key) in values
    if op == "NotIn":
        return labels.get(key) not in values
    if op == "Exists":
        return key in labels
    if op == "DoesNotExist":
        return key not in labels
    return False


def is_empty_selector(selector: Mapping[str, Any]) -> bool:
    return not selector.get("matchLabels") and not selector.get("matchExpressions")


def show_selector(selector: Mapping[str, Any]) -> str:
    """`app=web,tier in (a,b)` the way kubectl prints selectors."""
    parts = [f"{k}={v}" for k, v in sorted(mapping(selector.get("matchLabels")).items())]
    for expr in items(selector.get("matchExpressions")):
        values = ",".join(str(v) for v in expr.get("values") or [])
        parts.append(f"{expr.get('key')} {str(expr.get('operator', '')).lower()} ({values})")
    return ",".join(parts) or "(empty)"


def count(value: Any, total: int, *, round_up: bool) -> int | None:
    """An `IntOrString`: a number, or a percentage of `total` (rounded as Kubernetes does)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None  # a negative count is invalid: not known
    if isinstance(value, str):
        if value.isdigit():
            return int(value)
        found = _PERCENT.match(value)
        if found:
            share = int(found.group(1)) * total / 100
            return math.ceil(share) if round_up else math.floor(share)
    return None


def integer(value: Any) -> int | None:
    """A non-negative integer (or its digits as text); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None

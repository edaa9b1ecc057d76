"""Evaluate a declarative rule's `match` on one component; unknown values stay quiet."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spofcheck.engine.spec import Condition, Match, Op
from spofcheck.model import Component

_MISSING = object()


class Undecided(Exception):
    """The value a condition needs is not known from the code."""


def matches(match: Match, component: Component) -> bool:
    """True when the component violates the rule; False when it passes or is undecided."""
    try:
        if not all(_test(c, component) for c in match.all):
            return False
        return not match.any or any(_test(c, component) for c in match.any)
    except Undecided:
        return False


def field_value(component: Component, path: str) -> Any:
    """`replicas`, `health_check.enabled`, `attributes.stickiness.0.enabled`, …"""
    head, _, rest = path.partition(".")
    value: Any = getattr(component, head, _MISSING)
    for part in rest.split(".") if rest else ():
        value = _step(value, part)
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return value


def _step(value: Any, part: str) -> Any:
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        return value.get(part, _MISSING)
    if isinstance(value, list) and part.isdigit():
        index = int(part)
        return value[index] if index < len(value) else _MISSING
    return _MISSING


def _is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("${") and value.endswith("}")


def _test(cond: Condition, component: Component) -> bool:
    value = field_value(component, cond.field)
    if cond.op is Op.EXISTS:
        return value is not _MISSING and value is not None
    if cond.op is Op.MISSING:
        return value is _MISSING or value is None
    if value is _MISSING or _is_unknown(value):
        raise Undecided(cond.field)
    return _COMPARE[cond.op](value, cond.value)


def _ordered(fn: Callable[[float, float], bool]) -> Callable[[Any, Any], bool]:
    def compare(value: Any, limit: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Undecided("not a number")
        return fn(float(value), float(limit))

    return compare


_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQUALS: lambda v, x: bool(v == x),
    Op.NOT_EQUALS: lambda v, x: bool(v != x),
    Op.IN: lambda v, x: v in x,
    Op.NOT_IN: lambda v, x: v not in x,
    Op.GT: _ordered(lambda v, x: v > x),
    Op.GTE: _ordered(lambda v, x: v >= x),
    Op.LT: _ordered(lambda v, x: v < x),
    Op.LTE: _ordered(lambda v, x: v <= x),
    Op.MATCHES: lambda v, x: re.search(str(x), str(v)) is not None,
}

"""Evaluate a declarative rule's `match` on one component; unknown values stay quiet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spofcheck.engine.spec import Condition, Match, Op
from spofcheck.model import Component
from spofcheck.parse.terraform.adapters.attrs import is_unknown, show
from spofcheck.regex import PatternError, search

_MISSING = object()


class Undecided(Exception):
    """The value a condition needs is not known from the code."""


def cause(match: Match, component: Component) -> str | None:
    """What made the rule fire, e.g. "multi_az = false"; None when it does not fire.

    Every `all` condition must hold and, when `any` is given, at least one of those; the
    cause lists the conditions that held. An undecided `all` condition makes the rule
    quiet; an undecided `any` condition only counts when no other one holds.
    """
    verdicts = [_verdict(c, component) for c in match.all]
    if not all(v is True for v in verdicts):
        return None
    hits = [c for c in match.any if _verdict(c, component) is True]
    if match.any and not hits:
        return None
    return ", ".join(describe(c, component) for c in [*match.all, *hits])


def _verdict(cond: Condition, component: Component) -> bool | None:
    try:
        return _test(cond, component)
    except Undecided:
        return None


def describe(cond: Condition, component: Component) -> str:
    """One condition as a reader would say it of this component."""
    name = cond.field.removeprefix("attributes.")
    if cond.op is Op.MISSING:
        return f"{name} is not set"
    value = field_value(component, cond.field)
    if cond.op is Op.EXISTS or value is _MISSING:
        return f"{name} is set"
    return f"{name} = {show(value)}"


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
    if is_unknown(value):
        raise Undecided(part)
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, dict):
        return value.get(part, _MISSING)
    if isinstance(value, list) and part.isdigit():
        index = int(part)
        return value[index] if index < len(value) else _MISSING
    return _MISSING


def _test(cond: Condition, component: Component) -> bool:
    value = field_value(component, cond.field)
    if is_unknown(value):
        raise Undecided(cond.field)
    if cond.op is Op.EXISTS:
        return value is not _MISSING and value is not None
    if cond.op is Op.MISSING:
        return value is _MISSING or value is None
    if value is _MISSING:
        raise Undecided(cond.field)
    return _COMPARE[cond.op](value, cond.value)


def _ordered(fn: Callable[[float, float], bool]) -> Callable[[Any, Any], bool]:
    def compare(value: Any, limit: Any) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Undecided("not a number")
        return fn(float(value), float(limit))

    return compare


def _matches(text: str, pattern: str) -> bool:
    """RE2, linear time: a rule folder may come from a pull request (see spofcheck/regex.py)."""
    try:
        return search(pattern, text) is not None
    except PatternError:
        raise Undecided(pattern) from None


def _equals(value: Any, expected: Any) -> bool:
    # Terraform turns "false" into false where a bool is expected; compare the same way.
    if isinstance(expected, bool) and isinstance(value, str):
        return value.lower() == str(expected).lower()
    return bool(value == expected)


_COMPARE: dict[Op, Callable[[Any, Any], bool]] = {
    Op.EQUALS: _equals,
    Op.NOT_EQUALS: lambda v, x: not _equals(v, x),
    Op.IN: lambda v, x: v in x,
    Op.NOT_IN: lambda v, x: v not in x,
    Op.GT: _ordered(lambda v, x: v > x),
    Op.GTE: _ordered(lambda v, x: v >= x),
    Op.LT: _ordered(lambda v, x: v < x),
    Op.LTE: _ordered(lambda v, x: v <= x),
    Op.MATCHES: lambda v, x: _matches(str(v), str(x)),
}

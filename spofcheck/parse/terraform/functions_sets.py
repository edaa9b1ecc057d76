"""Set functions: `toset`, `distinct`, `setunion`, `setintersection`, `setsubtract`.

Sets are Python lists in Terraform's order (lexical for strings, numeric for numbers).
Scalars are compared through hashed keys (linear time); collections pairwise, which is
quadratic, so that is refused beyond a couple of thousand elements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spofcheck.parse.terraform.functions_scalars import FunctionError, arity
from spofcheck.parse.terraform.operators import equal
from spofcheck.parse.terraform.values import NUMBER


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise FunctionError("a list is required")
    return value


def as_set(items: list[Any]) -> list[Any]:
    """Distinct elements in Terraform's set order (lexical for strings, numeric for numbers)."""
    distinct = _distinct([items])
    if all(isinstance(v, str) for v in distinct) or all(
        isinstance(v, NUMBER) and not isinstance(v, bool) for v in distinct
    ):
        return sorted(distinct)
    return list(distinct)


def _toset(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return as_set(_list(value))


def _distinct(args: Sequence[Any]) -> Any:
    (items,) = arity(args, 1)
    values = _list(items)
    if all(type(v) in _SCALAR_TYPES for v in values):  # hashable: linear time
        seen: dict[tuple[type, Any], Any] = {}
        for value in values:
            seen.setdefault(_scalar_key(value), value)
        return list(seen.values())
    if len(values) > _MAX_PAIRWISE:
        raise FunctionError("too many collections to compare")
    out: list[Any] = []
    for item in values:
        if not any(equal(item, kept) for kept in out):
            out.append(item)
    return out


_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


def _hashable(values: list[Any]) -> bool:
    return all(type(v) in _SCALAR_TYPES for v in values)


def _scalar_key(value: Any) -> tuple[type, Any]:
    """Equal keys for values Terraform calls equal: 1 and 1.0 yes, 1 and true no."""
    return (int if type(value) is float else type(value), value)


_MAX_PAIRWISE = 2_000  # distinct() of collections compares pairs: quadratic


def _set_op(kind: str) -> Callable[[Sequence[Any]], Any]:
    def run(args: Sequence[Any]) -> Any:
        sets = [as_set(_list(a)) for a in args]
        if not sets:
            raise FunctionError("at least one set is required")
        if kind == "union":
            return as_set([v for s in sets for v in s])
        first, rest = sets[0], sets[1:]
        if all(_hashable(s) for s in sets):  # linear time with hashed keys
            keys = [{_scalar_key(v) for v in s} for s in rest]
            inside = [all(_scalar_key(v) in k for k in keys) for v in first]
        elif sum(len(s) for s in sets) > _MAX_PAIRWISE:
            raise FunctionError("too many collections to compare")
        else:
            inside = [all(any(equal(v, w) for w in s) for s in rest) for v in first]
        want = kind == "intersection"
        return [v for v, hit in zip(first, inside, strict=True) if hit is want]

    return run


SET_FUNCTIONS: dict[str, tuple[Callable[[Sequence[Any]], Any], str]] = {
    "toset": (_toset, "STRICT"),
    "distinct": (_distinct, "STRICT"),
    "setunion": (_set_op("union"), "STRICT"),
    "setintersection": (_set_op("intersection"), "STRICT"),
    "setsubtract": (_set_op("subtract"), "STRICT"),
}

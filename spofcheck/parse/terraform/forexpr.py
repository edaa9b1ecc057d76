"""`for` expressions: `[for x in xs : f(x) if c]` and `{for k, v in m : k => v...}`."""

from __future__ import annotations

from typing import Any

from spofcheck.parse.terraform.operators import TypeMismatch, to_bool, to_string
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import Evaluator, Scope
from spofcheck.parse.terraform.syntax import Expr
from spofcheck.parse.terraform.unparse import unparse
from spofcheck.parse.terraform.values import UNSETTLED, Invalid, unknown_from


def iterate(collection: Any) -> list[tuple[Any, Any]] | None:
    """(key, value) pairs of a list (index) or map (sorted keys); None if not iterable."""
    if isinstance(collection, list):
        return list(enumerate(collection))
    if isinstance(collection, dict):
        return [(k, collection[k]) for k in sorted(collection)]
    return None


class _Abort(Exception):
    """The whole for expression is unknown or invalid: carries that value."""

    def __init__(self, value: Unknown) -> None:
        super().__init__()
        self.value = value


def evaluate_for(node: Expr, scope: Scope, evaluate: Evaluator) -> Any:
    _, key_var, value_var, collection_node, key_node, value_node, cond_node, group = node
    collection = evaluate(collection_node, scope)
    if isinstance(collection, UNSETTLED):
        return unknown_from(unparse(node), [collection])
    pairs = iterate(collection)
    if pairs is None:
        return Invalid(expr=unparse(node))
    budget = scope.values.budget
    if not budget.spend(len(pairs) + 1):
        return Unknown(expr=unparse(node))  # out of budget: not even a walk for refs
    tuple_out: list[Any] = []
    object_out: dict[str, Any] = {}
    try:
        for key, value in pairs:
            if budget.exhausted:
                return Unknown(expr=unparse(node))
            names = {value_var: value} if key_var is None else {key_var: key, value_var: value}
            inner = scope.with_iterators(names)
            if cond_node is not None and not _accepts(evaluate(cond_node, inner), node):
                continue
            if key_node is None:
                tuple_out.append(evaluate(value_node, inner))
            else:
                _put(
                    object_out, evaluate(key_node, inner), evaluate(value_node, inner), group, node
                )
    except _Abort as abort:
        return abort.value
    return tuple_out if key_node is None else object_out


def _accepts(condition: Any, node: Expr) -> bool:
    if isinstance(condition, Unknown):
        raise _Abort(unknown_from(unparse(node), [condition]))
    try:
        return to_bool(condition)
    except TypeMismatch:
        raise _Abort(Invalid(expr=unparse(node))) from None


def _put(out: dict[str, Any], key: Any, value: Any, group: bool, node: Expr) -> None:
    if isinstance(key, Unknown):
        raise _Abort(unknown_from(unparse(node), [key]))
    try:
        name = to_string(key)
    except TypeMismatch:
        raise _Abort(Invalid(expr=unparse(node))) from None
    if group:
        out.setdefault(name, []).append(value)
    elif name in out:
        raise _Abort(Invalid(expr=unparse(node)))  # duplicate key without `...`
    else:
        out[name] = value

"""Evaluate syntax-tree expressions to Python values, `Unknown` where Terraform can't know yet.

Never raises for bad input: what Terraform would reject becomes `Invalid` (an Unknown
that `try()` skips); what depends on apply-time values becomes `Unknown`/`Ref`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.forexpr import evaluate_for
from spofcheck.parse.terraform.functions import call
from spofcheck.parse.terraform.functions_scalars import MAX_STRING
from spofcheck.parse.terraform.operators import (
    TypeMismatch,
    binary,
    equal,
    short_circuit,
    to_bool,
    to_int,
    to_string,
    unary,
)
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import Scope
from spofcheck.parse.terraform.syntax import Expr
from spofcheck.parse.terraform.unparse import unparse
from spofcheck.parse.terraform.values import (
    UNSETTLED,
    BlockDict,
    InstanceView,
    Invalid,
    PendingView,
    known,
    make_ref,
    unknown_from,
)


def evaluate(node: Expr, scope: Scope) -> Any:
    """The value of `node` in `scope` (internal views included; see values.finalize)."""
    return _EVAL[node[0]](node, scope)


def _name(node: Expr, scope: Scope) -> Any:
    return scope.lookup(node[1])


def get_attr(obj: Any, name: str, node: Expr) -> Any:
    if isinstance(obj, dict):
        value = obj.get(name, _ABSENT)
        if value is _ABSENT or (value is None and type(obj) is BlockDict):
            return _missing(obj, node)
        return value
    if isinstance(obj, InstanceView):
        return obj.get(name)
    if isinstance(obj, PendingView):
        return make_ref(obj.address, None, name)
    if isinstance(obj, Unknown):
        return unknown_from(unparse(node), [obj])
    return Invalid(expr=unparse(node))


def get_index(obj: Any, key: Any, node: Expr) -> Any:
    if isinstance(obj, PendingView) and not isinstance(key, Unknown):
        return obj.instance(key)
    if isinstance(obj, UNSETTLED) or isinstance(key, Unknown):
        return unknown_from(unparse(node), [obj, key])
    try:
        if isinstance(obj, list):
            position = to_int(key)
            return obj[position] if 0 <= position < len(obj) else Invalid(expr=unparse(node))
        if isinstance(obj, dict):
            name = to_string(key)
            return obj[name] if name in obj else _missing(obj, node)
    except TypeMismatch:
        pass
    return Invalid(expr=unparse(node))


_ABSENT = object()


def _missing(obj: dict[str, Any], node: Expr) -> Any:
    if type(obj) is BlockDict:  # computed inside a configured block: unknown, not an error
        return Unknown(expr=unparse(node), refs=frozenset({obj.owner}))
    return Invalid(expr=unparse(node))


def _getattr(node: Expr, scope: Scope) -> Any:
    return get_attr(evaluate(node[1], scope), node[2], node)


def _index(node: Expr, scope: Scope) -> Any:
    return get_index(evaluate(node[1], scope), evaluate(node[2], scope), node)


def _splat(node: Expr, scope: Scope) -> Any:
    obj = evaluate(node[1], scope)
    if isinstance(obj, UNSETTLED):
        return unknown_from(unparse(node), [obj])
    items = [] if obj is None else obj if isinstance(obj, list) else [obj]
    steps = [
        (step[0], step[1] if step[0] == s.GETATTR else evaluate(step[1], scope)) for step in node[2]
    ]
    result = []
    for item in items:
        value = item
        for kind, arg in steps:
            value = get_attr(value, arg, node) if kind == s.GETATTR else get_index(value, arg, node)
        result.append(value)
    return result


def _template(node: Expr, scope: Scope) -> Any:
    out: list[str] = []
    pending: list[Any] = []
    for part in node[1]:
        if isinstance(part, str):
            out.append(part)
            continue
        value = evaluate(part, scope)
        if isinstance(value, UNSETTLED):
            pending.append(value)
            continue
        try:
            out.append(to_string(value))
        except TypeMismatch:
            return Invalid(expr=unparse(node))
    if pending:
        return unknown_from(unparse(node), pending)
    if sum(map(len, out)) > MAX_STRING:  # checked before the join allocates it
        return Invalid(expr=unparse(node))
    return "".join(out)


def _directive(node: Expr, scope: Scope) -> Any:
    values = [evaluate(e, scope) for e in node[1]]
    return Unknown(expr=unparse(node), refs=unknown_from("", values).refs)


def _tuple(node: Expr, scope: Scope) -> Any:
    return [evaluate(item, scope) for item in node[1]]


def _object(node: Expr, scope: Scope) -> Any:
    result: dict[str, Any] = {}
    for key_node, value_node in node[1]:
        key = evaluate(key_node, scope)
        if isinstance(key, Unknown):
            return unknown_from(unparse(node), [key])
        try:
            result[to_string(key)] = evaluate(value_node, scope)
        except TypeMismatch:
            return Invalid(expr=unparse(node))
    return result


def _binary(node: Expr, scope: Scope) -> Any:
    op = node[1]
    left = evaluate(node[2], scope)
    right = evaluate(node[3], scope)
    if not (known(left) and known(right)):
        decided = short_circuit(op, left, right)
        return decided if decided is not None else unknown_from(unparse(node), [left, right])
    try:
        return binary(op, left, right)
    except (TypeMismatch, TypeError, OverflowError):
        return Invalid(expr=unparse(node))


def _unary(node: Expr, scope: Scope) -> Any:
    operand = evaluate(node[2], scope)
    if not known(operand):
        return unknown_from(unparse(node), [operand])
    try:
        return unary(node[1], operand)
    except TypeMismatch:
        return Invalid(expr=unparse(node))


def _cond(node: Expr, scope: Scope) -> Any:
    test = evaluate(node[1], scope)
    if isinstance(test, Unknown):
        then = evaluate(node[2], scope)
        otherwise = evaluate(node[3], scope)
        if known(then) and known(otherwise) and equal(then, otherwise):
            return then
        return unknown_from(unparse(node), [test, then, otherwise])
    try:
        chosen = node[2] if to_bool(test) else node[3]
    except TypeMismatch:
        return Invalid(expr=unparse(node))
    return evaluate(chosen, scope)


def _lit(node: Expr, scope: Scope) -> Any:
    return node[1]


def _call(node: Expr, scope: Scope) -> Any:
    return call(node, scope, evaluate)


def _for(node: Expr, scope: Scope) -> Any:
    return evaluate_for(node, scope, evaluate)


_EVAL: dict[str, Callable[[Expr, Scope], Any]] = {
    s.LIT: _lit,
    s.TEMPLATE: _template,
    s.DIRECTIVE: _directive,
    s.NAME: _name,
    s.GETATTR: _getattr,
    s.INDEX: _index,
    s.SPLAT: _splat,
    s.TUPLE: _tuple,
    s.OBJECT: _object,
    s.CALL: _call,
    s.BINARY: _binary,
    s.UNARY: _unary,
    s.COND: _cond,
    s.FOR: _for,
}

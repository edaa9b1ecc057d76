"""Function calls: the registry, how unknown arguments propagate, and `try`/`can`.

Each function is registered with a mode saying how much of its arguments must be known:
STRICT (everything, deeply: `join`, `upper`), SHALLOW (the arguments themselves, not what
they contain: `length` of a list of unknowns is known) or RAW (the function decides:
`coalesce` skips nulls before an unknown matters). Functions that read files or the
environment are not registered: calls to them, and to any unknown function, are Unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from spofcheck.parse.terraform.functions_collections import COLLECTION_FUNCTIONS, MAX_LIST
from spofcheck.parse.terraform.functions_scalars import SCALAR_FUNCTIONS, FunctionError
from spofcheck.parse.terraform.functions_sets import SET_FUNCTIONS
from spofcheck.parse.terraform.operators import TypeMismatch
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import Evaluator, Scope
from spofcheck.parse.terraform.syntax import Expr
from spofcheck.parse.terraform.unparse import unparse
from spofcheck.parse.terraform.values import CONTAINER, UNSETTLED, Invalid, known, unknown_from


class Mode(Enum):
    STRICT = "strict"
    SHALLOW = "shallow"
    RAW = "raw"


Function = Callable[[Sequence[Any]], Any]
REGISTRY: dict[str, tuple[Function, Mode]] = {
    **{name: (fn, Mode[mode]) for name, (fn, mode) in COLLECTION_FUNCTIONS.items()},
    **{name: (fn, Mode[mode]) for name, (fn, mode) in SCALAR_FUNCTIONS.items()},
    **{name: (fn, Mode[mode]) for name, (fn, mode) in SET_FUNCTIONS.items()},
}
_ERRORS = (
    FunctionError,
    TypeMismatch,
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    ZeroDivisionError,
    OverflowError,
    re.error,
)


def call(node: Expr, scope: Scope, evaluate: Evaluator) -> Any:
    """The value of a function call node."""
    name, arg_nodes, expand = node[1], node[2], node[3]
    if name == "try":
        return _try(arg_nodes, scope, evaluate, node)
    if name == "can":
        return _can(arg_nodes, scope, evaluate)
    args = [evaluate(a, scope) for a in arg_nodes]
    if expand and args:
        last = args.pop()
        if not isinstance(last, list):
            return unknown_from(unparse(node), [last], invalid=not isinstance(last, Unknown))
        args.extend(last)
    entry = REGISTRY.get(name)
    if entry is None:  # file(), templatefile(), provider functions...: never evaluated
        return Unknown(expr=unparse(node), refs=unknown_from("", args).refs)
    return apply(entry, args, node)


def apply(entry: tuple[Function, Mode], args: list[Any], node: Expr) -> Any:
    fn, mode = entry
    if mode is Mode.STRICT and not all(known(a) for a in args):
        return unknown_from(unparse(node), args)
    if mode is Mode.SHALLOW and any(isinstance(a, UNSETTLED) for a in args):
        return unknown_from(unparse(node), args)
    try:
        result = fn(args)
    except _ERRORS:
        return Invalid(expr=unparse(node))
    if isinstance(result, Unknown) and not result.expr:
        return unknown_from(unparse(node), args, invalid=isinstance(result, Invalid))
    if isinstance(result, CONTAINER) and len(result) > MAX_LIST:
        return Invalid(expr=unparse(node))  # bounded memory: doubling concat() chains
    return result


def _has_invalid(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Invalid):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _try(arg_nodes: Sequence[Expr], scope: Scope, evaluate: Evaluator, node: Expr) -> Any:
    """The first argument that evaluates without error (it may still be unknown)."""
    for arg in arg_nodes:
        value = evaluate(arg, scope)
        if not _has_invalid(value):
            return value
    return Invalid(expr=unparse(node))


def _can(arg_nodes: Sequence[Expr], scope: Scope, evaluate: Evaluator) -> Any:
    if len(arg_nodes) != 1:
        return Invalid(expr="can(...)")
    value = evaluate(arg_nodes[0], scope)
    if _has_invalid(value):
        return False
    if not known(value):
        return unknown_from("can(...)", [value])
    return True

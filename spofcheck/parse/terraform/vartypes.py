"""Apply a variable's `type` constraint to its value, as far as it changes what we compute.

Scalars convert (`"2"` for a `number` is 2), sets sort and de-duplicate, and object
types fill attributes declared `optional(type, default)` that the value leaves out —
modern modules read those (`each.value.min_size`) and Terraform sets them to the
default or null. Anything that does not fit is kept as given: we never reject input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.functions_sets import as_set
from spofcheck.parse.terraform.operators import TypeMismatch, to_bool, to_number, to_string
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import ModuleValues, Scope
from spofcheck.parse.terraform.syntax import Expr
from spofcheck.parse.terraform.values import known

_MAX_DEPTH = 24
_SCALARS: dict[str, Callable[[Any], Any]] = {
    "number": to_number,
    "bool": to_bool,
    "string": to_string,
}


def conform(value: Any, type_expr: Expr | None, depth: int = 0) -> Any:
    """`value` converted to the type `type_expr` describes (a syntax node), where we can."""
    if type_expr is None or value is None or isinstance(value, Unknown) or depth > _MAX_DEPTH:
        return value
    if type_expr[0] == s.NAME and type_expr[1] in _SCALARS:
        try:
            return _SCALARS[type_expr[1]](value)
        except TypeMismatch:
            return value
    if type_expr[0] != s.CALL or len(type_expr[2]) != 1:
        return value
    name, inner = type_expr[1], type_expr[2][0]
    if name == "object" and inner[0] == s.OBJECT and isinstance(value, dict):
        return _object(value, inner, depth)
    if name == "map" and isinstance(value, dict):
        return {k: conform(v, inner, depth + 1) for k, v in value.items()}
    if name in ("list", "set") and isinstance(value, list):
        items = [conform(v, inner, depth + 1) for v in value]
        return as_set(items) if name == "set" and known(items) else items
    return value


def _object(value: dict[str, Any], spec: Expr, depth: int) -> dict[str, Any]:
    out = dict(value)
    for key_node, declared in spec[1]:
        if key_node[0] != s.LIT or not isinstance(key_node[1], str):
            continue
        key, attr_type = key_node[1], declared
        if _is_optional(declared):
            args = declared[2]
            if out.get(key) is None:
                out[key] = _default(args[1]) if len(args) > 1 else None
            attr_type = args[0]
        if key in out:
            out[key] = conform(out[key], attr_type, depth + 1)
    return out


def _is_optional(node: Expr) -> bool:
    return node[0] == s.CALL and node[1] == "optional" and 1 <= len(node[2]) <= 2


def _default(node: Expr) -> Any:
    return evaluate(node, Scope(ModuleValues()))

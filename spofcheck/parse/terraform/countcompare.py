"""A comparison of an unknown with a number as one literal, so complements match.

`count = length(var.x) > 0 ? 1 : 0` beside `count = length(var.x) == 0 ? 1 : 0` is the
common spelling of two variants of which exactly one exists. Compared as source text the
two conditions are unrelated; written as one literal with a polarity they are a literal
and its opposite. Only exact complements are made to meet:

- any number `a`: `a > n` / `a <= n`, `a < n` / `a >= n`, `a == n` / `a != n`;
- `a` a `length(...)` call (a whole number, never negative): every comparison with a
  whole `n` becomes `a >= k` or its opposite, so `> 0`, `>= 1`, `!= 0` are one literal
  and `== 0`, `< 1`, `<= 0` its opposite.

`a == "x"` beside `a == "y"` is never made to meet (both may be false); comparisons with
anything but a known number are left to the caller's reading by text.
"""

from __future__ import annotations

from typing import Any

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import Scope
from spofcheck.parse.terraform.values import known

Literal = tuple[str, bool]

# `n OP a` read as `a FLIPPED[OP] n`
COMPARISONS = frozenset({">", "<", ">=", "<=", "==", "!="})
_FLIPPED = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "==": "==", "!=": "!="}
# each operator as (canonical operator, whether the canonical comparison holds)
_CANONICAL = {
    ">": (">", True),
    "<=": (">", False),
    ">=": (">=", True),
    "<": (">=", False),
    "==": ("==", True),
    "!=": ("==", False),
}


def comparison(expr: s.Expr, scope: Scope) -> Literal | None:
    """`a OP n` (or `n OP a`) with `a` unknown and `n` a known number, as one literal."""
    op, left_node, right_node = expr[1], expr[2], expr[3]
    left, right = evaluate(left_node, scope), evaluate(right_node, scope)
    if _number(left) is not None and _usable(right):  # `0 < a` is `a > 0`
        op, left_node, left, right = _FLIPPED[op], right_node, right, left
    number = _number(right)
    if number is None or not _usable(left):
        return None
    text = left.expr.strip()
    if _is_length(left_node) and isinstance(number, int):
        counted = _whole_literal(text, op, number)
        if counted is not None:
            return counted
    canonical, holds = _CANONICAL[op]
    return f"{text} {canonical} {number}", holds


def _whole_literal(text: str, op: str, number: int) -> Literal | None:
    """`text >= k` (or its opposite) for a whole, non-negative `text`; None when the
    comparison is not an order one (`== 2`) or always decided (`>= 0`)."""
    bounds = {">=": (number, True), ">": (number + 1, True), "<": (number, False)}
    bounds["<="] = (number + 1, False)
    if number == 0:
        bounds.update({"!=": (1, True), "==": (1, False)})
    if op not in bounds or bounds[op][0] <= 0:
        return None
    least, holds = bounds[op]
    return f"{text} >= {least}", holds


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not known(value):
        return None
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _usable(value: Any) -> bool:
    """An unknown named by its full source text (cut texts end in "..." and could collide)."""
    return isinstance(value, Unknown) and bool(value.expr) and not value.expr.endswith("...")


def _is_length(node: s.Expr) -> bool:
    """A `length(x)` call, not expanded (`length(x...)`): a whole number, never negative."""
    return node[0] == s.CALL and node[1] == "length" and not node[3]

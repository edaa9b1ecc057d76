"""An unknown `count` that only switches a resource on or off (`var.x ? 1 : 0`).

Modules often write two variants of one thing and create exactly one of them
(`count = var.x ? 1 : 0` beside `count = var.x ? 0 : 1`). Each count alone is unknown,
but the pair is not: the adapters fold such variants into one component (issue 17)
instead of two that look redundant. This module only reads the condition; which
resources are variants of each other is decided in `adapters/variants.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.countcompare import COMPARISONS, comparison
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.instances import MAX_INSTANCES, Expansion, counted
from spofcheck.parse.terraform.moduleconfig import DeclaredLocal
from spofcheck.parse.terraform.operators import TypeMismatch, to_int
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import Scope
from spofcheck.parse.terraform.values import known

Literal = tuple[str, bool]  # (an unknown condition's source text, whether it must hold)
# `!var.x` as the text of an unknown (a local set to it): the reference and a polarity
_NEGATED_NAME = re.compile(r'^!([A-Za-z_][\w.\-\["\]]*)$')


@dataclass(frozen=True)
class CountSwitch:
    """The resource has `size` instances exactly when every literal holds (when
    `negated`: when not all of them hold), and none otherwise."""

    literals: frozenset[Literal]
    negated: bool
    size: int

    def excludes(self, other: CountSwitch) -> bool:
        """Never both on: a literal one needs is the opposite of one the other needs, or
        one needs all the literals whose conjunction switches the other off."""
        if not self.negated and not other.negated:
            return any((text, not holds) in other.literals for text, holds in self.literals)
        if self.negated and other.negated:
            return False
        on, off = (other, self) if self.negated else (self, other)
        return off.literals <= on.literals

    def complements(self, other: CountSwitch) -> bool:
        """Exactly one of the two is on, whatever the unknown values are."""
        if self.negated != other.negated:
            return self.literals == other.literals
        if self.negated or len(self.literals) != 1 or len(other.literals) != 1:
            return False
        return self.excludes(other)


@dataclass(frozen=True)
class _Reader:
    """Evaluates leaves in `scope`; follows `local.x` into its expression (`locals`)."""

    scope: Scope
    locals: Mapping[str, s.Expr]


def block_switch(
    block: s.Block, scope: Scope, locals_: Mapping[str, DeclaredLocal]
) -> CountSwitch | None:
    """The switch a resource block's unknown `count` is, if any (module `locals_`)."""
    count = block.attributes.get("count")
    if count is None:
        return None
    return count_switch(count[0], scope, {n: d.attribute[0] for n, d in locals_.items()})


def switched_expansion(
    block: s.Block, scope: Scope, locals_: Mapping[str, DeclaredLocal], expansion: Expansion
) -> tuple[Expansion, CountSwitch | None]:
    """An unknown count that is an on/off switch of known size N expands to the N
    instances the block has when it exists (the switch says under which condition)."""
    if not expansion.unknown or expansion.problem:
        return expansion, None
    switch = block_switch(block, scope, locals_)
    if switch is None or switch.size > MAX_INSTANCES:
        return expansion, switch
    return counted(switch.size, scope), switch


def count_switch(
    expr: s.Expr, scope: Scope, locals_: Mapping[str, s.Expr] | None = None
) -> CountSwitch | None:
    """The switch an unknown `count = test ? n : 0` (or `test ? 0 : n`) is, else None.

    `locals_` (the module's `locals` expressions) lets `local.on = var.a && !var.b` be
    read as its parts rather than as one opaque condition."""
    if expr[0] != s.COND:
        return None
    sizes = (_whole(expr[2], scope), _whole(expr[3], scope))
    test = _test(expr[1], _Reader(scope, locals_ or {}), _DEPTH)
    if test is None or None in sizes:
        return None
    literals, negated = test
    if sizes[0] and not sizes[1]:
        return _switch(literals, negated, int(sizes[0] or 0))
    if sizes[1] and not sizes[0]:
        return _switch(literals, not negated, int(sizes[1] or 0))
    return None


def _switch(literals: frozenset[Literal], negated: bool, size: int) -> CountSwitch | None:
    normal = _normal(literals, negated)
    return None if normal is None else CountSwitch(normal[0], normal[1], size)


def _whole(expr: s.Expr, scope: Scope) -> int | None:
    value = evaluate(expr, scope)
    if not known(value):
        return None
    try:
        number = to_int(value)
    except TypeMismatch:
        return None
    return number if number >= 0 else None


_DEPTH = 16  # nested operators and locals followed; deeper conditions are no switch


def _test(expr: s.Expr, reader: _Reader, depth: int) -> tuple[frozenset[Literal], bool] | None:
    """The condition as a conjunction of unknown literals, possibly negated as a whole."""
    if depth <= 0:
        return None
    if expr[0] == s.UNARY and expr[1] == "!":
        inner = _test(expr[2], reader, depth - 1)
        return None if inner is None else _normal(inner[0], not inner[1])
    if expr[0] == s.BINARY and expr[1] in COMPARISONS:
        compared = comparison(expr, reader.scope)
        if compared is not None:
            return frozenset({compared}), False
    if expr[0] == s.BINARY and expr[1] == "!=":  # `a != b` is `!(a == b)`
        return _test((s.UNARY, "!", (s.BINARY, "==", expr[2], expr[3])), reader, depth - 1)
    if expr[0] == s.BINARY and expr[1] == "&&":
        left, right = _test(expr[2], reader, depth - 1), _test(expr[3], reader, depth - 1)
        if left is None or right is None or left[1] or right[1]:
            return None  # a negated conjunction inside is a disjunction: not followed
        return left[0] | right[0], False
    value = evaluate(expr, reader.scope)
    local = _local_name(expr)
    if isinstance(value, Unknown) and local is not None and local in reader.locals:
        return _test(reader.locals[local], reader, depth - 1)
    return _atom(value)


def _local_name(expr: s.Expr) -> str | None:
    """`x` of `local.x`, else None."""
    if expr[0] == s.GETATTR and expr[1] == (s.NAME, "local"):
        return str(expr[2])
    return None


def _atom(value: Any) -> tuple[frozenset[Literal], bool] | None:
    """A known `true` drops out of a conjunction; an unknown is a literal named by its
    source text (cut texts end in "..." and could collide: not used)."""
    if value is True:
        return frozenset(), False
    if not isinstance(value, Unknown) or not value.expr or value.expr.endswith("..."):
        return None
    text = value.expr.strip()
    negated = _NEGATED_NAME.match(text)
    literal = (negated.group(1), False) if negated else (text, True)
    return frozenset({literal}), False


def _normal(literals: frozenset[Literal], negated: bool) -> tuple[frozenset[Literal], bool] | None:
    """A negated single literal is the opposite literal; `not true` is never on (None)."""
    if not negated:
        return literals, False
    if not literals:
        return None
    if len(literals) == 1:
        ((text, holds),) = literals
        return frozenset({(text, not holds)}), False
    return literals, True

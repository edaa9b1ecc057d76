"""count / for_each expansion and block bodies (nested and `dynamic` blocks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.forexpr import iterate
from spofcheck.parse.terraform.operators import TypeMismatch, to_int
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import Scope
from spofcheck.parse.terraform.syntax import Block
from spofcheck.parse.terraform.unparse import unparse
from spofcheck.parse.terraform.values import UNSETTLED, BlockDict, known, refs_of, unknown_from

RESOURCE_META = frozenset({"count", "for_each", "provider", "depends_on"})
# More instances than this are not expanded: the count is reported as unknown.
MAX_INSTANCES = 10_000


@dataclass
class Expansion:
    """The instances a block has: (key, scope) pairs, or one representative when unknown."""

    instances: list[tuple[int | str | None, Scope]] = field(default_factory=list)
    unknown: bool = False
    kind: str = "single"  # "single" | "count" | "for_each"
    problem: str | None = None  # an error to report (invalid or too large count)


def expand(block: Block, scope: Scope) -> Expansion:
    attrs = block.attributes
    if "count" in attrs:
        return _count(attrs["count"][0], scope)
    if "for_each" in attrs:
        return _for_each(attrs["for_each"][0], scope)
    return Expansion([(None, scope)])


def unknown_expansion(kind: str, scope: Scope, refs: frozenset[str] = frozenset()) -> Expansion:
    """One representative instance with count.index / each.* unknown."""
    if kind == "for_each":
        each = {
            "key": Unknown(expr="each.key", refs=refs),
            "value": Unknown(expr="each.value", refs=refs),
        }
        return Expansion([(None, _with(scope, each=each))], True, kind)
    index = Unknown(expr="count.index", refs=refs)
    return Expansion([(None, _with(scope, count={"index": index}))], True, kind)


def within_budget(expansion: Expansion, scope: Scope) -> Expansion:
    """The expansion, or a representative one when the load's work budget is spent."""
    if expansion.unknown or scope.values.budget.spend(len(expansion.instances)):
        return expansion
    return unknown_expansion(expansion.kind, scope)


def counted(count: int, scope: Scope) -> Expansion:
    """`count` instances keyed 0 … count-1, each with its own `count.index`."""
    return Expansion([(i, _with(scope, count={"index": i})) for i in range(count)], kind="count")


def _count(expr: s.Expr, scope: Scope) -> Expansion:
    value = evaluate(expr, scope)
    if not known(value):
        return unknown_expansion("count", scope, refs_of([value]))
    try:
        count = to_int(value)
    except TypeMismatch:
        count = -1
    if not 0 <= count <= MAX_INSTANCES:
        expansion = unknown_expansion("count", scope)
        expansion.problem = f"count must be a whole number from 0 to {MAX_INSTANCES}, not {value!r}"
        return expansion
    return counted(count, scope)


def _for_each(expr: s.Expr, scope: Scope) -> Expansion:
    value = evaluate(expr, scope)
    pairs = _each_pairs(value)
    if pairs is not None and len(pairs) <= MAX_INSTANCES:
        each: list[tuple[int | str | None, Scope]] = [
            (k, _with(scope, each={"key": k, "value": v})) for k, v in pairs
        ]
        return Expansion(each, kind="for_each")
    expansion = unknown_expansion("for_each", scope, refs_of([value]))
    if pairs is not None:
        expansion.problem = f"for_each has more than {MAX_INSTANCES} elements; not expanded"
    elif known(value):
        expansion.problem = f"for_each needs a map or a set of strings, not {unparse(expr)}"
    return expansion


def _each_pairs(value: Any) -> list[tuple[str, Any]] | None:
    if isinstance(value, dict):
        return [(k, value[k]) for k in sorted(value)]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [(v, v) for v in sorted(set(value))]
    return None


def _with(scope: Scope, count: Any = None, each: Any = None) -> Scope:
    return Scope(scope.values, count, each, scope.iterators)


def evaluate_body(
    block: Block, scope: Scope, skip: frozenset[str] = frozenset(), owner: str | None = None
) -> dict[str, Any]:
    """A block's attributes and nested blocks (as lists of dicts under the block type).

    With an `owner` (the resource address), nested blocks are `BlockDict`s: reading an
    attribute they leave out gives an Unknown derived from the owner.
    """
    out: dict[str, Any] = {}
    for name, attr in block.attributes.items():
        if name not in skip:
            out[name] = evaluate(attr[0], scope)
    for nested in block.blocks:
        if nested.type == "dynamic" and nested.labels:
            _dynamic(out, nested, scope, owner)
        elif nested.type == "lifecycle":
            _append(out, nested.type, [_lifecycle(nested, scope)])
        else:
            _append(out, nested.type, [_nested(nested, scope, owner)])
    return out


def _nested(block: Block, scope: Scope, owner: str | None) -> dict[str, Any]:
    body = evaluate_body(block, scope, owner=owner)
    return BlockDict(owner, body) if owner is not None else body


def _lifecycle(block: Block, scope: Scope) -> dict[str, Any]:
    """ignore_changes and replace_triggered_by name attributes and resources, as text."""
    out = evaluate_body(block, scope, _NAMED)
    for name in _NAMED & block.attributes.keys():
        expr = block.attributes[name][0]
        items = expr[1] if expr[0] == s.TUPLE else (expr,)
        out[name] = [unparse(item) for item in items]
    return out


_NAMED = frozenset({"ignore_changes", "replace_triggered_by"})


def _append(out: dict[str, Any], name: str, items: Any) -> None:
    current = out.get(name)
    if isinstance(current, Unknown):
        return
    if isinstance(items, Unknown) or not isinstance(current, list):
        out[name] = items
    else:
        current.extend(items)


def _dynamic(out: dict[str, Any], block: Block, scope: Scope, owner: str | None) -> None:
    label = block.labels[0]
    attrs = block.attributes
    iterator = label
    if "iterator" in attrs and attrs["iterator"][0][0] == s.NAME:
        iterator = attrs["iterator"][0][1]
    content = next((b for b in block.blocks if b.type == "content"), None)
    if "for_each" not in attrs or content is None:
        return
    collection = evaluate(attrs["for_each"][0], scope)
    pairs = iterate(collection) if not isinstance(collection, UNSETTLED) else None
    if pairs is None:
        _append(out, label, unknown_from(unparse(attrs["for_each"][0]), [collection]))
        return
    if not scope.values.budget.spend(len(pairs) + 1):
        _append(out, label, Unknown(expr=unparse(attrs["for_each"][0])))
        return
    items = [
        _nested(content, scope.with_iterators({iterator: {"key": k, "value": v}}), owner)
        for k, v in pairs
    ]
    _append(out, label, items)

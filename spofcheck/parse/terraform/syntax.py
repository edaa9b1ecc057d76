"""Our own small syntax tree for Terraform files: plain tuples, cheap to cache and to pickle.

Expressions are tuples whose first item is a tag (the constants below). Plain tuples
unpickle about ten times faster than dataclasses, which is what makes a warm cache cheap.

    (LIT, value)                     null, bool, number or string with nothing to evaluate
    (TEMPLATE, parts)                parts: tuple of str and expressions, concatenated
    (DIRECTIVE, exprs)               a template with %{if}/%{for}: unknown; exprs only for refs
    (NAME, name)                     a bare identifier: `var`, `aws_instance`, `count`, `each`
    (GETATTR, obj, name)             obj.name
    (INDEX, obj, key)                obj[key] and obj.0 (key is an expression)
    (SPLAT, obj, steps)              obj[*].a / obj.*.a; steps: (GETATTR, name) or (INDEX, key)
    (TUPLE, items)                   [a, b]
    (OBJECT, items)                  {k = v}: items are (key expr, value expr) pairs
    (CALL, name, args, expand)       f(a, b...): expand is True when the last arg ends in `...`
    (BINARY, op, left, right)        op is the operator's text: "+", "==", "&&", ...
    (UNARY, op, operand)             "-" or "!"
    (COND, test, then, otherwise)
    (FOR, key_var, value_var, collection, key, value, cond, group)
                                     key is None for a tuple `for`; key_var, cond may be None

A traversal (`Traversal`) is the first names of a reference, e.g. ("var", "azs"),
("aws_subnet", "a"), ("module", "db", "endpoint"): each attribute keeps the sorted set of
them so dependencies are known without walking expressions again.
"""

from __future__ import annotations

from typing import Any, NamedTuple

Expr = tuple[Any, ...]
Traversal = tuple[str, ...]
# (expression, line, traversals found in it)
Attribute = tuple[Expr, int, tuple[Traversal, ...]]

LIT = "lit"
TEMPLATE = "tpl"
DIRECTIVE = "dir"
NAME = "name"
GETATTR = "attr"
INDEX = "idx"
SPLAT = "splat"
TUPLE = "tuple"
OBJECT = "obj"
CALL = "call"
BINARY = "bin"
UNARY = "un"
COND = "cond"
FOR = "for"


class Block(NamedTuple):
    """A block: `resource "aws_instance" "web" { ... }`, with 1-based start and end lines."""

    type: str
    labels: tuple[str, ...]
    attributes: dict[str, Attribute]
    blocks: tuple[Block, ...]
    line: int
    end_line: int


class FileSyntax(NamedTuple):
    """One parsed file: its top-level blocks and attributes (tfvars) and suppressions.

    `ignores` maps the start line of a top-level block to the rules a
    `spofcheck:ignore` comment on or just above it suppresses (rule id -> reason).
    """

    blocks: tuple[Block, ...]
    attributes: dict[str, Attribute]
    ignores: dict[int, dict[str, str]]


class FileFailure(NamedTuple):
    """A file we could not parse: the line of the problem and a one-line message."""

    line: int | None
    message: str


Parsed = FileSyntax | FileFailure


def traversals(expr: Expr) -> tuple[Traversal, ...]:
    """The references an expression makes, as sorted unique name paths (iterative walk)."""
    found: set[Traversal] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        tag = node[0]
        if tag in _CHAIN:
            path, rest = _chain(node)
            if path:
                found.add(path)
            stack.extend(rest)
        else:
            stack.extend(_children(node))
    return tuple(sorted(found))


_CHAIN = frozenset({NAME, GETATTR, INDEX, SPLAT})


def _chain(node: Expr) -> tuple[Traversal, list[Expr]]:
    """Names of a traversal from its root (at most three) and the expressions it indexes with."""
    names: list[str] = []
    others: list[Expr] = []
    while node[0] in _CHAIN:
        tag = node[0]
        if tag == NAME:
            return _path(node[1], names), others
        if tag == GETATTR:
            names.append(node[2])
        elif tag == INDEX:
            names.clear()  # a[0].b: only "a" is a reference path
            others.append(node[2])
        else:
            names.clear()
            others.extend(step[1] for step in node[2] if step[0] == INDEX)
        node = node[1]
    others.append(node)
    return (), others


def _path(root: str, reversed_names: list[str]) -> Traversal:
    names = [root, *reversed(reversed_names)]
    return tuple(names[:3])


def _children(node: Expr) -> list[Expr]:
    tag = node[0]
    if tag == LIT:
        return []
    if tag == TEMPLATE:
        return [p for p in node[1] if not isinstance(p, str)]
    if tag in (DIRECTIVE, TUPLE):
        return list(node[1])
    if tag == OBJECT:
        return [e for pair in node[1] for e in pair]
    if tag == CALL:
        return list(node[2])
    if tag == BINARY:
        return [node[2], node[3]]
    if tag == UNARY:
        return [node[2]]
    if tag == COND:
        return [node[1], node[2], node[3]]
    if tag == FOR:
        return [e for e in node[3:7] if e is not None]
    return []

"""Render a syntax node back to short HCL text, for `Unknown.expr` and messages."""

from __future__ import annotations

import json
from collections.abc import Callable

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.syntax import Expr

_LIMIT = 120


def unparse(node: Expr, limit: int = _LIMIT) -> str:
    """HCL-like source for `node`, cut to about `limit` characters."""
    text = _render(node, 0)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _render(node: Expr, depth: int) -> str:
    if depth > 12:
        return "..."
    return _RENDER.get(node[0], _unknown)(node, depth + 1)


def _unknown(node: Expr, d: int) -> str:
    return "..."


def _lit(node: Expr, d: int) -> str:
    value = node[1]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def _template(node: Expr, d: int) -> str:
    parts = [
        json.dumps(p)[1:-1] if isinstance(p, str) else "${" + _render(p, d) + "}" for p in node[1]
    ]
    return '"' + "".join(parts) + '"'


def _args(items: tuple[Expr, ...], d: int) -> str:
    return ", ".join(_render(i, d) for i in items[:6]) + (", ..." if len(items) > 6 else "")


def _object(node: Expr, d: int) -> str:
    items = node[1]
    body = ", ".join(f"{_render(k, d)} = {_render(v, d)}" for k, v in items[:6])
    return "{" + body + (", ..." if len(items) > 6 else "") + "}"


def _splat(node: Expr, d: int) -> str:
    steps = "".join(
        f".{step[1]}" if step[0] == s.GETATTR else f"[{_render(step[1], d)}]" for step in node[2]
    )
    return f"{_render(node[1], d)}[*]{steps}"


def _call(node: Expr, d: int) -> str:
    return f"{node[1]}({_args(node[2], d)}{'...' if node[3] else ''})"


def _for(node: Expr, d: int) -> str:
    _, key_var, value_var, coll, key, value, cond, _group = node
    names = f"{key_var}, {value_var}" if key_var else value_var
    body = f"{_render(key, d)} => {_render(value, d)}" if key is not None else _render(value, d)
    tail = f" if {_render(cond, d)}" if cond is not None else ""
    inner = f"for {names} in {_render(coll, d)} : {body}{tail}"
    return "{" + inner + "}" if key is not None else "[" + inner + "]"


_RENDER: dict[str, Callable[[Expr, int], str]] = {
    s.LIT: _lit,
    s.TEMPLATE: _template,
    s.DIRECTIVE: lambda n, d: '"%{...}"',
    s.NAME: lambda n, d: str(n[1]),
    s.GETATTR: lambda n, d: f"{_render(n[1], d)}.{n[2]}",
    s.INDEX: lambda n, d: f"{_render(n[1], d)}[{_render(n[2], d)}]",
    s.SPLAT: _splat,
    s.TUPLE: lambda n, d: f"[{_args(n[1], d)}]",
    s.OBJECT: _object,
    s.CALL: _call,
    s.BINARY: lambda n, d: f"{_render(n[2], d)} {n[1]} {_render(n[3], d)}",
    s.UNARY: lambda n, d: f"{n[1]}{_render(n[2], d)}",
    s.COND: lambda n, d: f"{_render(n[1], d)} ? {_render(n[2], d)} : {_render(n[3], d)}",
    s.FOR: _for,
}

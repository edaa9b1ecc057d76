"""Template text (heredoc bodies, quoted-string escapes, JSON strings) to syntax nodes."""

from __future__ import annotations

import re
from collections.abc import Callable

from spofcheck.parse.terraform.syntax import DIRECTIVE, LIT, TEMPLATE, Expr

# Parses the source of one expression (the inside of `${...}`) at a nesting depth;
# None when it is invalid.
ExprParser = Callable[[str, int], Expr | None]

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_HEREDOC = re.compile(r"<<-?([A-Za-z][A-Za-z0-9._-]*)\r?\n")


def decode_escapes(text: str) -> str:
    """Resolve the backslash escapes of a quoted HCL string; unknown escapes are kept."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        point = int(code[1:], 16)
        return chr(point) if point <= 0x10FFFF and not 0xD800 <= point < 0xE000 else match[0]
    return _SIMPLE.get(code, match[0])


def join_parts(parts: list[str | Expr], exprs_only: list[Expr], directive: bool) -> Expr:
    """A template node from literal and interpolated parts, simplest form first.

    A template that is one interpolation and nothing else yields the expression itself,
    keeping its type (`"${var.n}"` is a number when `var.n` is), as Terraform does.
    """
    if directive:
        return (DIRECTIVE, tuple(exprs_only))
    merged: list[str | Expr] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    if not merged:
        return (LIT, "")
    if len(merged) == 1:
        only = merged[0]
        return (LIT, only) if isinstance(only, str) else only
    return (TEMPLATE, tuple(merged))


def heredoc(token: str, parse_expr: ExprParser, depth: int) -> Expr:
    """The value of a `<<EOT` / `<<-EOT` token: its body, dedented for `<<-`, as a template."""
    match = _HEREDOC.match(token)
    if match is None:  # pragma: no cover - the grammar only produces matching tokens
        return (DIRECTIVE, ())
    body = token[match.end() :]
    lines = body.splitlines(keepends=True)
    lines = lines[:-1]  # the closing marker line
    if token.startswith("<<-"):
        lines = _dedent(lines)
    return template_text("".join(lines), parse_expr, depth)


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(ln) - len(ln.lstrip(" \t")) for ln in lines if ln.strip()]
    cut = min(widths, default=0)
    return [ln[cut:] if ln.strip() else ln.lstrip(" \t") for ln in lines]


def template_text(text: str, parse_expr: ExprParser, depth: int) -> Expr:
    """A template whose `${...}` and `%{...}` sequences are still text (heredoc, JSON)."""
    if "${" not in text and "%{" not in text:
        return (LIT, text)
    parts: list[str | Expr] = []
    exprs: list[Expr] = []
    directive = False
    pos = 0
    while pos < len(text):
        start = _next_sequence(text, pos)
        if start < 0:
            parts.append(_unescape(text[pos:]))
            break
        parts.append(_unescape(text[pos:start]))
        end = find_closing(text, start + 2)
        if end < 0:
            return (DIRECTIVE, tuple(exprs))
        inner = text[start + 2 : end]
        if text[start] == "%":
            directive = True
            exprs.extend(_directive_exprs(inner, parse_expr, depth))
        else:
            parsed = parse_expr(inner.strip().strip("~"), depth)
            if parsed is None:
                return (DIRECTIVE, tuple(exprs))
            parts.append(parsed)
            exprs.append(parsed)
        pos = end + 1
    return join_parts(parts, exprs, directive)


def _next_sequence(text: str, pos: int) -> int:
    """Index of the next unescaped `${` or `%{` at or after `pos`, or -1."""
    while True:
        dollar = text.find("${", pos)
        percent = text.find("%{", pos)
        cands = [i for i in (dollar, percent) if i >= 0]
        if not cands:
            return -1
        start = min(cands)
        if start > 0 and text[start - 1] == text[start]:  # $${ and %%{ are escapes
            pos = start + 2
            continue
        return start


def _unescape(text: str) -> str:
    return text.replace("$${", "${").replace("%%{", "%{")


def _directive_exprs(inner: str, parse_expr: ExprParser, depth: int) -> list[Expr]:
    words = inner.strip().strip("~").strip()
    if words.startswith("if "):
        source = words[3:]
    elif words.startswith("for ") and " in " in words:
        source = words.split(" in ", 1)[1]
    else:
        return []
    parsed = parse_expr(source.strip(), depth)
    return [] if parsed is None else [parsed]


def find_closing(text: str, pos: int) -> int:
    """Index of the `}` closing a `${`/`%{` opened just before `pos`; skips nested strings."""
    modes = ["code"]
    depths = [0]
    i = pos
    n = len(text)
    while i < n:
        ch = text[i]
        if modes[-1] == "str":
            if ch == "\\":
                i += 1
            elif ch == '"':
                modes.pop()
            elif text.startswith("${", i):
                modes.append("code")
                depths.append(0)
                i += 1
        elif ch == '"':
            modes.append("str")
        elif ch in "{[(":
            depths[-1] += 1
        elif ch in ")]":
            depths[-1] -= 1
        elif ch == "}":
            if depths[-1] == 0:
                modes.pop()
                depths.pop()
                if not modes:
                    return i
            else:
                depths[-1] -= 1
        i += 1
    return -1

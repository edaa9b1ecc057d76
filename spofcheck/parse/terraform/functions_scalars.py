"""String, number, conversion and encoding functions (`join`, `format`, `max`, `jsonencode`)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from spofcheck.parse.terraform.operators import (
    TypeMismatch,
    normalize,
    to_bool,
    to_int,
    to_number,
    to_string,
)
from spofcheck.parse.terraform.values import CONTAINER
from spofcheck.regex import PatternError, compile_pattern

# Strings longer than this are not built by functions (bounded memory on hostile input).
MAX_STRING = 1_000_000


class FunctionError(Exception):
    """The call is one Terraform would reject: the result is invalid."""


def arity(args: Sequence[Any], count: int) -> Sequence[Any]:
    if len(args) != count:
        raise FunctionError(f"expected {count} arguments, got {len(args)}")
    return args


def number(value: Any) -> int | float:
    return to_number(value)


def _string(value: Any) -> str:
    text = to_string(value)
    if len(text) > MAX_STRING:
        raise FunctionError("string too long")
    return text


def _join(args: Sequence[Any]) -> Any:
    if len(args) < 2:
        raise FunctionError("join needs a separator and lists")
    parts = [_string(v) for lst in args[1:] for v in _expect_list(lst)]
    separator = _string(args[0])
    _check_size(sum(map(len, parts)) + len(separator) * max(len(parts) - 1, 0))
    return _string(separator.join(parts))


def _expect_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise FunctionError("a list is required")
    return value


def _split(args: Sequence[Any]) -> Any:
    sep, text = (_string(a) for a in arity(args, 2))
    if sep == "":
        return list(text)
    return text.split(sep)


def _replace(args: Sequence[Any]) -> Any:
    text, search, replacement = (_string(a) for a in arity(args, 3))
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        template = re.sub(r"\$(\d+)", r"\\\1", replacement)
        return _string(_bounded_sub(_compiled(search[1:-1]), template, text))
    if search:
        _check_size(len(text) + (len(replacement) - len(search)) * text.count(search))
    return _string(text.replace(search, replacement))


def _bounded_sub(pattern: Any, template: str, text: str) -> str:
    """`pattern.sub`, stopped as soon as the pieces built exceed MAX_STRING."""
    built = [len(text)]

    def expand(match: Any) -> str:
        piece = str(match.expand(template))
        built[0] += len(piece)
        _check_size(built[0])
        return piece

    return str(pattern.sub(expand, text))


def _compiled(pattern: str) -> Any:
    try:
        return compile_pattern(pattern)
    except PatternError as exc:
        raise FunctionError(str(exc)) from None


def _check_size(size: int) -> None:
    """Refuse a string before building it when it would exceed MAX_STRING."""
    if size > MAX_STRING:
        raise FunctionError(f"result would be over {MAX_STRING:,} characters")


def _match_value(match: Any) -> Any:
    """What Terraform's regex returns for one match: the text, a list or a map of groups."""
    if match.re.groupindex:
        return {name: match.group(name) for name in match.re.groupindex}
    if match.re.groups:
        return list(match.groups())
    return match.group(0)


def _regex(args: Sequence[Any]) -> Any:
    pattern, text = (_string(a) for a in arity(args, 2))
    found = _compiled(pattern).search(text)
    if found is None:
        raise FunctionError("pattern did not match")
    return _match_value(found)


def _regexall(args: Sequence[Any]) -> Any:
    pattern, text = (_string(a) for a in arity(args, 2))
    return [_match_value(m) for m in _compiled(pattern).finditer(text)]


def _basename(text: str) -> str:
    stripped = text.rstrip("/")
    return stripped.rsplit("/", 1)[-1] if stripped else text[:1] or "."


def _dirname(text: str) -> str:
    head = text.rstrip("/").rsplit("/", 1)
    return (head[0] or "/") if len(head) == 2 else "."


def _substr(args: Sequence[Any]) -> Any:
    text, offset, length = arity(args, 3)
    text, start, size = _string(text), to_int(offset), to_int(length)
    if start < 0:
        start = max(len(text) + start, 0)
    return text[start:] if size < 0 else text[start : start + size]


_VERB = re.compile(r"%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqftbeEgGxXo])")


def _format(args: Sequence[Any]) -> Any:
    if not args:
        raise FunctionError("format needs a format string")
    spec, values = _string(args[0]), list(args[1:])
    position = 0

    def verb(match: re.Match[str]) -> str:
        nonlocal position
        code = match.group(1)
        if code == "%":
            return "%"
        if position >= len(values):
            raise FunctionError("not enough arguments for format")
        value = values[position]
        position += 1
        return _format_one(code, value)

    return _string(_VERB.sub(verb, spec))


def _format_one(code: str, value: Any) -> str:
    kind, flags = code[-1], code[:-1]
    if any(int(width) > 1000 for width in re.findall(r"\d+", flags)):
        raise FunctionError("format width too large")
    if kind in "sv":
        text = _string(value) if not isinstance(value, CONTAINER) else jsonencode(value)
        return ("%" + flags + "s") % text
    if kind == "q":
        return json.dumps(_string(value))
    if kind in "dbxXo":
        go = {"d": "d", "b": "b", "x": "x", "X": "X", "o": "o"}[kind]
        return format(to_int(value), (flags.replace("-", "<") if "-" in flags else flags) + go)
    if kind == "t":
        return "true" if to_bool(value) else "false"
    return ("%" + flags + kind) % to_number(value)


def jsonencode(value: Any) -> str:
    """Terraform's jsonencode: compact, object keys sorted, <>& escaped as Go does.
    FunctionError, before anything is built, when the text would exceed MAX_STRING."""
    _check_size(encoded_size(value, MAX_STRING))
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def encoded_size(value: Any, limit: int) -> int:
    """A lower bound of the JSON text's length, counted only until it passes `limit`
    (a list of 50,000 references to one 1 MB string is caught after two items)."""
    size, stack = 0, [value]
    while stack and size <= limit:
        item = stack.pop()
        size += len(item) + 2 if isinstance(item, str) else 2
        if isinstance(item, dict):
            size += sum(len(str(k)) + 3 for k in item)
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return size


def _jsonencode(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return _string(jsonencode(value))


def _jsondecode(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    try:
        return json.loads(_string(value))
    except (json.JSONDecodeError, RecursionError):
        raise FunctionError("invalid JSON") from None


def _tonumber(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return None if value is None else to_number(value)


def _tostring(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return None if value is None else _string(value)


def _tobool(args: Sequence[Any]) -> Any:
    (value,) = arity(args, 1)
    return None if value is None else to_bool(value)


def _numbers(args: Sequence[Any]) -> list[int | float]:
    if not args:
        raise FunctionError("at least one number is required")
    return [to_number(a) for a in args]


def _unary_string(fn: Callable[[str], str]) -> Callable[[Sequence[Any]], Any]:
    return lambda args: fn(_string(arity(args, 1)[0]))


def _binary_string(fn: Callable[[str, str], Any]) -> Callable[[Sequence[Any]], Any]:
    def run(args: Sequence[Any]) -> Any:
        first, second = (_string(a) for a in arity(args, 2))
        return fn(first, second)

    return run


def _unary_number(fn: Callable[[float], float]) -> Callable[[Sequence[Any]], Any]:
    return lambda args: normalize(fn(to_number(arity(args, 1)[0])))


def _pow(args: Sequence[Any]) -> Any:
    base, exponent = (to_number(a) for a in arity(args, 2))
    try:
        result = math.pow(base, exponent)
    except (OverflowError, ValueError):
        raise TypeMismatch("pow out of range") from None
    return normalize(result)


def _sum(args: Sequence[Any]) -> Any:
    (items,) = arity(args, 1)
    return normalize(sum(to_number(v) for v in _expect_list(items)))


SCALAR_FUNCTIONS: dict[str, tuple[Callable[[Sequence[Any]], Any], str]] = {
    "join": (_join, "STRICT"),
    "split": (_split, "STRICT"),
    "format": (_format, "STRICT"),
    "lower": (_unary_string(str.lower), "STRICT"),
    "upper": (_unary_string(str.upper), "STRICT"),
    "title": (_unary_string(str.title), "STRICT"),
    "trimspace": (_unary_string(str.strip), "STRICT"),
    "strrev": (_unary_string(lambda t: t[::-1]), "STRICT"),
    "chomp": (_unary_string(lambda t: t.rstrip("\r\n")), "STRICT"),
    "trimprefix": (_binary_string(str.removeprefix), "STRICT"),
    "trimsuffix": (_binary_string(str.removesuffix), "STRICT"),
    "trim": (_binary_string(str.strip), "STRICT"),
    "startswith": (_binary_string(str.startswith), "STRICT"),
    "endswith": (_binary_string(str.endswith), "STRICT"),
    "replace": (_replace, "STRICT"),
    "regex": (_regex, "STRICT"),
    "regexall": (_regexall, "STRICT"),
    "basename": (_unary_string(_basename), "STRICT"),
    "dirname": (_unary_string(_dirname), "STRICT"),
    "substr": (_substr, "STRICT"),
    "tostring": (_tostring, "STRICT"),
    "tonumber": (_tonumber, "STRICT"),
    "tobool": (_tobool, "STRICT"),
    "jsonencode": (_jsonencode, "STRICT"),
    "jsondecode": (_jsondecode, "STRICT"),
    "min": (lambda a: min(_numbers(a)), "STRICT"),
    "max": (lambda a: max(_numbers(a)), "STRICT"),
    "abs": (_unary_number(abs), "STRICT"),
    "ceil": (_unary_number(math.ceil), "STRICT"),
    "floor": (_unary_number(math.floor), "STRICT"),
    "signum": (_unary_number(lambda n: (n > 0) - (n < 0)), "STRICT"),
    "pow": (_pow, "STRICT"),
    "sum": (_sum, "STRICT"),
}

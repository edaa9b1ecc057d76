"""Terraform JSON syntax (`.tf.json`) to the same syntax tree as HCL files.

Strings are templates (`"${var.x}"`), except where Terraform reads them as bare
references (`depends_on`, `provider`, a module's `providers`) or literally (a
variable's `default`). Nested blocks cannot be told from map attributes without the
provider schema, so apart from `dynamic`, `lifecycle`, `provisioner` and `connection`
they keep the JSON shape: an object stays a map, an array of objects a list of maps.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from typing import Any

from spofcheck.parse.jsonload import MAX_DIGITS, repair_surrogate_escapes
from spofcheck.parse.jsonload import number_line as _number_line
from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.convert import MAX_DEPTH, TooDeep
from spofcheck.parse.terraform.syntax import Attribute, Block, Expr, FileFailure, Parsed
from spofcheck.parse.terraform.templates import template_text

# How many labels each top-level block type takes (`resource` TYPE NAME, ...).
_LABELS = {
    "resource": 2,
    "data": 2,
    "variable": 1,
    "output": 1,
    "module": 1,
    "provider": 1,
    "check": 1,
    "locals": 0,
    "terraform": 0,
    "moved": 0,
    "import": 0,
}
_NESTED = {"lifecycle": 0, "provisioner": 1, "connection": 0, "dynamic": 1, "content": 0}
_REFERENCE_KEYS = frozenset({"depends_on", "provider"})


class _Obj:
    """A JSON object with its position: pairs in order, start and end character offsets."""

    __slots__ = ("end", "pairs", "start")

    def __init__(self, pairs: list[tuple[str, Any]], start: int, end: int) -> None:
        self.pairs = pairs
        self.start = start
        self.end = end


class _PositionDecoder(json.JSONDecoder):
    """The pure-Python JSON scanner with objects that remember where they are."""

    def __init__(self) -> None:
        super().__init__()
        self.parse_object = self._object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    @staticmethod
    def _object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any) -> Any:
        start = s_and_end[1] - 1
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list)  # type: ignore[attr-defined]
        return _Obj(pairs, start, end), end


def parse_json(text: str) -> Parsed:
    """Parse `.tf.json` text; invalid JSON becomes a FileFailure at the JSON error's line."""
    text = repair_surrogate_escapes(text)
    try:
        doc = _PositionDecoder().decode(text)
    except json.JSONDecodeError as exc:
        return FileFailure(exc.lineno, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return FileFailure(1, "JSON nested too deeply")
    except ValueError:  # Python's int(str) limit
        message = f"number with more than {MAX_DIGITS} digits"
        return FileFailure(_number_line(text.encode("utf-8", "surrogatepass")), message)
    if not isinstance(doc, _Obj):
        return FileFailure(1, "expected a JSON object at the top level")
    reader = _Reader(text)
    try:
        blocks = [b for key, value in doc.pairs for b in reader.top(key, value)]
    except TooDeep as exc:
        return FileFailure(exc.line, f"expression nested more than {MAX_DEPTH} levels deep")
    return s.FileSyntax(tuple(blocks), {}, {})


class _Reader:
    """Turns decoded JSON into blocks; knows character offsets to report lines."""

    def __init__(self, text: str) -> None:
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def top(self, key: str, value: Any) -> list[Block]:
        if key not in _LABELS:
            return []
        return self.blocks(key, value, _LABELS[key], (), 1)

    def blocks(
        self, kind: str, value: Any, labels_left: int, labels: tuple[str, ...], depth: int
    ) -> list[Block]:
        if isinstance(value, list):  # several objects where one is expected
            return [
                b for item in value for b in self.blocks(kind, item, labels_left, labels, depth)
            ]
        if not isinstance(value, _Obj):
            return []
        if labels_left:
            return [
                b
                for key, item in value.pairs
                if key != "//"
                for b in self.blocks(kind, item, labels_left - 1, (*labels, key), depth)
            ]
        return [self.block(kind, labels, value, depth)]

    def block(self, kind: str, labels: tuple[str, ...], body: _Obj, depth: int) -> Block:
        if depth > MAX_DEPTH:
            raise TooDeep(self.line(body.start))
        attributes: dict[str, Attribute] = {}
        nested: list[Block] = []
        line = self.line(body.start)
        for key, value in body.pairs:
            if key == "//":
                continue
            if key in _NESTED and kind != "locals":
                nested.extend(self.blocks(key, value, _NESTED[key], (), depth + 1))
                continue
            expr = self.attribute(kind, key, value, depth + 1)
            attributes[key] = (expr, line, s.traversals(expr))
        return Block(kind, labels, attributes, tuple(nested), line, self.line(body.end - 1))

    def attribute(self, kind: str, key: str, value: Any, depth: int) -> Expr:
        if kind == "variable" and key == "default":
            return self.literal(value, depth)
        if key in _REFERENCE_KEYS or (kind == "module" and key == "providers"):
            return self.references(value, depth)
        return self.expr(value, depth)

    def expr(self, value: Any, depth: int) -> Expr:
        if depth > MAX_DEPTH:
            raise TooDeep(1)
        if isinstance(value, str):
            return template_text(value, _parse_expression, depth)
        if isinstance(value, list):
            return (s.TUPLE, tuple(self.expr(v, depth + 1) for v in value))
        if isinstance(value, _Obj):
            items = [(self.key(k), self.expr(v, depth + 1)) for k, v in value.pairs if k != "//"]
            return (s.OBJECT, tuple(items))
        return (s.LIT, value)

    def key(self, key: str) -> Expr:
        return template_text(key, _parse_expression, 0) if "${" in key else (s.LIT, key)

    def literal(self, value: Any, depth: int) -> Expr:
        if depth > MAX_DEPTH:
            raise TooDeep(1)
        if isinstance(value, list):
            return (s.TUPLE, tuple(self.literal(v, depth + 1) for v in value))
        if isinstance(value, _Obj):
            return (
                s.OBJECT,
                tuple(((s.LIT, k), self.literal(v, depth + 1)) for k, v in value.pairs),
            )
        return (s.LIT, value)

    def references(self, value: Any, depth: int) -> Expr:
        """`"aws_instance.web"` read as the reference it names, not as a string."""
        if isinstance(value, str):
            parsed = _parse_expression(value, depth)
            return parsed if parsed is not None else (s.LIT, value)
        if isinstance(value, list):
            return (s.TUPLE, tuple(self.references(v, depth + 1) for v in value))
        if isinstance(value, _Obj):
            items = [((s.LIT, k), self.references(v, depth + 1)) for k, v in value.pairs]
            return (s.OBJECT, tuple(items))
        return (s.LIT, value)


def _parse_expression(source: str, depth: int) -> Expr | None:
    from spofcheck.parse.terraform.hcl import parse_expression

    return parse_expression(source, depth)

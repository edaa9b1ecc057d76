"""Prototype: Terraform bytes to spofcheck's syntax tree through tree-sitter (not shipped).

Measures whether a tree-sitter front end (`tree-sitter` + `tree-sitter-hcl`) could replace
python-hcl2's Lark grammar: it builds the same `FileSyntax` tuples as
spofcheck/parse/terraform/convert.py, reusing its template, heredoc, escape and
suppression helpers, so benchmarks/parsers.py can compare both front ends node for node.
Needs the two packages (e.g. `pip install --target DIR tree-sitter tree-sitter-hcl` and
DIR on PYTHONPATH); spofcheck itself does not depend on them.
"""

from __future__ import annotations

import functools
from typing import Any

import tree_sitter
import tree_sitter_hcl

from spofcheck.parse.terraform import hcl
from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.convert import MAX_DEPTH, TooDeep
from spofcheck.parse.terraform.syntax import Attribute, Block, Expr, FileFailure, Parsed
from spofcheck.parse.terraform.templates import decode_escapes, heredoc, join_parts

Node = Any  # tree_sitter.Node
_LITERALS = {"true": True, "false": False, "null": None}
_SKIP = {"comment", "(", ")", ",", "block_start", "block_end", "="}


@functools.cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))


def parse_file(name: str, data: bytes) -> Parsed:
    """hcl.parse_file with the HCL step done by tree-sitter (same limits and decoding)."""
    if len(data) > hcl.MAX_FILE_BYTES or name.endswith(".json"):
        return hcl.parse_file(name, data)
    text = hcl.decode(data)
    if isinstance(text, FileFailure):
        return text
    return parse_hcl(text)


def parse_hcl(text: str, depth: int = 0) -> Parsed:
    source = (text + "\n").encode("utf-8")
    root = _parser().parse(source).root_node
    if root.has_error:
        return FileFailure(_first_error_line(root), "syntax error")
    body = next((c for c in root.children if c.type == "body"), None)
    try:
        attributes, blocks = _Converter(source).body(body, depth) if body else ({}, [])
    except TooDeep as exc:
        return FileFailure(exc.line, f"expression nested more than {MAX_DEPTH} levels deep")
    ignores = _ignores(root, text, blocks) if hcl._MARKER in text else {}
    return s.FileSyntax(tuple(blocks), attributes, ignores)


def parse_expression(source: str, depth: int = 0) -> Expr | None:
    if "\n" in source:
        source = f"({source})"
    result = parse_hcl(f"x = {source}", depth)
    if isinstance(result, FileFailure) or "x" not in result.attributes:
        return None
    return result.attributes["x"][0]


def _first_error_line(root: Node) -> int:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return int(node.start_point[0]) + 1
        stack.extend(reversed(node.children))
    return 1


def _line(node: Node) -> int:
    return int(node.start_point[0]) + 1


def _text(node: Node) -> str:
    return bytes(node.text).decode("utf-8")


def _named(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def _expression(node: Node) -> Node:
    return next(c for c in node.children if c.type == "expression")


class _Converter:
    def __init__(self, source: bytes) -> None:
        self.source = source

    def body(self, node: Node, depth: int) -> tuple[dict[str, Attribute], list[Block]]:
        if depth > MAX_DEPTH:
            raise TooDeep(_line(node))
        attributes: dict[str, Attribute] = {}
        blocks: list[Block] = []
        for child in node.named_children:
            if child.type == "attribute":
                name, value = _named(child)[0], _expression(child)
                expr = self.expr(value, depth + 1)
                attributes[_text(name)] = (expr, _line(child), s.traversals(expr))
            elif child.type == "block":
                blocks.append(self.block(child, depth + 1))
        return attributes, blocks

    def block(self, node: Node, depth: int) -> Block:
        names: list[str] = []
        body = None
        for child in _named(node):
            if child.type == "body":
                body = child
            elif child.type == "string_lit":
                names.append(self.label(child))
            elif child.type == "identifier":
                names.append(_text(child))
        attrs, blocks = self.body(body, depth) if body is not None else ({}, [])
        end = int(node.end_point[0]) + 1
        return Block(names[0], tuple(names[1:]), attrs, tuple(blocks), _line(node), end)

    def label(self, node: Node) -> str:
        """A plain string's text, cut from the source between its quotes: tree-sitter-hcl
        leaves spaces at the edges of a literal out of its `template_literal` node."""
        start, end = node.children[0], node.children[-1]
        return _unescape(self.source[start.end_byte : end.start_byte].decode("utf-8"))

    def expr(self, node: Node, depth: int) -> Expr:
        if depth > MAX_DEPTH:
            raise TooDeep(_line(node))
        if node.type == "expression":
            return self.terms([c for c in node.children if c.type != "comment"], depth + 1)
        return self.term(node, depth + 1)

    def terms(self, nodes: list[Node], depth: int) -> Expr:
        """A base term and its postfix steps: `.name`, `[i]`, `.0`, `[*]`, `.*`."""
        if nodes[0].type == "(":
            close = max(i for i, n in enumerate(nodes) if n.type == ")")
            base = self.expr(nodes[1], depth)
            rest = nodes[close + 1 :]
        else:
            base, rest = self.term(nodes[0], depth), nodes[1:]
        for step in rest:
            if step.type == "splat":
                kind = step.children[0]
                steps = tuple(self.step(x, depth) for x in _named(kind))
                base = (s.SPLAT, base, steps)
            else:
                tag, key = self.step(step, depth)
                base = (tag, base, key)
        return base

    def step(self, node: Node, depth: int) -> tuple[str, Any]:
        if node.type == "get_attr":
            return (s.GETATTR, _text(_named(node)[0]))
        inner = _named(node)[0] if node.type == "index" else node
        if inner.type == "legacy_index":
            return (s.INDEX, (s.LIT, int(_text(inner).lstrip(". \t"))))
        return (s.INDEX, self.expr(_expression(inner), depth))

    def term(self, node: Node, depth: int) -> Expr:
        handler = _TERMS.get(node.type)
        if handler is None:
            raise ValueError(f"unexpected {node.type} at line {_line(node)}")
        result: Expr = handler(self, node, depth)
        return result

    def template(self, node: Node, depth: int) -> Expr:
        inner = node.children[0] if node.type == "template_expr" else node
        if inner.type == "heredoc_template":
            start = inner.start_byte
            token = self.source[start : inner.end_byte].decode("utf-8")
            return heredoc(token, parse_expression, depth)
        parts: list[str | Expr] = []
        exprs: list[Expr] = []
        directive = False
        pos = inner.children[0].end_byte  # literal text is what lies between the parts
        for part in inner.children[1:]:
            if part.type not in ("template_interpolation", "template_directive"):
                continue
            parts.append(_unescape(self.source[pos : part.start_byte].decode("utf-8")))
            pos = part.end_byte
            if part.type == "template_interpolation":
                parts.append(self.expr(_expression(part), depth))
                exprs.append(parts[-1])  # type: ignore[arg-type]
            else:
                directive = True
                exprs.extend(self.directive_exprs(part, depth))
        end = inner.children[-1].start_byte
        parts.append(_unescape(self.source[pos:end].decode("utf-8")))
        return join_parts(parts, exprs, directive)

    def directive_exprs(self, node: Node, depth: int) -> list[Expr]:
        found = []
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type == "expression":
                found.append(self.expr(current, depth))
            else:
                stack.extend(reversed(current.children))
        return found


def _unescape(text: str) -> str:
    return decode_escapes(text).replace("$${", "${").replace("%%{", "%{")


def _numeric(text: str) -> Expr:
    if text.isdigit():
        return (s.LIT, int(text))
    value = float(text)
    return (s.LIT, int(value) if value.is_integer() and abs(value) < 2**53 else value)


def _literal(c: _Converter, node: Node, d: int) -> Expr:
    inner = node.children[0]
    if inner.type == "numeric_lit":
        return _numeric(_text(inner))
    if inner.type == "string_lit":
        return (s.LIT, c.label(inner))
    return (s.LIT, _LITERALS[_text(inner)])


def _collection(c: _Converter, node: Node, d: int) -> Expr:
    inner = node.children[0]
    if inner.type == "tuple":
        return (s.TUPLE, tuple(c.expr(x, d) for x in _named(inner) if x.type == "expression"))
    items = []
    for elem in (x for x in _named(inner) if x.type == "object_elem"):
        key, value = elem.child_by_field_name("key"), elem.child_by_field_name("val")
        items.append((_object_key(c, key, d), c.expr(value, d)))
    return (s.OBJECT, tuple(items))


def _object_key(c: _Converter, key: Node, d: int) -> Expr:
    kids = [x for x in key.children if x.type != "comment"]
    if len(kids) == 1 and kids[0].type == "variable_expr":
        return (s.LIT, _text(kids[0]))  # a bare name is a literal key; `(name)` is evaluated
    if len(kids) == 1 and kids[0].type == "literal_value":
        inner = kids[0].children[0]
        if inner.type in ("bool_lit", "null_lit"):
            return (s.LIT, _text(inner))
    return c.expr(key, d)


def _call(c: _Converter, node: Node, d: int) -> Expr:
    name = _text(node.children[0])
    args_node = next((x for x in node.children if x.type == "function_arguments"), None)
    if args_node is None:
        return (s.CALL, name, (), False)
    args = tuple(c.expr(x, d) for x in _named(args_node) if x.type == "expression")
    expand = any(x.type == "ellipsis" for x in args_node.children)
    return (s.CALL, name, args, expand)


def _operation(c: _Converter, node: Node, d: int) -> Expr:
    inner = node.children[0]
    kids = [x for x in inner.children if x.type != "comment"]
    if inner.type == "unary_operation":
        return (s.UNARY, _text(kids[0]), c.terms(kids[1:], d))
    # the operator: the first anonymous child that is not a parenthesis of the left operand
    at = next(i for i, x in enumerate(kids) if not x.is_named and x.type not in ("(", ")"))
    return (s.BINARY, kids[at].type, c.terms(kids[:at], d), c.terms(kids[at + 1 :], d))


def _conditional(c: _Converter, node: Node, d: int) -> Expr:
    """`a ? b : c ? d : e` is right-associative in HCL, but tree-sitter-hcl 1.2 nests it
    to the left, `(a ? b : c) ? d : e`: re-associate chains whose tests are conditionals
    written without parentheses."""
    tests_and_values: list[tuple[Node, Node]] = []
    current = node
    while True:
        test, then, otherwise = (x for x in _named(current) if x.type == "expression")
        tests_and_values.append((then, otherwise))
        inner = _bare_conditional(test)
        if inner is None:
            break
        current = inner
    seq = [test]
    for then, otherwise in reversed(tests_and_values):
        seq += [then, otherwise]
    result = c.expr(seq[-1], d)
    for i in reversed(range(0, len(seq) - 1, 2)):
        result = (s.COND, c.expr(seq[i], d), c.expr(seq[i + 1], d), result)
    return result


def _bare_conditional(test: Node) -> Node | None:
    kids = [x for x in test.children if x.type != "comment"]
    return kids[0] if len(kids) == 1 and kids[0].type == "conditional" else None


def _for(c: _Converter, node: Node, d: int) -> Expr:
    inner = node.children[0]
    intro = next(x for x in inner.children if x.type == "for_intro")
    names = [_text(x) for x in intro.children if x.type == "identifier"]
    collection = c.expr(next(x for x in intro.children if x.type == "expression"), d)
    exprs = [c.expr(x, d) for x in inner.children if x.type == "expression"]
    cond_node = next((x for x in inner.children if x.type == "for_cond"), None)
    cond = c.expr(_expression(cond_node), d) if cond_node else None
    key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    key, value = (exprs[0], exprs[1]) if len(exprs) == 2 else (None, exprs[0])
    group = any(x.type == "ellipsis" for x in inner.children)
    return (s.FOR, key_var, value_var, collection, key, value, cond, group)


_TERMS: dict[str, Any] = {
    "literal_value": _literal,
    "collection_value": _collection,
    "variable_expr": lambda c, n, d: (s.NAME, _text(n)),
    "function_call": _call,
    "template_expr": lambda c, n, d: c.template(n, d),
    "operation": _operation,
    "conditional": _conditional,
    "for_expr": _for,
    "expression": lambda c, n, d: c.expr(n, d),
}


def _ignores(root: Node, text: str, blocks: list[Block]) -> dict[int, dict[str, str]]:
    """hcl._ignores over tree-sitter comment nodes (the same regular expressions)."""
    found: dict[int, dict[str, str]] = {}
    lines = text.splitlines()
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type != "comment" or hcl._MARKER not in _text(node):
            continue
        comment = _text(node)
        for match in hcl._IGNORE.finditer(comment):
            line = _line(node) + comment.count("\n", 0, match.start())
            target = hcl._target(line, blocks, lines)
            if target is not None:
                rules = found.setdefault(target, {})
                reason = match.group(2).strip().removesuffix("*/").strip(" \t:-")
                rules.update({rule.strip(): reason for rule in match.group(1).split(",")})
    return found

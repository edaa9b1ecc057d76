"""Walk python-hcl2's raw Lark tree into our syntax tree (no python-hcl2 transformer)."""

from __future__ import annotations

from collections.abc import Callable

from lark import Token, Tree

from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.syntax import Attribute, Block, Expr
from spofcheck.parse.terraform.templates import ExprParser, decode_escapes, heredoc, join_parts

# Deeper nesting than this is reported as a parse error: it keeps every later recursive
# walk (evaluation, display) far from Python's recursion limit.
MAX_DEPTH = 120

_OPERATORS = {
    "DOUBLE_EQ": "==",
    "NEQ": "!=",
    "LT": "<",
    "GT": ">",
    "LEQ": "<=",
    "GEQ": ">=",
    "MINUS": "-",
    "ASTERISK": "*",
    "SLASH": "/",
    "PERCENT": "%",
    "DOUBLE_AMP": "&&",
    "DOUBLE_PIPE": "||",
    "PLUS": "+",
    "NOT": "!",
}
_LITERALS = {"true": True, "false": False, "null": None}
_NL = "new_line_or_comment"


class TooDeep(Exception):
    """Raised when nesting exceeds MAX_DEPTH; carries the line where it happened."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class InvalidLiteral(Exception):
    """A literal Python cannot hold (an integer over 4,300 digits), with its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


MAX_DIGITS = 4300  # Python's int(str) limit


def _whole(text: str, tree: Tree[Token]) -> int:
    if len(text) > MAX_DIGITS:
        line = tree.meta.line if not tree.meta.empty else 1
        raise InvalidLiteral(line, f"number with more than {MAX_DIGITS} digits")
    return int(text)


def _trees(tree: Tree[Token]) -> list[Tree[Token]]:
    """The child trees that carry meaning (no punctuation tokens, no newlines/comments)."""
    return [c for c in tree.children if isinstance(c, Tree) and c.data != _NL]


class Converter:
    """Converts one file's tree; `parse_expr` parses `${...}` text found in heredocs."""

    def __init__(self, parse_expr: ExprParser) -> None:
        self.parse_expr = parse_expr

    def body(self, tree: Tree[Token], depth: int) -> tuple[dict[str, Attribute], list[Block]]:
        if depth > MAX_DEPTH:
            raise TooDeep(tree.meta.line if not tree.meta.empty else 1)
        attributes: dict[str, Attribute] = {}
        blocks: list[Block] = []
        for child in tree.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "attribute":
                name, attr = self.attribute(child, depth)
                attributes[name] = attr
            elif child.data == "block":
                blocks.append(self.block(child, depth + 1))
        return attributes, blocks

    def attribute(self, tree: Tree[Token], depth: int) -> tuple[str, Attribute]:
        name_tree, _eq, value = tree.children
        expr = self.expr(value, depth + 1)  # type: ignore[arg-type]
        return _name(name_tree), (expr, tree.meta.line, s.traversals(expr))  # type: ignore[arg-type]

    def block(self, tree: Tree[Token], depth: int) -> Block:
        names: list[str] = []
        body: Tree[Token] | None = None
        for child in tree.children:
            if isinstance(child, Token) or child.data == _NL:
                continue
            if child.data == "body":
                body = child
            elif child.data == "string":
                names.append(self.label(child, depth))
            else:
                names.append(_name(child))
        attrs, blocks = self.body(body, depth) if body is not None else ({}, [])
        meta = tree.meta
        return Block(names[0], tuple(names[1:]), attrs, tuple(blocks), meta.line, meta.end_line)

    def label(self, tree: Tree[Token], depth: int) -> str:
        node = self.string(tree, depth)
        return str(node[1]) if node[0] == s.LIT else _plain_text(tree)

    def expr(self, tree: Tree[Token], depth: int) -> Expr:
        while tree.data == "expr_term":  # a wrapper, or parentheses around an expression
            inner = _trees(tree)
            tree = inner[0]
        if depth > MAX_DEPTH:
            raise TooDeep(tree.meta.line if not tree.meta.empty else 1)
        return _HANDLERS[str(tree.data)](self, tree, depth + 1)

    def string(self, tree: Tree[Token], depth: int) -> Expr:
        parts: list[str | Expr] = []
        exprs: list[Expr] = []
        directive = False
        for part in tree.children:
            if isinstance(part, Token):
                continue  # the quotes
            item = part.children[0]
            if isinstance(item, Token):
                parts.append(_string_chars(item))
            elif item.data == "interpolation":
                parts.append(self.expr(_trees(item)[0], depth))
                exprs.append(parts[-1])  # type: ignore[arg-type]
            else:
                directive = True
                exprs.extend(self.expr(t, depth) for t in _trees(item) if t.data != "identifier")
        return join_parts(parts, exprs, directive)

    def children(self, tree: Tree[Token], depth: int) -> tuple[Expr, ...]:
        return tuple(self.expr(c, depth) for c in _trees(tree))


def _string_chars(token: Token) -> str:
    if token.type == "STRING_CHARS":
        return decode_escapes(str(token))
    return str(token)[1:]  # $${ and %%{ stand for a literal ${ and %{


def _plain_text(tree: Tree[Token]) -> str:
    return "".join(str(t) for t in tree.scan_values(lambda v: isinstance(v, Token)))[1:-1]


def _name(tree: Tree[Token]) -> str:
    token = tree.children[0]
    return str(token)


def _int(c: Converter, t: Tree[Token], d: int) -> Expr:
    return (s.LIT, _whole(str(t.children[0]), t))


def _float(c: Converter, t: Tree[Token], d: int) -> Expr:
    value = float(t.children[0])  # type: ignore[arg-type]
    return (s.LIT, int(value) if value.is_integer() and abs(value) < 2**53 else value)


def _identifier(c: Converter, t: Tree[Token], d: int) -> Expr:
    return (s.NAME, str(t.children[0]))


def _literal(c: Converter, t: Tree[Token], d: int) -> Expr:
    return (s.LIT, _LITERALS[str(t.children[0])])


def _template_string(c: Converter, t: Tree[Token], d: int) -> Expr:
    return (s.LIT, decode_escapes(str(t.children[0])[2:-2]))


def _heredoc(c: Converter, t: Tree[Token], d: int) -> Expr:
    return heredoc(str(t.children[0]), c.parse_expr, d)


def _tuple(c: Converter, t: Tree[Token], d: int) -> Expr:
    return (s.TUPLE, c.children(t, d))


def _object(c: Converter, t: Tree[Token], d: int) -> Expr:
    items = []
    for elem in _trees(t):
        key_tree, value = _trees(elem)
        items.append((_object_key(c, key_tree, d), c.expr(value, d)))
    return (s.OBJECT, tuple(items))


def _object_key(c: Converter, key: Tree[Token], d: int) -> Expr:
    inner = key.children[0]
    assert isinstance(inner, Tree)
    if inner.data == "keyword":
        return (s.LIT, _name(inner))
    if inner.data == "expr_term" and len(inner.children) == 1:
        only = inner.children[0]
        if isinstance(only, Tree) and only.data == "identifier":
            return (s.LIT, _name(only))  # a bare name is a literal key; `(name)` is evaluated
    return c.expr(inner, d)


def _call(c: Converter, t: Tree[Token], d: int) -> Expr:
    names = [_name(x) for x in _trees(t) if x.data == "identifier"]
    args_tree = [x for x in _trees(t) if x.data == "arguments"]
    args: tuple[Expr, ...] = ()
    expand = False
    if args_tree:
        args = c.children(args_tree[0], d)
        last = args_tree[0].children[-1]
        expand = isinstance(last, Token) and last.type == "ELLIPSIS"
    return (s.CALL, "::".join(names), args, expand)


def _getattr(c: Converter, t: Tree[Token], d: int) -> Expr:
    obj, step = _trees(t)
    return (s.GETATTR, c.expr(obj, d), _name(_trees(step)[0]))


def _index(c: Converter, t: Tree[Token], d: int) -> Expr:
    obj, step = _trees(t)
    return (s.INDEX, c.expr(obj, d), _index_key(c, step, d))


def _index_key(c: Converter, step: Tree[Token], d: int) -> Expr:
    if step.data == "short_index":
        return (s.LIT, _whole(str(step.children[1]), step))
    return c.expr(_trees(step)[0], d)


def _splat(c: Converter, t: Tree[Token], d: int) -> Expr:
    obj, splat = _trees(t)
    steps: list[Expr] = []
    for step in _trees(splat):
        if step.data == "get_attr":
            steps.append((s.GETATTR, _name(_trees(step)[0])))
        else:
            steps.append((s.INDEX, _index_key(c, step, d)))
    return (s.SPLAT, c.expr(obj, d), tuple(steps))


def _conditional(c: Converter, t: Tree[Token], d: int) -> Expr:
    test, then, otherwise = _trees(t)
    return (s.COND, c.expr(test, d), c.expr(then, d), c.expr(otherwise, d))


def _binary(c: Converter, t: Tree[Token], d: int) -> Expr:
    left, term = _trees(t)[:2]
    operator, right = _trees(term)
    token = operator.children[0]
    assert isinstance(token, Token)
    return (s.BINARY, _OPERATORS[token.type], c.expr(left, d), c.expr(right, d))


def _unary(c: Converter, t: Tree[Token], d: int) -> Expr:
    token, operand = t.children
    assert isinstance(token, Token)
    assert isinstance(operand, Tree)
    return (s.UNARY, _OPERATORS[token.type], c.expr(operand, d))


def _for(c: Converter, t: Tree[Token], d: int) -> Expr:
    parts = _trees(t)
    intro = parts[0]
    names = [_name(x) for x in _trees(intro) if x.data == "identifier"]
    collection = c.expr(next(x for x in _trees(intro) if x.data != "identifier"), d)
    cond = None
    if parts[-1].data == "for_cond":
        cond = c.expr(_trees(parts.pop())[0], d)
    exprs = [c.expr(x, d) for x in parts[1:]]
    key_var, value_var = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    key, value = (exprs[0], exprs[1]) if len(exprs) == 2 else (None, exprs[0])
    group = any(isinstance(x, Token) and x.type == "ELLIPSIS" for x in t.children)
    return (s.FOR, key_var, value_var, collection, key, value, cond, group)


_HANDLERS: dict[str, Callable[[Converter, Tree[Token], int], Expr]] = {
    "int_lit": _int,
    "float_lit": _float,
    "identifier": _identifier,
    "literal_value": _literal,
    "string": lambda c, t, d: c.string(t, d),
    "template_string": _template_string,
    "heredoc_template": _heredoc,
    "heredoc_template_trim": _heredoc,
    "tuple": _tuple,
    "object": _object,
    "function_call": _call,
    "get_attr_expr_term": _getattr,
    "index_expr_term": _index,
    "attr_splat_expr_term": _splat,
    "full_splat_expr_term": _splat,
    "conditional": _conditional,
    "binary_op": _binary,
    "unary_op": _unary,
    "for_tuple_expr": _for,
    "for_object_expr": _for,
}

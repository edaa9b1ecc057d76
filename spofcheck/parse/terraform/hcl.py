"""Terraform file bytes to our syntax tree: decoding, parsing, errors, suppression comments."""

from __future__ import annotations

import re

from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from spofcheck.parse.terraform.convert import MAX_DEPTH, Converter, InvalidLiteral, TooDeep
from spofcheck.parse.terraform.gcpause import gc_paused
from spofcheck.parse.terraform.grammar import parser
from spofcheck.parse.terraform.syntax import Block, Expr, FileFailure, FileSyntax, Parsed

# Bigger files are refused: python-hcl2 parses ~0.25 MB/s and needs ~180 MB per MB of
# input, so a 10 MB generated file would cost 40 s and 2 GB. Real .tf files are far smaller.
MAX_FILE_BYTES = 1024 * 1024
_MARKER = "spofcheck:ignore"
# Rule ids are letters then digits (HA003, CUSTOM-12); the reason is the rest of the line.
_RULE = r"[A-Za-z][\w-]*\d\b"
_IGNORE = re.compile(rf"spofcheck:ignore[ \t]+({_RULE}(?:[ \t]*,[ \t]*{_RULE})*)([^\n]*)")
_COMMENT_LINE = re.compile(r"\s*(#|//|/\*|\*|$)")


def parse_file(name: str, data: bytes) -> Parsed:
    """Parse one file's bytes (HCL, or Terraform JSON when `name` ends in .json).

    Pure and top-level so a process pool can run it; never raises for bad input.
    """
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / 1_000_000
        limit = MAX_FILE_BYTES // 1_000_000 or 1
        return FileFailure(1, f"file is {size:.1f} MB; files over {limit} MB are not parsed")
    text = decode(data)
    if isinstance(text, FileFailure):
        return text
    if name.endswith(".json"):
        from spofcheck.parse.terraform.jsonsyntax import parse_json

        return parse_json(text)
    return parse_hcl(text)


def decode(data: bytes) -> str | FileFailure:
    """UTF-8 text (a BOM is dropped), or a failure naming the line of the first bad byte."""
    nul = data.find(b"\0")
    if nul >= 0:
        return FileFailure(data.count(b"\n", 0, nul) + 1, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        return FileFailure(line, f"not valid UTF-8 (byte 0x{bad} at line {line})")


def parse_hcl(text: str, depth: int = 0) -> Parsed:
    """Parse HCL text; syntax errors become a FileFailure with the line Lark reports.

    `depth` is the nesting already used around this text (for `${...}` inside heredocs).
    """
    try:
        with gc_paused():
            tree = parser().parse(text + "\n")
    except UnexpectedInput as exc:
        return FileFailure(_clamp(exc.line, text), _message(exc))
    except LarkError as exc:
        return FileFailure(1, f"cannot parse: {str(exc).splitlines()[0]}")
    try:
        body = tree.children[0]
        attributes, blocks = Converter(parse_expression).body(body, depth)  # type: ignore[arg-type]
    except TooDeep as exc:
        return FileFailure(exc.line, f"expression nested more than {MAX_DEPTH} levels deep")
    except InvalidLiteral as exc:
        return FileFailure(exc.line, exc.message)
    ignores = _ignores(tree, text, blocks) if _MARKER in text else {}
    return FileSyntax(tuple(blocks), attributes, ignores)


def parse_expression(source: str, depth: int = 0) -> Expr | None:
    """One expression's source (the inside of `${...}` in a heredoc), or None if invalid."""
    if "\n" in source:
        source = f"({source})"
    result = parse_hcl(f"x = {source}", depth)
    if isinstance(result, FileFailure) or "x" not in result.attributes:
        return None
    return result.attributes["x"][0]


def _clamp(line: int, text: str) -> int:
    last = len(text.splitlines()) or 1
    return min(max(line, 1), last)


def _message(exc: UnexpectedInput) -> str:
    if isinstance(exc, UnexpectedToken):
        if exc.token.type == "$END":
            return _unclosed(exc)
        value = str(exc.token).strip().splitlines()[0][:40] if str(exc.token).strip() else ""
        return f"unexpected {value or exc.token.type!r} at column {exc.column}"
    if isinstance(exc, UnexpectedCharacters):
        return f"unexpected character {exc.char!r} at column {exc.column}"
    return "unexpected end of file (unclosed block, bracket or string?)"


_OPENERS = {"LBRACE": "{", "LSQB": "[", "LPAR": "(", "DBLQUOTE": '"', "INTERP_START": "${"}


def _unclosed(exc: UnexpectedToken) -> str:
    """Name the bracket left open: the last opener still on the parser's stack."""
    try:
        stack = exc.interactive_parser.parser_state.value_stack
    except AttributeError:
        stack = []
    for item in reversed(stack):
        if isinstance(item, Token) and item.type in _OPENERS:
            opener = _OPENERS[item.type]
            return f"unexpected end of file: {opener!r} opened at line {item.line} is never closed"
    return "unexpected end of file (unclosed block, bracket or string?)"


def _ignores(tree: Tree[Token], text: str, blocks: list[Block]) -> dict[int, dict[str, str]]:
    """`spofcheck:ignore RULE[,RULE] reason` comments, keyed by the block they apply to."""
    found: dict[int, dict[str, str]] = {}
    lines = text.splitlines()
    for token in tree.scan_values(lambda v: isinstance(v, Token) and _MARKER in v):
        if token.type != "NL_OR_COMMENT":
            continue  # inside a string or a heredoc, not a comment
        for match in _IGNORE.finditer(token):
            line = (token.line or 1) + token.count("\n", 0, match.start())
            target = _target(line, blocks, lines)
            if target is not None:
                rules = found.setdefault(target, {})
                reason = match.group(2).strip().removesuffix("*/").strip(" \t:-")
                rules.update({rule.strip(): reason for rule in match.group(1).split(",")})
    return found


def _target(line: int, blocks: list[Block], lines: list[str]) -> int | None:
    """The block a comment on `line` sits in, or the one right below it (comments between)."""
    for block in blocks:
        if block.line <= line <= block.end_line:
            return block.line
    below = [b.line for b in blocks if b.line > line]
    if not below:
        return None
    nearest = min(below)
    between = lines[line : nearest - 1]
    return nearest if all(_COMMENT_LINE.match(x) for x in between) else None

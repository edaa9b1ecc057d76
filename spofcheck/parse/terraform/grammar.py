"""python-hcl2's Lark grammar, built by us so its compiled cache lives in our cache dir.

python-hcl2's own `parser()` writes `.lark_cache.bin` next to its sources (site-packages);
when that folder is read-only every run pays the ~2.7 s grammar compilation again. We
compile the same grammar with the same options and keep the result in the cache's
`grammar/` folder, keyed by the python-hcl2 version and a hash of the grammar text.
Lark's saved form is a pickle: it is loaded only after the cache store has verified the
entry's HMAC (spofcheck/cache/store.py), so a planted file is rebuilt, never unpickled.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterator
from importlib import metadata, resources
from typing import Any

import lark
from lark import Lark, Token

from spofcheck.cache.store import open_store


@functools.cache
def hcl2_version() -> str:
    try:
        return metadata.version("python-hcl2")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed as a dependency
        return "unknown"


@functools.cache
def parser() -> Lark:
    """The LALR parser, loaded from our cache file when possible (one per process)."""
    grammar = _grammar_text()
    name = entry_name(grammar)
    store = open_store()
    verified = store.get("grammar", name) if store else None
    cached = _load(verified) if verified is not None else None
    if cached is not None:
        return cached
    built = _build(grammar)
    if store is not None:
        buffer = io.BytesIO()
        # the token passes are code: never stored in the file, always given when loading
        built.save(buffer, exclude_options=("postlex",))
        store.put("grammar", name, buffer.getvalue())
    return built


def _grammar_text() -> str:
    return resources.files("hcl2").joinpath("hcl2.lark").read_text("utf-8")


def entry_name(grammar: str | None = None) -> str:
    """The cache entry's name: the grammar's hash and the versions that shape the parser."""
    text = _grammar_text() if grammar is None else grammar
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{digest}-hcl2-{hcl2_version()}-lark-{lark.__version__}-post{POSTLEX_VERSION}.lark"


def _build(grammar: str) -> Lark:
    return Lark(grammar, parser="lalr", propagate_positions=True, postlex=postlexer())


def _load(verified: bytes) -> Lark | None:
    """Only ever called with bytes whose HMAC the store has checked."""
    try:
        loaded: Lark = Lark.__new__(Lark)._load(io.BytesIO(verified), postlex=postlexer())
    except Exception:  # an entry from an incompatible lark is rebuilt, never fatal
        return None
    return loaded


# Bump when the token passes below change: the compiled grammar's file name carries it.
POSTLEX_VERSION = 2
_OPENERS = {"LPAR": "(", "LSQB": "[", "LBRACE": "{", "INTERP_START": "${"}
_CLOSERS = frozenset({"RPAR", "RSQB", "RBRACE"})
_ATTRIBUTE_STARTS = frozenset({"DOT", "ATTR_SPLAT"})


def postlexer() -> Any:
    """python-hcl2's token passes, plus one: inside `(...)` and `[...]` HCL ignores
    newlines, so `(x\n  .id)` is valid Terraform; python-hcl2's grammar refused the
    newline before `.`. The newline is merged into the `.` token (lines stay right)."""
    return _postlexer_class()()


@functools.cache
def _postlexer_class() -> Any:
    # imported here: a scan served from caches never needs hcl2 (~50 ms to import)
    from hcl2.postlexer import PostLexer

    class _PostLexer(PostLexer):
        def process(self, stream: Iterator[Token]) -> Iterator[Token]:
            yield from super().process(_join_attribute_lines(stream))

    return _PostLexer


def _join_attribute_lines(stream: Iterator[Token]) -> Iterator[Token]:
    openers: list[str] = []
    pending: Token | None = None
    for token in stream:
        if token.type == "NL_OR_COMMENT":
            if pending is not None:
                yield pending
            pending = token
            continue
        current = token
        if pending is not None:
            inside = bool(openers) and openers[-1] in ("LPAR", "LSQB")
            if inside and token.type in _ATTRIBUTE_STARTS:
                current = token.update(value=str(pending) + str(token))
            else:
                yield pending
            pending = None
        if current.type in _OPENERS:
            openers.append(current.type)
        elif current.type in _CLOSERS and openers:
            openers.pop()
        yield current
    if pending is not None:
        yield pending

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
from importlib import metadata, resources

import lark
from lark import Lark

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
        built.save(buffer)
        store.put("grammar", name, buffer.getvalue())
    return built


def _grammar_text() -> str:
    return resources.files("hcl2").joinpath("hcl2.lark").read_text("utf-8")


def entry_name(grammar: str | None = None) -> str:
    """The cache entry's name: the grammar's hash and the versions that shape the parser."""
    text = _grammar_text() if grammar is None else grammar
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{digest}-hcl2-{hcl2_version()}-lark-{lark.__version__}.lark"


def _build(grammar: str) -> Lark:
    from hcl2.postlexer import PostLexer

    return Lark(grammar, parser="lalr", propagate_positions=True, postlex=PostLexer())


def _load(verified: bytes) -> Lark | None:
    """Only ever called with bytes whose HMAC the store has checked."""
    try:
        loaded: Lark = Lark.load(io.BytesIO(verified))
    except Exception:  # an entry from an incompatible lark is rebuilt, never fatal
        return None
    return loaded

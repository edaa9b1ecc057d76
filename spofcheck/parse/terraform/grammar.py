"""python-hcl2's Lark grammar, built by us so its compiled cache lives in our cache dir.

python-hcl2's own `parser()` writes `.lark_cache.bin` next to its sources (site-packages);
when that folder is read-only every run pays the ~2.7 s grammar compilation again. We
compile the same grammar with the same options and keep the result under
`cache_dir()/grammar/`, keyed by the python-hcl2 version and a hash of the grammar text.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata, resources
from pathlib import Path

import lark
from lark import Lark

from spofcheck.files import cache_dir, write_atomic


@functools.cache
def hcl2_version() -> str:
    try:
        return metadata.version("python-hcl2")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed as a dependency
        return "unknown"


@functools.cache
def parser() -> Lark:
    """The LALR parser, loaded from our cache file when possible (one per process)."""
    grammar = resources.files("hcl2").joinpath("hcl2.lark").read_text("utf-8")
    digest = hashlib.sha256(grammar.encode("utf-8")).hexdigest()[:16]
    name = f"hcl2-{hcl2_version()}-lark-{lark.__version__}-{digest}.lark"
    path = cache_dir() / "grammar" / name
    cached = _load(path)
    if cached is not None:
        return cached
    built = _build(grammar)
    write_atomic(path, built.save)
    return built


def _build(grammar: str) -> Lark:
    from hcl2.postlexer import PostLexer

    return Lark(grammar, parser="lalr", propagate_positions=True, postlex=PostLexer())


def _load(path: Path) -> Lark | None:
    try:
        with path.open("rb") as f:
            loaded: Lark = Lark.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged cache file is rebuilt, never fatal
        return None
    return loaded

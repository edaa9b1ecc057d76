"""Local module calls, read from parsed `module` blocks: which folder calls which, and how.

Root-or-module decisions rest on this, so it never looks at raw text: a comment or a
string that says `source = "../x"` is not a call. Only files that mention both `module`
and `source` are parsed (the parse is cached and reused by the loader).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spofcheck.files import read_head

if TYPE_CHECKING:
    from spofcheck.cache.syntax import ParseCache
    from spofcheck.parse.terraform.syntax import Block

_HINT_MODULE = re.compile(rb"\bmodule\b")
_HINT_SOURCE = re.compile(rb"\bsource\b")
_HINT_BYTES = 1024 * 1024 + 1  # parse_file refuses bigger files anyway


@dataclass(frozen=True)
class ModuleCall:
    """`module "name" { source = "./x" }` in `file` at `line`, calling folder `target`.

    `certain` is True when the call creates at least one instance whatever the inputs:
    no `count`/`for_each`, or one that is a known non-zero constant.
    """

    file: Path
    line: int
    name: str
    target: Path
    certain: bool


def module_calls(files: Sequence[Path], *, use_cache: bool = True) -> list[ModuleCall]:
    """Every local module call (`./` or `../` source) declared in `files`."""
    candidates = [path for path in files if _may_call(path)]
    if not candidates:
        return []
    from spofcheck.parse.terraform.sources import read_and_parse

    cache = _cache() if use_cache else None
    calls: list[ModuleCall] = []
    for source in read_and_parse(candidates, candidates[0].parent, cache):
        if source.syntax is not None:
            calls.extend(_calls_in(source.path, source.syntax.blocks))
    return calls


def _cache() -> ParseCache | None:
    from spofcheck.cache.syntax import default_cache

    return default_cache()


def _may_call(path: Path) -> bool:
    try:
        head = read_head(path, _HINT_BYTES)
    except OSError:
        return False
    return bool(_HINT_MODULE.search(head) and _HINT_SOURCE.search(head))


def _calls_in(path: Path, blocks: Sequence[Block]) -> list[ModuleCall]:
    from spofcheck.parse.terraform.syntax import LIT

    calls = []
    for block in blocks:
        if block.type != "module" or len(block.labels) != 1:
            continue
        attr = block.attributes.get("source")
        if attr is None or attr[0][0] != LIT or not isinstance(attr[0][1], str):
            continue
        source = attr[0][1]
        if not (source.startswith(("./", "../")) or source in (".", "..")):
            continue
        target = _folder(path.parent, source)
        if target is not None:
            calls.append(ModuleCall(path, block.line, block.labels[0], target, _certain(block)))
    return calls


def _folder(base: Path, source: str) -> Path | None:
    try:
        folder = (base / source).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL in the source
        return None
    return folder if folder.is_dir() else None


def _certain(block: Block) -> bool:
    """True when `count`/`for_each` is absent or a constant giving at least one instance."""
    from spofcheck.parse.terraform.instances import expand
    from spofcheck.parse.terraform.scope import ModuleValues, Scope

    if "count" not in block.attributes and "for_each" not in block.attributes:
        return True
    try:
        expansion = expand(block, Scope(ModuleValues()))
    except (RecursionError, ValueError, TypeError, ArithmeticError):
        return False
    return not expansion.unknown and expansion.problem is None and bool(expansion.instances)

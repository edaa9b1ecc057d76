"""Positions and problems found while reading a YAML document, before they get a file name."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PathPart = str | int
Path = tuple[PathPart, ...]

_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Pos:
    """1-based lines: where a mapping key (or a list item) starts, and where its value ends."""

    line: int
    end_line: int


@dataclass(frozen=True)
class Problem:
    """One input problem; `path` locates it in the document (None: the whole file)."""

    line: int | None
    message: str
    path: Path | None = None


def key_path(path: Sequence[PathPart]) -> str:
    """`components.app.depends_on[1]`; segments with dots or spaces are quoted: `["a.b"]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_SEGMENT.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def line_of(positions: Mapping[Path, Pos], path: Sequence[PathPart]) -> int | None:
    """The line of the deepest known prefix of `path` (aliased and merged values have none)."""
    for cut in range(len(path), -1, -1):
        pos = positions.get(tuple(path[:cut]))
        if pos is not None:
            return pos.line
    return None

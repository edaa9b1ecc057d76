"""Read an architecture file: bytes → text → composed YAML → validated document model."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from spofcheck.model import ParseError
from spofcheck.parse.yaml_arch.events import compose
from spofcheck.parse.yaml_arch.located import Path, Pos, Problem, key_path, line_of
from spofcheck.parse.yaml_arch.schema import EXTENSION_PREFIX, ArchitectureDoc
from spofcheck.parse.yaml_arch.validate import show, validate

MAX_BYTES = 1 << 20  # ruamel reads ~0.2 MB/s in pure Python: this bounds one file to ~5 s
_TOP_KEY = re.compile(r"""^(["']?)(version|components)\1[ \t]*:""", re.MULTILINE)


@dataclass(frozen=True)
class Loaded:
    """A validated document (None when unusable), its positions and every problem found."""

    doc: ArchitectureDoc | None
    positions: dict[Path, Pos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def looks_like_architecture(path: FsPath) -> bool:
    """Top-level `version:` and `components:` keys, found without parsing the YAML."""
    head = _read_bytes(path)
    if not isinstance(head, bytes):
        return False
    found = {m.group(2) for m in _TOP_KEY.finditer(head.decode("utf-8-sig", errors="replace"))}
    return found == {"version", "components"}


def read_path(path: FsPath) -> Loaded:
    """Read and validate one architecture file; input problems become `Problem`s."""
    data = _read_bytes(path)
    if isinstance(data, Problem):
        return Loaded(None, problems=[data])
    return read_bytes(data)


def read_bytes(data: bytes) -> Loaded:
    """Validate a document given as bytes (what `read_path` does after reading)."""
    if len(data) > MAX_BYTES:
        return Loaded(None, problems=[Problem(None, f"larger than {MAX_BYTES} bytes; refused")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded; save as UTF-8"
        return Loaded(None, problems=[Problem(line, message)])
    composed = compose(text)
    if not composed.usable:
        return Loaded(None, problems=composed.problems)
    trouble = _top_level_problem(composed.data, composed.positions)
    if trouble is not None:
        return Loaded(None, composed.positions, [*composed.problems, trouble])
    fields = {k: v for k, v in composed.data.items() if not k.startswith(EXTENSION_PREFIX)}
    doc, problems = validate(fields, composed.positions)
    return Loaded(doc, composed.positions, [*composed.problems, *problems])


def to_parse_errors(problems: list[Problem], file: str) -> list[ParseError]:
    """Located, one-line errors in document order."""
    errors = [
        ParseError(
            file=file,
            line=p.line,
            message=p.message.replace("\n", " "),
            key=key_path(p.path) if p.path else None,
        )
        for p in problems
    ]
    return sorted(errors, key=lambda e: (e.line or 0, e.key or "", e.message))


def _top_level_problem(data: Any, positions: dict[Path, Pos]) -> Problem | None:
    if not isinstance(data, dict):
        return Problem(
            line_of(positions, ()),
            f"the top level must be a mapping with `version: 1` and `components`, got {show(data)}",
        )
    if "version" not in data:
        return Problem(1, "missing `version: 1` at the top level", ("version",))
    version = data["version"]
    if type(version) is not int or version != 1:
        return Problem(
            line_of(positions, ("version",)),
            f"unsupported version {show(version)}; this spofcheck reads version 1",
            ("version",),
        )
    return None


def _read_bytes(path: FsPath) -> bytes | Problem:
    """At most MAX_BYTES + 1 bytes of a regular file (never blocks on a FIFO or a device)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Problem(None, "not a regular file")
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Problem(None, f"cannot read: {exc.strerror or exc}")

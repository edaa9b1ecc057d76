"""Find a module folder's Terraform files, read them, and parse them (cached, in parallel)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spofcheck.cache.syntax import ParseCache
from spofcheck.files import read_regular
from spofcheck.model import ParseError
from spofcheck.parse.boundary import UNLIMITED, Boundary, link_name
from spofcheck.parse.pool import run_in_pool
from spofcheck.parse.terraform.hcl import parse_file
from spofcheck.parse.terraform.syntax import FileFailure, FileSyntax, Parsed
from spofcheck.paths import display_path

_SUFFIXES = (".tf", ".tf.json", ".tofu", ".tofu.json")
# A process pool pays ~0.1-0.3 s to start and load the grammar in each worker: only
# worth it for many files and enough bytes.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 200_000


@dataclass(frozen=True)
class SourceFile:
    """One file of a module: where it is, how users see its path, what it parsed to."""

    path: Path
    display: str
    syntax: FileSyntax | None
    error: ParseError | None


def module_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The files Terraform reads in `folder` (sorted), and override files we skip.

    A `.tofu`/`.tofu.json` file replaces the `.tf`/`.tf.json` file of the same name.
    """
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(_SUFFIXES))
    except OSError:
        return [], []
    chosen = {}
    for name in names:
        stem = name.replace(".tofu", ".tf", 1) if ".tofu" in name else name
        if name.endswith((".tofu", ".tofu.json")) or stem not in chosen:
            chosen[stem] = name
    files: list[Path] = []
    overrides: list[Path] = []
    for name in sorted(chosen.values()):
        base = name.split(".", 1)[0]
        path = folder / name
        if path.is_dir():
            continue  # a loop or unreadable entry is kept: reading it reports the problem
        (overrides if base == "override" or base.endswith("_override") else files).append(path)
    return files, overrides


_LOCAL_SOURCE = re.compile(rb'\bsource\s*=\s*"(\.\.?/[^"]*)"')
MAX_PREFETCH_FOLDERS = 500


def module_folders(
    root: Path, extra: Sequence[Path] = (), boundary: Boundary = UNLIMITED
) -> list[Path]:
    """Folders the root module probably loads: itself, `extra`, and local `source = "./x"`
    found by a text scan (transitively). Only used to parse everything in one batch, so a
    guess is harmless; folders outside `boundary` are never listed."""
    found = [root, *(p for p in extra if p.is_dir() and boundary.allows(p))]
    seen = set(found)
    position = 0
    while position < len(found) and len(found) < MAX_PREFETCH_FOLDERS:
        folder = found[position]
        position += 1
        for path in module_files(folder)[0]:
            if not boundary.allows(path):
                continue
            for match in _LOCAL_SOURCE.finditer(_bytes(path)):
                candidate = _folder(folder, match.group(1))
                if candidate is None or not boundary.allows(candidate):
                    continue
                if candidate not in seen:
                    seen.add(candidate)
                    found.append(candidate)
    return found


def _bytes(path: Path) -> bytes:
    try:
        return read_regular(path)
    except OSError:
        return b""


def _folder(base: Path, source: bytes) -> Path | None:
    try:
        folder = (base / source.decode("utf-8", "replace")).resolve(strict=True)
        return folder if folder.is_dir() else None
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL byte in the path
        return None


def shown_path(path: Path, display_root: Path) -> str:
    """A file as findings show it: relative to the scan root, or, for a downloaded module,
    its machine-independent name in the tool's module store (download/store.py)."""
    from spofcheck.parse.terraform.download.store import stored_name

    return stored_name(path) or display_path(path, display_root)


def read_and_parse(
    paths: Sequence[Path],
    display_root: Path,
    cache: ParseCache | None,
    boundary: Boundary = UNLIMITED,
) -> list[SourceFile]:
    """Parse every path (cache first, then a process pool when there is a lot of work).
    A path resolving outside `boundary` is not read: its SourceFile carries the error."""
    shown = [_shown(p, display_root, boundary) for p in paths]
    contents: list[bytes | ParseError] = [
        _read(p, d, boundary) for p, d in zip(paths, shown, strict=True)
    ]
    results: list[Parsed | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    todo: list[int] = []
    for i, data in enumerate(contents):
        if isinstance(data, bytes):
            keys[i] = cache.key(paths[i].name, data) if cache else None
            results[i] = cache.get(keys[i]) if cache and keys[i] else None  # type: ignore[arg-type]
            if results[i] is None:
                todo.append(i)
    parsed = _parse_all([(paths[i].name, contents[i]) for i in todo])  # type: ignore[misc]
    for i, result in zip(todo, parsed, strict=True):
        results[i] = result
        if cache and keys[i]:
            cache.put(keys[i], result)  # type: ignore[arg-type]
    return [_source(p, d, c, r) for p, d, c, r in zip(paths, shown, contents, results, strict=True)]


def _shown(path: Path, display_root: Path, boundary: Boundary) -> str:
    if boundary.allows(path):
        return shown_path(path, display_root)
    return link_name(path, display_root)


def _read(path: Path, shown: str, boundary: Boundary) -> bytes | ParseError:
    if not boundary.allows(path):
        return ParseError(file=shown, message=boundary.refusal("file"))
    try:
        return read_regular(path)
    except OSError as exc:
        return ParseError(file=shown, message=f"cannot read file: {exc.strerror or exc}")


def _source(
    path: Path, shown: str, content: bytes | ParseError, result: Parsed | None
) -> SourceFile:
    if isinstance(content, ParseError):
        return SourceFile(path, shown, None, content)
    if isinstance(result, FileFailure):
        return SourceFile(
            path, shown, None, ParseError(file=shown, line=result.line, message=result.message)
        )
    return SourceFile(path, shown, result, None)


def _parse_all(work: list[tuple[str, bytes]]) -> list[Parsed]:
    total = sum(len(data) for _, data in work)
    workers = min(os.cpu_count() or 1, len(work))
    if len(work) >= PARALLEL_MIN_FILES and total >= PARALLEL_MIN_BYTES and workers > 1:
        pooled = _parse_in_pool(work, workers)
        if pooled is not None:
            return pooled
    return [parse_file(name, data) for name, data in work]


def _parse_in_pool(work: list[tuple[str, bytes]], workers: int) -> list[Parsed] | None:
    """Largest files first so no worker is left with a big one at the end; None if the
    platform refuses to start processes (then we parse in-process)."""
    from spofcheck.parse.terraform.grammar import parser

    parser()  # compiled once here; forked workers inherit it
    order = sorted(range(len(work)), key=lambda i: -len(work[i][1]))
    done = run_in_pool(parse_file, [work[i] for i in order], workers)
    if done is None:
        return None
    results: list[Parsed] = [FileFailure(None, "")] * len(work)
    for i, result in zip(order, done, strict=True):
        results[i] = result
    return results

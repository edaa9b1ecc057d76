"""Paths as users see them: POSIX, relative to the scanned root."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it ("." for the root), else absolute.

    Never raises: a symlink loop (RuntimeError on Python 3.11) or an unreadable parent
    falls back to the lexically normalized absolute path.
    """
    resolved, base = _resolve(path), _resolve(root)
    try:
        return resolved.relative_to(base).as_posix() or "."
    except ValueError:
        return resolved.as_posix()


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.normpath(path.absolute()))


def relative_file(file: str, root: str) -> str:
    """A reported path made relative to the scan root's string, never absolute.

    Findings in a local module outside the scanned root carry an absolute path; CI
    consumers resolve paths against the checkout, so it becomes `../modules/x/main.tf`.
    Pure string arithmetic: formatters never look at the file system. (Used by the
    SARIF, JUnit, Markdown and GitHub formatters, baselines and diff.)
    """
    if not posixpath.isabs(file):
        return posixpath.normpath(file)
    if not posixpath.isabs(root):
        return posixpath.basename(file)
    return posixpath.relpath(file, root)


def repo_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `.git` (a checkout or a worktree).

    This is the boundary of a scan: inputs resolve inside it, reported paths and
    fingerprints are relative to it, and configuration lookup stops there. Pure file
    system inspection: git itself is never run.
    """
    here = _resolve(start)
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None

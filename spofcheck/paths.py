"""Paths as users see them: POSIX, relative to the scanned root."""

from __future__ import annotations

import os
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

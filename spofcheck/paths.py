"""Paths as users see them: POSIX, relative to the scanned root."""

from __future__ import annotations

from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it ("." for the root), else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return resolved.as_posix()

"""Paths as users see them: POSIX, relative to the scanned root."""

from __future__ import annotations

import posixpath
from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it ("." for the root), else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return resolved.as_posix()


def relative_file(file: str, root: str) -> str:
    """A reported path made relative to the scan root's string, never absolute.

    Findings in a local module outside the scanned root carry an absolute path; CI
    consumers resolve paths against the checkout, so it becomes `../modules/x/main.tf`.
    Pure string arithmetic: formatters never look at the file system.
    """
    if not posixpath.isabs(file):
        return posixpath.normpath(file)
    if not posixpath.isabs(root):
        return posixpath.basename(file)
    return posixpath.relpath(file, root)

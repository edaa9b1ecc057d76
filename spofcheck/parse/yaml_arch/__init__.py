"""YAML architecture descriptions (format version 1) → `spofcheck.model.Architecture`.

The format is documented in docs/yaml-format.md; its JSON Schema is generated from
`schema.py`. Input problems never raise: they come back as `Architecture.errors`.
"""

from __future__ import annotations

import os
from pathlib import Path

from spofcheck.model import Architecture
from spofcheck.parse.yaml_arch.convert import to_architecture
from spofcheck.parse.yaml_arch.load import looks_like_architecture, read_path
from spofcheck.parse.yaml_arch.merge import merge_document
from spofcheck.paths import display_path

__all__ = ["is_architecture_document", "load_yaml_architecture", "merge_overlay"]


def is_architecture_document(path: Path) -> bool:
    """Cheap check, without parsing: top-level `version:` and `components:` keys."""
    return looks_like_architecture(path)


def load_yaml_architecture(path: Path, *, display_root: Path) -> Architecture:
    """Read one standalone architecture file; file paths in the model are relative to
    `display_root`. Never raises for input problems: they are in `Architecture.errors`."""
    return to_architecture(read_path(path), _display(path, display_root))


def merge_overlay(base: Architecture, overlay_path: Path, *, display_root: Path) -> Architecture:
    """`base` (from Terraform) with the overlay file's components, overrides, dependencies,
    entrypoints and SLO applied; what changed is listed in `Architecture.notes`."""
    file = _display(overlay_path, display_root)
    return merge_document(base, read_path(overlay_path), file)


def _display(path: Path, root: Path) -> str:
    """The shared display path; resolving a symlink loop fails, so fall back to the text."""
    try:
        return display_path(path, root)
    except (OSError, RuntimeError):
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()

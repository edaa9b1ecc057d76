"""Which folders with terragrunt.hcl are units, and which units a changed .hcl file affects."""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from pathlib import Path

from spofcheck.files import read_regular

UNIT_FILE = "terragrunt.hcl"
_TERRAFORM_BLOCK = re.compile(rb"^\s*terraform\s*\{", re.MULTILINE)
_SKIP = frozenset({".git", ".terraform", ".terragrunt-cache", "node_modules"})


def is_shared_root(folder: Path, units: Collection[Path]) -> bool:
    """A terragrunt.hcl above other units, with no module of its own to deploy."""
    if not any(folder in u.parents for u in units):
        return False
    if any(p.suffix == ".tf" for p in _listing(folder)):
        return False
    return not _TERRAFORM_BLOCK.search(_text(folder / UNIT_FILE))


def local_sources(unit: Path) -> list[Path]:
    """The local module folder a unit's `terraform.source` names, evaluated as Terragrunt
    would (includes, locals), so that folder is not scanned as a stack of its own."""
    from spofcheck.parse.terragrunt.unit import local_source

    folder = local_source(unit)
    return [folder] if folder is not None else []


def affected_units(
    changed: Path, repo_root: Path, units: Collection[Path] | None = None
) -> list[Path]:
    """Units a changed terragrunt.hcl or included .hcl file can change: units in folders
    below it (`find_in_parent_folders`) and units whose configuration names the file.
    `units`: every unit of the repository, when the caller already listed them."""
    changed = changed.resolve()
    units = list(units_under(repo_root.resolve())) if units is None else units
    if changed.name == UNIT_FILE and not is_shared_root(changed.parent, units):
        return [changed.parent]
    name = changed.name.encode()
    found = []
    for unit in units:
        if changed.name == UNIT_FILE and unit == changed.parent:
            continue
        if changed.parent in unit.parents or name in _text(unit / UNIT_FILE):
            found.append(unit)
    return found


def units_under(top: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP and not d.startswith("."))
        if UNIT_FILE in filenames:
            yield Path(dirpath)


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _text(path: Path) -> bytes:
    try:
        return read_regular(path)
    except OSError:
        return b""

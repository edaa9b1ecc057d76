"""Find what to analyze: Terraform root folders, YAML architectures and plan JSON files."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from spofcheck.files import read_head, read_regular
from spofcheck.model import ParseError
from spofcheck.paths import display_path

TF_SUFFIXES = (".tf", ".tf.json", ".tofu", ".tofu.json")
YAML_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = frozenset({".git", ".terraform", ".terragrunt-cache", "node_modules", "__pycache__"})
CONFIG_FILES = frozenset({".spofcheck.yaml", ".spofcheck.yml", ".pre-commit-config.yaml"})
TERRAGRUNT_FILE = "terragrunt.hcl"
_SNIFF_BYTES = 1024
_LOCAL_SOURCE = re.compile(r"""source\s*=\s*"(\.{1,2}/[^"]*)\"""")


class StackKind(StrEnum):
    TERRAFORM = "terraform"
    TERRAGRUNT = "terragrunt"
    PLAN = "plan"
    YAML = "yaml"


@dataclass(frozen=True)
class StackInput:
    """One unit of analysis: a Terraform root folder (with YAML overlays), a plan, a YAML file."""

    kind: StackKind
    path: Path
    overlays: tuple[Path, ...] = ()


@dataclass
class Discovery:
    stacks: list[StackInput] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)


def is_terraform_file(path: Path) -> bool:
    return path.name.endswith(TF_SUFFIXES)


def is_plan_file(path: Path) -> bool:
    return path.suffix == ".json" and not is_terraform_file(path)


def looks_like_plan(path: Path) -> bool:
    """A `terraform show -json` document: both version keys near the start of the file."""
    try:
        head = read_head(path, _SNIFF_BYTES)
    except OSError:
        return False
    return b'"format_version"' in head and b'"terraform_version"' in head


@dataclass
class _Found:
    """What walking the paths turned up, before roots and overlays are decided."""

    root: Path
    exclude: Sequence[str]
    tf_dirs: set[Path] = field(default_factory=set)
    tg_dirs: set[Path] = field(default_factory=set)
    yamls: set[Path] = field(default_factory=set)
    plans: set[Path] = field(default_factory=set)
    result: Discovery = field(default_factory=Discovery)

    def error(self, path: Path, message: str) -> None:
        self.result.errors.append(ParseError(file=display_path(path, self.root), message=message))


def discover(paths: Sequence[Path], root: Path, exclude: Sequence[str] = ()) -> Discovery:
    """Stacks under `paths`; folders used as local modules by another folder are not roots."""
    found = _Found(root, exclude)
    for path in paths:
        if not path.exists():
            found.error(path, "no such file or folder")
        elif path.is_dir():
            _walk(path, found)
        elif is_terraform_file(path):
            found.tf_dirs.add(path.parent.resolve())
        elif path.name == TERRAGRUNT_FILE:
            found.tg_dirs.add(path.parent.resolve())
        elif path.name.endswith(YAML_SUFFIXES):
            _add_yaml(path, found, explicit=True)
        elif is_plan_file(path):
            found.plans.add(path.resolve())
        else:
            found.error(path, _unsupported(path))
    _assemble(found)
    return found.result


def _unsupported(path: Path) -> str:
    return (
        f"unsupported file type {path.suffix or path.name!r}: expected .tf, .tf.json, "
        ".tofu, plan .json or an architecture .yaml"
    )


def _assemble(found: _Found) -> None:
    stacks = found.result.stacks
    modules = _local_module_dirs(found.tf_dirs) | found.tg_dirs | _unit_sources(found.tg_dirs)
    for folder in terragrunt_units(found.tg_dirs):
        stacks.append(StackInput(StackKind.TERRAGRUNT, folder))
    for folder in sorted(d for d in found.tf_dirs if d not in modules):
        overlays = tuple(sorted(y for y in found.yamls if y.parent == folder))
        stacks.append(StackInput(StackKind.TERRAFORM, folder, overlays))
    used = {o for s in stacks for o in s.overlays}
    stacks.extend(StackInput(StackKind.YAML, y) for y in sorted(found.yamls - used))
    stacks.extend(StackInput(StackKind.PLAN, p) for p in sorted(found.plans))


def terragrunt_units(folders: set[Path]) -> list[Path]:
    """Folders with terragrunt.hcl, minus a shared root: one that only holds configuration
    (no `terraform` block, no .tf files) for units in folders below it."""
    from spofcheck.parse.terragrunt.discover import is_shared_root

    return sorted(f for f in folders if not is_shared_root(f, folders))


def _unit_sources(units: set[Path]) -> set[Path]:
    from spofcheck.parse.terragrunt.discover import local_sources

    return {folder for unit in units for folder in local_sources(unit)}


def _walk(top: Path, found: _Found) -> None:
    for folder, files in _folders(top.resolve()):
        if _excluded(display_path(folder, found.root), found.exclude):
            continue
        if any(is_terraform_file(folder / f) for f in files):
            found.tf_dirs.add(folder)
        if TERRAGRUNT_FILE in files:
            found.tg_dirs.add(folder)
        for name in files:
            path = folder / name
            if _excluded(display_path(path, found.root), found.exclude):
                continue
            if name.endswith(YAML_SUFFIXES):
                _add_yaml(path, found, explicit=False)
            elif is_plan_file(path) and looks_like_plan(path):
                found.plans.add(path.resolve())


def _folders(top: Path) -> Iterator[tuple[Path, list[str]]]:
    """Folders below `top` in sorted order; symlinked folders are not followed (no loops)."""
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        yield Path(dirpath), sorted(filenames)


def _add_yaml(path: Path, found: _Found, *, explicit: bool) -> None:
    from spofcheck.parse.yaml_arch import is_architecture_document

    if path.name in CONFIG_FILES and not explicit:
        return
    if is_architecture_document(path):
        found.yamls.add(path.resolve())
    elif explicit:
        found.error(
            path, "not a spofcheck architecture (needs top-level `version` and `components`)"
        )


def _local_module_dirs(tf_dirs: set[Path]) -> set[Path]:
    """Folders that some other found folder calls as a local module (`source = "./x"`)."""
    called: set[Path] = set()
    for folder in tf_dirs:
        for path in sorted(folder.iterdir()):
            if path.is_file() and is_terraform_file(path):
                called.update(_module_sources(path))
    return {c for c in called if c in tf_dirs}


def _module_sources(path: Path) -> Iterator[Path]:
    try:
        text = read_regular(path).decode("utf-8", errors="replace")
    except OSError:
        return
    for match in _LOCAL_SOURCE.finditer(text):
        yield (path.parent / match.group(1)).resolve()


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel + "/", p) for p in patterns)

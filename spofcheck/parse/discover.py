"""Find what to analyze: Terraform root folders, YAML architectures, plan JSON files and
Kubernetes manifests (one stack per folder, or standard input given as `-`)."""

from __future__ import annotations

import fnmatch
import os
import re
import sys
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
KUSTOMIZE_FILES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
_SNIFF_BYTES = 1024
_LOCAL_SOURCE = re.compile(r"""source\s*=\s*"(\.{1,2}/[^"]*)\"""")


class StackKind(StrEnum):
    TERRAFORM = "terraform"
    PLAN = "plan"
    YAML = "yaml"
    KUBERNETES = "kubernetes"


@dataclass(frozen=True)
class StackInput:
    """One unit of analysis: a Terraform root folder (with YAML overlays), a plan, a YAML file."""

    kind: StackKind
    path: Path
    overlays: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()  # Kubernetes: the manifest files of the folder
    stdin: tuple[str, bytes] | None = None  # Kubernetes: (display name, bytes) read from `-`


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
    yamls: set[Path] = field(default_factory=set)
    plans: set[Path] = field(default_factory=set)
    manifests: set[Path] = field(default_factory=set)
    stdin: tuple[str, bytes] | None = None
    result: Discovery = field(default_factory=Discovery)

    def error(self, path: Path, message: str) -> None:
        self.result.errors.append(ParseError(file=display_path(path, self.root), message=message))


def discover(
    paths: Sequence[Path],
    root: Path,
    exclude: Sequence[str] = (),
    stdin_name: str | None = None,
) -> Discovery:
    """Stacks under `paths`; folders used as local modules by another folder are not roots.

    `-` reads Kubernetes manifests from standard input, shown as `stdin_name`."""
    found = _Found(root, exclude)
    for path in paths:
        if str(path) == STDIN:
            found.stdin = (stdin_name or "<stdin>", _read_stdin())
        elif not path.exists():
            found.error(path, "no such file or folder")
        elif path.is_dir():
            _walk(path, found)
        elif is_terraform_file(path):
            found.tf_dirs.add(path.parent.resolve())
        elif path.name.endswith(YAML_SUFFIXES):
            _add_yaml(path, found, explicit=True)
        elif is_plan_file(path) and not looks_like_plan(path) and _is_manifest(path):
            found.manifests.add(path.resolve())
        elif is_plan_file(path):
            found.plans.add(path.resolve())
        else:
            found.error(path, _unsupported(path))
    _assemble(found)
    return found.result


def _unsupported(path: Path) -> str:
    return (
        f"unsupported file type {path.suffix or path.name!r}: expected .tf, .tf.json, "
        ".tofu, plan .json, an architecture .yaml or Kubernetes manifests"
    )


STDIN = "-"
_STDIN_LIMIT = 16 << 20


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read(_STDIN_LIMIT + 1)


def _is_manifest(path: Path) -> bool:
    from spofcheck.parse.kubernetes import is_manifest

    return is_manifest(path)


def _assemble(found: _Found) -> None:
    stacks = found.result.stacks
    modules = _local_module_dirs(found.tf_dirs)
    for folder in sorted(d for d in found.tf_dirs if d not in modules):
        overlays = tuple(sorted(y for y in found.yamls if y.parent == folder))
        stacks.append(StackInput(StackKind.TERRAFORM, folder, overlays))
    used = {o for s in stacks for o in s.overlays}
    stacks.extend(StackInput(StackKind.YAML, y) for y in sorted(found.yamls - used))
    stacks.extend(StackInput(StackKind.PLAN, p) for p in sorted(found.plans))
    folders = sorted({m.parent for m in found.manifests})
    for folder in folders:
        files = tuple(sorted(m for m in found.manifests if m.parent == folder))
        stacks.append(StackInput(StackKind.KUBERNETES, folder, files=files))
    if found.stdin is not None:
        stacks.append(StackInput(StackKind.KUBERNETES, Path(found.stdin[0]), stdin=found.stdin))


def _walk(top: Path, found: _Found) -> None:
    for folder, files in _folders(top.resolve()):
        if _excluded(display_path(folder, found.root), found.exclude):
            continue
        if any(is_terraform_file(folder / f) for f in files):
            found.tf_dirs.add(folder)
        rendered = not KUSTOMIZE_FILES & set(files)  # kustomize sources are not manifests
        for name in files:
            path = folder / name
            if _excluded(display_path(path, found.root), found.exclude):
                continue
            if name.endswith(YAML_SUFFIXES):
                _add_yaml(path, found, explicit=False, manifests=rendered)
            elif is_plan_file(path) and looks_like_plan(path):
                found.plans.add(path.resolve())
            elif is_plan_file(path) and rendered and _is_manifest(path):
                found.manifests.add(path.resolve())


def _folders(top: Path) -> Iterator[tuple[Path, list[str]]]:
    """Folders below `top` in sorted order; symlinked folders are not followed (no loops)."""
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        yield Path(dirpath), sorted(filenames)


def _add_yaml(path: Path, found: _Found, *, explicit: bool, manifests: bool = True) -> None:
    from spofcheck.parse.yaml_arch import is_architecture_document

    if path.name in CONFIG_FILES and not explicit:
        return
    if is_architecture_document(path):
        found.yamls.add(path.resolve())
    elif manifests and _is_manifest(path):
        found.manifests.add(path.resolve())
    elif explicit:
        found.error(
            path,
            "neither a spofcheck architecture (top-level `version` and `components`) nor "
            "a Kubernetes manifest (`apiVersion` and `kind`)",
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

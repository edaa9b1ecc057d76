"""Changed files to stacks (pre-commit): the stacks one batch of files stands for, each once.

pre-commit passes changed files, not stacks: a `.tf` file stands for its whole folder,
and a folder used as a local module (`source = "../modules/db"`) is analyzed through
the root modules that call it, where its variables have values. Architecture YAML is
recognized by content (top-level `version:` and `components:` keys), so other YAML
files in the repository cost nothing: an overlay next to Terraform files stands for its
folder, a standalone description for itself. A changed Kubernetes manifest (YAML or
JSON with `apiVersion` and `kind`) stands for every manifest of its folder, since a
Service and the Deployment it selects may live in different files; kustomize source
folders are skipped (render them, see docs/kubernetes.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from spofcheck.files import read_head
from spofcheck.parse.calls import module_calls
from spofcheck.parse.discover import (
    CONFIG_FILES,
    KUSTOMIZE_FILES,
    SKIP_DIRS,
    TF_SUFFIXES,
    YAML_SUFFIXES,
)
from spofcheck.parse.terragrunt.discover import UNIT_FILE, affected_units, units_under

VAR_SUFFIXES = (".tfvars", ".tfvars.json")
_HEAD_BYTES = 65_536
_TOP_KEY = re.compile(rb"^(version|components)\s*:", re.MULTILINE)


def hook_paths(files: Sequence[Path], repo_root: Path) -> list[Path]:
    """What to pass to `scan` for these changed files: one Terraform file per folder (the
    loader reads the whole folder) plus its architecture YAML, and standalone YAML files."""
    folders: set[Path] = set()
    standalone: set[Path] = set()
    units: set[Path] = set()
    manifests: set[Path] = set()
    hcl = [p for p in files if p.suffix == ".hcl"]  # terragrunt.hcl, or what units read
    every = list(units_under(repo_root.resolve())) if hcl else []
    for path in files:
        if path.suffix == ".hcl":
            units.update(affected_units(path, repo_root, every))
        elif path.name.endswith(TF_SUFFIXES + VAR_SUFFIXES):
            folders.add(path.parent)
        elif _is_manifest(path):
            manifests.add(path.parent)
        elif is_architecture_yaml(path):
            if _terraform_files(path.parent):
                folders.add(path.parent)
            else:
                standalone.add(path)
    roots = _callers_of({f for f in folders if _terraform_files(f)}, repo_root)
    return _scan_paths(roots, standalone) + _unit_files(units) + _manifest_paths(manifests)


def _is_manifest(path: Path) -> bool:
    from spofcheck.parse.kubernetes import is_manifest

    if not path.name.endswith((*YAML_SUFFIXES, ".json")) or path.name in CONFIG_FILES:
        return False
    return not is_architecture_yaml(path) and is_manifest(path)


def _manifest_paths(folders: Iterable[Path]) -> list[Path]:
    """Every manifest of each folder, so cross-file selectors resolve; kustomize sources
    (a folder with a kustomization file) are not rendered output and are left out."""
    paths: list[Path] = []
    for folder in sorted(folders):
        try:
            names = sorted(p.name for p in folder.iterdir() if p.is_file())
        except OSError:
            continue
        if KUSTOMIZE_FILES & set(names):
            continue
        paths.extend(folder / n for n in names if _is_manifest(folder / n))
    return paths


def _unit_files(units: Iterable[Path]) -> list[Path]:
    return [Path(os.path.relpath(u / UNIT_FILE)) for u in sorted(units)]


def is_architecture_yaml(path: Path) -> bool:
    """A cheap content check: both top-level keys appear in the first 64 KiB."""
    if not path.name.endswith(YAML_SUFFIXES) or path.name in CONFIG_FILES:
        return False
    try:
        head = read_head(path, _HEAD_BYTES)
    except OSError:
        return False
    return {m.group(1) for m in _TOP_KEY.finditer(head)} == {b"version", b"components"}


def _terraform_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(TF_SUFFIXES) and p.is_file())
    except OSError:
        return []


def _scan_paths(folders: Iterable[Path], standalone: Iterable[Path]) -> list[Path]:
    paths: list[Path] = []
    for folder in sorted(folders):
        paths.append(_terraform_files(folder)[0])
        paths.extend(p for p in sorted(folder.iterdir()) if is_architecture_yaml(p))
    paths.extend(sorted(standalone))
    return paths


def _callers_of(folders: set[Path], repo_root: Path) -> set[Path]:
    """Replace each local-module folder by the root modules that (transitively) call it."""
    callers = _module_callers(repo_root)
    if not callers:
        return folders
    roots: set[Path] = set()
    for folder in folders:
        roots.update(_roots(_key(folder), callers, frozenset()))
    return {Path(os.path.relpath(r)) if r.is_absolute() else r for r in roots}


def _key(folder: Path) -> Path:
    return folder.resolve()


def _roots(folder: Path, callers: dict[Path, set[Path]], seen: frozenset[Path]) -> set[Path]:
    above = callers.get(folder, set()) - seen - {folder}
    if not above:
        return {folder}
    found: set[Path] = set()
    for caller in sorted(above):
        found.update(_roots(caller, callers, seen | {folder}))
    return found


def _module_callers(repo_root: Path) -> dict[Path, set[Path]]:
    """Local module folder → folders whose parsed `module` blocks surely call it, over the
    whole repository (the rule discovery uses: a comment or a `count = 0` call is not one)."""
    files = [folder / n for folder, names in _tf_folders(repo_root.resolve()) for n in names]
    callers: dict[Path, set[Path]] = {}
    for call in module_calls(files):
        if call.certain:
            callers.setdefault(call.target, set()).add(call.file.parent.resolve())
    return callers


def _tf_folders(top: Path) -> Iterable[tuple[Path, list[str]]]:
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        names = sorted(n for n in filenames if n.endswith(TF_SUFFIXES))
        if names:
            yield Path(dirpath), names

"""Whole Terraform stack models cached under the hash of everything their loading reads.

The parse cache spares parsing only: evaluating modules and adapting resources are ~75%
of a warm scan (generated 5,029-resource monorepo: 2.0 of 2.7 s CPU). A stack's model is
a pure function of spofcheck's own code and data, the scan root, the stack folder, the
var files, the YAML overlays, and the names and bytes of the Terraform and tfvars files
of the folders its modules come from; `stack_key` hashes all of that before loading.

Soundness does not rest on finding every module folder up front (`source` is found by a
text search, as the loader's prefetch does): a model is stored only when every file the
loader reports having read was hashed into its key, and it has no errors. A stack with
installed remote modules (`.terraform/modules/modules.json`) is never cached.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import spofcheck
from spofcheck.cache.store import open_store
from spofcheck.files import read_regular
from spofcheck.model import Architecture
from spofcheck.parse.discover import StackInput, StackKind
from spofcheck.paths import display_path

# Bump to drop every stored model (the code digest already changes with any edit).
STACK_CACHE_VERSION = 1
MAX_FOLDERS = 500
# Every file the loader may read in a folder, and more (a superset keeps keys sound):
# Terraform and OpenTofu files, overrides, and tfvars. Not imported from the loader so
# that a fully cached scan never imports the HCL parser (~0.1 s).
_INPUT_SUFFIXES = (".tf", ".tf.json", ".tofu", ".tofu.json", ".tfvars", ".tfvars.json")
_SOURCE = re.compile(rb'\bsource\s*=\s*"(\.\.?(?:/[^"]*)?)"')


@dataclass(frozen=True)
class StackKey:
    """The hash of a stack's inputs, and the display paths of the files hashed."""

    digest: str
    covered: frozenset[str]


@dataclass(frozen=True)
class _Folder:
    """One folder's share of a key: the hash of its inputs, the folders its files call."""

    digest: bytes
    covered: frozenset[str]
    calls: tuple[Path, ...]


def stack_keys(
    stacks: Sequence[StackInput], root: Path, var_files: Sequence[Path]
) -> list[StackKey | None]:
    """A key per stack (None: not cacheable). Shared module folders are read once."""
    folders: dict[Path, _Folder] = {}
    return [_stack_key(stack, root, var_files, folders) for stack in stacks]


def _stack_key(
    stack: StackInput, root: Path, var_files: Sequence[Path], folders: dict[Path, _Folder]
) -> StackKey | None:
    folder = stack.path
    if stack.kind is not StackKind.TERRAFORM or (folder / ".terraform" / "modules").exists():
        return None
    digest = hashlib.sha256(_salt(root, folder))
    covered: set[str] = set()
    try:
        for module in _module_folders(folder.resolve(), root, folders):
            digest.update(folders[module].digest)
            covered |= folders[module].covered
        for path in [*var_files, *stack.overlays]:
            data = read_regular(path)
            digest.update(f"file\0{path}\0{len(data)}\0".encode() + data)
            covered.add(display_path(path, root))
    except (OSError, RuntimeError):  # unreadable or a symlink loop: just load it
        return None
    return StackKey(digest.hexdigest(), frozenset(covered))


def _salt(root: Path, folder: Path) -> bytes:
    versions = f"{code_digest()} hcl2 {_version('python-hcl2')} py {sys.version_info[:2]}"
    head = f"spofcheck stack {STACK_CACHE_VERSION} {versions}"
    return "\0".join([head, str(root.resolve()), str(folder.resolve()), ""]).encode()


@functools.cache
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _module_folders(top: Path, root: Path, folders: dict[Path, _Folder]) -> list[Path]:
    """`top` and every folder a `source = "./x"` in their files leads to, transitively;
    each one read into `folders` (once per scan)."""
    found, seen = [top], {top}
    for folder in found:
        if folder not in folders:
            folders[folder] = _read_folder(folder, root)
        for target in folders[folder].calls:
            if target not in seen and len(found) < MAX_FOLDERS:
                seen.add(target)
                found.append(target)
    return found


def _read_folder(folder: Path, root: Path) -> _Folder:
    digest = hashlib.sha256(b"folder\0" + str(folder).encode() + b"\0")
    shown = display_path(folder, root)
    calls: list[Path] = []
    names = sorted(n for n in os.listdir(folder) if n.endswith(_INPUT_SUFFIXES))
    for name in names:
        data = read_regular(folder / name)
        digest.update(f"file\0{name}\0{len(data)}\0".encode() + data)
        for match in _SOURCE.finditer(data):
            target = (folder / match.group(1).decode("utf-8", "replace")).resolve()
            if target.is_dir():
                calls.append(target)
    covered = frozenset(name if shown == "." else f"{shown}/{name}" for name in names)
    return _Folder(digest.digest(), covered, tuple(calls))


@functools.cache
def code_digest() -> str:
    """Hash of every file of the installed spofcheck package: any change of code or data
    (the availability catalogue, adapters) makes every stored model unreachable."""
    package = Path(spofcheck.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def get(key: StackKey) -> Architecture | None:
    """The stored model, or None: missing, unverified (store.py) or wrong-shaped."""
    store = open_store()
    payload = store.get("stacks", f"{key.digest}.json") if store else None
    if payload is None:
        return None
    try:
        return Architecture.model_validate_json(payload)
    except ValueError:
        return None


def put(key: StackKey, arch: Architecture) -> bool:
    """Store `arch` if its key covers every file it was read from; True if stored."""
    if arch.errors or not set(arch.files) <= key.covered:
        return False
    store = open_store()
    payload = arch.model_dump_json().encode("utf-8")
    return store.put("stacks", f"{key.digest}.json", payload) if store else False

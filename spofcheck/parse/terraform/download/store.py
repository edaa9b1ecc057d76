"""Downloaded module packages, stored by the hash of their content and checked on reuse.

Layout under `<cache dir>/modules/`: `objects/<sha256>/` holds a package's files, and
`refs/<sha256 of the source>.json` names the object a source (and version constraint)
resolved to, so a later scan reuses it without the network. An object whose files no
longer hash to its name is discarded and fetched again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from spofcheck.cache.atomic import write_atomic
from spofcheck.cache.location import cache_dir
from spofcheck.files import read_regular

STORE_VERSION = 1


@dataclass(frozen=True)
class Stored:
    folder: Path
    version: str | None


def store_root() -> Path:
    return cache_dir() / "modules"


SHOWN_PREFIX = "spofcheck-cache/modules"


def stored_name(path: Path) -> str | None:
    """How a file of a downloaded package is shown in findings, or None outside the store.

    `spofcheck-cache/modules/<first 12 hex of the content hash>/<path in the package>`:
    the same on every machine and cache location, so output stays byte-identical
    (the cache folder itself differs per user and CI runner).
    """
    try:
        rel = path.relative_to(_objects(store_root()))
    except ValueError:
        return None
    parts = rel.parts
    if not parts:
        return None
    return "/".join((SHOWN_PREFIX, parts[0][:12], *parts[1:]))


@functools.lru_cache(maxsize=4)
def _objects(root: Path) -> Path:
    """The store's objects folder, resolved once (the loader's paths are resolved)."""
    try:
        return (root / "objects").resolve()
    except (OSError, RuntimeError):
        return root / "objects"


def staging() -> Path:
    """A fresh folder on the store's file system, for a download to land in."""
    root = store_root()
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".stage-", dir=root))


def tree_digest(folder: Path) -> str:
    """sha256 over every regular file's relative path and bytes, in sorted order."""
    digest = hashlib.sha256(f"spofcheck-modules-{STORE_VERSION}\0".encode())
    for path in sorted(_files(folder)):
        rel = path.relative_to(folder).as_posix()
        data = read_regular(path)
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def put(staged: Path, key: str, version: str | None) -> Stored:
    """Move a staged package into the store under its content hash; remember `key`."""
    digest = tree_digest(staged)
    target = store_root() / "objects" / digest
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, target)
    except OSError:  # already stored (same content): keep the existing copy
        shutil.rmtree(staged, ignore_errors=True)
    ref = {"key": key, "digest": digest, "version": version}
    write_atomic(_ref_path(key), json.dumps(ref, sort_keys=True).encode())
    return Stored(target, version)


def get(key: str) -> Stored | None:
    """The package `key` resolved to before, if it is still intact."""
    try:
        ref = json.loads(read_regular(_ref_path(key)))
    except (OSError, ValueError):
        return None
    digest, version = ref.get("digest"), ref.get("version")
    if not isinstance(digest, str) or len(digest) != 64 or ref.get("key") != key:
        return None
    folder = store_root() / "objects" / digest
    if not folder.is_dir() or _safe_digest(folder) != digest:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return Stored(folder, version if isinstance(version, str) else None)


def _safe_digest(folder: Path) -> str | None:
    try:
        return tree_digest(folder)
    except OSError:
        return None


def _ref_path(key: str) -> Path:
    return store_root() / "refs" / (hashlib.sha256(key.encode()).hexdigest() + ".json")


def _files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        found.extend(Path(dirpath) / n for n in filenames if not os.path.islink(Path(dirpath) / n))
    return found

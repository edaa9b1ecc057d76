"""Authenticated cache entries: read back only what this user's spofcheck wrote.

The threat: the cache folder's contents may come from someone else (a pull request's
author through a restored CI cache, a shared machine). Each entry is framed as
MAGIC + HMAC-SHA256(key, kind, name, payload) + payload; a missing, foreign, edited or
moved entry fails the check and is a miss, never a result. The folder itself must be
owned by the user and not writable by group or others (as ssh requires of ~/.ssh);
otherwise, or when the key cannot be had, caching is off for the run, with one note.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import multiprocessing
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from spofcheck.cache import secret
from spofcheck.cache.atomic import write_atomic
from spofcheck.cache.location import KINDS, cache_dir, key_file
from spofcheck.files import MAX_READ_BYTES, read_regular

MAGIC = b"spofcache1\n"
_MAC_BYTES = 32


@dataclass(frozen=True)
class Store:
    """An open cache: its folder and the key that signs its entries."""

    root: Path
    key: bytes

    def path(self, kind: str, name: str) -> Path:
        return self.root / kind / name[:2] / name

    def get(self, kind: str, name: str) -> bytes | None:
        """The payload stored under kind/name, or None: missing, unreadable or unverified."""
        try:
            raw = read_regular(self.path(kind, name), MAX_READ_BYTES)
        except OSError:
            return None
        return unframe(self.key, kind, name, raw)

    def put(self, kind: str, name: str, payload: bytes) -> bool:
        """Store atomically (False if the folder cannot be written); prunes first, once."""
        from spofcheck.cache.limits import prune_once

        prune_once(self.root)
        return write_atomic(self.path(kind, name), frame(self.key, kind, name, payload))


def _mac(key: bytes, kind: str, name: str, payload: bytes) -> bytes:
    mac = hmac.new(key, f"{kind}\0{name}\0".encode(), hashlib.sha256)
    mac.update(payload)
    return mac.digest()


def frame(key: bytes, kind: str, name: str, payload: bytes) -> bytes:
    return MAGIC + _mac(key, kind, name, payload) + payload


def unframe(key: bytes, kind: str, name: str, raw: bytes) -> bytes | None:
    if not raw.startswith(MAGIC):
        return None
    mac, payload = raw[len(MAGIC) : len(MAGIC) + _MAC_BYTES], raw[len(MAGIC) + _MAC_BYTES :]
    return payload if hmac.compare_digest(mac, _mac(key, kind, name, payload)) else None


def open_store() -> Store | None:
    """The cache for this run, or None (caching off; the reason was noted once)."""
    return _open(cache_dir(), key_file())


@functools.cache
def _open(root: Path, keys: Path) -> Store | None:
    problem = unsafe_reason(root)
    if problem is None:
        try:
            return Store(root, secret.load_or_create(keys))
        except secret.CacheKeyError as exc:
            problem = str(exc)
    _note(f"cache off: {problem}")
    return None


def owned_key() -> bytes | None:
    """The key alone, for a cache kept in a folder of the caller's choosing."""
    store = open_store()
    return store.key if store else None


def unsafe_reason(root: Path) -> str | None:
    """Why `root` must not be used as a cache (created 0700 if missing), or None. The
    cache's own subfolders are checked too: a planted link or open folder is refused."""
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        problem = _bad_owner_or_mode(root, root.stat())
        for kind in KINDS:
            problem = problem or _bad_subfolder(root / kind)
    except OSError as exc:
        return f"cannot use {exc.filename or root}: {exc.strerror or exc}"
    return problem


def _bad_subfolder(folder: Path) -> str | None:
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    return _bad_owner_or_mode(folder, info)


def _bad_owner_or_mode(path: Path, info: os.stat_result) -> str | None:
    if info.st_uid != os.getuid():
        return f"{path} is not owned by you"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{path} is writable by group or others (chmod go-w it)"
    return None


def _note(text: str) -> None:
    """One line on stderr, from the main process only (workers would repeat it)."""
    if multiprocessing.parent_process() is None:
        sys.stderr.write(f"spofcheck: note: {text}\n")

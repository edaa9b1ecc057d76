"""The per-user cache key: 32 random bytes in a mode-0600 file, created on first use."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32


class CacheKeyError(Exception):
    """The key cannot be read or created; the message says why (caching is then off)."""


def load_or_create(path: Path) -> bytes:
    """The key in `path`, created if missing; CacheKeyError if it is unsafe or unusable."""
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    _create(path)
    return _read(path)


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise CacheKeyError(f"{path} is not a regular file owned by you")
        if info.st_mode & 0o077:
            raise CacheKeyError(f"{path} is readable or writable by others (chmod 600 it)")
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise CacheKeyError(f"{path} does not hold a {KEY_BYTES}-byte key (delete it)")
    return data


def _create(path: Path) -> None:
    """Written whole under a temporary name, then linked into place: a concurrent run
    sees no key or the whole key, and the first writer's key wins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_bytes(KEY_BYTES))
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise CacheKeyError(f"cannot create {path}: {exc.strerror or exc}") from exc

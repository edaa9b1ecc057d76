"""Bounds on the cache folder (total size, entry age), pruning, and what `cache info` shows."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from spofcheck.cache.location import KINDS

DEFAULT_MAX_MB = 512
DEFAULT_MAX_AGE_DAYS = 30
# After pruning for size, the folder is brought down to this share of the limit, so
# the next writes do not prune again straight away.
_LOW_WATER = 0.8
_pruned: set[Path] = set()


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_age_seconds: float


@dataclass(frozen=True)
class Entry:
    path: Path
    size: int
    mtime: float


def limits() -> Limits:
    """$SPOFCHECK_CACHE_MAX_MB and $SPOFCHECK_CACHE_MAX_AGE_DAYS, else the defaults."""
    megabytes = _number("SPOFCHECK_CACHE_MAX_MB", DEFAULT_MAX_MB)
    days = _number("SPOFCHECK_CACHE_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS)
    return Limits(int(megabytes * 1024 * 1024), days * 86_400)


def _number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


def entries(root: Path) -> list[Entry]:
    """Every file in the cache's own folders (nothing else under `root` is ours)."""
    found = []
    for kind in KINDS:
        for folder, _, names in os.walk(root / kind):
            for name in names:
                path = Path(folder, name)
                try:
                    info = path.lstat()
                except OSError:
                    continue
                found.append(Entry(path, info.st_size, info.st_mtime))
    return found


def prune(root: Path, bounds: Limits, now: float | None = None) -> int:
    """Delete entries older than the age limit, then the oldest until the folder is under
    the size limit (down to 80% of it); the number deleted."""
    now = time.time() if now is None else now
    kept, removed = [], 0
    for entry in entries(root):
        if now - entry.mtime > bounds.max_age_seconds:
            removed += _remove(entry.path)
        else:
            kept.append(entry)
    total = sum(e.size for e in kept)
    if total > bounds.max_bytes:
        for entry in sorted(kept, key=lambda e: e.mtime):
            if total <= bounds.max_bytes * _LOW_WATER:
                break
            removed += _remove(entry.path)
            total -= entry.size
    return removed


def prune_once(root: Path) -> None:
    """Prune at the first write of this process: one walk of the folder per run."""
    if root not in _pruned:
        _pruned.add(root)
        prune(root, limits())


def clear(root: Path) -> int:
    """Delete every entry (the folders the caches write, nothing else); the count."""
    return sum(_remove(entry.path) for entry in entries(root))


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except OSError:
        return 0
    return 1

"""File IO: read inputs safely (regular files only, bounded), write cache files atomically.

A named pipe with a `.tf` name blocks `open()` forever, and a link to `/dev/zero` or
`/dev/urandom` never ends; both turn a scan into a hang or an out-of-memory kill. The
file is opened without blocking and checked with `fstat` on the same descriptor, so
nothing can be swapped in between the check and the read.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# Far above any hand-written file; a plan JSON of a very large estate stays below it.
MAX_READ_BYTES = 256 * 1024 * 1024
_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def read_regular(path: Path | str, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file (symlinks followed), or OSError with a readable
    `strerror`: not a regular file, larger than `limit`, or whatever the OS says."""
    with _open_regular(path) as (handle, size):
        if size > limit:
            shown = f"{size / 1_000_000:.0f} MB"
            raise OSError(errno.EFBIG, f"file is {shown}, over {limit // 1_000_000} MB", str(path))
        # not read(limit): a buffered read allocates its whole argument up front
        return handle.read()


def read_head(path: Path | str, size: int) -> bytes:
    """The first `size` bytes of a regular file, with the same checks as read_regular."""
    with _open_regular(path) as (handle, _):
        return handle.read(size)


@contextmanager
def _open_regular(path: Path | str) -> Iterator[tuple[BinaryIO, int]]:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
            raise OSError(errno.EINVAL, f"not a regular file ({kind})", str(path))
        yield handle, info.st_size


def cache_dir() -> Path:
    """$SPOFCHECK_CACHE_DIR, else $XDG_CACHE_HOME/spofcheck, else ~/.cache/spofcheck.

    The one place every cache (grammar, parsed files, stack models, rules, SLA figures)
    finds its folder; it lives here, not with the HCL parser, because a fully cached scan
    never imports the parser.
    """
    explicit = os.environ.get("SPOFCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "spofcheck"


def write_atomic(path: Path, data: bytes | Callable[[BinaryIO], object]) -> bool:
    """Write through a temporary file and `os.replace`: readers, concurrent runs included,
    see the old file or the new one, never half of one. False (and nothing left behind)
    when the folder cannot be written: a cache is only an optimisation.

    `data` is the bytes, or a function that writes them to the open binary file.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False
    return True

"""File IO: read inputs safely (regular files only, bounded).

A named pipe with a `.tf` name blocks `open()` forever, and a link to `/dev/zero` or
`/dev/urandom` never ends; both turn a scan into a hang or an out-of-memory kill. The
file is opened without blocking and checked with `fstat` on the same descriptor, so
nothing can be swapped in between the check and the read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
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

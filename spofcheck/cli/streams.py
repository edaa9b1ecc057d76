"""Standard output that a closed reader cannot crash, and signals that end a run cleanly.

`spofcheck scan | head -1` closes the pipe under us, and a CI step may start spofcheck
with stdout closed; neither is a failure of the scan, so the exit code stays the
verdict's. A full disk or an I/O error on stdout is an error: one line, exit 2.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from types import FrameType

from spofcheck.errors import SpofcheckError

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_TERMINATED = 143  # 128 + SIGTERM


class OutputError(SpofcheckError):
    """Standard output cannot be written (not a closed reader: that is ignored)."""


class _Descriptor(io.RawIOBase):
    """Writes to a file descriptor; once the reader is gone, later writes are dropped."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self.reader_gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self.reader_gone and os.isatty(self._fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(data)
        if self.reader_gone:
            return size
        try:
            return os.write(self._fd, data)
        except (BrokenPipeError, ConnectionResetError):
            self.reader_gone = True
            return size
        except OSError as exc:
            self.reader_gone = True  # reported once, below; the exit flush must not retry
            raise OutputError(f"cannot write to standard output: {exc.strerror}") from exc


def guard_stdout() -> None:
    """Replace sys.stdout (a real descriptor only; test runners' buffers are left alone)."""
    current = sys.stdout
    if current is None:  # started with stdout closed: what it prints goes nowhere
        fd = os.open(os.devnull, os.O_WRONLY)
        encoding, errors, line_buffering = "utf-8", "strict", False
    else:
        try:
            fd = current.fileno()
        except (OSError, ValueError, AttributeError):
            return
        encoding, errors = current.encoding, current.errors or "strict"
        line_buffering = bool(getattr(current, "line_buffering", False))
        with contextlib.suppress(OSError):
            current.flush()
    raw = io.BufferedWriter(_Descriptor(fd))  # type: ignore[type-var]
    sys.stdout = io.TextIOWrapper(
        raw, encoding=encoding, errors=errors, line_buffering=line_buffering, write_through=True
    )


class Terminated(SystemExit):
    """SIGTERM arrived: unwind (so worker pools are shut down), then exit 143."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated(EXIT_TERMINATED)


_received: set[int] = set()


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _received.add(signum)
    raise KeyboardInterrupt


def interrupted() -> bool:
    """Ctrl-C arrived during this run, even if a library swallowed its KeyboardInterrupt
    (raised inside a fork hook or a callback that ignores exceptions): the run must still
    end as interrupted, never with a verdict on work the user stopped."""
    return signal.SIGINT in _received


def guard_signals() -> None:
    """SIGTERM unwinds like an exception, so `finally` blocks stop worker processes;
    Ctrl-C is remembered as well as raised."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)

"""A progress line on stderr for scans that take a while, only on a terminal.

Nothing is drawn for the first second (most scans are done by then), when stderr is not a
terminal (CI logs, pipes) or with `--quiet`. The line counts stacks through the stages the
pipeline reports (discovered, parsed, analyzing) and names the stack being analyzed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

import click

DELAY_SECONDS = 1.0


class TerminalProgress:
    """The `Progress` callback of `api.pipeline.run_scan`, drawn with click's progress bar."""

    def __init__(self, stream: TextIO, *, delay: float = DELAY_SECONDS) -> None:
        self._stream = stream
        self._start = time.monotonic() + delay
        self._bar: Any = None
        self._current = ""

    def __call__(self, stage: str, done: int, total: int, current: str) -> None:
        if time.monotonic() < self._start or total == 0:
            return
        if self._bar is None:
            nothing: Iterable[str] | None = None
            self._bar = click.progressbar(
                nothing,
                length=total,
                label="spofcheck: stacks",
                file=self._stream,
                show_pos=True,
                item_show_func=_shown,
            )
            self._bar.__enter__()
        self._current = f"{stage} {current}".strip()
        self._bar.update(max(0, done - self._bar.pos), self._current)

    def close(self) -> None:
        """Finish the line so the report starts on a clean one."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _shown(item: str | None) -> str | None:
    return item


def for_terminal(quiet: bool = False) -> TerminalProgress | None:
    """A progress line when stderr is a terminal and the user did not ask for quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    return TerminalProgress(sys.stderr)


def asked_quiet() -> bool:
    """Whether this command was given `--quiet` (an output option, when it has one)."""
    context = click.get_current_context(silent=True)
    return bool(context is not None and context.params.get("quiet"))

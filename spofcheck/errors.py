"""One error tree for everything a user can get wrong, mapped to exit codes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """The three outcomes scripts rely on; `api.gate.exit_code` picks one."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class SpofcheckError(Exception):
    """Base of every error spofcheck reports to a user; never shown as a traceback."""

    exit_code = ExitCode.USAGE

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.key = key

    def one_line(self) -> str:
        where = ""
        if self.file:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        return f"{where}{key}{self.message}".replace("\n", " ")


class ConfigError(SpofcheckError):
    """The configuration file or a command-line option is invalid."""


class RuleError(SpofcheckError):
    """A rule definition in the catalogue or a user rule directory is invalid."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`; did you mean 'fail_on'?` for the closest choice, or "" when none is close."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean {lowered[close[0]]!r}?" if close else ""

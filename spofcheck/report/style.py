"""How a run wants its output: colour, quiet, compact; decided once by the CLI."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class ColourChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@dataclass(frozen=True)
class Style:
    """`quiet`: only the findings that fail the gate, and the verdict. `compact`: no
    request paths in messages, no rule explanations. `explain_command`: point at
    `spofcheck explain` (off where spofcheck may not be on PATH, e.g. under pre-commit)."""

    colour: bool = False
    quiet: bool = False
    compact: bool = False
    explain_command: bool = True


def wants_colour(choice: ColourChoice, env: Mapping[str, str], tty: bool) -> bool:
    """`always`/`never` win; `auto` follows NO_COLOR, FORCE_COLOR, TERM=dumb, then the tty
    (https://no-color.org: NO_COLOR set and non-empty disables colour)."""
    if choice is not ColourChoice.AUTO:
        return choice is ColourChoice.ALWAYS
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return tty


def auto_colour() -> bool:
    """`auto` for standard output in this process."""
    import sys

    return wants_colour(ColourChoice.AUTO, os.environ, sys.stdout.isatty())

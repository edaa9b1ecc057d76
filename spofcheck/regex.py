"""Regular expressions in linear time (RE2), as Terraform itself evaluates them.

Terraform's `regex`, `regexall` and `replace` use Go's regexp package: RE2 syntax, no
backtracking. Python's `re` backtracks, so `regex("^(a+)+$", "aaa…a!")` from a pull
request would hang a scan for hours. Patterns compile with google-re2 instead, which
also refuses what Go refuses (backreferences, lookaround).
"""

from __future__ import annotations

import functools
from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print every refused pattern to stderr
MAX_PATTERN = 10_000  # characters; a program compiled from more is refused


class PatternError(ValueError):
    """A pattern RE2 (so Terraform) refuses, with a one-line reason."""


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> Any:
    """The compiled pattern, or PatternError naming why it is refused."""
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"regular expression longer than {MAX_PATTERN} characters")
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise PatternError(f"invalid regular expression: {text}") from None


def search(pattern: str, text: str) -> Any:
    return compile_pattern(pattern).search(text)

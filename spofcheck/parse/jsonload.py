"""JSON input read without surprises: every way a document can be hostile is a located error.

`json.loads` raises ValueError (not JSONDecodeError) for an integer over 4,300 digits,
RecursionError for deep nesting, and returns lone surrogates (`"\\ud800"`) that crash
later, when a message or a hash encodes them. Plans, tfvars, baselines and module
manifests all come from a pull request, so they go through `loads`.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Python's own limit for int(str); Terraform's numbers are arbitrary precision, but no
# real input has a literal this long, and converting one is quadratic.
MAX_DIGITS = 4300
_LONG_NUMBER = re.compile(rb"[0-9]{%d,}" % (MAX_DIGITS + 1))
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
REPLACEMENT = "\ufffd"


class JSONInputError(ValueError):
    """A JSON document that cannot be used: `line` (1-based, when known) and a message."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def loads(data: bytes | str) -> Any:
    """The document, with lone surrogates replaced by U+FFFD (as Go's encoding/json, and
    so Terraform, does); JSONInputError for anything unreadable."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise JSONInputError(f"invalid JSON: {exc.msg} at column {exc.colno}", exc.lineno) from None
    except RecursionError:
        raise JSONInputError("JSON nested too deeply", 1) from None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise JSONInputError(f"not valid UTF-8 (byte at line {line})", line) from None
    except ValueError:  # Python's int(str) limit: the only other ValueError json raises
        message = f"number with more than {MAX_DIGITS} digits"
        raise JSONInputError(message, _number_line(raw)) from None
    return clean_surrogates(value) if _SURROGATE.search(raw) else value


def _number_line(raw: bytes) -> int:
    found = _LONG_NUMBER.search(raw)
    return raw.count(b"\n", 0, found.start()) + 1 if found else 1


_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def repair_surrogate_escapes(text: str) -> str:
    """JSON text with each `\\uD8xx`-style escape that is not half of a pair made U+FFFD."""
    if "\\u" not in text:
        return text
    return _ESCAPE.sub(lambda m: m[0] if len(m[0]) == 12 else "\\ufffd", text)


def number_line(raw: bytes) -> int:
    """The line of the first over-long digit run (1 when none is found)."""
    return _number_line(raw)


def clean_surrogates(value: Any) -> Any:
    """`value` with every string that holds a lone surrogate repaired (iterative walk)."""
    root = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        holder, key = stack.pop()
        item = holder[key]
        if isinstance(item, str):
            holder[key] = fix_text(item)
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            fixed = {fix_text(k): v for k, v in item.items()}
            holder[key] = fixed
            stack.extend((fixed, k) for k in fixed)
    return root[0]


def fix_text(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD (a valid string is returned as is)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text)
    return text

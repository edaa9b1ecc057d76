"""Durations as users write them: 30s, 15m, 4h, 7d, or a number of seconds."""

from __future__ import annotations

import math
import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_duration(value: object) -> float:
    """Seconds; ValueError with the accepted forms for anything else."""
    if isinstance(value, bool):
        raise ValueError(_expected(value))
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and (found := _PATTERN.match(value)):
        seconds = float(found.group(1)) * _UNITS[found.group(2) or "s"]
    else:
        raise ValueError(_expected(value))
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(_expected(value))
    return seconds


def _expected(value: object) -> str:
    return f"expected a duration like 30s, 15m, 4h, 7d or a number of seconds, got {value!r}"


def format_seconds(seconds: float | None) -> str:
    """60 -> '1m', 5400 -> '1h30m', None -> 'unbounded'."""
    if seconds is None or math.isinf(seconds):
        return "unbounded"
    if seconds < 60:
        return f"{seconds:g}s"
    parts = []
    rest = round(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            parts.append(f"{rest // size}{unit}")
            rest %= size
    return "".join(parts[:2])

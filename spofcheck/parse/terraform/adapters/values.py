"""Reading evaluated attribute values safely: known scalars, nested blocks, JSON-safe copies."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from spofcheck.parse.terraform.resources import Ref, Unknown, is_known

# Sentinel for "the attribute is not written", distinct from an Unknown value.
MISSING: Any = object()


def blocks(attrs: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    """The nested blocks (or object values) called `name`, as a list of mappings."""
    value = attrs.get(name)
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, Mapping)]
    return []


def block(attrs: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    """The first nested block called `name`, or None when there is none."""
    found = blocks(attrs, name)
    return found[0] if found else None


def dig(attrs: Mapping[str, Any], *path: str) -> Any:
    """Walk nested blocks (first block at each step); MISSING when a step is absent, the
    unknown itself when a block on the way is unknown (a dynamic block not expanded)."""
    current: Any = attrs
    for step in path[:-1]:
        raw = current.get(step) if isinstance(current, Mapping) else None
        if isinstance(raw, Unknown):
            return raw
        current = block(current, step) if isinstance(current, Mapping) else None
        if current is None:
            return MISSING
    if not isinstance(current, Mapping) or path[-1] not in current:
        return MISSING
    return current[path[-1]]


def as_bool(value: Any) -> bool | None:
    """A known boolean (also "true"/"false" strings), else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    return None


def as_int(value: Any) -> int | None:
    """A known whole number (also numeric strings), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_str(value: Any) -> str | None:
    """A known string (numbers are turned into text), else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def as_list(value: Any) -> list[Any] | None:
    """A list value (sets and tuples included), else None; its items may be unknown."""
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return None


def bool_attr(attrs: Mapping[str, Any], *path: str, default: bool | None) -> bool | None:
    """A boolean setting: `default` when not written, None when written but unknown."""
    value = dig(attrs, *path)
    return default if value is MISSING or value is None else as_bool(value)


def int_attr(attrs: Mapping[str, Any], *path: str, default: int | None) -> int | None:
    """A whole-number setting: `default` when not written, None when unknown."""
    value = dig(attrs, *path)
    return default if value is MISSING or value is None else as_int(value)


def str_attr(attrs: Mapping[str, Any], *path: str, default: str | None = None) -> str | None:
    """A string setting: `default` when not written, None when unknown."""
    value = dig(attrs, *path)
    return default if value is MISSING or value is None else as_str(value)


def written(attrs: Mapping[str, Any], *path: str) -> bool:
    """True when the attribute is written with a non-null value (known or not)."""
    value = dig(attrs, *path)
    return value is not MISSING and value is not None


def unknown_text(value: Unknown) -> str:
    """How an unknown value is shown: its source text as an interpolation, `${var.x}`."""
    expr = value.expr
    if not expr and isinstance(value, Ref):
        expr = f"{value.address}.{value.attribute}" if value.attribute else value.address
    if not expr:
        return "${unknown}"
    return expr if expr.startswith("${") else "${" + expr + "}"


def json_safe(value: Any) -> Any:
    """A copy made only of JSON types; unknown values become their `${...}` source text."""
    if isinstance(value, Unknown):
        return unknown_text(value)
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((json_safe(v) for v in value), key=repr)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def known_strings(values: Sequence[Any]) -> list[str] | None:
    """All items as strings when every one is known, else None."""
    out = [as_str(v) for v in values]
    if not is_known(list(values)) or any(v is None for v in out):
        return None
    return [v for v in out if v is not None]

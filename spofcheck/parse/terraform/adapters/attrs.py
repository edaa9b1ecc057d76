"""Read a component's JSON-safe attributes: missing, unknown and known values kept apart.

Terraform attributes arrive in `Component.attributes` as the evaluated resource body:
nested blocks are lists of dicts, and values only known at apply time are either an
`Unknown` object or a `"${...}"` string (after a JSON round trip). The settings readers
(and declarative rules on `attributes.*`) must never treat an unknown value as false or
true: `lookup` returns `UNKNOWN` for it, and the setting stays unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from spofcheck.model import Component
from spofcheck.parse.terraform.resources import Unknown


class Sentinel(Enum):
    """Why `lookup` has no value to give."""

    MISSING = "missing"  # the attribute is not written: the provider default applies
    UNKNOWN = "unknown"  # written, but only known at apply time


MISSING = Sentinel.MISSING
UNKNOWN = Sentinel.UNKNOWN


def is_unknown(value: Any) -> bool:
    if isinstance(value, Unknown):
        return True
    return isinstance(value, str) and value.startswith("${") and value.endswith("}")


def lookup(component: Component, path: str) -> Any:
    """`attributes[path]`, dotted; a one-element block list is stepped through implicitly.

    `lookup(c, "stickiness.enabled")` reads `{"stickiness": [{"enabled": true}]}`.
    """
    value: Any = component.attributes
    for part in path.split("."):
        value = _step(value, part)
        if value is MISSING or value is UNKNOWN:
            return value
    return UNKNOWN if is_unknown(value) else value


def _step(value: Any, part: str) -> Any:
    if is_unknown(value):
        return UNKNOWN
    if isinstance(value, list) and not part.isdigit():
        if not value:
            return MISSING
        value = value[0]
    if isinstance(value, Mapping):
        found = value.get(part)
        return MISSING if found is None else found  # null means "use the default"
    if isinstance(value, list) and part.isdigit():
        index = int(part)
        return value[index] if index < len(value) else MISSING
    return MISSING


def flag(component: Component, path: str, default: bool | None) -> bool | None:
    """A boolean attribute with the provider's default when unset; None when unknown.

    Strings "true"/"false" count (Terraform converts them); anything else is unknown.
    """
    value = lookup(component, path)
    if value is MISSING:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def number(component: Component, path: str) -> float | None:
    """A numeric attribute, or None when missing, unknown or not a number."""
    value = lookup(component, path)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def text(component: Component, path: str) -> str | None:
    """A string attribute, or None when missing, unknown or not a string."""
    value = lookup(component, path)
    return value if isinstance(value, str) else None


def present(component: Component, path: str) -> bool:
    """True when the attribute is written (even if its value is unknown)."""
    return lookup(component, path) is not MISSING


def show(value: Any) -> str:
    """A value the way it is written in HCL, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)

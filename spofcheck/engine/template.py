"""A declarative rule's message template: plain `{field}` names only, checked at load time.

A rule folder may come from a pull request. `str.format` walks attributes and indexes
(`{component.__class__.__init__.__globals__}`) and honours width specs (`{cause:>999999999}`),
so a template may only name the fields below, with no conversion or format spec.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

FIELDS = ("component", "kind", "resource_type", "cause")


def template_problem(template: str) -> str | None:
    """Why `template` is refused, or None when it only uses plain known fields."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"message template is not valid ({exc}); write a literal brace as {{{{ or }}}}"
    allowed = ", ".join(f"{{{name}}}" for name in FIELDS)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in FIELDS:
            return f"message template names {{{name}}}; it may use only {allowed}"
        if spec or conversion:
            return f"message template field {{{name}}} may not carry a conversion or format spec"
    return None


def render(template: str, values: Mapping[str, str]) -> str:
    """The message; a template that is refused (see `template_problem`) is shown as written."""
    if template_problem(template) is not None:
        return template
    return template.format_map({name: values.get(name, "") for name in FIELDS})

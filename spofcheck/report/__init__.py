"""Stage 4: formatters. Each is a module with `render(report, style=None) -> str`; none prints.

Formatters are found in the `spofcheck.formatters` entry-point group, where the built-ins
are registered exactly as a plugin would be (pyproject.toml); `FORMATTERS` is the same
registry as a dict, used when spofcheck's metadata is missing. A run imports only the
formatters it uses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spofcheck.model import Report
    from spofcheck.report.style import Style

FORMATTERS: dict[str, str] = {
    "text": "spofcheck.report.text",
    "json": "spofcheck.report.json_format",
    "sarif": "spofcheck.report.sarif",
    "junit": "spofcheck.report.junit",
    "markdown": "spofcheck.report.markdown",
    "github": "spofcheck.report.github",
}


def formatter(name: str) -> Callable[..., str]:
    """The `render` function of a registered format (built-in or plugin)."""
    from spofcheck.engine.plugins import load_formatter

    render = load_formatter(name, FORMATTERS)
    if render is None:
        raise KeyError(name)
    return render


def render(name: str, report: Report, style: Style | None = None) -> str:
    """The report in a registered format, as `style` (colour, quiet, compact) asks; a
    plugin's `render(report)` without a style parameter is called without one."""
    fn = formatter(name)
    takes_style = len(inspect.signature(fn).parameters) > 1
    text: str = fn(report, style) if takes_style else fn(report)
    return text


def format_names() -> list[str]:
    """Every registered format, built-ins first, for `--format` choices."""
    from spofcheck.engine.plugins import FORMATTERS_GROUP, registry

    found = registry(FORMATTERS_GROUP, FORMATTERS)
    return [*FORMATTERS, *sorted(set(found) - set(FORMATTERS))]

"""Stage 4: formatters. Each is a module with `render(report, style=None) -> str`; none prints.

The registry maps a format name to its module path, so a run imports only the formatters
it uses; built-ins are registered exactly as a plugin would be.
"""

from __future__ import annotations

import importlib
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


def formatter(name: str) -> Callable[[Report], str]:
    """The `render` function of a registered format."""
    module = importlib.import_module(FORMATTERS[name])
    render: Callable[[Report], str] = module.render
    return render


def render(name: str, report: Report, style: Style | None = None) -> str:
    """The report in a registered format, as `style` (colour, quiet, compact) asks."""
    module = importlib.import_module(FORMATTERS[name])
    text: str = module.render(report, style)
    return text

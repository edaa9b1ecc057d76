"""Options several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, overload

import click

SEVERITIES = ["critical", "high", "medium", "low", "info"]


class _Formats(Sequence[str]):
    """The registered formats (built-ins, then plugins), read when click first asks."""

    @cached_property
    def _names(self) -> list[str]:
        from spofcheck.report import format_names

        return format_names()

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._names[index]

    def __len__(self) -> int:
        return len(self._names)


FORMATS: Sequence[str] = _Formats()
PERCENT = click.FloatRange(0, 100, min_open=True)

F = TypeVar("F", bound=Callable[..., Any])

paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))

rules_option = click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra folder of rule YAML files (repeatable).",
)

slo_option = click.option(
    "--slo",
    type=PERCENT,
    default=None,
    help="Availability objective in percent, e.g. 99.95 (overrides YAML/config).",
)

min_availability_option = click.option(
    "--min-availability",
    type=PERCENT,
    default=None,
    help="Exit 1 when the composite availability is below this percent.",
)

fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 on findings at or above this severity (default: high).",
)


def input_options(fn: F) -> F:
    """--var-file, --config and --no-cache: how the inputs are read."""
    options = [
        click.option(
            "--var-file",
            "var_files",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Terraform variable file (repeatable, later wins).",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Config file (default: nearest .spofcheck.yaml or pyproject.toml).",
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the parse cache."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn

"""Options several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

SEVERITIES = ["critical", "high", "medium", "low", "info"]
FORMATS = ["text", "json", "sarif", "junit", "markdown", "github"]
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


STDIN_NAME_KEY = "spofcheck.stdin_name"


def _remember_stdin_name(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[STDIN_NAME_KEY] = value


def input_options(fn: F) -> F:
    """--var-file, --config, --no-cache and --stdin-name: how the inputs are read."""
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
        click.option(
            "--stdin-name",
            expose_value=False,
            callback=_remember_stdin_name,
            help="File name to report for Kubernetes manifests read from `-` (stdin).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn

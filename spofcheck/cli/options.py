"""Options several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import click

if TYPE_CHECKING:
    from spofcheck.report.style import Style

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

F = TypeVar("F", bound=Callable[..., Any])


class Percent(click.ParamType):  # type: ignore[type-arg]
    """`99.95` or `99.95%`; values up to 1 are refused with the YAML loader's hint."""

    name = "percent"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from spofcheck.config import parse_percent

        option = param.opts[0] if param is not None and param.opts else "percent"
        return parse_percent(value, key=option)


PERCENT = Percent()
SEVERITY = click.Choice(SEVERITIES, case_sensitive=False)

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
    type=SEVERITY,
    default=None,
    help="Exit 1 on findings at or above this severity (default: high).",
)


ALLOW_OUTSIDE_KEY = "spofcheck.allow_outside"


def _remember_allowed(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
    """Kept in the context, not passed to every command: build_request reads it."""
    ctx.meta[ALLOW_OUTSIDE_KEY] = tuple(value or ())


DOWNLOAD_MODULES = "spofcheck.download_modules"
STDIN_NAME_KEY = "spofcheck.stdin_name"


def _remember_stdin_name(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.meta[STDIN_NAME_KEY] = value


INCLUDE_MODULES = "spofcheck.include_modules"


def _remember_include(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[INCLUDE_MODULES] = True


def _remember_download(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Kept on the context (read by `build_request`) so commands need no extra argument."""
    if value:
        ctx.meta[DOWNLOAD_MODULES] = True


def input_options(fn: F) -> F:
    """--var-file, --config, --no-cache, --allow-outside, --download-modules,
    --include-modules and --stdin-name: how the inputs are read."""
    options = [
        click.option(
            "--var-file",
            "var_files",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Terraform variable or CloudFormation parameter file (repeatable, later wins).",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Config file (default: nearest .spofcheck.yaml or pyproject.toml).",
        ),
        click.option("--no-cache", is_flag=True, help="Do not read or write the parse cache."),
        click.option(
            "--allow-outside",
            multiple=True,
            type=click.Path(path_type=Path, file_okay=False),
            expose_value=False,
            callback=_remember_allowed,
            help="Folder outside the repository that inputs (symlinks, module sources, "
            "var files) may resolve to (repeatable; see docs/security.md).",
        ),
        click.option(
            "--download-modules",
            is_flag=True,
            expose_value=False,
            callback=_remember_download,
            help="Fetch remote module sources (registry, git, archives) into the cache.",
        ),
        click.option(
            "--include-modules",
            is_flag=True,
            expose_value=False,
            callback=_remember_include,
            help="Also analyze reusable module folders nobody calls (below modules/, no "
            "provider or backend) as stacks; skipped by default.",
        ),
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


def gate_options(fn: F) -> F:
    """--skip/--disable, --only, --soft-fail and --fail-on-incomplete: which rules run and
    what fails the gate (kept apart from the output options other flags join)."""
    options = [
        click.option(
            "--skip",
            "--disable",
            "skip",
            multiple=True,
            metavar="RULE",
            help="Do not run RULE: id, name or glob such as HA0* (repeatable).",
        ),
        click.option(
            "--only",
            "only",
            multiple=True,
            metavar="RULE",
            help="Run only RULE: id, name or glob (repeatable).",
        ),
        click.option(
            "--soft-fail",
            is_flag=True,
            help="Report as usual but exit 0 unless input could not be read.",
        ),
        fail_on_incomplete_option,
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


fail_on_incomplete_option = click.option(
    "--fail-on-incomplete/--no-fail-on-incomplete",
    default=None,
    help="Fail the gate when part of the input could not be read "
    "(unread modules, unsupported resources, unresolved values).",
)


_STYLE_KEY = "spofcheck.output"


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta.setdefault(_STYLE_KEY, {})[param.name] = value
    return value


def output_options(fn: F) -> F:
    """--quiet, --compact and --color: how the report reads (not what it finds). The
    values go to `output_style()` instead of the command's arguments."""
    options = [
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="Only the findings that fail the gate, and the verdict.",
        ),
        click.option(
            "--compact",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="One line a finding: no request paths, no rule explanations.",
        ),
        click.option(
            "--color",
            "--colour",
            "color",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            expose_value=False,
            callback=_remember,
            help="Colour the text report (auto: a terminal, unless NO_COLOR or TERM=dumb; "
            "FORCE_COLOR forces it). Files written with -o are never coloured.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def output_style(*, to_file: bool) -> Style:
    """The style the output options asked for; colour only on standard output."""
    import os
    import sys

    from spofcheck.report.style import ColourChoice, Style, wants_colour

    chosen = click.get_current_context().meta.get(_STYLE_KEY, {})
    choice = ColourChoice(chosen.get("color") or "auto")
    colour = not to_file and wants_colour(choice, os.environ, sys.stdout.isatty())
    return Style(
        colour=colour,
        quiet=bool(chosen.get("quiet")),
        compact=bool(chosen.get("compact")),
        explain_command=not click.get_current_context().meta.get(NO_EXPLAIN),
    )


# Set by the pre-commit entry point: spofcheck may not be on PATH there, so the text
# report explains rules by their docs URL, not by a command to run.
NO_EXPLAIN = "spofcheck.no_explain_command"

"""The CI commands: baseline, diff, and the pre-commit hook entry point."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from spofcheck.cli.analyze import inputs_only, scan
from spofcheck.cli.common import build_request, emit, finish, load_config_for, load_rules, say
from spofcheck.cli.options import (
    FORMATS,
    PERCENT,
    SEVERITIES,
    SEVERITY,
    fail_on_incomplete_option,
    input_options,
    paths_argument,
    rules_option,
    slo_option,
)
from spofcheck.errors import ConfigError


@click.command("baseline")
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=Path(".spofcheck-baseline.json"),
    show_default=True,
    help="Where to write the baseline ('-' for stdout).",
)
@rules_option
@input_options
def baseline_command(
    paths: tuple[Path, ...],
    output: Path,
    rule_dirs: tuple[Path, ...],
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Record today's findings in PATHS, so `scan --baseline FILE` reports only new ones."""
    from spofcheck.api.pipeline import run_scan
    from spofcheck.engine.baseline import build_baseline, render_baseline

    config = load_config_for(paths, config_path)
    request = build_request(paths, config, var_files=var_files, use_cache=not no_cache)
    report = run_scan(request, load_rules(config, rule_dirs)).report
    baseline = build_baseline(report)
    emit(render_baseline(baseline), None if str(output) == "-" else output)
    say("error", report.errors)
    count = len(baseline.findings)
    click.echo(f"spofcheck: recorded {count} finding{'s' if count != 1 else ''}", err=True)
    finish(inputs_only(report.gate))


@click.command()
@paths_argument
@click.option(
    "--base",
    "base_ref",
    required=True,
    help="Git ref to compare with (branch, tag or commit, e.g. origin/main).",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text"
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report here instead of stdout.",
)
@click.option(
    "--fail-on-new",
    type=SEVERITY,
    default=None,
    help="Exit 1 on a new finding at or above this severity "
    "(default: the config's fail_on, else high).",
)
@click.option(
    "--max-availability-drop",
    "max_drop",
    default=None,
    metavar="AMOUNT",
    help="Exit 1 when availability drops by more than this: percentage points (0.01) "
    "or minutes per 30-day month (20min).",
)
@slo_option
@fail_on_incomplete_option
@rules_option
@input_options
def diff(
    paths: tuple[Path, ...],
    base_ref: str,
    fmt: str,
    output: Path | None,
    fail_on_new: str | None,
    max_drop: str | None,
    slo: float | None,
    fail_on_incomplete: bool | None,
    rule_dirs: tuple[Path, ...],
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Compare PATHS at git ref --base with the working tree: new and fixed findings,
    and the availability change. The base is read with git, never checked out."""
    from spofcheck.diff.gate import DiffGate, parse_drop
    from spofcheck.diff.run import run_diff
    from spofcheck.model import Severity
    from spofcheck.report.diff_format import render_diff

    drop = parse_drop(max_drop) if max_drop is not None else None
    config = load_config_for(paths, config_path)
    request = build_request(
        paths,
        config,
        var_files=var_files,
        slo=slo,
        fail_on_incomplete=fail_on_incomplete,
        use_cache=not no_cache,
    )
    severity = Severity(fail_on_new.lower()) if fail_on_new else request.fail_on
    gate = DiffGate(
        fail_on_new=severity, max_drop=drop, fail_on_incomplete=request.fail_on_incomplete
    )
    result = run_diff(base_ref, request, load_rules(config, rule_dirs), gate)
    emit(render_diff(result, fmt), output)
    finish(result.verdict)


class _HookCommand(click.Command):
    """`spofcheck hook [OPTIONS] -- [OPTIONS] FILES`: pre-commit runs the entry
    `spofcheck hook --`, then the user's `args`, then the file names. After `--`, a
    leading token is an option only if it is one of ours and names no existing file; the
    first file name ends the options, so a committed file named `--config=x.yml` is a
    file, never an option. Before `--` (an old hook definition), an option-looking
    argument that names an existing file is refused."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        split = args.index("--") if "--" in args else len(args)
        before, after = args[:split], args[split + 1 :]
        for arg in before:
            if arg.startswith("-") and os.path.lexists(arg):
                raise ConfigError(
                    f"{arg!r} is a file, not an option: put `--` before file names "
                    "(entry: spofcheck hook --)"
                )
        options, files = _leading_options(after, self._option_names())
        return super().parse_args(ctx, [*before, *options, "--", *files])

    def _option_names(self) -> dict[str, bool]:
        """Each option name (both spellings of an on/off flag), and whether it takes a value."""
        return {
            name: not getattr(param, "is_flag", False)
            for param in self.params
            for name in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
        }


def _leading_options(args: list[str], names: dict[str, bool]) -> tuple[list[str], list[str]]:
    """Split at the first token that is not one of our options or that names an existing
    file. An option that takes a value consumes the next token unless written `--opt=v`;
    a flag consumes nothing and never has `=`."""
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("-") or os.path.lexists(arg):
            break
        name, has_value = arg.split("=", 1)[0], "=" in arg
        if name not in names or (has_value and not (names[name] and name.startswith("--"))):
            break
        i += 1 if has_value or not names[name] else 2
    return args[:i], args[i:]


@click.command(hidden=True, cls=_HookCommand)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None)
@click.option("--slo", type=PERCENT, default=None)
@click.option("--min-availability", type=PERCENT, default=None)
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path), default=None)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@fail_on_incomplete_option
@click.pass_context
def hook(ctx: click.Context, /, files: tuple[Path, ...], fmt: str, **options: Any) -> None:
    """pre-commit entry point: scan the stacks FILES belong to, each once (see
    .pre-commit-hooks.yaml); the options are scan's."""
    from spofcheck.cli.options import NO_EXPLAIN
    from spofcheck.parse.changed import hook_paths

    paths = hook_paths(files, Path.cwd())
    if not paths:
        sys.exit(0)
    ctx.meta[NO_EXPLAIN] = True  # spofcheck may not be on PATH where pre-commit installed it
    ctx.invoke(scan, paths=tuple(paths), formats=(fmt,), **options)

"""The recovery commands: whatif (forced failures) and recovery (RTO/RPO estimates)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from spofcheck.model import Architecture
    from spofcheck.recovery.estimate import Targets

from spofcheck.cli.common import build_request, emit, load_config_for, say
from spofcheck.cli.options import fail_on_incomplete_option, input_options, paths_argument

WHATIF_FORMATS = ["text", "json", "markdown"]


@click.command()
@paths_argument
@click.option(
    "--fail",
    "fails",
    multiple=True,
    metavar="KIND:NAME",
    help="Force down zone:NAME, region:NAME or component:ID (its primaries; repeatable).",
)
@click.option(
    "--each",
    type=click.Choice(["zone", "region"]),
    default=None,
    help="Run every single-zone (or single-region) scenario and print one row each.",
)
@click.option("-f", "--format", "fmt", type=click.Choice(WHATIF_FORMATS), default="text")
@click.option(
    "-o",
    "--output",
    "diagram_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also draw the diagram with the failed domains and what they take down shaded.",
)
@fail_on_incomplete_option
@input_options
def whatif(
    paths: tuple[Path, ...],
    fails: tuple[str, ...],
    each: str | None,
    fmt: str,
    diagram_path: Path | None,
    fail_on_incomplete: bool | None,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Force zones, regions or components of PATHS down and report what survives.

    Exit codes: 0 every entry point stays up; 1 an entry point goes down in some
    scenario (or part of the design was not read, with --fail-on-incomplete); 2 usage
    error (unknown name) or unreadable input.
    """
    from spofcheck.api.pipeline import load_stacks
    from spofcheck.errors import ConfigError

    if bool(fails) == bool(each):
        raise ConfigError("give either --fail KIND:NAME (repeatable) or --each zone|region")
    config = load_config_for(paths, config_path)
    request = build_request(
        paths,
        config,
        var_files=var_files,
        fail_on_incomplete=fail_on_incomplete,
        use_cache=not no_cache,
    )
    _root, loaded, errors = load_stacks(request)
    archs = [arch for _, arch in loaded if arch.components]
    all_errors = [*errors, *(e for _, a in loaded for e in a.errors)]
    lost = _each(archs, each, fmt) if each else _scenario(archs, fails, fmt, diagram_path)
    say("error", all_errors)
    unread = request.fail_on_incomplete and not all(map(_read_in_full, archs))
    sys.exit(2 if all_errors else 1 if lost or unread else 0)


def _read_in_full(arch: Architecture) -> bool:
    """No opaque module or type without an adapter: what-if results are not bounds."""
    from spofcheck.graph.coverage import coverage_of, reads_everything

    return reads_everything(coverage_of(arch))


def _each(archs: list[Architecture], kind: str, fmt: str) -> bool:
    from spofcheck.recovery.each import EACH_RENDERERS, run_each

    rows = run_each(archs, kind)
    emit(EACH_RENDERERS[fmt](rows, kind), None)
    return any(r.lost for _, results in rows for r in results)


def _scenario(
    archs: list[Architecture], fails: tuple[str, ...], fmt: str, diagram: Path | None
) -> bool:
    from spofcheck.recovery.render import RENDERERS
    from spofcheck.recovery.scenario import parse_scenario
    from spofcheck.recovery.whatif import what_if

    scenario = parse_scenario(fails, archs)
    stacks = [(a, what_if(a, scenario)) for a in archs]
    emit(RENDERERS[fmt](stacks, scenario.labels()), None)
    if diagram is not None:
        from spofcheck.recovery.shade import write_shaded

        say("note", write_shaded(stacks, diagram))
    return any(w.lost for _, w in stacks)


@click.command("recovery")
@paths_argument
@click.option("-f", "--format", "fmt", type=click.Choice(WHATIF_FORMATS), default="text")
@click.option("--rto", default=None, help="RTO target for every disruption (30s, 15m, 4h, 7d).")
@click.option("--rpo", default=None, help="RPO target for every disruption (0, 30s, 15m, ...).")
@input_options
def recovery_command(
    paths: tuple[Path, ...],
    fmt: str,
    rto: str | None,
    rpo: str | None,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Estimate RTO and RPO of PATHS per disruption (instance, zone, region).

    Exit codes: 0 every target met (or none set); 1 a target is not met, or unknown
    because part of the design was not read; 2 usage error or unreadable input.
    """
    from spofcheck.api.pipeline import load_stacks
    from spofcheck.recovery.objectives import disruptions, stack_targets
    from spofcheck.recovery.report import RENDERERS

    overrides = _targets(rto, rpo)
    config = load_config_for(paths, config_path)
    request = build_request(paths, config, var_files=var_files, use_cache=not no_cache)
    _root, loaded, errors = load_stacks(request)
    every = [arch for _, arch in loaded]
    archs = [arch for arch in every if arch.components]
    stacks = []
    for arch in archs:
        targets = stack_targets(arch, overrides)
        stacks.append((arch, targets, disruptions(arch, targets)))
    emit(RENDERERS[fmt](stacks), None)
    all_errors = [*errors, *(e for a in every for e in a.errors)]
    say("error", all_errors)
    missed = any(d.meets is False or d.unknown for _, _, ds in stacks for d in ds)
    sys.exit(2 if all_errors else 1 if missed else 0)


def _targets(rto: str | None, rpo: str | None) -> Targets:
    from spofcheck.errors import ConfigError
    from spofcheck.recovery.durations import parse_duration
    from spofcheck.recovery.estimate import DISRUPTIONS, Targets

    out = Targets()
    for key, value, into in (("--rto", rto, out.rto), ("--rpo", rpo, out.rpo)):
        if value is None:
            continue
        try:
            seconds = parse_duration(value)
        except ValueError as exc:
            raise ConfigError(str(exc), key=key) from None
        into.update(dict.fromkeys(DISRUPTIONS, seconds))
    return out

"""The analysis commands: scan, availability, diagram, model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from spofcheck.model import Gate

from spofcheck.cli.common import (
    build_request,
    emit,
    finish,
    load_config_for,
    load_rules,
    pair_outputs,
    render,
    say,
    written_summary,
)
from spofcheck.cli.options import (
    FORMATS,
    fail_on_incomplete_option,
    fail_on_option,
    gate_options,
    input_options,
    min_availability_option,
    output_options,
    output_style,
    paths_argument,
    rules_option,
    slo_option,
)


@click.command()
@paths_argument
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Output format (repeatable; pair each with an --output).",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path, allow_dash=True),
    help="Write the matching --format here instead of stdout (repeatable); without "
    "--format the extension decides (.sarif, .json, .xml, .md); - is stdout.",
)
@fail_on_option
@slo_option
@min_availability_option
@rules_option
@click.option("--no-ignores", is_flag=True, help="Report suppressed findings too (audits).")
@click.option(
    "--diagram",
    "diagram_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also draw the diagram here (.svg/.png/.dot/.mmd; {stack} for several stacks).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Report and fail only on findings this baseline file does not record.",
)
@gate_options
@input_options
@output_options
def scan(
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    fail_on: str | None,
    slo: float | None,
    min_availability: float | None,
    rule_dirs: tuple[Path, ...],
    no_ignores: bool,
    diagram_path: Path | None,
    baseline_path: Path | None,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
    skip: tuple[str, ...],
    only: tuple[str, ...],
    soft_fail: bool,
    fail_on_incomplete: bool | None,
) -> None:
    """Analyze PATHS (files or folders; default: .) and report findings."""
    from spofcheck.api.simple import run

    targets = pair_outputs(formats, outputs)
    config = load_config_for(paths, config_path)
    request = build_request(
        paths,
        config,
        var_files=var_files,
        fail_on=fail_on,
        slo=slo,
        min_availability=min_availability,
        skip=skip,
        only=only,
        fail_on_incomplete=fail_on_incomplete,
        honour_ignores=not no_ignores,
        use_cache=not no_cache,
    )
    from spofcheck.cli.progress import asked_quiet, for_terminal

    progress = for_terminal(asked_quiet())
    try:
        result = run(
            request,
            load_rules(config, rule_dirs),
            baseline=baseline_path,
            soft_fail=soft_fail,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()
    report = result.report
    if any(fmt == "markdown" for fmt, _ in targets):
        from spofcheck.report.markdown import with_diagrams

        report = with_diagrams(report, result.stacks)
    for fmt, target in targets:
        style = output_style(to_file=target is not None)
        emit(render(fmt, report, style), target, colour=style.colour)
    if diagram_path is not None:
        from spofcheck.api.diagrams import DiagramRequest, write_diagrams

        say("note", write_diagrams(result.stacks, DiagramRequest(diagram_path)))
    written_summary(targets, report.gate)
    sys.exit(int(result.exit_code))


@click.command()
@paths_argument
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@slo_option
@min_availability_option
@fail_on_incomplete_option
@input_options
def availability(
    paths: tuple[Path, ...],
    fmt: str,
    slo: float | None,
    min_availability: float | None,
    fail_on_incomplete: bool | None,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Compute the composite availability of PATHS, the downtime it implies and the levers."""
    from spofcheck.api.availability import compute_all
    from spofcheck.api.availability import render as render_availability

    config = load_config_for(paths, config_path)
    request = build_request(
        paths,
        config,
        var_files=var_files,
        slo=slo,
        min_availability=min_availability,
        fail_on_incomplete=fail_on_incomplete,
        use_cache=not no_cache,
    )
    computed = compute_all(request)
    click.echo(render_availability(computed, fmt), nl=False)
    if fmt == "text":
        say("error", computed.errors)
    finish(computed.report.gate)


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Diagram file (.svg, .png, .dot, .mmd/.md); {stack} for several stacks.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["svg", "png", "dot", "mermaid"]),
    default=None,
    help="Diagram format (default: from the output file's extension).",
)
@click.option("--all", "show_all", is_flag=True, help="Show plumbing and configuration edges too.")
@click.option("--focus", default=None, help="Draw only this component's upstream and downstream.")
@input_options
def diagram(
    paths: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    show_all: bool,
    focus: str | None,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Draw the dependency diagram of PATHS with the weak points marked."""
    from spofcheck.api.diagrams import DiagramRequest, write_diagrams
    from spofcheck.api.pipeline import run_scan
    from spofcheck.report.coverage import coverage_lines

    config = load_config_for(paths, config_path)
    request = build_request(paths, config, var_files=var_files, use_cache=not no_cache)
    result = run_scan(request, load_rules(config, ()))
    say("note", write_diagrams(result.stacks, DiagramRequest(output, fmt, show_all, focus)))
    say("coverage", coverage_lines(result.report.coverage))
    say("error", result.errors)
    finish(inputs_only(result.report.gate))


@click.command()
@paths_argument
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@input_options
def model(
    paths: tuple[Path, ...],
    fmt: str,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Print the normalized model spofcheck understood from PATHS."""
    from spofcheck.api.pipeline import load_stacks
    from spofcheck.report.model_format import render_json, render_text

    config = load_config_for(paths, config_path)
    request = build_request(paths, config, var_files=var_files, use_cache=not no_cache)
    _root, loaded, errors = load_stacks(request)
    archs = [arch for _, arch in loaded]
    render_model = render_json if fmt == "json" else render_text
    click.echo(render_model(archs, errors), nl=False)
    all_errors = [*errors, *(e for a in archs for e in a.errors)]
    finish(_input_gate(len(all_errors)))


def _input_gate(errors: int) -> Gate:
    """For commands that only read (model, diagram): the gate is the input's readability."""
    from spofcheck.api.gate import input_reasons, verdict

    return verdict(list(input_reasons(errors)))


def inputs_only(gate: Gate) -> Gate:
    """The part of a scan's gate a command that does not judge findings keeps."""
    from spofcheck.api.gate import verdict
    from spofcheck.model import GateReasonKind

    return verdict([r for r in gate.reasons if r.kind is GateReasonKind.INPUT_ERRORS])

"""Thin click commands; each parses options, calls one pipeline function, and exits.

Heavy modules (pydantic models, networkx, the HCL parser) are imported inside commands so
`spofcheck --version` and `--help` stay instant.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from spofcheck import __version__

if TYPE_CHECKING:
    from spofcheck.config import Config
    from spofcheck.model import Report
    from spofcheck.pipeline import ScanRequest

SEVERITIES = ["critical", "high", "medium", "low", "info"]
FORMATS = ["text", "json", "sarif", "junit", "markdown", "github"]
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


class Group(click.Group):
    """Turns our own errors into one located line and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from spofcheck.errors import SpofcheckError

        try:
            return super().invoke(ctx)
        except SpofcheckError as exc:
            click.echo(f"spofcheck: error: {exc.one_line()}", err=True)
            ctx.exit(int(exc.exit_code))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="spofcheck")
def main() -> None:
    """Find single points of failure in Terraform and YAML architectures, and compute
    the availability the design can deliver.

    Exit codes: 0 clean; 1 findings at or above --fail-on, or SLO not met; 2 usage
    error or unreadable input (what could be read is still analyzed and reported).
    """


def _scan_options(fn: Any) -> Any:
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


@main.command()
@PATHS
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
    type=click.Path(path_type=Path),
    help="Write the matching --format here instead of stdout (repeatable).",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 on findings at or above this severity (default: high).",
)
@click.option(
    "--slo",
    type=click.FloatRange(0, 100, min_open=True),
    default=None,
    help="Availability objective in percent, e.g. 99.95 (overrides YAML/config).",
)
@click.option(
    "--min-availability",
    type=click.FloatRange(0, 100, min_open=True),
    default=None,
    help="Exit 1 when the composite availability is below this percent.",
)
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra folder of rule YAML files (repeatable).",
)
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
@_scan_options
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
) -> None:
    """Analyze PATHS (files or folders; default: .) and report findings."""
    from spofcheck.pipeline import run_scan

    targets = _pair_outputs(formats, outputs)
    config = _config(paths, config_path)
    request = _request(
        paths,
        config,
        var_files=var_files,
        fail_on=fail_on,
        slo=slo,
        min_availability=min_availability,
        honour_ignores=not no_ignores,
        use_cache=not no_cache,
    )
    result = run_scan(request, _rules(config, rule_dirs))
    report = _apply_baseline(result.report, baseline_path)
    if any(fmt == "markdown" for fmt, _ in targets):
        from spofcheck.report.markdown import with_diagrams

        report = with_diagrams(report, result.stacks)
    for fmt, target in targets:
        _emit(_render(fmt, report), target)
    if diagram_path is not None:
        from spofcheck.diagrams_out import DiagramRequest, write_diagrams

        for note in write_diagrams(result.stacks, DiagramRequest(diagram_path)):
            click.echo(f"spofcheck: note: {note}", err=True)
    sys.exit(_exit_code(report, request))


@main.command()
@PATHS
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--slo",
    type=click.FloatRange(0, 100, min_open=True),
    default=None,
    help="Availability objective in percent (overrides YAML/config).",
)
@click.option(
    "--min-availability",
    type=click.FloatRange(0, 100, min_open=True),
    default=None,
    help="Exit 1 when the composite availability is below this percent.",
)
@_scan_options
def availability(
    paths: tuple[Path, ...],
    fmt: str,
    slo: float | None,
    min_availability: float | None,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Compute the composite availability of PATHS, the downtime it implies and the levers."""
    from spofcheck.availability_out import availability_exit_code, compute_all, render

    config = _config(paths, config_path)
    request = _request(
        paths,
        config,
        var_files=var_files,
        slo=slo,
        min_availability=min_availability,
        use_cache=not no_cache,
    )
    computed = compute_all(request)
    click.echo(render(computed, fmt), nl=False)
    sys.exit(availability_exit_code(computed, request))


@main.command()
@PATHS
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
@_scan_options
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
    from spofcheck.diagrams_out import DiagramRequest, write_diagrams
    from spofcheck.pipeline import run_scan

    config = _config(paths, config_path)
    request = _request(paths, config, var_files=var_files, use_cache=not no_cache)
    result = run_scan(request, _rules(config, ()))
    notes = write_diagrams(result.stacks, DiagramRequest(output, fmt, show_all, focus))
    for note in notes:
        click.echo(f"spofcheck: note: {note}", err=True)
    for error in result.errors:
        click.echo(f"spofcheck: error: {error.one_line()}", err=True)
    sys.exit(2 if result.errors else 0)


@main.command()
@PATHS
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_scan_options
def model(
    paths: tuple[Path, ...],
    fmt: str,
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Print the normalized model spofcheck understood from PATHS."""
    from spofcheck.pipeline import load_stacks
    from spofcheck.report.model_format import render_json, render_text

    config = _config(paths, config_path)
    request = _request(paths, config, var_files=var_files, use_cache=not no_cache)
    _root, loaded, errors = load_stacks(request)
    archs = [arch for _, arch in loaded]
    render = render_json if fmt == "json" else render_text
    click.echo(render(archs, errors), nl=False)
    all_errors = [*errors, *(e for a in archs for e in a.errors)]
    sys.exit(2 if all_errors else 0)


@main.command("rules")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text"
)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
def rules_command(fmt: str, rule_dirs: tuple[Path, ...]) -> None:
    """List the rule catalogue."""
    from spofcheck.engine.catalogue import load_catalogue
    from spofcheck.report.catalogue_format import render_catalogue

    click.echo(render_catalogue(load_catalogue(list(rule_dirs)), fmt), nl=False)


@main.command()
@click.argument("rule_id")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
def explain(rule_id: str, rule_dirs: tuple[Path, ...]) -> None:
    """Explain one rule: what it finds, why it matters, how to fix it."""
    from spofcheck.engine.catalogue import load_catalogue
    from spofcheck.errors import ConfigError
    from spofcheck.report.catalogue_format import render_rule

    catalogue = load_catalogue(list(rule_dirs))
    spec = catalogue.get(rule_id.upper()) or next(
        (r for r in catalogue.values() if r.name == rule_id.lower()), None
    )
    if spec is None:
        known = ", ".join(sorted(catalogue))
        raise ConfigError(f"unknown rule {rule_id!r}; known rules: {known}")
    click.echo(render_rule(spec), nl=False)


@main.command("baseline")
@PATHS
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=Path(".spofcheck-baseline.json"),
    show_default=True,
    help="Where to write the baseline ('-' for stdout).",
)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
@_scan_options
def baseline_command(
    paths: tuple[Path, ...],
    output: Path,
    rule_dirs: tuple[Path, ...],
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Record today's findings in PATHS, so `scan --baseline FILE` reports only new ones."""
    from spofcheck.engine.baseline import build_baseline, render_baseline
    from spofcheck.pipeline import run_scan

    config = _config(paths, config_path)
    request = _request(paths, config, var_files=var_files, use_cache=not no_cache)
    report = run_scan(request, _rules(config, rule_dirs)).report
    baseline = build_baseline(report)
    _emit(render_baseline(baseline), None if str(output) == "-" else output)
    for error in report.errors:
        click.echo(f"spofcheck: error: {error.one_line()}", err=True)
    count = len(baseline.findings)
    click.echo(f"spofcheck: recorded {count} finding{'s' if count != 1 else ''}", err=True)
    sys.exit(2 if report.errors else 0)


@main.command()
@PATHS
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
    type=click.Choice(SEVERITIES),
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
@click.option(
    "--slo",
    type=click.FloatRange(0, 100, min_open=True),
    default=None,
    help="Availability objective in percent (overrides YAML/config).",
)
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
@_scan_options
def diff(
    paths: tuple[Path, ...],
    base_ref: str,
    fmt: str,
    output: Path | None,
    fail_on_new: str | None,
    max_drop: str | None,
    slo: float | None,
    rule_dirs: tuple[Path, ...],
    var_files: tuple[Path, ...],
    config_path: Path | None,
    no_cache: bool,
) -> None:
    """Compare PATHS at git ref --base with the working tree: new and fixed findings,
    and the availability change. The base is read with git, never checked out."""
    from spofcheck.diff.compare import diff_exit_code
    from spofcheck.diff.gate import DiffGate, parse_drop
    from spofcheck.diff.run import run_diff
    from spofcheck.model import Severity
    from spofcheck.report.diff_format import render_diff

    drop = parse_drop(max_drop) if max_drop is not None else None
    config = _config(paths, config_path)
    request = _request(paths, config, var_files=var_files, slo=slo, use_cache=not no_cache)
    severity = Severity(fail_on_new) if fail_on_new else request.fail_on
    gate = DiffGate(fail_on_new=severity, max_drop=drop)
    result = run_diff(base_ref, request, _rules(config, rule_dirs), gate)
    _emit(render_diff(result, fmt), output)
    sys.exit(diff_exit_code(result))


@main.command(hidden=True)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None)
@click.option("--slo", type=click.FloatRange(0, 100, min_open=True), default=None)
@click.option("--min-availability", type=click.FloatRange(0, 100, min_open=True), default=None)
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path), default=None)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def hook(ctx: click.Context, /, files: tuple[Path, ...], fmt: str, **options: Any) -> None:
    """pre-commit entry point: scan the stacks FILES belong to, each once (see
    .pre-commit-hooks.yaml); the options are scan's."""
    from spofcheck.hook import hook_paths

    paths = hook_paths(files, Path.cwd())
    if not paths:
        sys.exit(0)
    ctx.invoke(scan, paths=tuple(paths), formats=(fmt,), **options)


def _apply_baseline(report: Report, path: Path | None) -> Report:
    if path is None:
        return report
    from spofcheck.engine.baseline import apply_baseline, load_baseline

    return apply_baseline(report, load_baseline(path), source=path.as_posix())


def _pair_outputs(formats: Sequence[str], outputs: Sequence[Path]) -> list[tuple[str, Path | None]]:
    from spofcheck.errors import ConfigError

    fmts = list(formats) or ["text"]
    if len(outputs) > len(fmts):
        raise ConfigError("more --output than --format options: pair each output with a format")
    paired: list[tuple[str, Path | None]] = [
        (fmt, outputs[i] if i < len(outputs) else None) for i, fmt in enumerate(fmts)
    ]
    if sum(1 for _, target in paired if target is None) > 1:
        raise ConfigError("only one --format can go to stdout; give the others an --output")
    return paired


def _config(paths: Sequence[Path], explicit: Path | None) -> Config:
    from spofcheck.config import find_config, load_config

    if explicit is not None:
        return load_config(explicit)
    start = paths[0] if paths else Path.cwd()
    return load_config(find_config(start if start.exists() else Path.cwd()))


def _request(
    paths: Sequence[Path],
    config: Config,
    *,
    var_files: Sequence[Path] = (),
    fail_on: str | None = None,
    slo: float | None = None,
    min_availability: float | None = None,
    honour_ignores: bool = True,
    use_cache: bool = True,
) -> ScanRequest:
    from spofcheck.model import Severity
    from spofcheck.pipeline import ScanRequest

    slo_pct = slo if slo is not None else config.slo
    floor = min_availability if min_availability is not None else config.min_availability
    return ScanRequest(
        paths=list(paths) or [Path(".")],
        config=config,
        var_files=list(var_files),
        fail_on=Severity(fail_on) if fail_on else config.fail_on,
        slo=slo_pct / 100 if slo_pct is not None else None,
        min_availability=floor / 100 if floor is not None else None,
        honour_ignores=honour_ignores,
        use_cache=use_cache and config.cache,
    )


def _rules(config: Config, rule_dirs: Sequence[Path]) -> Any:
    from spofcheck.engine.catalogue import load_catalogue

    return load_catalogue([*config.rule_dirs(), *rule_dirs])


def _render(fmt: str, report: Report) -> str:
    from spofcheck.report import formatter

    return formatter(fmt)(report)


def _emit(text: str, target: Path | None) -> None:
    from spofcheck.errors import ConfigError

    if target is None:
        click.echo(text, nl=False)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write output: {exc.strerror}", file=str(target)) from exc


def _exit_code(report: Report, request: ScanRequest) -> int:
    if report.errors:
        return 2
    if any(f.severity.rank >= request.fail_on.rank for f in report.active_findings):
        return 1
    block = report.availability or {}
    if block.get("meets_slo") is False:
        return 1
    floor = request.min_availability
    value = block.get("value")
    return 1 if floor is not None and value is not None and value < floor else 0

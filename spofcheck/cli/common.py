"""What every command does around the pipeline: config, request, rules, writing, exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from spofcheck.api.pipeline import ScanRequest
    from spofcheck.config import Config
    from spofcheck.engine.spec import RuleSpec
    from spofcheck.model import Report


def load_config_for(paths: Sequence[Path], explicit: Path | None) -> Config:
    """The explicit config file, else the nearest one above the first path."""
    from spofcheck.config import find_config, load_config

    if explicit is not None:
        return load_config(explicit)
    start = paths[0] if paths else Path.cwd()
    return load_config(find_config(start if start.exists() else Path.cwd()))


def build_request(
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
    """Command line over config file; percentages become fractions here."""
    import click

    from spofcheck.api.pipeline import ScanRequest
    from spofcheck.cli.options import STDIN_NAME_KEY
    from spofcheck.model import Severity

    context = click.get_current_context(silent=True)
    stdin_name = context.meta.get(STDIN_NAME_KEY) if context is not None else None
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
        stdin_name=stdin_name,
    )


def load_rules(config: Config, rule_dirs: Sequence[Path]) -> dict[str, RuleSpec]:
    from spofcheck.engine.catalogue import load_catalogue

    return load_catalogue([*config.rule_dirs(), *rule_dirs])


def pair_outputs(formats: Sequence[str], outputs: Sequence[Path]) -> list[tuple[str, Path | None]]:
    """--format/--output pairs by position; at most one format goes to stdout."""
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


def render(fmt: str, report: Report) -> str:
    from spofcheck.report import formatter

    return formatter(fmt)(report)


def emit(text: str, target: Path | None) -> None:
    """Write to the file the user named, or to stdout."""
    from spofcheck.errors import ConfigError

    if target is None:
        click.echo(text, nl=False)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write output: {exc.strerror}", file=str(target)) from exc


def say(kind: str, lines: Sequence[Any]) -> None:
    """Notes and errors for people go to stderr, one line each."""
    for line in lines:
        text = line.one_line() if hasattr(line, "one_line") else str(line)
        click.echo(f"spofcheck: {kind}: {text}", err=True)


def scan_exit_code(report: Report, request: ScanRequest) -> int:
    """2 on unreadable input; 1 on findings at --fail-on, a missed SLO or floor; else 0."""
    if report.errors:
        return 2
    if any(f.severity.rank >= request.fail_on.rank for f in report.active_findings):
        return 1
    result = report.availability
    if result is not None and result.meets_slo is False:
        return 1
    floor = request.min_availability
    return 1 if floor is not None and result is not None and result.meets(floor) is False else 0

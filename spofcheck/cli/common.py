"""What every command does around the API: config, request, rules, outputs, exit codes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from spofcheck.cli.options import ALLOW_OUTSIDE_KEY, STDIN_NAME_KEY

if TYPE_CHECKING:
    from spofcheck.api.pipeline import ScanRequest
    from spofcheck.config import Config
    from spofcheck.engine.spec import RuleSpec
    from spofcheck.model import Gate, Report
    from spofcheck.report.style import Style

# Output file extensions and the format each implies when --format is not given.
EXTENSIONS = {
    ".sarif": "sarif",
    ".json": "json",
    ".junit.xml": "junit",
    ".xml": "junit",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
STDOUT = "-"


def load_config_for(paths: Sequence[Path], explicit: Path | None) -> Config:
    """The explicit config file, else the nearest one above the first path (never above
    the repository root)."""
    from spofcheck.api.simple import resolve_config

    return resolve_config(list(paths) or [Path(".")], explicit)


def build_request(paths: Sequence[Path], config: Config, **options: Any) -> ScanRequest:
    """Command line over config file (`api.simple.build_request`)."""
    from spofcheck.api.simple import build_request as build

    ctx = click.get_current_context(silent=True)
    allowed = ctx.meta.get(ALLOW_OUTSIDE_KEY, ()) if ctx is not None else ()
    stdin_name = ctx.meta.get(STDIN_NAME_KEY) if ctx is not None else None
    return build(
        paths,
        config,
        allow_outside=list(allowed),
        stdin_name=stdin_name,
        download_modules=config.download_modules or _download_flag(),
        include_modules=config.include_modules or _include_flag(),
        **options,
    )


def _include_flag() -> bool:
    from spofcheck.cli.options import INCLUDE_MODULES

    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(INCLUDE_MODULES))


def _download_flag() -> bool:
    from spofcheck.cli.options import DOWNLOAD_MODULES

    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(DOWNLOAD_MODULES))


def load_rules(config: Config, rule_dirs: Sequence[Path]) -> dict[str, RuleSpec]:
    from spofcheck.api.simple import load_rules as load

    return load(config, rule_dirs)


def pair_outputs(formats: Sequence[str], outputs: Sequence[Path]) -> list[tuple[str, Path | None]]:
    """--format/--output pairs by position; an output without a format gets the one its
    extension names; `-` is stdout, and at most one format goes there."""
    paired: list[tuple[str, Path | None]] = []
    for i, output in enumerate(outputs):
        fmt = formats[i] if i < len(formats) else format_of(output)
        paired.append((fmt, None if str(output) == STDOUT else output))
    paired.extend((fmt, None) for fmt in formats[len(outputs) :])
    if not paired:
        paired = [("text", None)]
    if sum(1 for _, target in paired if target is None) > 1:
        from spofcheck.errors import ConfigError

        raise ConfigError("only one --format can go to stdout; give the others an --output")
    return paired


def format_of(output: Path) -> str:
    """The format an output file's name implies; a ConfigError with a hint otherwise."""
    from spofcheck.cli.options import FORMATS
    from spofcheck.errors import ConfigError

    name = output.name.lower()
    if str(output) == STDOUT:
        return "text"
    for extension, fmt in EXTENSIONS.items():
        if name.endswith(extension):
            return fmt
    if name in FORMATS:
        raise ConfigError(
            f"`-o {output}` would write a file named {output.name!r}: for the {name} format "
            f"write `--format {name}` (with `-o results.{_suffix(name)}` to write a file)",
            key="--output",
        )
    known = ", ".join(EXTENSIONS)
    raise ConfigError(
        f"cannot tell the format of {output} from its name ({known}): add --format",
        key="--output",
    )


def _suffix(fmt: str) -> str:
    return {"junit": "junit.xml", "markdown": "md", "text": "txt", "github": "txt"}.get(fmt, fmt)


def render(fmt: str, report: Report, style: Style | None = None) -> str:
    from spofcheck.report import render as render_format

    return render_format(fmt, report, style)


def emit(text: str, target: Path | None, *, colour: bool = False) -> None:
    """Write to the file the user named, or to stdout (keeping colour the user asked for,
    which click would strip off a terminal)."""
    from spofcheck.errors import ConfigError

    if target is None:
        click.echo(text, nl=False, color=True if colour else None)
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


def verdict_line(gate: Gate) -> str:
    """`✓ gate passed` or `✗ gate failed: reason; reason`."""
    if gate.passed:
        return "✓ gate passed"
    return "✗ gate failed: " + "; ".join(r.message for r in gate.reasons)


def written_summary(targets: Sequence[tuple[str, Path | None]], gate: Gate) -> None:
    """When every output went to a file, one line on stderr says what went where and the
    verdict, so a terminal run is never silent."""
    if not targets or any(target is None for _, target in targets):
        return
    wrote = ", ".join(f"{fmt} to {target}" for fmt, target in targets)
    click.echo(f"spofcheck: wrote {wrote}; {verdict_line(gate)}", err=True)


def finish(gate: Gate, *, soft_fail: bool = False) -> NoReturn:
    """Exit with the code `api.gate.exit_code` decides for `gate`."""
    from spofcheck.api.gate import exit_code

    sys.exit(int(exit_code(gate, soft_fail=soft_fail)))

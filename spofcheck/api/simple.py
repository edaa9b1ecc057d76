"""The public Python API: `spofcheck.scan(paths, root=…)` returns a typed result.

Everything the `scan` command does, as one call that never looks at the process's
working directory when `root` is given: relative paths, the configuration file, rule
folders and variable files are all read from `root`. The CLI is argument parsing over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from spofcheck.config import Config, find_config, load_config, parse_percent
from spofcheck.errors import ExitCode
from spofcheck.model import Severity

if TYPE_CHECKING:
    from spofcheck.api.pipeline import ScanRequest, ScanResult
    from spofcheck.api.settings import Progress
    from spofcheck.engine.spec import RuleSpec

PathLike = str | Path


def scan(
    paths: PathLike | Sequence[PathLike] = ".",
    *,
    root: PathLike | None = None,
    config: Config | PathLike | None = None,
    rules: Sequence[PathLike] = (),
    var_files: Sequence[PathLike] = (),
    fail_on: Severity | str | None = None,
    slo: float | str | None = None,
    min_availability: float | str | None = None,
    skip: Sequence[str] = (),
    only: Sequence[str] = (),
    baseline: PathLike | None = None,
    fail_on_incomplete: bool | None = None,
    soft_fail: bool = False,
    honour_ignores: bool = True,
    use_cache: bool = True,
    include_modules: bool | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan `paths` and decide the gate, exactly as `spofcheck scan` does.

    `root`: the folder relative paths start from, and that reported paths and
    fingerprints are relative to (default: the repository holding the paths).
    `config`: a `Config`, a config file, or None to find `.spofcheck.yaml` /
    `[tool.spofcheck]` from the first path up to the repository root.
    `progress(stage, done, total, stack)`: called as stacks are discovered, parsed, analyzed.
    `slo`, `min_availability`: percentages (`99.95` or `"99.95%"`), as in the config file.
    `include_modules`: analyze reusable module folders nobody calls (default: the config's
    `include_modules`, else skipped and listed in `coverage.uncalled_modules`).
    Raises `spofcheck.errors.ConfigError` for a usage mistake (exit code 2 on the CLI);
    unreadable inputs are not raised but reported in `.errors`.
    """
    base = Path(root).resolve() if root is not None else None
    targets = [_under(base, p) for p in _as_list(paths)]
    settings = resolve_config(targets, config, base=base)
    request = build_request(
        targets,
        settings,
        var_files=[_under(base, v) for v in var_files],
        fail_on=fail_on,
        slo=slo,
        min_availability=min_availability,
        skip=skip,
        only=only,
        fail_on_incomplete=fail_on_incomplete,
        honour_ignores=honour_ignores,
        use_cache=use_cache,
        include_modules=include_modules,
    )
    request = replace(request, root=base)
    catalogue = load_rules(settings, [_under(base, r) for r in rules])
    recorded = _under(base, baseline) if baseline is not None else None
    return run(request, catalogue, baseline=recorded, soft_fail=soft_fail, progress=progress)


def run(
    request: ScanRequest,
    catalogue: dict[str, RuleSpec],
    *,
    baseline: Path | None = None,
    soft_fail: bool = False,
    progress: Progress | None = None,
) -> ScanResult:
    """`run_scan`, the baseline applied, the gate decided and the exit code set."""
    from spofcheck.api.gate import exit_code
    from spofcheck.api.pipeline import run_scan
    from spofcheck.api.settings import decide, quiet

    result = run_scan(request, catalogue, progress=progress or quiet)
    if baseline is not None:
        from spofcheck.engine.baseline import apply_baseline, load_baseline

        report = apply_baseline(result.report, load_baseline(baseline), source=baseline.as_posix())
        result = replace(result, report=decide(report, request))
    return replace(result, exit_code=exit_code(result.report.gate, soft_fail=soft_fail))


def resolve_config(
    paths: Sequence[Path], config: Config | PathLike | None, *, base: Path | None = None
) -> Config:
    """The one configuration a command uses: given, named, or found from the first path."""
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(_under(base, config))
    start = paths[0] if paths else base or Path.cwd()
    return load_config(find_config(start if start.exists() else start.parent))


def build_request(
    paths: Sequence[Path],
    config: Config,
    *,
    var_files: Sequence[Path] = (),
    fail_on: Severity | str | None = None,
    slo: float | str | None = None,
    min_availability: float | str | None = None,
    skip: Sequence[str] = (),
    only: Sequence[str] = (),
    fail_on_incomplete: bool | None = None,
    honour_ignores: bool = True,
    use_cache: bool = True,
    allow_outside: Sequence[Path] = (),
    download_modules: bool = False,
    include_modules: bool | None = None,
    stdin_name: str | None = None,
) -> ScanRequest:
    """Arguments over the config file; percentages become fractions here, and only here."""
    from spofcheck.api.pipeline import ScanRequest

    slo_pct = _percent(slo, "--slo") if slo is not None else config.slo
    floor = _percent(min_availability, "--min-availability")
    floor = floor if floor is not None else config.min_availability
    return ScanRequest(
        paths=list(paths) or [Path(".")],
        config=config,
        var_files=list(var_files),
        fail_on=severity(fail_on) if fail_on else config.fail_on,
        slo=slo_pct / 100 if slo_pct is not None else None,
        min_availability=floor / 100 if floor is not None else None,
        honour_ignores=honour_ignores,
        use_cache=use_cache and config.cache,
        allow_outside=list(allow_outside),
        download_modules=download_modules,
        include_modules=config.include_modules if include_modules is None else include_modules,
        stdin_name=stdin_name,
        disable=list(skip),
        only=list(only),
        fail_on_incomplete=config.fail_on_incomplete
        if fail_on_incomplete is None
        else fail_on_incomplete,
    )


def load_rules(config: Config, rule_dirs: Sequence[Path] = ()) -> dict[str, RuleSpec]:
    """The built-in catalogue plus the config's `rules:` folders and `rule_dirs`.

    A configuration file may come from the pull request under review, so its `rules:`
    folders must stay inside the repository it sits in (as every other input does);
    `rule_dirs`, named on the command line or by the caller, are trusted as given."""
    from spofcheck.engine.catalogue import load_catalogue

    return load_catalogue([*_inside_repository(config), *rule_dirs])


def _inside_repository(config: Config) -> list[Path]:
    from spofcheck.errors import ConfigError
    from spofcheck.parse.boundary import Boundary

    boundary = Boundary.for_scan([config.base_dir])
    folders = config.rule_dirs()
    for index, folder in enumerate(folders):
        if not boundary.allows(folder):
            raise ConfigError(
                boundary.refusal("rules folder"),
                file=str(config.path) if config.path else None,
                key=f"rules[{index}]",
            )
    return folders


def severity(value: Severity | str) -> Severity:
    """A severity in any case (`HIGH`, `high`); ConfigError naming the choices otherwise."""
    from spofcheck.errors import ConfigError, did_you_mean

    try:
        return Severity(str(value).strip().lower())
    except ValueError:
        choices = [s.value for s in Severity]
        hint = did_you_mean(str(value), choices)
        raise ConfigError(
            f"unknown severity {str(value)!r}{hint}; expected one of {', '.join(choices)}",
            key="--fail-on",
        ) from None


def _percent(value: float | str | None, key: str) -> float | None:
    return None if value is None else parse_percent(value, key=key)


def _as_list(paths: PathLike | Sequence[PathLike]) -> list[PathLike]:
    return [paths] if isinstance(paths, str | Path) else list(paths)


def _under(base: Path | None, path: PathLike) -> Path:
    """`path` read from `base` when relative and a base is given."""
    path = Path(path)
    return path if base is None or path.is_absolute() else base / path


__all__ = ["ExitCode", "build_request", "load_rules", "resolve_config", "run", "scan"]

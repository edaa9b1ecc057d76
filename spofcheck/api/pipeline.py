"""The scan pipeline: discover → parse → model/graph → availability → rules → report."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spofcheck import __version__
from spofcheck.api.entries import apply_entrypoints, entrypoints_digest
from spofcheck.api.settings import Progress, applied_settings, decide, quiet, rule_settings
from spofcheck.config import Config
from spofcheck.engine.settings import RuleSettings
from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import ExitCode
from spofcheck.graph.coverage import assess, coverage_of, merge
from spofcheck.model import (
    Architecture,
    Finding,
    Gate,
    ParseError,
    Report,
    Severity,
    StackSummary,
    UncalledModule,
)
from spofcheck.parse.boundary import Boundary
from spofcheck.parse.discover import Discovery, StackInput, discover
from spofcheck.parse.parallel import load_all_keyed
from spofcheck.paths import display_path, repo_root

if TYPE_CHECKING:
    from spofcheck.model import AvailabilityResult


@dataclass(frozen=True)
class ScanRequest:
    """What the user asked for, after merging config file and command line."""

    paths: Sequence[Path]
    config: Config = field(default_factory=Config)
    var_files: Sequence[Path] = ()
    fail_on: Severity = Severity.HIGH
    slo: float | None = None  # fraction; overrides the architecture's own
    min_availability: float | None = None  # fraction
    honour_ignores: bool = True
    use_cache: bool = True
    download_modules: bool = False  # fetch remote module sources into the cache
    include_modules: bool = False  # analyze reusable module folders nobody calls as stacks
    disable: Sequence[str] = ()  # --skip: rule ids, names or globs, on top of the config's
    only: Sequence[str] = ()  # --only: run just these
    fail_on_incomplete: bool = False
    # The folder reported paths and fingerprints are relative to; None: `scan_root`.
    root: Path | None = None
    allow_outside: Sequence[Path] = ()  # folders inputs may resolve to besides the repository
    stdin_name: str | None = None  # how Kubernetes manifests read from `-` are named

    def boundary(self) -> Boundary:
        """Where inputs may be read from: see spofcheck/parse/boundary.py."""
        return Boundary.for_scan(self.paths, self.allow_outside, files=self.var_files)


@dataclass
class StackResult:
    """One analyzed unit: its model, availability and findings."""

    source: StackInput
    arch: Architecture
    availability: AvailabilityResult | None = None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ScanResult:
    """One scan: the typed report and the per-stack models behind it."""

    root: Path
    stacks: list[StackResult]
    errors: list[ParseError]
    report: Report
    exit_code: ExitCode = ExitCode.OK  # set from `report.gate` by `api.simple.run`

    @property
    def findings(self) -> list[Finding]:
        """Active findings (suppressed ones are in `report.findings`, flagged)."""
        return self.report.active_findings

    @property
    def availability(self) -> AvailabilityResult | None:
        """The weakest stack's availability; `.value` is a fraction (0.9995)."""
        return self.report.availability

    @property
    def gate(self) -> Gate:
        return self.report.gate


def scan_root(paths: Sequence[Path], config_file: Path | None = None) -> Path:
    """The folder every reported path and fingerprint is relative to, never the cwd.

    The repository holding the scanned paths (`paths.repo_root`); outside one, the
    folder of the configuration file when it holds them; else the scanned folder (the
    common folder of several paths). So a scan reads the same from any directory.
    """
    resolved = [p.resolve() for p in paths] or [Path.cwd().resolve()]
    common = Path(os.path.commonpath([str(p) for p in resolved]))
    folder = common if common.is_dir() else common.parent
    repo = repo_root(folder)
    if repo is not None:
        return repo
    if config_file is not None:
        base = config_file.resolve().parent
        if base == folder or base in folder.parents:
            return base
    return folder


def request_root(request: ScanRequest) -> Path:
    """The explicit root of `request`, else the one `scan_root` finds."""
    if request.root is not None:
        return request.root.resolve()
    return scan_root(request.paths, request.config.path)


NOTHING_FOUND = (
    "nothing to analyze: no Terraform (.tf, .tf.json, .tofu), plan JSON, architecture YAML "
    "or Kubernetes manifests"
)
Loaded = list[tuple[StackInput, Architecture]]


def load_stacks(request: ScanRequest) -> tuple[Path, Loaded, list[ParseError]]:
    """Discover and parse every stack; problems become located errors, never exceptions."""
    root, loaded, _keys, errors, _uncalled = _load_keyed(request)
    return root, loaded, errors


def _load_keyed(
    request: ScanRequest, progress: Progress = quiet
) -> tuple[Path, Loaded, list[str | None], list[ParseError], list[UncalledModule]]:
    root = request_root(request)
    boundary = request.boundary()
    found = discover(
        request.paths,
        root,
        request.config.exclude,
        boundary=boundary,
        use_cache=request.use_cache,
        stdin_name=request.stdin_name,
        include_modules=request.include_modules,
    )
    progress("discovered", len(found.stacks), len(found.stacks), "")
    var_files = [*request.config.var_file_paths(), *request.var_files]
    archs, keys = load_all_keyed(
        found.stacks,
        root=root,
        var_files=var_files,
        use_cache=request.use_cache,
        boundary=boundary,
        download_modules=request.download_modules,
    )
    progress("parsed", len(archs), len(archs), "")
    loaded, named = apply_entrypoints(
        list(zip(found.stacks, archs, strict=True)), request.config, root
    )
    found.errors.extend(named)
    digests = [
        entrypoints_digest(key.digest if key is not None else None, request.config, source)
        for key, (source, _) in zip(keys, loaded, strict=True)
    ]
    if not found.stacks and not found.errors:
        where = ", ".join(sorted(display_path(p, root) for p in request.paths)) or "."
        found.errors.append(ParseError(file=where, message=_nothing(found, root)))
    uncalled = [
        UncalledModule(path=display_path(m.path, root), analyzed=m.analyzed)
        for m in found.uncalled_modules
    ]
    return root, loaded, digests, found.errors, uncalled


def _nothing(found: Discovery, root: Path) -> str:
    """Why nothing was analyzed: nothing found, or only module folders nobody calls."""
    skipped = [display_path(m.path, root) for m in found.uncalled_modules if not m.analyzed]
    if not skipped:
        return (
            "nothing to analyze: no Terraform (.tf, .tf.json, .tofu), plan JSON, "
            "architecture YAML or Kubernetes manifests found"
        )
    shown = ", ".join(skipped[:3]) + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")
    return (
        f"nothing analyzed: every Terraform folder found is a reusable module nobody calls "
        f"({shown}); scan the folders that call them, or pass --include-modules"
    )


def run_scan(
    request: ScanRequest, rules: dict[str, RuleSpec], *, progress: Progress = quiet
) -> ScanResult:
    """Every stage up to the report and its gate; `progress` hears of each stack."""
    settings = rule_settings(request, rules)
    root, loaded, digests, errors, uncalled = _load_keyed(request, progress)
    stacks = []
    for done, ((source, arch), digest) in enumerate(zip(loaded, digests, strict=True)):
        progress("analyzing", done, len(loaded), arch.root)
        stacks.append(_analyze_cached(arch, source, request, rules, settings, model_digest=digest))
    progress("analyzed", len(loaded), len(loaded), "")
    all_errors = sorted([*errors, *(e for s in stacks for e in s.arch.errors)], key=_error_key)
    report = _report(root, stacks, all_errors, rules, request, settings)
    report = decide(_with_uncalled(report, uncalled), request)
    return ScanResult(root=root, stacks=stacks, errors=all_errors, report=report)


def _analyze_cached(
    arch: Architecture,
    source: StackInput,
    request: ScanRequest,
    rules: dict[str, RuleSpec],
    settings: RuleSettings,
    *,
    model_digest: str | None,
) -> StackResult:
    """`_analyze`, or its stored result when this model met these rules before."""
    if model_digest is None:
        return _analyze(arch, source, request, rules, settings)
    from spofcheck.cache import results as resultcache

    key = resultcache.analysis_key(model_digest, rules, settings, request.slo)
    stored = resultcache.get(key)
    if stored is not None:
        return StackResult(source, arch, stored.availability, stored.findings, stored.notes)
    result = _analyze(arch, source, request, rules, settings)
    analysis = resultcache.Analysis(result.availability, result.findings, result.notes)
    resultcache.put(key, analysis)
    return result


def _analyze(
    arch: Architecture,
    source: StackInput,
    request: ScanRequest,
    rules: dict[str, RuleSpec],
    settings: RuleSettings,
) -> StackResult:
    from spofcheck.engine.run import run_rules

    availability = assess(arch, request.slo if request.slo is not None else arch.slo)
    run = run_rules(arch, rules, settings, availability=availability)
    return StackResult(source, arch, availability, run.findings, run.notes)


def _report(  # noqa: PLR0917 - one call site, every argument a distinct stage output
    root: Path,
    stacks: list[StackResult],
    errors: list[ParseError],
    rules: dict[str, RuleSpec],
    request: ScanRequest,
    settings: RuleSettings,
) -> Report:
    findings = sorted((f for s in stacks for f in s.findings), key=Finding.sort_key)
    notes = sorted({n for s in stacks for n in [*s.arch.notes, *s.notes, *s.source.notes]})
    files = sorted({f for s in stacks for f in s.arch.files})
    return Report(
        version=__version__,
        root=root.as_posix(),
        findings=findings,
        availability=_availability_block(stacks),
        errors=errors,
        notes=notes,
        rules=[rules[r].meta(settings.severity.get(r)) for r in sorted(rules)],
        files=files,
        components=sum(len(s.arch.components) for s in stacks),
        fail_on=request.fail_on,
        stacks=[_stack_summary(s) for s in stacks],
        settings=applied_settings(root, request.config.path, settings),
        coverage=merge(coverage_of(s.arch, enabled=_enabled(rules, request)) for s in stacks),
    )


def _with_uncalled(report: Report, uncalled: list[UncalledModule]) -> Report:
    """The coverage block lists the module folders nobody calls; a note names each skipped
    one (an analyzed one carries its own note from discovery)."""
    if not uncalled:
        return report
    skipped = [
        f"{m.path}: a reusable module nobody calls (below `modules/`, no provider or backend): "
        "not analyzed; scan a folder that calls it, or pass --include-modules"
        for m in uncalled
        if not m.analyzed
    ]
    coverage = report.coverage.model_copy(update={"uncalled_modules": uncalled})
    return report.model_copy(
        update={"coverage": coverage, "notes": sorted({*report.notes, *skipped})}
    )


def _enabled(rules: dict[str, RuleSpec], request: ScanRequest) -> set[str]:
    return set(rules) - set(request.config.disable)


def _stack_summary(stack: StackResult) -> StackSummary:
    return StackSummary(
        name=stack.arch.name or stack.arch.root,
        path=stack.arch.root,
        kind=stack.source.kind.value,
        components=len(stack.arch.components),
        availability=stack.availability,
    )


def _availability_block(stacks: list[StackResult]) -> AvailabilityResult | None:
    """One stack: its result. Several: the weakest one's, naming its stack, with
    `meets_slo` true only if every stack meets its SLO."""
    known = [
        (s, s.availability)
        for s in stacks
        if s.availability is not None and s.availability.value is not None
    ]
    if not known:
        return None
    stack, worst = min(known, key=lambda sa: (sa[1].conservative or 0.0, sa[0].arch.root))
    if len(known) == 1:
        return worst
    verdicts = [a.meets_slo for _, a in known]
    meets = None if all(v is None for v in verdicts) else all(v is not False for v in verdicts)
    complete = all(a.complete for _, a in known)
    return worst.model_copy(
        update={"meets_slo": meets, "stack": stack.arch.root, "complete": complete}
    )


def _error_key(error: ParseError) -> tuple[str, int, str]:
    return (error.file, error.line or 0, error.message)

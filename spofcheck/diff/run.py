"""Run one scan on the working tree and one on the files at the base ref, then compare."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from spofcheck import __version__
from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.diff.compare import DiffResult, compare
from spofcheck.diff.gate import DiffGate
from spofcheck.diff.gitref import RefTree, resolve_commit, toplevel, tree_at
from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import ConfigError
from spofcheck.model import Report


def run_diff(
    base_ref: str,
    request: ScanRequest,
    rules: Mapping[str, RuleSpec],
    gate: DiffGate | None = None,
) -> DiffResult:
    """Both sides use the working tree's configuration and rules, so the diff shows
    what the code change does, not what a config change does."""
    cwd = Path.cwd()
    toplevel(cwd)  # fail fast, before the slow scan, outside a repository
    commit = resolve_commit(base_ref, cwd)
    head = run_scan(request, dict(rules)).report
    base = scan_at_ref(commit, request, rules)
    return compare(base, head, base_ref=base_ref, gate=gate)


def scan_at_ref(base_ref: str, request: ScanRequest, rules: Mapping[str, RuleSpec]) -> Report:
    """The same scan on the files as they are at `base_ref`, read into a temp folder.

    The scan runs with that folder's copy of the working directory as its working
    directory, so paths (and so fingerprints) come out exactly as in the working tree.
    """
    cwd = Path.cwd()
    top = toplevel(cwd)
    explicit = {_relative(p, cwd, top) for p in request.paths if not (cwd / p).is_dir()}
    with tree_at(base_ref, cwd, also=explicit.__contains__) as tree:
        paths = [mapped for p in request.paths if (mapped := _map(p, cwd, tree)) is not None]
        if not paths or not tree.cwd.is_dir():
            return Report(version=__version__, fail_on=request.fail_on)
        var_files = [_var_file(v, cwd, tree) for v in request.var_files]
        # the copy has no .git: its top folder is the repository boundary
        allowed = [*request.allow_outside, tree.root]
        at_ref = replace(request, paths=paths, var_files=var_files, allow_outside=allowed)
        with contextlib.chdir(tree.cwd):
            report = run_scan(at_ref, dict(rules)).report
        return _rebased(report, tree)


def _var_file(path: Path, cwd: Path, tree: RefTree) -> Path:
    """The ref's version of a tracked variable file, else the working tree's file."""
    try:
        mapped = _map(path, cwd, tree)
    except ConfigError:
        mapped = None
    return mapped or (cwd / path).resolve()


def _rebased(report: Report, tree: RefTree) -> Report:
    """Absolute paths into the temp copy (modules outside the scanned root) become the
    working tree's, so no temp path reaches an output and both sides read alike."""
    prefix = tree.root.as_posix()

    def rebase(file: str | None) -> str | None:
        if file is None or not (file == prefix or file.startswith(prefix + "/")):
            return file
        return (tree.toplevel / file.removeprefix(prefix).lstrip("/")).as_posix()

    findings = [f.model_copy(update={"file": rebase(f.file)}) for f in report.findings]
    errors = [e.model_copy(update={"file": rebase(e.file) or e.file}) for e in report.errors]
    stacks = [s.model_copy(update={"path": rebase(s.path) or s.path}) for s in report.stacks]
    root = rebase(report.root) or report.root
    return report.model_copy(
        update={"findings": findings, "errors": errors, "stacks": stacks, "root": root}
    )


def _relative(path: Path, cwd: Path, top: Path) -> str:
    """`path` as git names it (relative to the repository's top level), or "" if outside."""
    try:
        return (cwd / path).resolve().relative_to(top).as_posix()
    except ValueError:
        return ""


def _map(path: Path, cwd: Path, tree: RefTree) -> Path | None:
    """Where `path` of the working tree is in the ref's copy; None if it does not exist there."""
    absolute = (cwd / path).resolve()
    try:
        inside = absolute.relative_to(tree.toplevel)
    except ValueError:
        raise ConfigError(
            f"{path}: outside the git repository {tree.toplevel.name!r}; "
            "diff can only compare files git tracks",
            key="PATH",
        ) from None
    mapped = tree.root / inside
    return mapped if mapped.exists() else None

"""Run one scan on the working tree and one on the files at the base ref, then compare."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from spofcheck import __version__
from spofcheck.api.pipeline import ScanRequest, request_root, run_scan
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
    root = request_root(request)
    toplevel(root)  # fail fast, before the slow scan, outside a repository
    commit = resolve_commit(base_ref, root)
    head = run_scan(replace(request, root=root), dict(rules)).report
    base = scan_at_ref(commit, replace(request, root=root), rules)
    return compare(base, head, base_ref=base_ref, gate=gate)


def scan_at_ref(base_ref: str, request: ScanRequest, rules: Mapping[str, RuleSpec]) -> Report:
    """The same scan on the files as they are at `base_ref`, read into a temp folder.

    The scan's root is the copy of the working tree's scan root, so paths (and so
    fingerprints) come out exactly as in the working tree; no directory is changed.
    """
    root = request_root(request)
    top = toplevel(root)
    paths = [p if p.is_absolute() else Path.cwd() / p for p in request.paths]
    explicit = {_relative(p, top) for p in paths if not p.is_dir()}
    with tree_at(base_ref, root, also=explicit.__contains__) as tree:
        mapped = [m for p in paths if (m := _map(p, tree)) is not None]
        if not mapped:
            return Report(version=__version__, fail_on=request.fail_on)
        var_files = [_var_file(v, tree) for v in request.var_files]
        # the copy has no .git: its top folder is the repository boundary
        at_ref = replace(
            request,
            paths=mapped,
            var_files=var_files,
            root=tree.cwd,
            allow_outside=[*request.allow_outside, tree.root],
        )
        return _rebased(run_scan(at_ref, dict(rules)).report, tree)


def _var_file(path: Path, tree: RefTree) -> Path:
    """The ref's version of a tracked variable file, else the working tree's file."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        mapped = _map(absolute, tree)
    except ConfigError:
        mapped = None
    return mapped or absolute.resolve()


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


def _relative(path: Path, top: Path) -> str:
    """`path` as git names it (relative to the repository's top level), or "" if outside."""
    try:
        return path.resolve().relative_to(top).as_posix()
    except ValueError:
        return ""


def _map(path: Path, tree: RefTree) -> Path | None:
    """Where absolute `path` of the working tree is in the ref's copy; None if absent there."""
    try:
        inside = path.resolve().relative_to(tree.toplevel)
    except ValueError:
        raise ConfigError(
            f"{path}: outside the git repository {tree.toplevel.name!r}; "
            "diff can only compare files git tracks",
            key="PATH",
        ) from None
    mapped = tree.root / inside
    return mapped if mapped.exists() else None

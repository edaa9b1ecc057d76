"""Run one scan on the working tree and one on the files at the base ref, then compare."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from spofcheck import __version__
from spofcheck.diff.compare import DiffResult, compare
from spofcheck.diff.gate import DiffGate
from spofcheck.diff.gitref import RefTree, resolve_commit, toplevel, tree_at
from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import ConfigError
from spofcheck.model import Report
from spofcheck.pipeline import ScanRequest, run_scan


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
        var_files = [_map(v, cwd, tree) or (cwd / v).resolve() for v in request.var_files]
        at_ref = replace(request, paths=paths, var_files=var_files)
        with contextlib.chdir(tree.cwd):
            return run_scan(at_ref, dict(rules)).report


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

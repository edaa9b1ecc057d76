"""Read the files spofcheck analyzes as they are at a git ref, into a temporary folder.

Never a checkout: `git ls-tree` lists the ref's files and `git cat-file --batch` reads
their blobs, so the user's working tree, index and HEAD are left alone. Only the file
types spofcheck reads are copied; symlinks and submodules are skipped.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from spofcheck.errors import ConfigError
from spofcheck.parse.discover import TF_SUFFIXES, YAML_SUFFIXES

WANTED_SUFFIXES = (*TF_SUFFIXES, ".tfvars", ".tfvars.json", ".hcl", *YAML_SUFFIXES)
_FILE_MODES = frozenset({b"100644", b"100755"})
GIT_TIMEOUT_S = 120


@dataclass(frozen=True)
class RefTree:
    """The ref's files under `root`; `cwd` is where the folder `tree_at` was given sits in it."""

    ref: str
    commit: str
    root: Path
    cwd: Path
    toplevel: Path


def git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run git; a failure becomes a ConfigError quoting git's first line of complaint."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError:
        raise ConfigError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise ConfigError(f"git {args[0]} did not finish within {GIT_TIMEOUT_S} s") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"git {args[0]} failed: {said[0] if said else done.returncode}")
    return done.stdout


def resolve_commit(ref: str, cwd: Path) -> str:
    if ref.startswith("-"):
        raise ConfigError(f"not a git ref: {ref!r}", key="--base")
    try:
        spec = f"{ref}^{{commit}}"
        out = git(["rev-parse", "--verify", "--quiet", "--end-of-options", spec], cwd)
    except ConfigError:
        hint = fetch_hint(ref, cwd)
        raise ConfigError(f"unknown git ref {ref!r}; {hint}", key="--base") from None
    return out.decode().strip()


def fetch_hint(ref: str, cwd: Path) -> str:
    """A command that fetches `ref`: `origin/main` is fetched as `git fetch origin main`."""
    remotes = _remotes(cwd)
    remote, _, branch = ref.partition("/")
    if branch and remote in remotes:
        command = f"git fetch {remote} {branch}"
    else:
        command = f"git fetch {remotes[0] if remotes else 'origin'} {ref}"
    return (
        f"fetch it first: {command} (in GitHub Actions, check out with `fetch-depth: 0` "
        "so the base commit is there)"
    )


def _remotes(cwd: Path) -> list[str]:
    try:
        return git(["remote"], cwd).decode("utf-8", "replace").split()
    except ConfigError:
        return []


def toplevel(cwd: Path) -> Path:
    try:
        out = git(["rev-parse", "--show-toplevel"], cwd)
    except ConfigError:
        raise ConfigError(f"not inside a git repository: {cwd}", key="--base") from None
    return Path(out.decode("utf-8").strip()).resolve()


@contextmanager
def tree_at(
    ref: str, cwd: Path, *, also: Callable[[str], bool] = lambda _: False
) -> Iterator[RefTree]:
    """The ref's analyzable files (plus those `also` accepts) in a temp dir, removed after."""
    top = toplevel(cwd)
    commit = resolve_commit(ref, cwd)
    entries = [e for e in _list_tree(commit, top) if _wanted(e[1]) or also(e[1])]
    with tempfile.TemporaryDirectory(prefix="spofcheck-base-") as tmp:
        root = Path(tmp).resolve() / "tree"
        root.mkdir()
        _write_blobs(entries, root, top)
        inside = cwd.resolve().relative_to(top)
        yield RefTree(ref=ref, commit=commit, root=root, cwd=root / inside, toplevel=top)


def _wanted(path: str) -> bool:
    return path.endswith(WANTED_SUFFIXES)


def _list_tree(commit: str, top: Path) -> list[tuple[str, str]]:
    """(blob sha, path) of every regular file at `commit`."""
    out = git(["ls-tree", "-r", "-z", "--full-tree", commit], top)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha = meta.split(b" ")
        if kind == b"blob" and mode in _FILE_MODES:
            entries.append((sha.decode(), raw_path.decode("utf-8", "surrogateescape")))
    return entries


def _write_blobs(entries: Sequence[tuple[str, str]], root: Path, top: Path) -> None:
    if not entries:
        return
    stdin = b"".join(f"{sha}\n".encode() for sha, _ in entries)
    out = git(["cat-file", "--batch"], top, stdin=stdin)
    offset = 0
    for _sha, path in entries:
        header_end = out.index(b"\n", offset)
        size = int(out[offset:header_end].split(b" ")[2])
        start = header_end + 1
        _write(root, path, out[start : start + size])
        offset = start + size + 1  # the blob is followed by a newline


def _write(root: Path, path: str, content: bytes) -> None:
    parts = PurePosixPath(path).parts
    if not parts or any(p in ("", ".", "..") for p in parts):
        return
    target = root.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)

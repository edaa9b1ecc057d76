"""The scan boundary: the folders a scan may read from, whatever its inputs point at.

A pull request controls every input: a committed symlink, a module `source`, a
`.terraform/modules/modules.json` entry or a `var_files` entry in its configuration can
all point at a file of the CI runner. Whatever is read can end up in a public
annotation, so every path is resolved (symlinks followed) and must land inside the
repository root of the scanned paths (the scanned paths themselves when there is no
repository), or inside a folder given with `--allow-outside`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spofcheck.paths import repo_root


@dataclass(frozen=True)
class Boundary:
    """Resolved folders (and single files) that inputs may resolve to. No folders at all
    means no limit (library callers that read their own trusted files)."""

    folders: tuple[Path, ...] = ()
    files: frozenset[Path] = frozenset()

    @classmethod
    def for_scan(
        cls,
        paths: Iterable[Path],
        allow_outside: Iterable[Path] = (),
        files: Iterable[Path] = (),
    ) -> Boundary:
        """The repository root of each scanned path (else the path itself), plus
        `allow_outside` folders, plus `files` (var files named on the command line)."""
        folders = {_resolve(_folder_of(p)) for p in paths} or {_resolve(Path.cwd())}
        tops = {repo_root(f) or f for f in folders}
        tops.update(_resolve(p) for p in allow_outside)
        return cls(tuple(sorted(tops)), frozenset(_resolve(p) for p in files))

    def including(self, folder: Path) -> Boundary:
        """This boundary widened by `folder` (the module store, for downloaded modules);
        an unlimited boundary stays unlimited."""
        if not self.folders:
            return self
        return Boundary(tuple(sorted({*self.folders, _resolve(folder)})), self.files)

    @property
    def limited(self) -> bool:
        return bool(self.folders)

    def allows(self, path: Path) -> bool:
        """True when `path`, with every symlink followed, stays inside the boundary."""
        if not self.folders:
            return True
        real = _resolve(path)
        if real in self.files:
            return True
        return any(real == top or top in real.parents for top in self.folders)

    def refusal(self, what: str = "path") -> str:
        """The message for a refused input: never the target's name or content."""
        return (
            f"not read: this {what} resolves outside the repository (a symlink or path "
            "leaving the scan boundary is not followed; widen it with --allow-outside)"
        )


UNLIMITED = Boundary()


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop: only the name is known
        return Path(os.path.normpath(path.absolute()))


def link_name(path: Path, root: Path) -> str:
    """How a refused input is shown: the name it was reached by (the link), relative to
    `root` when below it, never where it points."""
    given = Path(os.path.abspath(path))
    for base in (_resolve(root), Path(os.path.abspath(root))):
        try:
            return given.relative_to(base).as_posix() or "."
        except ValueError:
            continue
    return given.as_posix()

"""Resolve a remote module source to a folder in the module store, or say why not."""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

from spofcheck.parse.terraform.download import git, http, registry, store
from spofcheck.parse.terraform.download.address import (
    Archive,
    Git,
    Registry,
    Unsupported,
    classify,
    split_subdir,
)
from spofcheck.parse.terraform.download.archive import unpack
from spofcheck.parse.terraform.download.http import FetchError


@dataclass(frozen=True)
class Fetched:
    """A module's folder, the version chosen (registry), or the reason it stays opaque."""

    folder: Path | None
    version: str | None = None
    reason: str | None = None


class ModuleFetcher:
    """One scan's downloads: each package fetched at most once, failures remembered."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str | None], Fetched] = {}

    def fetch(self, source: str, constraint: str | None) -> Fetched:
        key = (source, constraint)
        if key not in self._seen:
            try:
                self._seen[key] = _fetch(source, constraint)
            except FetchError as exc:
                self._seen[key] = Fetched(None, reason=f"download failed: {exc}")
            except OSError as exc:
                self._seen[key] = Fetched(None, reason=f"download failed: {exc.strerror or exc}")
        return self._seen[key]


def _fetch(source: str, constraint: str | None) -> Fetched:
    address = classify(source)
    if isinstance(address, Unsupported):
        return Fetched(None, reason=address.reason)
    if isinstance(address, Registry):
        key = f"registry:{address.package}\0{constraint or ''}"
        stored = store.get(key)
        if stored is None:
            location, version = registry.resolve(address, constraint)
            stored = _download(location, key, version)
        return _within(stored, address.subdir)
    key = f"{type(address).__name__}:{_package(address)}"
    stored = store.get(key) or _download(split_subdir(source)[0], key, None)
    return _within(stored, address.subdir)


def _package(address: Git | Archive) -> str:
    return f"{address.url}\0{address.ref or ''}" if isinstance(address, Git) else address.url


def _download(location: str, key: str, version: str | None) -> store.Stored:
    """Fetch the package a location names into the store (its own `//subdir` included)."""
    address = classify(location)
    if isinstance(address, Unsupported | Registry):
        raise FetchError(f"cannot download {location!r}")
    stage = store.staging()
    package = stage / "package"
    try:
        if isinstance(address, Git):
            git.clone(address.url, address.ref, package)
        else:
            package.mkdir()
            unpack(http.get(address.url).body, address.kind, package)
        inner = package / address.subdir if address.subdir else package
        _check_folder(package, inner, location)
        return store.put(inner, key, version)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _within(stored: store.Stored, subdir: str) -> Fetched:
    folder = stored.folder / subdir if subdir else stored.folder
    try:
        _check_folder(stored.folder, folder, subdir)
    except FetchError as exc:
        return Fetched(None, stored.version, str(exc))
    return Fetched(folder, stored.version)


def _check_folder(top: Path, folder: Path, named: str) -> None:
    normal = posixpath.normpath(folder.relative_to(top).as_posix()) if folder != top else "."
    if normal.startswith("..") or not folder.resolve().is_relative_to(top.resolve()):
        raise FetchError(f"subdirectory {named!r} leaves the package")
    if not folder.is_dir():
        raise FetchError(f"subdirectory {named!r} is not in the package")

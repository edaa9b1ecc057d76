"""Unpack zip and tar archives without letting them write outside their folder."""

from __future__ import annotations

import io
import posixpath
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from spofcheck.parse.terraform.download.http import FetchError

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 20_000


def unpack(data: bytes, kind: str, dest: Path) -> None:
    """Extract regular files and folders into `dest`; refuse the whole archive on a member
    that is absolute, climbs out with `..`, is a link or device, or when it is too big."""
    members = _zip_members(data) if kind == "zip" else _tar_members(data)
    total = 0
    for name, size, content in members:
        target = _inside(dest, name)
        total += size
        if total > MAX_UNPACKED_BYTES:
            raise FetchError(f"archive unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB")
        if content is None:
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content())


def _inside(dest: Path, name: str) -> Path:
    normal = posixpath.normpath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or normal == ".." or normal.startswith("../") or ":" in name:
        raise FetchError(f"archive member {name!r} points outside the archive")
    return dest / normal if normal != "." else dest


Reader = Callable[[], bytes]
Member = tuple[str, int, Reader | None]


def _zip_members(data: bytes) -> list[Member]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FetchError(f"not a readable zip archive ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise FetchError(f"archive has more than {MAX_MEMBERS} members")
    found: list[Member] = []
    for info in infos:
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise FetchError(f"archive member {info.filename!r} is a symbolic link")
        reader = None if info.is_dir() else _zip_reader(archive, info)
        found.append((info.filename, info.file_size, reader))
    return found


def _zip_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Reader:
    def read() -> bytes:
        with archive.open(info) as handle:
            content = handle.read(MAX_UNPACKED_BYTES + 1)
        if len(content) > MAX_UNPACKED_BYTES:
            raise FetchError("archive member larger than declared")
        return content

    return read


def _tar_members(data: bytes) -> list[Member]:
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:")  # noqa: SIM115 - read lazily below
        infos = archive.getmembers()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise FetchError(f"not a readable tar archive ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise FetchError(f"archive has more than {MAX_MEMBERS} members")
    found: list[Member] = []
    for info in infos:
        if info.issym() or info.islnk():
            raise FetchError(f"archive member {info.name!r} is a link")
        if not (info.isfile() or info.isdir()):
            raise FetchError(f"archive member {info.name!r} is not a file or folder")
        reader = None if info.isdir() else _tar_reader(archive, info)
        found.append((info.name, info.size, reader))
    return found


def _tar_reader(archive: tarfile.TarFile, info: tarfile.TarInfo) -> Reader:
    def read() -> bytes:
        handle = archive.extractfile(info)
        return handle.read() if handle is not None else b""

    return read


def _gunzip(data: bytes) -> bytes:
    """Decompress at most the unpacked limit: a gzip bomb stops here, not in tarfile."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_UNPACKED_BYTES + 1)
    except zlib.error as exc:
        raise FetchError(f"not a readable gzip archive ({exc})") from exc
    if len(out) > MAX_UNPACKED_BYTES or inflater.unconsumed_tail:
        raise FetchError(f"archive unpacks to more than {MAX_UNPACKED_BYTES // 1_000_000} MB")
    return out

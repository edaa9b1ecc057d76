"""Module source strings, classified the way Terraform reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

DEFAULT_REGISTRY = "registry.terraform.io"
_PART = r"[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?"
_REGISTRY = re.compile(
    rf"^(?:(?P<host>[0-9A-Za-z.-]+\.[A-Za-z0-9-]+(?::\d+)?)/)?"
    rf"(?P<namespace>{_PART})/(?P<name>{_PART})/(?P<system>[0-9a-z]{{1,64}})$"
)
_ARCHIVES = (".zip", ".tar.gz", ".tgz", ".tar")
_UNSUPPORTED = ("hg::", "s3::", "gcs::", "bitbucket.org/", "oci::")


@dataclass(frozen=True)
class Registry:
    host: str
    namespace: str
    name: str
    system: str
    subdir: str = ""

    @property
    def package(self) -> str:
        return f"{self.host}/{self.namespace}/{self.name}/{self.system}"


@dataclass(frozen=True)
class Git:
    url: str
    ref: str | None = None
    subdir: str = ""


@dataclass(frozen=True)
class Archive:
    url: str
    kind: str  # "zip" | "tar"
    subdir: str = ""


@dataclass(frozen=True)
class Unsupported:
    reason: str


Source = Registry | Git | Archive | Unsupported


def split_subdir(source: str) -> tuple[str, str]:
    """`git::https://h/r.git//modules/x?ref=v1` -> (`git::https://h/r.git?ref=v1`, `modules/x`)."""
    scheme_end = source.find("://")
    start = scheme_end + 3 if scheme_end >= 0 else 0
    at = source.find("//", start)
    if at < 0:
        return source, ""
    rest = source[at + 2 :]
    subdir, query = rest.split("?", 1) if "?" in rest else (rest, "")
    package = source[:at] + (f"?{query}" if query else "")
    return package, subdir.strip("/")


def classify(source: str) -> Source:
    """What kind of remote source this is; `Unsupported` says why it cannot be fetched."""
    package, subdir = split_subdir(source.strip())
    if package.startswith(_UNSUPPORTED):
        return Unsupported(f"source type of {source!r} is not supported by --download-modules")
    if package.startswith("git::"):
        return _git(package[5:], subdir)
    if package.startswith(("github.com/", "gitlab.com/")):
        return _git("https://" + package, subdir, add_suffix=True)
    if package.startswith("git@"):
        return _git(package, subdir)
    match = _REGISTRY.match(package)
    if match:
        host = (match.group("host") or DEFAULT_REGISTRY).lower()
        return Registry(host, match["namespace"], match["name"], match["system"], subdir)
    if package.startswith(("https://", "http://")):
        return _archive(package, subdir)
    return Unsupported(f"cannot tell what kind of source {source!r} is")


def _git(url: str, subdir: str, *, add_suffix: bool = False) -> Git:
    if url.startswith("git@"):  # scp-like `git@host:org/repo.git`
        url = "ssh://" + url.replace(":", "/", 1)
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    ref = query.pop("ref", None)
    path = parts.path
    if add_suffix and not path.endswith(".git"):
        path += ".git"
    clean = urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))
    return Git(clean, ref or None, subdir)


def _archive(url: str, subdir: str) -> Source:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    declared = query.pop("archive", None)
    kind = declared or next((s for s in _ARCHIVES if parts.path.endswith(s)), None)
    if kind is None:
        return Unsupported(f"{url!r} is not an archive (.zip, .tar.gz, .tgz, .tar)")
    kind = "zip" if kind.endswith("zip") else "tar"
    clean = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    return Archive(clean, kind, subdir)

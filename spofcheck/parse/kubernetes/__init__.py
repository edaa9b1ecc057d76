"""Kubernetes manifests (plain, rendered Helm/Kustomize output, JSON) → the normalized model.

Kubernetes knowledge stays here: checks read only the normalized `Component` fields
(replicas, zones, health check, stickiness, quorum, autoscaling floor, drain budget).
The format and its contracts (component ids `Kind/namespace/name`) are documented in
docs/kubernetes.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spofcheck.files import read_head, read_regular
from spofcheck.model import Architecture, ParseError
from spofcheck.parse.kubernetes.build import build
from spofcheck.parse.kubernetes.read import MAX_BYTES, Read, looks_like_manifest, read_manifest
from spofcheck.paths import display_path

__all__ = ["is_manifest", "load_manifests"]

_SNIFF_BYTES = 4096


def is_manifest(path: Path) -> bool:
    """`apiVersion` and `kind` near the start of a YAML or JSON file (cheap, no parsing)."""
    try:
        head = read_head(path, _SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_manifest(head)


def load_manifests(
    files: Sequence[Path], *, display_root: Path, name: str, stdin: tuple[str, bytes] | None = None
) -> Architecture:
    """One model from every object in `files` (and standard input, named, when given)."""
    read = Read()
    shown: list[str] = []
    for path in sorted(files):
        file = display_path(path, display_root)
        shown.append(file)
        try:
            data = read_regular(path, MAX_BYTES)
        except OSError as exc:
            read.errors.append(ParseError(file=file, message=f"cannot read: {exc.strerror or exc}"))
            continue
        read_manifest(data, file, read)
    if stdin is not None:
        shown.append(stdin[0])
        read_manifest(stdin[1], stdin[0], read)
    return build(read, name=name, files=shown)

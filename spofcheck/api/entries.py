"""The config's `entrypoints`: name where requests enter a stack that cannot say it itself.

Terraform has no notion of a front door; spofcheck infers public load balancers and DNS
names, and a team can name them instead, per stack folder, in `.spofcheck.yaml`. The named
entry points replace the stack's own (inferred, or declared by an overlay) and count as
declared: every one must be up (docs/availability.md, section 6).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from spofcheck.config import Config
from spofcheck.errors import did_you_mean
from spofcheck.model import Architecture, ParseError
from spofcheck.parse.discover import StackInput
from spofcheck.paths import display_path

Loaded = list[tuple[StackInput, Architecture]]


def apply_entrypoints(
    loaded: Loaded, config: Config, root: Path
) -> tuple[Loaded, list[ParseError]]:
    """Each stack with the config's entry points for its folder; keys naming no folder or
    file are errors (a typo would otherwise change nothing, silently)."""
    if not config.entrypoints:
        return loaded, []
    where = display_path(config.path, root) if config.path else ".spofcheck.yaml"
    wanted = {(config.base_dir / key).resolve(): key for key in config.entrypoints}
    errors = [
        ParseError(file=where, key=f"entrypoints.{key}", message="no such folder or file")
        for path, key in sorted(wanted.items(), key=lambda kv: kv[1])
        if not path.exists()
    ]
    out = []
    for source, arch in loaded:
        key = wanted.get(source.path.resolve())
        named = arch if key is None else _named(arch, key, config.entrypoints[key], where)
        out.append((source, named))
    return out, errors


def _named(arch: Architecture, key: str, names: Sequence[str], where: str) -> Architecture:
    known = [n for n in names if n in arch.components]
    errors = [
        ParseError(
            file=where,
            key=f"entrypoints.{key}[{i}]",
            message=f"unknown component {name!r}{did_you_mean(name, arch.components)}",
        )
        for i, name in enumerate(names)
        if name not in arch.components
    ]
    note = f"{where}: entrypoints of {key} set to {sorted(set(known))} (were {arch.entrypoints})"
    return arch.model_copy(
        update={
            "entrypoints": sorted(set(known)),
            "entrypoints_declared": True,
            "errors": [*arch.errors, *errors],
            "notes": [*arch.notes, note],
        }
    )


def entrypoints_digest(digest: str | None, config: Config, source: StackInput) -> str | None:
    """A cached analysis is keyed by the stack's inputs; the config's entry points for the
    stack are an input too."""
    if digest is None or not config.entrypoints:
        return digest
    named = {
        k: v
        for k, v in config.entrypoints.items()
        if (config.base_dir / k).resolve() == source.path.resolve()
    }
    text = json.dumps(named, sort_keys=True)
    return hashlib.sha256(f"{digest}\0{text}".encode()).hexdigest()

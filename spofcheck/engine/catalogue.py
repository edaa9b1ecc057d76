"""Load the rule catalogue: the built-in `rules/` folder plus any user `--rules DIR`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

import spofcheck
from spofcheck.cache.store import open_store
from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import RuleError


def builtin_dir() -> Path:
    """Where the built-in catalogue is: inside the wheel, or `rules/` in a source checkout."""
    package = Path(spofcheck.__file__).parent
    installed = package / "catalogue"
    return installed if installed.is_dir() else package.parent / "rules"


def load_catalogue(extra_dirs: Sequence[Path] = (), *, plugins: bool = True) -> dict[str, RuleSpec]:
    """Every rule by id: built-in, then installed plugins' (`spofcheck.rules` entry
    points), then `extra_dirs`; no rule may reuse another's id."""
    from spofcheck.engine.plugins import rule_dirs

    rules: dict[str, RuleSpec] = {}
    installed = rule_dirs() if plugins else []
    for directory in [builtin_dir(), *installed, *extra_dirs]:
        if not directory.is_dir():
            raise RuleError(f"rule directory not found: {directory}")
        for spec in _load_dir(directory):
            if spec.id in rules:
                raise RuleError(f"rule id {spec.id} is defined twice", file=str(directory))
            rules[spec.id] = spec
    return dict(sorted(rules.items()))


def _load_dir(directory: Path) -> Iterable[RuleSpec]:
    for path in sorted(directory.glob("*.yaml")):
        yield load_rule_file(path)


def load_rule_file(path: Path) -> RuleSpec:
    """One rule file, validated; a bad file is a RuleError naming the file and key.

    A valid rule is cached as JSON under its content hash: reading 20 rule files with a
    pure-Python YAML parser costs a pre-commit run ~0.2 s, the cached JSON ~10 ms.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read rule: {exc.strerror}", file=str(path)) from exc
    key = hashlib.sha256(_SALT + raw).hexdigest()
    cached = _cached(key)
    if cached is not None and path.stem == cached.id:
        return cached
    spec = _parse(path, raw)
    _store(key, spec)
    return spec


def _parse(path: Path, raw: bytes) -> RuleSpec:
    try:
        data = YAML(typ="safe").load(raw.decode("utf-8"))
    except (UnicodeDecodeError, YAMLError) as exc:
        raise RuleError(f"cannot read rule: {exc}".splitlines()[0], file=str(path)) from exc
    try:
        spec = RuleSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise RuleError(first["msg"], file=str(path), key=key or None) from exc
    if path.stem != spec.id:
        raise RuleError(f"file name must be the rule id ({spec.id}.yaml)", file=str(path))
    return spec


# Bump when RuleSpec changes shape, so cached rules of an older shape are never read.
_SALT = f"spofcheck {spofcheck.__version__} rule-spec 2\0".encode()


def _cached(key: str) -> RuleSpec | None:
    store = open_store()
    payload = store.get("rules", f"{key}.json") if store else None
    try:
        return RuleSpec.model_validate_json(payload) if payload is not None else None
    except ValueError:
        return None  # missing, unverified or damaged: parse the YAML instead


def _store(key: str, spec: RuleSpec) -> None:
    """Atomic write; a cache that cannot be written is silently skipped."""
    store = open_store()
    if store is not None:
        store.put("rules", f"{key}.json", spec.model_dump_json().encode("utf-8"))

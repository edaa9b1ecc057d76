"""Load the rule catalogue: the built-in `rules/` folder plus any user `--rules DIR`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

import spofcheck
from spofcheck.engine.spec import RuleSpec
from spofcheck.errors import RuleError


def builtin_dir() -> Path:
    """Where the built-in catalogue is: inside the wheel, or `rules/` in a source checkout."""
    package = Path(spofcheck.__file__).parent
    installed = package / "catalogue"
    return installed if installed.is_dir() else package.parent / "rules"


def load_catalogue(extra_dirs: Sequence[Path] = ()) -> dict[str, RuleSpec]:
    """Every rule by id, built-in first; a user rule may not reuse a built-in id."""
    rules: dict[str, RuleSpec] = {}
    for directory in [builtin_dir(), *extra_dirs]:
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
    """One rule file, validated; a bad file is a RuleError naming the file and key."""
    try:
        data = YAML(typ="safe").load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
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

"""Input variable values: defaults, then tfvars files, then --var-file, the later winning."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from spofcheck.cache.syntax import ParseCache
from spofcheck.files import read_regular
from spofcheck.model import ParseError
from spofcheck.parse.boundary import UNLIMITED, Boundary, link_name
from spofcheck.parse.jsonload import JSONInputError, loads
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.moduleconfig import Declared
from spofcheck.parse.terraform.resources import Unknown
from spofcheck.parse.terraform.scope import ModuleValues, Scope
from spofcheck.parse.terraform.sources import read_and_parse
from spofcheck.parse.terraform.vartypes import conform
from spofcheck.paths import display_path

_MISSING = object()


def tfvars_files(folder: Path) -> list[Path]:
    """terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order."""
    fixed = [folder / "terraform.tfvars", folder / "terraform.tfvars.json"]
    try:
        auto = sorted(
            p for p in folder.iterdir() if p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))
        )
    except OSError:
        auto = []
    return [p for p in [*fixed, *auto] if p.is_file()]


def read_var_files(
    paths: Sequence[Path],
    display_root: Path,
    cache: ParseCache | None,
    boundary: Boundary = UNLIMITED,
) -> tuple[dict[str, Any], list[ParseError]]:
    """Values assigned by tfvars files, in order (later files win); a file resolving
    outside `boundary` is refused with an error naming the path as given."""
    values: dict[str, Any] = {}
    errors: list[ParseError] = []
    for path in paths:
        if not boundary.allows(path):
            shown = link_name(path, display_root)
            errors.append(ParseError(file=shown, message=boundary.refusal("variable file")))
            continue
        if path.name.endswith(".json"):
            found = _read_json(path, display_path(path, display_root), errors)
        else:
            found = _read_hcl(path, display_root, cache, errors)
        values.update(found)
    return values, errors


def _read_hcl(
    path: Path, display_root: Path, cache: ParseCache | None, errors: list[ParseError]
) -> dict[str, Any]:
    (source,) = read_and_parse([path], display_root, cache)
    if source.error is not None:
        errors.append(source.error)
    if source.syntax is None:
        return {}
    scope = Scope(ModuleValues())
    return {name: evaluate(attr[0], scope) for name, attr in source.syntax.attributes.items()}


def _read_json(path: Path, shown: str, errors: list[ParseError]) -> dict[str, Any]:
    try:
        data = loads(read_regular(path))
    except OSError as exc:
        errors.append(ParseError(file=shown, message=f"cannot read file: {exc.strerror or exc}"))
        return {}
    except JSONInputError as exc:
        errors.append(ParseError(file=shown, line=exc.line, message=exc.message))
        return {}
    if not isinstance(data, dict):
        errors.append(ParseError(file=shown, line=1, message="expected a JSON object"))
        return {}
    return data


def _not_nullable(attrs: Mapping[str, Any], empty: Scope) -> bool:
    return "nullable" in attrs and evaluate(attrs["nullable"][0], empty) is False


def variable_values(declared: Mapping[str, Declared], given: Mapping[str, Any]) -> dict[str, Any]:
    """Each declared variable's value: given, else its default, else Unknown("var.x")."""
    empty = Scope(ModuleValues())
    values: dict[str, Any] = {}
    for name, decl in declared.items():
        attrs = decl.block.attributes
        value = given.get(name, _MISSING)
        if value is None and _not_nullable(attrs, empty):
            value = _MISSING  # `nullable = false`: a null argument means the default
        if value is _MISSING and "default" in attrs:
            value = evaluate(attrs["default"][0], empty)
        if value is _MISSING:
            value = Unknown(expr=f"var.{name}")
        values[name] = conform(value, attrs["type"][0] if "type" in attrs else None)
    return values

"""Validate composed YAML against the document models, collecting every located problem.

Pydantic reports all field errors of a document in one pass. We keep those, remove each
offending value (a broken component becomes an all-defaults one) and validate again, so
one bad field never costs the rest of the document.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from spofcheck.parse.yaml_arch.located import Path, PathPart, Pos, Problem, line_of
from spofcheck.parse.yaml_arch.schema import MODEL_FIELDS, UNION_TAG_FIELDS, ArchitectureDoc

_MAX_ROUNDS = 10
_MAX_SUGGESTION_CHOICES = 1000
_DEFAULTED = ("components", "zones", "regions")
_NO_INPUT = frozenset({"dependency_target"})
_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "float_type": "expected a number",
    "bool_type": "expected true or false",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "list_type": "expected a list",
    "string_too_short": "must not be empty",
    "too_short": "must list at least one item",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be more than {gt}",
}


def validate(
    data: dict[str, Any], positions: Mapping[Path, Pos]
) -> tuple[ArchitectureDoc, list[Problem]]:
    """The document model (with bad values removed) and the problems found; `data` is mutated."""
    problems: list[Problem] = []
    for round_ in range(_MAX_ROUNDS):
        try:
            return ArchitectureDoc.model_validate(data), problems
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        located = [(_clean(err["loc"]), err) for err in errors]
        if round_ == 0:  # later rounds only see the gaps our own removals left
            problems = [_problem(path, err, positions) for path, err in located]
        for path, err in sorted(located, key=lambda pe: _sort_key(pe[0]), reverse=True):
            _prune(data, path, err)
    return ArchitectureDoc(version=1, components={}), problems


def _clean(loc: Sequence[PathPart]) -> Path:
    """The error's location as a document path: pydantic's union tags and `[key]` removed."""
    out: list[PathPart] = []
    for part in loc:
        if part == "[key]":
            continue
        if _is_tag(out, part):
            continue
        out.append(part)
    return tuple(out)


def _is_tag(before: Sequence[PathPart], part: PathPart) -> bool:
    if len(before) >= 3 and before[-2] == "depends_on" and isinstance(before[-1], int):
        return part in UNION_TAG_FIELDS["depends_on"] and before[0] == "components"
    if before and before[-1] in ("rto", "rpo") and "recovery" in before:
        return part in UNION_TAG_FIELDS[str(before[-1])]
    if len(before) == 3 and before[-1] in ("health_check", "backups"):
        return part in UNION_TAG_FIELDS[str(before[-1])]
    return False


def _sort_key(path: Path) -> tuple[tuple[int, int, str], ...]:
    return tuple((1, p, "") if isinstance(p, int) else (0, 0, p) for p in path)


def _prune(data: dict[str, Any], path: Path, err: ErrorDetails) -> None:
    """Remove the value an error is about; a missing key takes its parent with it."""
    bad_key = bool(err["loc"]) and err["loc"][-1] == "[key]"
    if err["type"] == "missing":
        if len(path) == 1:
            data[str(path[0])] = {}  # `components`, the only required key after `version`
            return
        path = path[:-1]
    parent: Any = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return  # an enclosing value was removed already
    last = path[-1]
    if isinstance(parent, dict) and last in parent:
        if len(path) == 2 and path[0] in _DEFAULTED and not bad_key:
            parent[last] = None  # keep the name so references to it still resolve
        else:
            del parent[last]
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        del parent[last]


def _problem(path: Path, err: ErrorDetails, positions: Mapping[Path, Pos]) -> Problem:
    return Problem(line_of(positions, path), _message(path, err), path)


def _message(path: Path, err: ErrorDetails) -> str:
    kind, value = err["type"], err.get("input")
    key = path[-1] if path else ""
    if kind == "extra_forbidden":
        return f"unknown key {key!r}" + _did_you_mean(str(key), _fields_at(path[:-1]))
    if kind == "missing":
        return f"missing required key {key!r}"
    if len(path) == 4 and path[2] == "ignore" and kind in ("string_type", "string_too_short"):
        return f'suppressing {key} needs a reason, e.g. `{key}: "why this is accepted"`'
    if err["loc"] and err["loc"][-1] == "[key]":
        return "names must not be empty"
    if kind in _NO_INPUT:
        return err["msg"]
    if kind == "percent_fraction":
        return f"got {show(value)}: {err['msg']}"
    template = _EXPECTED.get(kind)
    text = template.format(**err.get("ctx", {})) if template else err["msg"]
    if kind == "enum":
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        hint = _did_you_mean(value, options) if isinstance(value, str) else ""
        return f"unknown value {show(value)}{hint}; expected one of {', '.join(options)}"
    return f"{text}, got {show(value)}"


def _fields_at(path: Path) -> tuple[str, ...]:
    """The keys allowed in the mapping at `path`."""
    match path:
        case ():
            model = "architecture"
        case ("components", _):
            model = "component"
        case ("components", _, "standby" | "health_check" | "recovery" | "backups"):
            model = str(path[2])
        case ("recovery",):
            model = "recovery"
        case ("recovery", "rto" | "rpo") | ("components", _, "recovery", "rto" | "rpo"):
            model = "by_disruption"
        case ("components", _, "depends_on", int()):
            model = "dependency"
        case ("zones", _):
            model = "zone"
        case ("regions", _):
            model = "region"
        case _:
            return ()
    return MODEL_FIELDS[model]


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    options = sorted(set(choices))
    if len(options) > _MAX_SUGGESTION_CHOICES:
        return ""  # each comparison costs; thousands of errors x thousands of names would hang
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    return _did_you_mean(word, choices)


def show(value: Any) -> str:
    """A short, one-line rendering of a YAML value for messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    return repr(value)

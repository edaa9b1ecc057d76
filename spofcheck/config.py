"""Project configuration: `.spofcheck.yaml` or `[tool.spofcheck]`, found by walking up."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from spofcheck.errors import ConfigError, did_you_mean
from spofcheck.model import Severity
from spofcheck.paths import repo_root

CONFIG_NAMES = (".spofcheck.yaml", ".spofcheck.yml")


class Config(BaseModel):
    """Everything a team sets once for a repository; CLI options override it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fail_on: Severity = Severity.HIGH
    slo: float | None = Field(default=None, gt=1, le=100, description="percent")
    min_availability: float | None = Field(default=None, gt=1, le=100, description="percent")
    fail_on_incomplete: bool = False
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    rules: list[str] = Field(default_factory=list, description="extra rule folders")
    exclude: list[str] = Field(default_factory=list, description="glob patterns")
    var_files: list[str] = Field(default_factory=list)
    cache: bool = True
    download_modules: bool = False  # fetch remote module sources (docs/terraform.md)
    include_modules: bool = False  # analyze module folders nobody calls (docs/terraform.md)
    # stack folder or file (relative to this file) -> the components requests enter by
    entrypoints: dict[str, list[str]] = Field(default_factory=dict)

    # Where the file was found: relative paths in `rules`/`var_files` start here.
    base_dir: Path = Field(default=Path("."), exclude=True)
    path: Path | None = Field(default=None, exclude=True)

    @field_validator("disable")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [v.upper() for v in value]

    @field_validator("fail_on", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @field_validator("severity", mode="before")
    @classmethod
    def _lower_values(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {k: v.lower() if isinstance(v, str) else v for k, v in value.items()}

    def rule_dirs(self) -> list[Path]:
        return [self.base_dir / d for d in self.rules]

    def var_file_paths(self) -> list[Path]:
        return [self.base_dir / f for f in self.var_files]


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start`, never above the repository root.

    Outside a repository only `start`'s own folder is looked at: a file in `$HOME` or
    `/tmp` must not silently apply to every scan below it. pyproject needs [tool.spofcheck].
    """
    here = (start if start.is_dir() else start.parent).resolve()
    top = repo_root(here)
    above = [] if top is None else list(here.parents[: len(here.parents) - len(top.parents)])
    for folder in [here, *above]:
        found = _config_in(folder)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _has_tool_section(pyproject):
        return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """The configuration in `path` (defaults for None); problems are ConfigErrors in the
    user's words, naming the file and the key path."""
    if path is None:
        return Config()
    data = _read_pyproject(path) if path.name == "pyproject.toml" else _read_yaml(path)
    if data is not None and not isinstance(data, dict):
        raise ConfigError("expected a mapping of settings (key: value)", file=str(path))
    data = _percents(dict(data or {}), path)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(_message(first), file=str(path), key=key or None) from exc
    return config.model_copy(update={"base_dir": path.parent, "path": path})


PUBLIC_KEYS = tuple(name for name in Config.model_fields if name not in ("base_dir", "path"))
_EXPECTED = {
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "string_type": "expected a string",
}


def _percents(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """`slo` and `min_availability` read as the command line reads them (`99.95%` too)."""
    for key in ("slo", "min_availability"):
        if data.get(key) is not None:
            try:
                data[key] = parse_percent(data[key], key=key)
            except ConfigError as exc:
                raise ConfigError(exc.message, file=str(path), key=key) from None
    return data


def _message(error: Any) -> str:
    """A pydantic error in the user's words, with a suggestion for a misspelled key."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = PUBLIC_KEYS if len(loc) == 1 else ()
        return f"unknown key {name!r}{did_you_mean(name, known)}"
    if kind == "enum":
        choices = ", ".join(s.value for s in Severity)
        hint = did_you_mean(str(value), [s.value for s in Severity])
        return f"unknown severity {value!r}{hint}; expected one of {choices}"
    expected = _EXPECTED.get(kind)
    return f"{expected}, got {value!r}" if expected else str(error["msg"])


def _has_tool_section(path: Path) -> bool:
    try:
        return "spofcheck" in tomllib.loads(path.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _read_pyproject(path: Path) -> Any:
    try:
        return tomllib.loads(path.read_text("utf-8")).get("tool", {}).get("spofcheck", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", file=str(path)) from exc


def _read_yaml(path: Path) -> Any:
    try:
        return YAML(typ="safe").load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", file=str(path)) from exc
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(str(problem), file=str(path), line=line) from exc


def parse_percent(value: object, *, key: str) -> float:
    """A percentage as users write it (`99.95`, `"99.95%"`), checked like the YAML loader.

    Values up to 1 are refused: `--slo 0.9995` would be 0.9995 %, a target every design
    meets, so the gate could never fail.
    """
    text = str(value).strip()
    number = text.removesuffix("%").strip()
    try:
        amount = float(number)
    except ValueError:
        raise ConfigError(f"expected a percentage such as 99.95, got {text!r}", key=key) from None
    if not 0 < amount <= 100:  # also refuses nan
        raise ConfigError(f"expected a percentage above 0 and at most 100, got {text}", key=key)
    if amount <= 1:
        raise ConfigError(
            f"got {text}: percent, not a fraction? Write 99.9 for 99.9%; values up to 1 are "
            "refused",
            key=key,
        )
    return amount

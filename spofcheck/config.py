"""Project configuration: `.spofcheck.yaml` or `[tool.spofcheck]`, found by walking up."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from spofcheck.errors import ConfigError
from spofcheck.model import Severity

CONFIG_NAMES = (".spofcheck.yaml", ".spofcheck.yml")


class Config(BaseModel):
    """Everything a team sets once for a repository; CLI options override it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fail_on: Severity = Severity.HIGH
    slo: float | None = Field(default=None, gt=0, le=100, description="percent")
    min_availability: float | None = Field(default=None, gt=0, le=100, description="percent")
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    rules: list[str] = Field(default_factory=list, description="extra rule folders")
    exclude: list[str] = Field(default_factory=list, description="glob patterns")
    var_files: list[str] = Field(default_factory=list)
    cache: bool = True
    download_modules: bool = False  # fetch remote module sources (docs/terraform.md)

    # Where the file was found: relative paths in `rules`/`var_files` start here.
    base_dir: Path = Field(default=Path("."), exclude=True)
    path: Path | None = Field(default=None, exclude=True)

    @field_validator("disable")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [v.upper() for v in value]

    def rule_dirs(self) -> list[Path]:
        return [self.base_dir / d for d in self.rules]

    def var_file_paths(self) -> list[Path]:
        return [self.base_dir / f for f in self.var_files]


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start`; pyproject needs a [tool.spofcheck]."""
    here = start if start.is_dir() else start.parent
    for folder in [here.resolve(), *here.resolve().parents]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read_pyproject(path) if path.name == "pyproject.toml" else _read_yaml(path)
    try:
        config = Config.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(first["msg"], file=str(path), key=key or None) from exc
    return config.model_copy(update={"base_dir": path.parent, "path": path})


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

"""Terragrunt's own functions, for the unit being read; nothing reaches the outside world.

`run_cmd`, `get_env`, `get_aws_account_id`, `sops_decrypt_file` and the like are not
registered, so a call to them is Unknown (never executed, never read from the machine).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spofcheck.parse.terraform.functions import REGISTRY, Mode
from spofcheck.parse.terraform.functions_scalars import FunctionError
from spofcheck.parse.terraform.resources import Unknown


@dataclass(frozen=True)
class Dirs:
    """Where the unit is (`original`), which file is being read, and how to read another."""

    original: Path
    current: Path
    read_config: Callable[[Path], Any]
    include: Path | None = None


CURRENT: ContextVar[Dirs | None] = ContextVar("terragrunt_dirs", default=None)


class _Outside(Exception):
    """A Terraform file called a Terragrunt function: the value is unknown, as before."""


def _dirs() -> Dirs:
    dirs = CURRENT.get()
    if dirs is None:
        raise _Outside
    return dirs


def _guarded(fn: Callable[[Sequence[Any]], Any]) -> Callable[[Sequence[Any]], Any]:
    def call(args: Sequence[Any]) -> Any:
        try:
            return fn(args)
        except _Outside:
            return Unknown()

    return call


def _find_in_parent_folders(args: Sequence[Any]) -> Any:
    """The nearest `name` (default terragrunt.hcl) above the unit's folder, or the fallback."""
    name = str(args[0]) if args else "terragrunt.hcl"
    start = _dirs().original
    for folder in start.parents:
        candidate = folder / name
        if candidate.is_file():
            return candidate.as_posix()
    if len(args) > 1:
        return args[1]
    raise FunctionError(f"no {name} above {start}")


def _read_terragrunt_config(args: Sequence[Any]) -> Any:
    dirs = _dirs()
    path = Path(str(args[0]))
    path = path if path.is_absolute() else dirs.original / path
    if not path.is_file():
        if len(args) > 1:
            return args[1]
        raise FunctionError(f"{path} not found")
    return dirs.read_config(path)


def _relative_to_include(_args: Sequence[Any]) -> Any:
    dirs = _dirs()
    if dirs.include is None:
        return "."
    return Path(os.path.relpath(dirs.original, dirs.include.parent)).as_posix()


def _relative_from_include(_args: Sequence[Any]) -> Any:
    dirs = _dirs()
    if dirs.include is None:
        return "."
    return Path(os.path.relpath(dirs.include.parent, dirs.original)).as_posix()


_FUNCTIONS: dict[str, Callable[[Sequence[Any]], Any]] = {
    "find_in_parent_folders": _find_in_parent_folders,
    "read_terragrunt_config": _read_terragrunt_config,
    "get_terragrunt_dir": lambda _a: _dirs().original.as_posix(),
    "get_original_terragrunt_dir": lambda _a: _dirs().original.as_posix(),
    "get_parent_terragrunt_dir": lambda _a: _dirs().current.parent.as_posix(),
    "path_relative_to_include": _relative_to_include,
    "path_relative_from_include": _relative_from_include,
    "get_terraform_command": lambda _a: Unknown(expr="get_terraform_command()"),
}


def install() -> None:
    """Make the functions callable (they fail outside a Terragrunt read; idempotent)."""
    for name, fn in _FUNCTIONS.items():
        REGISTRY.setdefault(name, (_guarded(fn), Mode.STRICT))

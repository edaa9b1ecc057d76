"""Helpers for the loader tests: load a fixture folder from fixtures/loader/."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spofcheck.cache.syntax import ParseCache
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.resources import LoadResult, Resource

LOADER = Path(__file__).resolve().parents[2] / "fixtures" / "loader"


def load(
    case: str, *, var_files: Sequence[str] = (), cache: ParseCache | None = None
) -> LoadResult:
    """Load fixtures/loader/<case> with paths shown relative to fixtures/loader."""
    folder = LOADER / case
    return load_module(
        folder, display_root=LOADER, var_files=[folder / v for v in var_files], cache=cache
    )


def resource(result: LoadResult, address: str) -> Resource:
    found = result.by_address()
    assert address in found, f"{address} not in {sorted(found)}"
    return found[address]


def attrs(result: LoadResult, address: str, key: int | str | None = None) -> dict[str, object]:
    """The attributes of one instance (by key) of a resource."""
    for instance in resource(result, address).instances:
        if instance.key == key:
            return dict(instance.attributes)
    raise AssertionError(f"{address} has no instance {key!r}")

"""A Terragrunt unit as a stack: its `terraform.source` module loaded with `inputs`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from spofcheck.model import Architecture, Location
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.terraform.resources import LoadResult, OpaqueModule, Unknown, is_known
from spofcheck.parse.terragrunt import functions
from spofcheck.parse.terragrunt.config import Reader
from spofcheck.paths import display_path

if TYPE_CHECKING:
    from spofcheck.cache.syntax import ParseCache
    from spofcheck.parse.terraform.download.fetch import ModuleFetcher

UNIT_FILE = "terragrunt.hcl"
NOT_FETCHED = (
    "remote Terragrunt source not downloaded (scan with `--download-modules`, or point "
    "`terraform.source` at a local folder)"
)


def load_unit(
    unit: Path,
    *,
    display_root: Path,
    var_files: Sequence[Path] = (),
    cache: ParseCache | None = None,
    fetcher: ModuleFetcher | None = None,
    boundary: Boundary = UNLIMITED,
) -> Architecture:
    """The unit's architecture: its module with `inputs` as variables (tfvars still win)."""
    from spofcheck.parse.terraform.assemble import assemble
    from spofcheck.parse.terraform.module import load_module

    functions.install()
    reader = Reader(unit.resolve(), display_root, boundary=boundary)
    config = reader.read(unit / UNIT_FILE)
    shown = display_path(unit, display_root)
    source = config.get("terraform", {}).get("source")
    inputs = config.get("inputs")
    if inputs is not None and not isinstance(inputs, (dict, Unknown)):
        inputs = {}  # not an object: Terragrunt rejects it; nothing to set
    folder, why = _module_folder(unit, source, fetcher)
    if folder is None:
        result = LoadResult()
        where = Location(file=display_path(unit / UNIT_FILE, display_root))
        address = f"terragrunt:{shown}"
        result.opaque_modules.append(OpaqueModule(address, str(source), where, why))
    else:
        result = load_module(
            folder,
            display_root=display_root,
            var_files=var_files,
            cache=cache,
            fetcher=fetcher,
            inputs=inputs,
            boundary=boundary,
        )
    result.errors[:0] = reader.errors
    result.files = sorted({*result.files, *reader.files})
    return assemble(result, name=unit.name, root=shown)


def local_source(unit: Path) -> Path | None:
    """The local folder `terraform.source` names (None: remote, absent or unknown)."""
    functions.install()
    config = Reader(unit.resolve(), unit).read(unit / UNIT_FILE)
    source = config.get("terraform", {}).get("source")
    if source is None or not isinstance(source, str) or not is_known(source):
        return None
    folder, _ = _module_folder(unit, source, None)
    return folder


def _module_folder(
    unit: Path, source: Any, fetcher: ModuleFetcher | None
) -> tuple[Path | None, str]:
    if source is None:
        return unit, ""  # no source: the .tf files next to terragrunt.hcl
    if not isinstance(source, str) or not is_known(source):
        return None, "terraform.source could not be evaluated"
    if source.startswith(("./", "../", "/")) or source in (".", ".."):
        folder = (unit / source.replace("//", "/")).resolve()
        return (folder, "") if folder.is_dir() else (None, f"source folder {source!r} not found")
    if fetcher is None:
        return None, NOT_FETCHED
    address, version = _registry(source)
    fetched = fetcher.fetch(address, version)
    return fetched.folder, fetched.reason or "download failed"


def _registry(source: str) -> tuple[str, str | None]:
    """`tfr:///ns/name/system?version=1.2.0` -> the registry address and its version."""
    if not source.startswith("tfr://"):
        return source, None
    parts = urlsplit(source)
    query: Mapping[str, str] = dict(parse_qsl(parts.query))
    host = parts.netloc or "registry.terraform.io"
    return f"{host}{parts.path}", query.get("version")

"""Turn one discovered stack into an Architecture, whatever its source format."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spofcheck.errors import SpofcheckError
from spofcheck.model import Architecture, ParseError
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.discover import StackInput, StackKind
from spofcheck.paths import display_path

if TYPE_CHECKING:
    from spofcheck.parse.terraform.download.fetch import ModuleFetcher


def load_stack(
    stack: StackInput,
    *,
    root: Path,
    var_files: Sequence[Path] = (),
    use_cache: bool = True,
    boundary: Boundary = UNLIMITED,
    download_modules: bool = False,
) -> Architecture:
    """The stack's model; any problem ends up in `Architecture.errors`, never raised."""
    rel = stack.stdin[0] if stack.stdin is not None else display_path(stack.path, root)
    try:
        arch = _load(stack, root, var_files, use_cache, boundary, download_modules)
    except SpofcheckError as exc:
        return Architecture(root=rel, errors=[_as_error(exc, rel)])
    except RecursionError:
        return Architecture(
            root=rel, errors=[ParseError(file=rel, message="input nested too deeply")]
        )
    return arch.model_copy(update={"root": rel})


def _load(  # noqa: PLR0917 - one call site, every argument named there
    stack: StackInput,
    root: Path,
    var_files: Sequence[Path],
    use_cache: bool,
    boundary: Boundary,
    download: bool,
) -> Architecture:
    if stack.kind is StackKind.KUBERNETES:
        from spofcheck.parse.kubernetes import load_manifests

        name = stack.path.name if stack.stdin is None else stack.stdin[0]
        return load_manifests(stack.files, display_root=root, name=name, stdin=stack.stdin)
    if stack.kind is StackKind.YAML:
        from spofcheck.parse.yaml_arch import load_yaml_architecture

        return load_yaml_architecture(stack.path, display_root=root)
    from spofcheck.parse.terraform.assemble import assemble

    if stack.kind is StackKind.PLAN:
        from spofcheck.parse.terraform.plan import load_plan

        result = load_plan(stack.path, display_root=root)
        return assemble(result, name=stack.path.stem, root=display_path(stack.path, root))
    from spofcheck.cache.syntax import default_cache
    from spofcheck.parse.terraform.module import load_module

    cache = default_cache() if use_cache else None
    fetcher = _fetcher() if download else None
    if stack.kind is StackKind.TERRAGRUNT:
        from spofcheck.parse.terragrunt.unit import load_unit

        unit = load_unit(
            stack.path,
            display_root=root,
            var_files=var_files,
            cache=cache,
            fetcher=fetcher,
            boundary=boundary,
        )
        return unit.model_copy(update={"root": display_path(stack.path, root)})
    result = load_module(
        stack.path,
        display_root=root,
        var_files=var_files,
        cache=cache,
        boundary=boundary,
        fetcher=fetcher,
    )
    arch = assemble(result, name=stack.path.name, root=display_path(stack.path, root))
    return _overlay(arch, stack.overlays, root)


def _fetcher() -> ModuleFetcher:
    from spofcheck.parse.terraform.download.fetch import ModuleFetcher

    return ModuleFetcher()


def _overlay(arch: Architecture, overlays: Sequence[Path], root: Path) -> Architecture:
    from spofcheck.parse.yaml_arch import merge_overlay

    for overlay in overlays:
        arch = merge_overlay(arch, overlay, display_root=root)
    return arch


def _as_error(exc: SpofcheckError, rel: str) -> ParseError:
    return ParseError(file=exc.file or rel, line=exc.line, message=exc.message, key=exc.key)

"""Load a Terraform root module folder (and the modules it calls) into `Resource` records.

See docs/terraform.md for what is evaluated and what becomes Unknown.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spofcheck.cache.syntax import ParseCache
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.terraform.context import Context
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.gcpause import gc_paused
from spofcheck.parse.terraform.installed import NOT_INSTALLED, installed_modules, literal
from spofcheck.parse.terraform.instances import evaluate_body
from spofcheck.parse.terraform.moduleconfig import Declared, ModuleConfig, build_config
from spofcheck.parse.terraform.moduleeval import ModuleEvaluation, located_error, provider_name
from spofcheck.parse.terraform.resources import LoadResult, OpaqueModule, Resource, Unknown
from spofcheck.parse.terraform.scope import ModuleValues, Scope
from spofcheck.parse.terraform.sources import (
    SourceFile,
    module_files,
    module_folders,
    read_and_parse,
    shown_path,
)
from spofcheck.parse.terraform.syntax import OBJECT
from spofcheck.parse.terraform.values import Budget, InstanceKey, finalize
from spofcheck.parse.terraform.variables import read_var_files, tfvars_files, variable_values
from spofcheck.paths import display_path

if TYPE_CHECKING:
    from spofcheck.parse.terraform.download.fetch import ModuleFetcher

# Deeper module nesting than this is reported instead of loaded (recursion guard).
MAX_MODULE_DEPTH = 16


def load_module(
    module_dir: Path,
    *,
    display_root: Path,
    var_files: Sequence[Path] = (),
    cache: ParseCache | None = None,
    boundary: Boundary = UNLIMITED,
    fetcher: ModuleFetcher | None = None,
    inputs: Mapping[str, Any] | Unknown | None = None,
) -> LoadResult:
    """Every resource of the root module in `module_dir` and of the local modules it calls.

    Remote module sources are read from `.terraform/modules` (after `terraform init`), or
    downloaded by `fetcher` (`--download-modules`); otherwise they stay opaque.
    `inputs` (Terragrunt's) set variables below tfvars files, as `TF_VAR_` would; unknown
    `inputs` make every variable unknown.
    Never raises for bad input: problems are `LoadResult.errors`, located by file and line.
    Nothing resolving outside `boundary` is read (spofcheck/parse/boundary.py).
    """
    with gc_paused():
        loader = Loader(module_dir, display_root, cache, boundary, fetcher)
        loader.prefetch()
        root = Context(loader.config(module_dir))
        root.own_providers = _provider_names(root.config)
        tfvars = [*tfvars_files(module_dir), *var_files]
        given, errors = read_var_files(tfvars, display_root, cache, boundary)
        if inputs is not None and not isinstance(inputs, Mapping):
            # Terragrunt `inputs` known only at apply time: any variable may be set by them,
            # so none falls back to its default (a default would be a guess)
            inputs = {name: Unknown(expr=f"inputs.{name}") for name in root.config.variables}
        given = {**(inputs or {}), **given}
        loader.result.errors.extend(errors)
        loader.files.update(display_path(p, display_root) for p in tfvars if boundary.allows(p))
        loader.evaluate_module(root, given, None, False)
        return loader.finish()


class Loader:
    """State of one `load_module` call: parsed folders, contexts, and what was collected."""

    def __init__(
        self,
        root_dir: Path,
        display_root: Path,
        cache: ParseCache | None,
        boundary: Boundary = UNLIMITED,
        fetcher: ModuleFetcher | None = None,
    ) -> None:
        self.root_dir = root_dir
        self.fetcher = fetcher
        if fetcher is not None:  # downloaded modules are read from the tool's own store
            from spofcheck.parse.terraform.download.store import store_root

            boundary = boundary.including(store_root())
        self.display_root = display_root
        self.cache = cache
        self.boundary = boundary
        self.configs: dict[Path, ModuleConfig] = {}
        self.result = LoadResult()
        self.resources: dict[str, Resource] = {}
        self.files: set[str] = set()
        self.installed = installed_modules(root_dir, boundary)
        self.sources: dict[tuple[Path, str], Path | None] = {}  # (caller folder, source)
        self.paths: dict[Path, dict[str, str]] = {}
        self.prefetched: dict[Path, tuple[list[SourceFile], list[Path]]] = {}
        self.budget = Budget()
        self.reported: set[tuple[tuple[str, int], str]] = set()

    def prefetch(self) -> None:
        """Parse every folder the root probably loads in one batch, so a process pool gets
        all the files at once instead of one module folder at a time."""
        roots = [_resolved(p) for p in self.installed.values()]
        folders = module_folders(_resolved(self.root_dir), roots, self.boundary)
        listing = {folder: module_files(folder) for folder in folders}
        paths = [path for folder in folders for path in listing[folder][0]]
        parsed = iter(read_and_parse(paths, self.display_root, self.cache, self.boundary))
        for folder in folders:
            files, overrides = listing[folder]
            self.prefetched[folder] = ([next(parsed) for _ in files], overrides)

    def config(self, folder: Path) -> ModuleConfig:
        if folder in self.configs:  # already resolved (module sources are)
            return self.configs[folder]
        key = _resolved(folder)
        if key not in self.configs:
            if key in self.prefetched:
                sources, overrides = self.prefetched.pop(key)
            else:
                paths, overrides = module_files(key)
                sources = read_and_parse(paths, self.display_root, self.cache, self.boundary)
            self.configs[key] = self._store(key, sources, overrides)
        return self.configs[key]

    def _store(self, key: Path, sources: list[SourceFile], overrides: list[Path]) -> ModuleConfig:
        config = build_config(key, sources)
        self.files.update(config.files)
        self.result.errors.extend(config.errors)
        for path in overrides:
            shown = shown_path(path, self.display_root)
            self.result.notes.append(f"{shown}: override files are not applied (skipped)")
        return config

    def evaluate_module(
        self,
        ctx: Context,
        inputs: dict[str, Any],
        key_prefix: InstanceKey,
        unknown_count: bool,
        *,
        switched: bool = False,
    ) -> dict[str, Any]:
        """One instance of a module's outputs (`switched`: under an on/off module count)."""
        variables = variable_values(ctx.config.variables, inputs)
        evaluation = ModuleEvaluation(
            self, ctx, variables, key_prefix, unknown_count, switched=switched
        )
        return evaluation.run()

    def path_values(self, ctx: Context) -> dict[str, str]:
        folder = ctx.config.folder
        if folder not in self.paths:
            relative = os.path.relpath(folder, _resolved(self.root_dir))
            cwd = _resolved(self.root_dir).as_posix()  # terraform runs in the root module
            self.paths[folder] = {"module": Path(relative).as_posix(), "root": ".", "cwd": cwd}
        return dict(self.paths[folder])

    def error(self, where: tuple[str, int], message: str) -> None:
        """Report once, however many module instances run into the same declaration."""
        if (where, message) not in self.reported:
            self.reported.add((where, message))
            self.result.errors.append(located_error(where, message))

    def add_resource(self, resource: Resource) -> None:
        """Merge instances of the same address coming from several module instances."""
        known = self.resources.get(resource.address)
        if known is not None:
            resource = dataclasses.replace(
                known,
                instances=known.instances + resource.instances,
                count_unknown=known.count_unknown or resource.count_unknown,
                module_switched=known.module_switched or resource.module_switched,
                references=known.references | resource.references,
            )
        self.resources[resource.address] = resource

    def add_providers(self, ctx: Context, values: ModuleValues) -> None:
        for decl in ctx.config.providers:
            attrs = finalize(evaluate_body(decl.block, Scope(values)))
            alias = attrs.get("alias")
            name = decl.block.labels[0] + (f".{alias}" if isinstance(alias, str) else "")
            self.result.providers.setdefault(ctx.address(name) if ctx.parent else name, attrs)

    def child_context(self, ctx: Context, name: str, decl: Declared) -> Context | None:
        if name not in ctx.children:
            ctx.children[name] = self._open_child(ctx, name, decl)
        return ctx.children[name]

    def _open_child(self, ctx: Context, name: str, decl: Declared) -> Context | None:
        where = (decl.file, decl.block.line)
        source_attr = decl.block.attributes.get("source")
        source = evaluate(source_attr[0], Scope(ModuleValues())) if source_attr else None
        if not isinstance(source, str):
            self.error(where, f'module "{name}": `source` must be a literal string')
            return None
        if len(ctx.path) >= MAX_MODULE_DEPTH:
            self.error(where, f'module "{name}": modules nested more than {MAX_MODULE_DEPTH} deep')
            return None
        folder = self._module_folder(ctx, name, source, decl)
        if folder is None:
            return None
        if folder in ctx.ancestors or folder == ctx.config.folder:
            self.error(where, f'module "{name}": source "{source}" calls itself (module loop)')
            return None
        return self._make_child(ctx, name, decl, folder)

    def _module_folder(self, ctx: Context, name: str, source: str, decl: Declared) -> Path | None:
        where = (decl.file, decl.block.line)
        if source.startswith(("./", "../")) or source in (".", ".."):
            folder = self._local_folder(ctx.config.folder, source)
            if folder is None:
                self.error(where, f'module "{name}": source folder "{source}" not found')
            elif not self.boundary.allows(folder):
                refusal = self.boundary.refusal("module source")
                self.error(where, f'module "{name}": source "{source}" {refusal}')
                folder = None
            return folder
        installed = self.installed.get(".".join((*ctx.path, name)))
        if installed is not None and installed.is_dir():
            return _resolved(installed)
        version = literal(decl, "version")
        if self.fetcher is None:
            self._opaque(ctx, name, source, decl, (version, NOT_INSTALLED))
            return None
        fetched = self.fetcher.fetch(source, version)
        if fetched.folder is None:
            reason = fetched.reason or "download failed"
            self._opaque(ctx, name, source, decl, (version, reason))
            return None
        return _resolved(fetched.folder)

    def _local_folder(self, caller: Path, source: str) -> Path | None:
        if (caller, source) not in self.sources:
            try:
                folder: Path | None = (caller / source).resolve(strict=True)
                folder = folder if folder and folder.is_dir() else None
            except (OSError, RuntimeError, ValueError):  # ValueError: a NUL in the source
                folder = None
            self.sources[(caller, source)] = folder
        return self.sources[(caller, source)]

    def _opaque(
        self, ctx: Context, name: str, source: str, decl: Declared, why: tuple[str | None, str]
    ) -> None:
        address = ctx.address(f"module.{name}")
        if any(m.address == address for m in self.result.opaque_modules):
            return
        version, reason = why
        opaque = OpaqueModule(address, source, decl.location, reason, version)
        self.result.opaque_modules.append(opaque)  # reported by coverage, not as a note

    def _make_child(self, ctx: Context, name: str, decl: Declared, folder: Path) -> Context:
        config = self.config(folder)
        child = Context(
            config=config,
            prefix=ctx.address(f"module.{name}."),
            path=(*ctx.path, name),
            parent=ctx,
            call=decl.block,
            ancestors=(*ctx.ancestors, ctx.config.folder),
            provider_map=_provider_map(ctx, decl),
            own_providers=_provider_names(config),
        )
        return child

    def finish(self) -> LoadResult:
        result = self.result
        if self.budget.exhausted:
            result.notes.append(
                "evaluation stopped early (more than 1,000,000 for-expression iterations or "
                "instances): the values and counts computed after that are unknown"
            )
        result.resources = [self.resources[a] for a in sorted(self.resources)]
        result.errors.sort(key=lambda e: (e.file, e.line or 0, e.message))
        result.files = sorted(self.files)
        result.opaque_modules.sort(key=lambda m: m.address)
        result.providers = dict(sorted(result.providers.items()))
        return result


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop: keep the name given
        return folder.absolute()


def _provider_names(config: ModuleConfig) -> frozenset[str]:
    names = set()
    for decl in config.providers:
        alias = decl.block.attributes.get("alias")
        suffix = f".{alias[0][1]}" if alias and isinstance(alias[0][1], str) else ""
        names.add(decl.block.labels[0] + suffix)
    return frozenset(names)


def _provider_map(ctx: Context, decl: Declared) -> dict[str, str]:
    """`providers = { aws = aws.west }` on a module call: child name -> caller's config."""
    attr = decl.block.attributes.get("providers")
    if attr is None or attr[0][0] != OBJECT:
        return {}
    mapping = {}
    for key, value in attr[0][1]:
        child_name = provider_name((key, 0, ()))
        caller_name = provider_name((value, 0, ()))
        if child_name and caller_name:
            mapping[child_name] = ctx.resolve_provider(caller_name)
    return mapping

"""Load many stacks: stored models first, the rest on several cores, whole stacks each.

A monorepo is many small root stacks; the Terraform loader's own process pool only
starts for one folder with many large files, so it never does there. Here whole stacks
(parse, evaluate, adapt) are spread over one process per core. Measured on a generated
5,000-resource monorepo (63 stacks, benchmarks/scan.py) on 2 cores: see
docs/performance.md. Results come back in input order, so output stays deterministic.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from spofcheck.cache import stacks as stackcache
from spofcheck.model import Architecture
from spofcheck.parse.boundary import UNLIMITED, Boundary
from spofcheck.parse.discover import StackInput, StackKind
from spofcheck.parse.load import load_stack
from spofcheck.parse.pool import run_in_pool

# Starting a worker (fork, or a fresh interpreter where fork is unavailable) costs
# 0.05-0.5 s: below this many stacks the serial loop is as fast.
PARALLEL_MIN_STACKS = 4
# Each worker holds one stack's syntax and model at a time (~60-90 MB resident with
# the interpreter): more than this many would cost memory without a matching gain.
MAX_WORKERS = 4


def load_all(
    stacks: Sequence[StackInput],
    *,
    root: Path,
    var_files: Sequence[Path] = (),
    use_cache: bool = True,
    boundary: Boundary = UNLIMITED,
) -> list[Architecture]:
    """`load_stack` for every stack, in order: models stored by an earlier scan of the same
    inputs first (cache/stacks.py), the others in worker processes when it pays off."""
    return load_all_keyed(
        stacks, root=root, var_files=var_files, use_cache=use_cache, boundary=boundary
    )[0]


def load_all_keyed(
    stacks: Sequence[StackInput],
    *,
    root: Path,
    var_files: Sequence[Path] = (),
    use_cache: bool = True,
    boundary: Boundary = UNLIMITED,
    download_modules: bool = False,
) -> tuple[list[Architecture], list[stackcache.StackKey | None]]:
    """`load_all`, with each stack's cache key (None where a stack is not cacheable), so
    later stages can cache what they derive from the model under the same key.
    Downloading modules changes the model without changing the key: nothing is cached."""
    cached = use_cache and not download_modules
    keys: list[stackcache.StackKey | None] = (
        list(stackcache.stack_keys(stacks, root, var_files)) if cached else [None] * len(stacks)
    )
    models = [stackcache.get(key) if key else None for key in keys]
    todo = [i for i, model in enumerate(models) if model is None]
    load = functools.partial(
        load_stack,
        root=root,
        var_files=tuple(var_files),
        use_cache=use_cache,
        download_modules=download_modules,
        boundary=boundary,
    )
    fresh = _load_many([stacks[i] for i in todo], load)
    for i, arch in zip(todo, fresh, strict=True):
        models[i] = arch
        key = keys[i]
        if key is not None and not stackcache.put(key, arch):
            keys[i] = None  # not stored: nothing derived from it may be stored either
    return [model for model in models if model is not None], keys


def _load_many(
    stacks: Sequence[StackInput], load: functools.partial[Architecture]
) -> list[Architecture]:
    workers = min(_cores(), len(stacks), MAX_WORKERS)
    if workers >= 2 and len(stacks) >= PARALLEL_MIN_STACKS:
        loaded = _in_pool(load, stacks, workers)
        if loaded is not None:
            return loaded
    return [load(stack) for stack in stacks]


def _in_pool(
    load: functools.partial[Architecture], stacks: Sequence[StackInput], workers: int
) -> list[Architecture] | None:
    """None when the platform refuses to start processes: the caller loads serially."""
    _preload(stacks)
    return run_in_pool(load, [(stack,) for stack in stacks], workers)


def _preload(stacks: Sequence[StackInput]) -> None:
    """Import the loaders, read the availability catalogue and build (or load) the HCL
    grammar once, before the workers fork, so that each worker does not redo it: on an
    empty cache every worker compiled the grammar (~2.7 s of CPU apiece)."""
    from spofcheck.availability.sla import entries

    entries()
    if any(s.kind is not StackKind.YAML for s in stacks):
        import spofcheck.parse.terraform.assemble
        import spofcheck.parse.terraform.module
        from spofcheck.parse.terraform.grammar import parser

        parser()
    if any(s.kind is StackKind.YAML or s.overlays for s in stacks):
        import spofcheck.parse.yaml_arch  # noqa: F401


def _cores() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1

"""Where a module sits in the tree: its config, address prefix, caller, providers; and the
static reference resolution that follows locals, variables and outputs across modules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spofcheck.parse.terraform.moduleconfig import ModuleConfig, block_traversals
from spofcheck.parse.terraform.syntax import Block, Traversal


@dataclass(eq=False)
class Context:
    """One module in the call tree (shared by all instances of a counted module call)."""

    config: ModuleConfig
    prefix: str = ""  # "module.db." ("" at the root)
    path: tuple[str, ...] = ()  # ("db",)
    parent: Context | None = None
    call: Block | None = None  # the `module` block in the parent that loads this one
    provider_map: dict[str, str] = field(default_factory=dict)  # our name -> caller's config
    ancestors: tuple[Path, ...] = ()  # folders of the callers, to refuse recursion
    children: dict[str, Context | None] = field(default_factory=dict)  # None: not loaded
    own_providers: frozenset[str] = frozenset()

    def address(self, local: str) -> str:
        return f"{self.prefix}{local}"

    def resolve_provider(self, name: str) -> str:
        """The provider configuration `name` means here, as keyed in LoadResult.providers."""
        if name in self.provider_map:
            return self.provider_map[name]
        if self.parent is None:
            return name
        if name in self.own_providers:
            return self.address(name)
        return self.parent.resolve_provider(name)


def resolve_references(ctx: Context, traversals: Iterable[Traversal]) -> frozenset[str]:
    """Resource addresses the traversals lead to, through local.*, var.* (into the caller's
    argument) and module.X.out (into the output's expression); a worklist, no recursion."""
    found: set[str] = set()
    seen: set[tuple[int, Traversal]] = set()
    work = [(ctx, t) for t in traversals]
    while work:
        here, trav = work.pop()
        if (id(here), trav) in seen:
            continue
        seen.add((id(here), trav))
        work.extend(_step(here, trav, found))
    return frozenset(found)


def _step(ctx: Context, trav: Traversal, found: set[str]) -> list[tuple[Context, Traversal]]:
    root = trav[0]
    config = ctx.config
    if len(trav) < 2:
        return []
    if root == "local":
        local = config.locals.get(trav[1])
        return [(ctx, t) for t in local.attribute[2]] if local else []
    if root == "var":
        return _caller_argument(ctx, trav[1])
    if root == "module":
        return _module_output(ctx, trav, found)
    if root == "data":
        address = f"data.{trav[1]}.{trav[2]}" if len(trav) > 2 else ""
    else:
        address = f"{trav[0]}.{trav[1]}"
    if address in config.resources:
        found.add(ctx.address(address))
    return []


def _caller_argument(ctx: Context, name: str) -> list[tuple[Context, Traversal]]:
    if ctx.parent is None or ctx.call is None or name not in ctx.call.attributes:
        return []
    return [(ctx.parent, t) for t in ctx.call.attributes[name][2]]


def _module_output(
    ctx: Context, trav: Traversal, found: set[str]
) -> list[tuple[Context, Traversal]]:
    name = trav[1]
    if name not in ctx.config.modules:
        return []
    child = ctx.children.get(name)
    if child is None:  # opaque or missing: the module call itself is what we depend on
        found.add(ctx.address(f"module.{name}"))
        return []
    outputs = [trav[2]] if len(trav) > 2 else sorted(child.config.outputs)
    work: list[tuple[Context, Traversal]] = []
    for output in outputs:
        declared = child.config.outputs.get(output)
        if declared is not None:
            refs = child.config.references.get(f"output.{output}")
            work.extend((child, t) for t in sorted(refs or block_traversals(declared.block)))
    return work

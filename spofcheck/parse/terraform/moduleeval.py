"""Evaluate one module instance: locals, resources, module calls and outputs in dependency
order (cycles reported), producing `Resource` records and the outputs its caller sees."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from spofcheck.model import ParseError
from spofcheck.parse.terraform import syntax as s
from spofcheck.parse.terraform.context import Context, resolve_references
from spofcheck.parse.terraform.countswitch import CountSwitch, switched_expansion
from spofcheck.parse.terraform.evaluate import evaluate
from spofcheck.parse.terraform.instances import (
    RESOURCE_META,
    Expansion,
    evaluate_body,
    expand,
    within_budget,
)
from spofcheck.parse.terraform.moduleconfig import Declared, ModuleConfig, block_traversals
from spofcheck.parse.terraform.order import evaluation_order, is_cycle
from spofcheck.parse.terraform.resources import Instance, Resource, Unknown
from spofcheck.parse.terraform.scope import ModuleValues, Scope
from spofcheck.parse.terraform.syntax import Traversal
from spofcheck.parse.terraform.values import (
    MAX_STACK_INSTANCES,
    InstanceKey,
    InstanceView,
    PendingView,
    compose_key,
    finalize,
    unknown_from,
)

if TYPE_CHECKING:
    from spofcheck.parse.terraform.module import Loader

MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


def node_of(trav: Traversal, config: ModuleConfig) -> str | None:
    """The declaration a reference points to, as a node id ("local.x", "res:aws_y.z", ...)."""
    if len(trav) < 2:
        return None
    root = trav[0]
    if root == "local":
        return f"local.{trav[1]}" if trav[1] in config.locals else None
    if root == "module":
        return f"module.{trav[1]}" if trav[1] in config.modules else None
    address = (
        f"data.{trav[1]}.{trav[2]}" if root == "data" and len(trav) > 2 else ".".join(trav[:2])
    )
    return f"res:{address}" if address in config.resources else None


def prepare(config: ModuleConfig) -> list[list[str]]:
    """The module's dependency graph and evaluation order, computed once per folder."""
    if config.order is not None:
        return config.order
    refs = config.references
    for name, local in config.locals.items():
        refs[f"local.{name}"] = set(local.attribute[2])
    for address, decl in config.resources.items():
        refs[f"res:{address}"] = block_traversals(decl.block)
    for name, decl in config.modules.items():
        refs[f"module.{name}"] = block_traversals(decl.block)
    for name, decl in config.outputs.items():
        refs[f"output.{name}"] = block_traversals(decl.block)
    for node, travs in refs.items():
        config.graph[node] = {d for d in (node_of(t, config) for t in travs) if d is not None}
    _drop_self_depends_on(config)
    config.order = evaluation_order(config.graph)
    return config.order


def _drop_self_depends_on(config: ModuleConfig) -> None:
    """`depends_on = [itself]` orders nothing: Terraform accepts it, so it is no cycle.
    A self-reference in any other argument stays one (Terraform refuses those)."""
    for table, prefix in ((config.resources, "res:"), (config.modules, "module.")):
        for name, decl in table.items():
            node = f"{prefix}{name}"
            if node not in config.graph.get(node, set()):
                continue
            others = block_traversals(decl.block, skip=frozenset({"depends_on"}))
            if node not in {node_of(t, config) for t in others}:
                config.graph[node].discard(node)


class ModuleEvaluation:
    """One instance of one module: `run()` returns its outputs (internal values)."""

    def __init__(
        self,
        loader: Loader,
        ctx: Context,
        variables: dict[str, Any],
        key_prefix: InstanceKey,
        unknown_count: bool,
        *,
        switched: bool = False,
    ) -> None:
        self.loader = loader
        self.ctx = ctx
        self.key_prefix = key_prefix
        self.unknown_count = unknown_count
        self.switched = switched  # under a module call's on/off count
        self.values = ModuleValues(
            variables=variables, path=loader.path_values(ctx), budget=loader.budget
        )
        self.outputs: dict[str, Any] = {}
        for address in ctx.config.resources:
            self._place(address, PendingView(ctx.address(address)))

    def run(self) -> dict[str, Any]:
        config = self.ctx.config
        for component in prepare(config):
            if is_cycle(component, config.graph):
                self._cycle(component)
            else:
                self._guarded(component[0])
        self.loader.add_providers(self.ctx, self.values)
        return self.outputs

    def _guarded(self, node: str) -> None:
        kind, name = _split(node)
        try:
            {
                "local": self._local,
                "res": self._resource,
                "module": self._module,
                "output": self._output,
            }[kind](name)
        except RecursionError:
            self.loader.error(self._where(kind, name), "too deeply nested to evaluate")

    def _cycle(self, component: list[str]) -> None:
        """Declarations that refer to each other: Terraform refuses them, so each is an
        error and cyclic locals stay unknown. A module call in the loop is not proof of
        a cycle (Terraform links its inputs and outputs one by one): no error then."""
        certain = not any(node.startswith("module.") for node in component)
        members = ", ".join(node.replace("res:", "") for node in component)
        for node in component:
            kind, name = _split(node)
            if kind == "local":
                self.values.locals[name] = Unknown(expr=f"local.{name}")
            if certain:
                label = node.replace("res:", "")
                message = f"{label} is part of a reference cycle ({members})"
                self.loader.error(self._where(kind, name), message)
        for node in component:
            if not (certain and node.startswith("local.")):
                self._guarded(node)

    def _where(self, kind: str, name: str) -> tuple[str, int]:
        config = self.ctx.config
        if kind == "local":
            return config.locals[name].file, config.locals[name].attribute[1]
        table = {"res": config.resources, "module": config.modules, "output": config.outputs}
        decl = table[kind][name]
        return decl.file, decl.block.line

    def _local(self, name: str) -> None:
        expr = self.ctx.config.locals[name].attribute[0]
        self.values.locals[name] = evaluate(expr, Scope(self.values))

    def _output(self, name: str) -> None:
        attrs = self.ctx.config.outputs[name].block.attributes
        if "value" in attrs:
            self.outputs[name] = evaluate(attrs["value"][0], Scope(self.values))

    def _place(self, address: str, value: Any) -> None:
        parts = address.split(".")
        table = self.values.data if parts[0] == "data" else self.values.resources
        kind, name = parts[-2], parts[-1]
        table.setdefault(kind, {})[name] = value

    def _resource(self, address: str) -> None:
        decl = self.ctx.config.resources[address]
        full = self.ctx.address(address)
        expansion, switch = self._expand(decl)
        data = decl.block.type == "data"
        views: list[tuple[InstanceKey, InstanceView]] = []
        instances = []
        for key, scope in expansion.instances:
            attrs = evaluate_body(decl.block, scope, RESOURCE_META, owner=full)
            view = InstanceView(full, compose_key(self.key_prefix, key), attrs, computed_only=data)
            views.append((key, view))
            instances.append(Instance(view.key, finalize(attrs)))
        # whether it exists is still unknown to the resources that refer to it
        self._place(address, _scope_value(full, expansion, views, switch is not None))
        record = self._record(decl, address, expansion, tuple(instances))
        switched = dataclasses.replace(record, count_switch=switch, module_switched=self.switched)
        self.loader.add_resource(switched)

    def _record(
        self, decl: Declared, address: str, expansion: Expansion, instances: tuple[Instance, ...]
    ) -> Resource:
        block = decl.block
        full = self.ctx.address(address)
        traversals = self.ctx.config.references[f"res:{address}"]
        refs = resolve_references(self.ctx, traversals) - {full}
        return Resource(
            address=full,
            type=block.labels[0],
            name=block.labels[1],
            mode="data" if block.type == "data" else "managed",
            instances=instances,
            location=decl.location,
            module_path=self.ctx.path,
            count_unknown=expansion.unknown or self.unknown_count,
            references=refs,
            ignores=dict(decl.ignores),
            provider_config=self._provider(decl),
            module_keyed=self.key_prefix is not None,
        )

    def _provider(self, decl: Declared) -> str | None:
        explicit = provider_name(decl.block.attributes.get("provider"))
        name = explicit or decl.block.labels[0].split("_", 1)[0]
        resolved = self.ctx.resolve_provider(name)
        return None if explicit is None and resolved == name else resolved

    def _expand(self, decl: Declared) -> tuple[Expansion, CountSwitch | None]:
        """The block's instances, and the on/off switch its own unknown count is (not its
        module's: under an unknown module count nothing inside is counted)."""
        scope = Scope(self.values)
        expansion = expand(decl.block, scope)
        if expansion.problem:
            self.loader.error((decl.file, decl.block.line), expansion.problem)
        switch = None
        if not self.unknown_count:
            locals_ = self.ctx.config.locals
            expansion, switch = switched_expansion(decl.block, scope, locals_, expansion)
        expansion = within_budget(expansion, scope)
        budget = self.values.budget
        if budget.spend_instances(len(expansion.instances)):
            return expansion, switch
        if budget.instances_left + len(expansion.instances) >= 0:  # the first refusal
            message = (
                f"this stack expands to more than {MAX_STACK_INSTANCES:,} resource and module "
                "instances (module fan-out or nested count); evaluation stops here and "
                "later instances are not analyzed"
            )
            self.loader.error((decl.file, decl.block.line), message)
        return Expansion([], unknown=True, kind=expansion.kind), switch

    def _module(self, name: str) -> None:
        decl = self.ctx.config.modules[name]
        child = self.loader.child_context(self.ctx, name, decl)
        address = self.ctx.address(f"module.{name}")
        if child is None:
            self.values.modules[name] = Unknown(expr=f"module.{name}", refs=frozenset({address}))
            return
        expansion, switch = self._expand(decl)
        switched = self.switched or switch is not None
        results: list[tuple[InstanceKey, dict[str, Any]]] = []
        for key, scope in expansion.instances:
            inputs = {
                n: evaluate(a[0], scope)
                for n, a in decl.block.attributes.items()
                if n not in MODULE_META
            }
            prefix = compose_key(self.key_prefix, key)
            unknown = self.unknown_count or expansion.unknown
            outputs = self.loader.evaluate_module(child, inputs, prefix, unknown, switched=switched)
            results.append((key, outputs))
        self.values.modules[name] = _module_value(address, expansion, results, switch is not None)


def _split(node: str) -> tuple[str, str]:
    """("res", "aws_x.y") from "res:aws_x.y"; ("local", "x") from "local.x"."""
    kind, _, name = node.partition(":") if node.startswith("res:") else node.partition(".")
    return kind, name


def _scope_value(
    address: str,
    expansion: Expansion,
    views: list[tuple[InstanceKey, InstanceView]],
    switched: bool,
) -> Any:
    if expansion.unknown or switched:
        return PendingView(address)
    if expansion.kind == "count":
        return [view for _, view in views]
    if expansion.kind == "for_each":
        return {str(key): view for key, view in views}
    return views[0][1]


def _module_value(
    address: str,
    expansion: Expansion,
    results: list[tuple[InstanceKey, dict[str, Any]]],
    switched: bool,
) -> Any:
    if expansion.unknown or switched:
        return unknown_from(address, [results[0][1]] if results else [])
    if expansion.kind == "count":
        return [outputs for _, outputs in results]
    if expansion.kind == "for_each":
        return {str(key): outputs for key, outputs in results}
    return results[0][1]


def provider_name(attr: s.Attribute | None) -> str | None:
    """`aws` or `aws.west` from a `provider = aws.west` attribute (None when absent)."""
    if attr is None:
        return None
    expr = attr[0]
    if expr[0] == s.NAME:
        return str(expr[1])
    if expr[0] == s.GETATTR and expr[1][0] == s.NAME:
        return f"{expr[1][1]}.{expr[2]}"
    if expr[0] == s.LIT and isinstance(expr[1], str):
        return expr[1]
    return None


def located_error(where: tuple[str, int], message: str) -> ParseError:
    return ParseError(file=where[0], line=where[1], message=message)

"""The `configuration` section of plan JSON: per-module declarations and their references.

Reference strings ("aws_subnet.a[0].id", "var.x", "module.db.endpoint") are followed the
same way the HCL loader follows them: `var.*` into the caller's argument, `module.X.out`
into the output's expression. `local.*` cannot be followed: plan JSON does not record
locals' expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

ModulePath = tuple[str, ...]
_INDEX = re.compile(r"\[[^\]]*\]")
_LOCAL_ADDRESS = re.compile(r"^(data\.)?[^.\[\]]+\.[^.\[\]]+$")
_SKIP_ROOTS = frozenset({"count", "each", "path", "terraform", "self", "local"})


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass
class ConfigModule:
    """One module of the configuration: resources by local address, outputs, call args."""

    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    call_expressions: dict[str, Any] = field(default_factory=dict)  # in the parent


def config_modules(configuration: dict[str, Any]) -> dict[ModulePath, ConfigModule]:
    """Every module of the configuration, by module path (iterative walk)."""
    found: dict[ModulePath, ConfigModule] = {}
    work: list[tuple[ModulePath, dict[str, Any], dict[str, Any]]] = [
        ((), _dict(configuration.get("root_module")), {})
    ]
    while work and len(found) < 10_000:
        path, module, call_exprs = work.pop()
        entry = ConfigModule(call_expressions=call_exprs)
        for resource in _list(module.get("resources")):
            address = resource.get("address") if isinstance(resource, dict) else None
            if isinstance(address, str) and _LOCAL_ADDRESS.match(address):
                entry.resources[address] = resource
        entry.outputs = _dict(module.get("outputs"))
        found[path] = entry
        for name, item in _dict(module.get("module_calls")).items():
            call = _dict(item)
            work.append(((*path, name), _dict(call.get("module")), _dict(call.get("expressions"))))
    return found


def expression_references(expressions: Any) -> Iterator[str]:
    """Every reference string inside an `expressions` object (nested blocks included)."""
    stack = [expressions]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            refs = item.get("references")
            if isinstance(refs, list):
                yield from (r for r in refs if isinstance(r, str))
            stack.extend(v for k, v in item.items() if k != "references")


def resource_references(resource: dict[str, Any]) -> list[str]:
    refs = list(expression_references(resource.get("expressions")))
    for key in ("count_expression", "for_each_expression"):
        refs.extend(expression_references(resource.get(key)))
    refs.extend(r for r in _list(resource.get("depends_on")) if isinstance(r, str))
    return refs


_RESOURCE_REF = re.compile(
    r"^((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(?:\[(\d+|\"[^\"]*\")\])?(?:\.([\w-]+))?"
)


def resource_attribute_ref(ref: str) -> tuple[str, int | str | None, str] | None:
    """ "aws_subnet.a[0].id" -> ("aws_subnet.a", 0, "id"); None unless it names an attribute."""
    match = _RESOURCE_REF.match(ref)
    if (
        match is None
        or match.group(3) is None
        or ref.split(".", 1)[0] in _SKIP_ROOTS | {"var", "module"}
    ):
        return None
    raw = match.group(2)
    key: int | str | None = None
    if raw is not None:
        key = int(raw) if raw.isdigit() else raw[1:-1]
    return match.group(1), key, match.group(3)


def resolve(
    modules: dict[ModulePath, ConfigModule], path: ModulePath, refs: list[str], exists: set[str]
) -> frozenset[str]:
    """Resource addresses (existing ones only) the reference strings lead to."""
    found: set[str] = set()
    seen: set[tuple[ModulePath, str]] = set()
    work = [(path, r) for r in refs]
    while work:
        here, ref = work.pop()
        if (here, ref) in seen:
            continue
        seen.add((here, ref))
        work.extend(_follow(modules, here, ref, found, exists))
    return frozenset(found)


def _follow(
    modules: dict[ModulePath, ConfigModule],
    path: ModulePath,
    ref: str,
    found: set[str],
    exists: set[str],
) -> list[tuple[ModulePath, str]]:
    names = _INDEX.sub("", ref).split(".")
    prefix = "".join(f"module.{p}." for p in path)
    if len(names) < 2 or names[0] in _SKIP_ROOTS:
        return []
    if names[0] == "var":
        module = modules.get(path)
        expr = module.call_expressions.get(names[1]) if module and path else None
        return [(path[:-1], r) for r in expression_references(expr)]
    if names[0] == "module":
        return _module_output(modules, path, names, found, prefix)
    address = prefix + ".".join(names[:3] if names[0] == "data" else names[:2])
    if address in exists:
        found.add(address)
    return []


def _module_output(
    modules: dict[ModulePath, ConfigModule],
    path: ModulePath,
    names: list[str],
    found: set[str],
    prefix: str,
) -> list[tuple[ModulePath, str]]:
    child_path = (*path, names[1])
    child = modules.get(child_path)
    if child is None:
        found.add(f"{prefix}module.{names[1]}")
        return []
    outputs = [names[2]] if len(names) > 2 else sorted(child.outputs)
    work: list[tuple[ModulePath, str]] = []
    for output in outputs:
        expr = _dict(child.outputs.get(output)).get("expression")
        work.extend((child_path, r) for r in expression_references(expr))
    return work


def providers(configuration: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Provider blocks with their constant arguments, keyed as LoadResult.providers is."""
    out: dict[str, dict[str, Any]] = {}
    for key, item in sorted(_dict(configuration.get("provider_config")).items()):
        entry = _dict(item)
        expressions = _dict(entry.get("expressions"))
        name = str(entry.get("name") or key.split(":")[-1].split(".")[0])
        alias = entry.get("alias")
        local = f"{name}.{alias}" if isinstance(alias, str) else name
        module = entry.get("module_address")
        if module and not expressions:
            continue  # an implicit, empty configuration inherited by the module
        out[f"{module}.{local}" if module else local] = {
            k: _dict(v).get("constant_value")
            for k, v in sorted(expressions.items())
            if "constant_value" in _dict(v)
        }
    return out


def provider_config(resource: dict[str, Any], resource_type: str) -> str | None:
    """ "aws.west" for a resource bound to an aliased provider; None for the default one."""
    key = resource.get("provider_config_key")
    if not isinstance(key, str):
        return None
    name = key.split(":")[-1]
    return None if name == resource_type.split("_", 1)[0] else name

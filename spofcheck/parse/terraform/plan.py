"""Terraform plan JSON (`terraform show -json plan.out`) to the same `Resource` records.

Values come from `planned_values` (fully resolved by Terraform); what is still unknown at
plan time (`after_unknown` in `resource_changes`) becomes a `Ref` to the resource
attribute the configuration's expression references, else an `Unknown`. Plan JSON has
no source lines: every location points to line 1 of the plan file (a note says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spofcheck.files import read_regular
from spofcheck.model import Location, ParseError
from spofcheck.parse.jsonload import JSONInputError, loads
from spofcheck.parse.terraform import plan_config as pc
from spofcheck.parse.terraform.gcpause import gc_paused
from spofcheck.parse.terraform.plan_config import ConfigModule, ModulePath
from spofcheck.parse.terraform.resources import Instance, LoadResult, Ref, Resource, Unknown
from spofcheck.parse.terraform.values import MAX_VALUE_DEPTH, InstanceKey, compose_key, finalize
from spofcheck.paths import display_path

_MODULE_STEP = re.compile(r'module\.([\w-]+)(?:\[(\d+|"[^"]*")\])?')
NOTE = "{}: plan JSON has no source lines; locations point to the plan file"


def load_plan(plan_json: Path, *, display_root: Path) -> LoadResult:
    """Every resource instance the plan describes, grouped by address without index."""
    with gc_paused():
        return _load_plan(plan_json, display_path(plan_json, display_root))


def _load_plan(plan_json: Path, shown: str) -> LoadResult:
    result = LoadResult(files=[shown])
    doc = _read(plan_json, shown, result)
    if doc is None:
        return result
    configuration = pc._dict(doc.get("configuration"))
    reader = _PlanReader(shown, pc.config_modules(configuration), _after_unknown(doc))
    values = pc._dict(doc.get("planned_values")) or pc._dict(doc.get("values"))
    reader.walk(pc._dict(values.get("root_module")))
    reader.add_unplanned()
    result.resources = reader.resources()
    result.providers = dict(pc.providers(configuration))
    result.notes.append(NOTE.format(shown))
    return result


def _read(path: Path, shown: str, result: LoadResult) -> dict[str, Any] | None:
    try:
        doc = loads(read_regular(path))
    except OSError as exc:
        message = f"cannot read file: {exc.strerror or exc}"
        result.errors.append(ParseError(file=shown, message=message))
        return None
    except JSONInputError as exc:
        result.errors.append(ParseError(file=shown, line=exc.line, message=exc.message))
        return None
    if not is_plan_document(doc):
        result.errors.append(ParseError(file=shown, line=1, message=NOT_A_PLAN))
        return None
    return dict(doc)


NOT_A_PLAN = (
    "not a recognized input: a Terraform plan JSON (`terraform show -json`) has "
    "`format_version` and `planned_values`, `resource_changes` or `configuration`"
)
_CONTENT_KEYS = ("planned_values", "resource_changes", "configuration", "values")


def is_plan_document(doc: Any) -> bool:
    """A plan (or `terraform show -json` state) is recognized by its own keys: any other
    JSON (a package.json, `{}`) would otherwise count as an empty plan, zero findings."""
    if not isinstance(doc, dict) or not isinstance(doc.get("format_version"), str):
        return False
    return any(isinstance(doc.get(key), dict | list) for key in _CONTENT_KEYS)


def _after_unknown(doc: dict[str, Any]) -> dict[str, Any]:
    found = {}
    for item in pc._list(doc.get("resource_changes")):
        change = pc._dict(item)
        if isinstance(change.get("address"), str):
            found[change["address"]] = pc._dict(change.get("change")).get("after_unknown")
    return found


def module_address(address: str) -> tuple[ModulePath, InstanceKey]:
    """ "module.a[0].module.b" -> (("a", "b"), 0): the path and the composite instance key."""
    path: list[str] = []
    key: InstanceKey = None
    for match in _MODULE_STEP.finditer(address):
        path.append(match.group(1))
        raw = match.group(2)
        if raw is not None:
            key = compose_key(key, int(raw) if raw.isdigit() else raw[1:-1])
    return tuple(path), key


@dataclass
class _Found:
    """One resource address: its module, local address, configuration and instances."""

    path: ModulePath
    local: str
    config: dict[str, Any]
    instances: list[Instance] = field(default_factory=list)
    module_keyed: bool = False  # some instance sits in a module instance with a key


def _prefix(path: ModulePath) -> str:
    return "".join(f"module.{p}." for p in path)


class _PlanReader:
    """Collects instances per resource address while walking planned module values."""

    def __init__(
        self, shown: str, modules: dict[ModulePath, ConfigModule], unknown: dict[str, Any]
    ) -> None:
        self.shown = shown
        self.modules = modules
        self.unknown = unknown
        self.found: dict[str, _Found] = {}
        self.exists = {_prefix(p) + local for p, m in modules.items() for local in m.resources}

    def walk(self, root: dict[str, Any]) -> None:
        work = [root]
        while work:
            module = work.pop()
            path, module_key = module_address(str(module.get("address", "")))
            for resource in pc._list(module.get("resources")):
                if isinstance(resource, dict):
                    self._instance(path, module_key, resource)
            work.extend(pc._dict(m) for m in pc._list(module.get("child_modules")))

    def _instance(self, path: ModulePath, module_key: InstanceKey, r: dict[str, Any]) -> None:
        kind, name = str(r.get("type", "")), str(r.get("name", ""))
        local = f"{'data.' if r.get('mode') == 'data' else ''}{kind}.{name}"
        address = _prefix(path) + local
        index = r.get("index")
        key = compose_key(module_key, index if isinstance(index, int | str) else None)
        config = self._config(path, local)
        values = dict(pc._dict(r.get("values")))
        after = self.unknown.get(str(r.get("address")))
        if isinstance(after, dict):
            self._mark_unknown(values, after, config, path, module_key)
        self.exists.add(address)
        entry = self.found.setdefault(address, _Found(path, local, config))
        entry.instances.append(Instance(key, finalize(values)))
        entry.module_keyed = entry.module_keyed or module_key is not None

    def _config(self, path: ModulePath, local: str) -> dict[str, Any]:
        module = self.modules.get(path)
        return dict(module.resources.get(local, {})) if module else {}

    def _mark_unknown(
        self,
        values: dict[str, Any],
        after: dict[str, Any],
        config: dict[str, Any],
        path: ModulePath,
        module_key: InstanceKey,
    ) -> None:
        expressions = pc._dict(config.get("expressions"))
        for attr, flag in after.items():
            if flag is True and attr in expressions:
                values[attr] = self._unknown_attr(attr, expressions[attr], path, module_key)
            elif isinstance(flag, dict | list) and attr in values:
                values[attr] = _nested_unknown(values[attr], flag, attr, 1)

    def _unknown_attr(
        self, attr: str, expression: Any, path: ModulePath, module_key: InstanceKey
    ) -> Unknown:
        refs = list(pc.expression_references(expression))
        addresses = pc.resolve(self.modules, path, refs, self.exists)
        prefix = _prefix(path)
        for ref in refs:
            parsed = pc.resource_attribute_ref(ref)
            if parsed is not None and prefix + parsed[0] in addresses:
                target, key, attribute = parsed
                return Ref(
                    expr=ref,
                    refs=addresses,
                    address=prefix + target,
                    key=compose_key(module_key, key),
                    attribute=attribute,
                )
        return Unknown(expr=" ".join(refs[:3]) or attr, refs=addresses)

    def add_unplanned(self) -> None:
        """Configured resources with no planned instance (count = 0, empty for_each)."""
        for path, module in self.modules.items():
            for local, config in module.resources.items():
                self.found.setdefault(_prefix(path) + local, _Found(path, local, config))

    def resources(self) -> list[Resource]:
        out = []
        for address in sorted(self.found):
            found = self.found[address]
            refs = pc.resolve(
                self.modules, found.path, pc.resource_references(found.config), self.exists
            )
            local = found.local.split(".")
            kind, name = local[-2], local[-1]
            out.append(
                Resource(
                    address=address,
                    type=kind,
                    name=name,
                    mode="data" if local[0] == "data" else "managed",
                    instances=tuple(found.instances),
                    location=Location(file=self.shown, line=1),
                    module_path=found.path,
                    references=refs - {address},
                    provider_config=pc.provider_config(found.config, kind),
                    module_keyed=found.module_keyed,
                )
            )
        return out


def _nested_unknown(value: Any, flags: Any, where: str, depth: int) -> Any:
    """Put Unknown wherever after_unknown says `true` inside a nested value."""
    if flags is True:
        return Unknown(expr=where)
    if depth > MAX_VALUE_DEPTH:
        return value
    if isinstance(flags, dict) and isinstance(value, dict):
        return {
            k: _nested_unknown(v, flags.get(k), f"{where}.{k}", depth + 1) for k, v in value.items()
        } | {
            k: Unknown(expr=f"{where}.{k}")
            for k, f in flags.items()
            if f is True and k not in value
        }
    if isinstance(flags, list) and isinstance(value, list):
        return [
            _nested_unknown(v, flags[i] if i < len(flags) else None, f"{where}.{i}", depth + 1)
            for i, v in enumerate(value)
        ]
    return value

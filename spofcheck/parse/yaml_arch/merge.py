"""Overlay a YAML document onto an Architecture derived from Terraform.

Components named by a Terraform address take the fields the overlay writes (only those);
other names are new components. `depends_on` adds dependencies, `entrypoints` replace the
inferred ones, `slo` and `name` replace the base's. Every override is listed in `notes`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from spofcheck.model import Architecture, Component, Dependency, Relation
from spofcheck.parse.yaml_arch.convert import (
    build_component,
    build_dependencies,
    build_standby,
    declared_entrypoints,
    health_check,
    min_healthy,
)
from spofcheck.parse.yaml_arch.load import Loaded, to_parse_errors
from spofcheck.parse.yaml_arch.located import line_of
from spofcheck.parse.yaml_arch.places import (
    Context,
    declare_places,
    fraction,
    imply_zone_regions,
    place,
    spread,
)
from spofcheck.parse.yaml_arch.schema import ComponentDoc
from spofcheck.parse.yaml_arch.validate import did_you_mean

_ADDRESS = re.compile(
    r"(module\.[\w-]+(\[[^\]]*\])?\.)*(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[\w-]+(\[[^\]]*\])?"
)
_SIMPLE = ("kind", "label", "scope", "sticky_sessions", "backups")


def merge_document(base: Architecture, loaded: Loaded, file: str) -> Architecture:
    """`base` with the overlay applied; the overlay's problems join `base.errors`."""
    files = [*base.files, file]
    doc = loaded.doc
    if doc is None:
        errors = [*base.errors, *to_parse_errors(loaded.problems, file)]
        return base.model_copy(update={"errors": errors, "files": files})
    ctx = Context(file, loaded.positions, zones=dict(base.zones), regions=dict(base.regions))
    declare_places(doc, ctx)
    overlay = [(cid, cdoc or ComponentDoc()) for cid, cdoc in doc.components.items()]
    imply_zone_regions(overlay, ctx)
    components, notes = _merge_components(base, overlay, ctx)
    dependencies = list(base.dependencies)
    for key, cdoc in overlay:
        for cid in _named(key, components):
            for dep in build_dependencies(cid, cdoc, components, ctx):
                _add_dependency(dependencies, dep, notes, ctx)
    update: dict[str, Any] = {
        "components": components,
        "dependencies": dependencies,
        "zones": dict(sorted(ctx.zones.items())),
        "regions": dict(sorted(ctx.regions.items())),
        "files": files,
    }
    if doc.entrypoints is not None:
        update["entrypoints"] = _entrypoints(doc.entrypoints, components, ctx)
        update["entrypoints_declared"] = True
        notes.append(_note(ctx, ("entrypoints",), f"entrypoints set to {update['entrypoints']}"))
    if doc.slo is not None:
        update["slo"] = fraction(doc.slo)
        notes.append(_note(ctx, ("slo",), f"slo set to {doc.slo}%"))
    if doc.name is not None:
        update["name"] = doc.name
    update["errors"] = [*base.errors, *to_parse_errors([*loaded.problems, *ctx.problems], file)]
    update["notes"] = [*base.notes, *notes]
    return base.model_copy(update=update)


def _merge_components(
    base: Architecture, overlay: list[tuple[str, ComponentDoc]], ctx: Context
) -> tuple[dict[str, Component], list[str]]:
    components = dict(base.components)
    notes: list[str] = []
    for cid, cdoc in overlay:
        path = ("components", cid)
        if named := _named(cid, base.components):
            for target in named:
                merged, changed = override_component(base.components[target], cdoc, ctx)
                components[target] = merged
                if changed:
                    note = f"overlay overrides {target}: {', '.join(changed)}"
                    notes.append(_note(ctx, path, note))
        elif _ADDRESS.fullmatch(cid):
            hint = did_you_mean(cid, base.components)
            ctx.problem(
                path,
                f"{cid!r} looks like a Terraform address but is not in the Terraform model{hint}",
            )
        else:
            built = build_component(cid, cdoc, ctx)
            if built is not None:
                components[cid] = built
                notes.append(_note(ctx, path, f"overlay adds component {cid}"))
    return components, notes


def _entrypoints(names: list[str], components: Mapping[str, Component], ctx: Context) -> list[str]:
    """Declared entry points; a split resource's address stands for its instances."""
    known = {name: _named(name, components) for name in names}
    declared = declared_entrypoints(names, [n for n, found in known.items() if found], ctx)
    return list(dict.fromkeys(cid for name in declared for cid in known[name]))


def _named(key: str, components: Mapping[str, Component]) -> list[str]:
    """The components an overlay key names: itself, or, for the address of a resource
    whose `count`/`for_each` instances are components of their own, every instance."""
    if key in components:
        return [key]
    return sorted(c for c in components if c.startswith(key + "[") and c.endswith("]"))


def override_component(
    old: Component, doc: ComponentDoc, ctx: Context
) -> tuple[Component, list[str]]:
    """`old` with the fields `doc` writes; the second item says what changed."""
    path = ("components", old.id)
    update: dict[str, Any] = {f: getattr(doc, f) for f in _SIMPLE if getattr(doc, f) is not None}
    replicas = doc.replicas if doc.replicas is not None else old.replicas
    update["replicas"] = replicas
    if doc.zones is not None:
        update["zones"] = spread(list(doc.zones), replicas)
        update["region"] = place(path, list(doc.zones), doc.region, ctx) or old.region
    else:
        if replicas != old.replicas:  # re-spread the Terraform zones over the new count
            update["zones"] = spread(list(dict.fromkeys(old.zones)), replicas)
        if doc.region is not None:
            update["region"] = place(path, [], doc.region, ctx)
    if doc.standby is not None:
        update["standby"] = build_standby(path, doc.standby, ctx)
    if doc.quorum is not None:
        update["quorum"] = doc.quorum
    if doc.min_healthy is not None or doc.quorum:
        standby = update.get("standby", old.standby)
        update["min_healthy"] = min_healthy(path, doc, replicas, standby, ctx)
    if doc.availability is not None:
        update["availability"] = fraction(doc.availability)
        update["availability_source"] = "declared"
    if doc.health_check is not None:
        update["health_check"] = health_check(doc.health_check)
    update["ignore"] = {**old.ignore, **(doc.ignore or {})}
    update["tags"] = list(dict.fromkeys([*old.tags, *(doc.tags or [])]))
    return _apply(old, update, path, ctx)


def _apply(
    old: Component, update: dict[str, Any], path: tuple[str, str], ctx: Context
) -> tuple[Component, list[str]]:
    try:
        new = Component.model_validate({**old.model_dump(), **update})
    except ValidationError as exc:  # defensive: the document model should rule this out
        ctx.problem(path, f"overrides for {old.id!r} do not fit: {exc.errors()[0]['msg']}")
        return old, []
    shown = [f for f in update if f != "availability_source"]  # follows availability
    changed = [_change(f, getattr(old, f), getattr(new, f)) for f in shown]
    return new, [c for c in changed if c]


def _change(field: str, old: Any, new: Any) -> str:
    if old == new:
        return ""
    if isinstance(new, str | int | float | bool) or new is None:
        old_v = getattr(old, "value", old)
        new_v = getattr(new, "value", new)
        return f"{field} {old_v} -> {new_v}"
    return field


def _add_dependency(
    deps: list[Dependency], dep: Dependency, notes: list[str], ctx: Context
) -> None:
    """A request dependency already inferred between the same components is replaced."""
    for i, old in enumerate(deps):
        same = set(old.targets) == set(dep.targets) and old.source == dep.source
        if same and old.relation is Relation.REQUEST:
            deps[i] = dep
            where = dep.location.line if dep.location else "?"
            notes.append(
                f"{ctx.file}:{where}: overlay replaces the dependency "
                f"{dep.source} -> {', '.join(dep.targets)}"
            )
            return
    deps.append(dep)


def _note(ctx: Context, path: tuple[str, ...], text: str) -> str:
    line = line_of(ctx.positions, path)
    return f"{ctx.file}:{line}: {text}" if line else f"{ctx.file}: {text}"

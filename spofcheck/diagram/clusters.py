"""Failure-domain boxes: region → zone → module, and which box each node sits in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spofcheck.diagram import text
from spofcheck.diagram.view import Cluster, Level
from spofcheck.model import Architecture, Component, Scope

Step = tuple[Level, str]
Path = tuple[Step, ...]
Modules = tuple[str, ...]


def component_paths(arch: Architecture, ids: Iterable[str]) -> dict[str, Path]:
    """The boxes each component is drawn in (none for an undeclared one)."""
    inherited = _module_regions(arch)
    return {
        cid: _path(arch, arch.components[cid], inherited) if cid in arch.components else ()
        for cid in ids
    }


def _path(arch: Architecture, component: Component, inherited: Mapping[Modules, str]) -> Path:
    """Region, zone, then module boxes.

    A component whose replicas (and counted standbys) all sit in one zone is drawn inside
    that zone's box, so a zonal single point of failure is visible at a glance; one spread
    over several zones sits in its region's box and lists its zones on the node. One with
    no region of its own (a random id, an IAM role) joins its module's only region, so a
    module is drawn as one box rather than split.
    """
    path: list[Step] = []
    modules = text.module_path(component.id)
    region = _region(arch, component)
    if region is None and component.scope is not Scope.GLOBAL:
        region = next(
            (
                inherited[modules[:d]]
                for d in range(len(modules), 0, -1)
                if modules[:d] in inherited
            ),
            None,
        )
    if region is not None:
        path.append((Level.REGION, region))
    zone = _only_zone(component)
    if zone is not None and _zone_region(arch, zone) in (region, None):
        path.append((Level.ZONE, zone))
    path.extend((Level.MODULE, step) for step in modules)
    return tuple(path)


def _module_regions(arch: Architecture) -> dict[Modules, str]:
    """Each module (by its call path) whose components with a region all share one."""
    regions: dict[Modules, set[str]] = {}
    for component in arch.components.values():
        region = _region(arch, component)
        if region is None:
            continue
        modules = text.module_path(component.id)
        for depth in range(1, len(modules) + 1):
            regions.setdefault(modules[:depth], set()).add(region)
    return {modules: found.pop() for modules, found in regions.items() if len(found) == 1}


def _only_zone(component: Component) -> str | None:
    """The one zone holding everything that serves for this component, if there is one."""
    if component.scope is not Scope.INSTANCE or len(component.zone_set) != 1:
        return None
    if _standby_elsewhere(component):
        return None
    return next(iter(component.zone_set))


def _standby_elsewhere(component: Component) -> bool:
    """A counted standby outside the primaries' zones (or somewhere unknown)."""
    spare = component.standby
    if spare is None or not spare.counts or spare.replicas == 0:
        return False
    return not spare.zones or not component.zone_set.issuperset(spare.zones)


def _region(arch: Architecture, component: Component) -> str | None:
    if component.scope is Scope.GLOBAL:
        return None
    if component.region is not None:
        return component.region
    regions = {_zone_region(arch, zone) for zone in component.zone_set}
    return regions.pop() if len(regions) == 1 else None


def _zone_region(arch: Architecture, zone: str) -> str | None:
    declared = arch.zones.get(zone)
    return declared.region if declared is not None else None


def build_tree(
    arch: Architecture, node_paths: Mapping[str, Path], junction_paths: Mapping[str, Path]
) -> Cluster:
    """The nested clusters holding every node and junction, children in sorted order."""
    placed = _Placed({}, {}, {})
    for paths, into in ((node_paths, placed.nodes), (junction_paths, placed.junctions)):
        for key, path in sorted(paths.items()):
            into.setdefault(path, []).append(key)
            for depth in range(1, len(path) + 1):
                placed.children.setdefault(path[: depth - 1], set()).add(path[:depth])
    return _cluster(arch, (), "cluster", placed)


@dataclass(frozen=True)
class _Placed:
    """Keys sitting directly at each path, and the paths directly inside each path."""

    nodes: dict[Path, list[str]]
    junctions: dict[Path, list[str]]
    children: dict[Path, set[Path]]


def _cluster(arch: Architecture, path: Path, key: str, placed: _Placed) -> Cluster:
    inner = sorted(placed.children.get(path, ()), key=_order)
    return Cluster(
        key=key,
        level=path[-1][0] if path else Level.ROOT,
        label=_label(arch, path[-1]) if path else "",
        nodes=tuple(placed.nodes.get(path, ())),
        junctions=tuple(placed.junctions.get(path, ())),
        children=tuple(_cluster(arch, c, f"{key}_{i}", placed) for i, c in enumerate(inner)),
    )


def _order(path: Path) -> tuple[int, str]:
    """Zones before modules inside a region; names sorted within each level."""
    level, name = path[-1]
    return (list(Level).index(level), name)


def _label(arch: Architecture, step: Step) -> str:
    level, name = step
    if level is Level.MODULE:
        return f"module.{name}"
    figure = arch.regions.get(name) if level is Level.REGION else arch.zones.get(name)
    suffix = f" · {text.percent(figure.availability)}" if figure and figure.availability < 1 else ""
    return f"{level.value} {name}{suffix}"

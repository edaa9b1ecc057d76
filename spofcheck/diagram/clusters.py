"""Failure-domain boxes: region → zone → module, and which box each node sits in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spofcheck.diagram import text
from spofcheck.diagram.view import Cluster, Level
from spofcheck.model import Architecture, Component, Scope

Step = tuple[Level, str]
Path = tuple[Step, ...]


def component_path(arch: Architecture, component: Component) -> Path:
    """The boxes a component is drawn in.

    A component whose replicas (and counted standbys) all sit in one zone is drawn inside
    that zone's box, so a zonal single point of failure is visible at a glance; one spread
    over several zones sits in its region's box and lists its zones on the node.
    """
    path: list[Step] = []
    region = _region(arch, component)
    if region is not None:
        path.append((Level.REGION, region))
    zone = _only_zone(component)
    if zone is not None and _zone_region(arch, zone) in (region, None):
        path.append((Level.ZONE, zone))
    path.extend((Level.MODULE, step) for step in text.module_path(component.id))
    return tuple(path)


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
    every = sorted(
        {
            p[:i]
            for p in (*node_paths.values(), *junction_paths.values())
            for i in range(1, len(p) + 1)
        }
    )
    return _cluster(arch, (), "cluster", _Placed(every, node_paths, junction_paths))


@dataclass(frozen=True)
class _Placed:
    every: list[Path]  # every path that has a node or junction at or below it
    node_paths: Mapping[str, Path]
    junction_paths: Mapping[str, Path]


def _cluster(arch: Architecture, path: Path, key: str, placed: _Placed) -> Cluster:
    inner = [p for p in placed.every if len(p) == len(path) + 1 and p[: len(path)] == path]
    children = tuple(
        _cluster(arch, child, f"{key}_{i}", placed)
        for i, child in enumerate(sorted(inner, key=_order))
    )
    return Cluster(
        key=key,
        level=path[-1][0] if path else Level.ROOT,
        label=_label(arch, path[-1]) if path else "",
        nodes=tuple(sorted(k for k, p in placed.node_paths.items() if p == path)),
        junctions=tuple(sorted(k for k, p in placed.junction_paths.items() if p == path)),
        children=children,
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

"""Zones and regions: declared ones, implied ones, and where a set of replicas lives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from spofcheck.model import Location, Region, Zone
from spofcheck.parse.yaml_arch.located import Path, Pos, Problem, line_of
from spofcheck.parse.yaml_arch.schema import ArchitectureDoc, ComponentDoc
from spofcheck.parse.yaml_arch.validate import did_you_mean


@dataclass
class Context:
    """What converting one document needs to know and collects; zones/regions grow as used."""

    file: str
    positions: Mapping[Path, Pos]
    zones: dict[str, Zone] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    zones_declared: bool = False
    regions_declared: bool = False
    implied_zones: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem(line_of(self.positions, path), message, path))

    def location(self, path: Path) -> Location:
        pos = self.positions.get(path)
        if pos is None:
            return Location(file=self.file, line=line_of(self.positions, path) or 1)
        return Location(file=self.file, line=pos.line, end_line=pos.end_line)


def fraction(percent: float | None) -> float | None:
    """A percentage as the model's fraction, rounded as written (99.9 → 0.999, not 0.99900…01)."""
    return None if percent is None else float(Decimal(repr(percent)) / 100)


def spread(zones: list[str], replicas: int) -> list[str]:
    """Replica i lives in zones[i % len(zones)]."""
    return [zones[i % len(zones)] for i in range(replicas)] if zones else []


def declare_places(doc: ArchitectureDoc, ctx: Context) -> None:
    """Add the document's `regions:` and `zones:` over what `ctx` already knows."""
    ctx.regions_declared = ctx.regions_declared or doc.regions is not None
    ctx.zones_declared = ctx.zones_declared or doc.zones is not None
    for name, rdoc in (doc.regions or {}).items():
        old = ctx.regions.get(name, Region())
        given = fraction(rdoc.availability) if rdoc else None
        ctx.regions[name] = Region(availability=given or old.availability)
    for name, zdoc in (doc.zones or {}).items():
        known = ctx.zones.get(name, Zone())
        named = bool(zdoc and zdoc.region)
        region = zdoc.region if zdoc and zdoc.region else known.region
        if zdoc and zdoc.region:
            use_region(("zones", name, "region"), zdoc.region, ctx)
        given = fraction(zdoc.availability) if zdoc else None
        inferred = known.region_inferred and not named
        ctx.zones[name] = Zone(
            region=region, region_inferred=inferred, availability=given or known.availability
        )


def use_region(path: Path, region: str, ctx: Context) -> None:
    """Check a region reference; an undeclared one is implied (after an error if declared)."""
    if region in ctx.regions:
        return
    if ctx.regions_declared:
        hint = did_you_mean(region, ctx.regions)
        ctx.problem(path, f"region {region!r} is not declared under `regions`{hint}")
    ctx.regions[region] = Region()


def imply_zone_regions(components: list[tuple[str, ComponentDoc]], ctx: Context) -> None:
    """Give undeclared zones the region written beside them, before any placement is read;
    then give each declared zone without a region one region, once (see _regionless)."""
    named: dict[str, set[str]] = {}
    for cid, doc in components:
        path: Path = ("components", cid)
        _imply(path, doc.zones or [], doc.region, ctx)
        _note_regions(named, doc.zones or [], doc.region)
        if doc.standby is not None:
            _imply((*path, "standby"), doc.standby.zones or [], doc.standby.region, ctx)
            _note_regions(named, doc.standby.zones or [], doc.standby.region or doc.region)
    _regionless(named, ctx)


def _note_regions(named: dict[str, set[str]], zones: list[str], region: str | None) -> None:
    if region is not None:
        for zone in zones:
            named.setdefault(zone, set()).add(region)


def _regionless(named: dict[str, set[str]], ctx: Context) -> None:
    """A declared zone without `region:` is in the file's only region, else in the one
    region the components placed in it name; naming several is an error, not a zone
    that moves with whichever component is read."""
    for zone in sorted(set(ctx.zones) - ctx.implied_zones):
        if ctx.zones[zone].region is not None:
            continue
        regions = set(ctx.regions) if len(ctx.regions) == 1 else named.get(zone, set())
        if len(regions) == 1:
            ctx.zones[zone] = ctx.zones[zone].model_copy(
                update={"region": regions.pop(), "region_inferred": True}
            )
        elif len(regions) > 1:
            ctx.problem(
                ("zones", zone),
                f"zone {zone!r} has no region and components place it in regions "
                f"{', '.join(map(repr, sorted(regions)))}; write its `region:`",
            )


def _imply(path: Path, zones: list[str], region: str | None, ctx: Context) -> None:
    if region is None:
        return
    for i, zone in enumerate(zones):
        known = ctx.zones.get(zone)
        if known is not None and zone not in ctx.implied_zones:
            continue  # declared: its own region counts
        if known is None or known.region is None:
            ctx.zones[zone] = Zone(region=region, region_inferred=True)
            ctx.implied_zones.add(zone)
        elif known.region != region:
            ctx.problem(
                (*path, "zones", i),
                f"zone {zone!r} is in region {known.region!r} elsewhere, here in {region!r}",
            )


def place(path: Path, zones: list[str], region: str | None, ctx: Context) -> str | None:
    """The region of replicas in `zones` (None when they span several); checks every zone."""
    for i, zone in enumerate(zones):
        _use_zone((*path, "zones", i), zone, ctx)
    if region is not None:
        use_region((*path, "region"), region, ctx)
        for zone in sorted(set(zones) - ctx.implied_zones):
            other = ctx.zones[zone].region
            if other is not None and other != region:
                ctx.problem(
                    (*path, "region"),
                    f"region {region!r} contradicts zone {zone!r}, which is in region {other!r}",
                )
        return region
    found = {ctx.zones[z].region for z in zones} - {None}
    return found.pop() if len(found) == 1 else None


def _use_zone(path: Path, zone: str, ctx: Context) -> None:
    if zone in ctx.zones and zone not in ctx.implied_zones:
        return
    if ctx.zones_declared:
        hint = did_you_mean(zone, sorted(set(ctx.zones) - ctx.implied_zones))
        ctx.problem(path, f"zone {zone!r} is not declared under `zones`{hint}")
    if zone not in ctx.zones:
        ctx.zones[zone] = Zone()
        ctx.implied_zones.add(zone)

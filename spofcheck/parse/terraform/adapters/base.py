"""What a provider adapter returns for one resource, and the context it may read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from spofcheck.model import (
    Autoscaling,
    DependencyKind,
    DrainBudget,
    HealthCheck,
    Kind,
    Scope,
    Standby,
)
from spofcheck.parse.terraform.resources import Instance, LoadResult, Ref, Resource, Unknown


@dataclass(frozen=True)
class Edge:
    """A request-flow edge a handler knows about: `source` (None: the resource's own
    component) needs `targets` (all of them, or one of them when `any_of`)."""

    targets: tuple[str, ...]
    source: str | None = None
    any_of: bool = False
    kind: DependencyKind = DependencyKind.HARD
    note: str | None = None


@dataclass(frozen=True)
class Placement:
    """How many replicas run and where: `zones` None when the code does not say."""

    replicas: int | None = 1
    zones: tuple[str, ...] | None = ()


@dataclass(frozen=True)
class Draft:
    """One resource as a component, before the common fields are stamped on.

    `part_of` names the component this resource only configures (a listener of a load
    balancer): it stays a plumbing node, and request edges aimed at it go to its host.
    `availability` overrides the catalogue (logical parts and plumbing: 1.0).
    `pool`: it balances over its targets, so it needs any one of them, not all.
    """

    kind: Kind
    scope: Scope = Scope.INSTANCE
    placement: Placement = field(default_factory=Placement)
    min_healthy: int | None = None
    autoscaling: Autoscaling | None = None
    modelled: bool = True
    region: str | None = None
    variant: str | None = None
    catalogue_type: str | None = None
    availability: tuple[float, str] | None = None
    health_check: HealthCheck = field(default_factory=HealthCheck)
    sticky_sessions: bool | None = False
    standby: Standby | None = None
    quorum: bool = False
    backups: bool | None = None
    unresolved: tuple[str, ...] = ()
    edges: tuple[Edge, ...] = ()
    entry: bool = False
    part_of: str | None = None
    pool: bool = False
    tags: tuple[str, ...] = ()
    zone_spread_not_guaranteed: str | None = None
    drain_budget: DrainBudget | None = None


def alternatives(sides: list[list[str]], note: str) -> tuple[Edge, ...]:
    """An edge to any one of several sides (failover pairs, origin groups).

    When a side points at nothing we know (an external address), the known sides are
    only soft dependencies: the unknown side may still serve.
    """
    if all(sides):
        targets = tuple(sorted({t for side in sides for t in side}))
        return (Edge(targets=targets, any_of=len(targets) > 1, note=note),)
    known = sorted({t for side in sides for t in side})
    return tuple(Edge(targets=(t,), kind=DependencyKind.SOFT, note=note) for t in known)


PLUMBING = (1.0, "not modelled: configuration or network plumbing, carries no requests")
LOGICAL = (1.0, "logical part of the load balancer that forwards to it; fails with it")


def plumbing(kind: Kind = Kind.CONFIG, *, part_of: str | None = None, **extra: Any) -> Draft:
    """A draft for configuration that carries no requests itself."""
    return Draft(kind=kind, availability=PLUMBING, part_of=part_of, **extra)


@dataclass(frozen=True)
class Context:
    """Read-only view of everything loaded, for handlers that need other resources."""

    resources: Mapping[str, Resource]
    providers: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    referrers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # provider name -> the one region its resources' zones name, when exactly one
    zone_regions: Mapping[str, str] = field(default_factory=dict)
    # resource type -> literal name/id/ARN -> addresses of the resources it names
    names: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def build(cls, result: LoadResult) -> Context:
        resources = {r.address: r for r in sorted(result.resources, key=lambda r: r.address)}
        back: dict[str, set[str]] = {}
        for res in resources.values():
            for ref in res.references:
                if ref != res.address:
                    back.setdefault(ref, set()).add(res.address)
        referrers = {addr: tuple(sorted(srcs)) for addr, srcs in sorted(back.items())}
        return cls(
            resources=resources,
            providers=dict(result.providers),
            referrers=referrers,
            zone_regions=_zone_regions(resources.values()),
            names=_names(resources.values()),
        )

    def get(self, address: str) -> Resource | None:
        return self.resources.get(address)

    def referring(self, address: str, *types: str) -> list[Resource]:
        """Resources (of `types`, if given) whose body references `address`, sorted.

        A resource with no instance (`count = 0`, empty `for_each`) does not exist.
        """
        found = (self.resources.get(a) for a in self.referrers.get(address, ()))
        return [
            r for r in found if r is not None and r.instances and (not types or r.type in types)
        ]

    def instance(self, ref: Ref) -> Instance | None:
        """The instance a reference points to; the only one when it names no key."""
        res = self.resources.get(ref.address)
        if res is None or not res.instances:
            return None
        if ref.key is None:
            return res.instances[0] if len(res.instances) == 1 else None
        return next((i for i in res.instances if i.key == ref.key), None)

    def resolve(self, value: Any, depth: int = 4) -> Any:
        """Follow a reference to a configured, known attribute of another resource."""
        while isinstance(value, Ref) and depth > 0 and value.attribute:
            inst = self.instance(value)
            if inst is None or value.attribute not in inst.attributes:
                return value
            value, depth = inst.attributes[value.attribute], depth - 1
        return value

    def targets(self, value: Any) -> list[str]:
        """Addresses a value points at (references and what unknowns were derived from)."""
        return sorted(set(_addresses(value)))

    def behind(self, value: Any) -> list[str]:
        """`targets`, with a lookup (`data` source) replaced by the one managed resource its
        arguments name, followed through further lookups: the IPs of a network-interface
        lookup found from an endpoint lookup tagged with a broker's id are the broker's.
        A lookup naming no managed resource, or several, stays as it is (and is no edge)."""
        found: set[str] = set()
        for address in self.targets(value):
            managed = self._looked_up(address) if address.startswith("data.") else set()
            found |= managed if len(managed) == 1 else {address}
        return sorted(found)

    def _looked_up(self, address: str, depth: int = 4) -> set[str]:
        res = self.resources.get(address)
        if res is None or depth == 0:
            return set()
        found: set[str] = set()
        for ref in sorted(res.references - {address}):
            if ref.startswith("data."):
                found |= self._looked_up(ref, depth - 1)
            elif ref in self.resources and self.resources[ref].instances:
                found.add(ref)
        return found

    def pointed(self, value: Any, *types: str, owner: Resource | None = None) -> list[str]:
        """Resources of `types` a value names: by reference, or by a literal name/id/ARN.

        Literals matter because the loader may already have replaced a reference to a
        configured attribute (`aws_elb.web.name`) by its value ("web"). When the value is
        unknown with no trace of where it came from (a computed attribute inside a nested
        block), the `owner` block's own references of those types are used instead.
        """
        found = {a for a in _addresses(value) if self._type_of(a) in types}
        for literal in _literals(value):
            for type_name in types:
                found.update(self.names.get(type_name, {}).get(literal, ()))
        if not found and owner is not None and blind(value):
            found = {a for a in owner.references if self._type_of(a) in types}
        return sorted(found)

    def _type_of(self, address: str) -> str | None:
        res = self.resources.get(address)
        return res.type if res is not None else None


_ZONE_KEYS = ("availability_zone", "zone")


def _zone_regions(resources: Iterable[Resource]) -> dict[str, str]:
    """Per provider, the single region every zone its resources name belongs to.

    Used when a provider block's region is not known (`region = var.region` in plan
    JSON): subnets in us-east-2a and us-east-2b say the provider works in us-east-2.
    """
    from spofcheck.parse.terraform.adapters.zones import region_of_zone

    seen: dict[str, set[str]] = {}
    for res in resources:
        for inst in res.instances:
            for key in _ZONE_KEYS:
                zone = inst.attributes.get(key)
                region = region_of_zone(zone) if isinstance(zone, str) else None
                if region:
                    seen.setdefault(res.provider, set()).add(region)
    return {p: next(iter(r)) for p, r in sorted(seen.items()) if len(r) == 1}


def blind(value: Any) -> bool:
    """An unknown value (or one inside it) that lost track of what it was derived from."""
    if isinstance(value, Unknown):
        return not value.refs
    if isinstance(value, Mapping):
        return any(blind(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(blind(v) for v in value)
    return False


def _addresses(value: Any) -> Iterator[str]:
    if isinstance(value, Ref):
        yield value.address
    if isinstance(value, Unknown):
        yield from value.refs
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _addresses(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _addresses(item)


_IDENTITY_KEYS = (
    "name",
    "id",
    "arn",
    "bucket",
    "function_name",
    "identifier",
    "cluster_identifier",
    "global_cluster_identifier",
    "replication_group_id",
    "cluster_id",
)


def _names(resources: Iterable[Resource]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per type, the literal names (name, id, ARN, …) each resource can be referred to by."""
    found: dict[str, dict[str, set[str]]] = {}
    for res in resources:
        for inst in res.instances:
            for key in _IDENTITY_KEYS:
                value = inst.attributes.get(key)
                if isinstance(value, str) and value:
                    found.setdefault(res.type, {}).setdefault(value, set()).add(res.address)
    return {
        t: {n: tuple(sorted(a)) for n, a in sorted(by.items())} for t, by in sorted(found.items())
    }


def _literals(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value:
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _literals(item)


Handler = Callable[[Resource, Context], Draft]

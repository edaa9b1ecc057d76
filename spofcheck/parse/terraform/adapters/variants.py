"""Mutually exclusive `count` variants of one thing are one component, never two.

`count = var.x ? 1 : 0` beside `count = var.x ? 0 : 1` (same type, same module) creates
exactly one of the two resources. Modelled as two components they would look like
redundant alternatives behind whatever references both, hiding a single-task service.
The first in file order hosts the component; the others become its variants: plumbing
`part-of` it (so edges aimed at them reach it), tagged `variant-of:<host>`, and the host
lists each as `variant:<address>`. Where the variants' drafts differ, the host's value is
unknown (unresolved, or None), never one variant's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spofcheck.model import HealthCheck
from spofcheck.parse.terraform.adapters.base import Context, Draft, plumbing
from spofcheck.parse.terraform.countswitch import CountSwitch
from spofcheck.parse.terraform.resources import Instance, Resource

VARIANT = "variant:"
VARIANT_OF = "variant-of:"


@dataclass(frozen=True)
class Group:
    """A host resource (its count known when exactly one variant always exists) and the
    variants folded into it."""

    host: Resource
    variants: tuple[Resource, ...]


def variant_groups(resources: Iterable[Resource]) -> list[Group]:
    """Groups of two or more pairwise exclusive variants, each host first in file order."""
    kinds: dict[tuple[str, tuple[str, ...]], list[Resource]] = {}
    for res in sorted(resources, key=_file_order):
        if res.count_switch is not None:
            kinds.setdefault((res.type, res.module_path), []).append(res)
    groups = [g for _, same in sorted(kinds.items()) if len(same) > 1 for g in _grouped(same)]
    return [Group(_suppressed(_counted(g), g[1:]), tuple(g[1:])) for g in groups if len(g) > 1]


def _suppressed(host: Resource, variants: Sequence[Resource]) -> Resource:
    """A `spofcheck:ignore` on either spelling applies to the one component (the host's
    own reason wins where both suppress a rule)."""
    ignores: dict[str, str] = {}
    for res in (*reversed(variants), host):
        ignores.update(res.ignores)
    return host if ignores == dict(host.ignores) else dataclasses.replace(host, ignores=ignores)


def _grouped(same: list[Resource]) -> list[list[Resource]]:
    """Resources of one type and module, each joining the first group it excludes entirely.

    Only groups whose first member could exclude it are tried (`_Index`), so a module
    with thousands of `var.create ? 1 : 0` resources stays linear."""
    groups: list[list[Resource]] = []
    index = _Index()
    for res in same:
        switch = res.count_switch
        if switch is None:
            continue
        tried = sorted(index.candidates(switch))
        home = next((i for i in tried if all(_exclusive(res, o) for o in groups[i])), None)
        if home is None:
            index.add(len(groups), switch)
            groups.append([res])
        else:
            groups[home].append(res)
    return groups


class _Index:
    """Groups by the literals of their first member: exclusion needs an opposite literal
    (both plain) or every literal of the negated one among the plain one's."""

    def __init__(self) -> None:
        self.plain: dict[tuple[str, bool], set[int]] = {}
        self.negated: dict[tuple[str, bool], set[int]] = {}

    def add(self, group: int, switch: CountSwitch) -> None:
        table = self.negated if switch.negated else self.plain
        for literal in switch.literals:
            table.setdefault(literal, set()).add(group)

    def candidates(self, switch: CountSwitch) -> set[int]:
        found: set[int] = set()
        for text, holds in switch.literals:
            if switch.negated:
                found |= self.plain.get((text, holds), set())
            else:
                found |= self.plain.get((text, not holds), set())
                found |= self.negated.get((text, holds), set())
        return found


def _file_order(res: Resource) -> tuple[str, int, str]:
    return res.location.file, res.location.line, res.address


def _exclusive(res: Resource, other: Resource) -> bool:
    a, b = res.count_switch, other.count_switch
    return a is not None and b is not None and a.excludes(b)


def _counted(group: Sequence[Resource]) -> Resource:
    """The host; when its pair always creates exactly one of them with the same number of
    instances, that number is known: the representative instance stands for each."""
    host = group[0]
    switches = [r.count_switch for r in group]
    size = _known_size(switches)
    if size is None or not host.instances:
        return host
    body = host.instances[0].attributes
    instances = tuple(Instance(i, body) for i in range(size))
    # one of the two always exists: the host is no longer switched on or off by itself
    return dataclasses.replace(host, instances=instances, count_unknown=False, count_switch=None)


def _known_size(switches: Sequence[CountSwitch | None]) -> int | None:
    """Two variants, exactly one on whatever the unknowns are, of the same size: that size."""
    known = [sw for sw in switches if sw is not None]
    if len(switches) != 2 or len(known) != 2:
        return None
    a, b = known
    return a.size if a.complements(b) and a.size == b.size else None


def fold_context(ctx: Context, groups: Sequence[Group]) -> Context:
    """What handlers see of other resources: each host counted, each variant without
    instances, so a cluster does not count both variants of its member as two members."""
    if not groups:
        return ctx
    resources = dict(ctx.resources)
    for group in groups:
        resources[group.host.address] = group.host
        for variant in group.variants:
            resources[variant.address] = dataclasses.replace(variant, instances=())
    return dataclasses.replace(ctx, resources=resources)


def fold_resources(resources: Sequence[Resource], groups: Sequence[Group]) -> list[Resource]:
    """`resources` with each group's host replaced by its counted version."""
    hosts = {g.host.address: g.host for g in groups}
    return [hosts.get(r.address, r) for r in resources]


def fold_drafts(drafts: Mapping[str, Draft], groups: Sequence[Group]) -> dict[str, Draft]:
    """Each variant's draft folded into its host's; the variant becomes plumbing of it."""
    out = dict(drafts)
    for group in groups:
        host = group.host.address
        merged = out[host]
        for variant in group.variants:
            merged = _merge(merged, out[variant.address], variant.address)
            out[variant.address] = plumbing(part_of=host, tags=(VARIANT_OF + host,))
        out[host] = merged
    return out


def _merge(host: Draft, other: Draft, address: str) -> Draft:
    """One component that is either draft: what they disagree on is unknown."""
    unresolved = set(host.unresolved) | set(other.unresolved)
    if host.kind != other.kind or host.scope != other.scope:
        unresolved |= {"replicas", "zones"}
    if host.placement.replicas != other.placement.replicas:
        unresolved.add("replicas")
    if host.placement.zones != other.placement.zones:
        unresolved.add("zones")
    if host.standby != other.standby:
        unresolved.add("standby")
    if host.min_healthy != other.min_healthy:
        unresolved.add("min_healthy")
    return dataclasses.replace(
        host,
        unresolved=tuple(sorted(unresolved)),
        health_check=host.health_check
        if host.health_check == other.health_check
        else HealthCheck(enabled=None),
        sticky_sessions=_same(host.sticky_sessions, other.sticky_sessions),
        backups=_same(host.backups, other.backups),
        edges=host.edges + other.edges,
        entry=host.entry or other.entry,
        pool=host.pool or other.pool,
        tags=(*host.tags, VARIANT + address),
    )


def _same(a: bool | None, b: bool | None) -> bool | None:
    return a if a == b else None

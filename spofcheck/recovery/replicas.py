"""Terraform read replicas (`aws_db_instance.replicate_source_db`) as their source's DR standby.

The model keeps a read replica as its own component; for recovery it is what the runbook
promotes: a warm standby of its source, promoted by hand, replicated asynchronously, in
the replica's region. One standby per component: a source that already has an in-region
hot standby (Multi-AZ) counts it as a second primary (the pair survives an instance or
zone loss either way) and takes the replica as its standby.
"""

from __future__ import annotations

import re

from spofcheck.model import Architecture, Component, Failover, Standby, StandbyMode

_REF = re.compile(r"^\$\{((?:module\.[\w-]+\.)*aws_db_instance\.[\w-]+)[.\[]")


def with_dr_standbys(arch: Architecture) -> Architecture:
    """The architecture with every read replica's source given it as a standby."""
    replicas = _replicas_by_source(arch)
    if not replicas:
        return arch
    components = dict(arch.components)
    for source, found in replicas.items():
        changed = _with_standby(components[source], found)
        if changed is not None:
            components[source] = changed
    return arch.model_copy(update={"components": components})


def _replicas_by_source(arch: Architecture) -> dict[str, list[Component]]:
    identifiers = {
        str(c.attributes["identifier"]): c.id
        for c in arch.components.values()
        if c.resource_type == "aws_db_instance" and isinstance(c.attributes.get("identifier"), str)
    }
    out: dict[str, list[Component]] = {}
    for c in sorted(arch.components.values(), key=lambda c: c.id):
        ref = (
            c.attributes.get("replicate_source_db")
            if c.resource_type == "aws_db_instance"
            else None
        )
        source = _source(c, ref, identifiers) if isinstance(ref, str) else None
        if source is not None and source in arch.components and source != c.id:
            out.setdefault(source, []).append(c)
    return out


def _source(replica: Component, ref: str, identifiers: dict[str, str]) -> str | None:
    found = _REF.match(ref)
    if found is not None:
        prefix = replica.id[: replica.id.rfind("aws_db_instance.")]
        return prefix + found.group(1)
    return identifiers.get(ref) or identifiers.get(ref.rsplit(":", 1)[-1])


def _with_standby(source: Component, replicas: list[Component]) -> Component | None:
    region = replicas[0].region
    standby = Standby(
        mode=StandbyMode.WARM,
        failover=Failover.MANUAL,
        replicas=len(replicas),
        region=region,
        zones=[],
    )
    update: dict[str, object] = {
        "standby": standby,
        "attributes": {**source.attributes, "replication": "async"},
    }
    old = source.standby
    if old is not None:
        if source.zones and len(old.zones) != old.replicas:
            return None  # cannot place the in-region standby as a primary
        update["replicas"] = source.replicas + old.replicas
        update["zones"] = [*source.zones, *old.zones] if source.zones else []
    return source.model_copy(update=update)

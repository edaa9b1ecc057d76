"""What a compute component is made of: its own body and the definitions it launches from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.model import Component, Kind
from spofcheck.parse.terraform.adapters.base import Context
from spofcheck.parse.terraform.resources import Resource

COMPUTE = frozenset({Kind.SERVICE, Kind.FUNCTION, Kind.CLUSTER})
# Resources describing the machines or tasks of another resource.
DEFINITIONS = (
    "aws_launch_template",
    "aws_launch_configuration",
    "aws_ecs_task_definition",
    "google_compute_instance_template",
    "azurerm_network_interface",
)


def bodies(ctx: Context, res: Resource) -> Iterator[tuple[str, Any]]:
    """(attribute name, value) of every instance of a resource and of its definitions."""
    sources = [res, *(ctx.get(a) for a in sorted(res.references))]
    for item in sources:
        if item is None or (item is not res and item.type not in DEFINITIONS):
            continue
        for inst in item.instances:
            yield from inst.attributes.items()


def compute_resources(ctx: Context, components: Mapping[str, Component]) -> Iterator[Resource]:
    for cid, component in components.items():
        res = ctx.get(cid)
        if res is not None and component.kind in COMPUTE:
            yield res

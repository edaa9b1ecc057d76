"""Which handler turns which resource type into a component: one explicit table."""

from __future__ import annotations

from collections.abc import Mapping

from spofcheck.parse.terraform.adapters import (
    aws_compute,
    aws_containers,
    aws_data,
    aws_edge,
    aws_lb,
    aws_stores,
    azure_compute,
    azure_data,
    azure_network,
    gcp_compute,
    gcp_data,
    gcp_lb,
    kubernetes,
    managed,
)
from spofcheck.parse.terraform.adapters.base import Handler
from spofcheck.parse.terraform.adapters.generic import unknown_type

HANDLERS: Mapping[str, Handler] = {
    **aws_compute.HANDLERS,
    **aws_containers.HANDLERS,
    **aws_data.HANDLERS,
    **aws_edge.HANDLERS,
    **aws_lb.HANDLERS,
    **aws_stores.HANDLERS,
    **gcp_compute.HANDLERS,
    **gcp_data.HANDLERS,
    **gcp_lb.HANDLERS,
    **azure_compute.HANDLERS,
    **azure_data.HANDLERS,
    **azure_network.HANDLERS,
    **kubernetes.HANDLERS,
    **managed.HANDLERS,
}


def handler_for(type_name: str) -> Handler:
    """The adapter for a resource type; unknown types become plain nodes."""
    return HANDLERS.get(type_name, unknown_type)


def known_types() -> list[str]:
    """Every resource type an adapter understands, sorted (for docs and tests)."""
    return sorted(HANDLERS)

"""Hand-built `Resource` records for adapter tests, shaped the way the loader emits them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from spofcheck.model import Architecture, Location
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.resources import (
    Instance,
    LoadResult,
    OpaqueModule,
    Ref,
    Resource,
    Unknown,
)


def ref(address: str, attribute: str = "id", key: int | str | None = None) -> Ref:
    """`aws_subnet.a[0].id` as the loader writes it."""
    where = address if key is None else f"{address}[{key!r}]".replace("'", '"')
    return Ref(
        expr=f"{where}.{attribute}",
        refs=frozenset({address}),
        address=address,
        key=key,
        attribute=attribute,
    )


def unknown(expr: str, *refs: str) -> Unknown:
    return Unknown(expr=expr, refs=frozenset(refs))


def _split(address: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(mode, type, name, module path) of an address."""
    parts = address.split(".")
    modules: list[str] = []
    while parts[0] == "module":
        modules.append(parts[1])
        parts = parts[2:]
    mode = "managed"
    if parts[0] == "data":
        mode, parts = "data", parts[1:]
    return mode, parts[0], parts[1], tuple(modules)


def _addresses(value: Any) -> Iterator[str]:
    if isinstance(value, Unknown):
        yield from value.refs
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _addresses(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _addresses(item)


def res(
    address: str,
    attrs: Mapping[str, Any] | None = None,
    *,
    instances: Sequence[tuple[int | str | None, Mapping[str, Any]]] | None = None,
    count_unknown: bool = False,
    line: int = 1,
    file: str = "main.tf",
    provider_config: str | None = None,
    ignores: Mapping[str, str] | None = None,
    refs: Sequence[str] = (),
) -> Resource:
    """A resource with one instance (`attrs`) or several keyed `instances`.

    `refs` adds references the loader already turned into literals (`aws_elb.web.name`).
    """
    mode, type_, name, modules = _split(address)
    pairs = list(instances) if instances is not None else [(None, dict(attrs or {}))]
    found = {a for _, body in pairs for a in _addresses(body)} | set(refs)
    found.discard(address)
    return Resource(
        address=address,
        type=type_,
        name=name,
        mode=mode,
        instances=tuple(Instance(key=k, attributes=body) for k, body in pairs),
        location=Location(file=file, line=line, end_line=line + 5),
        module_path=modules,
        count_unknown=count_unknown,
        references=frozenset(found),
        ignores=dict(ignores or {}),
        provider_config=provider_config,
    )


def counted(address: str, bodies: Sequence[Mapping[str, Any]], **kw: Any) -> Resource:
    """A resource with `count = len(bodies)`."""
    return res(address, instances=list(enumerate(bodies)), **kw)


def subnets(address: str, zones: Sequence[str]) -> Resource:
    """`aws_subnet.<name>` with one counted instance per zone."""
    return counted(address, [{"availability_zone": z, "cidr_block": "10.0.0.0/24"} for z in zones])


def subnet_ids(address: str, n: int) -> list[Ref]:
    """`aws_subnet.<name>[*].id` as the loader expands it."""
    return [ref(address, "id", i) for i in range(n)]


def model(
    *resources: Resource,
    providers: Mapping[str, Mapping[str, Any]] | None = None,
    opaque: Sequence[OpaqueModule] = (),
) -> Architecture:
    result = LoadResult(
        resources=list(resources),
        providers=dict(providers or {"aws": {"region": "us-east-1"}}),
        opaque_modules=list(opaque),
        files=sorted({r.location.file for r in resources}),
    )
    return assemble(result, name="test")


def requests(arch: Architecture) -> set[tuple[str, str]]:
    """Plain request edges (source, target), any_of groups as (source, "a|b")."""
    return {(d.source, d.target or "|".join(d.any_of)) for d in arch.request_dependencies()}

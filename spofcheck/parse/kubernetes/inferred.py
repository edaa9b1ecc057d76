"""Dependencies guessed from environment variables that name another Service's DNS name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spofcheck.model import Dependency, Location
from spofcheck.parse.kubernetes.objects import containers, items
from spofcheck.parse.kubernetes.read import Obj

# host[:port] with an optional scheme: `http://orders.shop.svc:8080`, `orders:8080`
_ADDRESS = re.compile(
    r"(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?"
    r"(?P<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)"
    r"(?::(?P<port>\d{1,5}))?",
    re.IGNORECASE,
)
_CLUSTER_SUFFIXES = (".svc.cluster.local", ".svc")


def inferred_edges(obj: Obj, services: set[str]) -> Iterator[Dependency]:
    """One edge per Service an environment value of `obj` addresses."""
    seen: set[str] = set()
    for name, value in _env(obj):
        for target in _targets(value, obj.namespace, services):
            if target in seen:
                continue
            seen.add(target)
            yield Dependency(
                source=obj.id,
                target=target,
                location=Location(file=obj.file, line=obj.line),
                note=f"inferred from env {name}={value}",
                inferred=True,
            )


def _env(obj: Obj) -> Iterator[tuple[str, str]]:
    for container in containers(obj):
        for env in items(container.get("env")):
            if isinstance(env.get("value"), str):
                yield str(env.get("name", "")), env["value"]


def _targets(value: str, namespace: str, services: set[str]) -> Iterator[str]:
    for match in _ADDRESS.finditer(value):
        host = match.group("host").lower()
        qualified = host.endswith(_CLUSTER_SUFFIXES)
        for suffix in _CLUSTER_SUFFIXES:
            host = host.removesuffix(suffix)
        parts = host.split(".")
        if len(parts) > 2:
            continue
        # A bare word is only an address when a scheme or a port says so ("orders" alone
        # may be a queue or a table name); `name.namespace.svc` always is.
        if not (qualified or match.group("scheme") or match.group("port")):
            continue
        target = f"Service/{parts[1] if len(parts) == 2 else namespace}/{parts[0]}"
        if target in services:
            yield target

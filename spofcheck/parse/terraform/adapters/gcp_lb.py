"""Google Cloud load balancing and DNS: forwarding rules, proxies, URL maps, backends."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.model import HealthCheck, Kind, Scope
from spofcheck.parse.terraform.adapters.base import LOGICAL, Context, Draft, Edge, plumbing
from spofcheck.parse.terraform.adapters.cloud_dns import routing_health
from spofcheck.parse.terraform.adapters.values import as_list, blocks, json_safe, str_attr
from spofcheck.parse.terraform.resources import Resource, Unknown

RULES = ("google_compute_global_forwarding_rule", "google_compute_forwarding_rule")
PROXIES = (
    "google_compute_target_http_proxy",
    "google_compute_target_https_proxy",
    "google_compute_target_tcp_proxy",
    "google_compute_target_ssl_proxy",
    "google_compute_target_grpc_proxy",
    "google_compute_region_target_http_proxy",
    "google_compute_region_target_https_proxy",
    "google_compute_region_target_tcp_proxy",
)
URL_MAPS = ("google_compute_url_map", "google_compute_region_url_map")
BACKENDS = (
    "google_compute_backend_service",
    "google_compute_region_backend_service",
    "google_compute_backend_bucket",
    "google_compute_target_pool",
)
GROUPS = (
    "google_compute_instance_group_manager",
    "google_compute_region_instance_group_manager",
    "google_compute_instance_group",
    "google_compute_network_endpoint_group",
    "google_compute_region_network_endpoint_group",
)
HEALTH_CHECKS = (
    "google_compute_health_check",
    "google_compute_region_health_check",
    "google_compute_http_health_check",
    "google_compute_https_health_check",
)
ADDRESSES = ("google_compute_global_address", "google_compute_address")
_EXTERNAL = ("EXTERNAL", "EXTERNAL_MANAGED")


def forwarding_rule(res: Resource, ctx: Context) -> Draft:
    """The load balancer's front end: global ones are anycast, regional ones regional.

    Its proxies and URL maps are followed to the backends they route to.
    """
    attrs = res.attributes
    scheme = str_attr(attrs, "load_balancing_scheme", default="EXTERNAL")
    is_global = res.type == "google_compute_global_forwarding_rule"
    backends = sorted(set(_backends(ctx, attrs)))
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=Scope.GLOBAL if is_global else Scope.REGIONAL,
        variant=(scheme or "unknown").lower(),
        edges=tuple(Edge(targets=(b,)) for b in backends),
        entry=scheme in _EXTERNAL,
    )


def _backends(ctx: Context, attrs: Mapping[str, Any]) -> Iterator[str]:
    yield from ctx.pointed(attrs.get("backend_service"), *BACKENDS)
    yield from ctx.pointed(attrs.get("target"), *BACKENDS)
    for proxy in ctx.pointed(attrs.get("target"), *PROXIES):
        proxy_attrs = ctx.resources[proxy].attributes
        yield from ctx.pointed(proxy_attrs.get("backend_service"), *BACKENDS)
        for url_map in ctx.pointed(proxy_attrs.get("url_map"), *URL_MAPS):
            found = ctx.resources[url_map]
            yield from ctx.pointed(list(_walk(found.attributes)), *BACKENDS, owner=found)


def _walk(value: Any) -> Iterator[Any]:
    """Every leaf of a nested body (URL maps name services deep in path matchers)."""
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    else:
        yield value


def proxy_part(res: Resource, ctx: Context) -> Draft:
    """Proxies, URL maps and addresses fold into the first forwarding rule using them."""
    users = ctx.referring(res.address, *RULES, *PROXIES)
    return plumbing(part_of=users[0].address if users else None)


def backend_service(res: Resource, ctx: Context) -> Draft:
    """The load balancer's backend (the catalogue's LB figure is on it); its health checks
    and session affinity apply to the groups behind it."""
    attrs = res.attributes
    is_global = res.type == "google_compute_backend_service"
    groups = [t for b in blocks(attrs, "backend") for t in _group(ctx, b.get("group"), res)]
    affinity = str_attr(attrs, "session_affinity", default="NONE")
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=Scope.GLOBAL if is_global else Scope.REGIONAL,
        health_check=_checks(ctx, attrs),
        sticky_sessions=None if affinity is None else affinity != "NONE",
        edges=tuple(Edge(targets=(g,)) for g in sorted(set(groups))),
        pool=True,
    )


def _group(ctx: Context, value: Any, owner: Resource) -> list[str]:
    return ctx.targets(value) or ctx.pointed(value, *GROUPS, owner=owner)


def _checks(ctx: Context, attrs: Mapping[str, Any]) -> HealthCheck:
    if isinstance(attrs.get("health_checks"), Unknown):
        return HealthCheck(
            enabled=None, details={"health_checks": json_safe(attrs["health_checks"])}
        )
    listed = as_list(attrs.get("health_checks")) or []
    found = ctx.pointed(listed, *HEALTH_CHECKS)
    if not listed:
        return HealthCheck(enabled=False, details={"health_checks": []})
    return HealthCheck(enabled=True, details={"health_checks": found or json_safe(listed)})


def backend_bucket(res: Resource, ctx: Context) -> Draft:
    """Serves a Cloud Storage bucket through the load balancer."""
    buckets = ctx.pointed(res.attributes.get("bucket_name"), "google_storage_bucket")
    edges = tuple(Edge(targets=(b,)) for b in buckets)
    return Draft(kind=Kind.LOAD_BALANCER, scope=Scope.GLOBAL, availability=LOGICAL, edges=edges)


def target_pool(res: Resource, ctx: Context) -> Draft:
    """A legacy network load balancer pool: the instances it lists serve."""
    attrs = res.attributes
    edges = tuple(Edge(targets=(t,)) for t in ctx.targets(attrs.get("instances")))
    checks = attrs.get("health_checks")
    checked = None if isinstance(checks, Unknown) else bool(as_list(checks))
    affinity = str_attr(attrs, "session_affinity", default="NONE")
    return Draft(
        kind=Kind.LOAD_BALANCER,
        scope=Scope.REGIONAL,
        availability=LOGICAL,
        health_check=HealthCheck(enabled=checked),
        sticky_sessions=None if affinity is None else affinity != "NONE",
        edges=edges,
        pool=True,
    )


def health_check(res: Resource, ctx: Context) -> Draft:
    users = ctx.referring(res.address, *BACKENDS, "google_compute_instance_group_manager")
    return plumbing(part_of=users[0].address if users else None)


def dns_record(res: Resource, ctx: Context) -> Draft:
    """A Cloud DNS record: serves what its `rrdatas` name; an address stands for every
    forwarding rule listening on it (HTTP and HTTPS rules often share one). A routing
    policy and whether it checks health are kept in its health check (cloud_dns.py)."""
    attrs = res.attributes
    targets = sorted({r for t in ctx.targets(attrs.get("rrdatas")) for r in _listeners(ctx, t)})
    public = True
    for zone in ctx.pointed(attrs.get("managed_zone"), "google_dns_managed_zone"):
        public = str_attr(ctx.resources[zone].attributes, "visibility") != "private"
    return Draft(
        kind=Kind.DNS,
        scope=Scope.GLOBAL,
        health_check=routing_health(attrs),
        edges=tuple(Edge(targets=(t,)) for t in targets),
        entry=public,
    )


def _listeners(ctx: Context, target: str) -> list[str]:
    found = ctx.get(target)
    if found is None or found.type not in ADDRESSES:
        return [target]
    return [r.address for r in ctx.referring(target, *RULES)] or [target]


def address(res: Resource, ctx: Context) -> Draft:
    users = ctx.referring(res.address, *RULES)
    return plumbing(Kind.NETWORK, part_of=users[0].address if users else None)


HANDLERS = {
    **dict.fromkeys(RULES, forwarding_rule),
    **dict.fromkeys((*PROXIES, *URL_MAPS), proxy_part),
    "google_compute_backend_service": backend_service,
    "google_compute_region_backend_service": backend_service,
    "google_compute_backend_bucket": backend_bucket,
    "google_compute_target_pool": target_pool,
    **dict.fromkeys(HEALTH_CHECKS, health_check),
    "google_dns_record_set": dns_record,
    **dict.fromkeys(ADDRESSES, address),
}

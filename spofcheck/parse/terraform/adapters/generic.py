"""Resource types no adapter knows: kept as plain nodes, plumbing marked as such."""

from __future__ import annotations

from spofcheck.model import Kind, Scope
from spofcheck.parse.terraform.adapters.base import Context, Draft, plumbing
from spofcheck.parse.terraform.resources import Resource

# Providers whose resources never carry requests (generated values, local files, …).
_CONFIG_PROVIDERS = frozenset(
    {"random", "null", "tls", "time", "local", "terraform", "archive", "template", "http"}
)
# Words in a type name that say "configuration": identity, security, observability, …
_CONFIG_WORDS = (
    "iam",
    "security_group",
    "policy",
    "role",
    "key_pair",
    "kms",
    "acm",
    "certificate",
    "cloudwatch",
    "log",
    "alarm",
    "monitor",
    "parameter",
    "secret",
    "ssm",
    "permission",
    "attachment",
    "association",
    "subnet_group",
    "parameter_group",
    "option_group",
    "route53_zone",
    "dns_managed_zone",
    "dns_zone",
    "service_account",
    "project",
    "resource_group",
    "firewall",
    "budget",
    "backup",
    "snapshot",
    "binding",
    "member",
    "subscription",
    "dashboard",
    "diagnostic",
    "lock",
    "template",
    "availability_set",
    "placement_group",
)
_NETWORK_WORDS = (
    "vpc",
    "subnet",
    "subnetwork",
    "route",
    "route_table",
    "router",
    "internet_gateway",
    "egress_only_internet_gateway",
    "network",
    "virtual_network",
    "eip",
    "address",
    "public_ip",
    "vpn",
    "peering",
    "transit_gateway",
    "network_interface",
    "network_acl",
)


def classify(type_name: str) -> Kind:
    """CONFIG or NETWORK for plumbing recognised by name, OTHER for the rest."""
    provider, _, rest = type_name.partition("_")
    if provider in _CONFIG_PROVIDERS:
        return Kind.CONFIG
    padded = f"_{rest}_"
    if any(f"_{word}_" in padded for word in _CONFIG_WORDS):
        return Kind.CONFIG
    if any(f"_{word}_" in padded for word in _NETWORK_WORDS):
        return Kind.NETWORK
    return Kind.OTHER


UNMODELLED = (
    1.0,
    "not modelled: no adapter knows this resource type, so its redundancy and availability "
    "are unknown; left out of the figure",
)


def unknown_type(res: Resource, ctx: Context) -> Draft:
    """Plumbing when the name says so; else an `other` node marked `modelled: false`.

    Its redundancy is unknown, not "one replica": no rule judges it as a single point of
    failure, the calculator leaves it out (figure 1.0, saying so), and coverage lists it.
    """
    kind = classify(res.type)
    if kind is Kind.OTHER:
        return Draft(kind=Kind.OTHER, modelled=False, availability=UNMODELLED)
    if res.type.startswith(GLOBAL_PREFIXES):
        return plumbing(kind, scope=Scope.GLOBAL)
    return plumbing(kind)


# Configuration of services that live in no region (DNS zones and health checks, identity,
# organizations): a region outage does not take them away, so a design that fails over to
# another region keeps them. The provider's region is only where its API was called.
GLOBAL_PREFIXES = (
    "aws_route53_",
    "aws_iam_",
    "aws_organizations_",
    "aws_cloudfront_",
    "azuread_",
    "google_service_account",
    "google_project_iam_",
    "google_organization_",
    "google_dns_",
)

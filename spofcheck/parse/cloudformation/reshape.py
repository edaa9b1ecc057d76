"""Property shapes CloudFormation and Terraform spell differently (lists of key/value
attributes, flat health-check fields, `Scheme`), rewritten to Terraform's shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Attrs = dict[str, Any]


def key_values(items: Any) -> dict[str, Any]:
    """`[{Key: a, Value: b}]` (already snake-cased: key/value) → {a: b}."""
    found: dict[str, Any] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("key"), str):
            found[item["key"]] = item.get("value")
    return found


def load_balancer(attrs: Attrs) -> Attrs:
    """`Scheme: internal` → internal; `LoadBalancerAttributes` → Terraform's flags."""
    scheme = attrs.pop("scheme", None)
    if scheme is not None:
        attrs["internal"] = scheme == "internal" if isinstance(scheme, str) else scheme
    flags = key_values(attrs.pop("load_balancer_attributes", None))
    for key, name in (
        ("deletion_protection.enabled", "enable_deletion_protection"),
        ("load_balancing.cross_zone.enabled", "enable_cross_zone_load_balancing"),
        ("routing.http.drop_invalid_header_fields.enabled", "drop_invalid_header_fields"),
    ):
        if key in flags:
            attrs[name] = flags[key]
    return attrs


_HEALTH = {
    "health_check_enabled": "enabled",
    "health_check_path": "path",
    "health_check_port": "port",
    "health_check_protocol": "protocol",
    "health_check_interval_seconds": "interval",
    "health_check_timeout_seconds": "timeout",
    "healthy_threshold_count": "healthy_threshold",
    "unhealthy_threshold_count": "unhealthy_threshold",
}


def target_group(attrs: Attrs) -> Attrs:
    """Flat `HealthCheck*` fields → a `health_check` block; attributes → stickiness."""
    health = {new: attrs.pop(old) for old, new in _HEALTH.items() if old in attrs}
    matcher = attrs.pop("matcher", None)
    if isinstance(matcher, Mapping):
        health["matcher"] = matcher.get("http_code", matcher.get("grpc_code"))
    if health:
        attrs["health_check"] = [health]
    flags = key_values(attrs.pop("target_group_attributes", None))
    if "stickiness.enabled" in flags:
        sticky = {"enabled": flags["stickiness.enabled"]}
        sticky["type"] = flags.get("stickiness.type", "lb_cookie")
        attrs["stickiness"] = [sticky]
    if "deregistration_delay.timeout_seconds" in flags:
        attrs["deregistration_delay"] = flags["deregistration_delay.timeout_seconds"]
    attrs.pop("targets", None)  # registered through attachments (see mapping.EXTRA)
    return attrs


def actions(attrs: Attrs, name: str) -> Attrs:
    """Listener actions: `ForwardConfig.TargetGroups[].TargetGroupArn` → forward blocks."""
    found = attrs.pop(name + "s", None)
    out = []
    for given in found if isinstance(found, list) else []:
        if not isinstance(given, Mapping):
            continue
        action = dict(given)
        config = action.pop("forward_config", None)
        if isinstance(config, Mapping):
            groups = config.get("target_groups")
            listed = groups if isinstance(groups, list) else []
            arns = [{"arn": g.get("target_group_arn")} for g in listed if isinstance(g, Mapping)]
            action["forward"] = [{"target_group": arns}]
        out.append(action)
    attrs[name] = out
    return attrs


def listener(attrs: Attrs) -> Attrs:
    certificates = attrs.pop("certificates", None)
    if isinstance(certificates, list) and certificates:
        first = certificates[0]
        if isinstance(first, Mapping):
            attrs["certificate_arn"] = first.get("certificate_arn")
    return actions(attrs, "default_action")


def listener_rule(attrs: Attrs) -> Attrs:
    return actions(attrs, "action")


def launch_template(attrs: Attrs) -> Attrs:
    """`LaunchTemplateData` holds what Terraform writes at the top level."""
    data = attrs.pop("launch_template_data", None)
    if isinstance(data, Mapping):
        attrs.update(data)
    if "security_group_ids" in attrs:
        attrs["vpc_security_group_ids"] = attrs.pop("security_group_ids")
    return attrs


def instance(attrs: Attrs) -> Attrs:
    if "security_group_ids" in attrs:
        attrs["vpc_security_group_ids"] = attrs.pop("security_group_ids")
    if "image_id" in attrs:
        attrs["ami"] = attrs.pop("image_id")
    return attrs


def autoscaling_group(attrs: Attrs) -> Attrs:
    template = attrs.get("launch_template")
    if isinstance(template, Mapping):
        renamed = {"id": template.get("launch_template_id"), "version": template.get("version")}
        if "launch_template_name" in template:
            renamed["name"] = template["launch_template_name"]
        attrs["launch_template"] = [renamed]
    return attrs


def _rule(rule: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(rule)
    source = out.pop("source_security_group_id", None)
    if source is not None:
        out["security_groups"] = [source]
    if "cidr_ip" in out:
        out["cidr_blocks"] = [out.pop("cidr_ip")]
    if "ip_protocol" in out:
        out["protocol"] = out.pop("ip_protocol")
    return out


def security_group(attrs: Attrs) -> Attrs:
    for old, new in (("security_group_ingress", "ingress"), ("security_group_egress", "egress")):
        rules = attrs.pop(old, None)
        if isinstance(rules, list):
            attrs[new] = [_rule(r) for r in rules if isinstance(r, Mapping)]
    if "group_description" in attrs:
        attrs["description"] = attrs.pop("group_description")
    return attrs


def record(attrs: Attrs) -> Attrs:
    alias = attrs.pop("alias_target", None)
    if isinstance(alias, Mapping):
        attrs["alias"] = [
            {
                "name": alias.get("dns_name"),
                "zone_id": alias.get("hosted_zone_id"),
                "evaluate_target_health": alias.get("evaluate_target_health", False),
            }
        ]
    failover = attrs.pop("failover", None)
    if failover is not None:
        attrs["failover_routing_policy"] = [{"type": failover}]
    if "multi_value_answer" in attrs:
        attrs["multivalue_answer_routing_policy"] = attrs.pop("multi_value_answer")
    return attrs


def dynamodb_table(attrs: Attrs) -> Attrs:
    spec = attrs.pop("point_in_time_recovery_specification", None)
    if isinstance(spec, Mapping):
        attrs["point_in_time_recovery"] = [
            {"enabled": spec.get("point_in_time_recovery_enabled", False)}
        ]
    return attrs


def bucket(attrs: Attrs) -> Attrs:
    versioning = attrs.pop("versioning_configuration", None)
    if isinstance(versioning, Mapping):
        attrs["versioning"] = [{"enabled": versioning.get("status") == "Enabled"}]
    return attrs


def classic_elb(attrs: Attrs) -> Attrs:
    scheme = attrs.pop("scheme", None)
    if scheme is not None:
        attrs["internal"] = scheme == "internal" if isinstance(scheme, str) else scheme
    return attrs


def api_method(attrs: Attrs) -> Attrs:
    """A method's inline `Integration` is Terraform's separate integration: its `uri`."""
    integration = attrs.pop("integration", None)
    if isinstance(integration, Mapping):
        attrs["uri"] = integration.get("uri")
    return attrs

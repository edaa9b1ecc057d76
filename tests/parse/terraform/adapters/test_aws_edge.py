"""AWS edge: Route 53 (entry points, failover), CloudFront, API Gateway, NAT, EIPs."""

from __future__ import annotations

from spofcheck.model import DependencyKind, Kind, Scope
from spofcheck.parse.terraform.resources import Resource
from tests.helpers.adapter_kit import counted, model, ref, requests, res, subnets, unknown


def _zone(private: bool = False) -> Resource:
    body: dict[str, object] = {"name": "example.com"}
    if private:
        body["vpc"] = [{"vpc_id": "vpc-123"}]
    return res("aws_route53_zone.main", body)


def _alias(target: str, **attrs: object) -> dict[str, object]:
    return {
        "zone_id": ref("aws_route53_zone.main", "zone_id"),
        "name": "www.example.com",
        "type": "A",
        "alias": [
            {
                "name": ref(target, "dns_name"),
                "zone_id": ref(target, "zone_id"),
                "evaluate_target_health": True,
            }
        ],
        **attrs,
    }


def _alb() -> Resource:
    return res("aws_lb.web", {"availability_zones": ["us-east-1a", "us-east-1b"]})


def test_public_alias_record_is_the_entry_point_not_the_lb_behind_it() -> None:
    arch = model(_zone(), _alb(), res("aws_route53_record.www", _alias("aws_lb.web")))
    record = arch.components["aws_route53_record.www"]
    assert (record.kind, record.scope, record.region) == (Kind.DNS, Scope.GLOBAL, None)
    assert record.health_check.enabled is None  # a simple record acts on no health
    assert requests(arch) == {("aws_route53_record.www", "aws_lb.web")}
    assert arch.entrypoints == ["aws_route53_record.www"]


def test_record_in_a_private_zone_is_not_an_entry_point() -> None:
    arch = model(_zone(private=True), _alb(), res("aws_route53_record.www", _alias("aws_lb.web")))
    assert arch.entrypoints == ["aws_lb.web"]


def test_record_pointing_at_nothing_modelled_is_not_an_entry_point() -> None:
    arch = model(
        _zone(),
        res("aws_acm_certificate.web", {"domain_name": "www.example.com"}),
        res(
            "aws_route53_record.validation",
            {
                "zone_id": ref("aws_route53_zone.main", "zone_id"),
                "type": "CNAME",
                "records": [unknown("each.value.record", "aws_acm_certificate.web")],
            },
        ),
    )
    assert arch.entrypoints == []
    assert arch.request_dependencies() == []


def test_failover_pair_is_one_record_needing_either_target() -> None:
    arch = model(
        _zone(),
        _alb(),
        res("aws_lb.dr", {"availability_zones": ["us-west-2a", "us-west-2b"]}),
        res(
            "aws_route53_record.primary",
            _alias("aws_lb.web", set_identifier="a", failover_routing_policy=[{"type": "PRIMARY"}]),
        ),
        res(
            "aws_route53_record.secondary",
            _alias(
                "aws_lb.dr", set_identifier="b", failover_routing_policy=[{"type": "SECONDARY"}]
            ),
        ),
    )
    [dep] = arch.request_dependencies()
    assert (dep.source, dep.any_of) == ("aws_route53_record.primary", ["aws_lb.dr", "aws_lb.web"])
    primary = arch.components["aws_route53_record.primary"]
    assert primary.health_check.enabled is True  # evaluate_target_health
    assert primary.health_check.details["routing"] == "failover"
    secondary = arch.components["aws_route53_record.secondary"]
    assert secondary.kind is Kind.CONFIG
    assert "part-of:aws_route53_record.primary" in secondary.tags
    assert arch.entrypoints == ["aws_route53_record.primary"]


def test_primary_without_health_check_is_reported_unchecked() -> None:
    body = _alias("aws_lb.web", set_identifier="a", failover_routing_policy=[{"type": "PRIMARY"}])
    body["alias"] = [{"name": ref("aws_lb.web", "dns_name"), "evaluate_target_health": False}]
    arch = model(_zone(), _alb(), res("aws_route53_record.primary", body))
    assert arch.components["aws_route53_record.primary"].health_check.enabled is False


def test_failover_to_something_outside_the_code_is_only_soft() -> None:
    """The SECONDARY points at a literal IP: the LB is needed only if it is the sole option."""
    arch = model(
        _zone(),
        _alb(),
        res(
            "aws_route53_record.primary",
            _alias("aws_lb.web", failover_routing_policy=[{"type": "PRIMARY"}]),
        ),
        res(
            "aws_route53_record.secondary",
            {
                "zone_id": ref("aws_route53_zone.main", "zone_id"),
                "name": "www.example.com",
                "type": "A",
                "records": ["203.0.113.10"],
                "failover_routing_policy": [{"type": "SECONDARY"}],
            },
        ),
    )
    [dep] = arch.request_dependencies()
    assert (dep.target, dep.kind) == ("aws_lb.web", DependencyKind.SOFT)


def test_cloudfront_origin_group_needs_either_origin_and_dns_fronts_it() -> None:
    distribution = res(
        "aws_cloudfront_distribution.cdn",
        {
            "enabled": True,
            "origin": [
                {
                    "origin_id": "primary",
                    "domain_name": ref("aws_s3_bucket.east", "bucket_regional_domain_name"),
                },
                {
                    "origin_id": "failover",
                    "domain_name": ref("aws_s3_bucket.west", "bucket_regional_domain_name"),
                },
                {"origin_id": "api", "domain_name": ref("aws_lb.web", "dns_name")},
            ],
            "origin_group": [
                {
                    "origin_id": "assets",
                    "member": [{"origin_id": "primary"}, {"origin_id": "failover"}],
                }
            ],
            "default_cache_behavior": [{"target_origin_id": "assets"}],
            "ordered_cache_behavior": [{"path_pattern": "/api/*", "target_origin_id": "api"}],
        },
    )
    record = {
        "zone_id": ref("aws_route53_zone.main", "zone_id"),
        "type": "A",
        "alias": [{"name": ref("aws_cloudfront_distribution.cdn", "domain_name")}],
    }
    arch = model(
        _zone(),
        _alb(),
        res("aws_s3_bucket.east", {}),
        res("aws_s3_bucket.west", {}),
        distribution,
        res("aws_route53_record.www", record),
    )
    assert requests(arch) == {
        ("aws_route53_record.www", "aws_cloudfront_distribution.cdn"),
        ("aws_cloudfront_distribution.cdn", "aws_s3_bucket.east|aws_s3_bucket.west"),
        ("aws_cloudfront_distribution.cdn", "aws_lb.web"),
    }
    assert arch.components["aws_cloudfront_distribution.cdn"].scope is Scope.GLOBAL
    assert arch.entrypoints == ["aws_route53_record.www"]


def test_api_gateway_integration_calls_the_function() -> None:
    arch = model(
        res("aws_api_gateway_rest_api.api", {"name": "api"}),
        res("aws_lambda_function.handler", {"function_name": "handler"}),
        res(
            "aws_api_gateway_integration.get",
            {
                "rest_api_id": ref("aws_api_gateway_rest_api.api"),
                "uri": ref("aws_lambda_function.handler", "invoke_arn"),
            },
        ),
    )
    assert requests(arch) == {("aws_api_gateway_rest_api.api", "aws_lambda_function.handler")}
    assert arch.entrypoints == ["aws_api_gateway_rest_api.api"]


def test_private_rest_api_is_not_an_entry_point() -> None:
    api = res("aws_api_gateway_rest_api.api", {"endpoint_configuration": [{"types": ["PRIVATE"]}]})
    assert model(api).entrypoints == []


def test_nat_gateways_take_their_subnets_zones() -> None:
    nat = counted(
        "aws_nat_gateway.nat", [{"subnet_id": ref("aws_subnet.pub", "id", i)} for i in range(2)]
    )
    component = model(subnets("aws_subnet.pub", ["us-east-1a", "us-east-1b"]), nat).components[
        "aws_nat_gateway.nat"
    ]
    assert (component.kind, component.replicas, component.zones) == (
        Kind.NAT,
        2,
        ["us-east-1a", "us-east-1b"],
    )


def test_record_to_an_elastic_ip_reaches_its_instance() -> None:
    arch = model(
        _zone(),
        res("aws_instance.web", {"availability_zone": "us-east-1a"}),
        res("aws_eip.web", {"instance": ref("aws_instance.web")}),
        res(
            "aws_route53_record.www",
            {
                "zone_id": ref("aws_route53_zone.main", "zone_id"),
                "type": "A",
                "records": [ref("aws_eip.web", "public_ip")],
            },
        ),
    )
    assert requests(arch) == {("aws_route53_record.www", "aws_instance.web")}
    assert arch.entrypoints == ["aws_route53_record.www"]


def _latency(region: str, target: str, evaluate: bool) -> dict[str, object]:
    body = _alias(target, set_identifier=region, latency_routing_policy=[{"region": region}])
    body["alias"] = [{"name": ref(target, "dns_name"), "evaluate_target_health": evaluate}]
    return body


def _two_regions(evaluate: bool) -> list[Resource]:
    return [
        _zone(),
        res("aws_lb.east", {"availability_zones": ["us-east-1a", "us-east-1b"]}),
        res("aws_lb.west", {"availability_zones": ["us-west-2a", "us-west-2b"]}),
        res("aws_route53_record.east", _latency("us-east-1", "aws_lb.east", evaluate)),
        res("aws_route53_record.west", _latency("us-west-2", "aws_lb.west", evaluate)),
    ]


def test_health_checked_latency_records_are_one_name_needing_either_region() -> None:
    arch = model(*_two_regions(evaluate=True))
    assert requests(arch) == {("aws_route53_record.east", "aws_lb.east|aws_lb.west")}
    assert arch.entrypoints == ["aws_route53_record.east"]
    assert "part-of:aws_route53_record.east" in arch.components["aws_route53_record.west"].tags


def test_latency_records_without_health_checks_need_both_regions() -> None:
    """Route 53 keeps answering with the dead region's record: its users fail."""
    arch = model(*_two_regions(evaluate=False))
    assert requests(arch) == {
        ("aws_route53_record.east", "aws_lb.east"),
        ("aws_route53_record.east", "aws_lb.west"),
    }
    assert arch.components["aws_route53_record.east"].health_check.enabled is False

"""Request edges read across resources: stores an app names, security groups, NAT egress."""

from __future__ import annotations

from spofcheck.parse.terraform.resources import Resource
from tests.helpers.adapter_kit import model, ref, requests, res, subnets, unknown

AZS = ["us-east-1a", "us-east-1b"]


def _db() -> Resource:
    return res(
        "aws_db_instance.main",
        {
            "availability_zone": "us-east-1a",
            "vpc_security_group_ids": [ref("aws_security_group.db")],
        },
    )


def _app(**attrs: object) -> Resource:
    return res(
        "aws_instance.app",
        {
            "availability_zone": "us-east-1a",
            "vpc_security_group_ids": [ref("aws_security_group.app")],
            **attrs,
        },
    )


def test_security_group_rule_admitting_the_app_makes_it_call_the_store() -> None:
    arch = model(
        res("aws_security_group.app", {}),
        res("aws_security_group.db", {}),
        res(
            "aws_security_group_rule.db_from_app",
            {
                "type": "ingress",
                "security_group_id": ref("aws_security_group.db"),
                "source_security_group_id": ref("aws_security_group.app"),
                "from_port": 5432,
            },
        ),
        _db(),
        _app(),
    )
    assert requests(arch) == {("aws_instance.app", "aws_db_instance.main")}
    [dep] = arch.request_dependencies()
    assert dep.note == "security group aws_security_group.db admits aws_security_group.app"


def test_egress_rule_does_not_say_who_calls_whom() -> None:
    arch = model(
        res("aws_security_group.app", {}),
        res("aws_security_group.db", {}),
        res(
            "aws_security_group_rule.out",
            {
                "type": "egress",
                "security_group_id": ref("aws_security_group.db"),
                "source_security_group_id": ref("aws_security_group.app"),
            },
        ),
        _db(),
        _app(),
    )
    assert requests(arch) == set()


def test_admitted_load_balancer_is_not_a_store() -> None:
    """Only stateful targets: an LB's group admitting the app says nothing about calls."""
    arch = model(
        res("aws_security_group.app", {}),
        res(
            "aws_security_group.lb",
            {"ingress": [{"security_groups": [ref("aws_security_group.app")]}]},
        ),
        res("aws_lb.web", {"internal": False, "security_groups": [ref("aws_security_group.lb")]}),
        _app(),
    )
    assert requests(arch) == set()


def test_app_naming_an_internal_lb_calls_it_but_not_a_public_one() -> None:
    arch = model(
        res("aws_lb.internal", {"internal": True}),
        res("aws_lb.public", {"internal": False}),
        _app(user_data=unknown('templatefile("x", {...})', "aws_lb.internal", "aws_lb.public")),
    )
    assert requests(arch) == {("aws_instance.app", "aws_lb.internal")}


def test_diagnostics_storage_is_not_a_call() -> None:
    arch = model(
        res(
            "azurerm_storage_account.diag",
            {"location": "eastus", "account_replication_type": "LRS"},
        ),
        res(
            "azurerm_linux_virtual_machine.vm",
            {
                "location": "eastus",
                "zone": "1",
                "boot_diagnostics": [
                    {
                        "storage_account_uri": ref(
                            "azurerm_storage_account.diag", "primary_blob_endpoint"
                        )
                    }
                ],
            },
        ),
        providers={"azurerm": {}},
    )
    assert requests(arch) == set()


def test_private_subnet_routes_through_nat_via_separate_route_resources() -> None:
    arch = model(
        subnets("aws_subnet.pub", AZS),
        subnets("aws_subnet.priv", AZS),
        res("aws_nat_gateway.nat", {"subnet_id": ref("aws_subnet.pub", "id", 0)}),
        res("aws_route_table.priv", {}),
        res(
            "aws_route.default",
            {
                "route_table_id": ref("aws_route_table.priv"),
                "nat_gateway_id": ref("aws_nat_gateway.nat"),
            },
        ),
        res(
            "aws_route_table_association.priv",
            {
                "subnet_id": ref("aws_subnet.priv", "id", 1),
                "route_table_id": ref("aws_route_table.priv"),
            },
        ),
        res("aws_instance.app", {"subnet_id": ref("aws_subnet.priv", "id", 1)}),
        res("aws_instance.public", {"subnet_id": ref("aws_subnet.pub", "id", 1)}),
    )
    assert requests(arch) == {("aws_instance.app", "aws_nat_gateway.nat")}
    dep = arch.request_dependencies()[0]
    assert dep.note == "egress from aws_subnet.priv through aws_nat_gateway.nat"


def test_azure_subnet_nat_association_reaches_scale_sets_in_it() -> None:
    arch = model(
        res("azurerm_subnet.app", {}),
        res("azurerm_nat_gateway.nat", {"location": "eastus", "zones": ["1"]}),
        res(
            "azurerm_subnet_nat_gateway_association.app",
            {
                "subnet_id": ref("azurerm_subnet.app"),
                "nat_gateway_id": ref("azurerm_nat_gateway.nat"),
            },
        ),
        res(
            "azurerm_linux_virtual_machine_scale_set.app",
            {
                "location": "eastus",
                "instances": 2,
                "zones": ["1", "2"],
                "network_interface": [
                    {"ip_configuration": [{"subnet_id": ref("azurerm_subnet.app")}]}
                ],
            },
        ),
        providers={"azurerm": {}},
    )
    assert requests(arch) == {
        ("azurerm_linux_virtual_machine_scale_set.app", "azurerm_nat_gateway.nat")
    }
    nat = arch.components["azurerm_nat_gateway.nat"]
    assert (nat.zones, nat.region) == (["eastus-1"], "eastus")


def test_subnet_without_association_uses_the_vpcs_main_route_table() -> None:
    """aws_default_route_table manages the VPC's main table, here routed through the NAT."""
    arch = model(
        res("aws_vpc.main", {"cidr_block": "10.0.0.0/16"}),
        res("aws_subnet.pub", {"availability_zone": "us-east-1a", "vpc_id": ref("aws_vpc.main")}),
        res("aws_subnet.app", {"availability_zone": "us-east-1b", "vpc_id": ref("aws_vpc.main")}),
        res("aws_nat_gateway.nat", {"subnet_id": ref("aws_subnet.pub")}),
        res("aws_route_table.pub", {"route": [{"gateway_id": "igw-1"}]}),
        res(
            "aws_route_table_association.pub",
            {"subnet_id": ref("aws_subnet.pub"), "route_table_id": ref("aws_route_table.pub")},
        ),
        res(
            "aws_default_route_table.main",
            {
                "default_route_table_id": ref("aws_vpc.main", "default_route_table_id"),
                "route": [
                    {"cidr_block": "0.0.0.0/0", "nat_gateway_id": ref("aws_nat_gateway.nat")}
                ],
            },
        ),
        res("aws_instance.app", {"subnet_id": ref("aws_subnet.app")}),
        res("aws_instance.edge", {"subnet_id": ref("aws_subnet.pub")}),
    )
    assert requests(arch) == {("aws_instance.app", "aws_nat_gateway.nat")}

"""Azure: VMs and scale sets in numbered zones, LBs, gateways, databases, Redis, storage."""

from __future__ import annotations

from typing import Any

from spofcheck.model import Architecture, Failover, Kind, Scope
from tests.helpers.adapter_kit import counted, model, ref, requests, res, unknown

WHERE = {"location": "East US"}


def az(*resources: Any) -> Architecture:
    return model(*resources, providers={"azurerm": {"features": [{}]}})


def test_vm_zone_is_named_after_its_location() -> None:
    """location "East US" → eastus; zone "2" → eastus-2."""
    vms = counted(
        "azurerm_linux_virtual_machine.vm", [{**WHERE, "zone": "1"}, {**WHERE, "zone": "2"}]
    )
    vm = az(vms).components["azurerm_linux_virtual_machine.vm"]
    assert (vm.replicas, vm.zones, vm.region) == (2, ["eastus-1", "eastus-2"], "eastus")


def test_vm_without_zone_is_placed_somewhere_unknown() -> None:
    vm = az(res("azurerm_windows_virtual_machine.vm", dict(WHERE))).components[
        "azurerm_windows_virtual_machine.vm"
    ]
    assert vm.unresolved == ["zones"]


def test_scale_set_balanced_over_zones_with_autoscale_floor() -> None:
    arch = az(
        res(
            "azurerm_linux_virtual_machine_scale_set.app",
            {
                **WHERE,
                "instances": 6,
                "zones": ["1", "2", "3"],
                "health_probe_id": ref("azurerm_lb_probe.app"),
            },
        ),
        res(
            "azurerm_monitor_autoscale_setting.app",
            {
                "target_resource_id": ref("azurerm_linux_virtual_machine_scale_set.app"),
                "profile": [{"capacity": [{"default": 4, "minimum": 2, "maximum": 9}]}],
            },
        ),
    )
    vmss = arch.components["azurerm_linux_virtual_machine_scale_set.app"]
    assert (vmss.replicas, vmss.zones, vmss.health_check.enabled) == (
        2,
        ["eastus-1", "eastus-2"],
        True,
    )


def test_scale_set_with_unknown_autoscale_minimum_has_an_unknown_size() -> None:
    """capacity.minimum = var.min: the setting decides, `instances = 6` is no fallback."""
    arch = az(
        res(
            "azurerm_linux_virtual_machine_scale_set.app",
            {**WHERE, "instances": 6, "zones": ["1", "2", "3"]},
        ),
        res(
            "azurerm_monitor_autoscale_setting.app",
            {
                "target_resource_id": ref("azurerm_linux_virtual_machine_scale_set.app"),
                "profile": [
                    {"capacity": [{"default": 4, "minimum": unknown("var.min"), "maximum": 9}]}
                ],
            },
        ),
    )
    assert "replicas" in arch.components["azurerm_linux_virtual_machine_scale_set.app"].unresolved


def _lb(public: bool, **attrs: Any) -> Any:
    frontend: dict[str, Any] = {"name": "fe", "zones": ["1", "2", "3"]}
    if public:
        frontend = {"name": "fe", "public_ip_address_id": ref("azurerm_public_ip.lb")}
    return res(
        "azurerm_lb.web",
        {**WHERE, "sku": "Standard", "frontend_ip_configuration": [frontend], **attrs},
    )


def test_public_load_balancer_probes_affinity_and_pool_members() -> None:
    arch = az(
        res("azurerm_public_ip.lb", {**WHERE, "zones": ["1", "2", "3"]}),
        _lb(public=True),
        res("azurerm_lb_backend_address_pool.web", {"loadbalancer_id": ref("azurerm_lb.web")}),
        res("azurerm_lb_probe.web", {"loadbalancer_id": ref("azurerm_lb.web"), "port": 80}),
        res(
            "azurerm_lb_rule.web",
            {"loadbalancer_id": ref("azurerm_lb.web"), "load_distribution": "SourceIPProtocol"},
        ),
        res(
            "azurerm_linux_virtual_machine_scale_set.app",
            {
                **WHERE,
                "instances": 2,
                "zones": ["1", "2"],
                "network_interface": [
                    {
                        "ip_configuration": [
                            {
                                "load_balancer_backend_address_pool_ids": [
                                    ref("azurerm_lb_backend_address_pool.web")
                                ]
                            }
                        ]
                    }
                ],
            },
        ),
    )
    lb = arch.components["azurerm_lb.web"]
    assert (lb.scope, lb.health_check.enabled, lb.sticky_sessions) == (Scope.REGIONAL, True, True)
    assert requests(arch) == {("azurerm_lb.web", "azurerm_linux_virtual_machine_scale_set.app")}
    assert arch.entrypoints == ["azurerm_lb.web"]
    assert "part-of:azurerm_lb.web" in arch.components["azurerm_public_ip.lb"].tags


def test_internal_lb_pinned_to_one_zone_without_probes() -> None:
    arch = az(_lb(public=False, frontend_ip_configuration=[{"name": "fe", "zones": ["2"]}]))
    lb = arch.components["azurerm_lb.web"]
    assert (lb.scope, lb.zones, lb.health_check.enabled) == (Scope.INSTANCE, ["eastus-2"], False)
    assert arch.entrypoints == []


def test_vm_behind_a_pool_through_its_nic() -> None:
    arch = az(
        _lb(public=False),
        res("azurerm_lb_backend_address_pool.web", {"loadbalancer_id": ref("azurerm_lb.web")}),
        res("azurerm_network_interface.vm", dict(WHERE)),
        res(
            "azurerm_linux_virtual_machine.vm",
            {**WHERE, "zone": "1", "network_interface_ids": [ref("azurerm_network_interface.vm")]},
        ),
        res(
            "azurerm_network_interface_backend_address_pool_association.vm",
            {
                "network_interface_id": ref("azurerm_network_interface.vm"),
                "backend_address_pool_id": ref("azurerm_lb_backend_address_pool.web"),
            },
        ),
    )
    assert requests(arch) == {("azurerm_lb.web", "azurerm_linux_virtual_machine.vm")}


def test_application_gateway_cookie_affinity() -> None:
    agw = res(
        "azurerm_application_gateway.web",
        {
            **WHERE,
            "zones": ["1", "2"],
            "frontend_ip_configuration": [{"public_ip_address_id": ref("azurerm_public_ip.agw")}],
            "backend_http_settings": [{"name": "s", "cookie_based_affinity": "Enabled"}],
        },
    )
    component = az(res("azurerm_public_ip.agw", dict(WHERE)), agw).components[
        "azurerm_application_gateway.web"
    ]
    assert (component.scope, component.sticky_sessions, component.health_check.enabled) == (
        Scope.REGIONAL,
        True,
        True,
    )
    assert component.health_check.details["defaults"] is True


def test_flexible_server_high_availability_modes() -> None:
    arch = az(
        res("azurerm_postgresql_flexible_server.none", {**WHERE, "zone": "1"}),
        res(
            "azurerm_mysql_flexible_server.same",
            {
                **WHERE,
                "zone": "2",
                "high_availability": [{"mode": "SameZone"}],
                "backup_retention_days": 0,
            },
        ),
    )
    plain = arch.components["azurerm_postgresql_flexible_server.none"]
    assert (plain.zones, plain.standby, plain.backups) == (["eastus-1"], None, True)
    same = arch.components["azurerm_mysql_flexible_server.same"]
    assert same.standby is not None
    assert (same.standby.failover, same.standby.zones) == (Failover.AUTOMATIC, ["eastus-2"])
    assert same.backups is False


def test_redis_basic_is_one_node_and_standard_has_a_replica() -> None:
    arch = az(
        res("azurerm_redis_cache.basic", {**WHERE, "sku_name": "Basic"}),
        res("azurerm_redis_cache.std", {**WHERE, "sku_name": "Standard"}),
    )
    assert arch.components["azurerm_redis_cache.basic"].standby is None
    standard = arch.components["azurerm_redis_cache.std"]
    assert standard.standby is not None
    assert standard.standby.replicas == 1
    assert standard.backups is None  # persistence is a Premium feature


def test_storage_lrs_lives_in_one_place_zrs_survives_a_zone() -> None:
    arch = az(
        res("azurerm_storage_account.lrs", {**WHERE, "account_replication_type": "LRS"}),
        res("azurerm_storage_account.zrs", {**WHERE, "account_replication_type": "ZRS"}),
    )
    assert arch.components["azurerm_storage_account.lrs"].scope is Scope.INSTANCE
    assert arch.components["azurerm_storage_account.zrs"].scope is Scope.REGIONAL


def test_sql_database_zone_redundancy_and_failover_group() -> None:
    arch = az(
        res("azurerm_mssql_server.primary", dict(WHERE)),
        res("azurerm_mssql_server.partner", {"location": "West US"}),
        res(
            "azurerm_mssql_database.app",
            {"server_id": ref("azurerm_mssql_server.primary"), "zone_redundant": True},
        ),
        res(
            "azurerm_mssql_failover_group.app",
            {
                "databases": [ref("azurerm_mssql_database.app")],
                "partner_server": [{"id": ref("azurerm_mssql_server.partner")}],
                "read_write_endpoint_failover_policy": [{"mode": "Automatic", "grace_minutes": 60}],
            },
        ),
    )
    db = arch.components["azurerm_mssql_database.app"]
    assert (db.kind, db.scope, db.region) == (Kind.DATABASE, Scope.REGIONAL, "eastus")
    assert db.standby is not None
    assert (db.standby.failover, db.standby.region) == (Failover.AUTOMATIC, "westus")
    assert arch.components["azurerm_mssql_server.primary"].kind is Kind.CONFIG


def test_traffic_manager_needs_any_endpoint() -> None:
    arch = az(
        _lb(public=True),
        res("azurerm_public_ip.lb", dict(WHERE)),
        res(
            "azurerm_application_gateway.west",
            {
                "location": "West Europe",
                "frontend_ip_configuration": [
                    {"public_ip_address_id": ref("azurerm_public_ip.agw")}
                ],
            },
        ),
        res("azurerm_public_ip.agw", {"location": "West Europe"}),
        res(
            "azurerm_traffic_manager_profile.tm",
            {"traffic_routing_method": "Priority", "monitor_config": [{"path": "/"}]},
        ),
        res(
            "azurerm_traffic_manager_azure_endpoint.east",
            {
                "profile_id": ref("azurerm_traffic_manager_profile.tm"),
                "target_resource_id": ref("azurerm_public_ip.lb"),
            },
        ),
        res(
            "azurerm_traffic_manager_azure_endpoint.west",
            {
                "profile_id": ref("azurerm_traffic_manager_profile.tm"),
                "target_resource_id": ref("azurerm_public_ip.agw"),
            },
        ),
    )
    assert requests(arch) == {
        ("azurerm_traffic_manager_profile.tm", "azurerm_application_gateway.west|azurerm_lb.web")
    }
    assert arch.entrypoints == ["azurerm_traffic_manager_profile.tm"]
    assert arch.components["azurerm_traffic_manager_profile.tm"].health_check.enabled is True


def test_vm_figure_follows_its_os_disk_tier() -> None:
    arch = az(
        res(
            "azurerm_linux_virtual_machine.fast",
            {**WHERE, "os_disk": [{"storage_account_type": "Premium_LRS"}]},
        ),
        res(
            "azurerm_linux_virtual_machine.hdd",
            {**WHERE, "os_disk": [{"storage_account_type": "Standard_LRS"}]},
        ),
    )
    fast = arch.components["azurerm_linux_virtual_machine.fast"]
    hdd = arch.components["azurerm_linux_virtual_machine.hdd"]
    assert "Premium SSD" in fast.availability_source
    assert "Standard HDD" in hdd.availability_source
    assert fast.availability > hdd.availability


def test_legacy_scale_set_capacity_and_network_profile() -> None:
    arch = az(
        _lb(public=True),
        res("azurerm_public_ip.lb", dict(WHERE)),
        res("azurerm_lb_backend_address_pool.web", {"loadbalancer_id": ref("azurerm_lb.web")}),
        res(
            "azurerm_virtual_machine_scale_set.old",
            {
                **WHERE,
                "zones": ["1", "2"],
                "sku": [{"name": "Standard_F2", "capacity": 2}],
                "network_profile": [
                    {
                        "ip_configuration": [
                            {
                                "load_balancer_backend_address_pool_ids": [
                                    ref("azurerm_lb_backend_address_pool.web")
                                ]
                            }
                        ]
                    }
                ],
            },
        ),
    )
    old = arch.components["azurerm_virtual_machine_scale_set.old"]
    assert (old.replicas, old.zones) == (2, ["eastus-1", "eastus-2"])
    assert requests(arch) == {("azurerm_lb.web", "azurerm_virtual_machine_scale_set.old")}

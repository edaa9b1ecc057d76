"""The DNS part of a cross-region recovery comes from the routing records when the code
writes it (Route 53 TTL and health check, Traffic Manager), else from the defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.recovery.estimate import Targets
from spofcheck.recovery.objectives import Disruption, disruptions

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "replication"


def _region(folder: Path) -> Disruption:
    _root, loaded, errors = load_stacks(ScanRequest(paths=[folder], use_cache=False))
    assert not errors
    return disruptions(loaded[0][1], Targets())[2]


def _copy(tmp_path: Path, case: str, edits: dict[str, str], extra: str = "") -> Path:
    folder = tmp_path / case.replace("/", "-")
    shutil.copytree(CASES / case, folder)
    main = folder / "main.tf"
    text = main.read_text("utf-8")
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    main.write_text(text + extra, "utf-8")
    return folder


def _parts(found: Disruption) -> dict[str, tuple[float, float | None]]:
    assert found.estimate is not None
    return {p.source: (p.low, p.high) for p in found.estimate.parts}


def test_route53_ttl_and_fast_health_check_shorten_the_dns_part(tmp_path: Path) -> None:
    """TTL 10 s, checks every 10 s, 2 failures: DNS check 10-20 s, TTL 0-10 s; with
    detection 30-60 s and manual promotion 300-600 s: 340-690 s."""
    folder = _copy(
        tmp_path,
        "rds-replica/standby",
        {
            "request_interval  = 30": "request_interval  = 10",
            "failure_threshold = 3": "failure_threshold = 2",
            "ttl             = 60": "ttl             = 10",
        },
    )
    found = _region(folder)
    assert _parts(found)["dns_health_check"] == (10.0, 20.0)
    assert _parts(found)["dns_ttl"] == (0.0, 10.0)
    assert found.rto == (340.0, 690.0)


def test_without_routing_records_the_defaults_apply(tmp_path: Path) -> None:
    """The Azure group has no DNS record in the code: Route 53's defaults, 30 s x 3
    (60-90 s) and a 0-60 s TTL."""
    found = _region(CASES / "azure-failover-group" / "manual")
    assert _parts(found)["dns_health_check"] == (60.0, 90.0)
    assert _parts(found)["dns_ttl"] == (0.0, 60.0)


TRAFFIC_MANAGER = """
resource "azurerm_traffic_manager_profile" "orders" {
  name                   = "orders"
  resource_group_name    = azurerm_resource_group.orders.name
  traffic_routing_method = "Priority"
  dns_config {
    relative_name = "orders"
    ttl           = 30
  }
  monitor_config {
    protocol                     = "HTTPS"
    port                         = 443
    path                         = "/health"
    interval_in_seconds          = 10
    tolerated_number_of_failures = 2
  }
}
"""


def test_a_traffic_manager_profile_gives_its_ttl_and_monitor(tmp_path: Path) -> None:
    """Every 10 s, 2 failures tolerated (the third marks it down): 20-30 s; TTL 0-30 s;
    detection 30-60 s and manual failover 300-600 s: 350-720 s."""
    folder = _copy(tmp_path, "azure-failover-group/manual", {}, TRAFFIC_MANAGER)
    (folder / "overlay.yaml").write_text(
        "version: 1\nentrypoints: [azurerm_mssql_database.orders]\ncomponents: {}\n", "utf-8"
    )
    found = _region(folder)
    assert _parts(found)["dns_health_check"] == (20.0, 30.0)
    assert _parts(found)["dns_ttl"] == (0.0, 30.0)
    assert found.rto == (350.0, 720.0)

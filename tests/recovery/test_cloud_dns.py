"""The DNS part of a cross-region recovery reads Cloud DNS routing policies: the record's
TTL, and the health check when the policy checks its targets.

Both fixtures hold the Cloud SQL database of fixtures/replication/cloudsql-replica/standby
(a read replica in us-east1, promoted by hand): losing us-central1 costs detection
30-60 s (ELB-style defaults) and a manual promotion 300-600 s, plus the DNS part.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from spofcheck.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "recovery"
DB = "google_sql_database_instance.accounts"


def _region(folder: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["recovery", str(folder), "-f", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    (stack,) = json.loads(result.stdout)["stacks"]
    (region,) = [d for d in stack["disruptions"] if d["type"] == "region"]
    return dict(region)


def _dns(region: dict[str, Any]) -> dict[str, tuple[float, float, str]]:
    return {
        p["name"]: (p["low"], p["high"], p["default"])
        for p in region["parts"]
        if p["name"].startswith("DNS")
    }


def test_a_health_checked_failover_policy_gives_its_check_and_ttl() -> None:
    """health_check every 30 s, down after 2 failures: 30-60 s; TTL 30: 0-30 s.
    RTO 30+300+30+0 = 360 s to 60+600+60+30 = 750 s."""
    region = _region(FIXTURES / "cloud-dns-checked")
    assert _dns(region) == {
        "DNS health check": (30.0, 60.0, "dns_health_check"),
        "DNS TTL": (0.0, 30.0, "dns_ttl"),
    }
    assert region["rto_s"] == {"low": 360.0, "high": 750.0}
    assert region["bottleneck"] == DB


def test_an_unchecked_weighted_policy_gives_its_ttl_only() -> None:
    """No target is health checked, so no check of the code's applies: the default
    30 s x 3 (60-90 s). TTL 120: 0-120 s. RTO 30+300+60+0 = 390 s to 60+600+90+120 = 870 s."""
    region = _region(FIXTURES / "cloud-dns-unchecked")
    assert _dns(region) == {
        "DNS health check": (60.0, 90.0, "dns_health_check"),
        "DNS TTL": (0.0, 120.0, "dns_ttl"),
    }
    assert region["rto_s"] == {"low": 390.0, "high": 870.0}


ILB_PRIMARY = """
      primary {
        internal_load_balancers {
          load_balancer_type = "regionalL4ilb"
          ip_address         = "10.10.0.5"
          port               = "5432"
          ip_protocol        = "tcp"
          network_url        = "projects/acme-accounts/global/networks/main"
          project            = "acme-accounts"
          region             = "us-central1"
        }
      }
"""


def test_an_internal_load_balancer_primary_uses_the_cited_compute_default(
    tmp_path: Path,
) -> None:
    """No `health_check` in the policy: Cloud DNS checks the internal load balancer
    through its backends, whose check is not in the code: Compute Engine's default,
    5 s x 2 (5-10 s), named `dns_health_check:cloud-dns`. RTO 30+300+5+0 = 335 s to
    60+600+10+30 = 700 s."""
    folder = tmp_path / "ilb"
    shutil.copytree(FIXTURES / "cloud-dns-checked", folder)
    main_tf = folder / "main.tf"
    text = main_tf.read_text("utf-8")
    start = text.index("    health_check = google_compute_health_check")
    text = text[:start] + text[text.index("    primary_backup {") :]
    start, end = text.index("      primary {"), text.index("      backup_geo {")
    main_tf.write_text(text[:start] + ILB_PRIMARY.lstrip("\n") + text[end:], "utf-8")
    region = _region(folder)
    assert _dns(region)["DNS health check"] == (5.0, 10.0, "dns_health_check:cloud-dns")
    assert region["rto_s"] == {"low": 335.0, "high": 700.0}


def test_the_model_says_whether_the_policy_checks_health() -> None:
    """Checked: the record's health check is on. Unchecked: left unstated (no finding
    about it), but the routing policy is kept."""
    for case, enabled in (("cloud-dns-checked", True), ("cloud-dns-unchecked", None)):
        result = CliRunner().invoke(
            main, ["model", str(FIXTURES / case), "-f", "json", "--no-cache"]
        )
        assert result.exit_code == 0, result.output
        components = json.loads(result.stdout)["components"]
        (record,) = [c for c in components if c["id"] == "google_dns_record_set.accounts"]
        check = record["health_check"]
        assert check["enabled"] is enabled
        assert check["details"]["routing"] == ("primary_backup" if enabled else "wrr")

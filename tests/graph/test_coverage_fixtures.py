"""Fixtures that scanned clean before coverage existed now say what they could not see.

Expected entries come from reading the fixtures, not from the code's output:
- aws-local-modules/main.tf calls `module "logs"` with the registry source
  terraform-aws-modules/s3-bucket/aws, version 4.1.2, and has no .terraform folder.
- aws-plan's database has `multi_az = true` and no `availability_zone`: its zone is not
  in the plan, so HA002 and HA009 (which need zones) cannot judge it.
- aws-three-tier-good: the same database, and the ACM validation record whose `for_each`
  runs over the certificate's `domain_validation_options` (known only after apply).
Every other architecture fixture is read in full.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.engine.catalogue import load_catalogue

ARCHITECTURES = Path(__file__).resolve().parents[2] / "fixtures" / "architectures"
INCOMPLETE = {
    "aws-local-modules": (["module.logs"], []),
    "aws-plan": ([], [("aws_db_instance.main", "zones")]),
    "aws-three-tier-good": (
        [],
        [("aws_db_instance.main", "zones"), ("aws_route53_record.cert_validation", "replicas")],
    ),
}


@pytest.mark.parametrize("name", sorted(p.name for p in ARCHITECTURES.iterdir() if p.is_dir()))
def test_fixture_coverage(name: str) -> None:
    report = run_scan(
        ScanRequest(paths=[ARCHITECTURES / name], use_cache=False), load_catalogue()
    ).report
    cov = report.coverage
    modules, unknowns = INCOMPLETE.get(name, ([], []))
    assert [m.address for m in cov.opaque_modules] == modules
    assert [(u.component, u.attribute) for u in cov.unknown_values] == unknowns
    assert cov.unsupported_resources == []
    assert cov.complete is (name not in INCOMPLETE)

"""Checks read the normalized model only: provider knowledge lives in the adapters.

A new input format (Kubernetes, CloudFormation) gets every rule by filling in the
normalized fields; it must never have to touch a check. These tests fail as soon as a
check module names a provider resource type or reads raw attributes again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import spofcheck.checks

CHECKS_DIR = Path(spofcheck.checks.__file__).parent
# A Terraform resource type: a provider prefix, an underscore, a lowercase name.
RESOURCE_TYPE = re.compile(r"\b(?:aws|google|azurerm|azapi|kubernetes|helm)_[a-z0-9_]+")
RAW_READS = re.compile(r"\.(?:attributes|resource_type)\b")
MODULES = sorted(CHECKS_DIR.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_check_module_names_a_provider_resource_type(path: Path) -> None:
    found = RESOURCE_TYPE.findall(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.name} names provider resource types: {sorted(set(found))}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_check_module_reads_raw_attributes_or_types(path: Path) -> None:
    found = RAW_READS.findall(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.name} reads raw component fields: {found}"


def test_the_scan_covers_every_check_module() -> None:
    """Guards the two tests above against an empty glob (a moved package)."""
    assert len(MODULES) >= 15


def test_a_new_input_format_gets_the_rules_by_filling_normalized_fields() -> None:
    """A component as a CloudFormation adapter would build it (its own type names, no
    Terraform attributes) gets HA002, HA012 and HA015 from `settings` alone."""
    from spofcheck.engine.catalogue import load_catalogue
    from spofcheck.engine.run import run_rules
    from spofcheck.engine.settings import RuleSettings
    from spofcheck.model import Architecture, Component, Kind, Scope, Settings, Toggle

    db = Component(
        id="Orders",
        kind=Kind.DATABASE,
        replicas=2,
        resource_type="AWS::RDS::DBInstance",
        settings=Settings(
            zone_redundancy=Toggle(on=False, written="MultiAZ: false"),
            deletion_protection=Toggle(on=False, written="DeletionProtection: false"),
        ),
    )
    lb = Component(
        id="Front",
        kind=Kind.LOAD_BALANCER,
        scope=Scope.REGIONAL,
        resource_type="AWS::ElasticLoadBalancingV2::LoadBalancer",
        settings=Settings(
            cross_zone_load_balancing=Toggle(on=False, written="load_balancing.cross_zone = false")
        ),
    )
    arch = Architecture(components={"Orders": db, "Front": lb}, entrypoints=["Front"])
    found = run_rules(arch, load_catalogue(), RuleSettings()).findings
    fired = {(f.rule_id, f.component) for f in found}
    assert {("HA002", "Orders"), ("HA015", "Orders"), ("HA012", "Front")} <= fired
    messages = " ".join(f.message for f in found)
    assert "MultiAZ: false" in messages
    assert "DeletionProtection: false" in messages

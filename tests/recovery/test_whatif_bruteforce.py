"""What-if against plain enumeration: random small designs and every fixture architecture.

The conditional availability of a scenario is P(service up | the scenario's zones and
regions down, its components' primaries down); tests/recovery/reference.py computes it
by enumerating every other zone/region state, replica and component outcome.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spofcheck.api.pipeline import ScanRequest, load_stacks
from spofcheck.model import Architecture
from spofcheck.recovery.scenario import Scenario, single_domains
from spofcheck.recovery.whatif import what_if
from tests.availability.test_bruteforce import designs
from tests.recovery.reference import conditional

FIXTURES = Path(__file__).parents[2] / "fixtures"
ARCHITECTURES = sorted(
    [
        *(p for folder in ("architectures", "recovery") for p in (FIXTURES / folder).iterdir()),
        *(FIXTURES / "replication").glob("*/*"),  # each case's standby / alone sides
    ]
)
ARCHITECTURES = [p for p in ARCHITECTURES if p.is_dir()]


def _check(arch: Architecture, scenario: Scenario) -> None:
    result = what_if(arch, scenario, baseline=False)
    assert result.conditional.value is not None
    expected = conditional(arch, set(scenario.domains), set(scenario.components))
    assert abs(result.conditional.value - expected) < 1e-9, scenario.labels()


@st.composite
def cases(draw: st.DrawFn) -> tuple[Architecture, Scenario]:
    arch = draw(designs())
    zones = draw(st.frozensets(st.sampled_from(["a", "b", "x"]), max_size=2))
    regions = draw(st.frozensets(st.sampled_from(["r1", "r2"]), max_size=1))
    failed = draw(st.frozensets(st.sampled_from(sorted(arch.components)), max_size=1))
    return arch, Scenario(zones, regions, failed)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(cases())
def test_conditional_matches_enumeration(case: tuple[Architecture, Scenario]) -> None:
    _check(*case)


@pytest.mark.slow
@pytest.mark.parametrize("path", ARCHITECTURES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_each_zone_and_region_matches_enumeration_on_fixtures(path: Path) -> None:
    """`whatif --each zone` and `--each region` on every fixture architecture (YAML and
    Terraform), every stack."""
    _root, loaded, _errors = load_stacks(ScanRequest(paths=[path], use_cache=False))
    archs = [a for _, a in loaded if a.components and not a.errors]
    assert archs
    for arch in archs:
        _each(arch)


def _each(arch: Architecture) -> None:
    for scenario in [*single_domains(arch, "zone"), *single_domains(arch, "region")]:
        _check(arch, scenario)

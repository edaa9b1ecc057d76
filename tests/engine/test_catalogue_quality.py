"""Every rule in the catalogue is documented, referenced, exemplified and has fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.engine.spec import RuleSpec
from tests.helpers.rule_cases import CATALOGUE

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rules"

# The issue's table: ids and names are a contract with users' configs and baselines.
CONTRACT = {
    "HA001": "single-point-of-failure",
    "HA002": "missing-multi-az",
    "HA003": "sticky-sessions",
    "HA004": "cold-standby",
    "HA005": "missing-health-check",
    "HA006": "no-automatic-failover",
    "HA007": "split-brain-risk",
    "HA008": "single-region",
    "HA009": "zone-loss-capacity",
    "HA010": "no-backups",
    "HA011": "slo-not-met",
}
SPECS = [CATALOGUE[r] for r in sorted(CATALOGUE)]


def test_the_contracted_ids_and_names_are_kept() -> None:
    assert {r: CATALOGUE[r].name for r in CONTRACT} == CONTRACT


def test_ids_are_consecutive_and_names_unique() -> None:
    ids = sorted(CATALOGUE)
    assert ids == [f"HA{n:03d}" for n in range(1, len(ids) + 1)]
    assert len({s.name for s in SPECS}) == len(SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_is_fully_documented(spec: RuleSpec) -> None:
    assert len(spec.summary.split()) >= 10, "summary: one or two sentences"
    assert len(spec.rationale.split()) >= 60, "rationale: why it matters, in depth"
    assert len(spec.remediation.split()) >= 20, "remediation: what to do instead"
    assert spec.references, "at least one reference"
    assert all(r.url.startswith("https://") for r in spec.references)
    examples = spec.examples
    assert any(e is not None for e in (examples.yaml, examples.terraform, examples.kubernetes))
    assert spec.inputs, "which inputs the rule reads (each needs a fixture pair)"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_has_a_fixture_pair_for_every_input_it_reads(spec: RuleSpec) -> None:
    for source in spec.inputs:
        for outcome in ("fail", "pass"):
            folder = FIXTURES / spec.id / f"{source.value}-{outcome}"
            assert (folder / "expected.yaml").is_file(), f"missing {folder}"


def test_no_fixture_folder_names_an_unknown_rule() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()} - {"seed-pitfalls"}
    assert folders <= set(CATALOGUE)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_every_fixture_input_is_one_the_rule_says_it_reads(spec: RuleSpec) -> None:
    """So the docs' "Reads:" line lists every input that has a tested fixture."""
    declared = {i.value for i in spec.inputs}
    for folder in sorted((FIXTURES / spec.id).iterdir()):
        source = next(
            (i for i in sorted(declared, key=len, reverse=True) if folder.name.startswith(i + "-")),
            None,
        )
        assert source is not None, f"{folder.name}: add its input to {spec.id}.inputs"

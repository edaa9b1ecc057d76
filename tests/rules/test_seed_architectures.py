"""The seed document's architectures get the findings the seed itself names.

The seed (`high-availability-and-fault-tolerance.md`) names the single points of failure
of its Q3 layout ("DNS (if single provider), Load Balancer (if single instance),
Database (if single primary, no replicas)"), calls the news site's "before" design
insufficient ("CloudFront CDN → 5 EC2 instances → 1 RDS instance"), and lists pitfalls
whose "Better:" designs must pass. The YAML seeds live in fixtures/architectures/seed-*
(the parser's fixtures); the pitfalls in fixtures/rules/seed-pitfalls/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanResult
from spofcheck.model import Finding, Severity
from tests.helpers.rule_cases import scan_folder

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "fixtures" / "architectures"
PITFALLS = REPO / "fixtures" / "rules" / "seed-pitfalls"


def _findings(result: ScanResult, floor: Severity = Severity.MEDIUM) -> set[tuple[str, str]]:
    return {
        (f.rule_id, f.component)
        for f in result.report.active_findings
        if f.severity.rank >= floor.rank
    }


def _scan(folder: Path) -> ScanResult:
    result = scan_folder(folder)
    assert not result.errors, [e.one_line() for e in result.errors]
    return result


def test_q3_names_the_single_dns_provider_load_balancer_and_database() -> None:
    """The app runs 3 replicas in two zones and the cache is a soft dependency, so only
    the three components the seed lists are single points of failure."""
    result = _scan(SEEDS / "seed-q3-spof")
    assert _findings(result, Severity.INFO) == {
        ("HA001", "dns"),
        ("HA001", "lb"),
        ("HA001", "db"),
    }
    by_component = {f.component: f for f in result.report.findings}
    assert "one DNS provider" in by_component["dns"].message


def test_news_site_before_has_its_one_database_as_the_weak_point() -> None:
    result = _scan(SEEDS / "seed-news-before")
    assert _findings(result, Severity.INFO) == {("HA001", "db")}


def test_news_site_after_is_clean() -> None:
    assert _findings(_scan(SEEDS / "seed-news-after"), Severity.INFO) == set()


@pytest.mark.parametrize("name", ["seed-q4-multi-region", "seed-banking-active-active"])
def test_well_built_multi_region_designs_have_no_structural_findings(name: str) -> None:
    """Redundant at every layer: no rule about the structure fires. HA011 (slo-not-met)
    follows the calculator's verdict on the figures the file states: Q4 puts CloudFront
    (stated 99.9%) in series, so it cannot reach its 99.95% SLO (0.999 < 0.9995); the
    banking design puts one global load balancer (catalogue default 99.99%) in series
    with everything else under a 99.99% SLO."""
    result = _scan(SEEDS / name)
    structural = {(r, c) for r, c in _findings(result, Severity.INFO) if r != "HA011"}
    assert structural == set()
    computed = result.report.availability
    slo_findings = [f for f in result.report.findings if f.rule_id == "HA011"]
    assert bool(slo_findings) == (computed is not None and computed.meets_slo is False)


def test_q4_slo_finding_names_the_cdn_as_the_lever() -> None:
    [finding] = [
        f for f in _scan(SEEDS / "seed-q4-multi-region").report.findings if f.rule_id == "HA011"
    ]
    assert finding.component == "cloudfront"
    assert "below the SLO 99.95%" in finding.message


PITFALLS_NAMED = {
    "pitfall-1-cold-standby": ("HA004", "app"),
    "pitfall-3-sticky-sessions": ("HA003", "app"),
    "pitfall-5-single-region": ("HA008", "dns"),
}


@pytest.mark.parametrize("name", sorted(PITFALLS_NAMED))
def test_each_pitfall_is_named(name: str) -> None:
    assert PITFALLS_NAMED[name] in _findings(_scan(PITFALLS / name))


@pytest.mark.parametrize("name", sorted(PITFALLS_NAMED))
def test_each_pitfall_is_the_only_thing_said_beyond_its_consequences(name: str) -> None:
    """A cold standby also leaves the app a single point of failure (HA001); nothing
    else is reported."""
    found = _findings(_scan(PITFALLS / name), Severity.INFO)
    consequences = {("HA001", "app")} if name == "pitfall-1-cold-standby" else set()
    assert found == {PITFALLS_NAMED[name]} | consequences


@pytest.mark.parametrize(
    "name",
    ["pitfall-1-better", "pitfall-3-better", "pitfall-5-better", "pitfall-6-over-engineering"],
)
def test_the_better_designs_are_clean(name: str) -> None:
    """Pitfall 6: one region and three zones under a 99.9% SLO is enough; saying
    nothing there is the point."""
    assert _findings(_scan(PITFALLS / name), Severity.INFO) == set()


def test_findings_in_seeds_point_at_the_component_line() -> None:
    result = _scan(SEEDS / "seed-q3-spof")
    lines = (SEEDS / "seed-q3-spof" / "architecture.yaml").read_text("utf-8").splitlines()
    for finding in result.report.findings:
        assert _line(finding, lines).strip() == f"{finding.component}:"


def _line(finding: Finding, lines: list[str]) -> str:
    assert finding.line is not None
    return lines[finding.line - 1]

"""Issue 10: one availability, one spelling, in every output that shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spofcheck.api.pipeline import ScanRequest, run_scan
from spofcheck.availability.text import render_text
from spofcheck.diagram.api import render_diagram
from spofcheck.engine.catalogue import load_catalogue
from spofcheck.model import Report
from spofcheck.report import FORMATTERS, render
from spofcheck.report.style import Style

ONE_SERVICE = """\
version: 1
name: spell
slo: 99.995
components:
  web:
    kind: service
    availability: 99.9896
"""


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, str, str]:
    root = tmp_path_factory.mktemp("spell")
    (root / "architecture.yaml").write_text(ONE_SERVICE, encoding="utf-8")
    request = ScanRequest(paths=[Path(root)], use_cache=False)
    result = run_scan(request, load_catalogue())
    (stack,) = result.stacks
    assert stack.availability is not None
    availability = render_text(stack.availability)
    block = stack.availability.to_json()
    drawn = render_diagram(stack.arch, findings=stack.findings, availability=block, fmt="mermaid")
    assert isinstance(drawn.content, str)
    return result.report, availability, drawn.content


def test_every_output_spells_the_availability_the_same_way(
    scanned: tuple[Report, str, str],
) -> None:
    """One service at 99.9896%, nothing else: A = 0.999896. Downtime 0.0104% has its first
    two significant digits at the 2nd and 3rd decimals of the percentage, so three decimals
    are shown, truncated: 99.989%. Rounding would say
    99.99%, a nine the design does not have; six decimals would say 99.9896%."""
    report, availability, diagram = scanned
    outputs = {fmt: render(fmt, report, Style()) for fmt in FORMATTERS if fmt != "json"}
    # SARIF also carries the rule catalogue (HA008's text names a 99.99% SLO): read what
    # this scan says, its results and notifications
    run = json.loads(outputs["sarif"])["runs"][0]
    outputs["sarif"] = json.dumps([run["results"], run["invocations"]], ensure_ascii=False)
    outputs |= {"availability": availability, "diagram": diagram}
    outputs["HA011 message"] = next(f.message for f in report.findings if f.rule_id == "HA011")
    for name, text in outputs.items():
        assert "99.989%" in text, name
        for other in ("99.99%", "99.9896%", "99.98960", "99.990%"):
            assert other not in text, (name, other)


def test_json_keeps_the_exact_value(scanned: tuple[Report, str, str]) -> None:
    """Scripts read the number, not a spelling: 0.999896 to float precision."""
    report, _, _ = scanned
    data = json.loads(render("json", report, Style()))
    assert data["availability"]["value"] == pytest.approx(0.999896, abs=1e-12)

"""The `availability` JSON block and the text report."""

from __future__ import annotations

import json

import pytest

from spofcheck.availability import compute
from spofcheck.availability.sla import lookup
from spofcheck.availability.text import render_text
from spofcheck.model import Component, ParseError
from spofcheck.model.availability import Method
from tests.helpers.availability_cases import arch, comp, need


def _shop() -> object:
    """web (0.999) needs db (0.99, catalogue default figure): A = 0.98901."""
    db = Component(id="db", availability=0.99, availability_source=lookup("kind:database").source)
    return arch([comp("web", 0.999), db], [need("web", "db")], slo=0.999)


def test_json_block_contract() -> None:
    block = compute(_shop()).to_json()  # type: ignore[arg-type]
    assert list(block) == [
        "value", "slo", "meets_slo", "method", "downtime", "nines",
        "components", "domains", "defaults_used", "notes", "lower", "upper", "reason",
        "complete", "basis", "entrypoints",
    ]  # fmt: skip
    assert block["basis"] == "entrypoints"
    assert block["entrypoints"] == []  # one entry point: its figure is the value
    assert block["value"] == pytest.approx(0.999 * 0.99)
    assert block["slo"] == 0.999
    assert block["meets_slo"] is False
    assert block["method"] == "exact"
    assert set(block["downtime"]) == {"year", "month", "week"}
    assert block["downtime"]["month"]["text"] == "7.91 h"  # 0.01099 * 2,592,000 s = 28,486 s
    assert block["defaults_used"] == ["db"]
    assert [c["id"] for c in block["components"]] == ["db", "web"]
    assert block["components"][0] == {
        "id": "db",
        "availability": 0.99,
        "importance": pytest.approx(0.999 * 0.01),
        "uses_default_figure": True,
    }
    json.dumps(block)  # plain JSON types only


def test_text_report() -> None:
    text = render_text(compute(_shop()))  # type: ignore[arg-type]
    assert text.startswith("Availability: 98.9% (1.96 nines, exact)\n")
    assert "SLO:          99.9%, NOT met: margin -0.999 pp" in text
    assert "over the error budget" in text
    assert "Downtime:     4.01 days per year, 7.91 h per 30-day month" in text
    assert "  1. db   +0.999 pp" in text
    assert "Default figures" in text
    assert "db: 99% per replica, Amazon RDS" in text
    assert text.endswith("\n")


def test_text_when_not_computed() -> None:
    """Only plumbing (a security group) and no entry point: nothing stands for the service."""
    text = render_text(compute(arch([comp("sg", 0.9, kind="config")], entry=[])))
    assert text.startswith("Availability: not computed: no entry points and no serving")
    assert "only configuration and network" in text


def test_a_model_with_errors_gives_no_figure() -> None:
    """Issue 19: a file with errors (here one recorded by the parser) must not print a
    number that looks exact; the reason names the error."""
    broken = _shop().model_copy(  # type: ignore[attr-defined]
        update={"errors": [ParseError(file="arch.yaml", line=3, message="min_healthy 3 > 2")]}
    )
    result = compute(broken)
    assert result.value is None
    assert result.method is Method.NOT_COMPUTED
    assert result.reason is not None
    assert "arch.yaml:3" in result.reason

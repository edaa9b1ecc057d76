"""What "the service" is (issue 17): every entry point, each inferred entry point, or every
serving component when there is no entry point. Values derived by hand in the docstrings."""

from __future__ import annotations

import pytest

from spofcheck.availability import compute
from spofcheck.model import Architecture
from spofcheck.model.availability import Basis, Method
from tests.helpers.availability_cases import arch, comp, need

EPS = 1e-12


def _inferred(a: Architecture) -> Architecture:
    """The same design with its entry points found by a parser, not written by a person."""
    return a.model_copy(update={"entrypoints_declared": False})


def test_a_lone_component_without_entry_point_gets_its_own_figure() -> None:
    """A stack holding one cache (0.995) and no front door: A = 0.995, labelled."""
    result = compute(arch([comp("cache", 0.995)], entry=[]))
    assert result.value == pytest.approx(0.995, abs=EPS)
    assert result.method is Method.EXACT
    assert result.basis is Basis.SERVING
    assert result.basis_label == "no entry point: every serving component up"
    assert result.to_json()["basis"] == "every-serving-component"
    assert any("every serving component up" in n for n in result.notes)


def _two_callers() -> Architecture:
    """web (0.99) and worker (0.98) both need db (0.95); nobody calls web or worker."""
    parts = [comp("web", 0.99), comp("worker", 0.98), comp("db", 0.95)]
    return arch(parts, [need("web", "db"), need("worker", "db")], entry=[])


def test_serving_components_all_up_count_the_shared_store_once() -> None:
    """Serving: web and worker. A = 0.99 * 0.98 * 0.95 = 0.92169; web alone 0.99 * 0.95
    = 0.9405, worker alone 0.98 * 0.95 = 0.931. Multiplying the two per-component figures
    (0.8756) would count db twice."""
    result = compute(_two_callers())
    assert result.basis is Basis.SERVING
    assert result.value == pytest.approx(0.92169, abs=EPS)
    per = {e.id: e.value for e in result.entrypoints}
    assert per == pytest.approx({"web": 0.9405, "worker": 0.931}, abs=EPS)
    assert [e["id"] for e in result.to_json()["entrypoints"]] == ["web", "worker"]


def test_plumbing_is_not_a_serving_component() -> None:
    """A security group (config, 0.5) nobody sends requests to does not halve the value:
    A = 0.9; the same component as a service is serving: 0.9 * 0.5 = 0.45."""
    quiet = compute(arch([comp("app", 0.9), comp("sg", 0.5, kind="config")], entry=[]))
    loud = compute(arch([comp("app", 0.9), comp("svc", 0.5, kind="service")], entry=[]))
    assert quiet.value == pytest.approx(0.9, abs=EPS)
    assert loud.value == pytest.approx(0.45, abs=EPS)


def test_a_cycle_with_no_top_serves_as_a_whole() -> None:
    """a needs b and b needs a: nobody is outside the cycle, so both serve: 0.9 * 0.8."""
    result = compute(arch([comp("a", 0.9), comp("b", 0.8)], [need("a", "b"), need("b", "a")],
                          entry=[]))  # fmt: skip
    assert result.basis is Basis.SERVING
    assert result.value == pytest.approx(0.72, abs=EPS)


def _public_and_tools() -> Architecture:
    """public (0.9999) -> app (0.999) -> db (0.9995); tools (0.9999) -> tools_vm (0.9995).

    public alone: 0.9999 * 0.999 * 0.9995 = 0.99840065...; tools alone: 0.9999 * 0.9995
    = 0.99940005; both up: their product, 0.99780161... (no shared component).
    """
    parts = [comp(c, a) for c, a in [("public", 0.9999), ("app", 0.999), ("db", 0.9995),
                                     ("tools", 0.9999), ("tools_vm", 0.9995)]]  # fmt: skip
    deps = [need("public", "app"), need("app", "db"), need("tools", "tools_vm")]
    return arch(parts, deps, entry=["public", "tools"], slo=0.998)


PUBLIC = 0.9999 * 0.999 * 0.9995
TOOLS = 0.9999 * 0.9995


def test_inferred_entry_points_are_judged_one_by_one() -> None:
    """Inferred: the weakest (public, 0.99840) is the value and meets the 99.8% SLO, which
    requiring both at once (0.99780) would miss."""
    result = compute(_inferred(_public_and_tools()))
    assert result.basis is Basis.EACH_ENTRYPOINT
    assert result.value == pytest.approx(PUBLIC, abs=EPS)
    assert result.meets_slo is True
    assert result.basis_label == "weakest entry point, public"
    per = {e.id: e.value for e in result.entrypoints}
    assert per == pytest.approx({"public": PUBLIC, "tools": TOOLS}, abs=EPS)


def test_declared_entry_points_are_required_together() -> None:
    """Declared, they are one service (rule 5): 0.99840065 * 0.99940005 < 99.8%."""
    result = compute(_public_and_tools())
    assert result.basis is Basis.ENTRYPOINTS
    assert result.value == pytest.approx(PUBLIC * TOOLS, abs=EPS)
    assert result.meets_slo is False
    per = {e.id: e.value for e in result.entrypoints}
    assert per == pytest.approx({"public": PUBLIC, "tools": TOOLS}, abs=EPS)


def test_an_unknown_inferred_entry_point_is_named() -> None:
    result = compute(_inferred(arch([comp("a", 0.9), comp("b", 0.8)], entry=["a", "b", "x"])))
    assert result.value == pytest.approx(0.8, abs=EPS)
    assert any("unknown entry points ignored: x" in n for n in result.notes)


def test_too_many_entry_points_for_figures_of_their_own_require_them_all() -> None:
    """3 inferred entry points over 2,000 components is 6,000 computations' worth, above
    the 5,000 limit: no per-entry figures, and the value falls back to all of them up
    (lower, never a false green): 0.9 * 0.8 * 0.7 = 0.504 instead of the weakest, 0.7."""
    entries = [comp("a", 0.9), comp("b", 0.8), comp("c", 0.7)]
    filler = [comp(f"f{i}", 0.5, kind="network") for i in range(1997)]
    result = compute(_inferred(arch([*entries, *filler], entry=["a", "b", "c"])))
    assert result.basis is Basis.ENTRYPOINTS
    assert result.entrypoints == []
    assert result.value == pytest.approx(0.504, abs=EPS)
    assert any("no figure per entry point" in n for n in result.notes)


def test_a_dns_name_pointing_at_nothing_is_not_serving() -> None:
    """A certificate validation record (Route 53, 100%) beside a VM (0.995): the record
    is not a serving component, so the value is the VM's, 0.995, not a product with it;
    alone, it leaves nothing to give a figure for (never an invented 100%)."""
    record = comp("validation", 1.0, kind="dns")
    beside = compute(arch([record, comp("vm", 0.995, kind="service")], entry=[]))
    assert beside.value == pytest.approx(0.995, abs=EPS)
    assert [c.id for c in beside.components] == ["vm"]
    alone = compute(arch([record], entry=[]))
    assert alone.value is None
    assert alone.method is Method.NOT_COMPUTED
    pointing = compute(arch([comp("www", 1.0, kind="dns"), comp("lb", 0.9999)],
                            [need("www", "lb")], entry=[]))  # fmt: skip
    assert pointing.value == pytest.approx(0.9999, abs=EPS)


def test_serving_components_of_unknown_availability_give_no_figure() -> None:
    """An unmodelled type counts as never failing; a value resting only on such components
    would be a made-up 100%. One modelled component beside it gives its figure, 0.99."""
    mystery = comp("mystery", 1.0, kind="other", modelled=False)
    alone = compute(arch([mystery], entry=[]))
    assert alone.value is None
    assert "availability is unknown" in (alone.reason or "")
    beside = compute(arch([mystery, comp("vm", 0.99, kind="service")], entry=[]))
    assert beside.value == pytest.approx(0.99, abs=EPS)


def test_a_component_scaled_to_zero_does_not_stand_for_the_service() -> None:
    """A batch group kept at 0 replicas serves nothing now: the value is the web tier's
    0.99, not 0 (before: every serving component up included it, so 0%); a note names it."""
    idle = comp("batch", 0.995, replicas=0, min_healthy=1)
    result = compute(arch([comp("web", 0.99), idle], entry=[]))
    assert result.basis is Basis.SERVING
    assert result.value == pytest.approx(0.99, abs=EPS)
    assert any("scaled to zero, so serving nothing: batch" in n for n in result.notes)

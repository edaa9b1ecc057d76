"""The DOT source: clusters per region and zone, marks, edges, any-of junctions, caption."""

from __future__ import annotations

import html

from spofcheck.diagram import render_diagram
from spofcheck.model import Architecture, Component, Finding, Kind, Severity, Standby
from tests.helpers.diagram_cases import (
    NASTY_IDS,
    nasty,
    seed_multi_region,
    seed_spof,
    spof_findings,
    terraform_like,
)
from tests.helpers.dot_structure import DotGraph, parse_dot, plain


def _dot(arch: Architecture, **kwargs: object) -> DotGraph:
    output = render_diagram(arch, fmt="dot", **kwargs)  # type: ignore[arg-type]
    assert isinstance(output.content, str)
    assert not output.fallback
    return parse_dot(output.content)


def _unquote(value: str) -> str:
    """A DOT quoted string's text: \\" is a quote, \\\\ a backslash."""
    return value.replace('\\"', '"').replace("\\\\", "\\")


def _component(attrs: dict[str, str]) -> str:
    """The component a node stands for: its tooltip, before the folded parts' list."""
    return _unquote(attrs.get("tooltip", "")).split(" · uses ")[0]


def _key(graph: DotGraph, component: str) -> str:
    return next(k for k, a in graph.nodes.items() if _component(a) == component)


def test_regions_and_zones_become_nested_clusters() -> None:
    """Q4: two regions; only the single-zone read replica sits in a zone box.

    rds_primary has one zone but a counted hot standby in use1-az2, so it is not zonal.
    """
    graph = _dot(seed_multi_region())
    labels = sorted(c.label for c in graph.clusters().values() if c.name != "root")
    assert labels == [
        "region us-east-1 · 99.99%",
        "region us-west-2 · 99.99%",
        "zone usw2-az1 · 99.99%",
    ]
    assert graph.path_of(_key(graph, "rds_replica_west")) == [
        "region us-west-2 · 99.99%",
        "zone usw2-az1 · 99.99%",
    ]
    assert graph.path_of(_key(graph, "rds_primary")) == ["region us-east-1 · 99.99%"]
    assert graph.path_of(_key(graph, "app_east")) == ["region us-east-1 · 99.99%"]
    assert graph.path_of(_key(graph, "dns")) == []  # global: outside every region


def test_node_lists_kind_zones_replicas_and_availability() -> None:
    graph = _dot(seed_multi_region())
    label = plain(graph.nodes[_key(graph, "app_east")]["label"])
    assert label == (
        "app_east service use1-az1 ×1 · use1-az2 ×1 · use1-az3 ×1 3 replicas 99.5% per replica"
    )


def test_findings_mark_nodes_red_or_amber_with_rule_ids() -> None:
    """Q3: lb (high) and db (critical) red, app (medium) amber, dns untouched."""
    graph = _dot(seed_spof(), findings=spof_findings())
    fills = {c: graph.nodes[_key(graph, c)]["fillcolor"] for c in ("lb", "db", "app", "dns")}
    assert fills == {"lb": "#fde4e4", "db": "#fde4e4", "app": "#fff4d6", "dns": "#ffffff"}
    assert plain(graph.nodes[_key(graph, "db")]["label"]).endswith("HA001 HA003")
    assert "findings not on a component: HA011" in plain(graph.graph_label)


def test_suppressed_and_info_findings_do_not_mark() -> None:
    findings = [
        Finding(
            rule_id="HA001", severity=Severity.HIGH, component="db", message="m", suppressed=True
        ),
        Finding(rule_id="HA099", severity=Severity.INFO, component="lb", message="m"),
    ]
    graph = _dot(seed_spof(), findings=findings)
    assert {a["fillcolor"] for a in graph.nodes.values() if "fillcolor" in a} == {"#ffffff"}


def test_edges_follow_dependencies_hard_solid_soft_dashed() -> None:
    graph = _dot(seed_spof())
    key = {c: _key(graph, c) for c in ("dns", "lb", "app", "db", "redis")}
    edges = {(a, b): attrs.get("style", "solid") for a, b, attrs in graph.edges}
    assert edges == {
        ("clients", key["dns"]): "solid",
        (key["dns"], key["lb"]): "solid",
        (key["lb"], key["app"]): "solid",
        (key["app"], key["db"]): "solid",
        (key["app"], key["redis"]): "dashed",
    }


def test_any_of_alternatives_meet_at_a_junction() -> None:
    """cdn needs one of the two regional ALBs: cdn → ◇ → alb_east, ◇ → alb_west."""
    graph = _dot(seed_multi_region())
    junctions = [k for k, a in graph.nodes.items() if a.get("shape") == "diamond"]
    assert len(junctions) == 1
    (junction,) = junctions
    assert plain(graph.nodes[junction]["label"]) == "any 1 of 2"
    into = [a for a, b, _ in graph.edges if b == junction]
    out = sorted(b for a, b, _ in graph.edges if a == junction)
    assert into == [_key(graph, "cdn")]
    assert out == sorted([_key(graph, "alb_east"), _key(graph, "alb_west")])
    assert graph.path_of(junction) == []  # the alternatives span both regions


def test_caption_has_title_availability_slo_and_legend() -> None:
    """value 0.99962: downtime 0.00038 * 43,200 min = 16.416 min per 30-day month (two
    decimals: 16.42); SLO 99.95% is met."""
    availability = {"value": 0.99962, "slo": 0.9995, "meets_slo": True, "components": []}
    graph = _dot(seed_multi_region(), availability=availability)
    caption = plain(graph.graph_label)
    assert caption.startswith(
        "seed-q4-multi-region availability 99.962% (~16.42 min down per 30-day month)"
    )
    assert "SLO 99.95%: met" in caption
    for entry in ("single point of failure", "hard dependency", "soft: degrades", "one is enough"):
        assert entry in caption


def test_slo_missed_says_so_and_slo_falls_back_to_the_architecture() -> None:
    graph = _dot(seed_multi_region(), availability={"value": 0.999})
    # 0.001 * 43,200 min = 43.2 min per 30-day month
    caption = plain(graph.graph_label)
    assert "availability 99.9% (~43.2 min down per 30-day month) · SLO 99.95%: NOT met" in caption


def test_garbage_availability_block_is_tolerated() -> None:
    block = {"value": "high", "slo": None, "components": "none"}
    graph = _dot(seed_spof(), availability=block)
    assert "SLO 99.9% · availability not computed" in plain(graph.graph_label)


def test_component_figures_and_levers_from_the_calculator() -> None:
    availability = {
        "value": 0.9996,
        "components": [
            {"id": "rds_primary", "availability": 0.99999, "importance": 0.00012},
            {"id": "cdn", "availability": 0.9999, "importance": 0.0001},
            {"id": "app_east", "availability": 0.9999998, "importance": 0.00002},
            {"id": "alb_east", "importance": 0.000001},
            {"id": 7},
        ],
    }
    graph = _dot(seed_multi_region(), availability=availability)
    rds = plain(graph.nodes[_key(graph, "rds_primary")]["label"])
    assert "99.95% per replica → 99.999% as placed" in rds
    assert "lever #1: +0.012 pts if it never failed" in rds
    assert "lever #2" in plain(graph.nodes[_key(graph, "cdn")]["label"])
    assert "lever #3" in plain(graph.nodes[_key(graph, "app_east")]["label"])
    assert "lever" not in plain(graph.nodes[_key(graph, "alb_east")]["label"])


def test_modules_become_clusters_and_names_lose_the_prefix() -> None:
    graph = _dot(terraform_like())
    db = _key(graph, 'module.db["main"].aws_db_instance.this')
    assert graph.path_of(db) == ["module.db[&quot;main&quot;]"]
    assert plain(graph.nodes[db]["label"]).startswith("aws_db_instance.this database ")


def test_nasty_ids_are_escaped() -> None:
    """Quotes, markup, backslashes and newlines never leak into DOT syntax."""
    output = render_diagram(nasty(), fmt="dot")
    assert isinstance(output.content, str)
    graph = parse_dot(output.content)
    tooltips = sorted(_unquote(a["tooltip"]) for a in graph.nodes.values() if "tooltip" in a)
    assert tooltips == sorted(i.replace("\n", " ") for i in NASTY_IDS)  # newline → space
    names = sorted(
        html.unescape(plain(a["label"])).split(" service")[0]
        for a in graph.nodes.values()
        if "tooltip" in a
    )
    assert "<b>html</b>" in names  # shown as text, not as markup
    assert "&lt;b&gt;html&lt;/b&gt;" in output.content


def test_missing_dependency_target_is_drawn_as_undeclared() -> None:
    arch = Architecture(
        components={"a": Component(id="a")},
        dependencies=[{"source": "a", "target": "ghost"}],  # type: ignore[list-item]
    )
    graph = _dot(arch)
    ghost = _key(graph, "ghost")
    assert plain(graph.nodes[ghost]["label"]) == "ghost not declared"
    assert "dashed" in graph.nodes[ghost]["style"]


def test_cold_standby_elsewhere_leaves_the_component_zonal() -> None:
    base = seed_spof()
    db = base.components["db"].model_copy(update={"standby": Standby(mode="cold", zones=["az2"])})  # type: ignore[arg-type]
    graph = _dot(base.model_copy(update={"components": {**base.components, "db": db}}))
    assert graph.path_of(_key(graph, "db")) == ["region east", "zone az1"]


def test_long_names_wrap_after_a_dot() -> None:
    arch = Architecture(
        components={
            "aws_autoscaling_group.application-tier-asg": Component(
                id="aws_autoscaling_group.application-tier-asg"
            )
        }
    )
    graph = _dot(arch)
    label = graph.nodes[_key(graph, "aws_autoscaling_group.application-tier-asg")]["label"]
    assert label.startswith("<B>aws_autoscaling_group.</B><BR/><B>application-tier-asg</B>")


def test_opaque_modules_are_muted_and_zero_replicas_said() -> None:
    arch = Architecture(
        components={
            "module.vpc": Component(
                id="module.vpc",
                kind=Kind.MODULE,
                attributes={"source": "terraform-aws-modules/vpc/aws"},
            ),
            "db": Component(id="db", kind=Kind.DATABASE, replicas=0),
        }
    )
    graph = _dot(arch)
    vpc, db = graph.nodes[_key(graph, "module.vpc")], graph.nodes[_key(graph, "db")]
    assert plain(vpc["label"]) == "module.vpc module not read: terraform-aws-modules/vpc/aws"
    assert plain(db["label"]) == "db database 0 replicas: none guaranteed"
    assert vpc["fillcolor"] == "#f5f5f5"
    assert db["fillcolor"] == "#ffffff"  # count = 0 or a scaling floor of 0: still real


def test_no_clients_arrow_without_entry_points() -> None:
    """Nothing is declared or inferred by the parser: the diagram does not guess."""
    arch = seed_spof().model_copy(update={"entrypoints": []})
    assert "clients" not in _dot(arch).nodes


def test_label_is_shown_under_the_id() -> None:
    base = seed_spof()
    db = base.components["db"].model_copy(update={"label": "RDS <primary>"})
    graph = _dot(base.model_copy(update={"components": {**base.components, "db": db}}))
    label = graph.nodes[_key(graph, "db")]["label"]
    assert label.startswith('<B>db</B><BR/><FONT POINT-SIZE="9"><I>RDS &lt;primary&gt;</I></FONT>')


def test_small_gains_are_not_called_levers() -> None:
    """Best gain 0.001; 0.00009 is under a tenth of it, so only two levers are shown."""
    block = {
        "components": [
            {"id": "db", "importance": 0.001},
            {"id": "lb", "importance": 0.0001},
            {"id": "app", "importance": 0.00009},
        ]
    }
    graph = _dot(seed_spof(), availability=block)
    levers = {
        c for c in ("db", "lb", "app") if "lever" in plain(graph.nodes[_key(graph, c)]["label"])
    }
    assert levers == {"db", "lb"}

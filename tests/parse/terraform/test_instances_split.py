"""count / for_each instances: replicas fold into one component, differing instances split.

Fixture: fixtures/loader/instances (and instances_many for the size bound).
"""

from __future__ import annotations

from functools import cache

from spofcheck.model import Architecture, Relation
from spofcheck.parse.terraform.adapters.split import MAX_SPLIT, MAX_STACK_SPLIT, instance_address
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.plan import load_plan
from tests.helpers.loader_kit import LOADER, load

API = 'aws_lb_target_group.svc["api"]'
WEB = 'aws_lb_target_group.svc["web"]'


@cache
def _arch(case: str = "instances") -> Architecture:
    return assemble(load(case))


def _edges(relation: Relation, source: str) -> set[str]:
    deps = _arch().dependencies
    found = set()
    for dep in deps:
        if dep.source == source and dep.relation is relation:
            found.update([dep.target] if dep.target else dep.any_of)
    return found


def test_instance_addresses_use_terraform_syntax() -> None:
    assert instance_address("aws_instance.web", 1) == "aws_instance.web[1]"
    assert instance_address("a.b", "web") == 'a.b["web"]'
    assert instance_address("a.b", 'say "hi"') == r'a.b["say \"hi\""]'


def test_for_each_instances_with_their_own_settings_are_components_of_their_own() -> None:
    """stickiness.enabled = each.key == "web": only the "web" instance is sticky."""
    components = _arch().components
    assert "aws_lb_target_group.svc" not in components
    assert components[WEB].sticky_sessions is True
    assert components[API].sticky_sessions is False
    assert components[WEB].attributes["port"] == 8081  # each.value of "web"
    assert components[API].attributes["port"] == 8080


def test_a_reference_to_one_instance_links_to_that_instance_only() -> None:
    """The listener forwards to aws_lb_target_group.svc["web"].arn: the load balancer it
    configures needs "web", and the listener's configuration names "web" alone."""
    assert _edges(Relation.REQUEST, "aws_lb.front") == {WEB}
    assert _edges(Relation.CONFIG, "aws_lb_listener.http") == {"aws_lb.front", WEB}


def test_a_reference_to_the_whole_resource_links_to_every_instance() -> None:
    """values(aws_lb_target_group.svc)[*].arn reads both instances."""
    assert _edges(Relation.CONFIG, "aws_cloudwatch_dashboard.groups") == {API, WEB}


def test_replicas_differing_only_in_zone_keep_one_component_and_its_id() -> None:
    """One instance per zone, same AMI and type (the Name tag differs, no setting does)."""
    web = _arch().components["aws_instance.web"]
    zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    assert (web.replicas, web.zones) == (3, zones)
    assert web.settings.instance_keys == zones
    assert not [c for c in _arch().components if c.startswith("aws_instance.web[")]


def test_count_instances_with_their_own_settings_are_split_by_index() -> None:
    """multi_az = count.index == 0: index 0 has a standby in another zone, index 1 none."""
    components = _arch().components
    assert "aws_db_instance.db" not in components
    first, second = components["aws_db_instance.db[0]"], components["aws_db_instance.db[1]"]
    assert first.standby is not None
    assert second.standby is None
    assert (first.attributes["identifier"], second.attributes["identifier"]) == ("db-0", "db-1")


def test_instances_of_a_keyed_module_call_stay_one_component() -> None:
    """module "pair" has for_each: its instances' keys are the module's, so no split."""
    components = _arch().components
    folded = components["module.pair.aws_lb_target_group.this"]
    assert folded.settings.instance_keys == ["a", "b"]
    assert not [c for c in components if c.startswith("module.pair.aws_lb_target_group.this[")]


def test_more_instances_than_the_bound_stay_one_component_with_a_note() -> None:
    """300 instances > MAX_SPLIT (256): not compared; one component and a note."""
    assert MAX_SPLIT == 256
    arch = _arch("instances_many")
    assert list(arch.components) == ["aws_lb_target_group.many"]
    assert len(arch.components["aws_lb_target_group.many"].settings.instance_keys) == 300
    assert arch.notes == [
        "aws_lb_target_group.many: 300 instances, more than 256 to read one by one; "
        "they are one component with the first instance's settings"
    ]


def test_instances_of_different_sizes_are_not_replicas_of_one_thing() -> None:
    """desired_capacity = each.value over {api = 1, web = 3}: "api" alone is one machine,
    which a folded 4-replica component would hide."""
    components = _arch().components
    assert "aws_autoscaling_group.svc" not in components
    assert components['aws_autoscaling_group.svc["api"]'].replicas == 1
    assert components['aws_autoscaling_group.svc["web"]'].replicas == 3


def test_plan_instances_split_the_same_way() -> None:
    """A plan's instances of aws_lb_target_group.svc differ in stickiness: split by key.
    module.pair["a"] / ["b"] are module instances: their resource stays one component."""
    plan = LOADER / "instances_plan" / "plan.json"
    arch = assemble(load_plan(plan, display_root=LOADER))
    assert sorted(arch.components) == [
        API,
        WEB,
        "module.pair.aws_lb_target_group.this",
    ]
    assert arch.components[WEB].sticky_sessions is True
    assert arch.components[API].sticky_sessions is False


def test_a_stack_splits_at_most_its_budget_of_instances() -> None:
    """9 blocks x 250 differing instances; MAX_STACK_SPLIT = 2,000 = 8 x 250: g1..g8
    split into 250 components each, g9 stays one component, with a note."""
    assert MAX_STACK_SPLIT == 2_000
    arch = _arch("instances_budget")
    ids = list(arch.components)
    assert len(ids) == 8 * 250 + 1
    assert "aws_lb_target_group.g9" in ids
    assert 'aws_lb_target_group.g8["k249"]' in ids
    assert arch.notes == [
        "aws_lb_target_group.g9: 250 instances, over what is left (0) of the stack's 2,000 "
        "to split; they are one component with the first instance's settings"
    ]


def test_instances_picking_different_instances_of_a_split_resource_split_too() -> None:
    """aws_lb_listener.inner has one instance per target group key; folded, the load
    balancer would read the first listener only and forward to "api" alone."""
    components = _arch().components
    assert 'aws_lb_listener.inner["api"]' in components
    assert 'aws_lb_listener.inner["web"]' in components
    assert _edges(Relation.REQUEST, "aws_lb.inner") == {API, WEB}
    assert _edges(Relation.CONFIG, 'aws_lb_listener.inner["api"]') == {"aws_lb.inner", API}

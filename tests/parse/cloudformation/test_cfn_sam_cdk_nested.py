"""SAM expansion, CDK output and nested stacks, read from the fixtures under
fixtures/cloudformation/ (expected values read off the templates by hand)."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Architecture, Relation
from spofcheck.parse.cloudformation.load import load_cloudformation
from spofcheck.parse.discover import StackKind, discover

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "cloudformation"


def _load(path: Path) -> Architecture:
    return load_cloudformation(path, display_root=FIXTURES)


def _requests(arch: Architecture) -> set[tuple[str, str | None]]:
    return {(d.source, d.target) for d in arch.dependencies if d.relation is Relation.REQUEST}


def test_sam_function_events_become_apis_and_edges() -> None:
    """`Orders` has an HttpApi event, an Api event (both without an API of their own, so
    SAM's implicit ServerlessHttpApi and ServerlessRestApi serve them) and an SQS event;
    its environment names the SimpleTable. Both APIs are front doors."""
    arch = _load(FIXTURES / "sam" / "template.yaml")
    kinds = {c: arch.components[c].kind.value for c in arch.components}
    assert kinds["Orders"] == "function"
    assert kinds["OrdersTable"] == "database"
    assert kinds["ServerlessHttpApi"] == kinds["ServerlessRestApi"] == "gateway"
    assert _requests(arch) == {
        ("ServerlessHttpApi", "Orders"),
        ("ServerlessRestApi", "Orders"),
        ("Orders", "OrdersTable"),
        ("Orders", "Jobs"),
    }
    assert arch.entrypoints == ["ServerlessHttpApi", "ServerlessRestApi"]
    # made from `Orders` (line 12 of the template): located there
    assert arch.components["ServerlessRestApi"].source.line == 12  # type: ignore[union-attr]


def test_cdk_output_found_and_named_by_cdk_path() -> None:
    """cdk.out holds the template and a manifest.json: only the template is a stack; each
    component is labelled with its `aws:cdk:path`; CDKMetadata is plain configuration."""
    found = discover([FIXTURES / "cdk"], FIXTURES)
    assert [(s.kind, s.path.name) for s in found.stacks] == [
        (StackKind.CLOUDFORMATION, "ShopStack.template.json")
    ]
    arch = _load(found.stacks[0].path)
    lb = arch.components["WebLoadBalancer9A1F2C3B"]
    assert lb.label == "ShopStack/Web/LoadBalancer/Resource"
    assert arch.components["CDKMetadata"].kind.value == "config"
    assert ("WebTargetsB8C9D0E1", "WebServer5F6A7B8C") in _requests(arch)


def test_nested_stack_prefixed_and_located_in_its_own_file() -> None:
    """main.yaml nests network.yaml as `Network` (passing ZoneA = eu-west-1a): its NAT
    gateway is `Network/NatGateway1`, at line 17 of network.yaml, in eu-west-1a. The
    nested file is not a stack of its own; the S3-hosted `Remote` is an unread module.
    `Server` sits in the subnet the nested stack exports, so in eu-west-1a."""
    found = discover([FIXTURES / "nested"], FIXTURES)
    assert [s.path.name for s in found.stacks] == ["main.yaml"]
    arch = _load(FIXTURES / "nested" / "main.yaml")
    nat = arch.components["Network/NatGateway1"]
    assert nat.zones == ["eu-west-1a"]
    assert nat.source is not None
    assert (nat.source.file, nat.source.line) == ("nested/network.yaml", 17)
    assert arch.components["Remote"].unresolved == ["module"]
    # `SubnetId: !GetAtt Network.Outputs.PublicSubnetA` is the nested `PublicA`: its zone
    server = arch.components["Server"]
    assert server.zones == ["eu-west-1a"]
    assert ("Queue", "Network") in {
        (d.source, d.target) for d in arch.dependencies if d.relation is Relation.CONFIG
    }


def test_real_cdk_synth_output() -> None:
    """fixtures/cloudformation/cdk-synth/cdk.out is `cdk synth` (aws-cdk 2.1148.1) of
    app.js beside it: an environment-agnostic stack, so subnets are placed with
    `!Select [i, !GetAZs ""]` and their zones are known only with a region. app.js asks
    for min = max = 1 instance and one NAT gateway (in public subnet 1, the region's
    first zone). With region.json (AWS::Region = eu-west-1) both sit in eu-west-1a."""
    from spofcheck.parse.cloudformation.parameters import options_from

    folder = FIXTURES / "cdk-synth"
    template = folder / "cdk.out" / "TinyShop.template.json"
    unknown = _load(template)
    group = unknown.components["AppASG93F6F26F"]
    assert group.label == "TinyShop/App/ASG"
    assert group.replicas == 1
    assert "zones" in group.unresolved
    options = options_from([folder / "region.json"], FIXTURES)
    known = load_cloudformation(template, display_root=FIXTURES, options=options)
    assert known.components["AppASG93F6F26F"].zones == ["eu-west-1a"]
    assert known.components["NetworkPublicSubnet1NATGatewayCA136767"].zones == ["eu-west-1a"]
    assert known.entrypoints == ["Web3C8945DB"]

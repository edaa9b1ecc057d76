"""Templates read into the model: short tags, parameters, conditions, mappings, lines,
suppressions in Metadata, and detection by content (never by file name)."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Architecture
from spofcheck.parse.cloudformation.load import load_cloudformation
from spofcheck.parse.cloudformation.template import Options
from spofcheck.parse.discover import StackKind, discover

HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n'
DB = """Parameters:
  Env: {Type: String, Default: prod}
  Zone: {Type: String}
Mappings:
  Sizes: {prod: {MultiAz: true}, dev: {MultiAz: false}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasZone: !Not [!Equals [!Ref Zone, ""]]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Metadata:
      spofcheck:
        ignore: {HA015: "restored from snapshots nightly"}
    Properties:
      Engine: postgres
      MultiAZ: !FindInMap [Sizes, !Ref Env, MultiAz]
      BackupRetentionPeriod: !If [IsProd, 7, 0]
  Extra:
    Type: AWS::SQS::Queue
    Condition: HasZone
  Gone:
    Type: AWS::SQS::Queue
    Condition: IsDev
Conditions2: {}
"""


def _load(tmp_path: Path, text: str, options: Options | None = None) -> Architecture:
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    return load_cloudformation(path, display_root=tmp_path, options=options)


def test_parameters_mappings_and_conditions(tmp_path: Path) -> None:
    """Env defaults to prod: MultiAZ from the map is true, retention 7 (IsProd), so the
    database has a hot standby and backups; `Zone` has no value, so whether `Extra` is
    created is unknown (kept, its replicas unknown)."""
    text = HEAD + DB.replace("IsDev", "IsProd").replace("Conditions2: {}\n", "")
    arch = _load(tmp_path, text)
    db = arch.components["Db"]
    assert db.standby is not None
    assert db.backups is True
    assert db.source is not None
    assert db.source.line == 11
    assert db.ignore == {"HA015": "restored from snapshots nightly"}
    assert "replicas" in arch.components["Extra"].unresolved
    assert "Gone" in arch.components


def test_parameter_overrides_and_false_conditions(tmp_path: Path) -> None:
    """Env=dev: the map says MultiAZ false, IsProd false → retention 0, no backups; a
    resource whose condition is false is not created at all."""
    text = HEAD + DB.replace("IsDev", "IsProd").replace("Conditions2: {}\n", "")
    arch = _load(tmp_path, text, Options(parameters={"Env": "dev"}))
    assert arch.components["Db"].standby is None
    assert arch.components["Db"].backups is False
    assert "Gone" not in arch.components


def test_json_template_lines_and_refs(tmp_path: Path) -> None:
    """A JSON template: each resource located at its key's line; `Ref` builds the edge
    from the record to the load balancer, as in Terraform."""
    path = tmp_path / "stack.json"
    path.write_text(
        "{\n"
        '  "Resources": {\n'
        '    "Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",\n'
        '           "Properties": {"Subnets": ["subnet-1", "subnet-2"]}},\n'
        '    "Www": {"Type": "AWS::Route53::RecordSet",\n'
        '            "Properties": {"Name": "www.example.com", "Type": "CNAME",\n'
        '                           "ResourceRecords": [{"Fn::GetAtt": ["Lb", "DNSName"]}]}}\n'
        "  }\n"
        "}\n",
        encoding="utf-8",
    )
    arch = load_cloudformation(path, display_root=tmp_path)
    assert [(c, arch.components[c].source.line) for c in ("Lb", "Www")] == [("Lb", 3), ("Www", 5)]  # type: ignore[union-attr]
    assert [(d.source, d.target) for d in arch.dependencies if d.relation.value == "request"] == [
        ("Www", "Lb")
    ]
    assert arch.entrypoints == ["Www"]


def test_region_gives_zones_to_get_azs(tmp_path: Path) -> None:
    """`!Select [1, !GetAZs ""]` is the region's second zone once the region is known."""
    text = HEAD + (
        "Resources:\n  Node:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n"
        "      Engine: redis\n      NumCacheNodes: 1\n"
        '      PreferredAvailabilityZone: !Select [1, !GetAZs ""]\n'
    )
    assert _load(tmp_path, text).components["Node"].zones == []
    known = _load(tmp_path, text, Options(region="eu-west-1"))
    assert known.components["Node"].zones == ["eu-west-1b"]


def test_detected_by_content_not_name(tmp_path: Path) -> None:
    """A Kubernetes manifest, a workflow and an architecture file are not templates; a
    template named `notes.yml` and a JSON template are."""
    (tmp_path / ".git").mkdir()
    files = {
        "deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n",
        "ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: []\n",
        "arch.yaml": "version: 1\ncomponents:\n  web: {kind: service}\n",
        "notes.yml": "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
        "stack.template.json": '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = discover([tmp_path], tmp_path)
    templates = sorted(s.path.name for s in found.stacks if s.kind is StackKind.CLOUDFORMATION)
    assert templates == ["notes.yml", "stack.template.json"]
    assert [s.path.name for s in found.stacks if s.kind is StackKind.YAML] == ["arch.yaml"]


def test_hook_picks_up_changed_templates(tmp_path: Path) -> None:
    """pre-commit passes changed files: a template stands for itself; a workflow file
    beside it is nothing to scan."""
    from spofcheck.parse.changed import hook_paths

    template = tmp_path / "stack.yaml"
    template.write_text(HEAD + "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", "utf-8")
    workflow = tmp_path / "ci.yml"
    workflow.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n", "utf-8")
    assert hook_paths([template, workflow], tmp_path) == [template]


CACHE_NODE = HEAD + (
    "Parameters:\n  Engine: {Type: String}\n"
    "Resources:\n  Node:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n"
    "      Engine: !Ref Engine\n      NumCacheNodes: 1\n"
    '      PreferredAvailabilityZone: !Select [0, !GetAZs ""]\n'
)


def test_parameter_files_in_every_aws_cli_format(tmp_path: Path) -> None:
    """`--var-file` takes CloudFormation parameter files: the create-stack list, the
    CodePipeline object and deploy's Key=Value words; `AWS::Region` gives `!GetAZs ""`
    its zones (the first: <region>a). Later files win."""
    from spofcheck.parse.cloudformation.parameters import options_from

    listed = tmp_path / "params.json"
    listed.write_text('[{"ParameterKey": "Engine", "ParameterValue": "redis"}]', "utf-8")
    config = tmp_path / "config.json"
    config.write_text('{"Parameters": {"AWS::Region": "eu-north-1"}}', "utf-8")
    words = tmp_path / "overrides.txt"
    words.write_text("Engine=memcached\n", "utf-8")
    options = options_from([listed, config], tmp_path)
    assert options == Options({"Engine": "redis"}, "eu-north-1")
    assert options_from([listed, words], tmp_path).parameters == {"Engine": "memcached"}
    arch = _load(tmp_path, CACHE_NODE, options)
    assert arch.components["Node"].zones == ["eu-north-1a"]


def test_scan_reads_parameter_files_given_as_var_files(tmp_path: Path) -> None:
    from spofcheck.api.pipeline import ScanRequest, run_scan
    from spofcheck.engine.catalogue import load_catalogue

    (tmp_path / "stack.yaml").write_text(CACHE_NODE, "utf-8")
    params = tmp_path / "params.json"
    params.write_text('{"Parameters": {"Engine": "redis", "AWS::Region": "us-east-2"}}', "utf-8")
    request = ScanRequest(paths=[tmp_path / "stack.yaml"], var_files=[params], use_cache=False)
    [stack] = run_scan(request, load_catalogue()).stacks
    assert stack.arch.components["Node"].zones == ["us-east-2a"]
    assert stack.arch.components["Node"].attributes["engine"] == "redis"


def test_metadata_ignore_suppresses_the_finding(tmp_path: Path) -> None:
    """The database has no DeletionProtection (HA015) and no MultiAZ (HA002); the ignore
    of HA015, with a reason, hides that one finding only; the ignore of HA002 without a
    reason is not applied and is reported."""
    from spofcheck.api.pipeline import ScanRequest, run_scan
    from spofcheck.engine.catalogue import load_catalogue

    text = HEAD + (
        "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n"
        "    Metadata:\n      spofcheck:\n        ignore:\n"
        '          HA015: "deletion is blocked by an SCP"\n          HA002: ""\n'
        "    Properties:\n      Engine: postgres\n      BackupRetentionPeriod: 7\n"
    )
    (tmp_path / "stack.yaml").write_text(text, "utf-8")
    request = ScanRequest(paths=[tmp_path / "stack.yaml"], use_cache=False)
    report = run_scan(request, load_catalogue()).report
    assert {f.rule_id for f in report.suppressed_findings} == {"HA015"}
    assert "HA002" in {f.rule_id for f in report.active_findings}
    assert any("ignore of HA002 on Db has no reason" in n for n in report.notes)

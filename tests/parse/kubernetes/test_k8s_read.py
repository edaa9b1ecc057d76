"""Reading manifests: documents, lists, JSON, locations, and what is not a manifest."""

from __future__ import annotations

import json
from pathlib import Path

from spofcheck.parse.kubernetes import is_manifest, load_manifests
from spofcheck.parse.kubernetes.read import Read, read_manifest
from tests.helpers.k8s_kit import deployment, load, service


def test_every_document_of_a_stream_is_read_with_its_metadata_line(tmp_path: Path) -> None:
    """Service: `---` is line 1, apiVersion 2, kind 3, metadata 4. The Deployment starts
    after the Service's 7 lines and the second `---` (line 9): metadata on line 12."""
    arch = load(tmp_path, "", service(), deployment())
    svc, dep = arch.components["Service/default/api"], arch.components["Deployment/default/api"]
    assert svc.source is not None
    assert svc.source.line == 4
    assert dep.source is not None
    assert dep.source.line == 12
    assert not arch.errors


def test_list_kinds_and_json_manifests(tmp_path: Path) -> None:
    items = {
        "apiVersion": "v1",
        "kind": "List",
        "items": [
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a", "namespace": "x"}},
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}},
        ],
    }
    path = tmp_path / "list.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    assert is_manifest(path)
    read = Read()
    read_manifest(path.read_bytes(), "list.json", read)
    assert [o.id for o in read.objects] == ["Service/x/a", "ConfigMap/default/c"]
    # "metadata" of the first item is on line 8 of the indented JSON: {, "apiVersion",
    # "kind", "items": [, {, "apiVersion", "kind", "metadata".
    assert read.objects[0].line == 8


def test_a_syntax_error_is_located_and_other_documents_still_count(tmp_path: Path) -> None:
    """The broken document is the third: the workload is 13 lines, the Service 7, and
    with two `---` lines the broken flow mapping opens on line 13 + 1 + 7 + 1 + 3 = 25;
    the parser notices at the end of the stream, line 26."""
    broken = "apiVersion: v1\nkind: Service\nmetadata: {name: b\n"
    arch = load(tmp_path, deployment(), service(), broken)
    assert "Service/default/api" in arch.components
    assert [(e.file, e.line) for e in arch.errors] == [("manifests.yaml", 26)]
    assert "started on line 25" in arch.errors[0].message


def test_a_duplicate_object_is_an_error_naming_the_first(tmp_path: Path) -> None:
    """The first Service's metadata: 13 workload lines, `---`, then its third line: 17."""
    arch = load(tmp_path, deployment(), service(), service())
    assert len(arch.errors) == 1
    assert "defined twice (first at manifests.yaml:17)" in arch.errors[0].message


def test_other_yaml_is_not_a_manifest(tmp_path: Path) -> None:
    samples = {
        "workflow.yml": "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
        "compose.yaml": "services:\n  web:\n    image: nginx\n",
        "arch.yaml": "version: 1\ncomponents:\n  app: {kind: service}\n",
        "chart.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n",
        "k8s.yaml": "# comment\napiVersion: apps/v1\nkind: Deployment\n",
    }
    found = set()
    for name, text in samples.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        if is_manifest(tmp_path / name):
            found.add(name)
    assert found == {"k8s.yaml"}


def test_objects_the_model_does_not_need_are_counted_in_notes(tmp_path: Path) -> None:
    config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
    job = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\n"
    arch = load(tmp_path, config, config.replace("name: c", "name: d"), job)
    assert not arch.errors
    assert arch.notes == [
        "not modelled (workloads spofcheck does not read): CronJob ×1",
        "objects the model does not need: ConfigMap ×2",
    ]


def test_values_kubernetes_would_refuse_are_errors_or_unknowns_never_a_traceback() -> None:
    """Negative counts, a list as `kind`, a number as a name, strings where blocks go:
    each object is skipped with a located error or read with its value unknown."""
    path = Path(__file__).resolve().parents[3] / "fixtures/invalid/kubernetes/values.yaml"
    arch = load_manifests([path], display_root=path.parent, name="values")
    assert [(e.line, e.message) for e in arch.errors] == [
        (20, "kind must be text; skipped"),  # the `kind: [Service]` line
    ]
    neg = arch.components["Deployment/default/neg"]
    assert "replicas" in neg.unresolved  # replicas: -2
    assert neg.drain_budget is not None
    assert neg.drain_budget.max_unavailable is None  # maxUnavailable: -1
    assert "replicas" in arch.components["StatefulSet/default/st"].unresolved  # "2x"


def test_generate_name_stands_for_the_name(tmp_path: Path) -> None:
    """`metadata.generateName` is valid for `kubectl create` (a public game-server
    example uses it): the object is read under its prefix, not rejected with exit 2; an
    object with neither is still a located error."""
    (tmp_path / "m.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  generateName: worker-\n"
        "spec:\n  replicas: 2\n  selector: {matchLabels: {app: w}}\n"
        "  template: {metadata: {labels: {app: w}}, spec: {containers: [{name: w, image: w}]}}\n"
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"
    )
    arch = load_manifests([tmp_path / "m.yaml"], display_root=tmp_path, name="m")
    assert arch.components["Deployment/default/worker-"].replicas == 2
    assert [(e.line, e.message) for e in arch.errors] == [
        (12, "ConfigMap without metadata.name or generateName; skipped")
    ]

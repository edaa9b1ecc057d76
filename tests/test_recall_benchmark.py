"""benchmarks/recall.py on a small corpus written here: modules made readable the way
`terraform init` records them, and recall and precision counted from labels."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import recall  # noqa: E402

MODULE = """
variable "multi_az" {
  default = false
}
resource "aws_db_instance" "this" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  multi_az            = var.multi_az
  deletion_protection = true
  backup_retention_period = 7
}
"""

STACK = """
module "orders" {
  source  = "acme/db/aws"
  version = "1.0.0"
}
module "billing" {
  source   = "acme/db/aws//."
  multi_az = true
}
"""

LABELS = """
labels:
- {repo: acme/live, stack: prod, component: module.orders.aws_db_instance.this,
   rules: [HA002], expect: finding, why: the module's default is one zone}
- {repo: acme/live, stack: prod, component: module.billing.aws_db_instance.this,
   rules: [HA002], expect: quiet, why: multi-AZ is asked for}
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "acme+terraform-aws-db").mkdir(parents=True)
    (root / "acme+terraform-aws-db" / "main.tf").write_text(MODULE)
    (root / "acme+live" / "prod").mkdir(parents=True)
    (root / "acme+live" / "prod" / "main.tf").write_text(STACK)
    (tmp_path / "labels.yaml").write_text(LABELS)
    return root


def _run(corpus: Path, modules: str, capsys: pytest.CaptureFixture[str]) -> str:
    labels = corpus.parent / "labels.yaml"
    assert recall.main(["--corpus", str(corpus), "--labels", str(labels),
                        "--modules", modules, "--no-checkov"]) == 0  # fmt: skip
    return capsys.readouterr().out


def test_registry_calls_are_installed_from_the_corpus(corpus: Path, tmp_path: Path) -> None:
    stack = corpus / "acme+live" / "prod"
    found = recall.install_local_modules(stack, corpus)
    assert found == {
        "orders": "../../acme+terraform-aws-db",
        "billing": "../../acme+terraform-aws-db",
    }
    assert (stack / ".terraform" / "modules" / "modules.json").is_file()


@pytest.mark.slow
def test_recall_counts_what_readable_modules_reveal(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readable = _run(corpus, "readable", capsys)
    assert "| recall | 100% (1 of 1) |" in readable
    assert "| precision (judged findings) | 100% (1 of 1) |" in readable
    opaque = _run(corpus, "as-is", capsys)
    assert "| recall | 0% (0 of 1) |" in opaque
    assert "module.orders.aws_db_instance.this HA002" in opaque  # listed as a miss
    assert not (corpus / "acme+live" / "prod" / ".terraform").exists()  # corpus untouched


def _label(component: str, expect: str, blind: bool, rules: tuple[str, ...] = ("HA001",)) -> Any:
    return recall.Label("acme/live", "prod", component, rules, expect, "why", blind)


def test_blind_labels_are_scored_apart_from_the_rest() -> None:
    run = recall.StackRun("acme/live", "prod")
    run.findings = [
        {"rule_id": "HA001", "component": "aws_db_instance.a"},  # blind hit
        {"rule_id": "HA001", "component": "aws_nat_gateway.b"},  # blind false positive
        {"rule_id": "HA003", "component": "aws_lb_target_group.c"},  # judged afterwards
        {"rule_id": "HA010", "component": "aws_db_instance.a"},  # nobody judged it
    ]
    other = recall.StackRun("acme/live", "staging")
    other.findings = [{"rule_id": "HA002", "component": "aws_db_instance.z"}]
    labels = [
        _label("aws_db_instance.a", "finding", True),
        _label("aws_nat_gateway.b", "quiet", True),
        _label("aws_ecs_service.d", "finding", True),  # blind miss
        _label("aws_lb_target_group.c", "finding", False, ("HA003",)),
        recall.Label("acme/live", "staging", "aws_db_instance.z", ("HA002",), "finding", "w"),
    ]
    summary = recall.score(labels, [run, other])
    blind = summary["blind"]
    assert (blind["hit"], blind["expected"]) == (1, 2)
    assert blind["judged_findings"] == 2  # the hit and the false positive
    assert blind["precision"] == 0.5
    assert blind["misses"] == ["acme/live/prod: aws_ecs_service.d HA001 (why)"]
    assert blind["false_positives"] == ["acme/live/prod: HA001 aws_nat_gateway.b"]
    assert blind["unjudged"] == ["acme/live/prod: HA010 aws_db_instance.a"]
    assert (blind["labels"], blind["stacks"]) == (3, 1)
    # overall: three finding labels of four hit; four judged findings, one false positive
    assert (summary["hit"], summary["expected"]) == (3, 4)
    assert summary["judged_findings"] == 4
    assert summary["precision"] == 0.75


def test_blind_must_be_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text(
        "labels:\n- {repo: a/b, stack: s, component: x, rules: [HA001], expect: finding,"
        " blind: 'yes', why: w}\n"
    )
    with pytest.raises(SystemExit, match="blind must be true or false"):
        recall.load_labels(path)
    path.write_text(path.read_text().replace("'yes'", "true"))
    assert recall.load_labels(path)[0].blind is True


def test_github_module_calls_are_installed_from_the_corpus(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "acme+shared" / "queue").mkdir(parents=True)
    (work / "acme+shared" / "queue" / "main.tf").write_text(MODULE)
    stack = work / "acme+live" / "prod"
    stack.mkdir(parents=True)
    (stack / "main.tf").write_text(
        'module "pinned" {\n  source = "github.com/acme/shared//queue?ref=0123abc"\n}\n'
        'module "git" {\n  source = "git::https://github.com/acme/shared.git//queue"\n}\n'
        'module "elsewhere" {\n  source = "github.com/acme/absent//queue"\n}\n'
    )
    assert recall.install_local_modules(stack, work) == {
        "pinned": "../../acme+shared/queue",
        "git": "../../acme+shared/queue",
    }

"""A baseline written before resources split into instances still matches their findings.

Fixture: fixtures/baseline/split/main.tf. Its target groups (`for_each`, only "shop"
sticky) and databases (`count = 2`, only [0] Multi-AZ) read differently per instance, so
each instance is a component: `aws_lb_target_group.pool["shop"]`, `aws_db_instance.store[1]`.
The versions before instances split named both resources by their address alone; the
baselines below are written by hand in that shape (version 1, one entry per finding,
fingerprint = first 32 hex digits of sha256 over rule id, stack, component and key joined
by NUL bytes; the rules used here give no key).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.throwaway import cli

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "baseline" / "split" / "main.tf"
BASELINE = "old-baseline.json"


def _old_entry(rule_id: str, component: str, stack: str = "infra") -> dict[str, str]:
    digest = hashlib.sha256(f"{rule_id}\0{stack}\0{component}\0".encode()).hexdigest()
    return {
        "fingerprint": digest[:32],
        "rule_id": rule_id,
        "component": component,
        "file": f"{stack}/main.tf",
        "message": "recorded before the split",
    }


def _scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: list[dict[str, str]]
) -> tuple[int, dict[str, Any]]:
    (tmp_path / ".git").mkdir(exist_ok=True)  # the root: stacks are named from it
    (tmp_path / "infra").mkdir(exist_ok=True)
    shutil.copyfile(FIXTURE, tmp_path / "infra" / "main.tf")
    baseline = {"version": 1, "findings": entries}
    (tmp_path / BASELINE).write_text(json.dumps(baseline), "utf-8")
    args = ("scan", "infra", "--format", "json", "--baseline", BASELINE)
    code, out, err = cli(monkeypatch, tmp_path, *args)
    assert err == "" or code != 2, err
    document: dict[str, Any] = json.loads(out)
    return code, document


def _active(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["component"]) for f in document["findings"]}


OLD = [
    _old_entry("HA003", "aws_lb_target_group.pool"),  # sticky "shop" only
    _old_entry("HA002", "aws_db_instance.store"),  # [1] is not Multi-AZ
    _old_entry("HA015", "aws_db_instance.store"),  # one entry for both instances
]


def test_old_entries_cover_their_instances_and_a_new_rule_on_one_instance_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HA003 on pool["shop"], HA002 on store[1], HA015 on store[0] and store[1]: 4
    findings matched by their pre-split address. HA001 on store[1] (a single point of
    failure, high) and HA005 on both target groups were not recorded: still reported,
    and the high one fails the gate (exit 1)."""
    code, document = _scan(tmp_path, monkeypatch, OLD)
    assert _active(document) == {
        ("HA001", "aws_instance.app"),
        ("HA001", "aws_db_instance.store[1]"),
        ("HA005", 'aws_lb_target_group.pool["shop"]'),
        ("HA005", 'aws_lb_target_group.pool["admin"]'),
    }
    assert (document["summary"]["baselined"], document["summary"]["baselined_by_former_id"]) == (
        4,
        4,
    )
    assert any("4 findings matched baseline entries" in n for n in document["notes"])
    assert not any("no longer match" in n for n in document["notes"])
    assert code == 1


def test_an_exact_entry_wins_and_old_ones_are_not_counted_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The current id of HA003's finding recorded as well: it matches exactly, so only
    HA002 and HA015 x2 count as matched by a former id (3), and the old HA003 entry is
    stale (1)."""
    exact = _old_entry("HA003", 'aws_lb_target_group.pool["shop"]')
    _, document = _scan(tmp_path, monkeypatch, [*OLD, exact])
    assert document["summary"]["baselined"] == 4
    assert document["summary"]["baselined_by_former_id"] == 3
    assert any(n.startswith("1 baseline entry in") for n in document["notes"])


@pytest.mark.parametrize(
    "entry",
    [
        _old_entry("HA003", "aws_lb_target_group.pool", stack="other"),  # another stack
        _old_entry("HA002", "aws_lb_target_group.pool"),  # another rule
        _old_entry("HA003", "aws_lb_target_group.poo"),  # another resource
    ],
)
def test_an_old_entry_never_covers_another_stack_rule_or_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: dict[str, str]
) -> None:
    _, document = _scan(tmp_path, monkeypatch, [entry])
    assert ("HA003", 'aws_lb_target_group.pool["shop"]') in _active(document)
    assert document["summary"]["baselined"] == 0


def test_a_baseline_recorded_now_matches_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scan(tmp_path, monkeypatch, [])
    code, _, err = cli(monkeypatch, tmp_path, "baseline", "infra", "-o", "now.json")
    assert code == 0, err
    args = ("scan", "infra", "--format", "json", "--baseline", "now.json")
    code, out, _ = cli(monkeypatch, tmp_path, *args)
    summary = json.loads(out)["summary"]
    assert (code, summary["findings"], summary["baselined"]) == (0, 0, 8)
    assert summary["baselined_by_former_id"] == 0


REPLICA_TF = """
resource "aws_db_instance" "main" {
  identifier     = "main"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "copy" {
  identifier          = "copy"
  replicate_source_db = aws_db_instance.main.identifier
  instance_class      = "db.t3.micro"
}
"""

VARIANTS_TF = """
variable "ha" {
  type = bool
}

resource "aws_db_instance" "single" {
  count          = var.ha ? 0 : 1
  identifier     = "single"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "paired" {
  count          = var.ha ? 1 : 0
  identifier     = "paired"
  engine         = "postgres"
  instance_class = "db.t3.micro"
  multi_az       = true
}
"""


@pytest.mark.parametrize(
    ("text", "host", "former"),
    [
        (REPLICA_TF, "aws_db_instance.main", "aws_db_instance.copy"),  # read replica
        (VARIANTS_TF, "aws_db_instance.single", "aws_db_instance.paired"),  # count variant
    ],
)
def test_an_entry_for_a_folded_address_matches_the_same_rule_on_its_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, host: str, former: str
) -> None:
    """The copy (or variant) is folded into `host` (docs/adapters.md): an old HA015 entry
    for it matches HA015 on the host; the host's HA001 (not recorded) is still reported."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(text, "utf-8")
    baseline = {"version": 1, "findings": [_old_entry("HA015", former)]}
    (tmp_path / BASELINE).write_text(json.dumps(baseline), "utf-8")
    args = ("scan", "infra", "--format", "json", "--baseline", BASELINE)
    _, out, _ = cli(monkeypatch, tmp_path, *args)
    document = json.loads(out)
    assert ("HA015", host) not in _active(document)
    assert ("HA001", host) in _active(document)
    assert document["summary"]["baselined_by_former_id"] == 1

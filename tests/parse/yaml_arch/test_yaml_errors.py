"""Broken YAML architecture files: one located, one-line error each, and no exception.

Each file in fixtures/invalid/yaml/ holds one problem; the table gives the line and key
path the error must point at, and words the message must contain.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from spofcheck.availability import sla
from spofcheck.model import Kind
from spofcheck.parse.yaml_arch import is_architecture_document, load_yaml_architecture
from spofcheck.parse.yaml_arch.load import MAX_BYTES
from tests.helpers.yaml_kit import INVALID, edges, load_invalid, only_error

CASES = [
    # file, line, key, words in the message
    (
        "unknown-key.yaml",
        5,
        "components.app.replica",
        "unknown key 'replica' (did you mean 'replicas'?)",
    ),
    (
        "unknown-top-level-key.yaml",
        4,
        "entrypoint",
        "unknown key 'entrypoint' (did you mean 'entrypoints'?)",
    ),
    (
        "unknown-dependency.yaml",
        6,
        "components.app.depends_on[0]",
        "unknown component 'dbb' (did you mean 'db'?)",
    ),
    (
        "unknown-any-of.yaml",
        6,
        "components.app.depends_on[0].any_of[1]",
        "unknown component 'db_wset' (did you mean 'db_west'?)",
    ),
    (
        "unknown-entrypoint.yaml",
        4,
        "entrypoints[1]",
        "unknown component 'wbe' (did you mean 'web'?)",
    ),
    (
        "bad-percentage.yaml",
        5,
        "components.app.availability",
        "expected a percentage above 0 and at most 100, got 150",
    ),
    ("fraction-percentage.yaml", 2, "slo", "got 0.999: percent, not a fraction?"),
    (
        "undeclared-zone.yaml",
        8,
        "components.app.zones[1]",
        "zone 'use1-az3' is not declared under `zones`",
    ),
    (
        "undeclared-region.yaml",
        5,
        "zones.use1-az1.region",
        "region 'eats' is not declared under `regions` (did you mean 'east'?)",
    ),
    (
        "region-contradiction.yaml",
        8,
        "components.app.region",
        "region 'west' contradicts zone 'use1-az1', which is in region 'east'",
    ),
    ("negative-replicas.yaml", 5, "components.app.replicas", "must be at least 0, got -1"),
    ("wrong-type.yaml", 5, "components.app.replicas", "expected a whole number, got 'three'"),
    (
        "unknown-kind.yaml",
        4,
        "components.db.kind",
        "unknown value 'databse' (did you mean 'database'?)",
    ),
    (
        "min-healthy-too-high.yaml",
        7,
        "components.app.min_healthy",
        "min_healthy 4 is more than the 2 replicas + 1 standby",
    ),
    (
        "standby-zone-undeclared.yaml",
        11,
        "components.db.standby.zones[0]",
        "zone 'use1-az9' is not declared under `zones`",
    ),
    (
        "dependency-target-and-any-of.yaml",
        6,
        "components.app.depends_on[0]",
        "give either `target` or `any_of`",
    ),
    (
        "ignore-without-reason.yaml",
        6,
        "components.db.ignore.HA002",
        "suppressing HA002 needs a reason",
    ),
    ("duplicate-key.yaml", 7, "components.app", "duplicate key 'app' (first defined on line 3)"),
    ("empty-component-name.yaml", 3, 'components[""]', "names must not be empty"),
    (
        "syntax-error.yaml",
        4,
        None,
        "YAML syntax error: expected ',' or '}', but got ':' (while parsing a flow mapping "
        "started on line 3)",
    ),
    ("tab-indentation.yaml", 3, None, "YAML syntax error: found character '\\t'"),
    ("not-utf8.yaml", 5, None, "not UTF-8: byte 0xE9"),
    ("binary.yaml", 1, None, "not UTF-8: byte 0x89"),
    ("recursive-alias.yaml", 5, None, "alias *loop refers to a node that contains it"),
    ("deep-nesting.yaml", 4, None, "nesting deeper than 64 levels"),
    ("top-level-list.yaml", 1, None, "the top level must be a mapping"),
    ("version-2.yaml", 1, "version", "unsupported version 2; this spofcheck reads version 1"),
    ("missing-version.yaml", 1, "version", "missing `version: 1`"),
    ("multiple-documents.yaml", 4, None, "a second YAML document starts here"),
    ("empty.yaml", None, None, "the file holds no YAML document"),
]


@pytest.mark.parametrize(("name", "line", "key", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_file_gives_one_located_error(
    name: str, line: int | None, key: str | None, words: str
) -> None:
    error = only_error(load_invalid(name))
    assert (error.file, error.line, error.key) == (name, line, key)
    assert words in error.message
    assert "\n" not in error.one_line()


def test_every_invalid_fixture_is_in_the_table() -> None:
    covered = {c[0] for c in CASES} | {
        "alias-bomb.yaml",
        "unsupported-tag.yaml",
        "several-problems.yaml",
        "dependency-cycle.yaml",
    }
    assert {p.name for p in INVALID.glob("*.yaml")} == covered


def test_an_alias_bomb_is_refused_quickly() -> None:
    """a0 holds 9 strings (10 nodes); each level aliases the one below 9 times, so the
    aliases charged are a1: 9*10 = 90, a2: 9*91 = 819, a3: 9*820 = 7380, a4: 9*7381 =
    66429 (74718 in all), and the first *a4 on line 8 passes 100000."""
    started = time.perf_counter()
    error = only_error(load_invalid("alias-bomb.yaml"))
    assert time.perf_counter() - started < 2
    assert error.line == 8
    assert "aliases expand to more than 100000 nodes" in error.message


def test_an_unsupported_tag_constructs_nothing() -> None:
    arch = load_invalid("unsupported-tag.yaml")
    messages = {(e.line, e.key, e.message) for e in arch.errors}
    assert (
        5,
        "components.app.label",
        "unsupported tag !!python/object/apply:os.system; read as untagged",
    ) in messages
    assert arch.components["app"].label is None  # a list is no label: dropped
    assert arch.components["app"].kind is Kind.SERVICE


def test_the_rest_of_a_document_survives_a_bad_field() -> None:
    arch = load_invalid("unknown-key.yaml")
    assert arch.components["app"].kind is Kind.SERVICE
    arch = load_invalid("duplicate-key.yaml")
    assert arch.components["app"].kind is Kind.SERVICE  # the first `app` is kept
    assert list(arch.components) == ["app", "db"]


def test_all_problems_of_a_document_are_reported_and_the_rest_still_loads() -> None:
    arch = load_invalid("several-problems.yaml")
    assert [(e.line, e.key) for e in arch.errors] == [
        (8, "components.web.depends_on[1]"),
        (11, "components.app.replicas"),
        (12, "components.app.zones[1]"),
        (13, "components.app.health_check.intervl"),
        (15, "components.db.kind"),
        (16, "components.db.availability"),
        (19, "components.cache.ignore.HA001"),
    ]
    assert list(arch.components) == ["web", "app", "db", "cache"]
    app, db = arch.components["app"], arch.components["db"]
    assert (app.replicas, app.zones) == (2, ["az1", "az2"])  # bad count -> default: 2 zones
    assert app.health_check.details == {"path": "/health"}
    assert db.kind is Kind.OTHER
    assert db.availability == sla.lookup("kind:other").availability
    assert arch.components["cache"].ignore == {}
    assert edges(arch) == [("web", "app", "hard")]  # web -> ghost dropped
    assert arch.entrypoints == ["web"]


def test_a_dependency_cycle_loads_without_error_and_infers_no_entrypoint() -> None:
    arch = load_invalid("dependency-cycle.yaml")
    assert arch.errors == []
    assert edges(arch) == [("a", "b", "hard"), ("b", "c", "hard"), ("c", "a", "hard")]
    assert arch.entrypoints == []
    assert len(arch.notes) == 1
    assert "declare `entrypoints:`" in arch.notes[0]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"version: 1\ncomponents: {}\n" + b"#" * MAX_BYTES)
    error = only_error(load_yaml_architecture(big, display_root=tmp_path))
    assert (error.file, error.line) == ("big.yaml", None)
    assert f"larger than {MAX_BYTES} bytes" in error.message


def test_missing_directory_fifo_and_symlink_loop_are_errors(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    expected = {
        "missing.yaml": "cannot read: No such file or directory",
        "loop.yaml": "cannot read: Too many levels of symbolic links",
        "fifo.yaml": "not a regular file",
        ".": "not a regular file",
    }
    for name, words in expected.items():
        error = only_error(load_yaml_architecture(tmp_path / name, display_root=tmp_path))
        assert words in error.message, name


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_an_error(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("version: 1\ncomponents: {}\n")
    secret.chmod(0)
    error = only_error(load_yaml_architecture(secret, display_root=tmp_path))
    assert "cannot read: Permission denied" in error.message


def test_detection_needs_top_level_version_and_components(tmp_path: Path) -> None:
    compose = tmp_path / "docker-compose.yaml"
    compose.write_text("version: '3'\nservices:\n  web: {image: nginx}\n")
    nested = tmp_path / "nested.yaml"
    nested.write_text("spec:\n  version: 1\n  components: {}\n")
    quoted = tmp_path / "quoted.yaml"
    quoted.write_text('"version": 1\n"components": {}\n')
    assert is_architecture_document(INVALID / "unknown-key.yaml")
    assert is_architecture_document(INVALID / "syntax-error.yaml")  # broken, still ours
    assert is_architecture_document(quoted)
    assert not is_architecture_document(compose)
    assert not is_architecture_document(nested)
    assert not is_architecture_document(INVALID / "binary.yaml")
    assert not is_architecture_document(tmp_path / "missing.yaml")
    assert not is_architecture_document(tmp_path)


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!bool"])
def test_an_empty_tagged_scalar_is_a_located_error(tag: str, tmp_path: Path) -> None:
    """Found by the fuzz test: ruamel's constructors index the first character, so an
    empty `!!int` raised IndexError and lost the whole scan."""
    path = tmp_path / "arch.yaml"
    path.write_text(
        f"version: 1\ncomponents:\n  a:\n    kind: service\n    replicas: {tag}\n",
        encoding="utf-8",
    )
    arch = load_yaml_architecture(path, display_root=tmp_path)
    assert any(e.line == 5 and e.key == "components.a.replicas" for e in arch.errors)

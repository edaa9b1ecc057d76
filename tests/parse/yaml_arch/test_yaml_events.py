"""The event composer: YAML 1.2 scalars, positions, anchors and merge keys, bounds."""

from __future__ import annotations

from spofcheck.parse.yaml_arch.events import MAX_DEPTH, compose
from spofcheck.parse.yaml_arch.located import Pos, Problem, key_path, line_of


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    composed = compose(
        "a: 0x1F\nb: 1_000\nc: yes\nd: '1'\ne: ~\nf: 2024-01-01\ng: 99.95\nh: True\n"
        "i: !!str 5\nj: .inf\nk: 0o17\nl:\n"
    )
    assert composed.problems == []
    assert composed.data == {
        "a": 31,
        "b": 1000,
        "c": "yes",  # YAML 1.1's booleans are plain text in 1.2
        "d": "1",
        "e": None,
        "f": "2024-01-01",  # timestamps stay as written
        "g": 99.95,
        "h": True,
        "i": "5",
        "j": float("inf"),
        "k": 15,
        "l": None,
    }


def test_a_bad_explicit_tag_is_reported_and_read_as_text() -> None:
    composed = compose("a: !!int abc\nb: !custom 3\n")
    assert composed.data == {"a": "abc", "b": 3}
    assert composed.problems == [
        Problem(1, "'abc' cannot be read as an integer (!!int)", ("a",)),
        Problem(2, "unsupported tag !custom; read as untagged", ("b",)),
    ]


def test_positions_give_key_lines_and_value_end_lines() -> None:
    text = "a:\n  b: 1\n  c:\n    - x\n    - y\nd: {e: 1,\n  f: 2}\ng: |\n  one\n  two\nh:\n"
    composed = compose(text)
    p = composed.positions
    assert p[("a",)] == Pos(1, 5)
    assert p[("a", "c")] == Pos(3, 5)
    assert p[("a", "c", 1)] == Pos(5, 5)
    assert p[("d",)] == Pos(6, 7)  # a flow mapping ends on its closing brace
    assert p[("g",)] == Pos(8, 10)  # a block scalar ends with its last line
    assert p[("h",)] == Pos(11, 11)  # an empty value stays on its key's line
    assert p[()] == Pos(1, 11)


def test_merge_keys_lose_to_written_keys_and_earlier_sources_win() -> None:
    text = "x: &x {k: 1, m: 1}\ny: &y {k: 2, n: 2}\nz:\n  k: 0\n  <<: [*x, *y]\n"
    composed = compose(text)
    assert composed.data["z"] == {"k": 0, "m": 1, "n": 2}
    assert composed.positions[("z", "m")] == Pos(5, 5)  # merged keys point at `<<`
    assert line_of(composed.positions, ("z", "m", "deeper")) == 5


def test_aliases_are_copies_so_one_site_cannot_change_another() -> None:
    composed = compose("a: &a [1, 2]\nb: *a\n")
    assert composed.data["a"] == composed.data["b"]
    assert composed.data["a"] is not composed.data["b"]


def test_duplicate_keys_keep_the_first_and_name_both_lines() -> None:
    composed = compose("zones:\n  a: {region: x}\n  a: {region: y}\n")
    assert composed.data == {"zones": {"a": {"region": "x"}}}
    assert composed.problems == [
        Problem(
            3, "duplicate key 'a' (first defined on line 2); this one is ignored", ("zones", "a")
        ),
    ]
    assert composed.positions[("zones", "a", "region")] == Pos(2, 2)


def test_non_scalar_keys_are_reported_and_skipped() -> None:
    composed = compose("? [a, b]\n: 1\nc: 2\n")
    assert composed.data == {"c": 2}
    assert composed.problems[0].message.startswith("a mapping key must be a plain value")


def test_nesting_is_capped_at_a_fixed_depth() -> None:
    ok = compose("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n")
    assert ok.usable
    deep = compose("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert not deep.usable
    assert deep.problems == [Problem(1, f"nesting deeper than {MAX_DEPTH} levels; refused")]


def test_an_alias_that_would_nest_too_deep_is_refused() -> None:
    inner = "[" * 40 + "]" * 40
    composed = compose(f"a: &a {inner}\nb: {'[' * 30}*a{']' * 30}\n")
    assert not composed.usable
    assert composed.problems[-1].message == f"alias *a nests deeper than {MAX_DEPTH} levels"


def test_undefined_alias_is_an_error() -> None:
    composed = compose("a: *nowhere\n")
    assert composed.problems == [Problem(1, "alias *nowhere has no anchor &nowhere before it")]


def test_key_paths_quote_segments_with_dots() -> None:
    assert key_path(("components", "app", "depends_on", 2, "any_of", 0)) == (
        "components.app.depends_on[2].any_of[0]"
    )
    assert key_path(("components", "aws_lb.web", "zones")) == 'components["aws_lb.web"].zones'
    assert key_path((0,)) == "[0]"

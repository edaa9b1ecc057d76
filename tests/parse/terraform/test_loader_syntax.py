"""The syntax tree as the loader sees it: blocks, lines, comments, strings."""

from __future__ import annotations

from spofcheck.parse.terraform.hcl import parse_file
from spofcheck.parse.terraform.syntax import FileSyntax
from tests.helpers.loader_kit import load, resource


def test_block_lines_cover_the_whole_block() -> None:
    result = load("syntax")
    db = resource(result, "aws_db_instance.main")
    assert (db.location.file, db.location.line, db.location.end_line) == ("syntax/main.tf", 11, 20)
    ami = resource(result, "data.aws_ami.ubuntu")
    assert (ami.location.line, ami.location.end_line) == (24, 34)


def test_ignore_comment_on_the_block_line_lists_several_rules() -> None:
    db = resource(load("syntax"), "aws_db_instance.main")
    reason = "single AZ is fine in staging"
    assert db.ignores == {"HA002": reason, "HA005": reason}


def test_ignore_comment_above_with_comments_between_and_no_reason() -> None:
    """Line 22 holds the marker, line 23 another comment, the data block starts on 24."""
    assert resource(load("syntax"), "data.aws_ami.ubuntu").ignores == {"HA003": ""}


def test_marker_without_rule_ids_is_not_a_suppression() -> None:
    assert resource(load("syntax"), "aws_s3_bucket.logs").ignores == {}


def test_nested_blocks_become_lists_of_dicts() -> None:
    result = load("syntax")
    ami = resource(result, "data.aws_ami.ubuntu")
    assert ami.mode == "data"
    assert ami.attributes["filter"] == [
        {"name": "name", "values": ["ubuntu-*"]},
        {"name": "arch", "values": ["x86_64"]},
    ]
    db = resource(result, "aws_db_instance.main")
    assert db.attributes["timeouts"] == [{"create": "40m"}]


def test_providers_and_provider_meta_argument() -> None:
    result = load("syntax")
    assert result.providers == {
        "aws": {"region": "eu-west-1"},
        "aws.west": {"alias": "west", "region": "us-west-2"},
    }
    db = resource(result, "aws_db_instance.main")
    assert db.provider_config == "aws.west"
    assert "provider" not in db.attributes
    assert resource(result, "aws_s3_bucket.logs").provider_config is None


def test_heredoc_is_dedented_and_interpolated() -> None:
    """<<-EOT strips the 4-space indent; the engine is configured as "postgres"."""
    logs = resource(load("syntax"), "aws_s3_bucket.logs")
    assert logs.attributes["policy"] == '{"bucket": "postgres"}\n'
    assert logs.references == {"aws_db_instance.main"}


def test_string_escapes() -> None:
    logs = resource(load("syntax"), "aws_s3_bucket.logs")
    assert logs.attributes["note"] == 'a "quoted" ${literal} and \u00e9'


def test_crlf_and_bom_parse_like_lf() -> None:
    text = '\ufeffresource "a" "b" {\r\n  x = 1\r\n}\r\n'
    parsed = parse_file("main.tf", text.encode("utf-8"))
    assert isinstance(parsed, FileSyntax)
    (block,) = parsed.blocks
    assert (block.labels, block.line, block.end_line) == (("a", "b"), 1, 3)


def test_block_comment_ignore() -> None:
    cache = resource(load("syntax"), "aws_elasticache_cluster.cache")
    assert cache.ignores == {"HA009": "the cache is disposable"}

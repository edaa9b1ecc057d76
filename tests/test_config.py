"""Config discovery and validation: nearest file wins, errors name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from spofcheck.config import find_config, load_config
from spofcheck.errors import ConfigError
from spofcheck.model import Severity


def test_nearest_yaml_config_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".spofcheck.yaml").write_text("fail_on: medium\n")
    stack = tmp_path / "infra" / "prod"
    stack.mkdir(parents=True)
    found = find_config(stack)
    assert found == (tmp_path / ".spofcheck.yaml").resolve()
    assert load_config(found).fail_on is Severity.MEDIUM


def test_pyproject_counts_only_with_a_tool_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.spofcheck]\nslo = 99.9\ndisable = ['ha003']\n")
    config = load_config(find_config(tmp_path))
    assert config.slo == 99.9
    assert config.disable == ["HA003"]


def test_relative_rule_dirs_start_at_the_config_file(tmp_path: Path) -> None:
    (tmp_path / ".spofcheck.yaml").write_text("rules: [team-rules]\nvar_files: [prod.tfvars]\n")
    config = load_config(tmp_path / ".spofcheck.yaml")
    assert config.rule_dirs() == [tmp_path / "team-rules"]
    assert config.var_file_paths() == [tmp_path / "prod.tfvars"]


def test_unknown_key_is_an_error_naming_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / ".spofcheck.yaml"
    path.write_text("fail_on: high\nseverities: {HA001: low}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "severities"
    assert str(path) in info.value.one_line()


def test_bad_severity_value_names_the_key_path(tmp_path: Path) -> None:
    path = tmp_path / ".spofcheck.yaml"
    path.write_text("severity:\n  HA001: urgent\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "severity.HA001"


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / ".spofcheck.yaml"
    path.write_text("fail_on: high\ndisable: [HA001\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line is not None
    assert info.value.line >= 2

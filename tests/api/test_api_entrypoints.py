"""Entry points named outside the code (issue 17): the config's `entrypoints`, a YAML
overlay, and the gate on a figure whose basis is not the plain "every entry point up"."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from spofcheck.cli import main

TWO_VMS = """
resource "aws_instance" "web" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}
resource "aws_instance" "batch" {
  ami           = "ami-1"
  instance_type = "t3.micro"
}
"""
# Two single instances, nothing calling either, no front door: the catalogue's EC2
# instance figure is 99.5%, so both up is 0.995^2 = 0.990025; one alone 0.995.
ONE = 0.995
BOTH = 0.995 * 0.995


def _stack(tmp_path: Path, config: str | None = None) -> Path:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack" / "main.tf").write_text(TWO_VMS)
    if config is not None:
        (tmp_path / "spofcheck.yaml").write_text(config)
    return tmp_path / "stack"


def _json(stack: Path, *args: str) -> tuple[Result, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        main, ["availability", str(stack), "-f", "json", "--no-cache", *args]
    )
    return result, json.loads(result.output) if result.output.startswith("{") else {}


def test_no_entry_point_gives_every_serving_component_up(tmp_path: Path) -> None:
    result, doc = _json(_stack(tmp_path))
    assert result.exit_code == 0
    assert doc["basis"] == "every-serving-component"
    assert abs(doc["value"] - BOTH) < 1e-12
    assert [(e["id"], e["value"]) for e in doc["entrypoints"]] == [
        ("aws_instance.batch", ONE),
        ("aws_instance.web", ONE),
    ]


def test_the_config_names_the_entry_point(tmp_path: Path) -> None:
    stack = _stack(tmp_path, "entrypoints:\n  stack: [aws_instance.web]\n")
    result, doc = _json(stack, "--config", str(tmp_path / "spofcheck.yaml"))
    assert result.exit_code == 0
    assert doc["basis"] == "entrypoints"
    assert abs(doc["value"] - ONE) < 1e-12


def test_a_misspelled_entry_point_in_the_config_is_located(tmp_path: Path) -> None:
    stack = _stack(tmp_path, "entrypoints:\n  stack: [aws_instance.webb]\n")
    result, doc = _json(stack, "--config", str(tmp_path / "spofcheck.yaml"))
    assert result.exit_code == 2
    assert doc["value"] is None  # never a figure over a model with errors
    assert "entrypoints.stack[0]" in doc["errors"][0]["key"]
    assert "did you mean 'aws_instance.web'" in doc["errors"][0]["message"]


def test_a_config_key_naming_no_folder_is_an_error(tmp_path: Path) -> None:
    stack = _stack(tmp_path, "entrypoints:\n  stak: [aws_instance.web]\n")
    result, doc = _json(stack, "--config", str(tmp_path / "spofcheck.yaml"))
    assert result.exit_code == 2
    assert any(e["key"] == "entrypoints.stak" for e in doc["errors"])


def test_an_overlay_names_the_entry_point(tmp_path: Path) -> None:
    stack = _stack(tmp_path)
    overlay = "version: 1\ncomponents: {}\nentrypoints: [aws_instance.batch]\n"
    (stack / "overlay.yaml").write_text(overlay)
    _, doc = _json(stack)
    assert doc["basis"] == "entrypoints"
    assert abs(doc["value"] - ONE) < 1e-12


def test_the_floor_gate_names_the_basis(tmp_path: Path) -> None:
    """99.0025% is below a 99.5% floor (fails) and above 99% (passes)."""
    stack = _stack(tmp_path)
    failed, doc = _json(stack, "--min-availability", "99.5")
    assert failed.exit_code == 1
    message = doc["gate"]["reasons"][0]["message"]
    assert "(no entry point: every serving component up) 99% is below" in message
    passed, _ = _json(stack, "--min-availability", "99")
    assert passed.exit_code == 0

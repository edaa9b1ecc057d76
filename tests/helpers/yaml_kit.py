"""Helpers for the YAML architecture tests: where the fixtures are and how to load them."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Architecture, Dependency, ParseError
from spofcheck.parse.yaml_arch import load_yaml_architecture

REPO = Path(__file__).resolve().parents[2]
ARCHITECTURES = REPO / "fixtures" / "architectures"
INVALID = REPO / "fixtures" / "invalid" / "yaml"
OVERLAYS = REPO / "fixtures" / "overlays"


def load(name: str) -> Architecture:
    """A fixture architecture; file paths in the model are relative to its folder."""
    folder = ARCHITECTURES / name
    return load_yaml_architecture(folder / "architecture.yaml", display_root=folder)


def load_invalid(name: str) -> Architecture:
    return load_yaml_architecture(INVALID / name, display_root=INVALID)


def edges(arch: Architecture) -> list[tuple[str, str, str]]:
    """(source, targets joined by |, kind) for every dependency, in model order."""
    return [(d.source, "|".join(d.targets), d.kind.value) for d in arch.dependencies]


def dependency(arch: Architecture, source: str, target: str) -> Dependency:
    (found,) = [d for d in arch.dependencies if d.source == source and target in d.targets]
    return found


def only_error(arch: Architecture) -> ParseError:
    assert len(arch.errors) == 1, [e.one_line() for e in arch.errors]
    return arch.errors[0]

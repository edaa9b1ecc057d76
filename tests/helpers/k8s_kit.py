"""Helpers for Kubernetes parser tests: write manifests to a folder and read the model."""

from __future__ import annotations

from pathlib import Path

from spofcheck.model import Architecture
from spofcheck.parse.kubernetes import load_manifests


def load(tmp_path: Path, *documents: str, name: str = "manifests.yaml") -> Architecture:
    """The model of one file holding `documents` (joined with `---`)."""
    path = tmp_path / name
    path.write_text("---\n".join(documents), encoding="utf-8")
    return load_manifests([path], display_root=tmp_path, name=tmp_path.name)


def deployment(
    name: str = "api",
    *,
    replicas: int | None = 3,
    pod: str = "",
    container: str = "",
    kind: str = "Deployment",
    image: str = "example/api:1",
    meta: str = "",
) -> str:
    """A workload manifest; `pod` and `container` are extra lines, already indented."""
    count = f"  replicas: {replicas}\n" if replicas is not None else ""
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\n{meta}spec:\n{count}"
        f"  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n"
        f"    metadata: {{labels: {{app: {name}}}}}\n    spec:\n{pod}"
        f"      containers:\n        - name: {name}\n          image: {image}\n{container}"
    )


def service(name: str = "api", extra: str = "") -> str:
    return (
        f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n"
        f"  selector: {{app: {name}}}\n  ports: [{{port: 80}}]\n{extra}"
    )

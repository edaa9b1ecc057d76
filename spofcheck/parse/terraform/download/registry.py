"""The module registry protocol: service discovery, `versions`, `download`."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from spofcheck.parse.terraform.download import http
from spofcheck.parse.terraform.download.address import Registry
from spofcheck.parse.terraform.download.http import FetchError
from spofcheck.parse.terraform.download.versions import newest_matching

_SMALL = 1_000_000  # discovery and version documents are a few KB


def resolve(module: Registry, constraint: str | None) -> tuple[str, str]:
    """(package location to fetch, the version chosen) for a registry module."""
    base = _modules_base(module.host)
    path = f"{module.namespace}/{module.name}/{module.system}"
    listed = _json(http.get(urljoin(base, f"{path}/versions"), limit=_SMALL))
    version = newest_matching(_versions(listed), constraint)
    if version is None:
        wanted = f"matching {constraint!r}" if constraint else "released"
        raise FetchError(f"registry {module.host} has no version of {path} {wanted}")
    url = urljoin(base, f"{path}/{version}/download")
    response = http.get(url, limit=_SMALL)
    location = response.headers.get("X-Terraform-Get")
    if not location and response.body:
        body = _json(response)
        location = body.get("location") if isinstance(body, dict) else None
    if not isinstance(location, str) or not location:
        raise FetchError(f"{url}: no X-Terraform-Get location in the answer")
    return _absolute(location, response.url), version


def _modules_base(host: str) -> str:
    discovery = f"https://{host}/.well-known/terraform.json"
    services = _json(http.get(discovery, limit=_SMALL))
    base = services.get("modules.v1") if isinstance(services, dict) else None
    if not isinstance(base, str):
        raise FetchError(f"{host} is not a module registry (no modules.v1 in {discovery})")
    return urljoin(discovery, base if base.endswith("/") else base + "/")


def _versions(listed: Any) -> list[str]:
    modules = listed.get("modules") if isinstance(listed, dict) else None
    found = []
    for module in modules if isinstance(modules, list) else []:
        entries = module.get("versions") if isinstance(module, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("version"), str):
                found.append(entry["version"])
    return found


def _json(response: http.Response) -> Any:
    try:
        return json.loads(response.body)
    except ValueError as exc:
        raise FetchError(f"{response.url}: answer is not JSON") from exc


def _absolute(location: str, base: str) -> str:
    """A location relative to the download URL (`./pkg.tar.gz`, `/x.zip`) made absolute;
    addresses with a forced getter (`git::…`) or a scheme are kept as written."""
    if "::" in location.split("/", 1)[0] or "://" in location:
        return location
    if location.startswith(("/", "./", "../")):
        return urljoin(base, location)
    return location

"""`--download-modules`: registry protocol, git, archives, the store, and every refusal.

Everything is served from this machine: an HTTPS server on 127.0.0.1 with a throwaway
CA (trustme, trusted through SSL_CERT_FILE), git repositories in a temp folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spofcheck.parse.terraform.download import archive, http, store
from spofcheck.parse.terraform.download.fetch import ModuleFetcher
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.resources import LoadResult
from tests.helpers.download_kit import (
    Route,
    Server,
    db_module,
    git_repo,
    https_server,
    registry_routes,
    tar_gz,
    zip_bytes,
)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    ca = tmp_path / "ca.pem"
    with https_server(ca) as state:
        monkeypatch.setenv("SSL_CERT_FILE", str(ca))
        yield state


def _stack(tmp_path: Path, source: str, version: str | None = None) -> Path:
    stack = tmp_path / "stack"
    stack.mkdir(exist_ok=True)
    line = f'  version = "{version}"\n' if version else ""
    (stack / "main.tf").write_text(f'module "db" {{\n  source = "{source}"\n{line}}}\n')
    return stack


def _load(stack: Path, *, download: bool = True) -> LoadResult:
    fetcher = ModuleFetcher() if download else None
    return load_module(stack, display_root=stack, fetcher=fetcher)


def _identifier(result: LoadResult) -> str:
    (db,) = [r for r in result.resources if r.type == "aws_db_instance"]
    return str(db.attributes["identifier"])


def _reason(result: LoadResult) -> str:
    (opaque,) = result.opaque_modules
    return opaque.reason


def test_registry_picks_newest_version_matching_the_constraint(
    server: Server, tmp_path: Path
) -> None:
    """Versions 1.0.0, 1.2.0, 1.3.0-beta and 2.0.0 exist; `~> 1.0` allows >= 1.0.0 and
    < 2.0.0 without pre-releases, so 1.2.0 is chosen. Its download answer points to a
    tar.gz by a path relative to the registry host, with a `//subdir`."""
    packages = {
        v: f"/pkg/db-{v}.tar.gz//modules/db" for v in ("1.0.0", "1.2.0", "1.3.0-beta", "2.0.0")
    }
    registry_routes(server, "acme/db/aws", packages)
    for version in packages:
        body = tar_gz({"modules/db/main.tf": db_module(f"db-{version}")})
        server.routes[f"/pkg/db-{version}.tar.gz"] = Route(body=body)
    result = _load(_stack(tmp_path, f"{server.host}/acme/db/aws", "~> 1.0"))
    assert result.opaque_modules == []
    assert _identifier(result) == "db-1.2.0"
    assert "/v1/modules/acme/db/aws/1.2.0/download" in server.requests


def test_fetched_module_is_reused_offline_and_verified(server: Server, tmp_path: Path) -> None:
    """The second scan needs no network: the store answers. A file changed in the store
    no longer hashes to the object's name, so the object is dropped and fetched again."""
    registry_routes(server, "acme/db/aws", {"1.0.0": "/db.zip"})
    server.routes["/db.zip"] = Route(body=zip_bytes({"main.tf": db_module("from-zip")}))
    stack = _stack(tmp_path, f"{server.host}/acme/db/aws", "1.0.0")
    assert _identifier(_load(stack)) == "from-zip"
    asked = len(server.requests)
    assert _identifier(_load(stack)) == "from-zip"
    assert len(server.requests) == asked  # offline reuse
    (obj,) = (store.store_root() / "objects").iterdir()
    (obj / "main.tf").write_bytes(db_module("tampered"))
    assert _identifier(_load(stack)) == "from-zip"
    assert len(server.requests) > asked  # fetched again, not trusted


def test_plain_scan_fetches_nothing(server: Server, tmp_path: Path) -> None:
    registry_routes(server, "acme/db/aws", {"1.0.0": "/db.zip"})
    result = _load(_stack(tmp_path, f"{server.host}/acme/db/aws"), download=False)
    assert server.requests == []
    assert "--download-modules" in _reason(result)


def test_unknown_version_leaves_the_module_opaque(server: Server, tmp_path: Path) -> None:
    registry_routes(server, "acme/db/aws", {"1.0.0": "/db.zip"})
    result = _load(_stack(tmp_path, f"{server.host}/acme/db/aws", "~> 9.0"))
    assert "no version of acme/db/aws matching '~> 9.0'" in _reason(result)
    assert result.opaque_modules[0].version == "~> 9.0"


def test_unreachable_registry_leaves_the_module_opaque(tmp_path: Path) -> None:
    """Port 9 on 127.0.0.1 (discard) has no listener in the test environment."""
    result = _load(_stack(tmp_path, "127.0.0.1:9/acme/db/aws"))
    assert _reason(result).startswith("download failed: https://127.0.0.1:9/.well-known")


def test_host_that_is_not_a_registry(server: Server, tmp_path: Path) -> None:
    result = _load(_stack(tmp_path, f"{server.host}/acme/db/aws"))
    assert "HTTP 404" in _reason(result)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (tar_gz({"../escape.tf": b"x"}), "points outside the archive"),
        (tar_gz({"/abs.tf": b"x"}), "points outside the archive"),
        (tar_gz({"main.tf": b""}, links={"evil.tf": "/etc/passwd"}), "is a link"),
        (zip_bytes({"../../escape.tf": b"x"}), "points outside the archive"),
    ],
    ids=["tar-traversal", "tar-absolute", "tar-symlink", "zip-traversal"],
)
def test_unsafe_archives_are_refused(
    server: Server, tmp_path: Path, body: bytes, expected: str
) -> None:
    kind = "zip" if body[:2] == b"PK" else "tar.gz"
    server.routes[f"/m.{kind}"] = Route(body=body)
    result = _load(_stack(tmp_path, f"{server.base}/m.{kind}"))
    assert expected in _reason(result)
    assert not (tmp_path / "escape.tf").exists()
    assert not list(store.store_root().glob("**/escape.tf"))


def test_oversized_archive_is_refused(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 3 MB file of zeros compresses to a few KB; with the unpacked limit at 1 MB the
    decompression stops there (a gzip bomb never reaches tarfile)."""
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1_000_000)
    server.routes["/big.tar.gz"] = Route(body=tar_gz({"main.tf": b"\0" * 3_000_000}))
    result = _load(_stack(tmp_path, f"{server.base}/big.tar.gz"))
    assert "more than 1 MB" in _reason(result)


def test_oversized_download_is_cut_off(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "MAX_RESPONSE_BYTES", 100_000)
    server.routes["/m.zip"] = Route(body=b"PK" + b"\0" * 200_000)
    result = _load(_stack(tmp_path, f"{server.base}/m.zip"))
    assert "larger than 0 MB" in _reason(result)


def test_slow_server_times_out(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "TIMEOUT_SECONDS", 0.5)
    server.routes["/slow.zip"] = Route(body=zip_bytes({"main.tf": b""}), delay=2.0)
    result = _load(_stack(tmp_path, f"{server.base}/slow.zip"))
    assert "timed out" in _reason(result)


def test_trickling_server_is_cut_off_at_the_deadline(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One byte every 50 ms never trips a socket timeout; 200 bytes take 10 s, and the
    whole-download deadline (0.5 s here) stops it."""
    monkeypatch.setattr(http, "TIMEOUT_SECONDS", 0.5)
    server.routes["/drip.zip"] = Route(body=b"PK" + b"\0" * 198, trickle=0.05)
    result = _load(_stack(tmp_path, f"{server.base}/drip.zip"))
    assert "took longer than 0.5 s" in _reason(result)


def test_plain_http_is_refused(tmp_path: Path) -> None:
    result = _load(_stack(tmp_path, "http://127.0.0.1:9/m.zip"))
    assert "only https:// is fetched" in _reason(result)


def test_git_file_url_with_ref_and_subdir(tmp_path: Path) -> None:
    """Tag v1 holds `identifier = "v1"`; a later commit on main changes it: `?ref=v1`
    must read the tag, and `//modules/db` the folder inside the repository."""
    repo = git_repo(tmp_path / "r", {"modules/db/main.tf": db_module("v1").decode()}, tag="v1")
    (repo / "modules/db/main.tf").write_bytes(db_module("main"))
    import subprocess

    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@e",
                    "commit", "-qam", "later"], check=True)  # fmt: skip
    stack = _stack(tmp_path, f"git::file://{repo}//modules/db?ref=v1")
    assert _identifier(_load(stack)) == "v1"
    stack2 = tmp_path / "two"
    stack2.mkdir()
    (stack2 / "main.tf").write_text(
        f'module "db" {{ source = "git::file://{repo}//modules/db" }}\n'
    )
    assert _identifier(_load(stack2)) == "main"


def test_git_clone_runs_no_hooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's global git config naming a hooks folder is ignored, so the post-checkout
    hook there (which would create `ran`) never runs."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    marker = tmp_path / "ran"
    (hooks / "post-checkout").write_text(f"#!/bin/sh\ntouch {marker}\n")
    (hooks / "post-checkout").chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(f"[core]\n\thooksPath = {hooks}\n")
    monkeypatch.setenv("HOME", str(home))
    repo = git_repo(tmp_path / "r", {"main.tf": db_module("hooked").decode()})
    assert _identifier(_load(_stack(tmp_path, f"git::file://{repo}"))) == "hooked"
    assert not marker.exists()


def test_git_ext_transport_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = _load(_stack(tmp_path, f"git::ext::sh -c touch% {marker}"))
    assert "download failed" in _reason(result)
    assert not marker.exists()


def test_failed_clone_leaves_the_module_opaque(tmp_path: Path) -> None:
    result = _load(_stack(tmp_path, f"git::file://{tmp_path}/missing.git"))
    assert _reason(result).startswith("download failed: git clone")


def test_unsupported_source_kind(tmp_path: Path) -> None:
    result = _load(_stack(tmp_path, "s3::https://bucket.s3.amazonaws.com/m.zip"))
    assert "not supported by --download-modules" in _reason(result)


@pytest.fixture
def git_daemon(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """`git daemon` serving `tmp_path/served` on a free port of 127.0.0.1."""
    import socket
    import subprocess
    import time

    served = tmp_path / "served"
    served.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    daemon = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={served}",
         "--listen=127.0.0.1", f"--port={port}", str(served)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield served, port
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_git_daemon_on_localhost(git_daemon: tuple[Path, int], tmp_path: Path) -> None:
    served, port = git_daemon
    git_repo(served / "db.git", {"main.tf": db_module("over-git-protocol").decode()}, tag="v2")
    stack = _stack(tmp_path, f"git::git://127.0.0.1:{port}/db.git?ref=v2")
    assert _identifier(_load(stack)) == "over-git-protocol"


def test_oversized_checkout_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 200 KB file in the repository, with the checkout limit at 100 KB."""
    from spofcheck.parse.terraform.download import git

    monkeypatch.setattr(git, "MAX_CHECKOUT_BYTES", 100_000)
    repo = git_repo(tmp_path / "r", {"main.tf": "# " + "x" * 200_000 + "\n"})
    result = _load(_stack(tmp_path, f"git::file://{repo}"))
    assert "larger than 0 MB" in _reason(result)


def test_registry_location_in_a_json_body(server: Server, tmp_path: Path) -> None:
    """Newer registries answer `download` with 200 and {"location": …} instead of the
    X-Terraform-Get header; both are followed."""
    registry_routes(server, "acme/db/aws", {"1.0.0": "/unused"})
    route = Route(200, body=b'{"location": "./pkg.zip"}')
    server.routes["/v1/modules/acme/db/aws/1.0.0/download"] = route
    server.routes["/v1/modules/acme/db/aws/1.0.0/pkg.zip"] = Route(
        body=zip_bytes({"main.tf": db_module("json-location")})
    )
    assert _identifier(_load(_stack(tmp_path, f"{server.host}/acme/db/aws"))) == "json-location"


def test_git_ref_may_be_a_commit_id(tmp_path: Path) -> None:
    import subprocess

    repo = git_repo(tmp_path / "r", {"main.tf": db_module("first").decode()})
    first = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (repo / "main.tf").write_bytes(db_module("second"))
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@e",
                    "commit", "-qam", "later"], check=True)  # fmt: skip
    stack = _stack(tmp_path, f"git::file://{repo}?ref={first}")
    assert _identifier(_load(stack)) == "first"

"""A module registry and archive server on 127.0.0.1 over HTTPS (a throwaway CA from
trustme), git repositories in a temp folder, and archives built in memory."""

from __future__ import annotations

import io
import subprocess
import tarfile
import threading
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    trickle: float = 0.0  # seconds between single bytes of the body


@dataclass
class Server:
    """What the handler serves, and every path it was asked for."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    port: int = 0

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        return f"https://{self.host}"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(self.path)
            route = server.routes.get(self.path, Route(404, b"not found"))
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with suppress(OSError):
                if not route.trickle:
                    self.wfile.write(route.body)
                for byte in route.body if route.trickle else b"":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.trickle)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def https_server(ca_file: Path) -> Iterator[Server]:
    """A server for 127.0.0.1 whose certificate the CA written to `ca_file` signs."""
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(ca_file))
    cert = ca.issue_cert("127.0.0.1")
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    context = __import__("ssl").SSLContext(__import__("ssl").PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def registry_routes(
    server: Server, path: str, packages: Mapping[str, str], *, prefix: str = "/v1/modules/"
) -> None:
    """Serve `path` (namespace/name/system) with one download location per version."""
    server.routes["/.well-known/terraform.json"] = Route(
        body=b'{"modules.v1": "%s"}' % prefix.encode()
    )
    versions = ",".join(f'{{"version": "{v}"}}' for v in packages)
    body = f'{{"modules": [{{"versions": [{versions}]}}]}}'.encode()
    server.routes[f"{prefix}{path}/versions"] = Route(body=body)
    for version, location in packages.items():
        route = Route(204, headers={"X-Terraform-Get": location})
        server.routes[f"{prefix}{path}/{version}/download"] = route


def tar_gz(files: Mapping[str, bytes], *, links: Mapping[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            archive.addfile(info)
    return buffer.getvalue()


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def git_repo(folder: Path, files: Mapping[str, str], *, tag: str | None = None) -> Path:
    """A repository with one commit of `files` (and `tag` on it)."""
    folder.mkdir(parents=True)
    env = [
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    subprocess.run(["git", *env, "init", "-q", str(folder)], check=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    subprocess.run(["git", "-C", str(folder), "add", "-A"], check=True)
    subprocess.run(["git", *env, "-C", str(folder), "commit", "-q", "-m", "m"], check=True)
    if tag:
        subprocess.run(["git", "-C", str(folder), "tag", tag], check=True)
    return folder


def db_module(identifier: str, multi_az: str = "false") -> bytes:
    """A module holding one database; `identifier` tells which package was read."""
    return (
        'resource "aws_db_instance" "this" {\n'
        f'  identifier          = "{identifier}"\n'
        '  engine              = "postgres"\n'
        '  instance_class      = "db.t4g.medium"\n'
        f"  multi_az            = {multi_az}\n"
        "  deletion_protection = true\n"
        "  backup_retention_period = 7\n"
        "}\n"
    ).encode()

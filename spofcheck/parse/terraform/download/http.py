"""Bounded HTTPS requests: a time limit, a size limit, certificates from SSL_CERT_FILE."""

from __future__ import annotations

import os
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
_CHUNK = 1 << 16


class FetchError(Exception):
    """A download that failed; its message becomes the opaque module's reason."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: Message
    body: bytes


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> urllib.request.Request | None:
        newurl = args[-1]
        if not str(newurl).startswith("https://"):
            raise FetchError(f"refused redirect to {newurl!r} (HTTPS only)")
        return super().redirect_request(*args)


def ssl_context() -> ssl.SSLContext:
    """The system's trust store, or the bundle named by SSL_CERT_FILE (a private CA)."""
    cafile = os.environ.get("SSL_CERT_FILE") or None
    return ssl.create_default_context(cafile=cafile)


def get(url: str, *, limit: int | None = None) -> Response:
    """GET over HTTPS, following HTTPS redirects; FetchError for anything else. At most
    `limit` bytes (default MAX_RESPONSE_BYTES) within TIMEOUT_SECONDS."""
    limit = MAX_RESPONSE_BYTES if limit is None else limit
    timeout = TIMEOUT_SECONDS
    if not url.startswith("https://"):
        raise FetchError(f"refused {url!r}: only https:// is fetched")
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl_context()), _NoRedirectToOtherSchemes()
    )
    request = urllib.request.Request(url, headers={"User-Agent": "spofcheck"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as handle:
            body = _read(handle, limit, deadline, url)
            return Response(handle.geturl(), handle.status, handle.headers, body)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"{url}: {reason}") from exc


def _read(handle: object, limit: int, deadline: float, url: str) -> bytes:
    """The body in chunks: a server that trickles bytes is stopped at the deadline too."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: took longer than {TIMEOUT_SECONDS:g} s")
        chunk = handle.read1(_CHUNK)  # type: ignore[attr-defined]  # what has arrived
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: larger than {limit // 1_000_000} MB")
        chunks.append(chunk)

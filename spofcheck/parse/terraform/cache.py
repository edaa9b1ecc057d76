"""Parsed files cached by content hash, so an unchanged file is never parsed twice.

Entries live in `cache_dir()/parse/<2 hex>/<sha256>.syntax`; the hash covers the file's
bytes, whether it is HCL or JSON, our syntax version and the python-hcl2 version, so a
stale entry can never be read. Writes are atomic (temporary file + `os.replace`), which
makes concurrent runs safe; an unreadable or damaged entry is treated as missing.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from pathlib import Path
from typing import Any

from spofcheck import __version__
from spofcheck.files import cache_dir, write_atomic
from spofcheck.parse.terraform.grammar import hcl2_version
from spofcheck.parse.terraform.syntax import Block, FileFailure, FileSyntax, Parsed

# Bump when the syntax tree's shape changes: old entries then stop matching.
SYNTAX_VERSION = 1
_ALLOWED = {
    ("spofcheck.parse.terraform.syntax", "Block"): Block,
    ("spofcheck.parse.terraform.syntax", "FileSyntax"): FileSyntax,
    ("spofcheck.parse.terraform.syntax", "FileFailure"): FileFailure,
}


class _Unpickler(pickle.Unpickler):
    """Only our syntax classes may be loaded: a planted cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return _ALLOWED[(module, name)]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")


class ParseCache:
    """A folder of parsed files keyed by content hash."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writable = True  # set False after the first failed write: stop trying
        py = f"{sys.version_info[0]}.{sys.version_info[1]}"
        salt = f"spofcheck {__version__} syntax {SYNTAX_VERSION} hcl2 {hcl2_version()} py {py}"
        self._salt = salt.encode("utf-8")

    def key(self, name: str, data: bytes) -> str:
        kind = b"json" if name.endswith(".json") else b"hcl"
        return hashlib.sha256(self._salt + b"\0" + kind + b"\0" + data).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.syntax"

    def get(self, key: str) -> Parsed | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            value = _Unpickler(io.BytesIO(raw)).load()
        except Exception:  # a damaged entry is a miss, never an error
            return None
        return value if isinstance(value, FileSyntax | FileFailure) else None

    def put(self, key: str, parsed: Parsed) -> None:
        if not self.writable:
            return
        try:
            data = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError):
            return
        self.writable = write_atomic(self._path(key), data)


def default_cache() -> ParseCache:
    """The cache under $SPOFCHECK_CACHE_DIR (else $XDG_CACHE_HOME/spofcheck, ~/.cache/...)."""
    return ParseCache(cache_dir() / "parse")

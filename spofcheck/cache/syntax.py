"""Parsed files cached by content hash, so an unchanged file is never parsed twice.

Entries live in `cache_dir()/parse/<2 hex>/<sha256>.syntax`; the hash covers the file's
bytes, whether it is HCL or JSON, our syntax version and the python-hcl2 version, so a
stale entry can never be read. Entries are authenticated (store.py) before unpickling,
and the unpickler admits only the syntax classes; anything else is a miss.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from typing import Any

from spofcheck import __version__
from spofcheck.cache.store import Store, open_store
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
    """Parsed files keyed by content hash, in a store's `parse` folder."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.writable = True  # set False after the first failed write: stop trying
        py = f"{sys.version_info[0]}.{sys.version_info[1]}"
        salt = f"spofcheck {__version__} syntax {SYNTAX_VERSION} hcl2 {hcl2_version()} py {py}"
        self._salt = salt.encode("utf-8")

    def key(self, name: str, data: bytes) -> str:
        kind = b"json" if name.endswith(".json") else b"hcl"
        return hashlib.sha256(self._salt + b"\0" + kind + b"\0" + data).hexdigest()

    def get(self, key: str) -> Parsed | None:
        raw = self.store.get("parse", f"{key}.syntax")
        if raw is None:
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
        self.writable = self.store.put("parse", f"{key}.syntax", data)


def default_cache() -> ParseCache | None:
    """The parse cache of this run's store (None when caching is off)."""
    store = open_store()
    return ParseCache(store) if store else None

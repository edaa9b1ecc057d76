"""Where the cache folder and its key file are, from the environment."""

from __future__ import annotations

import os
from pathlib import Path

# The folders the caches write; `spofcheck cache clear` removes these and nothing else.
KINDS = ("grammar", "parse", "stacks", "results", "rules", "sla")


def cache_dir() -> Path:
    """$SPOFCHECK_CACHE_DIR, else $XDG_CACHE_HOME/spofcheck, else ~/.cache/spofcheck."""
    explicit = os.environ.get("SPOFCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "spofcheck"


def key_file() -> Path:
    """$XDG_CONFIG_HOME/spofcheck/cache.key, else ~/.config/spofcheck/cache.key: outside
    the cache folder, so whoever controls the cache's contents cannot read or plant it."""
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "spofcheck" / "cache.key"

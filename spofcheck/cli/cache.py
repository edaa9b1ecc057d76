"""`spofcheck cache info` and `spofcheck cache clear`: where the cache is, and emptying it."""

from __future__ import annotations

import click


@click.group("cache")
def cache_command() -> None:
    """Show or clear spofcheck's cache (see docs/cache.md)."""


@cache_command.command("info")
def info() -> None:
    """Location, key file, state, entries, size and limits of the cache."""
    from spofcheck.cache.limits import entries, limits
    from spofcheck.cache.location import cache_dir, key_file
    from spofcheck.cache.store import unsafe_reason

    root, bounds = cache_dir(), limits()
    found = entries(root) if root.is_dir() else []
    problem = unsafe_reason(root) if root.is_dir() else None
    lines = [
        f"location:  {root}",
        f"key file:  {key_file()}",
        f"state:     {'off: ' + problem if problem else 'on'}",
        f"entries:   {len(found)}",
        f"size:      {_megabytes(sum(e.size for e in found))}",
        f"limits:    {_megabytes(bounds.max_bytes)}, entries older than "
        f"{bounds.max_age_seconds / 86_400:g} days are removed",
    ]
    click.echo("\n".join(lines))


@cache_command.command("clear")
def clear() -> None:
    """Delete every cache entry (only the cache's own folders are touched)."""
    from spofcheck.cache.limits import clear as clear_entries
    from spofcheck.cache.location import cache_dir

    root = cache_dir()
    removed = clear_entries(root) if root.is_dir() else 0
    click.echo(
        f"spofcheck: removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {root}"
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"

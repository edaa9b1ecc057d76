"""Run graphviz's `dot` on DOT source, bounded in time; report why when it cannot."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from graphviz.backend.dot_command import command

DEFAULT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class DotResult:
    """The rendered bytes, or `None` with a one-line reason (`missing` when dot is absent)."""

    content: bytes | None
    problem: str | None = None
    missing: bool = False


def run_dot(source: str, fmt: str, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> DotResult:
    """Render `source` to `fmt` (svg, png) with the `dot` found on PATH."""
    argv = [str(part) for part in command("dot", fmt)]
    try:
        done = subprocess.run(
            argv, input=source.encode("utf-8"), capture_output=True, timeout=timeout_s, check=False
        )
    except FileNotFoundError:
        return DotResult(None, "graphviz `dot` was not found on PATH", missing=True)
    except subprocess.TimeoutExpired:
        return DotResult(None, f"graphviz `dot` did not finish within {timeout_s:g} s")
    except OSError as error:
        return DotResult(None, f"graphviz `dot` could not run: {error.strerror or error}")
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[0] if said else f"exit status {done.returncode}"
        return DotResult(None, f"graphviz `dot` failed: {reason}")
    return DotResult(done.stdout)

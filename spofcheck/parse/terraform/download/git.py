"""Shallow git clones that run nothing: no hooks, no submodules, no `ext::` transports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from spofcheck.parse.terraform.download.http import FetchError

CLONE_TIMEOUT_SECONDS = 120.0
MAX_CHECKOUT_BYTES = 256 * 1024 * 1024
# `ext` runs a command and is never allowed; `file` reaches repositories on this machine.
ALLOWED_PROTOCOLS = "https:ssh:git:file"
_SHA = re.compile(r"^[0-9a-f]{7,40}$")
_SAFE_CONFIG = (
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.symlinks=false",
    "-c", "core.fsmonitor=false",
    "-c", "protocol.allow=never",
    *(x for p in ALLOWED_PROTOCOLS.split(":") for x in ("-c", f"protocol.{p}.allow=always")),
)  # fmt: skip


def clone(url: str, ref: str | None, dest: Path) -> None:
    """The tree at `ref` (a branch, tag or commit) in `dest`, without `.git`."""
    if shutil.which("git") is None:
        raise FetchError("git is not installed")
    if url.startswith("-") or (ref or "").startswith("-"):
        raise FetchError(f"refused git source {url!r}")
    with tempfile.TemporaryDirectory(prefix="spofcheck-git-") as tmp:
        work = Path(tmp) / "repo"
        if ref and _SHA.match(ref):
            _run(["init", "--quiet", "--template=", str(work)])
            _run(["-C", str(work), "fetch", "--quiet", "--depth", "1", url, ref])
            _run(["-C", str(work), "checkout", "--quiet", "FETCH_HEAD"])
        else:
            branch = ["--branch", ref] if ref else []
            _run(
                ["clone", "--quiet", "--depth", "1", "--no-recurse-submodules",
                 "--template=", *branch, "--", url, str(work)]
            )  # fmt: skip
        shutil.rmtree(work / ".git", ignore_errors=True)
        _check_size(work)
        shutil.copytree(work, dest, symlinks=True)


def _check_size(tree: Path) -> None:
    """The checkout is held to the limit archives have (a clone can only be stopped by time)."""
    total = 0
    for dirpath, _dirs, files in os.walk(tree):
        total += sum(os.lstat(os.path.join(dirpath, name)).st_size for name in files)
        if total > MAX_CHECKOUT_BYTES:
            raise FetchError(
                f"repository checkout larger than {MAX_CHECKOUT_BYTES // 1_000_000} MB"
            )


def _run(args: list[str]) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/nonexistent"),
        "GIT_ALLOW_PROTOCOL": ALLOWED_PROTOCOLS,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_SSH_COMMAND": "ssh -o BatchMode=yes",
        "GIT_LFS_SKIP_SMUDGE": "1",
    }
    try:
        done = subprocess.run(
            ["git", *_SAFE_CONFIG, *args],
            env=env,
            capture_output=True,
            timeout=CLONE_TIMEOUT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise FetchError(f"git took longer than {CLONE_TIMEOUT_SECONDS:.0f} s") from exc
    except OSError as exc:
        raise FetchError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
        raise FetchError(f"git {args[0] if args[0] != '-C' else args[2]}: {last[0]}")

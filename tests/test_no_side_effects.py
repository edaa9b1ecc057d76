"""A scan writes only the outputs asked for and its cache; it opens no socket, runs nothing.

The CLI runs in a child interpreter with a `sys.addaudithook` hook installed first. The
hook appends every audit event that reaches the network or starts a program
(`socket.*`, `subprocess.Popen`, `os.exec`, `os.system`, `os.posix_spawn`, ...) and
every file opened for writing to a log, through a descriptor opened before the hook, so
forked workers report into the same log. `os.fork` is allowed: the parallel loader
forks copies of spofcheck itself. HOME, XDG_CACHE_HOME, TMPDIR and the working directory
point into a temporary folder, which is snapshotted (path, bytes) around the run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli_kit import ADDRESS_SPACE_BYTES, TIMEOUT_SECONDS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FORBIDDEN_PREFIXES = ("socket.", "urllib.", "webbrowser.", "ftplib.", "http.", "smtplib.")
FORBIDDEN_EVENTS = {
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.startfile",
    "pty.spawn",
    "ctypes.dlopen",
}
# Installs the hook, then runs `spofcheck ARGS` exactly as the console script does.
BOOTSTRAP = f"""
import os, sys
LOG = os.open(os.environ.pop("AUDIT_LOG"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
PREFIXES = {FORBIDDEN_PREFIXES!r}
EVENTS = {sorted(FORBIDDEN_EVENTS)!r}
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
def hook(event, args):
    if event.startswith(PREFIXES) or event in EVENTS:
        os.write(LOG, ("run " + event + "\\n").encode())
    elif event == "open" and isinstance(args[0], (str, bytes)):
        path, mode, flags = args
        if (mode and set(mode) & set("wax+")) or (flags or 0) & WRITE:
            os.write(LOG, ("write " + os.fsdecode(path) + "\\n").encode())
sys.addaudithook(hook)
sys.argv = ["spofcheck", *sys.argv[1:]]
from spofcheck.cli import main
main()
"""
OUTPUTS = {
    "report.json": "json",
    "report.sarif": "sarif",
    "report.xml": "junit",
    "report.md": "markdown",
}


def _snapshot(*roots: Path) -> dict[str, str]:
    """Every file under `roots`: relative path -> sha256 of its bytes (links: target)."""
    found = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            key = f"{root.name}/{path.relative_to(root).as_posix()}"
            if path.is_symlink():
                found[key] = "-> " + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = "dir"
    return found


def _run(tmp: Path, env_cache: dict[str, str], extra: list[str]) -> tuple[int, list[str]]:
    for name in ("home", "tmpdir", "cwd", "out"):
        (tmp / name).mkdir(exist_ok=True)
    args = ["scan", str(tmp / "tree"), *extra, "-f", "text"]
    for name, fmt in OUTPUTS.items():
        args += ["-f", fmt, "-o", str(tmp / "out" / name)]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SPOFCHECK_CACHE_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")
    }
    env |= {"HOME": str(tmp / "home"), "TMPDIR": str(tmp / "tmpdir"), **env_cache}
    env |= {"AUDIT_LOG": str(tmp / "audit.log"), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", BOOTSTRAP, *args],
        cwd=tmp / "cwd",
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in done.stderr, done.stderr
    log = (tmp / "audit.log").read_text("utf-8").splitlines()
    return done.returncode, log


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))


@pytest.mark.parametrize(
    ("setting", "cache_folder", "extra"),
    [
        ("SPOFCHECK_CACHE_DIR", "cache", []),
        ("XDG_CACHE_HOME", "xdg/spofcheck", []),
        (None, "home/.cache/spofcheck", ["--no-cache"]),
    ],
)
def test_scan_writes_outputs_and_cache_only_and_runs_nothing(
    tmp_path: Path, setting: str | None, cache_folder: str, extra: list[str]
) -> None:
    shutil.copytree(FIXTURES / "architectures", tmp_path / "tree")
    top = cache_folder.split("/", maxsplit=1)[0]
    env_cache = {} if setting is None else {setting: str(tmp_path / top)}
    before = _snapshot(tmp_path / "tree")
    code, log = _run(tmp_path, env_cache, extra)
    assert code == 1  # the fixtures have high-severity findings: the scan itself ran
    assert [line for line in log if line.startswith("run ")] == []
    cache, out = tmp_path / cache_folder, tmp_path / "out"
    keys = tmp_path / "home" / ".config" / "spofcheck"  # the cache's key (docs/cache.md)
    written = {Path(line.removeprefix("write ")) for line in log if line.startswith("write ")}
    assert {p for p in written if cache not in p.parents and p.parent not in (out, keys)} == set()
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert _snapshot(tmp_path / "tree") == before
    for untouched in ("cwd", "tmpdir"):
        assert list((tmp_path / untouched).iterdir()) == []
    home = [p for p in (tmp_path / "home").rglob("*") if p.is_file()]
    assert all(cache in p.parents or p == keys / "cache.key" for p in home)
    parse_entries = list((cache / "parse").rglob("*.syntax"))
    assert (parse_entries == []) == ("--no-cache" in extra)

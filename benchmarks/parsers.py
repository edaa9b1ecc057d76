"""Compare front ends on the same files: python-hcl2 alone, spofcheck's Lark front end, and
the tree-sitter prototype (benchmarks/ts_frontend.py): speed, syntax trees, models.

    PYTHONPATH=DIR_WITH_TREE_SITTER .venv/bin/python benchmarks/parsers.py PATH...

For every `.tf`/`.tfvars` file under PATH: CPU seconds of `hcl2.loads`, of spofcheck's
`parse_file` (Lark) and of the prototype's; whether the two syntax trees are equal. Then
for every folder holding `.tf` files: the whole model (`load_module` + `assemble`, no
cache) with each front end, compared as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import hcl2
import ts_frontend

from spofcheck.parse.terraform import hcl, sources
from spofcheck.parse.terraform.assemble import assemble
from spofcheck.parse.terraform.grammar import parser
from spofcheck.parse.terraform.module import load_module
from spofcheck.parse.terraform.syntax import FileFailure, FileSyntax, Parsed

Parse = Callable[[str, bytes], Parsed]


def main(paths: list[Path]) -> None:
    files = sorted(
        p
        for root in paths
        for p in root.rglob("*")
        if p.suffix in (".tf", ".tfvars") and p.is_file() and ".terraform" not in p.parts
    )
    data = [(p, p.read_bytes()) for p in files]
    parser()
    ts_frontend.parse_file("warm.tf", b"a = 1\n")
    hcl2.loads("a = 1\n")
    size = sum(len(d) for _, d in data) / 1e6
    print(f"{len(data)} files, {size:.2f} MB")
    _speed(data, size)
    _syntax(data)
    _models(sorted({p.parent for p in files if p.suffix == ".tf"}))


def _speed(data: list[tuple[Path, bytes]], size: float) -> None:
    rows = [("python-hcl2 hcl2.loads", _hcl2_loads), ("spofcheck Lark", hcl.parse_file)]
    rows.append(("tree-sitter prototype", ts_frontend.parse_file))
    for name, parse in rows:
        start = time.process_time()
        failures = sum(isinstance(_safe(parse, p.name, d), FileFailure) for p, d in data)
        seconds = time.process_time() - start
        print(f"  {name:24} {seconds:7.2f} s CPU  {size / seconds:5.2f} MB/s  {failures} failed")


def _hcl2_loads(name: str, data: bytes) -> Parsed:
    try:
        hcl2.loads(data.decode("utf-8"))
    except Exception:  # any failure of the baseline is counted, none stops the run
        return FileFailure(None, "failed")
    return FileSyntax((), {}, {})


def _safe(parse: Parse, name: str, data: bytes) -> Parsed:
    try:
        return parse(name, data)
    except Exception as exc:  # a prototype crash is a failure to count, not to stop on
        return FileFailure(None, f"crash: {type(exc).__name__}: {exc}")


def _syntax(data: list[tuple[Path, bytes]]) -> None:
    counts = {"equal": 0, "both fail": 0, "Lark only fails": 0, "tree-sitter only fails": 0}
    counts["different"] = 0
    examples: list[str] = []
    for path, raw in data:
        lark, ts = hcl.parse_file(path.name, raw), _safe(ts_frontend.parse_file, path.name, raw)
        kind = _compare(lark, ts)
        counts[kind] += 1
        if kind not in ("equal", "both fail") and len(examples) < 8:
            examples.append(f"    {path}: {kind}: {_first_difference(lark, ts)}")
    print("  syntax trees: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("\n".join(examples))


def _compare(lark: Parsed, ts: Parsed) -> str:
    lark_failed, ts_failed = isinstance(lark, FileFailure), isinstance(ts, FileFailure)
    if lark_failed and ts_failed:
        return "both fail"
    if lark_failed or ts_failed:
        return "Lark only fails" if lark_failed else "tree-sitter only fails"
    return "equal" if lark == ts else "different"


def _first_difference(lark: Parsed, ts: Parsed) -> str:
    if isinstance(lark, FileFailure) or isinstance(ts, FileFailure):
        return f"Lark {lark} / tree-sitter {ts}"[:300]
    for a, b in zip(_walk(lark), _walk(ts), strict=False):
        if a != b:
            return f"{a!r:.140} != {b!r:.140}"
    return "different number of blocks or attributes"


def _walk(parsed: Parsed) -> list[object]:
    assert not isinstance(parsed, FileFailure)
    items: list[object] = [("ignores", parsed.ignores), *sorted(parsed.attributes.items())]
    stack = list(parsed.blocks)
    while stack:
        block = stack.pop(0)
        items.append((block.type, block.labels, block.line, block.end_line))
        items.extend(sorted(block.attributes.items()))
        stack[:0] = block.blocks
    return items


def _models(folders: list[Path]) -> None:
    same, messages_only, different = 0, 0, []
    for folder in folders:
        lark = _model(folder, hcl.parse_file)
        ts = _model(folder, ts_frontend.parse_file)
        if lark == ts:
            same += 1
        elif _without_error_messages(lark) == _without_error_messages(ts):
            messages_only += 1
        else:
            different.append(folder)
    print(
        f"  models: {same} of {len(folders)} folders identical, {messages_only} differ only "
        "in the wording of syntax errors (same files and lines)"
    )
    for folder in different[:8]:
        print(f"    different: {folder}")


def _without_error_messages(model: str) -> object:
    data = json.loads(model)
    for error in data.get("errors", []):
        error["message"] = ""
    return data


def _model(folder: Path, parse: Parse) -> str:
    original = sources.parse_file  # type: ignore[attr-defined]
    sources.parse_file = parse  # type: ignore[attr-defined,assignment]
    try:
        result = load_module(folder, display_root=folder.parent)
        return assemble(result, name=folder.name, root=folder.name).model_dump_json()
    finally:
        sources.parse_file = original  # type: ignore[attr-defined]


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])

"""Recall and precision of `spofcheck scan` on public Terraform, against labels we wrote.

    .venv/bin/python benchmarks/recall.py --corpus DIR [--modules as-is|readable]
        [--labels benchmarks/recall_labels.yaml] [--checkov PATH | --no-checkov] [--json OUT]

`--corpus` holds one folder per public repository, named `OWNER+NAME` (what the tool
library's `fetch` gives, unpacked: `git --git-dir=MIRROR archive HEAD | tar -x -C
DIR/OWNER+NAME`). Nothing from those repositories is in this repository: the labels file
names a stack folder and a component address, and says, in our words, what a reviewer
expects there and why.

Each labelled repository is copied into a scratch folder (the corpus is never written) and
made a git repository, so each scan's boundary is its repository. With `--modules
readable`, registry module calls (`NS/NAME/PROVIDER[//SUB]`) whose repository is in the
corpus (`NS+terraform-PROVIDER-NAME`), and GitHub calls (`github.com/OWNER/NAME[//SUB]`,
with or without `git::https://`, `.git` or `?ref=`) whose `OWNER+NAME` is, are installed
the way `terraform init` records them, in `.terraform/modules/modules.json`, pointing at
that local copy: the scan then reads the module as it would after `terraform init` (the
corpus holds each repository's HEAD, not the version or ref the call pins). Calls to
repositories not in the corpus stay opaque (and are reported as coverage by the scan).

A label is `expect: finding` (one of `rules` must be reported on `component`) or `expect:
quiet` (none of `rules`, or no finding at all when `rules` is omitted, on `component`).
`component` matches a finding's component exactly, as the resource of an instance
(`aws_lb_target_group.this` matches `aws_lb_target_group.this["api"]`), or as a glob
(`*.aws_db_instance.this`): a glob judges every such finding in the stack the same way, so
use one only where each was read and found to be the same case.

Reported: recall (finding labels hit / finding labels), precision over judged findings
(findings matched by a finding label / findings matched by any label: a finding on a
component labelled quiet is a false positive), the findings nobody labelled (listed, so
the labels can grow), how many scanned stacks have components and how many of those get
an availability figure, and the time of spofcheck (cold cache, then warm) against
checkov on the same folders when a checkov executable is given or found.

A label may say `blind: true`: it was written from the stack's code and committed before
spofcheck was run on that stack. Recall and precision are then also reported over the
blind labels alone (`blind` in the JSON summary), on the stacks that have one; their
unjudged findings are those that no label, blind or not, covers.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
SPOFCHECK = [sys.executable, "-m", "spofcheck"]
REGISTRY = re.compile(r"^(?:[\w.-]+/)?([\w-]+)/([\w-]+)/([\w-]+)(?://(.+))?$")
GITHUB = re.compile(
    r"^(?:git::)?(?:https://|git@)?github\.com[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?"
    r"(?://([^?]+))?(?:\?.*)?$"
)
MODULE_BLOCK = re.compile(r'^\s*module\s+"([^"]+)"\s*\{', re.M)
SOURCE = re.compile(r'^\s*source\s*=\s*"([^"]+)"', re.M)


@dataclass(frozen=True)
class Label:
    repo: str
    stack: str
    component: str
    rules: tuple[str, ...]
    expect: str
    why: str
    blind: bool = False

    def covers(self, finding: dict[str, Any]) -> bool:
        component = str(finding.get("component") or "")
        same = (
            component == self.component
            or component.startswith(self.component + "[")
            or ("*" in self.component and fnmatch.fnmatchcase(component, self.component))
        )
        return same and (not self.rules or finding.get("rule_id") in self.rules)


@dataclass
class StackRun:
    repo: str
    stack: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    components: int = 0
    figure: bool = False
    exit_code: int = 0
    cold_s: float = 0.0
    warm_s: float = 0.0
    checkov_s: float | None = None


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    labels = load_labels(args.labels)
    checkov = None if args.no_checkov else args.checkov or shutil.which("checkov")
    with tempfile.TemporaryDirectory(prefix="spofcheck-recall-") as scratch:
        work = Path(scratch)
        stacks = sorted({(label.repo, label.stack) for label in labels})
        _copy_repos(args.corpus, work, {repo for repo, _ in stacks})
        if args.modules == "readable":
            for repo, stack in stacks:
                install_local_modules(work / _folder(repo) / stack, work)
        cache = work / ".cache"
        runs = [_scan(work, repo, stack, cache, checkov) for repo, stack in stacks]
    summary = score(labels, runs)
    print(_markdown(summary, runs, args.modules, checkov))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--labels", type=Path, default=HERE / "recall_labels.yaml")
    parser.add_argument("--modules", choices=("as-is", "readable"), default="readable")
    parser.add_argument("--checkov", default=None, help="checkov executable (default: PATH)")
    parser.add_argument("--no-checkov", action="store_true", help="do not time checkov")
    parser.add_argument("--json", type=Path, default=None, help="also write the summary here")
    return parser.parse_args(argv)


def load_labels(path: Path) -> list[Label]:
    raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    labels = []
    for entry in raw["labels"]:
        expect = entry["expect"]
        if expect not in ("finding", "quiet"):
            raise SystemExit(f"{path}: expect must be finding or quiet, not {expect!r}")
        rules = entry.get("rules") or []
        blind = entry.get("blind", False)
        if not isinstance(blind, bool):
            raise SystemExit(f"{path}: blind must be true or false ({entry['component']})")
        if expect == "finding" and not rules:
            raise SystemExit(f"{path}: a finding label names its rules ({entry['component']})")
        labels.append(
            Label(
                entry["repo"],
                entry["stack"],
                entry["component"],
                tuple(rules),
                expect,
                entry["why"],
                blind,
            )
        )
    return labels


def _folder(repo: str) -> str:
    return repo.replace("/", "+")


def _copy_repos(corpus: Path, work: Path, repos: set[str]) -> None:
    for repo in sorted(repos | {p.name.replace("+", "/", 1) for p in corpus.iterdir()}):
        source = corpus / _folder(repo)
        if not source.is_dir():
            raise SystemExit(f"{source}: not in the corpus (see the docstring to add it)")
        target = work / _folder(repo)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git", ".terraform"))
        subprocess.run(["git", "init", "-q", str(target)], check=True)


def install_local_modules(stack: Path, work: Path) -> dict[str, str]:
    """Write `.terraform/modules/modules.json` for the registry calls of `stack` (and of the
    modules they load, recursively) whose repository is in `work`; return key -> folder."""
    found: dict[str, str] = {}
    for key, folder in _registry_calls(stack, work, prefix="", depth=0):
        found[key] = os.path.relpath(folder, stack)
    if found:
        manifest = stack / ".terraform" / "modules" / "modules.json"
        manifest.parent.mkdir(parents=True, exist_ok=True)
        entries = [{"Key": k, "Source": "local corpus", "Dir": d} for k, d in sorted(found.items())]
        manifest.write_text(json.dumps({"Modules": entries}, indent=1))
    return found


def _registry_calls(
    folder: Path, work: Path, prefix: str, depth: int
) -> Iterator[tuple[str, Path]]:
    if depth > 4:
        return
    for tf in sorted(folder.glob("*.tf")):
        text = tf.read_text(encoding="utf-8", errors="replace")
        for match in MODULE_BLOCK.finditer(text):
            source = SOURCE.search(text, match.end())
            if not source:
                continue
            name, where = match.group(1), source.group(1)
            key = f"{prefix}{name}"
            local = _local_module(folder, where, work)
            if local is None:
                continue
            if not where.startswith("."):
                yield key, local
            yield from _registry_calls(local, work, f"{key}.", depth + 1)


def _local_module(folder: Path, source: str, work: Path) -> Path | None:
    if source.startswith("."):
        target = (folder / source).resolve()
        return target if target.is_dir() else None
    github = GITHUB.match(source)
    if github:
        owner, name, sub = github.groups()
        target = work / f"{owner}+{name}" / (sub or "")
        return target if target.is_dir() else None
    match = REGISTRY.match(source)
    if not match:
        return None
    namespace, name, provider, sub = match.groups()
    repo = work / f"{namespace}+terraform-{provider}-{name}"
    target = repo / sub if sub else repo
    return target if target.is_dir() else None


def _scan(work: Path, repo: str, stack: str, cache: Path, checkov: str | None) -> StackRun:
    folder = work / _folder(repo) / stack
    env = {**os.environ, "SPOFCHECK_CACHE_DIR": str(cache)}
    command = [
        *SPOFCHECK,
        "scan",
        str(folder),
        "--format",
        "json",
        "--soft-fail",
        "--allow-outside",
        str(work),
    ]
    run = StackRun(repo, stack)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    run.cold_s = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    run.warm_s = time.perf_counter() - started
    run.exit_code = done.returncode
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"{repo}/{stack}: no JSON ({done.stderr.strip()[:200]})", file=sys.stderr)
        return run
    run.findings = report.get("findings", [])
    run.components = sum(_count(s.get("components")) for s in report.get("stacks", []))
    run.figure = _has_figure(report.get("availability"))
    if checkov:
        started = time.perf_counter()
        subprocess.run(
            [checkov, "-d", str(folder), "--quiet", "--compact", "-o", "json"],
            capture_output=True,
            check=False,
        )
        run.checkov_s = time.perf_counter() - started
    return run


def _count(components: Any) -> int:
    return components if isinstance(components, int) else len(components or [])


def _has_figure(block: Any) -> bool:
    blocks = block if isinstance(block, list) else [block]
    return any(
        isinstance(b, dict) and (b.get("value") is not None or b.get("lower") is not None)
        for b in blocks
    )


def score(labels: list[Label], runs: list[StackRun]) -> dict[str, Any]:
    """Recall and precision over every label, and (under `blind`) over the labels written
    before spofcheck was run on their stacks; the blind part's unjudged findings are those
    on stacks with a blind label that no label at all (blind or not) judges."""
    summary = _judge(labels, runs, labels)
    blind = [lb for lb in labels if lb.blind]
    blind_stacks = {(lb.repo, lb.stack) for lb in blind}
    blind_runs = [r for r in runs if (r.repo, r.stack) in blind_stacks]
    summary["blind"] = {
        **_judge(blind, blind_runs, labels),
        "labels": len(blind),
        "stacks": len(blind_runs),
    }
    with_components = [r for r in runs if r.components]
    summary.update(
        {
            "stacks": len(runs),
            "stacks_with_components": len(with_components),
            "stacks_with_figure": sum(r.figure for r in with_components),
            "spofcheck_cold_s": round(sum(r.cold_s for r in runs), 2),
            "spofcheck_warm_s": round(sum(r.warm_s for r in runs), 2),
            "checkov_s": (
                round(sum(r.checkov_s or 0 for r in runs), 2)
                if all(r.checkov_s is not None for r in runs)
                else None
            ),
        }
    )
    return summary


def _judge(labels: list[Label], runs: list[StackRun], every: list[Label]) -> dict[str, Any]:
    """Score `labels` on `runs`; a finding is unjudged when no label of `every` covers it."""
    by_stack = {(r.repo, r.stack): r for r in runs}
    hits, misses, false_positives, true_positives, unjudged = [], [], [], [], []
    for label in labels:
        findings = by_stack[(label.repo, label.stack)].findings
        matched = [f for f in findings if label.covers(f)]
        if label.expect == "finding":
            (hits if matched else misses).append(label)
        else:
            false_positives += [(label, f) for f in matched]
    for run in runs:
        for finding in run.findings:
            here = (run.repo, run.stack)
            mine = [lb for lb in labels if (lb.repo, lb.stack) == here and lb.covers(finding)]
            if any(lb.expect == "finding" for lb in mine):
                true_positives.append(finding)
            elif not any((lb.repo, lb.stack) == here and lb.covers(finding) for lb in every):
                unjudged.append((run, finding))
    expected = len(hits) + len(misses)
    judged = len(true_positives) + len(false_positives)
    return {
        "recall": len(hits) / expected if expected else None,
        "expected": expected,
        "hit": len(hits),
        "precision": len(true_positives) / judged if judged else None,
        "judged_findings": judged,
        "false_positives": [_where(lb, f) for lb, f in false_positives],
        "misses": [
            f"{lb.repo}/{lb.stack}: {lb.component} {'/'.join(lb.rules)} ({lb.why})" for lb in misses
        ],
        "unjudged": [
            f"{r.repo}/{r.stack}: {f.get('rule_id')} {f.get('component')}" for r, f in unjudged
        ],
    }


def _where(label: Label, finding: dict[str, Any]) -> str:
    return f"{label.repo}/{label.stack}: {finding.get('rule_id')} {finding.get('component')}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _markdown(s: dict[str, Any], runs: list[StackRun], modules: str, checkov: str | None) -> str:
    b = s["blind"]
    lines = [
        f"modules: {modules}; load average {os.getloadavg()[0]:.1f}",
        "",
        "| measure | value |",
        "|---|--:|",
        f"| recall | {_percent(s['recall'])} ({s['hit']} of {s['expected']}) |",
        f"| precision (judged findings) | {_percent(s['precision'])} "
        f"({s['judged_findings'] - len(s['false_positives'])} of {s['judged_findings']}) |",
        f"| unjudged findings | {len(s['unjudged'])} |",
        f"| blind recall | {_percent(b['recall'])} ({b['hit']} of {b['expected']}) |",
        f"| blind precision (judged findings) | {_percent(b['precision'])} "
        f"({b['judged_findings'] - len(b['false_positives'])} of {b['judged_findings']}) |",
        f"| stacks with components | {s['stacks_with_components']} of {s['stacks']} |",
        f"| ... with an availability figure | {s['stacks_with_figure']} |",
        f"| spofcheck, cold / warm (s) | {s['spofcheck_cold_s']} / {s['spofcheck_warm_s']} |",
        f"| checkov (s) | {s['checkov_s'] if checkov else 'not run'} |",
    ]
    for title, key in (
        ("Misses", "misses"),
        ("False positives", "false_positives"),
        ("Unjudged findings", "unjudged"),
    ):
        if s[key]:
            lines += ["", f"{title}:", *(f"- {item}" for item in s[key])]
        if b[key]:
            lines += ["", f"{title} (blind labels):", *(f"- {item}" for item in b[key])]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

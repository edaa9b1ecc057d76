"""Hand-made reports for the formatter tests: every feature a formatter must render."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from spofcheck.model import (
    AvailabilityResult,
    Finding,
    ParseError,
    Reference,
    Report,
    RuleMeta,
    Severity,
    StackSummary,
)
from spofcheck.model.availability import Downtime, Period

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
ROOT = "/home/ci/work/repo"
DOCS = "https://github.com/spofcheck/spofcheck/blob/main/docs/rules/"


@cache
def sarif_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text("utf-8"))
    return data


def rule(rule_id: str, name: str, severity: Severity = Severity.HIGH) -> RuleMeta:
    return RuleMeta(
        id=rule_id,
        name=name,
        title=f"{name.replace('-', ' ').capitalize()} title",
        severity=severity,
        rationale=f"Why {name} matters.",
        remediation=f"Fix {name} by adding a second replica.",
        summary=f"{name} summary.",
        references=[Reference(title="SRE book", url="https://sre.google/sre-book/")],
        docs=f"{DOCS}{rule_id}.md",
        tags=["redundancy"],
    )


RULES = [
    rule("HA001", "single-point-of-failure"),
    rule("HA002", "missing-multi-az"),
    rule("HA003", "sticky-sessions", Severity.MEDIUM),
]


def finding(
    rule_id: str = "HA001",
    severity: Severity = Severity.HIGH,
    component: str = "aws_db_instance.main",
    *,
    file: str | None = "infra/main.tf",
    line: int | None = 12,
    end_line: int | None = 30,
    message: str = "aws_db_instance.main is a single point of failure",
    suppressed: bool = False,
    reason: str | None = None,
) -> Finding:
    meta = next((r for r in RULES if r.id == rule_id), None)
    return Finding(
        rule_id=rule_id,
        rule_name=meta.name if meta else "",
        severity=severity,
        component=component,
        message=message,
        file=file,
        line=line,
        end_line=end_line,
        remediation=meta.remediation if meta else "",
        docs=meta.docs if meta else None,
        fingerprint=f"fp-{rule_id}-{component}",
        suppressed=suppressed,
        suppression_reason=reason,
    )


def stack(path: str, components: int, value: float | None = None) -> StackSummary:
    result = None if value is None else AvailabilityResult(value=value)
    return StackSummary(
        name=path, path=path, kind="terraform", components=components, availability=result
    )


def report(findings: list[Finding] | None = None, **extra: Any) -> Report:
    values: dict[str, Any] = {
        "version": "0.1.0",
        "root": ROOT,
        "findings": findings or [],
        "rules": RULES,
        "stacks": [stack("infra", 4)],
        "components": 4,
    }
    values.update(extra)
    return Report(**values)


def full_report() -> Report:
    """Findings of every severity, one suppressed, one outside the root, errors and notes."""
    return report(
        [
            finding(),
            finding(
                "HA002",
                Severity.CRITICAL,
                "aws_nat_gateway.this",
                line=40,
                end_line=44,
                message="all replicas in us-east-1a",
            ),
            finding(
                "HA003",
                Severity.MEDIUM,
                "aws_lb_target_group.web",
                file="infra/lb.tf",
                line=3,
                end_line=None,
                message="stickiness is enabled",
            ),
            finding(
                "HA003",
                Severity.LOW,
                "module.db.aws_lb_target_group.x",
                file=f"{ROOT.rsplit('/', 1)[0]}/modules/db/main.tf",
                line=7,
                message="stickiness is enabled",
            ),
            finding(
                "HA001",
                Severity.INFO,
                "aws_sqs_queue.q",
                file="infra/q.tf",
                line=None,
                end_line=None,
                message="queue has no redundancy",
            ),
            finding(
                "HA001",
                Severity.HIGH,
                "aws_instance.bastion",
                file="infra/ec2.tf",
                line=5,
                suppressed=True,
                reason="bastion is not on a request path",
            ),
        ],
        errors=[ParseError(file="infra/broken.tf", line=3, message="unclosed block")],
        notes=["infra/lb.tf:3: ignore of HA005 on aws_lb.web matched no finding (unused)"],
        availability=AvailabilityResult(
            value=0.99912,
            slo=0.9995,
            meets_slo=False,
            downtime=Downtime.of_unavailability(1 - 0.99912).model_copy(
                update={"month": Period(seconds=2280.96, text="38 min")}
            ),
        ),
    )

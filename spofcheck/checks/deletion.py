"""HA015: a stateful store that one `terraform destroy` or replacement can delete."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from spofcheck.checks.attrs import MISSING, flag, lookup, present
from spofcheck.checks.base import CheckContext, Violation
from spofcheck.model import Component

# resource type -> (attribute, provider default)
PROTECTION: dict[str, tuple[str, bool]] = {
    "aws_db_instance": ("deletion_protection", False),
    "aws_rds_cluster": ("deletion_protection", False),
    "aws_docdb_cluster": ("deletion_protection", False),
    "aws_neptune_cluster": ("deletion_protection", False),
    "aws_dynamodb_table": ("deletion_protection_enabled", False),
    "google_sql_database_instance": ("deletion_protection", True),
    "google_spanner_database": ("deletion_protection", True),
    "google_bigtable_instance": ("deletion_protection", True),
}


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Violation]:
    """Deletion protection off, written or by the provider's default."""
    for component in ctx.components():
        setting = unprotected(component)
        if setting is not None:
            yield Violation(
                component.id,
                f"can be deleted by one apply ({setting}): a destroy, a "
                "rename or a change that forces replacement takes the store and its data "
                "away, and restoring it takes hours",
            )


def unprotected(component: Component) -> str | None:
    """The setting that leaves deletion protection off, or None."""
    entry = PROTECTION.get(component.resource_type or "")
    if entry is None or present(component, "replicate_source_db"):
        return None
    name, default = entry
    if flag(component, name, default) is not False:
        return None
    if lookup(component, name) is MISSING:
        return f"{name} unset, defaulting to false"
    return f"{name} = false"

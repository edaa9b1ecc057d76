"""The catalogue commands: rules, explain; both read the config's `rules:` folders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from spofcheck.cli.options import rules_option

if TYPE_CHECKING:
    from spofcheck.engine.spec import RuleSpec

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: nearest .spofcheck.yaml or pyproject.toml).",
)


def _catalogue(rule_dirs: tuple[Path, ...], config_path: Path | None) -> dict[str, RuleSpec]:
    """The catalogue a scan from here would use: built-in, config folders, --rules."""
    from spofcheck.cli.common import load_config_for, load_rules

    return load_rules(load_config_for([Path(".")], config_path), rule_dirs)


@click.command("rules")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text"
)
@rules_option
@config_option
def rules_command(fmt: str, rule_dirs: tuple[Path, ...], config_path: Path | None) -> None:
    """List the rule catalogue."""
    from spofcheck.report.catalogue_format import render_catalogue

    click.echo(render_catalogue(_catalogue(rule_dirs, config_path), fmt), nl=False)


@click.command()
@click.argument("rule_id")
@rules_option
@config_option
def explain(rule_id: str, rule_dirs: tuple[Path, ...], config_path: Path | None) -> None:
    """Explain one rule: what it finds, why it matters, how to fix it."""
    from spofcheck.engine.settings import rule_id_of
    from spofcheck.report.catalogue_format import render_rule

    catalogue = _catalogue(rule_dirs, config_path)
    click.echo(render_rule(catalogue[rule_id_of(rule_id, catalogue, key="RULE")]), nl=False)

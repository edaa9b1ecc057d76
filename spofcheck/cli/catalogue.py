"""The catalogue commands: rules, explain."""

from __future__ import annotations

from pathlib import Path

import click

from spofcheck.cli.options import rules_option


@click.command("rules")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text"
)
@rules_option
def rules_command(fmt: str, rule_dirs: tuple[Path, ...]) -> None:
    """List the rule catalogue."""
    from spofcheck.engine.catalogue import load_catalogue
    from spofcheck.report.catalogue_format import render_catalogue

    click.echo(render_catalogue(load_catalogue(list(rule_dirs)), fmt), nl=False)


@click.command()
@click.argument("rule_id")
@rules_option
def explain(rule_id: str, rule_dirs: tuple[Path, ...]) -> None:
    """Explain one rule: what it finds, why it matters, how to fix it."""
    from spofcheck.engine.catalogue import load_catalogue
    from spofcheck.errors import ConfigError
    from spofcheck.report.catalogue_format import render_rule

    catalogue = load_catalogue(list(rule_dirs))
    spec = catalogue.get(rule_id.upper()) or next(
        (r for r in catalogue.values() if r.name == rule_id.lower()), None
    )
    if spec is None:
        known = ", ".join(sorted(catalogue))
        raise ConfigError(f"unknown rule {rule_id!r}; known rules: {known}")
    click.echo(render_rule(spec), nl=False)

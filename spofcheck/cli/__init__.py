"""Thin click commands; each parses options, calls one pipeline function, and exits.

Heavy modules (pydantic models, networkx, the HCL parser) are imported inside commands so
`spofcheck --version` and `--help` stay instant. Commands are registered explicitly below.
"""

from __future__ import annotations

from typing import Any

import click

from spofcheck import __version__
from spofcheck.cli.analyze import availability, diagram, model, scan
from spofcheck.cli.cache import cache_command
from spofcheck.cli.catalogue import explain, rules_command
from spofcheck.cli.ci import baseline_command, diff, hook
from spofcheck.cli.recovery import recovery_command, whatif
from spofcheck.cli.streams import (
    EXIT_INTERRUPTED,
    Terminated,
    guard_signals,
    guard_stdout,
    interrupted,
)


class Group(click.Group):
    """Turns our own errors into one located line and exit code 2, never a traceback;
    Ctrl-C into one line and exit 130; a closed stdout into nothing (cli/streams.py)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        guard_stdout()
        guard_signals()
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        from spofcheck.errors import SpofcheckError

        try:
            result = super().invoke(ctx)
        except SpofcheckError as exc:
            self._after_interrupt(ctx)
            click.echo(f"spofcheck: error: {exc.one_line()}", err=True)
            ctx.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            click.echo("spofcheck: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, SystemExit) as exc:
            if not isinstance(exc, Terminated):  # SIGTERM keeps its own exit code
                self._after_interrupt(ctx)
            raise
        self._after_interrupt(ctx)
        return result

    @staticmethod
    def _after_interrupt(ctx: click.Context) -> None:
        """A Ctrl-C whose KeyboardInterrupt was swallowed on the way still ends the run."""
        if interrupted():
            click.echo("spofcheck: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="spofcheck")
def main() -> None:
    """Find single points of failure in Terraform and YAML architectures, and compute
    the availability the design can deliver.

    Exit codes: 0 clean; 1 findings at or above --fail-on, or SLO not met; 2 usage
    error or unreadable input (what could be read is still analyzed and reported).
    """


COMMANDS = (
    scan,
    availability,
    diagram,
    model,
    rules_command,
    explain,
    baseline_command,
    diff,
    hook,
    cache_command,
    whatif,
    recovery_command,
)
for _command in COMMANDS:
    main.add_command(_command)

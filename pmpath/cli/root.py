"""The root `pmpath` command: global options, help, and the lazily loaded commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmpath import DOCS_URL, __version__
from pmpath.cli import PmpathGroup
from pmpath.cli.core import DATA_HELP, state

app = typer.Typer(
    cls=PmpathGroup,
    name="pmpath",
    rich_markup_mode=None,  # plain help: Rich markup would swallow [square brackets]
    pretty_exceptions_enable=False,
    add_completion=True,
    invoke_without_command=True,  # plain `pmpath` prints its help (to stdout, status 0)
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=f"Documentation: {DOCS_URL}",
)


def _version(value: bool) -> None:
    if value:
        print(f"pmpath {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None, typer.Option("--data", metavar="DIR", help=DATA_HELP, show_default=False)
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Run the product-manager career ladder: where you are, and what the next level asks.

    Start with `pmpath assess`. Every command prints JSON for scripts with --json;
    --data DIR points any command at your company's own ladder.
    """
    state(ctx).data_option = data
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()

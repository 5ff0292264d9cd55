"""`pmpath levels` and `pmpath show`: look the ladder up."""

from __future__ import annotations

from typing import Annotated

import typer

from pmpath.cli.core import JsonFlag, app, complete_level, state, write_json
from pmpath.render import json as render_json


@app.command("levels")
def levels_command(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """List the levels of the ladder, lowest first."""
    framework = state(ctx).framework()
    if json_output:
        write_json(render_json.levels_document(framework))
        return
    from pmpath.render import human

    human.print_renderables(human.levels_view(framework))


@app.command("show")
def show_command(
    ctx: typer.Context,
    level: Annotated[
        str,
        typer.Argument(
            metavar="LEVEL",
            help='Level id, title or alias, e.g. senior-pm or "Sr PM".',
            autocompletion=complete_level,
        ),
    ],
    json_output: JsonFlag = False,
) -> None:
    """Show one level: scope, mindset, responsibilities, milestones."""
    from pmpath.matching import find_level

    framework = state(ctx).framework()
    found = find_level(framework, level)
    if json_output:
        write_json(render_json.level_document(framework, found))
        return
    from pmpath.render import human

    human.print_renderables(human.level_view(framework, found))

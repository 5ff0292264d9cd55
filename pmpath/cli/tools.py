"""`pmpath validate` and `pmpath schema`: for people who write their own ladder."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmpath.cli.core import JsonFlag, app, state, write_json


class SchemaName(str, Enum):
    levels = "levels"
    milestones = "milestones"
    transitions = "transitions"
    answers = "answers"
    result = "result"


@app.command("validate")
def validate_command(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            help="Framework directory to check (default: the active one, from --data or $PMPATH_DATA, else the shipped ladder).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (exit status 1).")] = False,
    json_output: JsonFlag = False,
) -> None:
    """Check a framework directory: every problem, by file and line.

    Prints each problem as file:line: message, then a one-line summary. Exit status:
    0 when it is valid, 1 when problems were found, 2 when a file could not be read
    at all. Warnings (allowed but suspicious) fail only with --strict.
    """
    from pmpath.checks import printable
    from pmpath.validate import validate_framework

    validation = validate_framework(directory if directory is not None else state(ctx).data_dir)
    if json_output:
        write_json([problem.as_dict() for problem in validation.problems])
    else:
        lines = [str(problem) for problem in validation.problems] + [validation.summary(strict)]
        sys.stdout.write("".join(printable(line) + "\n" for line in lines))
    raise typer.Exit(validation.exit_code(strict))


@app.command("schema")
def schema_command(
    name: Annotated[
        SchemaName,
        typer.Argument(
            metavar="NAME",
            help="levels, milestones or transitions (the framework files), answers (assess --answers) "
            "or result (assess --json).",
            case_sensitive=False,
            show_default=False,
        ),
    ],
) -> None:
    """Print the JSON Schema of a file format, or of assess --json.

    JSON Schema draft 2020-12, for editors (the YAML files name theirs on their first
    line) and for scripts that check what they give pmpath or read from it.
    """
    from pmpath.schema import schema_text

    sys.stdout.write(schema_text(name.value))

"""`pmpath validate` and `pmpath schema`: for people who write their own ladder, and for scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pmpath.cli.core import FormatOption, JsonFlag, chosen_format, examples, result, state
from pmpath.schema import FILE_SCHEMAS, OUTPUT_SCHEMAS

validate_app = typer.Typer(rich_markup_mode=None, add_completion=False)
schema_app = typer.Typer(rich_markup_mode=None, add_completion=False)


@validate_app.command(
    "validate",
    epilog=examples(
        "pmpath validate myladder",
        "pmpath validate --strict",
        "pmpath validate myladder --json | jq '.problems[]'",
    ),
)
def validate_command(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            show_default=False,
            help="Framework directory to check (default: the active one: --data, $PMPATH_DATA, or the shipped ladder).",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (exit status 1).")] = False,
    json_output: JsonFlag = False,
    format: FormatOption = None,
) -> None:
    """Check a ladder: every problem, by file and line.

    Prints each problem as file:line: message (the first 100 per file, then a count),
    then a one-line summary. Exit status: 0 when it is valid, 1 when problems were
    found, 2 when a file could not be read at all. Warnings (allowed but suspicious)
    fail only with --strict.
    """
    from pmpath.validate import validate_framework

    fmt = chosen_format("validation", "validate", json_flag=json_output, chosen=format)
    validation = validate_framework(
        directory if directory is not None else state(ctx).data_dir, strict=strict
    )
    result(fmt, "validation", validation)
    raise typer.Exit(validation.exit_code)


@schema_app.command(
    "schema",
    epilog=examples(
        "pmpath schema answers", "pmpath schema --output assess", "pmpath schema --output history-show"
    ),
)
def schema_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            show_default=False,
            help=f"A file format: {', '.join(FILE_SCHEMAS)} (result is assess --json).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            metavar="COMMAND",
            show_default=False,
            help=f"The schema of `pmpath COMMAND --json` instead: {', '.join(OUTPUT_SCHEMAS)}.",
        ),
    ] = None,
) -> None:
    """Print a JSON Schema: of a file format, or of a command's --json output.

    JSON Schema draft 2020-12, for editors (the YAML files name theirs on their first
    line) and for scripts that check what they give pmpath or read from it.
    """
    from pmpath.errors import UsageError
    from pmpath.schema import schema_text

    if (name is None) == (output is None):
        raise UsageError(
            "give a file format or --output COMMAND",
            hint=f"File formats: {', '.join(FILE_SCHEMAS)}. Commands: {', '.join(OUTPUT_SCHEMAS)}.",
        )
    framework = state(ctx).framework() if name == "answers" else None
    sys.stdout.write(schema_text(name, output, framework))

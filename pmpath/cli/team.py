"""`pmpath team`: a whole team's levels, competencies, common gaps and promotion pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmpath.cli.core import (
    CsvFlag,
    ForceFlag,
    FormatOption,
    JsonFlag,
    OutputOption,
    check_output,
    chosen_format,
    examples,
    result,
    state,
)
from pmpath.errors import UsageError

if TYPE_CHECKING:
    from pmpath.model import Framework
    from pmpath.sources import Answers

team_app = typer.Typer(rich_markup_mode=None, add_completion=False)


@team_app.command(
    "team",
    epilog=examples(
        "pmpath team team-answers/",
        "pmpath team alice.yaml bob.yaml --ready 0.6",
        "pmpath team --history --csv > team.csv",
        "pmpath team team-answers/ -o team.html",
    ),
)
def team_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            show_default=False,
            help="Answers files, or directories holding them (*.yaml, *.yml, *.json).",
        ),
    ] = None,
    from_history: Annotated[
        bool,
        typer.Option(
            "--history", help="Also use your history: the latest assessment of each person (--about NAME)."
        ),
    ] = False,
    ready: Annotated[
        float | None,
        typer.Option(
            "--ready",
            metavar="SHARE",
            help="Readiness for the next level that counts as close (0-1; default: 10 points below the ladder's lowest bar).",
            show_default=False,
        ),
    ] = None,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """Where a team stands: the level distribution, a heat map of competency areas, the most common
    gaps (what to train or hire for) and who is ready for their next level.

    Files for another ladder, or broken files, are listed and skipped, never fatal.
    """
    from pmpath.team import build_team

    if not paths and not from_history:
        raise UsageError(
            "give answers files or directories, or --history", hint="For example: pmpath team team-answers/"
        )
    if ready is not None and (not 0 <= ready <= 1 or ready != ready):
        raise UsageError(f"--ready is a share from 0 to 1 (such as 0.7), not {ready:g}")
    fmt = chosen_format(
        "team", "team", json_flag=json_output, csv_flag=csv_output, chosen=format, output=output
    )
    check_output(output, force)
    framework = state(ctx).framework()
    entries = [*_from_files(paths or [], framework), *(_from_history(framework) if from_history else [])]
    report = build_team(framework, entries, threshold=ready)
    if not report.people:
        _nobody(report, paths or [])
    result(
        fmt,
        "team",
        report,
        output=output,
        force=force,
        what="Team report",
    )


def _nobody(report: Any, paths: list[Path]) -> None:
    """Not one person could be read: a mistake to report (status 2), not a team of nobody."""
    from pmpath.storage.home import shown_path

    if report.skipped:
        reasons = [f"{shown_path(path)}: {why}" for path, why in report.skipped[:20]]
        raise UsageError("no answers could be read: " + "; ".join(reasons))
    where = ", ".join(shown_path(path) for path in paths) or "the history"
    raise UsageError(
        f"no answers files in {where}", hint="A team is read from *.yaml, *.yml or *.json answers files."
    )


def _from_files(paths: list[Path], framework: Framework) -> Iterator[Answers | tuple[str, str]]:
    from pmpath.errors import PmpathError
    from pmpath.escaping import one_line
    from pmpath.sources import from_file
    from pmpath.team import answers_files

    for path, problem in answers_files(paths):
        if problem is not None:
            yield str(path), problem
            continue
        try:
            yield from_file(str(path), framework)
        except PmpathError as error:
            yield str(path), one_line(_reason(error))


def _reason(error: Exception) -> str:
    from pmpath.errors import InputFileError
    from pmpath.wording import plural

    if isinstance(error, InputFileError):
        unknown = [p for p in error.problems if p.message.startswith("unknown milestone id")]
        if unknown and len(unknown) == len(error.problems):
            return f"answers for another ladder ({plural(len(unknown), 'milestone id')} this ladder does not have)"
        first = error.problems[0]
        return f"line {first.line}: {first.message}" if first.line else first.message
    return str(error)


def _from_history(framework: Framework) -> Iterator[Answers | tuple[str, str]]:
    """The latest record of each person of the active ladder: by the name in its profile, and the
    newest unnamed one (your own)."""
    from pmpath.errors import PmpathError
    from pmpath.sources import from_record
    from pmpath.storage import history

    seen: set[str] = set()
    for record in history.list_records(framework.name):  # newest first
        name = str(record.profile.get("name") or "")
        if name in seen:
            continue
        seen.add(name)
        try:
            yield from_record(record.id, framework)
        except PmpathError as error:
            yield f"saved assessment #{record.id}", error.message

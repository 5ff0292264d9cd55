"""`pmpath history`: list, show, export and delete saved assessments."""

from __future__ import annotations

import sys
from typing import Annotated

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
    note,
    result,
    state,
)
from pmpath.errors import UsageError

history_app = typer.Typer(rich_markup_mode=None, add_completion=False, no_args_is_help=False)


def complete_record_id(incomplete: str) -> list[str]:
    from pmpath.errors import PmpathError
    from pmpath.storage import history

    try:
        records = history.list_records(limit=200)
    except PmpathError:
        return []
    return [str(r.id) for r in records if str(r.id).startswith(incomplete)]


RecordId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        help="The assessment's number, as `pmpath history` lists it.",
        autocompletion=complete_record_id,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        show_default=False,
        help="List the newest N (default: 20 for people, all with --json and --csv; 0: all).",
    ),
]
DEFAULT_LIMIT = 20


def _listing(
    ctx: typer.Context, json_output: bool, csv_output: bool, format: object, limit: int | None
) -> None:
    from pmpath.render import Format
    from pmpath.storage import history
    from pmpath.views import HistoryListing

    fmt = chosen_format("history", "history", json_flag=json_output, csv_flag=csv_output, chosen=format)  # type: ignore[arg-type]
    if limit is not None and limit < 0:
        raise UsageError("--limit must be 0 (all) or more")
    wanted = (DEFAULT_LIMIT if fmt is Format.human else None) if limit is None else (limit or None)
    framework = state(ctx).framework()
    records = history.list_records(limit=wanted)
    total = len(records) if wanted is None else history.count_records()
    result(fmt, "history", HistoryListing(records, total, framework, history.database_path()))


@history_app.callback(
    invoke_without_command=True,
    epilog=examples(
        "pmpath history",
        "pmpath history show 3",
        "pmpath history export 3 > answers.yaml",
        "pmpath history --csv > history.csv",
    ),
)
def history_command(
    ctx: typer.Context,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
    format: FormatOption = None,
    limit: LimitOption = None,
) -> None:
    """Your saved assessments, newest first: list, show, export, delete.

    `pmpath assess` saves each assessment it asks (and `assess --answers FILE --save`).
    A * marks the ones scored against another version of the ladder than the active
    one. The history is an SQLite file, history.db, in $PMPATH_HOME (default: your
    user data directory), readable by you alone.
    """
    if ctx.invoked_subcommand is not None:
        return
    _listing(ctx, json_output, csv_output, format, limit)


@history_app.command("list")
def history_list_command(
    ctx: typer.Context,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
    format: FormatOption = None,
    limit: LimitOption = None,
) -> None:
    """The saved assessments, newest first (the same as plain `pmpath history`)."""
    _listing(ctx, json_output, csv_output, format, limit)


@history_app.command("show")
def history_show_command(
    ctx: typer.Context,
    record_id: RecordId,
    json_output: JsonFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """One saved assessment, as `pmpath assess` printed it (scored against the ladder it was saved with)."""
    from pmpath.scoring import assess
    from pmpath.sources import from_record
    from pmpath.transitions import transition_for
    from pmpath.views import AssessmentReport

    fmt = chosen_format("assessment", "history show", json_flag=json_output, chosen=format, output=output)
    check_output(output, force)
    active = state(ctx).framework()
    answers = from_record(record_id, active)
    if answers.note:
        note(answers.note)
    scored = assess(answers.framework, answers.sheet)
    transition = (
        transition_for(scored, state(ctx).data_dir) if answers.framework.name == active.name else None
    )
    report = AssessmentReport(scored, answers.source.saved_at or "", answers.source, transition)
    result(fmt, "assessment", report, output=output, force=force)


@history_app.command("export")
def history_export_command(
    ctx: typer.Context, record_id: RecordId, output: OutputOption = None, force: ForceFlag = False
) -> None:
    """The answers file of a saved assessment: `assess --answers` on it gives the same result."""
    from pmpath.answers import answers_yaml
    from pmpath.cli.core import protected_paths
    from pmpath.sources import from_record
    from pmpath.storage.files import write_output

    check_output(output, force)
    answers = from_record(record_id, state(ctx).framework())
    if answers.framework.fingerprint != state(ctx).framework().fingerprint:
        note(
            f"#{record_id} was saved against another version of the ladder; these answers are for that version."
        )
    header = f"Exported from saved assessment #{record_id} ({answers.source.saved_at})"
    text = answers_yaml(answers.sheet, answers.framework, header=header)
    if output is None:
        sys.stdout.write(text)
        return
    write_output(output, text, force=force, what="Answers", protected=protected_paths())


@history_app.command("delete")
def history_delete_command(
    record_id: RecordId,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Delete without asking (needed without a terminal).")
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Delete one saved assessment with its answers and evidence notes (overwritten on disk)."""
    from pmpath import terminal
    from pmpath.escaping import one_line
    from pmpath.storage import history

    if not yes:
        if not terminal.can_prompt():
            raise UsageError(
                "history delete asks before deleting, and there is no terminal to ask in",
                hint=f"Add --yes to delete #{record_id} without asking.",
            )
        record = history.get(record_id).record
        what = record.level.title if record.level else "below the first level"
        answer = typer.confirm(
            one_line(f"Delete assessment #{record.id} ({record.saved_at}, {what})? This cannot be undone."),
            default=False,
            err=True,
        )
        if not answer:
            note("Nothing deleted.")
            return
    deleted = history.delete(record_id)
    if json_output:
        from pmpath.render.json import SCHEMA_VERSION, dumps

        sys.stdout.write(dumps({"schema_version": SCHEMA_VERSION, "deleted": deleted.id}))
        return
    level = deleted.level.title if deleted.level else "below the first level"
    note(f"Deleted assessment #{deleted.id} ({deleted.saved_at}, {level}).")

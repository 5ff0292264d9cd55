"""Growth over time: `history`, `progress`, `compare`, `plan` and `transition`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmpath.cli.core import FormatOption, JsonFlag, app, output_format, state, write_json, write_output
from pmpath.errors import HistoryError, UnreadableInputError, UsageError
from pmpath.model import AnswerSheet, Framework
from pmpath.render import OutputFormat

if TYPE_CHECKING:
    from pmpath.history import SavedAssessment
    from pmpath.scoring import Assessment
    from pmpath.transitions import Transition, Transitions

history_app = typer.Typer(name="history", rich_markup_mode=None, no_args_is_help=False)
app.add_typer(history_app)


def complete_record_id(incomplete: str) -> list[str]:
    from pmpath import history
    from pmpath.errors import PmpathError

    try:
        records = history.list_assessments()
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


# ---------------------------------------------------------------- history


@history_app.callback(invoke_without_command=True)
def history_command(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """Your saved assessments: list, show, delete.

    Lists them newest first; `history show ID` prints one, `history delete ID` removes it.

    `pmpath assess` saves each assessment it asks (and `assess --answers FILE --save`).
    A * marks the ones scored against another version of the ladder than the active one.
    The history is an SQLite file, history.db, in $PMPATH_HOME (default: your user data directory).
    """
    if ctx.invoked_subcommand is not None:
        return
    from pmpath import history

    framework = state(ctx).framework()
    records = history.list_assessments()
    if json_output:
        from pmpath.render.json import history_list_document

        write_json(history_list_document(records, framework))
        return
    from pmpath.render import human

    human.print_renderables(human.history_view(records, framework, history.database_path()))


@history_app.command("show")
def history_show_command(
    ctx: typer.Context,
    record_id: RecordId,
    json_output: JsonFlag = False,
    format: FormatOption = OutputFormat.human,
) -> None:
    """Show one saved assessment as `pmpath assess` printed it."""
    from pmpath import history

    record = history.get_assessment(record_id)
    chosen = output_format(json_output, format)
    if chosen is OutputFormat.json:
        from pmpath.render.json import saved_assessment_document

        write_json(saved_assessment_document(record))
        return
    framework = state(ctx).framework()
    result = history.assessment_of(record, framework)
    if record.framework_name != framework.name:
        print(
            f"Note: #{record.id} was made with another ladder ({record.framework_name!r}); it is shown as "
            "it was saved (choose that ladder with --data DIR to see it in full).",
            file=sys.stderr,
        )
    elif record.ladder_changed(framework):
        print(
            f"Note: the ladder changed since #{record.id} was saved; it is shown as it was saved.",
            file=sys.stderr,
        )
    if chosen is OutputFormat.markdown:
        from pmpath.render.markdown import assessment_report

        sys.stdout.write(assessment_report(result))
        return
    from pmpath.render import human

    transition = None if record.ladder_changed(framework) else _transition_for(result, state(ctx).data_dir)
    print(f"Assessment #{record.id}, saved {history.local_time(record.saved_at)}", file=sys.stderr)
    human.print_renderables(human.assessment_view(result, transition))


@history_app.command("delete")
def history_delete_command(record_id: RecordId, json_output: JsonFlag = False) -> None:
    """Delete one saved assessment, with its answers and evidence notes."""
    from pmpath import history

    record = history.delete_assessment(record_id)
    if json_output:
        write_json({"deleted": record.id})
        return
    level = record.level_title or "below the first level"
    print(
        f"Deleted assessment #{record.id} ({history.local_time(record.saved_at)}, {level}).", file=sys.stderr
    )


def _transition_for(result: Assessment, data_dir: Path) -> Transition | None:
    """Advice on moving into product, shown to people below or at the first level (as `assess` does)."""
    background = result.sheet.profile.background
    if not background or (result.level is not None and result.level.rank > 1):
        return None
    from pmpath.transitions import load_transitions

    transitions = load_transitions(data_dir, result.framework)
    if transitions is None:
        return None
    return next((t for t in transitions.paths if t.background == background), None)


# ---------------------------------------------------------------- progress


@app.command("progress")
def progress_command(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """Your level and readiness over time.

    Shows a chart of the saved assessments and what changed since the previous one.

    Uses the saved assessments of the active ladder (same framework name). Between
    two assessments, a gap is closed when a milestone became a yes, and opened when
    a yes became partly, not yet or unanswered.
    """
    from pmpath import history
    from pmpath.progress import progress_series

    framework = state(ctx).framework()
    points = progress_series(history.list_assessments(framework.name), framework)
    if json_output:
        from pmpath.render.json import progress_document

        write_json(progress_document(points))
        return
    from pmpath.render import human

    human.print_renderables(human.progress_view(points, framework))


# ---------------------------------------------------------------- compare


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="An answers file, or a saved assessment's ID.")],
    b: Annotated[str, typer.Argument(metavar="B", help="An answers file, or a saved assessment's ID.")],
    labels: Annotated[
        str | None,
        typer.Option("--labels", metavar="A,B", help="Names for the two sides, e.g. self,manager."),
    ] = None,
    json_output: JsonFlag = False,
    format: FormatOption = OutputFormat.human,
) -> None:
    """Compare two assessments: yours and your manager's, say.

    A and B are answers files (- for stdin) or saved assessment IDs (a number that
    is not an existing file). The agreement rate is the share of milestones answered
    the same by both, out of the milestones answered in either. The disagreements
    come required first, then by level and weight: the agenda of a calibration talk.
    """
    from pmpath.calibration import DEFAULT_LABELS, compare, parse_labels

    try:
        names = parse_labels(labels) if labels is not None else DEFAULT_LABELS
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--labels") from None
    if a == "-" and b == "-":
        raise UsageError("only one of A and B can be read from stdin (-)")
    framework = state(ctx).framework()
    sheet_a, source_a = _sheet_from(a, framework)
    sheet_b, source_b = _sheet_from(b, framework)
    calibration = compare(framework, sheet_a, sheet_b, labels=names, sources=(source_a, source_b))
    chosen = output_format(json_output, format)
    if chosen is OutputFormat.json:
        from pmpath.render.json import comparison_document

        write_json(comparison_document(calibration))
    elif chosen is OutputFormat.markdown:
        from pmpath.render.markdown import comparison_report

        sys.stdout.write(comparison_report(calibration))
    else:
        from pmpath.render import human

        human.print_renderables(human.comparison_view(calibration))


def _sheet_from(argument: str, framework: Framework) -> tuple[AnswerSheet, str]:
    """An answers file, or (an all-digit argument that is not a file) a saved assessment."""
    if argument.isdigit() and not Path(argument).exists():
        record = _record_for(int(argument), framework, also=f" (and there is no file named {argument!r})")
        return record.sheet(framework), _describe(record)
    from pmpath.answers import read_answer_sheet

    return read_answer_sheet(argument, framework), "<stdin>" if argument == "-" else argument


def _record_for(record_id: int, framework: Framework, *, also: str = "") -> SavedAssessment:
    """A saved assessment usable with the active ladder (another ladder's answers would not match)."""
    from pmpath import history

    try:
        record = history.get_assessment(record_id)
    except HistoryError as error:
        raise HistoryError(error.message + also, hint=error.hint) from None
    if record.framework_name != framework.name:
        raise HistoryError(
            f"assessment #{record.id} was made with the ladder {record.framework_name!r}, "
            f"not the active one ({framework.name!r})",
            hint="Choose that ladder with --data DIR (or PMPATH_DATA).",
        )
    if record.ladder_changed(framework):
        dropped = len(record.responses) - len(record.sheet(framework).responses)
        print(
            f"Note: #{record.id} was scored against an earlier version of this ladder; its answers are "
            f"used with today's ladder" + (f" ({dropped} no longer in it)." if dropped else "."),
            file=sys.stderr,
        )
    return record


def _describe(record: SavedAssessment) -> str:
    from pmpath.history import local_time

    return f"assessment #{record.id}, saved {local_time(record.saved_at)}"


# ---------------------------------------------------------------- plan


@app.command("plan")
def plan_command(
    ctx: typer.Context,
    record_id: Annotated[
        int | None,
        typer.Argument(
            metavar="ID",
            help="A saved assessment (default: the latest of the active ladder).",
            autocompletion=complete_record_id,
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers", "-a", metavar="FILE", help="Plan from an answers file (- for stdin) instead."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the plan to FILE instead of printing it."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="With --output: replace an existing file.")] = False,
    json_output: JsonFlag = False,
) -> None:
    """Write a development plan for the next level, in Markdown.

    The gaps by category with advice, the evidence to collect, your evidence notes,
    the typical time to the next step for your company type, and a checklist to go
    through with your manager. The shortest path to the next level comes first.
    """
    from pmpath.plan import build_plan, plan_markdown

    if record_id is not None and answers is not None:
        raise UsageError("give a saved assessment ID or --answers FILE, not both")
    if force and output is None:
        raise UsageError("--force only applies with --output FILE")
    framework = state(ctx).framework()
    result, source = _plan_input(framework, record_id, answers)
    plan = build_plan(result, source)
    if json_output:
        from pmpath.render.json import dumps, plan_document

        text = dumps(plan_document(plan)) + "\n"
    else:
        text = plan_markdown(plan)
    if output is None:
        sys.stdout.write(text)
        return
    write_output(output, text, force=force, what="Development plan")


def _plan_input(framework: Framework, record_id: int | None, answers: str | None) -> tuple[Assessment, str]:
    from pmpath import history
    from pmpath.scoring import assess

    if answers is not None:
        from pmpath.answers import read_answer_sheet

        return assess(framework, read_answer_sheet(answers, framework)), (
            "the answers from stdin" if answers == "-" else f"the answers in {answers}"
        )
    if record_id is not None:
        record = _record_for(record_id, framework)
    else:
        found = history.latest_assessment(framework.name)
        if found is None:
            raise HistoryError(
                f"no saved assessment of the ladder {framework.name!r} to plan from",
                hint="Run `pmpath assess` first (it saves by default), or pass --answers FILE.",
            )
        record = found
    return assess(framework, record.sheet(framework)), _describe(record)


# ---------------------------------------------------------------- transition


def complete_background(ctx: typer.Context, incomplete: str) -> list[str]:
    from pmpath.errors import PmpathError
    from pmpath.framework import framework_dir, load_framework
    from pmpath.transitions import load_transitions

    try:
        directory = framework_dir(ctx.find_root().params.get("data"))
        transitions = load_transitions(directory, load_framework(directory))
    except PmpathError:
        return []
    if transitions is None:
        return []
    return [t.background for t in transitions.paths if t.background.startswith(incomplete.lower())]


@app.command("transition")
def transition_command(
    ctx: typer.Context,
    background: Annotated[
        str | None,
        typer.Argument(
            metavar="BACKGROUND",
            help="Where you come from: engineering, design, marketing, ... (none: list them).",
            autocompletion=complete_background,
            show_default=False,
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Paths into product from another discipline.

    What you bring, the shift, a portfolio exercise, first steps and the first-level
    milestones you likely meet already. Without BACKGROUND, lists the known ones.
    """
    framework = state(ctx).framework()
    transitions = _transitions(state(ctx).data_dir, framework)
    from pmpath.render import json as render_json

    if background is None:
        if json_output:
            write_json(render_json.transitions_list_document(transitions))
            return
        from pmpath.render import human

        human.print_renderables(human.transitions_list_view(transitions))
        return
    found = transitions.find(background)
    if json_output:
        write_json(render_json.transition_document(found, transitions.facts, framework))
        return
    from pmpath.render import human

    human.print_renderables(human.transition_view(found, transitions.facts, framework))


def _transitions(directory: Path, framework: Framework) -> Transitions:
    from pmpath.errors import Problem
    from pmpath.framework import TRANSITIONS_FILE
    from pmpath.transitions import load_transitions

    transitions = load_transitions(directory, framework)
    if transitions is None:
        raise UnreadableInputError(
            [
                Problem(
                    str(directory / TRANSITIONS_FILE),
                    None,
                    f"the ladder {framework.name!r} has no paths into product (no {TRANSITIONS_FILE})",
                )
            ],
            hint="Use the shipped ladder (drop --data / PMPATH_DATA), or add a transitions.yaml to this one.",
        )
    return transitions

"""Growth over time: `progress`, `compare` and `plan`."""

from __future__ import annotations

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
from pmpath.cli.history import complete_record_id
from pmpath.errors import UsageError
from pmpath.render import Format

progress_app = typer.Typer(rich_markup_mode=None, add_completion=False)
compare_app = typer.Typer(rich_markup_mode=None, add_completion=False)
plan_app = typer.Typer(rich_markup_mode=None, add_completion=False)


@progress_app.command(
    "progress",
    epilog=examples(
        "pmpath progress", "pmpath progress --csv > progress.csv", "pmpath progress -o progress.html"
    ),
)
def progress_command(
    ctx: typer.Context,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """Your level and readiness over time, and what changed since the previous assessment.

    Uses the saved assessments of the active ladder (same name), each scored again
    against the ladder it was saved with. Between two assessments, a gap is closed
    when a milestone became a yes, and opened when a yes became anything else.
    """
    from pmpath.progress import progress_series
    from pmpath.storage import history

    fmt = chosen_format(
        "progress", "progress", json_flag=json_output, csv_flag=csv_output, chosen=format, output=output
    )
    check_output(output, force)
    framework = state(ctx).framework()
    result(
        fmt,
        "progress",
        progress_series(history.series(framework.name, framework), framework),
        output=output,
        force=force,
        what="Progress report",
    )


@compare_app.command(
    "compare",
    epilog=examples(
        "pmpath compare me.yaml manager.yaml",
        "pmpath compare 3 4 --labels self,manager",
        "pmpath compare alice.yaml 7 -f markdown -o calibration.md",
    ),
)
def compare_command(
    ctx: typer.Context,
    a: Annotated[
        str, typer.Argument(metavar="A", help="An answers file (- for stdin), or a saved assessment's ID.")
    ],
    b: Annotated[str, typer.Argument(metavar="B", help="An answers file, or a saved assessment's ID.")],
    labels: Annotated[
        str | None,
        typer.Option(
            "--labels",
            metavar="A,B",
            help="Names for the two sides (default: the names in the answers, else the ids or file names).",
        ),
    ] = None,
    json_output: JsonFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """Compare two assessments of one person: yours and your manager's, say.

    A and B are answers files or saved assessment IDs (a number that is not an
    existing file), in any mix. The agreement rate is the share of milestones answered
    the same by both, out of those answered in either. The disagreements come required
    first, then by level and weight: the agenda of a calibration talk.
    """
    from pmpath import sources
    from pmpath.calibration import compare, parse_labels

    try:
        names = parse_labels(labels) if labels is not None else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--labels") from None
    if a == "-" and b == "-":
        raise UsageError("only one of A and B can be read from stdin (-)")
    fmt = chosen_format("comparison", "compare", json_flag=json_output, chosen=format, output=output)
    check_output(output, force)
    active = state(ctx).framework()
    first, second = sources.on_one_ladder(sources.resolve(a, active), sources.resolve(b, active), active)
    for side in (first, second):
        if side.note:
            note(side.note)
    result(
        fmt,
        "comparison",
        compare(first, second, labels=names),
        output=output,
        force=force,
        what="Calibration",
    )


@plan_app.command(
    "plan",
    epilog=examples(
        "pmpath plan                       # from your latest saved assessment",
        "pmpath plan 3 -o plan.md",
        "pmpath plan --answers alice.yaml --about Alice",
    ),
)
def plan_command(
    ctx: typer.Context,
    record_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[ID]",
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
    about: Annotated[
        str | None,
        typer.Option(
            "--about", metavar="NAME", help="Write the plan about NAME (a manager preparing a 1:1)."
        ),
    ] = None,
    json_output: JsonFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """A development plan for the next level, in Markdown, to bring to a 1:1.

    The shortest path to the next level first, then the gaps by competency area with
    advice, the evidence to collect, the evidence notes already given, the typical time
    to the next step for the company type, and a checklist to go through together.
    """
    from pmpath import sources
    from pmpath.cli.ladder import _name
    from pmpath.plan import build_plan
    from pmpath.scoring import assess

    if record_id is not None and answers is not None:
        raise UsageError("give a saved assessment ID or --answers FILE, not both")
    fmt = chosen_format(
        "plan", "plan", json_flag=json_output, chosen=format, output=output, default=Format.markdown
    )
    check_output(output, force)
    active = state(ctx).framework()
    if answers is not None:
        given = sources.from_file(answers, active)
    elif record_id is not None:
        given = sources.from_record(record_id, active)
    else:
        given = sources.latest_of(active)
    if given.note:
        note(given.note)
    name = _name(about)
    sheet = (
        given.sheet if name is None else given.sheet._replace(profile=given.sheet.profile._replace(name=name))
    )
    plan = build_plan(assess(given.framework, sheet), given.source)
    result(fmt, "plan", plan, output=output, force=force, what="Development plan")

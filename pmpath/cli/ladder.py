"""Looking the ladder up: `levels`, `show`, `questions` and `transition`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmpath.cli.core import (
    ForceFlag,
    FormatOption,
    JsonFlag,
    OutputOption,
    check_output,
    chosen_format,
    complete_level,
    examples,
    result,
    state,
)

if TYPE_CHECKING:
    from pmpath.model import Framework
    from pmpath.transitions import Transitions

levels_app = typer.Typer(rich_markup_mode=None, add_completion=False)
show_app = typer.Typer(rich_markup_mode=None, add_completion=False)
questions_app = typer.Typer(rich_markup_mode=None, add_completion=False)
transition_app = typer.Typer(rich_markup_mode=None, add_completion=False)

LevelArgument = Annotated[
    str,
    typer.Argument(
        metavar="LEVEL",
        help='Level id, title, alias or rank, e.g. senior-pm or "Sr PM".',
        autocompletion=complete_level,
    ),
]


@levels_app.command("levels", epilog=examples("pmpath levels", "pmpath levels --json | jq -r '.levels[].id'"))
def levels_command(ctx: typer.Context, json_output: JsonFlag = False, format: FormatOption = None) -> None:
    """The ladder at a glance: every level, its track and what it follows."""
    fmt = chosen_format("levels", "levels", json_flag=json_output, chosen=format)
    result(fmt, "levels", state(ctx).framework())


@show_app.command(
    "show",
    epilog=examples(
        'pmpath show "Senior PM"',
        "pmpath show principal-pm --json | jq '.milestones | length'",
        "pmpath --data myladder show 3",
    ),
)
def show_command(
    ctx: typer.Context, level: LevelArgument, json_output: JsonFlag = False, format: FormatOption = None
) -> None:
    """One level: scope, mindset, responsibilities, pay where known, and its milestones."""
    from pmpath.matching import find_level
    from pmpath.views import LevelDetail

    fmt = chosen_format("level", "show", json_flag=json_output, chosen=format)
    framework = state(ctx).framework()
    result(fmt, "level", LevelDetail(framework, find_level(framework, level)))


@questions_app.command(
    "questions",
    epilog=examples(
        "pmpath questions senior-pm", "pmpath questions --about Alice -f markdown -o alice-questions.md"
    ),
)
def questions_command(
    ctx: typer.Context,
    level: Annotated[
        str | None,
        typer.Argument(
            metavar="[LEVEL]",
            help="Only this level's questions (default: every level).",
            autocompletion=complete_level,
            show_default=False,
        ),
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", metavar="NAME", help="Phrase the questions about NAME.")
    ] = None,
    json_output: JsonFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """The questionnaire with its evidence hints, to read before answering or to send ahead."""
    from pmpath.matching import find_level
    from pmpath.views import Questionnaire

    fmt = chosen_format("questionnaire", "questions", json_flag=json_output, chosen=format, output=output)
    check_output(output, force)
    framework = state(ctx).framework()
    levels = (find_level(framework, level),) if level is not None else tuple(framework.tree_order())
    name = _name(about)
    result(
        fmt,
        "questionnaire",
        Questionnaire(framework, levels, name),
        output=output,
        force=force,
        what="Questionnaire",
    )


def _name(about: str | None) -> str | None:
    from pmpath.errors import UsageError

    if about is None:
        return None
    name = " ".join(about.split())
    if not name or len(name) > 100:
        raise UsageError("--about needs a name of 1 to 100 characters")
    return name


def complete_background(ctx: typer.Context, incomplete: str) -> list[str]:
    from pmpath.errors import PmpathError
    from pmpath.framework import framework_dir, load_framework
    from pmpath.transitions import load_transitions

    try:
        directory = framework_dir(ctx.find_root().params.get("data"))
        transitions = load_transitions(directory, load_framework(directory))
    except PmpathError:
        return []
    return (
        []
        if transitions is None
        else [t.background for t in transitions.paths if t.background.startswith(incomplete)]
    )


@transition_app.command(
    "transition",
    epilog=examples("pmpath transition", "pmpath transition engineering", "pmpath transition other --json"),
)
def transition_command(
    ctx: typer.Context,
    background: Annotated[
        str | None,
        typer.Argument(
            metavar="[BACKGROUND]",
            help="Where you come from: engineering, design, sales, other...",
            autocompletion=complete_background,
            show_default=False,
        ),
    ] = None,
    json_output: JsonFlag = False,
    format: FormatOption = None,
) -> None:
    """Paths into product from another discipline, and preparing for PM interviews.

    What you bring, the shift, a portfolio exercise, first steps, pitfalls, how an
    internal move works, the first 90 days, and the first-level milestones you likely
    meet already. Without BACKGROUND, lists the known ones.
    """
    from pmpath.views import TransitionGuide, TransitionList

    kind = "transitions" if background is None else "transition"
    fmt = chosen_format(kind, "transition", json_flag=json_output, chosen=format)
    framework = state(ctx).framework()
    transitions = _transitions(state(ctx).data_dir, framework)
    if background is None:
        result(fmt, kind, TransitionList(transitions))
        return
    result(fmt, kind, TransitionGuide(transitions.find(background), transitions, framework))


def _transitions(data_dir: Path, framework: Framework) -> Transitions:
    from pmpath.errors import UsageError
    from pmpath.transitions import load_transitions

    found = load_transitions(data_dir, framework)
    if found is None:
        raise UsageError(f"this ladder has no transitions.yaml ({data_dir})")
    return found

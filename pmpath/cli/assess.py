"""`pmpath assess`: ask (or read) the answers, score them, print the result, keep it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmpath.cli.core import (
    ForceFlag,
    FormatOption,
    JsonFlag,
    OutputOption,
    chosen_format,
    complete_level,
    examples,
    note,
    protected_paths,
    render,
    state,
)
from pmpath.errors import NotInteractiveError, UsageError
from pmpath.render import Format

assess_app = typer.Typer(rich_markup_mode=None, add_completion=False)

EPILOG = examples(
    "pmpath assess                                   # in a terminal: the questions, then the result",
    "pmpath assess --update                          # a check-in from your last assessment",
    "pmpath assess --answers me.yaml --json | jq .level.id",
    "pmpath assess --about Alice --save-answers alice.yaml   # a manager answering for a report",
    "pmpath assess -o report.html                    # the report as a file (.md, .html, .json)",
    "pmpath assess --template > answers.yaml         # a blank answers file to fill in",
)


@assess_app.command("assess", epilog=EPILOG)
def assess_command(
    ctx: typer.Context,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Read answers from a YAML or JSON file (- for stdin) instead of asking.",
        ),
    ] = None,
    json_output: JsonFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
    force: ForceFlag = False,
    ask_all: Annotated[
        bool, typer.Option("--all", help="Ask every question, not only those that decide your level.")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted assessment from its draft.")
    ] = False,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="After each Yes, ask for a one-line example.")
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="LEVEL",
            help="Start the questions at LEVEL (default: from your title or years).",
            autocompletion=complete_level,
        ),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Start from your latest saved assessment: ask only what may have changed."
        ),
    ] = False,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ID|FILE",
            help="With --update: start from this saved assessment or answers file.",
        ),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            metavar="NAME",
            help="Answer about someone else (a manager's view): the questions name them.",
        ),
    ] = None,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            show_default=False,
            help="Keep the result in your history (default: yes when asked interactively, no with --answers).",
        ),
    ] = None,
    save_answers: Annotated[
        Path | None,
        typer.Option(
            "--save-answers",
            metavar="FILE",
            help="Also write the answers to FILE (- for stdout), to re-run or edit.",
        ),
    ] = None,
    template: Annotated[
        bool,
        typer.Option(
            "--template", help="Print a blank answers file with every milestone id and its question."
        ),
    ] = False,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            metavar="LEVEL",
            help="With --template: only this level's milestones.",
            autocompletion=complete_level,
        ),
    ] = None,
) -> None:
    """Find your level, your readiness for the next ones, and the gaps.

    In a terminal it asks the questions, starting at the level your title or years
    point to (Ctrl-C keeps your answers: continue with --resume). In scripts, give the
    answers with --answers FILE. Prompts go to the terminal and the result to stdout,
    so `pmpath assess --json > result.json` works interactively too.
    """
    from pmpath.cli.ladder import _name

    name = _name(about)
    if template:
        _print_template(ctx, level, name, output, force)
        return
    if level is not None:
        raise UsageError(
            "--level only applies with --template; to start the questions at a level, use --start"
        )
    if from_ is not None:
        update = True
    _check_combinations(
        answers, resume=resume, ask_all=ask_all, evidence=evidence, start=start, update=update
    )
    fmt = chosen_format("assessment", "assess", json_flag=json_output, chosen=format, output=output)
    _check_targets(output, save_answers, force, answers)
    framework = state(ctx).framework()
    if start is not None:
        from pmpath.matching import find_level

        start = find_level(framework, start).id
    if answers is not None:
        from pmpath.sources import from_file

        given = from_file(answers, framework)
        sheet = given.sheet
        if name is not None:
            sheet = sheet._replace(profile=sheet.profile._replace(name=name))
        _finish(
            ctx,
            sheet,
            given.source,
            None,
            fmt,
            output=output,
            force=force,
            save=bool(save),
            save_answers=save_answers,
            session=None,
        )
        return
    options = {
        "ask_all": ask_all,
        "ask_evidence": evidence,
        "start": start,
        "about": name,
        "save": save,
        "save_answers": None if save_answers is None else str(save_answers),
        "output": None if output is None else str(output),
        "format": fmt.value if json_output or format or output else None,
        "force": force,
        "update_from": from_ if from_ is not None else ("latest" if update else None),
    }
    _interactive(ctx, options, resume=resume)


def _check_combinations(answers: str | None, **interactive: Any) -> None:
    if answers is None:
        return
    given = [f"--{name.replace('_', '-')}" for name, on in interactive.items() if on]
    if given:
        raise UsageError(
            f"{', '.join(given)} {'shapes' if len(given) == 1 else 'shape'} the interactive questions; "
            "they do not apply with --answers",
            hint="To start from earlier answers in a script, pass the answers file itself to --answers.",
        )


def _check_targets(output: Path | None, save_answers: Path | None, force: bool, source: str | None) -> None:
    """Refuse outputs that cannot work before asking anything."""
    from pmpath.storage.files import check_output_target

    if force and output is None and save_answers is None:
        raise UsageError("--force only applies with --output FILE or --save-answers FILE")
    for path, option in ((output, "--output"), (save_answers, "--save-answers")):
        if path is None or str(path) == "-":
            continue
        if source not in (None, "-") and Path(source).resolve() == path.resolve():
            raise UsageError(
                f"{option} {path} is the answers file being read; pmpath never overwrites its input"
            )
        check_output_target(path, force=force, protected=protected_paths(), option=option)
    if output is not None and save_answers is not None and str(output) == str(save_answers) == "-":
        raise UsageError("--output - and --save-answers - would both print to stdout; send one to a file")


def _interactive(ctx: typer.Context, options: dict[str, Any], *, resume: bool) -> None:
    from pmpath import terminal

    if not terminal.can_prompt():
        raise NotInteractiveError(
            "pmpath assess asks its questions in a terminal, but its input or its terminal output (stderr) is not one.",
            hint="Give your answers in a file instead: pmpath assess --answers FILE (`pmpath assess --template` "
            "prints one to fill in).",
        )
    from pmpath.prompts import QuestionaryPrompter
    from pmpath.session import Session

    framework = state(ctx).framework()
    with Session(framework, QuestionaryPrompter()) as session:
        sheet, merged, progress = session.resume_or_start(options, resume=resume)
        save = merged.get("save") is not False
        if save:
            from pmpath.storage import history

            history.check_writable()
        previous = _previous(merged.get("update_from"), framework)
        defaults = previous.sheet if previous is not None else None
        if previous is not None and not sheet.responses and not merged.get("ask_all"):
            sheet = _carried_over(previous, framework)
        outcome = session.interview(sheet, merged, progress, defaults)
        opts = outcome.options
        fmt = Format(opts["format"]) if opts.get("format") else Format.human
        output = Path(opts["output"]) if opts.get("output") else None
        save_answers = Path(opts["save_answers"]) if opts.get("save_answers") else None
        moved = None
        if previous is not None:
            from pmpath.sources import movement

            moved = movement(previous, outcome.sheet, framework)
        _finish(
            ctx,
            outcome.sheet,
            None,
            moved,
            fmt,
            output=output,
            force=bool(opts.get("force")),
            save=save,
            save_answers=save_answers,
            session=session,
        )


def _previous(update_from: str | None, framework: Any) -> Any:
    """The answers an --update starts from: the latest saved assessment of this ladder, or --from."""
    if update_from is None:
        return None
    from pmpath import sources

    previous = (
        sources.latest_of(framework) if update_from == "latest" else sources.resolve(update_from, framework)
    )
    if previous.note:
        note(previous.note)
    return previous


def _carried_over(previous: Any, framework: Any) -> Any:
    """An update keeps the yes answers to unchanged milestones; everything else is asked again."""
    from pmpath.model import Answer, AnswerSheet

    old = previous.framework.milestone_ids()
    kept = {
        milestone_id: response
        for milestone_id, response in previous.sheet.responses.items()
        if response.answer is Answer.YES
        and milestone_id in framework.milestone_ids()
        and milestone_id in old
        and old[milestone_id].text == framework.milestone_ids()[milestone_id].text
    }
    return AnswerSheet(previous.sheet.profile._replace(name=None), kept)


def _finish(
    ctx: typer.Context,
    sheet: Any,
    source: Any,
    moved: Any,
    fmt: Format,
    *,
    output: Path | None,
    force: bool,
    save: bool,
    save_answers: Path | None,
    session: Any,
) -> None:
    """Print the result first, then keep it: a history that fails cannot take the result with it."""
    from pmpath.answers import answers_yaml
    from pmpath.scoring import assess
    from pmpath.sources import utc_now
    from pmpath.storage.files import write_output
    from pmpath.transitions import transition_for
    from pmpath.views import AssessmentReport

    framework = state(ctx).framework()
    result = assess(framework, sheet)
    report = AssessmentReport(result, utc_now(), source, transition_for(result, state(ctx).data_dir), moved)
    to_file = output is not None and str(output) != "-"
    text = render(fmt, "assessment", report, to_file=to_file)
    if to_file:
        assert output is not None
        write_output(output, text, force=force, what="Report", protected=protected_paths())
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if save_answers is not None:
        write_output(
            save_answers,
            answers_yaml(sheet, framework),
            force=force,
            what="Answers",
            protected=protected_paths(),
            option="--save-answers",
        )
        if str(save_answers) != "-":
            note(f"Re-run with: pmpath assess --answers {save_answers}")
    if save:
        _save(result, session)
    if session is not None:
        session.finish()


def _save(result: Any, session: Any) -> None:
    from pmpath.errors import HistoryError
    from pmpath.storage import history

    try:
        record_id = history.save_assessment(result)
    except HistoryError as error:
        if session is not None:
            from pmpath.session import resume_command

            error.hint = (
                f"{error.hint + ' ' if error.hint else ''}The result is printed above and your answers are kept in "
                f"the draft: once the history can be written, save them with: {resume_command(result.framework.source)}"
            )
        raise
    from pmpath.storage.home import shown_home_path

    note(f"Saved to your history as #{record_id} ({shown_home_path(history.database_path())}).")


def _print_template(
    ctx: typer.Context, level: str | None, name: str | None, output: Path | None, force: bool
) -> None:
    from pmpath.matching import find_level
    from pmpath.storage.files import write_output
    from pmpath.template import answers_template

    framework = state(ctx).framework()
    levels = [find_level(framework, level)] if level is not None else framework.tree_order()
    text = answers_template(framework, levels, name)
    if output is None:
        sys.stdout.write(text)
        return
    write_output(output, text, force=force, what="Answers template", protected=protected_paths())

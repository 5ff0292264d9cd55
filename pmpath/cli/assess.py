"""`pmpath assess`: ask (or read) the answers, score them, print the result."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmpath.cli.core import FormatOption, JsonFlag, app, output_format, state, write_json
from pmpath.errors import ExitCode, NotInteractiveError, UsageError
from pmpath.model import Framework
from pmpath.paths import write_atomically
from pmpath.render import OutputFormat, plural
from pmpath.render import json as render_json

if TYPE_CHECKING:
    from pmpath.draft import Draft, RunOptions
    from pmpath.interview import Prompter


@app.command("assess")
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
    format: FormatOption = OutputFormat.human,
    ask_all: Annotated[
        bool,
        typer.Option("--all", help="Ask every question, not only up to the first level you do not meet."),
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted assessment from its draft.")
    ] = False,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="After each Yes, ask for a one-line example.")
    ] = False,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help="Keep the result in your history (default: yes when asked interactively, no with --answers).",
            show_default=False,
        ),
    ] = None,
    save_answers: Annotated[
        Path | None,
        typer.Option(
            "--save-answers",
            metavar="FILE",
            help="Write the answers to FILE, to re-run or edit later.",
        ),
    ] = None,
) -> None:
    """Find your level, your readiness for the next, and the gaps.

    In a terminal it asks the questions (Ctrl-C keeps your answers: continue with
    --resume). In scripts, give the answers with --answers FILE.
    """
    from pmpath.answers import dump_answer_sheet, read_answer_sheet
    from pmpath.scoring import assess

    if answers is not None and (resume or evidence or ask_all):
        raise UsageError(
            "--resume, --all and --evidence shape the interactive questions; they do not apply with --answers"
        )
    chosen_format = output_format(json_output, format)
    if save_answers is not None:
        _check_answers_target(save_answers, answers)
    framework = state(ctx).framework()
    if answers is not None:
        sheet = read_answer_sheet(answers, framework)
    else:
        from pmpath.draft import RunOptions

        options = RunOptions(ask_all=ask_all, ask_evidence=evidence, save=save)
        sheet, options = _interview(framework, options, resume=resume)
        save = options.save
    result = assess(framework, sheet)
    notes = []
    if save_answers is not None:
        _write_answers(save_answers, dump_answer_sheet(sheet, framework))
        notes.append(f"Answers saved to {save_answers}; re-run with: pmpath assess --answers {save_answers}")
    if save if save is not None else answers is None:
        from pmpath import history

        record_id = history.save_assessment(result)
        notes.append(f"Saved to your history as #{record_id} ({history.database_path()}).")
    _print_assessment(result, chosen_format, state(ctx).data_dir)
    for note in notes:
        print(note, file=sys.stderr)
    if answers is None:  # only now is every answer safe elsewhere (history, the output)
        from pmpath.draft import discard_draft

        discard_draft()


def _check_answers_target(path: Path, source: str | None) -> None:
    """Refuse a --save-answers FILE that cannot work before asking anything."""
    if source not in (None, "-") and Path(source).resolve() == path.resolve():
        raise UsageError(
            f"--save-answers {path} is the answers file being read; pmpath never overwrites its input"
        )
    if path.is_dir():
        raise UsageError(f"--save-answers {path} is a directory; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the directory {path.parent} does not exist")


def _write_answers(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _print_assessment(result: Any, chosen: OutputFormat, data_dir: Path) -> None:
    if chosen is OutputFormat.json:
        write_json(render_json.assessment_document(result))
    elif chosen is OutputFormat.markdown:
        from pmpath.render.markdown import assessment_report

        sys.stdout.write(assessment_report(result))
    else:
        from pmpath.render import human

        human.print_renderables(human.assessment_view(result, _transition_for(result, data_dir)))


def _transition_for(result: Any, data_dir: Path) -> Any:
    """Advice on moving into product, for people below or at the first level."""
    background = result.sheet.profile.background
    if not background or (result.level is not None and result.level.rank > 1):
        return None
    from pmpath.transitions import load_transitions

    transitions = load_transitions(data_dir, result.framework)
    if transitions is None:
        return None
    return next((t for t in transitions.paths if t.background == background), None)


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _interview(framework: Framework, options: RunOptions, *, resume: bool) -> tuple[Any, RunOptions]:
    """Ask the questions, keeping a draft after every answer; returns the answers and the run's options."""
    if not is_interactive():
        raise NotInteractiveError(
            "pmpath assess asks its questions interactively, but its input or output is not a terminal.",
            hint="Give your answers in a file instead: pmpath assess --answers FILE (see `pmpath schema answers`).",
        )
    from pmpath import draft
    from pmpath.interview import run_interview
    from pmpath.model import AnswerSheet
    from pmpath.prompts import QuestionaryPrompter

    _check_home_writable()
    prompter = QuestionaryPrompter()
    found = _existing_draft(draft)
    sheet = AnswerSheet()
    try:
        if found is not None and (resume or _choose_to_resume(prompter, found, framework)):
            if not found.belongs_to(framework):
                raise UsageError(
                    f"the interrupted assessment is for the ladder {found.ladder_name!r} ({found.ladder_source})",
                    hint=f"Continue it with: {_resume_command(found.ladder_source)}",
                )
            sheet = draft.resumable_sheet(found, framework)
            options = _merge(found.options, options)
            kept = len(sheet.responses) + len(sheet.profile.as_dict())
            print(f"Resuming: {plural(kept, 'answer')} kept from the draft.", file=sys.stderr)
        elif found is not None:
            draft.discard_draft()  # the person chose to start over
        elif resume:
            print("No interrupted assessment to resume; starting a new one.", file=sys.stderr)
    except (KeyboardInterrupt, EOFError):
        print("\nInterrupted; the draft is untouched.", file=sys.stderr)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    kept = False

    def keep(current: AnswerSheet) -> None:
        nonlocal kept
        draft.save_draft(current, framework, options)
        kept = True

    try:
        sheet = run_interview(
            framework,
            prompter,
            sheet,
            ask_all=options.ask_all,
            ask_evidence=options.ask_evidence,
            on_change=keep,
        )
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a prompt
        if kept:
            message = (
                f"\nInterrupted. Your answers so far are kept in {draft.draft_path()}\n"
                f"Continue with: {_resume_command(framework.source)}"
            )
        else:
            message = "\nInterrupted before the first answer; nothing to keep."
        print(message, file=sys.stderr)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    print(file=sys.stderr)
    return sheet, options


def _check_home_writable() -> None:
    """Answers are kept in the pmpath home as they are given: find out now if that cannot work."""
    import os

    from pmpath.paths import home

    directory = home()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(
            f"cannot use {directory} to keep your answers: {error.strerror or error}",
            hint="Set PMPATH_HOME to a directory you can write to.",
        ) from None
    if not os.access(directory, os.W_OK):
        raise UsageError(
            f"cannot write to {directory} to keep your answers",
            hint="Set PMPATH_HOME to a directory you can write to.",
        )


def _existing_draft(draft: Any) -> Any:
    try:
        return draft.read_draft()
    except draft.UnreadableDraftError as error:
        print(f"Warning: cannot read the saved draft ({error}); it will be replaced.", file=sys.stderr)
        return None


def _choose_to_resume(prompter: Prompter, found: Draft, framework: Framework) -> bool:
    """Without --resume, a person with a draft decides: carry on, or start over and lose it."""
    answers = plural(found.answer_count, "answer")
    if found.belongs_to(framework):
        choice = prompter.choose(
            f"You have an unfinished assessment ({answers}). Continue it?",
            [("Continue where I stopped", "resume"), ("Start over (the unfinished answers are lost)", "new")],
        )
        return choice == "resume"
    choice = prompter.choose(
        f"You have an unfinished assessment for another ladder, {found.ladder_name!r} ({answers}).",
        [("Quit, to continue it later", "quit"), ("Start a new one here (those answers are lost)", "new")],
    )
    if choice == "quit":
        print(f"Continue it with: {_resume_command(found.ladder_source)}", file=sys.stderr)
        raise typer.Exit(ExitCode.OK)
    return False


def _merge(saved: RunOptions, given: RunOptions) -> RunOptions:
    """The options a resumed run goes on with: the original run's, plus any switched on now."""
    from dataclasses import replace

    return replace(
        saved,
        ask_all=saved.ask_all or given.ask_all,
        ask_evidence=saved.ask_evidence or given.ask_evidence,
        save=given.save if given.save is not None else saved.save,
    )


def _resume_command(ladder_source: str) -> str:
    from pmpath.framework import shipped_data_dir

    shipped = Path(ladder_source).resolve() == shipped_data_dir().resolve()
    return "pmpath assess --resume" if shipped else f"pmpath --data {ladder_source} assess --resume"

"""One interactive assessment, end to end: the draft, the lock, resuming, and the interview.

`run()` holds the draft for the whole run (a second run is refused with the PID),
offers to continue an unfinished assessment, asks the questions with a draft kept
after every answer, and on Ctrl-C (or SIGTERM) leaves the draft with the command that
continues it. The caller scores the answers, prints the result, saves it, and only
then calls `Session.finish()`, which removes the draft.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from pmpath.errors import DraftError, ExitCode, PmpathError, UsageError
from pmpath.interview import InterviewOptions, Progress, Prompter, run_interview
from pmpath.model import AnswerSheet, Framework
from pmpath.wording import plural

RESUMABLE = (
    "ask_all",
    "ask_evidence",
    "start",
    "about",
    "save",
    "save_answers",
    "output",
    "format",
    "force",
    "update_from",
)
"""The options a resumed run goes on with (kept in the draft)."""


class Interrupted(PmpathError):
    """Ctrl-C or SIGTERM during the interview: the draft keeps what was answered."""

    exit_code = ExitCode.INTERRUPTED
    prefix = "\n"


class Outcome(NamedTuple):
    sheet: AnswerSheet
    options: Mapping[str, Any]
    """The run's options: those given now, with those of the run it resumed."""


def resume_command(ladder_source: str) -> str:
    """The command that continues an interrupted run of a ladder, quoted for the shell."""
    from pmpath.escaping import shell_quoted
    from pmpath.framework import shipped_data_dir

    shipped = Path(ladder_source).resolve() == shipped_data_dir().resolve()
    return (
        "pmpath assess --resume"
        if shipped
        else f"pmpath --data {shell_quoted(ladder_source)} assess --resume"
    )


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM at a prompt ends the run like Ctrl-C: terminal restored, draft kept, resume hint printed."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, OSError):  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Session:
    """The draft of this run, held from `start()` to `finish()`."""

    def __init__(self, framework: Framework, prompter: Prompter) -> None:
        self.framework = framework
        self.prompter = prompter
        self.path: Path | None = None
        self._release: Any = None

    def __enter__(self) -> Session:
        from pmpath.storage import draft

        holder = draft.holding_draft()
        self.path = holder.__enter__()
        self._release = holder
        return self

    def __exit__(self, *exc: object) -> None:
        if self._release is not None:
            self._release.__exit__(*exc)

    def resume_or_start(
        self, given: Mapping[str, Any], *, resume: bool
    ) -> tuple[AnswerSheet, dict[str, Any], Mapping[str, Any]]:
        """The sheet to go on from (a draft's, or empty), the merged options, and the draft's progress."""
        from pmpath.storage import draft

        try:
            found = draft.read_draft(self.framework)
        except DraftError as error:  # damaged: moved aside and reported; start afresh
            from pmpath.cli import report_error

            report_error(error)
            found = None
        options = dict(given)
        try:
            if isinstance(found, draft.ForeignDraft):
                if resume or not self._start_here_instead(found):
                    raise UsageError(
                        f"the unfinished assessment is for the ladder {found.ladder_name!r}",
                        hint=f"Continue it with: {resume_command(found.ladder_source)}",
                    )
            elif found is not None and (resume or self._choose_to_resume(found)):
                merged = {key: found.options.get(key) for key in RESUMABLE}
                merged.update({k: v for k, v in given.items() if v not in (None, False)})
                print(
                    f"Resuming: {plural(len(found.sheet.responses), 'answer')} and your profile kept from the draft.",
                    file=sys.stderr,
                )
                return found.sheet, merged, found.progress
            elif resume:
                print("No interrupted assessment to resume; starting a new one.", file=sys.stderr)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted("Interrupted; the draft is untouched.") from None
        return AnswerSheet(), options, {}

    def _choose_to_resume(self, found: Any) -> bool:
        """Without --resume, a person with a draft decides: carry on, or start over and lose it."""
        from pmpath.storage import draft

        choice = self.prompter.choose(
            f"You have an unfinished assessment ({plural(found.answer_count, 'answer')}). Continue it?",
            [("Continue where I stopped", "resume"), ("Start over (the unfinished answers are lost)", "new")],
        )
        if choice == "new":
            draft.discard_draft()
        return choice == "resume"

    def _start_here_instead(self, found: Any) -> bool:
        choice = self.prompter.choose(
            f"You have an unfinished assessment for another ladder, {found.ladder_name!r} "
            f"({plural(found.answer_count, 'answer')}).",
            [
                ("Quit, to continue it later", "quit"),
                ("Start a new one here (those answers are lost)", "new"),
            ],
        )
        if choice == "quit":
            return False
        from pmpath.storage import draft

        draft.discard_draft()
        return True

    def interview(
        self,
        sheet: AnswerSheet,
        options: Mapping[str, Any],
        progress: Mapping[str, Any],
        defaults: AnswerSheet | None,
    ) -> Outcome:
        """Ask what is left, keeping the draft after every answer."""
        from pmpath.storage import draft

        assert self.path is not None
        path = self.path
        kept = bool(sheet.responses) or bool(progress.get("profile_asked"))
        state = Progress(
            tuple(progress.get("profile_asked") or ()), tuple(progress.get("evidence_asked") or ())
        )

        def keep(current: AnswerSheet, now: Progress) -> None:
            nonlocal kept
            draft.save_draft(path, current, self.framework, options, now._asdict())
            kept = True

        interview_options = InterviewOptions(
            ask_all=bool(options.get("ask_all")),
            ask_evidence=bool(options.get("ask_evidence")),
            start=options.get("start"),
            about=options.get("about"),
        )
        try:
            with _sigterm_as_interrupt():
                sheet = run_interview(
                    self.framework,
                    self.prompter,
                    sheet,
                    options=interview_options,
                    progress=state,
                    defaults=defaults,
                    on_change=keep,
                )
        except (KeyboardInterrupt, EOFError):  # Ctrl-C, SIGTERM, or Ctrl-D at a prompt
            if kept:
                from pmpath.storage.home import shown_path

                raise Interrupted(
                    f"Interrupted. Your answers so far are kept in {shown_path(path)}",
                    hint=f"Continue with: {resume_command(self.framework.source)}",
                ) from None
            raise Interrupted("Interrupted before the first answer; nothing to keep.") from None
        print(file=sys.stderr)
        return Outcome(sheet, options)

    def finish(self) -> None:
        """Everything is safe elsewhere (output, history): the draft can go."""
        from pmpath.storage import draft

        draft.discard_draft()

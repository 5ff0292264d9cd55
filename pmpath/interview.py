"""The interactive assessment as a flow of questions, independent of how they are asked.

The flow talks to a `Prompter` (questionary in real life, a script in tests) and
reports every answer through `on_change`, so the caller can keep a draft on disk
and a Ctrl-C at any prompt loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, Protocol

from pmpath.model import (
    BACKGROUNDS,
    COMPANY_TYPES,
    Answer,
    AnswerSheet,
    Framework,
    Level,
    Milestone,
    Profile,
    Response,
)
from pmpath.scoring import score_levels

ANSWER_CHOICES = [
    (Answer.YES.label, Answer.YES.value),
    (Answer.PARTIAL.label, Answer.PARTIAL.value),
    (Answer.NO.label, Answer.NO.value),
]
MAX_YEARS = 60


class Prompter(Protocol):
    """What the flow needs from a user interface: two kinds of question and a way to say something."""

    def choose(self, message: str, choices: list[tuple[str, str]], *, hint: str = "") -> str:
        """Ask for one of `choices` (label, value) and return the chosen value."""

    def text(
        self, message: str, *, hint: str = "", validate: Callable[[str], str | None] | None = None
    ) -> str:
        """Ask for a line of text; `validate` returns an error message or None."""

    def say(self, message: str) -> None:
        """Show a line between questions (where the person is in the ladder)."""


def _years_error(value: str) -> str | None:
    try:
        years = float(value.strip())
    except ValueError:
        return "Type a number of years, e.g. 3 or 1.5"
    return None if 0 <= years <= MAX_YEARS else f"Type a number from 0 to {MAX_YEARS}"


PROFILE_ORDER = ("years", "title", "background", "company")


def ask_profile(
    prompter: Prompter, profile: Profile, on_change: Callable[[Profile], None] = lambda profile: None
) -> Profile:
    """Ask the profile questions after the last one already answered, reporting each answer.

    A draft interrupted after two profile answers resumes at the third.
    """
    answered = [name for name in PROFILE_ORDER if getattr(profile, name) is not None]
    start = PROFILE_ORDER.index(answered[-1]) + 1 if answered else 0
    for name in PROFILE_ORDER[start:]:
        profile = replace(profile, **{name: _PROFILE_QUESTIONS[name](prompter)})
        on_change(profile)
    return profile


def _ask_years(prompter: Prompter) -> float:
    years = float(
        prompter.text(
            "How many years have you worked in product?",
            hint="0 if you are new to product",
            validate=_years_error,
        )
    )
    return int(years) if years.is_integer() else years


def _ask_title(prompter: Prompter) -> str | None:
    return prompter.text("What is your current job title?", hint="optional, Enter to skip").strip() or None


def _ask_background(prompter: Prompter) -> str:
    labels = {"product": "Product: I started my career in product", "other": "Something else"}
    return prompter.choose(
        "What is your professional background?",
        [(labels.get(b, b.capitalize()), b) for b in BACKGROUNDS],
    )


def _ask_company(prompter: Prompter) -> str:
    return prompter.choose(
        "What kind of company do you work at?", [(c.capitalize(), c) for c in COMPANY_TYPES]
    )


_PROFILE_QUESTIONS: dict[str, Callable[[Prompter], Any]] = {
    "years": _ask_years,
    "title": _ask_title,
    "background": _ask_background,
    "company": _ask_company,
}


def pending_questions(
    framework: Framework, sheet: AnswerSheet, ask_all: bool
) -> Iterator[tuple[Level, int, Milestone]]:
    """The questions still to ask, level by level, lowest first.

    Unless `ask_all`, it stops after the first level that is not met: answers
    above it cannot change the placement. `sheet` is read again at each step, so
    the caller must pass the same (updated) sheet object through `answers`.
    """
    for rank, level in enumerate(framework.levels):
        for number, milestone in enumerate(level.milestones, start=1):
            if milestone.id not in sheet.responses:
                yield level, number, milestone
        if not ask_all and not score_levels(framework, sheet)[rank].met:
            return


def run_interview(
    framework: Framework,
    prompter: Prompter,
    sheet: AnswerSheet,
    *,
    ask_all: bool = False,
    ask_evidence: bool = False,
    on_change: Callable[[AnswerSheet], None] = lambda sheet: None,
) -> AnswerSheet:
    """Ask what is still unanswered in `sheet` and return the completed sheet."""
    if sheet.profile.company is None:  # the last profile question: the profile is unfinished
        responses = sheet.responses
        profile = ask_profile(prompter, sheet.profile, lambda p: on_change(AnswerSheet(p, responses)))
        sheet = replace(sheet, profile=profile)
    responses = dict(sheet.responses)
    current = AnswerSheet(sheet.profile, responses)
    shown_level = None
    for level, number, milestone in pending_questions(framework, current, ask_all):
        if level is not shown_level:
            prompter.say(f"\n{level.title}: level {level.rank} of {len(framework.levels)}")
            shown_level = level
        required = ", required" if milestone.required else ""
        prompter.say(f"\n[{level.title}, question {number} of {len(level.milestones)}{required}]")
        answer = prompter.choose(
            milestone.question,
            ANSWER_CHOICES,
            hint=f"Evidence: {milestone.evidence}" if milestone.evidence else "",
        )
        responses[milestone.id] = Response(Answer(answer))
        on_change(current)  # kept before the follow-up question: Ctrl-C there loses nothing
        if ask_evidence and answer == Answer.YES.value:
            note = prompter.text("One-line example (a link, a metric, a doc):", hint="Enter to skip").strip()
            if note:
                responses[milestone.id] = Response(Answer(answer), note)
                on_change(current)
    return current

"""The adaptive interview, driven through the Prompter interface and through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import ladder, shipped

from pmpath.interview import InterviewOptions, Progress, entry_level, run_interview, tenure_years
from pmpath.model import Answer, AnswerSheet, Context, Framework, Profile, Response
from pmpath.scoring import assess

LADDER = shipped()


class Script:
    """A Prompter that answers from a function of the question, and records what was asked."""

    def __init__(self, profile: dict[str, str], answer: Callable[[str, list[tuple[str, str]]], str]) -> None:
        self.profile = profile
        self.answer = answer
        self.asked: list[str] = []
        self.said: list[str] = []
        self.choices: dict[str, list[str]] = {}
        self.defaults: list[str | None] = []

    def choose(
        self, message: str, choices: list[tuple[str, str]], *, hint: str = "", default: str | None = None
    ) -> str:
        for key, value in self.profile.items():
            if key in message:
                return value
        self.asked.append(message)
        self.choices[message] = [value for _, value in choices]
        self.defaults.append(default)
        return self.answer(message, choices)

    def text(self, message: str, *, hint: str = "", default: str = "", validate: Any = None) -> str:
        for key, value in self.profile.items():
            if key in message:
                return value
        return ""

    def say(self, message: str) -> None:
        self.said.append(message)


PROFILE = {
    "How many years": "4",
    "job title": "",
    "background": "product",
    "kind of company": "scale-up",
    "Who uses": "b2b",
    "How many product managers": "medium",
}


def by_level(framework: Framework, answers: dict[str, str], default: str = "no") -> Callable[[str, Any], str]:
    """Answer each question by the level it belongs to."""
    level_of = {m.question: m.level for m in framework.milestones()}
    return lambda question, choices: answers.get(level_of[question], default)


def test_the_interview_starts_at_the_level_the_title_names() -> None:
    assert entry_level(LADDER, Profile(title="Sr PM, Payments"))[0].id == "senior-pm"
    assert entry_level(LADDER, Profile(title="Staff Product Manager"))[0].id == "principal-pm"
    assert entry_level(LADDER, Profile(title="Head of Product"))[0].id == "group-pm"
    assert entry_level(LADDER, Profile(title="Chief Product Officer"))[0].id == "cpo"


def test_without_a_known_title_the_years_and_typical_tenures_decide() -> None:
    assert entry_level(LADDER, Profile(title="Wizard"))[0].id == "apm"
    assert entry_level(LADDER, Profile(years=0))[0].id == "apm"
    assert entry_level(LADDER, Profile(years=3))[0].id == "pm"
    assert entry_level(LADDER, Profile(years=6, contexts={"company": "corporate"}))[0].id == "senior-pm"
    assert entry_level(LADDER, Profile(years=30))[0].id == "cpo"  # the longest chain, all the way up
    assert entry_level(LADDER, Profile(years=30), start="pm")[0].id == "pm"  # --start wins


def test_tenures_are_read_as_the_middle_of_their_range() -> None:
    assert tenure_years("1-2 years") == 1.5
    assert tenure_years("12-18 months") == 1.25
    assert tenure_years("about a while") is None


def test_a_met_entry_level_goes_up_and_the_levels_below_are_not_asked() -> None:
    script = Script({**PROFILE, "job title": "Senior PM"}, by_level(LADDER, {"senior-pm": "yes"}))
    sheet = run_interview(LADDER, script, AnswerSheet())
    asked_levels = {m.level for m in LADDER.milestones() if m.question in script.asked}
    assert asked_levels == {"senior-pm", "principal-pm", "group-pm"}  # up into both branches, never down
    result = assess(LADDER, sheet)
    assert result.level is not None and result.level.id == "senior-pm"
    assert {s.level.id: (s.asked, s.met) for s in result.scores}["apm"] == (False, True)


def test_an_entry_level_that_is_not_met_steps_down_then_up_the_other_branch() -> None:
    answers = {"apm": "yes", "pm": "yes", "senior-pm": "yes", "principal-pm": "yes", "group-pm": "no"}
    script = Script({**PROFILE, "job title": "Group PM"}, by_level(LADDER, answers))
    result = assess(LADDER, run_interview(LADDER, script, AnswerSheet()))
    order = list(dict.fromkeys(m.level for q in script.asked for m in LADDER.milestones() if m.question == q))
    assert order == ["group-pm", "senior-pm", "principal-pm"]
    assert result.level is not None and result.level.id == "principal-pm"


def test_a_cpo_who_answers_yes_throughout_is_asked_their_own_level_only() -> None:
    script = Script({**PROFILE, "job title": "CPO"}, lambda question, choices: "yes")
    result = assess(LADDER, run_interview(LADDER, script, AnswerSheet()))
    assert result.level is not None and result.level.id == "cpo"
    assert len(script.asked) == len(LADDER.level("cpo").milestones) <= 20


def test_an_inflated_title_answered_as_a_pm_lands_at_pm() -> None:
    profile = {
        **PROFILE,
        "job title": "Head of Product",
        "kind of company": "startup",
        "How many product managers": "solo",
    }
    script = Script(profile, by_level(LADDER, {"apm": "yes", "pm": "yes"}))
    result = assess(LADDER, run_interview(LADDER, script, AnswerSheet()))
    assert result.level is not None and result.level.id == "pm"


def test_milestones_excluded_by_context_are_not_asked() -> None:
    excluded = [m for m in LADDER.milestones() if m.context_exclusion({"market": "consumer"}) is not None]
    assert excluded, "the shipped ladder has milestones consumer PMs are not asked"
    script = Script({**PROFILE, "Who uses": "consumer"}, lambda question, choices: "yes")
    run_interview(LADDER, script, AnswerSheet(), options=InterviewOptions(ask_all=True))
    assert not {m.question for m in excluded} & set(script.asked)
    assert len(script.asked) == sum(
        1 for m in LADDER.milestones() if m.context_exclusion({"market": "consumer"}) is None
    )


def test_doesnt_apply_is_offered_for_those_milestones_only() -> None:
    script = Script(PROFILE, lambda question, choices: "no")
    run_interview(LADDER, script, AnswerSheet(), options=InterviewOptions(ask_all=True))
    for milestone in LADDER.milestones():
        if milestone.question in script.choices:
            assert ("na" in script.choices[milestone.question]) is milestone.may_not_apply, milestone.id


def test_a_resumed_interview_asks_only_what_is_left() -> None:
    apm = LADDER.level("apm")
    done = {m.id: Response(Answer.YES) for m in apm.milestones[:3]}
    script = Script(PROFILE, lambda question, choices: "no")
    profile = Profile(
        years=1,
        title=None,
        background="product",
        contexts={"company": "startup", "market": "b2b", "product-org": "small"},
    )
    progress = Progress(profile_asked=("years", "title", "background", "company", "market", "product-org"))
    run_interview(LADDER, script, AnswerSheet(profile, done), progress=progress)
    asked = [m.id for m in apm.milestones if m.question in script.asked]
    assert asked == [m.id for m in apm.milestones[3:]]


def test_the_evidence_note_is_asked_again_after_an_interrupt_at_it() -> None:
    framework = ladder(
        [("a", None, [(1, True), (1, False), (1, False)]), ("b", "a", [(1, True)])],
        contexts=(Context("company", "What kind of company?", (("x", "X"), ("y", "Y"))),),
    )
    notes: list[str] = []

    class Interrupting(Script):
        def text(self, message: str, **kwargs: Any) -> str:
            if "example" in message:
                notes.append(message)
                if len(notes) == 1:
                    raise KeyboardInterrupt
                return "see the launch doc"
            return super().text(message, **kwargs)

    saved: list[tuple[AnswerSheet, Progress]] = []
    profile = {"How many years": "1", "job title": "", "background": "product", "kind of company": "x"}
    options = InterviewOptions(ask_evidence=True)
    with pytest.raises(KeyboardInterrupt):
        run_interview(
            framework,
            Interrupting(profile, lambda q, c: "yes"),
            AnswerSheet(),
            options=options,
            on_change=lambda sheet, progress: saved.append(
                (AnswerSheet(sheet.profile, dict(sheet.responses)), progress)
            ),
        )
    sheet, progress = saved[-1]
    assert sheet.answer("a-m1") is Answer.YES and "a-m1" not in progress.evidence_asked
    again = run_interview(
        framework, Interrupting(profile, lambda q, c: "yes"), sheet, options=options, progress=progress
    )
    assert again.note("a-m1") == "see the launch doc"


def test_about_someone_phrases_every_question_about_them() -> None:
    script = Script(PROFILE, lambda question, choices: "no")
    run_interview(LADDER, script, AnswerSheet(), options=InterviewOptions(about="Alice", ask_all=True))
    assert script.asked and all(
        "Alice" in question and " you" not in f" {question}" for question in script.asked
    )


def test_back_undoes_the_previous_answer_and_offers_it_again_as_the_default() -> None:
    framework = ladder([("a", None, [(1, False), (1, False), (1, False)])])
    plays = iter(["yes", "back", "partial", "no", "yes"])
    script = Script({"How many years": "1", "job title": "", "background": "product", "kind of company": "startup"},
                    lambda question, choices: next(plays))  # fmt: skip
    saved: list[AnswerSheet] = []
    sheet = run_interview(
        framework, script, AnswerSheet(), on_change=lambda sheet, progress: saved.append(sheet._replace())
    )
    first, second = (m.question for m in framework.level("a").milestones[:2])
    assert script.asked == [first, second, first, second, framework.level("a").milestones[2].question]
    assert script.defaults[2] == "yes"  # the undone answer is highlighted when asked again
    assert [sheet.answer(f"a-m{i}") for i in (1, 2, 3)] == [Answer.PARTIAL, Answer.NO, Answer.YES]


def test_back_is_not_offered_before_the_first_answer() -> None:
    framework = ladder([("a", None, [(1, False), (1, False)])])
    offered: list[bool] = []

    def answer(question: str, choices: list[tuple[str, str]]) -> str:
        offered.append(any(value == "back" for _, value in choices))
        return "yes"

    run_interview(framework, Script({"How many years": "1", "job title": "", "background": "product",
                                     "kind of company": "startup"}, answer), AnswerSheet())  # fmt: skip
    assert offered == [False, True]


def test_stepping_down_after_both_branches_says_so() -> None:
    # Senior PM falls short on its optional milestones only, so both branches above it are
    # asked; both fail, and the interview steps down to Product Manager.
    milestone = {m.question: m for m in LADDER.milestones()}

    def answer(question: str, choices: object) -> str:
        asked = milestone[question]
        if asked.level == "senior-pm":
            return "yes" if asked.required else "no"
        return "yes" if asked.level in ("apm", "pm") else "no"

    script = Script({**PROFILE, "job title": "Senior PM"}, answer)
    run_interview(LADDER, script, AnswerSheet())
    moves = [line.strip() for line in script.said if "next, " in line.lower()]
    assert (
        moves[-1]
        == "The levels asked so far are not met on these answers: next, Product Manager, 2 levels down."
    )
    assert "Next, Group Product Manager, the other level that follows Senior Product Manager." in moves


def test_after_stepping_down_it_climbs_through_asked_levels_into_the_branch_not_asked() -> None:
    # a -> b -> (c, d): entered at c, which fails; b falls short on its optional milestones
    # only, so from a (met) the climb goes through b to d, the branch nobody asked yet.
    framework = ladder(
        [
            ("a", None, [(1, True)]),
            ("b", "a", [(1, True), (3, False)]),
            ("c", "b", [(1, True)]),
            ("d", "b", [(1, True)]),
        ]
    )
    answers = {"a-m1": "yes", "b-m1": "yes", "b-m2": "no", "c-m1": "no", "d-m1": "yes"}
    level_of = {m.question: m.id for m in framework.milestones()}
    script = Script({"How many years": "1", "job title": "", "background": "product", "kind of company": "startup"},
                    lambda question, choices: answers[level_of[question]])  # fmt: skip
    run_interview(framework, script, AnswerSheet(), options=InterviewOptions(start="c"))
    order = list(dict.fromkeys(level_of[q].split("-")[0] for q in script.asked))
    assert order == ["c", "b", "a", "d"]


def test_back_on_the_first_question_of_a_level_reopens_the_last_answer_of_the_level_before() -> None:
    framework = ladder([("a", None, [(1, False), (1, False)]), ("b", "a", [(1, True)])])
    plays = iter(["yes", "partial", "back", "yes", "yes"])  # a-m1, a-m2, Back at b-m1, a-m2 again, b-m1
    script = Script({"How many years": "1", "job title": "", "background": "product", "kind of company": "startup"},
                    lambda question, choices: next(plays))  # fmt: skip
    sheet = run_interview(framework, script, AnswerSheet(), options=InterviewOptions(start="a"))
    questions = {m.question: m.id for m in framework.milestones()}
    assert [questions[q] for q in script.asked] == ["a-m1", "a-m2", "b-m1", "a-m2", "b-m1"]
    assert script.defaults[3] == "partial"  # the answer being changed is highlighted
    assert [sheet.answer(m) for m in ("a-m1", "a-m2", "b-m1")] == [Answer.YES, Answer.YES, Answer.YES]

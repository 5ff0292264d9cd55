"""The interactive assessment through the real questionary prompts, fed by prompt_toolkit's pipe input."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from personas import DATA, shipped
from prompt_toolkit.input import PipeInput
from prompt_toolkit.input.defaults import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pmpath import draft
from pmpath.framework import load_framework
from pmpath.interview import ANSWER_CHOICES, run_interview
from pmpath.model import Answer, AnswerSheet, Profile, Response
from pmpath.prompts import QuestionaryPrompter

LADDER = shipped()
APM = LADDER.levels[0]
PM = LADDER.levels[1]
PROFILE_KEYS = "4\rSenior PM\r1\r2\r"  # years, title, background 1 (engineering), company 2 (scale-up)
YES, PARTLY, NOT_YET = "1\r", "2\r", "3\r"


class RecordingPrompter(QuestionaryPrompter):
    """The real prompter, remembering which questions it put."""

    def __init__(self, pipe: PipeInput) -> None:
        super().__init__(input=pipe, output=DummyOutput())
        self.questions: list[str] = []
        self.texts: list[str] = []

    def choose(self, message: str, choices: list[tuple[str, str]], *, hint: str = "") -> str:
        if choices == ANSWER_CHOICES:  # a milestone, not a profile question
            self.questions.append(message)
        return super().choose(message, choices, hint=hint)

    def text(
        self, message: str, *, hint: str = "", validate: Callable[[str], str | None] | None = None
    ) -> str:
        self.texts.append(message)
        return super().text(message, hint=hint, validate=validate)


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe_input:
        yield pipe_input


class Run:
    """One interview: the prompter, every sheet passed to on_change (copied), and the result."""

    def __init__(self, pipe: PipeInput, keys: str, sheet: AnswerSheet | None = None, **options: bool) -> None:
        self.prompter = RecordingPrompter(pipe)
        self.snapshots: list[AnswerSheet] = []
        pipe.send_text(keys)
        self.sheet = run_interview(
            LADDER, self.prompter, sheet or AnswerSheet(), on_change=self.keep, **options
        )

    def keep(self, sheet: AnswerSheet) -> None:
        self.snapshots.append(AnswerSheet(sheet.profile, dict(sheet.responses)))


def answers_of(sheet: AnswerSheet) -> dict[str, Answer]:
    return {key: response.answer for key, response in sheet.responses.items()}


def test_profile_questions(pipe: PipeInput) -> None:
    run = Run(pipe, PROFILE_KEYS + NOT_YET * len(APM.milestones))
    assert run.sheet.profile == Profile(
        years=4, title="Senior PM", background="engineering", company="scale-up"
    )
    # Each profile answer is reported as it is given, so Ctrl-C loses none of them.
    assert [s.profile for s in run.snapshots[:4]] == [
        Profile(years=4),
        Profile(years=4, title="Senior PM"),
        Profile(years=4, title="Senior PM", background="engineering"),
        run.sheet.profile,
    ]
    assert all(s.responses == {} for s in run.snapshots[:4])


def test_profile_with_fractional_years_and_no_title(pipe: PipeInput) -> None:
    run = Run(pipe, "1.5\r\r5\r3\r" + NOT_YET * len(APM.milestones))
    assert run.sheet.profile == Profile(years=1.5, title=None, background="other", company="corporate")


def test_invalid_years_are_asked_again(pipe: PipeInput) -> None:
    # "abc" is refused; three backspaces clear it, then 2 is accepted.
    run = Run(pipe, "abc\r\x7f\x7f\x7f2\r\r1\r1\r" + NOT_YET * len(APM.milestones))
    assert run.sheet.profile.years == 2
    assert run.prompter.texts[0] == "How many years have you worked in product?"


def test_stops_after_the_first_level_not_met(pipe: PipeInput) -> None:
    run = Run(pipe, PROFILE_KEYS + NOT_YET * len(APM.milestones))
    assert run.prompter.questions == [m.question for m in APM.milestones]
    assert answers_of(run.sheet) == {m.id: Answer.NO for m in APM.milestones}
    assert any("Associate Product Manager: level 1 of 7" in line for line in run.prompter.said)
    assert not any("Product Manager: level 2 of 7" in line for line in run.prompter.said)


def test_continues_while_levels_are_met(pipe: PipeInput) -> None:
    run = Run(pipe, PROFILE_KEYS + YES * len(APM.milestones) + NOT_YET * len(PM.milestones))
    assert run.prompter.questions == [m.question for m in (*APM.milestones, *PM.milestones)]
    assert answers_of(run.sheet) == {
        **{m.id: Answer.YES for m in APM.milestones},
        **{m.id: Answer.NO for m in PM.milestones},
    }


def test_ask_all_asks_every_question(pipe: PipeInput) -> None:
    everything = LADDER.milestones()
    run = Run(pipe, PROFILE_KEYS + NOT_YET * len(everything), ask_all=True)
    assert run.prompter.questions == [m.question for m in everything]
    assert answers_of(run.sheet) == {m.id: Answer.NO for m in everything}


def test_shortcuts_and_arrows_choose_answers(pipe: PipeInput) -> None:
    down = "\x1b[B"
    keys = PROFILE_KEYS + YES + PARTLY + NOT_YET + down + "\r" + down + down + "\r" + "\r"
    keys += NOT_YET * (len(APM.milestones) - 6)
    run = Run(pipe, keys)
    ids = [m.id for m in APM.milestones]
    assert [run.sheet.responses[i].answer for i in ids[:6]] == [
        Answer.YES, Answer.PARTIAL, Answer.NO, Answer.PARTIAL, Answer.NO, Answer.YES,
    ]  # fmt: skip


def test_on_change_after_every_answer_with_the_growing_sheet(pipe: PipeInput) -> None:
    run = Run(pipe, PROFILE_KEYS + YES + PARTLY + NOT_YET * (len(APM.milestones) - 2))
    answers = run.snapshots[4:]  # after the four profile answers
    assert [len(s.responses) for s in run.snapshots] == [0] * 4 + list(range(1, len(APM.milestones) + 1))
    first, second = APM.milestones[0].id, APM.milestones[1].id
    assert answers[0].responses == {first: Response(Answer.YES)}
    assert answers[1].responses == {first: Response(Answer.YES), second: Response(Answer.PARTIAL)}
    assert all(s.profile == run.sheet.profile for s in answers)


def test_evidence_is_asked_after_yes_only(pipe: PipeInput) -> None:
    keys = PROFILE_KEYS + YES + "Shipped 3 tickets: see JIRA-1\r" + PARTLY + YES + "\r"
    keys += NOT_YET * (len(APM.milestones) - 3)
    run = Run(pipe, keys, ask_evidence=True)
    ids = [m.id for m in APM.milestones]
    assert run.sheet.responses[ids[0]] == Response(Answer.YES, "Shipped 3 tickets: see JIRA-1")
    assert run.sheet.responses[ids[1]] == Response(Answer.PARTIAL, None)
    assert run.sheet.responses[ids[2]] == Response(Answer.YES, None)  # Enter skips the example
    evidence_prompts = [t for t in run.prompter.texts if t.startswith("One-line example")]
    assert len(evidence_prompts) == 2


def test_no_evidence_prompt_by_default(pipe: PipeInput) -> None:
    run = Run(pipe, PROFILE_KEYS + YES * len(APM.milestones) + NOT_YET * len(PM.milestones))
    assert not any(t.startswith("One-line example") for t in run.prompter.texts)


def test_ctrl_c_raises_and_keeps_the_answers_so_far(pipe: PipeInput) -> None:
    snapshots: list[AnswerSheet] = []
    prompter = RecordingPrompter(pipe)
    pipe.send_text(PROFILE_KEYS + YES + PARTLY + NOT_YET + "\x03")
    with pytest.raises(KeyboardInterrupt):
        run_interview(
            LADDER,
            prompter,
            AnswerSheet(),
            on_change=lambda s: snapshots.append(AnswerSheet(s.profile, dict(s.responses))),
        )
    ids = [m.id for m in APM.milestones]
    assert answers_of(snapshots[-1]) == {ids[0]: Answer.YES, ids[1]: Answer.PARTIAL, ids[2]: Answer.NO}
    assert len(prompter.questions) == 4  # the fourth was interrupted


def test_ctrl_c_during_the_profile_keeps_the_profile_answers(pipe: PipeInput) -> None:
    snapshots: list[AnswerSheet] = []
    pipe.send_text("4\r\x03")
    with pytest.raises(KeyboardInterrupt):
        run_interview(LADDER, RecordingPrompter(pipe), AnswerSheet(), on_change=snapshots.append)
    assert snapshots == [AnswerSheet(Profile(years=4))]


def test_resume_in_the_profile_asks_the_rest_of_it(pipe: PipeInput) -> None:
    run = Run(pipe, "Designer\r2\r3\r" + NOT_YET * len(APM.milestones), sheet=AnswerSheet(Profile(years=2)))
    assert run.prompter.texts == ["What is your current job title?"]  # years is not asked again
    assert run.sheet.profile == Profile(years=2, title="Designer", background="design", company="corporate")


def test_yes_is_kept_before_its_evidence_note_is_asked(pipe: PipeInput) -> None:
    snapshots: list[AnswerSheet] = []
    pipe.send_text(PROFILE_KEYS + YES + "\x03")  # Ctrl-C at the evidence prompt
    with pytest.raises(KeyboardInterrupt):
        run_interview(
            LADDER,
            RecordingPrompter(pipe),
            AnswerSheet(),
            ask_evidence=True,
            on_change=lambda s: snapshots.append(AnswerSheet(s.profile, dict(s.responses))),
        )
    assert snapshots[-1].responses == {APM.milestones[0].id: Response(Answer.YES)}


def test_resume_starts_at_the_first_unanswered_question(pipe: PipeInput) -> None:
    ids = [m.id for m in APM.milestones]
    started = AnswerSheet(
        Profile(years=2, background="design", company="startup"),
        {ids[0]: Response(Answer.YES), ids[1]: Response(Answer.YES, "notes")},
    )
    run = Run(pipe, NOT_YET * (len(ids) - 2), sheet=started)
    assert run.prompter.texts == []  # the profile is not asked again
    assert run.prompter.questions == [m.question for m in APM.milestones[2:]]
    assert run.sheet.responses[ids[1]] == Response(Answer.YES, "notes")
    assert run.sheet.profile == started.profile


def test_resume_with_every_answer_given_asks_nothing(pipe: PipeInput) -> None:
    done = AnswerSheet(
        Profile(years=1, company="corporate"), {m.id: Response(Answer.NO) for m in APM.milestones}
    )
    run = Run(pipe, "", sheet=done)
    assert run.prompter.questions == []
    assert run.sheet.responses == done.responses


def test_question_hint_shows_the_evidence(pipe: PipeInput) -> None:
    run = Run(pipe, PROFILE_KEYS + NOT_YET * len(APM.milestones))
    first = APM.milestones[0]
    assert f"  Evidence: {first.evidence}" in run.prompter.said
    assert any(f"question 1 of {len(APM.milestones)}, required" in line for line in run.prompter.said)


# --------------------------------------------------------------------------- the draft


def sample_sheet() -> AnswerSheet:
    return AnswerSheet(
        Profile(years=3.5, title='PM "two": ü', background="marketing", company="startup"),
        {
            "apm-ships-scoped-tasks": Response(Answer.YES, "see: go/link"),
            "apm-customer-interviews": Response(Answer.PARTIAL),
            "apm-data-basics": Response(Answer.NO),
        },
    )


OPTIONS = draft.RunOptions(ask_evidence=True, save=False)


def test_draft_round_trip() -> None:
    assert draft.read_draft() is None
    path = draft.save_draft(sample_sheet(), LADDER, OPTIONS)
    assert path == draft.draft_path()
    assert path.exists()
    found = draft.read_draft()
    assert found is not None
    assert found.sheet == sample_sheet()
    assert found.options == OPTIONS  # --resume goes on with the options the run started with
    assert found.belongs_to(LADDER)
    assert found.answer_count == 3 + 4  # three answers and four profile answers
    draft.discard_draft()
    assert not path.exists()
    assert draft.read_draft() is None
    draft.discard_draft()  # discarding twice is fine


def test_draft_is_private(isolated_home: object) -> None:
    path = draft.save_draft(sample_sheet(), LADDER, OPTIONS)
    assert path.stat().st_mode & 0o077 == 0  # a person's self-assessment: readable by them alone


def test_draft_lives_in_pmpath_home(isolated_home: object) -> None:
    assert str(draft.draft_path()).startswith(str(isolated_home))


def test_draft_of_another_ladder_does_not_belong(tmp_path: object) -> None:
    draft.save_draft(sample_sheet(), LADDER, OPTIONS)
    other = load_framework(DATA.parent / "examples" / "ic-ladder")
    found = draft.read_draft()
    assert found is not None
    assert not found.belongs_to(other)
    assert found.ladder_source == LADDER.source


def test_draft_drops_milestones_the_ladder_no_longer_has() -> None:
    path = draft.save_draft(sample_sheet(), LADDER, OPTIONS)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["answers"]["gone-milestone"] = {"answer": "yes", "evidence": None}
    path.write_text(json.dumps(document), encoding="utf-8")
    found = draft.read_draft()
    assert found is not None
    assert draft.resumable_sheet(found, LADDER) == sample_sheet()


@pytest.mark.parametrize("content", ["", "{", "[]", '{"answers": {"apm-data-basics": {"answer": "maybe"}}}'])
def test_unusable_draft_is_reported(content: str) -> None:
    path = draft.draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(draft.UnreadableDraftError, match="not a pmpath draft"):
        draft.read_draft()


def test_draft_then_resume_finishes_the_run(pipe: PipeInput) -> None:
    """Interrupt, keep the draft through on_change, then resume from it to the end."""
    first = RecordingPrompter(pipe)
    pipe.send_text(PROFILE_KEYS + YES * 4 + "\x03")
    with pytest.raises(KeyboardInterrupt):
        run_interview(LADDER, first, AnswerSheet(), on_change=lambda s: draft.save_draft(s, LADDER, OPTIONS))
    found = draft.read_draft()
    assert found is not None
    kept = draft.resumable_sheet(found, LADDER)
    assert len(kept.responses) == 4
    run = Run(pipe, YES * (len(APM.milestones) - 4) + NOT_YET * len(PM.milestones), sheet=kept)
    assert run.prompter.questions[0] == APM.milestones[4].question
    assert len(run.sheet.responses) == len(APM.milestones) + len(PM.milestones)

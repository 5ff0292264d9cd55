"""Answers files: every accepted spelling, na where it may apply, contexts in the profile, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from helpers import shipped, write_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.answers import answers_yaml, parse_answer, read_answer_sheet, sheet_document
from pmpath.errors import InputFileError
from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.scoring import assess

LADDER = shipped()
MAY_NOT_APPLY = next(m for m in LADDER.milestones() if m.may_not_apply)
ALWAYS = next(m for m in LADDER.milestones() if not m.may_not_apply and not m.applies_when)


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("yes", Answer.YES),
        ("YES", Answer.YES),
        ("true", Answer.YES),
        ("On", Answer.YES),
        ("partial", Answer.PARTIAL),
        ("Partly", Answer.PARTIAL),
        ("no", Answer.NO),
        ("not yet", Answer.NO),
        ("Not  Yet", Answer.NO),
        ("off", Answer.NO),
        ("na", Answer.NA),
        ("N/A", Answer.NA),
        ("not applicable", Answer.NA),
        ("Doesn't apply", Answer.NA),
        ("doesn\u2019t apply", Answer.NA),
    ],
)
def test_every_spelling_reads_as_its_answer(written: str, answer: Answer) -> None:
    assert parse_answer(written) is answer


def test_yaml_booleans_read_as_yes_and_no(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"answers:\n  {ALWAYS.id}: yes\n  {MAY_NOT_APPLY.id}: off\n", encoding="utf-8")
    sheet = read_answer_sheet(str(path), LADDER)
    assert sheet.answer(ALWAYS.id) is Answer.YES and sheet.answer(MAY_NOT_APPLY.id) is Answer.NO


def test_na_is_accepted_where_a_milestone_may_not_apply(tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", {"answers": {MAY_NOT_APPLY.id: "n/a"}})
    assert read_answer_sheet(str(path), LADDER).answer(MAY_NOT_APPLY.id) is Answer.NA


def test_na_elsewhere_names_the_file_the_line_and_the_milestone(tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", {"answers": {MAY_NOT_APPLY.id: "yes", ALWAYS.id: "na"}})
    with pytest.raises(InputFileError) as raised:
        read_answer_sheet(str(path), LADDER)
    assert str(raised.value.problems[0]) == (
        f"{path}:3: '{ALWAYS.id}': 'na' (doesn't apply) is only for milestones that may not apply where you work, "
        "and this one applies everywhere; answer yes, partial or no"
    )


def test_a_wrong_answer_lists_every_accepted_spelling(tmp_path: Path) -> None:
    path = write_answers(tmp_path / "a.yaml", {"answers": {ALWAYS.id: "maybe"}})
    with pytest.raises(InputFileError) as raised:
        read_answer_sheet(str(path), LADDER)
    message = str(raised.value.problems[0])
    assert message.startswith(f"{path}:2: '{ALWAYS.id}': the answer 'maybe' is not one of yes (or true, on)")
    assert "no (or not yet, false, off)" in message and "partial (or partly)" in message


def test_context_values_live_in_the_profile_and_are_checked(tmp_path: Path) -> None:
    good = write_answers(
        tmp_path / "good.yaml", {"profile": {"company": "startup", "market": "consumer"}, "answers": {}}
    )
    assert read_answer_sheet(str(good), LADDER).profile.contexts == {
        "company": "startup",
        "market": "consumer",
    }
    bad = write_answers(tmp_path / "bad.yaml", {"profile": {"market": "b2c"}, "answers": {}})
    with pytest.raises(InputFileError) as raised:
        read_answer_sheet(str(bad), LADDER)
    assert "profile: 'market' is 'b2c'; expected one of b2b, consumer, internal" in str(
        raised.value.problems[0]
    )


def test_an_answers_file_of_pmpath_0_1_still_reads() -> None:
    sheet = read_answer_sheet(str(FIXTURES / "answers-0.1.0-note.yaml"), _old_ladder())
    assert sheet.profile.contexts == {"company": "startup"} and sheet.profile.title == "Associate PM — Zoë"
    assert sheet.note("apm-ships-scoped-tasks") == "Shipped «search filters» 🚀, see PR #12"


def _old_ladder() -> Framework:
    from pmpath.framework import check_framework

    framework, _ = check_framework(FIXTURES / "ladder-0.1.0")
    assert framework is not None
    return framework


notes = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40).filter(
    str.strip
)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([m.id for m in LADDER.milestones() if not m.may_not_apply]),
            st.sampled_from(["yes", "partial", "no"]),
            st.none() | notes,
        ),
        max_size=12,
    ),
    st.none() | notes,
)
@settings(max_examples=60, deadline=None)
def test_property_saved_answers_read_back_to_the_same_sheet(
    answers: list[tuple[str, str, str | None]], title: str | None
) -> None:
    import tempfile

    responses = {m: Response(Answer(a), n.strip() if n else None) for m, a, n in answers}
    sheet = AnswerSheet(
        Profile(years=3, title=title.strip() if title else None, contexts={"market": "b2b"}), responses
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "answers.yaml"
        path.write_text(answers_yaml(sheet, LADDER), encoding="utf-8")
        again = read_answer_sheet(str(path), LADDER)
    assert sheet_document(again, LADDER) == sheet_document(sheet, LADDER)
    assert assess(LADDER, again).scores == assess(LADDER, sheet).scores


@pytest.mark.parametrize(
    "text",
    [
        "answers:\n  a: [yes,\n  b: no\n",
        "answers: {a: yes\n",
        'profile:\n  title: "Senior PM\n',
        "a: 'x\n\n\n",
    ],
)
def test_a_syntax_error_names_a_line_the_file_has(text: str) -> None:
    # libyaml reports an unclosed bracket or quote at the end of the stream: one past the last line.
    from pmpath.errors import InputFileError
    from pmpath.yamlfile import parse

    with pytest.raises(InputFileError) as raised:
        parse(text, "me.yaml")
    line = raised.value.problems[0].line
    assert line is not None and 1 <= line <= len(text.rstrip("\n").split("\n"))

"""pmpath.answers: reading answers files and writing them back (`--save-answers`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from personas import shipped

from pmpath.answers import answer_sheet_from, dump_answer_sheet, parse_answer, read_answer_sheet
from pmpath.errors import InputFileError
from pmpath.model import Answer, AnswerSheet, Profile, Response
from pmpath.yamlfile import parse

LADDER = shipped()


def read(tmp_path: Path, text: str, name: str = "answers.yaml") -> AnswerSheet:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_answer_sheet(str(path), LADDER)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InputFileError) as caught:
        read(tmp_path, text)
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, Answer.YES), (False, Answer.NO), ("yes", Answer.YES), (" Yes ", Answer.YES),
        ("partial", Answer.PARTIAL), ("PARTLY", Answer.PARTIAL), ("no", Answer.NO),
        ("maybe", None), ("", None), (1, None), (0, None), (None, None), ([], None), (0.5, None),
    ],
)  # fmt: skip
def test_parse_answer(value: object, expected: Answer | None) -> None:
    assert parse_answer(value) is expected


def test_read_profile_and_answers(tmp_path: Path) -> None:
    sheet = read(
        tmp_path,
        "profile: {years: 4.5, title: 'Sr PM', background: engineering, company: startup}\n"
        "answers:\n"
        "  pm-owns-product-area: yes\n"
        "  pm-metric-impact: partial\n"
        "  senior-pm-multi-quarter-roadmap: {answer: no, evidence: 'Drafted, not yet adopted'}\n",
    )
    assert sheet.profile == Profile(years=4.5, title="Sr PM", background="engineering", company="startup")
    assert sheet.responses == {
        "pm-owns-product-area": Response(Answer.YES),
        "pm-metric-impact": Response(Answer.PARTIAL),
        "senior-pm-multi-quarter-roadmap": Response(Answer.NO, "Drafted, not yet adopted"),
    }


def test_empty_answers_are_allowed(tmp_path: Path) -> None:
    assert read(tmp_path, "answers: {}\n") == AnswerSheet()
    assert read(tmp_path, "answers:\n") == AnswerSheet()


def test_problems_are_located(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "profile:\n  years: 99\n  company: enterprise\n  age: 3\n"
        "answers:\n  pm-owns-product-area: sure\n  pm-metric-impact: {answer: yes, proof: x}\n",
    )
    assert found == [  # in reading order, line by line
        "answers.yaml:2: profile: 'years' is 99; expected a number from 0 to 60",
        "answers.yaml:3: profile: 'company' is 'enterprise'; expected one of startup, scale-up, corporate",
        "answers.yaml:4: unknown key 'age' in 'profile'",
        "answers.yaml:6: 'pm-owns-product-area': the answer 'sure' is not one of yes, partial, no",
        "answers.yaml:7: unknown key 'proof' in the answer to 'pm-metric-impact'",
    ]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, "- yes\n") == [
        "answers.yaml:1: an answers file must be a mapping of keys to values, not a list"
    ]


def test_empty_file(tmp_path: Path) -> None:
    assert problems(tmp_path, "") == ["answers.yaml: the file is empty"]


def test_yaml_tags_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "answers:\n  pm-owns-product-area: !!python/object:os.system yes\n")
    assert found[0].startswith("answers.yaml:2: the tag ")
    assert "python/object:os.system" in found[0]
    assert "is not allowed" in found[0]


def test_aliases_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, "answers:\n  pm-owns-product-area: &a yes\n  pm-metric-impact: *a\n")
    assert "anchors and aliases" in found[0]


def test_answer_sheet_from_a_document() -> None:
    document, found = parse("answers:\n  apm-data-basics: partial\n", "inline")
    sheet = answer_sheet_from(document, "inline", LADDER, found)
    assert sheet.answer("apm-data-basics") is Answer.PARTIAL
    assert sheet.answer("apm-ships-scoped-tasks") is Answer.NO  # unanswered counts as no


# --------------------------------------------------------------------------- writing answers back


def test_dump_is_in_ladder_order_with_profile_first() -> None:
    sheet = AnswerSheet(
        Profile(years=3, title='The "PM": of things', background="design", company="scale-up"),
        {
            "senior-pm-mentors-pms": Response(Answer.PARTIAL),
            "apm-data-basics": Response(Answer.YES, "see: go/dash"),
            "pm-metric-impact": Response(Answer.NO),
        },
    )
    text = dump_answer_sheet(sheet, LADDER)
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    assert lines[1] == "profile:"
    answer_lines = lines[lines.index("answers:") + 1 :]
    assert [line.split(":")[0].strip() for line in answer_lines] == [
        "apm-data-basics",
        "pm-metric-impact",
        "senior-pm-mentors-pms",
    ]
    document, found = parse(text, "dump")
    assert found == []
    assert answer_sheet_from(document, "dump", LADDER) == sheet


def test_dump_of_an_empty_sheet_reads_back() -> None:
    text = dump_answer_sheet(AnswerSheet(), LADDER)
    document, _ = parse(text, "dump")
    assert answer_sheet_from(document, "dump", LADDER) == AnswerSheet()


# Characters a note can hold (C0/C1 controls and NEL are covered by the test below).
NOTE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=200, deadline=None)
@given(
    notes=st.dictionaries(st.sampled_from(sorted(LADDER.milestone_ids())), NOTE_TEXT, max_size=5),
    title=st.one_of(st.none(), NOTE_TEXT),
    years=st.one_of(
        st.none(), st.integers(0, 60), st.floats(0, 60, allow_nan=False).map(lambda f: round(f, 1))
    ),
)
def test_dump_round_trips_any_printable_note(
    notes: dict[str, str], title: str | None, years: float | None
) -> None:
    sheet = AnswerSheet(
        Profile(years=years, title=title, background="other"),
        {key: Response(Answer.YES, note) for key, note in notes.items()},
    )
    document, found = parse(dump_answer_sheet(sheet, LADDER), "dump")
    assert found == []
    assert answer_sheet_from(document, "dump", LADDER) == sheet


@pytest.mark.parametrize("note", ["del \x7f here", "nel \x85 here", "c1 \x9b here"])
def test_dump_round_trips_control_characters(note: str) -> None:
    sheet = AnswerSheet(Profile(), {"apm-data-basics": Response(Answer.YES, note)})
    document, _ = parse(dump_answer_sheet(sheet, LADDER), "dump")
    assert answer_sheet_from(document, "dump", LADDER) == sheet


# --------------------------------------------------------------------------- JSON answers files


def test_json_file_with_unicode(tmp_path: Path) -> None:
    text = json.dumps({"answers": {"apm-data-basics": {"answer": "yes", "evidence": "café ✓"}}})
    assert read(tmp_path, text, "a.json").responses["apm-data-basics"].evidence == "café ✓"


def test_json_file_with_an_escaped_emoji(tmp_path: Path) -> None:
    text = json.dumps({"answers": {"apm-data-basics": {"answer": "yes", "evidence": "shipped \U0001f680"}}})
    assert "\\ud83d\\ude80" in text
    assert read(tmp_path, text, "a.json").responses["apm-data-basics"].evidence == "shipped \U0001f680"

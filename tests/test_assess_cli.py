"""`pmpath assess --answers FILE`: placement, JSON contract, formats and bad input, per persona."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from personas import (
    DATA,
    SENIOR_PM_MISSING,
    Persona,
    all_yes_cpo,
    director,
    new_apm,
    senior_pm_missing_required,
    shipped,
    solid_pm,
    write_answers,
)
from typer.testing import CliRunner

from pmpath.cli import app
from pmpath.model import Framework
from pmpath.transitions import load_transitions

TOP_KEYS = [
    "schema_version", "framework", "level", "next_level", "readiness", "levels", "gaps",
    "shortest_path", "unanswered", "profile",
]  # fmt: skip
LEVEL_KEYS = ["id", "title", "rank", "score", "threshold", "met", "missing_required"]
GAP_KEYS = [
    "milestone", "level", "text", "answer", "required", "weight", "category", "advice", "evidence",
    "note", "shortest_path",
]  # fmt: skip


@pytest.fixture(scope="module")
def ladder() -> Framework:
    return shipped()


def assess_json(runner: CliRunner, path: Path, *extra: str) -> dict[str, Any]:
    result = runner.invoke(app, ["assess", "--answers", str(path), "--json", *extra])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def persona_file(tmp_path: Path, persona: Persona) -> Path:
    return write_answers(tmp_path / f"{persona.name}.yaml", persona.document())


def bad_input(runner: CliRunner, tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["assess", "--answers", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    return result.stderr


def advice_column(out: str) -> str:
    """The gaps table's Advice column, its wrapped lines joined back into one text."""
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.rstrip().endswith("Advice"))
    start = lines[header].index("Advice")
    return " ".join(" ".join(line[start:].split()) for line in lines[header + 2 :] if line[start:].strip())


CREDIT = {"yes": 1.0, "partial": 0.5, "no": 0.0}

# The solid PM's way to Senior PM: 7 of 23 earned, 0.8 x 23 = 18.4 needed. The required
# cross-team initiative (3) -> 10, then the weight-2 "no" gaps in order: why narrative,
# high-stakes decision, research program, force multiplier -> 18, customer-facing -> 20.
# (Turning the ambiguous-problem partial into a yes gains only 1.5.)
SOLID_PM_SHORTEST_PATH = [
    "senior-pm-cross-team-initiative",
    "senior-pm-why-narrative",
    "senior-pm-high-stakes-decision",
    "senior-pm-research-program",
    "senior-pm-force-multiplier",
    "senior-pm-customer-facing",
]


def senior_pm_credit(ladder: Framework, persona: Persona) -> tuple[float, int]:
    """(earned, possible) weighted credit of a persona on senior-pm: yes 1, partial 0.5, no 0."""
    milestones = ladder.level("senior-pm").milestones
    earned = sum(m.weight * CREDIT[persona.answers[m.id]] for m in milestones)
    return earned, sum(m.weight for m in milestones)


def floor_percent(earned: float, possible: int) -> str:
    """earned / possible as the reports print it: a whole percentage, rounded down (exactly)."""
    return f"{math.floor(100 * Fraction(earned) / possible)}%"


# --------------------------------------------------------------------------- personas


@pytest.mark.parametrize("make", [new_apm, solid_pm, senior_pm_missing_required, director, all_yes_cpo])
def test_persona_placement(runner: CliRunner, tmp_path: Path, ladder: Framework, make: Any) -> None:
    persona: Persona = make(ladder)
    document = assess_json(runner, persona_file(tmp_path, persona))
    assert (document["level"] or {}).get("id") == persona.level
    assert (document["next_level"] or {}).get("id") == persona.next_level
    assert document["profile"] == persona.profile
    met = [level["met"] for level in document["levels"]]
    rank = document["level"]["rank"] if document["level"] else 0
    assert met == [True] * rank + [False] * (7 - rank)


def test_json_shape(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    persona = solid_pm(ladder)
    document = assess_json(runner, persona_file(tmp_path, persona))
    assert list(document) == TOP_KEYS
    assert document["schema_version"] == 1
    assert document["framework"]["name"] == "pmpath standard product ladder"
    assert re.fullmatch(r"[0-9a-f]{64}", document["framework"]["fingerprint"])
    assert document["level"] == {"id": "pm", "title": "Product Manager", "rank": 2}
    assert document["next_level"] == {"id": "senior-pm", "title": "Senior Product Manager", "rank": 3}
    assert [level["id"] for level in document["levels"]] == [lv.id for lv in ladder.levels]
    assert [level["rank"] for level in document["levels"]] == list(range(1, 8))
    for level in document["levels"]:
        assert list(level) == LEVEL_KEYS
        assert level["threshold"] == 0.8
    senior = document["levels"][2]
    # roadmap 3 yes, ambiguous 3 partial, mentors 2 yes, exec 1 partial, the rest no: 7 of 23 = 0.3043
    earned, possible = senior_pm_credit(ladder, persona)
    assert senior["score"] == round(earned / possible, 4)
    assert document["readiness"] == round(earned / possible, 4)
    assert senior["missing_required"] == ["senior-pm-cross-team-initiative"]
    assert document["levels"][0] == {
        "id": "apm", "title": "Associate Product Manager", "rank": 1, "score": 1.0,
        "threshold": 0.8, "met": True, "missing_required": [],
    }  # fmt: skip
    assert document["unanswered"] == []
    gaps = document["gaps"]
    # Every senior-pm milestone not answered yes: required first, then heaviest, then file order.
    open_ = [m for m in ladder.level("senior-pm").milestones if persona.answers[m.id] != "yes"]
    assert [gap["milestone"] for gap in gaps] == [
        m.id for m in sorted(open_, key=lambda m: (not m.required, -m.weight))
    ]
    assert [gap["milestone"] for gap in gaps][:3] == [
        "senior-pm-cross-team-initiative",
        "senior-pm-ambiguous-problem",
        "senior-pm-why-narrative",
    ]
    for gap in gaps:
        assert list(gap) == GAP_KEYS
        assert gap["level"] == "senior-pm"
        assert gap["advice"] and gap["evidence"] and gap["text"]
    assert gaps[0]["required"] is True
    assert gaps[1]["answer"] == "partial"
    assert gaps[2]["answer"] == "no"
    assert document["shortest_path"] == [gap["milestone"] for gap in gaps if gap["shortest_path"]]
    assert document["shortest_path"] == SOLID_PM_SHORTEST_PATH


def test_note_appears_on_the_gap_or_level(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    persona = solid_pm(ladder)
    persona.notes["senior-pm-ambiguous-problem"] = "Wrote the doc; no commitment yet"
    document = assess_json(runner, persona_file(tmp_path, persona))
    notes = {gap["milestone"]: gap["note"] for gap in document["gaps"]}
    assert notes["senior-pm-ambiguous-problem"] == "Wrote the doc; no commitment yet"
    assert notes["senior-pm-why-narrative"] is None


def test_senior_pm_missing_one_required(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    persona = senior_pm_missing_required(ladder)
    document = assess_json(runner, persona_file(tmp_path, persona))
    senior = document["levels"][2]
    # all yes but the required cross-team initiative (weight 3): 20 of 23 = 0.8696, above the 0.8 bar
    earned, possible = senior_pm_credit(ladder, persona)
    assert senior["score"] == round(earned / possible, 4)
    assert senior["score"] >= senior["threshold"]
    assert senior["met"] is False  # yet not met
    assert senior["missing_required"] == [SENIOR_PM_MISSING]
    assert document["level"]["id"] == "pm"
    assert [gap["milestone"] for gap in document["gaps"]] == [SENIOR_PM_MISSING]
    assert document["gaps"][0]["shortest_path"] is True
    assert document["shortest_path"] == [SENIOR_PM_MISSING]


def test_all_yes_cpo(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    document = assess_json(runner, persona_file(tmp_path, all_yes_cpo(ladder)))
    assert document["level"] == {"id": "cpo", "title": "Chief Product Officer", "rank": 7}
    assert document["next_level"] is None
    assert document["readiness"] is None
    assert document["gaps"] == []
    assert document["shortest_path"] == []
    assert all(level["met"] and level["score"] == 1.0 for level in document["levels"])


def test_unanswered_lists_ids_missing_from_the_file(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  apm-ships-scoped-tasks: yes\n", encoding="utf-8")
    document = assess_json(runner, path)
    # every milestone of the ladder but the one answered, in ladder order
    assert document["unanswered"] == [m.id for m in ladder.milestones() if m.id != "apm-ships-scoped-tasks"]
    assert len(document["unanswered"]) == len(ladder.milestones()) - 1
    assert "apm-ships-scoped-tasks" not in document["unanswered"]
    assert document["profile"] == {}
    assert document["level"] is None


# --------------------------------------------------------------------------- accepted answer forms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", "yes"), ("Yes", "yes"), ("YES", "yes"), ("true", "yes"), ("True", "yes"),
        ("on", "yes"), ("ON", "yes"), ("yEs", "yes"), ('"yes"', "yes"), ("partial", "partial"),
        ("Partial", "partial"), ("partly", "partial"), ("no", "no"), ("No", "no"), ("false", "no"),
        ("FALSE", "no"), ("off", "no"), ("Off", "no"), ("nO", "no"), ("'no'", "no"),
        ("{answer: yes}", "yes"), ("{answer: partial, evidence: 'x'}", "partial"),
    ],
)  # fmt: skip
def test_answer_spellings(runner: CliRunner, tmp_path: Path, raw: str, expected: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"answers:\n  apm-writes-user-stories: {raw}\n", encoding="utf-8")
    document = assess_json(runner, path)
    answers = {gap["milestone"]: gap["answer"] for gap in document["gaps"]}
    assert answers.get("apm-writes-user-stories", "yes") == expected
    assert "apm-writes-user-stories" not in document["unanswered"]


@pytest.mark.parametrize("raw", ["tRUE", "oN"])
def test_mixed_case_boolean_words(runner: CliRunner, tmp_path: Path, raw: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"answers:\n  apm-writes-user-stories: {raw}\n", encoding="utf-8")
    assess_json(runner, path)


def test_json_answers_file(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    persona = director(ladder)
    as_json = tmp_path / "director.json"
    answers = {key: {"yes": True, "no": False}.get(value, value) for key, value in persona.answers.items()}
    as_json.write_text(json.dumps({"profile": persona.profile, "answers": answers}), encoding="utf-8")
    from_json = assess_json(runner, as_json)
    from_yaml = assess_json(runner, persona_file(tmp_path, persona))
    assert from_json == from_yaml
    assert from_json["level"]["id"] == "director"


def test_answers_from_stdin(runner: CliRunner, ladder: Framework, tmp_path: Path) -> None:
    persona = senior_pm_missing_required(ladder)
    text = persona_file(tmp_path, persona).read_text(encoding="utf-8")
    result = runner.invoke(app, ["assess", "--answers", "-", "--json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == assess_json(runner, persona_file(tmp_path, persona))


def test_stdin_errors_are_named_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess", "--answers", "-"], input="answers:\n  nope: yes\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: <stdin>:2: unknown milestone id 'nope'")


def test_format_json_equals_json_flag(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    path = persona_file(tmp_path, solid_pm(ladder))
    result = runner.invoke(app, ["assess", "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == assess_json(runner, path)


# --------------------------------------------------------------------------- bad input


def test_unknown_milestone_id_with_suggestion(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answers:\n  pm-owns-product-area: yes\n  pm-metric-impakt: yes\n")
    assert "answers.yaml:3: unknown milestone id 'pm-metric-impakt' (did you mean 'pm-metric-impact'?)" in err


def test_unknown_answer_value(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answers:\n  pm-owns-product-area: maybe\n")
    assert "answers.yaml:2: 'pm-owns-product-area': the answer 'maybe' is not one of yes, partial, no" in err


def test_answer_of_the_wrong_type(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answers:\n  pm-owns-product-area: 3\n")
    assert "answers.yaml:2: 'pm-owns-product-area': the answer 3 is not one of yes, partial, no" in err
    err = bad_input(runner, tmp_path, "answers:\n  pm-owns-product-area: [yes]\n")
    assert "answers.yaml:2: 'pm-owns-product-area'" in err
    assert "a list" in err


def test_answers_must_be_a_mapping(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answers:\n  - pm-owns-product-area\n")
    assert "answers.yaml:1: 'answers' must be a mapping of keys to values, not a list" in err


def test_missing_answers_key(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "profile:\n  years: 3\n")
    assert "answers.yaml:1: the file has no 'answers' mapping" in err


def test_unknown_profile_background(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(
        runner, tmp_path, "profile:\n  background: desing\nanswers:\n  pm-owns-product-area: yes\n"
    )
    assert "answers.yaml:2: profile: 'background' is 'desing'; expected one of" in err
    assert "(did you mean 'design'?)" in err


def test_bad_years(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "profile:\n  years: -1\nanswers: {}\n")
    assert "answers.yaml:2: profile: 'years' is -1; expected a number from 0 to 60" in err


def test_answer_mapping_without_answer(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answers:\n  pm-owns-product-area:\n    evidence: shipped it\n")
    assert "answers.yaml:3: the answer to 'pm-owns-product-area' has no 'answer'" in err


def test_duplicate_answer_key(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answers:\n  pm-owns-product-area: yes\n  pm-owns-product-area: no\n")
    assert "answers.yaml:3: duplicate key 'pm-owns-product-area' (first at line 2)" in err


def test_every_problem_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    err = bad_input(runner, tmp_path, "answerz: 1\nanswers:\n  nope: yes\n  pm-owns-product-area: maybe\n")
    assert "answers.yaml:1: unknown key 'answerz' in the file (did you mean 'answers'?)" in err
    assert "answers.yaml:3: unknown milestone id 'nope'" in err
    assert "answers.yaml:4: 'pm-owns-product-area': the answer 'maybe'" in err


def test_missing_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "--answers", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {tmp_path / 'none.yaml'}: no such file\n"


def test_not_a_terminal_without_answers(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "--answers" in result.stderr


def test_interactive_options_with_answers_are_refused(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    path = persona_file(tmp_path, solid_pm(ladder))
    result = runner.invoke(app, ["assess", "--answers", str(path), "--resume"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--resume" in result.stderr


# --------------------------------------------------------------------------- markdown and human output


def test_markdown_report(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    persona = solid_pm(ladder)
    path = persona_file(tmp_path, persona)
    result = runner.invoke(app, ["assess", "--answers", str(path), "--format", "markdown"])
    assert result.exit_code == 0
    out = result.stdout
    earned, possible = senior_pm_credit(ladder, persona)
    assert out.startswith("# Product career assessment\n")
    assert "**Current level:** Product Manager (level 2 of 7)" in out
    # 7 / 23 = 30.4% -> "30%"
    assert f"**Next level:** Senior Product Manager, readiness {floor_percent(earned, possible)}" in out
    assert "| Product Manager **(current)** | 100% | yes |" in out
    rows = [line for line in out.splitlines() if line.startswith("| **first** |")]
    assert len(rows) == len(SOLID_PM_SHORTEST_PATH)
    assert rows[0].startswith("| **first** | Has led an initiative lasting at least three months")
    assert "| Partly |" in out  # the ambiguous-problem gap, not on the path
    assert "## Evidence noted" in out
    assert 'Lifted "activation" 12%: measured over Q2, see the dashboard' in out


def test_markdown_at_the_top(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    path = persona_file(tmp_path, all_yes_cpo(ladder))
    out = runner.invoke(app, ["assess", "--answers", str(path), "--format", "markdown"]).stdout
    assert "**Current level:** Chief Product Officer (level 7 of 7)" in out
    assert "none, this is the top of the ladder" in out
    assert "**first**" not in out


def test_human_output_for_a_persona(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    persona = solid_pm(ladder)
    result = runner.invoke(app, ["assess", "--answers", str(persona_file(tmp_path, persona))])
    assert result.exit_code == 0
    out = result.stdout
    flat = " ".join(out.split())
    assert out.startswith("You operate at Product Manager (level 2 of 7).")
    earned, possible = senior_pm_credit(ladder, persona)
    assert f"Readiness for Senior Product Manager: {floor_percent(earned, possible)}" in flat  # 7/23: 30%
    advice = ladder.milestone_ids()["senior-pm-cross-team-initiative"].advice
    assert " ".join(advice.split()) in advice_column(out)
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_human_output_at_the_top(runner: CliRunner, tmp_path: Path, ladder: Framework) -> None:
    out = runner.invoke(app, ["assess", "--answers", str(persona_file(tmp_path, all_yes_cpo(ladder)))]).stdout
    assert out.startswith("You operate at Chief Product Officer (level 7 of 7).")
    assert "You meet every level of this ladder." in out
    assert "Readiness" not in out


def test_no_level_persona_sees_the_design_transition(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    transitions = load_transitions(DATA, ladder)
    assert transitions is not None
    design = transitions.find("design")
    persona = new_apm(ladder)
    assert persona.profile["background"] == "design"
    out = runner.invoke(app, ["assess", "--answers", str(persona_file(tmp_path, persona))]).stdout
    flat = " ".join(out.split())
    assert out.startswith("You are not yet at the first level, Associate Product Manager.")
    assert design.title in out
    assert " ".join(design.exercise.split()) in flat
    assert "Readiness for Associate Product Manager" in flat


def test_transition_is_not_shown_above_the_first_level(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    persona = solid_pm(ladder)
    persona.profile["background"] = "design"
    out = runner.invoke(app, ["assess", "--answers", str(persona_file(tmp_path, persona))]).stdout
    assert "From design to product" not in out


# --------------------------------------------------------------------------- --save-answers


@pytest.mark.parametrize("make", [new_apm, solid_pm, senior_pm_missing_required, director, all_yes_cpo])
def test_save_answers_round_trip(runner: CliRunner, tmp_path: Path, ladder: Framework, make: Any) -> None:
    persona: Persona = make(ladder)
    persona.notes["apm-data-basics"] = 'Query "weekly actives": see go/dash #3, it\'s {fine}'
    source = persona_file(tmp_path, persona)
    saved = tmp_path / "out.yaml"
    first = runner.invoke(app, ["assess", "--answers", str(source), "--json", "--save-answers", str(saved)])
    assert first.exit_code == 0, first.stderr
    assert f"Answers saved to {saved}" in first.stderr
    again = assess_json(runner, saved)
    assert again == json.loads(first.stdout)


def test_save_answers_into_a_missing_directory_is_refused(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    source = persona_file(tmp_path, solid_pm(ladder))
    saved = tmp_path / "no-such-dir" / "out.yaml"
    result = runner.invoke(app, ["assess", "--answers", str(source), "--json", "--save-answers", str(saved)])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing half-printed
    assert f"the directory {saved.parent} does not exist" in result.stderr
    assert not saved.parent.exists()


def test_saved_file_keeps_evidence_with_quotes_and_colons(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    persona = solid_pm(ladder)
    note = 'Lifted "activation" 12%: measured over Q2, see the dashboard'
    source = persona_file(tmp_path, persona)
    saved = tmp_path / "out.yaml"
    result = runner.invoke(app, ["assess", "--answers", str(source), "--save-answers", str(saved)])
    assert result.exit_code == 0
    from pmpath.answers import read_answer_sheet

    sheet = read_answer_sheet(str(saved), ladder)
    assert sheet.responses["pm-metric-impact"].evidence == note
    assert sheet.profile.title == "Product Manager"
    assert sheet.profile.years == 4


def test_save_answers_refuses_to_overwrite_the_input(
    runner: CliRunner, tmp_path: Path, ladder: Framework
) -> None:
    source = persona_file(tmp_path, solid_pm(ladder))
    before = source.read_text(encoding="utf-8")
    result = runner.invoke(app, ["assess", "--answers", str(source), "--save-answers", str(source)])
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == before


def test_save_answers_with_a_control_character_in_a_note(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps(
            {"answers": {"apm-data-basics": {"answer": "yes", "evidence": "odd \u007f or \u0085 byte"}}}
        ),
        encoding="utf-8",
    )
    saved = tmp_path / "out.yaml"
    first = runner.invoke(app, ["assess", "--answers", str(source), "--json", "--save-answers", str(saved)])
    assert first.exit_code == 0
    second = runner.invoke(app, ["assess", "--answers", str(saved), "--json"])
    assert second.exit_code == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout)


# --------------------------------------------------------------------------- the example ladders


@pytest.mark.parametrize(
    ("example", "level", "next_level"),
    [("ic-ladder", "mid-pm", "senior-pm"), ("dual-track", "senior-pm", "principal-pm")],
)
def test_example_ladders_with_their_sample_answers(
    runner: CliRunner, example: str, level: str, next_level: str
) -> None:
    directory = DATA.parent / "examples" / example
    result = runner.invoke(
        app,
        ["--data", str(directory), "assess", "--answers", str(directory / "answers-sample.yaml"), "--json"],
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["level"]["id"] == level
    assert document["next_level"]["id"] == next_level
    assert document["shortest_path"]
    assert document["unanswered"] == []


def test_sample_answers_do_not_fit_the_shipped_ladder(runner: CliRunner) -> None:
    sample = DATA.parent / "examples" / "ic-ladder" / "answers-sample.yaml"
    result = runner.invoke(app, ["assess", "--answers", str(sample)])
    assert result.exit_code == 2
    assert "unknown milestone id 'junior-pm-one-pager-shipped'" in result.stderr

"""`pmpath compare`: self versus manager, as pure logic and through the command line."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
from personas import cli, shipped

import pmpath.cli.growth  # noqa: F401  (registers the commands until pmpath.cli imports it)
from pmpath import history
from pmpath.answers import read_answer_sheet
from pmpath.calibration import compare, parse_labels
from pmpath.framework import shipped_data_dir
from pmpath.model import Answer, AnswerSheet, Framework, Response
from pmpath.scoring import assess

DATA = shipped_data_dir()


pytestmark = pytest.mark.usefixtures("utc_clock")


@pytest.fixture(scope="module")
def framework() -> Framework:
    return shipped()


def below_senior(framework: Framework, **changes: str) -> dict[str, str]:
    """Yes to every APM and PM milestone, then `changes`."""
    chosen = {m.id: "yes" for level in framework.levels[:2] for m in level.milestones}
    chosen.update(changes)
    return chosen


# 3 + 3 + 3 + 2 + 2 + 2 + 1 (mentors partial) + 2 + 1 = 19 of 23: 0.826, Senior PM met.
SELF_SENIOR = {
    "senior-pm-multi-quarter-roadmap": "yes",
    "senior-pm-cross-team-initiative": "yes",
    "senior-pm-ambiguous-problem": "yes",
    "senior-pm-why-narrative": "yes",
    "senior-pm-high-stakes-decision": "yes",
    "senior-pm-research-program": "yes",
    "senior-pm-mentors-pms": "partial",
    "senior-pm-customer-facing": "yes",
    "senior-pm-risk-review": "yes",
}
MANAGER_SENIOR = {
    **SELF_SENIOR,
    "senior-pm-multi-quarter-roadmap": "no",  # required: the manager does not see it yet
    "senior-pm-ambiguous-problem": "partial",
    "pm-stakeholder-management": "partial",
}
del MANAGER_SENIOR["senior-pm-mentors-pms"]  # the manager could not say


@pytest.fixture
def pair(tmp_path: Path, framework: Framework) -> tuple[Path, Path]:
    """A self-assessment that claims Senior PM, and a manager's view that does not."""
    self_file = tmp_path / "self.yaml"
    manager_file = tmp_path / "manager.yaml"
    for path, chosen in (
        (self_file, below_senior(framework, **SELF_SENIOR)),
        (manager_file, below_senior(framework, **MANAGER_SENIOR)),
    ):
        document = {"profile": {"years": 5, "company": "scale-up"}, "answers": chosen}
        path.write_text(json.dumps(document), encoding="utf-8")
    return self_file, manager_file


AGENDA = [
    ("senior-pm-multi-quarter-roadmap", "senior-pm", True, "yes", "no"),
    ("pm-stakeholder-management", "pm", False, "yes", "partial"),
    ("senior-pm-ambiguous-problem", "senior-pm", False, "yes", "partial"),
    ("senior-pm-mentors-pms", "senior-pm", False, "partial", None),
]
CREDIT = {"yes": Fraction(1), "partial": Fraction(1, 2), "no": Fraction(0)}


def counts(framework: Framework) -> tuple[int, int]:
    """(compared, agreed): the manager answers a subset of the self-assessment's milestones, so
    every APM and PM milestone plus the self's senior-pm ones are compared; all but the agenda agree."""
    compared = len(below_senior(framework, **SELF_SENIOR))  # 9 + 11 + 9 = 29
    return compared, compared - len(AGENDA)  # 25 agree


def manager_readiness(framework: Framework) -> Fraction:
    """The manager's Senior PM score: cross-team 3, ambiguous 1.5, why 2, high-stakes 2, research 2,
    customer-facing 2, risk review 1 = 13.5 of 23 (the roadmap is a no, mentoring unanswered)."""
    milestones = framework.level("senior-pm").milestones
    chosen = below_senior(framework, **MANAGER_SENIOR)
    earned = sum((m.weight * CREDIT[chosen.get(m.id, "no")] for m in milestones), Fraction(0))
    return earned / sum(m.weight for m in milestones)


def floor_percent(share: Fraction) -> str:
    """A share as the reports print it: a whole percentage, rounded down."""
    return f"{math.floor(100 * share)}%"


# ---------------------------------------------------------------- the logic


def test_compare_places_both_and_orders_the_agenda(pair: tuple[Path, Path], framework: Framework) -> None:
    self_sheet = read_answer_sheet(str(pair[0]), framework)
    manager_sheet = read_answer_sheet(str(pair[1]), framework)

    calibration = compare(framework, self_sheet, manager_sheet, labels=("self", "manager"))

    assert calibration.a.result.level is not None and calibration.a.result.level.id == "senior-pm"
    assert calibration.b.result.level is not None and calibration.b.result.level.id == "pm"
    compared, agreed = counts(framework)
    assert (calibration.compared, calibration.agreed) == (compared, agreed)
    assert calibration.agreement == pytest.approx(agreed / compared)  # 25 / 29
    assert calibration.b.result.readiness == float(manager_readiness(framework))  # 13.5 / 23
    got = [
        (d.milestone.id, d.level.id, d.milestone.required, d.a and d.a.value, d.b and d.b.value)
        for d in calibration.disagreements
    ]
    assert got == AGENDA


def test_agreement_counts_milestones_answered_in_either(framework: Framework) -> None:
    yes, no = Response(Answer.YES), Response(Answer.NO)
    a = AnswerSheet(responses={"apm-ships-scoped-tasks": yes, "apm-data-basics": no})
    b = AnswerSheet(responses={"apm-ships-scoped-tasks": yes, "apm-support-insights": no})
    calibration = compare(framework, a, b)
    assert (calibration.agreed, calibration.compared) == (1, 3)
    assert [(d.milestone.id, d.a, d.b) for d in calibration.disagreements] == [
        ("apm-data-basics", Answer.NO, None),
        ("apm-support-insights", None, Answer.NO),
    ]
    empty = compare(framework, AnswerSheet(), AnswerSheet())
    assert (empty.compared, empty.agreement, empty.disagreements) == (0, None, ())


def test_identical_sheets_agree_fully(framework: Framework) -> None:
    sheet = AnswerSheet(responses={m.id: Response(Answer.PARTIAL) for m in framework.levels[0].milestones})
    calibration = compare(framework, sheet, sheet)
    assert calibration.agreement == 1.0 and calibration.disagreements == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("self,manager", ("self", "manager")), (" me , my lead ", ("me", "my lead"))],
)
def test_parse_labels(text: str, expected: tuple[str, str]) -> None:
    assert parse_labels(text) == expected


@pytest.mark.parametrize("text", ["self", "a,b,c", "self,", "x,x"])
def test_parse_labels_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_labels(text)


# ---------------------------------------------------------------- the command


def test_compare_json(pair: tuple[Path, Path], framework: Framework) -> None:
    code, stdout, stderr = cli("compare", str(pair[0]), str(pair[1]), "--labels", "self,manager", "--json")

    assert (code, stderr) == (0, "")
    document = json.loads(stdout)
    assert document["a"] == {
        "label": "self",
        "source": str(pair[0]),
        "level": {"id": "senior-pm", "title": "Senior Product Manager", "rank": 3},
        "next_level": {"id": "group-pm", "title": "Group Product Manager", "rank": 4},
        "readiness": 0.0,
        "answered": len(below_senior(framework, **SELF_SENIOR)),  # 9 + 11 + 9
    }
    assert document["b"]["level"] == {"id": "pm", "title": "Product Manager", "rank": 2}
    assert document["b"]["label"] == "manager" and document["b"]["source"] == str(pair[1])
    compared, agreed = counts(framework)
    assert (document["agreement"], document["agreed"], document["compared"]) == (
        round(agreed / compared, 4),  # 25 / 29 = 0.8621
        agreed,
        compared,
    )
    assert document["b"]["readiness"] == round(float(manager_readiness(framework)), 4)  # 0.587
    milestones = framework.milestone_ids()
    assert document["disagreements"] == [
        {
            "milestone": milestone,
            "level": level,
            "text": milestones[milestone].text,
            "required": required,
            "weight": milestones[milestone].weight,
            "category": milestones[milestone].category,
            "a": a,
            "b": b,
        }
        for milestone, level, required, a, b in AGENDA
    ]


def test_compare_markdown_is_a_calibration_agenda(pair: tuple[Path, Path], framework: Framework) -> None:
    code, stdout, _ = cli("compare", str(pair[0]), str(pair[1]), "--labels", "self,manager", "-f", "markdown")

    assert code == 0
    assert stdout.startswith("# Calibration: self vs manager\n")
    ready = floor_percent(manager_readiness(framework))  # 13.5 / 23 = 58.7% -> 58%
    assert (
        "| Level | Senior Product Manager; 0% ready for Group Product Manager | "
        f"Product Manager; {ready} ready for Senior Product Manager |"
    ) in stdout
    compared, agreed = counts(framework)
    assert (
        f"**Agreement:** {floor_percent(Fraction(agreed, compared))} ({agreed} of {compared} milestones "
        "answered the same, out of those answered in either)"  # 25 / 29 = 86.2% -> 86%
    ) in stdout
    roadmap = framework.milestone_ids()["senior-pm-multi-quarter-roadmap"].text
    mentoring = framework.milestone_ids()["senior-pm-mentors-pms"].text
    rows = [line for line in stdout.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert rows[0] == f"| 1 | Senior Product Manager | {roadmap} | yes | Yes | Not yet |"
    assert rows[3] == f"| 4 | Senior Product Manager | {mentoring} |  | Partly | not answered |"
    assert len(rows) == 4


def test_compare_human(pair: tuple[Path, Path], framework: Framework) -> None:
    code, stdout, _ = cli("compare", str(pair[0]), str(pair[1]), "--labels", "self,manager")

    assert code == 0
    text = " ".join(stdout.split())
    assert "Calibration: self vs manager" in text
    assert "Level Senior Product Manager Product Manager" in text
    compared, agreed = counts(framework)
    agreement = floor_percent(Fraction(agreed, compared))  # 25 / 29: 86%
    assert f"Agreement: {agreement} ({agreed} of {compared} milestones answered the same" in text
    assert "To talk about: 4 disagreements, required first" in text
    starred = [
        line for line in stdout.splitlines() if line.lstrip().startswith("★") and "★ required" not in line
    ]
    assert len(starred) == 1 and "Has authored a roadmap" in starred[0]
    order = [text.index(words) for words in ("Has authored a roadmap", "Runs a recurring", "Has mentored")]
    assert order == sorted(order)
    assert "★ required · - not answered" in text


def test_compare_with_a_saved_assessment(pair: tuple[Path, Path], framework: Framework) -> None:
    manager = assess(framework, read_answer_sheet(str(pair[1]), framework))
    history.save_assessment(manager, saved_at="2024-05-01T09:30:00Z")

    code, stdout, stderr = cli("compare", str(pair[0]), "1", "--json")

    assert (code, stderr) == (0, "")
    document = json.loads(stdout)
    assert document["b"]["source"] == "assessment #1, saved 2024-05-01 09:30"
    assert (document["a"]["label"], document["b"]["label"]) == ("A", "B")
    assert [d["milestone"] for d in document["disagreements"]] == [row[0] for row in AGENDA]


def test_an_all_digit_argument_that_is_a_file_is_read_as_a_file(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("12").write_bytes(pair[1].read_bytes())
    code, stdout, _ = cli("compare", str(pair[0]), "12", "--json")
    assert code == 0
    assert json.loads(stdout)["b"]["source"] == "12"


def test_compare_refuses_unknown_ids_and_bad_labels(pair: tuple[Path, Path]) -> None:
    code, stdout, stderr = cli("compare", str(pair[0]), "5")
    assert (code, stdout) == (2, "")
    assert "Error: no saved assessment #5 (and there is no file named '5')" in stderr

    code, _, stderr = cli("compare", str(pair[0]), str(pair[1]), "--labels", "self")
    assert code == 2 and "expected two names separated by a comma" in stderr

    code, _, stderr = cli("compare", str(pair[0]), str(pair[0].parent / "missing.yaml"))
    assert code == 2 and "missing.yaml" in stderr


def test_compare_refuses_a_saved_assessment_of_another_ladder(
    pair: tuple[Path, Path], framework: Framework
) -> None:
    from dataclasses import replace

    other = replace(framework, name="Acme ladder")
    history.save_assessment(assess(other, AnswerSheet()))
    code, _, stderr = cli("compare", str(pair[0]), "1")
    assert code == 2
    assert "assessment #1 was made with the ladder 'Acme ladder', not the active one" in stderr

"""`pmpath plan`: the development plan, as pure computation and through the command line."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
from personas import cli, shipped

import pmpath.cli.growth  # noqa: F401  (registers the commands until pmpath.cli imports it)
from pmpath import history
from pmpath.framework import shipped_data_dir
from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.plan import build_plan, plan_markdown
from pmpath.scoring import Assessment, assess

DATA = shipped_data_dir()
ROADMAP_NOTE = "Drafted the 2025 payments roadmap; leadership review is booked"
INTERVIEWS_NOTE = "Five interview notes in the research repo (Jan-Mar)"


pytestmark = pytest.mark.usefixtures("utc_clock")


@pytest.fixture(scope="module")
def framework() -> Framework:
    return shipped()


def pm_at_a_startup(framework: Framework, company: str | None = "startup") -> AnswerSheet:
    """A PM heading for Senior PM: APM and PM met, Senior PM partly there, with evidence notes."""
    responses = {m.id: Response(Answer.YES) for level in framework.levels[:2] for m in level.milestones}
    responses["apm-customer-interviews"] = Response(Answer.YES, INTERVIEWS_NOTE)
    responses["senior-pm-multi-quarter-roadmap"] = Response(Answer.PARTIAL, ROADMAP_NOTE)
    responses["senior-pm-why-narrative"] = Response(Answer.YES)
    responses["senior-pm-research-program"] = Response(Answer.YES)
    return AnswerSheet(Profile(years=4, company=company, title="Product Manager"), responses)


@pytest.fixture
def pm_result(framework: Framework) -> Assessment:
    return assess(framework, pm_at_a_startup(framework))


# ---------------------------------------------------------------- the plan


def test_the_plan_puts_the_shortest_path_first(pm_result: Assessment) -> None:
    plan = build_plan(pm_result, "the answers in pm.yaml")

    assert plan.level is not None and plan.level.id == "pm"
    assert plan.next_level is not None and plan.next_level.id == "senior-pm"
    first = [item.milestone.id for item in plan.first_items]
    assert first == list(pm_result.shortest_path)
    assert [item.milestone.id for item in plan.items[: len(first)]] == first
    assert {item.milestone.id for item in plan.items} == {gap.milestone.id for gap in pm_result.gaps}
    assert first[:2] == ["senior-pm-multi-quarter-roadmap", "senior-pm-cross-team-initiative"]
    roadmap = plan.items[0]
    assert (roadmap.answer, roadmap.note) == (Answer.PARTIAL, ROADMAP_NOTE)
    assert (plan.tenure, plan.tenure_company) == ("12-24 months", "startup")
    assert [note.milestone.id for note in plan.notes] == [
        "apm-customer-interviews",
        "senior-pm-multi-quarter-roadmap",
    ]


def test_the_plan_groups_gaps_by_category_in_ladder_category_order(pm_result: Assessment) -> None:
    plan = build_plan(pm_result, "x")
    groups = plan.by_category()
    assert [category for category, _ in groups] == [
        "execution",
        "strategy",
        "leadership",
        "people",
        "business",
        "communication",
    ]
    for _, items in groups:
        flags = [item.first for item in items]
        assert flags == sorted(flags, reverse=True)  # inside a category, the shortest path still leads


def test_the_markdown_plan(pm_result: Assessment, framework: Framework) -> None:
    text = plan_markdown(build_plan(pm_result, "assessment #4, saved 2024-05-01 09:30"))
    milestones = framework.milestone_ids()

    assert text.startswith("# Development plan: Product Manager to Senior Product Manager\n\n")
    assert (
        "Based on assessment #4, saved 2024-05-01 09:30 · framework: pmpath standard product ladder · "
        "Product Manager · 4 years in product · startup\n"
    ) in text
    assert "- **Typical time to the next step at a startup:** 12-24 months (from Product Manager)\n" in text
    senior = framework.level("senior-pm").milestones
    gaps = len(senior) - 2  # every senior-pm milestone but the why narrative and research program: 11 - 2
    assert f"- **Gaps:** {gaps}, of which 2 required\n" in text
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == [
        "## Where you stand",
        "## Start here: the shortest path",
        "## Gaps by category",
        "## Evidence to collect",
        "## Evidence you have already noted",
        "## To review with your manager",
    ]
    roadmap = milestones["senior-pm-multi-quarter-roadmap"]
    assert f"1. {roadmap.text} (strategy, required; now: Partly)\n" in text
    assert (
        f"- [ ] **first** · required · {roadmap.text} (now: Partly)\n  - Advice: {roadmap.advice}\n" in text
    )
    assert f"  - Your note so far: {ROADMAP_NOTE}\n" in text
    assert f"- [ ] {roadmap.evidence} (**first**)\n" in text
    interviews = milestones["apm-customer-interviews"]
    assert f"- {interviews.text} (Yes): {INTERVIEWS_NOTE}\n" in text
    checklist = text.split("## To review with your manager\n\n")[1].splitlines()
    # roadmap partial (3 x 0.5) + why narrative 2 + research program 2 = 5.5 of 23: 23.9%, rounded down
    credit = {
        "senior-pm-multi-quarter-roadmap": Fraction(1, 2),
        "senior-pm-why-narrative": Fraction(1),
        "senior-pm-research-program": Fraction(1),
    }
    earned = sum(milestones[key].weight * share for key, share in credit.items())
    percent = math.floor(100 * earned / sum(m.weight for m in senior))
    assert checklist[0] == (
        "- [ ] Agree that Product Manager is where I operate today, and on my readiness for "
        f"Senior Product Manager ({percent}%)."
    )
    assert (
        "- [ ] Find one concrete opportunity to show each of the 2 required milestones still open."
        in checklist
    )
    assert (
        checklist[-2]
        == "- [ ] Set a date to assess again with `pmpath assess` (typical time to the next step: 12-24 months)."
    )
    assert all(line.startswith("- [ ] ") for line in checklist)


def test_without_a_company_the_general_tenure_is_used(framework: Framework) -> None:
    plan = build_plan(assess(framework, pm_at_a_startup(framework, company=None)), "x")
    assert (plan.tenure, plan.tenure_company) == ("2-3 years", None)
    assert "- **Typical time to the next step:** 2-3 years (from Product Manager)\n" in plan_markdown(plan)


def test_a_plan_below_the_first_level(framework: Framework) -> None:
    sheet = AnswerSheet(responses={"apm-ships-scoped-tasks": Response(Answer.YES)})
    text = plan_markdown(build_plan(assess(framework, sheet), "x"))
    assert text.startswith("# Development plan: getting to Associate Product Manager\n")
    assert "- **Current level:** not yet at the first level\n" in text
    assert "Typical time" not in text
    assert (
        "Agree that I am not yet at the first level, and on my readiness for Associate Product Manager"
        in text
    )


def test_a_plan_at_the_top_of_the_ladder(framework: Framework) -> None:
    sheet = AnswerSheet(responses={m.id: Response(Answer.YES) for m in framework.milestones()})
    plan = build_plan(assess(framework, sheet), "x")
    text = plan_markdown(plan)
    assert plan.items == ()
    assert text.startswith("# Development plan: Chief Product Officer\n")
    assert "You meet every level of this ladder: there is no next level to plan for." in text
    assert "## Gaps by category" not in text


def test_markdown_special_characters_in_notes_are_escaped(framework: Framework) -> None:
    sheet = pm_at_a_startup(framework)
    responses = dict(sheet.responses)
    responses["senior-pm-multi-quarter-roadmap"] = Response(Answer.PARTIAL, "Q1 | Q2 roadmap\x1b[31m")
    text = plan_markdown(build_plan(assess(framework, AnswerSheet(sheet.profile, responses)), "x"))
    assert "Q1 \\| Q2 roadmap\\x1b[31m" in text and "\x1b" not in text


# ---------------------------------------------------------------- the command


def test_plan_without_history_or_answers_says_what_to_do() -> None:
    code, stdout, stderr = cli("plan")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "Error: no saved assessment of the ladder 'pmpath standard product ladder' to plan from\n"
        "Run `pmpath assess` first (it saves by default), or pass --answers FILE.\n"
    )


def test_plan_defaults_to_the_latest_saved_assessment(framework: Framework) -> None:
    history.save_assessment(assess(framework, pm_at_a_startup(framework)), saved_at="2024-05-01T09:30:00Z")
    history.save_assessment(assess(framework, AnswerSheet()), saved_at="2024-01-01T09:30:00Z")

    code, stdout, stderr = cli("plan")

    assert (code, stderr) == (0, "")
    assert stdout.startswith("# Development plan: Product Manager to Senior Product Manager\n")
    assert "Based on assessment #1, saved 2024-05-01 09:30" in stdout
    code, stdout, _ = cli("plan", "2")
    assert code == 0 and stdout.startswith("# Development plan: getting to Associate Product Manager\n")
    assert cli("plan", "3")[0] == 2


def test_plan_from_an_answers_file_as_json(tmp_path: Path, framework: Framework) -> None:
    answers = tmp_path / "me.json"
    sheet = pm_at_a_startup(framework)
    document = {
        "profile": {"years": 4, "company": "startup"},
        "answers": {
            m: {"answer": r.answer.value, "evidence": r.evidence} if r.evidence else r.answer.value
            for m, r in sheet.responses.items()
        },
    }
    answers.write_text(json.dumps(document), encoding="utf-8")

    code, stdout, _ = cli("plan", "--answers", str(answers), "--json")

    assert code == 0
    plan = json.loads(stdout)
    assert plan["source"] == f"the answers in {answers}"
    assert (plan["level"]["id"], plan["next_level"]["id"]) == ("pm", "senior-pm")
    assert plan["typical_time_to_next_step"] == "12-24 months" and plan["company"] == "startup"
    assert plan["items"][0] == {
        "milestone": "senior-pm-multi-quarter-roadmap",
        "text": framework.milestone_ids()["senior-pm-multi-quarter-roadmap"].text,
        "category": "strategy",
        "required": True,
        "weight": 3,
        "answer": "partial",
        "shortest_path": True,
        "advice": framework.milestone_ids()["senior-pm-multi-quarter-roadmap"].advice,
        "evidence": framework.milestone_ids()["senior-pm-multi-quarter-roadmap"].evidence,
        "note": ROADMAP_NOTE,
    }
    flags = [item["shortest_path"] for item in plan["items"]]
    assert flags == sorted(flags, reverse=True)


def test_plan_output_refuses_to_overwrite_without_force(tmp_path: Path, framework: Framework) -> None:
    history.save_assessment(assess(framework, pm_at_a_startup(framework)))
    target = tmp_path / "plan.md"

    code, stdout, stderr = cli("plan", "--output", str(target))
    assert (code, stdout) == (0, "")
    assert stderr == f"Development plan written to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# Development plan: Product Manager to Senior")

    target.write_text("my own edits\n", encoding="utf-8")
    code, _, stderr = cli("plan", "-o", str(target))
    assert code == 2
    assert (
        stderr
        == f"Error: {target} already exists; pmpath does not overwrite it\nAdd --force to replace it.\n"
    )
    assert target.read_text(encoding="utf-8") == "my own edits\n"

    assert cli("plan", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Development plan:")


def test_plan_takes_an_id_or_answers_not_both(tmp_path: Path) -> None:
    code, _, stderr = cli("plan", "1", "--answers", str(tmp_path / "a.yaml"))
    assert code == 2
    assert "give a saved assessment ID or --answers FILE, not both" in stderr

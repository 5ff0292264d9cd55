"""The shipped ladder's content rules: what a reviewer checks by reading, checked on every change."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from conftest import DATA
from helpers import cli, shipped

from pmpath.matching import find_level
from pmpath.model import AREAS
from pmpath.transitions import load_transitions
from pmpath.wording import About

LADDER = shipped()
IC_AREAS_EVERYWHERE = ("product-craft", "customer-insight", "data", "strategy", "influence")


def test_every_competency_area_appears_at_three_levels_or_more() -> None:
    levels_of: dict[str, set[str]] = defaultdict(set)
    for milestone in LADDER.milestones():
        levels_of[milestone.category].add(milestone.level)
    assert set(levels_of) == set(AREAS)
    assert all(len(levels) >= 3 for levels in levels_of.values()), dict(levels_of)


def test_the_core_areas_appear_at_every_individual_contributor_level() -> None:
    for level in LADDER.levels:
        if level.track == "individual-contributor":
            areas = {m.category for m in level.milestones}
            assert set(IC_AREAS_EVERYWHERE) <= areas, (level.id, set(IC_AREAS_EVERYWHERE) - areas)


def test_required_milestones_hold_in_any_company() -> None:
    for milestone in LADDER.milestones():
        if milestone.required:
            assert not milestone.applies_when and not milestone.may_not_apply, milestone.id


def test_every_level_from_pm_up_asks_for_a_result_of_weight_two_or_more() -> None:
    outcome = re.compile(r"\b(target|moved|met|fell|rose|result|holding|grew)\b", re.IGNORECASE)
    for level in LADDER.levels:
        if level.rank >= 2:
            assert any(m.weight >= 2 and outcome.search(m.text) for m in level.milestones), level.id


def test_questions_speak_to_you_and_can_be_answered_yes_partly_or_not_yet() -> None:
    for milestone in LADDER.milestones():
        assert re.match(r"(Have|Do|Are|Is) you\b", milestone.question), milestone.id
        assert milestone.question.endswith("?"), milestone.id
        assert milestone.evidence and milestone.advice, milestone.id


def test_every_question_phrases_cleanly_about_someone_else() -> None:
    about = About("Alice")
    for milestone in LADDER.milestones():
        phrased = about.phrase(milestone.question)
        assert "Alice" in phrased and not re.search(r"\byou(r|rs|rself)?\b", phrased, re.IGNORECASE), (
            milestone.id,
            phrased,
        )


@pytest.mark.parametrize("name", ["principal pm", "staff pm", "Staff Product Manager"])
def test_the_individual_contributor_branch_is_found_by_its_usual_names(name: str) -> None:
    assert find_level(LADDER, name).id == "principal-pm"


def test_the_seed_facts_are_kept() -> None:
    level = LADDER.level
    assert [lvl.id for lvl in LADDER.tree_order()] == [
        "apm", "pm", "senior-pm", "principal-pm", "group-pm", "director", "vp-product", "cpo",
    ]  # fmt: skip
    assert level("apm").typical_tenure == "1-2 years"
    assert "3-6 years" in level("senior-pm").summary
    assert "1-3 PMs" in level("group-pm").summary and "player-coach" in level("group-pm").summary
    assert "manager of managers" in level("director").summary
    assert "$125k-175k" in (level("director").compensation or "")
    assert "C-suite" in level("cpo").summary and "reports to the CEO" in level("cpo").summary
    assert LADDER.children(level("senior-pm")) == (level("principal-pm"), level("group-pm"))


def test_the_head_of_product_alias_and_the_startup_note_agree() -> None:
    assert find_level(LADDER, "Head of Product").id == "group-pm"
    assert "Head of Product or Director title maps to Group PM" in LADDER.companies["startup"]


def test_every_background_has_a_way_in_with_its_pitfalls() -> None:
    transitions = load_transitions(DATA, LADDER)
    assert transitions is not None
    wanted = {"engineering", "design", "marketing", "sales", "customer-success", "data", "project", "other"}
    assert {path.background for path in transitions.paths} == wanted
    for path in transitions.paths:
        assert path.pitfalls and path.first_steps and path.exercise, path.background
    assert cli("transition", "other")[0] == 0


def test_the_shipped_ladder_is_valid_with_warnings_as_errors() -> None:
    status, out, err = cli("validate", "--strict")
    assert status == 0, out + err

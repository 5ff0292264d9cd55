"""The shipped ladder: the facts and shape a user relies on when reading or scoring against it."""

from __future__ import annotations

from collections import Counter

import pytest
from personas import DATA, shipped

from pmpath.model import CATEGORIES, TRACKS, Framework, Level
from pmpath.transitions import load_transitions

EXPECTED_LEVELS = [
    ("apm", "Associate Product Manager"),
    ("pm", "Product Manager"),
    ("senior-pm", "Senior Product Manager"),
    ("group-pm", "Group Product Manager"),
    ("director", "Director of Product"),
    ("vp-product", "VP of Product"),
    ("cpo", "Chief Product Officer"),
]
LEVEL_IDS = [level_id for level_id, _ in EXPECTED_LEVELS]


@pytest.fixture(scope="module")
def ladder() -> Framework:
    return shipped()


def level(framework: Framework, level_id: str) -> Level:
    return framework.level(level_id)


def test_seven_levels_in_order(ladder: Framework) -> None:
    assert [(lv.id, lv.title) for lv in ladder.levels] == EXPECTED_LEVELS
    assert [lv.rank for lv in ladder.levels] == list(range(1, 8))


def test_tracks_rise_from_ic_to_executive(ladder: Framework) -> None:
    tracks = [lv.track for lv in ladder.levels]
    assert set(tracks) <= set(TRACKS)
    assert tracks[:3] == ["individual-contributor"] * 3
    assert tracks[3] == "people-manager"  # group-pm: the first people-management role
    assert tracks[-1] == "executive"
    assert [TRACKS.index(t) for t in tracks] == sorted(TRACKS.index(t) for t in tracks)


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_level_is_fully_described(ladder: Framework, level_id: str) -> None:
    lv = level(ladder, level_id)
    assert len(lv.responsibilities) >= 4
    for text in (lv.summary, lv.scope, lv.mindset, lv.typical_tenure, lv.reports_to, lv.manages):
        assert text.strip(), f"{level_id} has an empty description field"
    assert lv.pass_threshold == 0.8


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_level_milestones_are_usable(ladder: Framework, level_id: str) -> None:
    milestones = level(ladder, level_id).milestones
    assert len(milestones) >= 6
    required = [m for m in milestones if m.required]
    assert 1 <= len(required) < len(milestones), "some required, not all"
    for m in milestones:
        assert m.level == level_id
        assert m.id.startswith(f"{level_id}-"), m.id
        assert m.evidence.strip(), m.id
        assert m.advice.strip(), m.id
        assert m.question.rstrip().endswith("?"), m.id
        assert not m.question.startswith("Is this true of you:"), f"{m.id} has no question of its own"
        assert 1 <= m.weight <= 3, m.id
        assert m.category in CATEGORIES, m.id


@pytest.mark.parametrize("level_id", LEVEL_IDS)
def test_a_level_can_be_met_without_its_optional_milestones_only_with_required(
    ladder: Framework, level_id: str
) -> None:
    """Required milestones alone must not already pass: the score threshold still matters."""
    milestones = level(ladder, level_id).milestones
    required_weight = sum(m.weight for m in milestones if m.required)
    assert required_weight / sum(m.weight for m in milestones) < level(ladder, level_id).pass_threshold


def test_ids_and_texts_are_unique(ladder: Framework) -> None:
    import yaml  # read independently of pmpath, as a reviewer would

    milestones = ladder.milestones()
    in_file = yaml.safe_load((DATA / "milestones.yaml").read_text(encoding="utf-8"))["milestones"]
    assert [m.id for m in milestones] == [entry["id"] for entry in in_file]  # all 65, none dropped
    assert [i for i, n in Counter(m.id for m in milestones).items() if n > 1] == []
    assert [t for t, n in Counter(m.text for m in milestones).items() if n > 1] == []
    assert [q for q, n in Counter(m.question for m in milestones).items() if n > 1] == []


def test_names_are_unambiguous(ladder: Framework) -> None:
    from pmpath.framework import normalize_name

    names = [n for lv in ladder.levels for n in {normalize_name(x) for x in (lv.id, lv.title, *lv.aliases)}]
    assert [n for n, count in Counter(names).items() if count > 1] == []


def test_required_facts(ladder: Framework) -> None:
    director = level(ladder, "director")
    assert director.compensation is not None and "$125k-$175k" in director.compensation
    assert "CEO" in level(ladder, "cpo").reports_to
    assert "reports to the CEO" in level(ladder, "cpo").summary
    group_pm = level(ladder, "group-pm")
    assert "1-3 PMs" in group_pm.summary
    assert group_pm.manages == "1-3 PMs"
    assert "3-6 years" in level(ladder, "senior-pm").summary
    assert level(ladder, "apm").typical_tenure == "1-2 years"
    assert level(ladder, "apm").manages == "No direct reports"


def test_company_context_for_every_company_type(ladder: Framework) -> None:
    assert set(ladder.companies) == {"startup", "scale-up", "corporate"}
    for lv in ladder.levels[:-1]:  # the top has no next step
        assert set(lv.tenure_by_company) == {"startup", "scale-up", "corporate"}, lv.id


@pytest.mark.parametrize(
    "milestone_id", ["pm-owns-product-area", "pm-metric-impact", "senior-pm-multi-quarter-roadmap"]
)
def test_ids_used_in_documentation_exist(ladder: Framework, milestone_id: str) -> None:
    assert milestone_id in ladder.milestone_ids()


def test_transitions_point_at_first_level_milestones(ladder: Framework) -> None:
    transitions = load_transitions(DATA, ladder)
    assert transitions is not None
    backgrounds = [t.background for t in transitions.paths]
    assert {"engineering", "design", "marketing"} <= set(backgrounds)
    first = {m.id for m in ladder.levels[0].milestones}
    for path in transitions.paths:
        assert set(path.likely_milestones) <= first, path.background
        assert path.exercise.strip() and path.shift.strip(), path.background

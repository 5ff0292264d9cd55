"""The scoring rules: worked examples, and the placement properties on random ladders (hypothesis)."""

from __future__ import annotations

import itertools

from helpers import ladder, sheet
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pmpath.model import Answer, AnswerSheet, Context, Framework, Profile, Response
from pmpath.scoring import assess, reaches, score_levels, shortest_path

MARKET = Context(
    "market", "Who uses it?", (("b2b", "B2B"), ("consumer", "Consumer"), ("internal", "Internal"))
)
RAISES = {None: ("yes",), "no": ("partial", "yes"), "partial": ("yes",)}


# ---------------------------------------------------------------- worked examples


def test_a_score_is_the_weighted_share_of_credit() -> None:
    framework = ladder([("a", None, [(3, True), (2, False), (1, False)]), ("b", "a", [(1, True)])])
    result = assess(framework, sheet({"a-m1": "yes", "a-m2": "partial", "a-m3": "no"}))
    assert result.score_of(framework.level("a")).score == (3 + 1) / 6
    assert result.level is None  # 67% < 80%
    assert result.next_level == framework.level("a")


def test_exactly_the_threshold_meets_a_level() -> None:
    framework = ladder(
        [("a", None, [(1, True), (1, False), (1, False), (1, False), (1, False)]), ("b", "a", [(1, True)])]
    )
    four_of_five = sheet({"a-m1": "yes", "a-m2": "yes", "a-m3": "yes", "a-m4": "yes", "a-m5": "no"})
    assert assess(framework, four_of_five).level == framework.level("a")  # 0.8 is 0.8, not 0.7999...
    assert reaches(4, 5, 0.8) and not reaches(7, 9, 0.8)


def test_a_context_exclusion_takes_a_milestone_out_of_earned_and_possible_weight() -> None:
    # Three milestones of weight 2, 2 and 1; the weight-2 one is for B2B only.
    framework = ladder(
        [("a", None, [(2, True), (2, False), (1, False)]), ("b", "a", [(1, True)])],
        contexts=(MARKET,),
        extra={"a-m2": {"applies_when": {"market": ("b2b",)}}},
    )
    answers = {"a-m1": "yes", "a-m3": "yes"}
    consumer = assess(framework, sheet(answers, Profile(contexts={"market": "consumer"})))
    b2b = assess(framework, sheet(answers, Profile(contexts={"market": "b2b"})))
    unset = assess(framework, sheet(answers))
    level = framework.level("a")
    assert consumer.score_of(level).score == 3 / 3  # (2 + 1) / (2 + 1): out of both
    assert consumer.level == level
    assert b2b.score_of(level).score == 3 / 5  # it applies, unanswered: not yet
    assert unset.score_of(level).score == 3 / 5  # an unset context value means it applies
    excluded = consumer.score_of(level).not_applicable
    assert [(e.milestone.id, e.context, e.value) for e in excluded] == [("a-m2", "market", "consumer")]
    assert "a-m2" not in consumer.unanswered and "a-m2" in b2b.unanswered


def test_a_doesnt_apply_answer_is_excluded_like_a_context() -> None:
    framework = ladder(
        [("a", None, [(2, True), (2, False), (1, False)]), ("b", "a", [(1, True)])],
        extra={"a-m2": {"may_not_apply": True}},
    )
    result = assess(framework, sheet({"a-m1": "yes", "a-m2": "na", "a-m3": "yes"}))
    score = result.score_of(framework.level("a"))
    assert (score.earned, score.possible, score.total) == (6, 6, 10)  # half points: 3 of 3 counted, of 5
    assert [(e.milestone.id, e.context) for e in score.not_applicable] == [("a-m2", None)]
    assert score.asked and score.met


def test_a_level_where_less_than_half_applies_cannot_be_met() -> None:
    framework = ladder(
        [("a", None, [(1, True), (2, False), (2, False)]), ("b", "a", [(1, True)])],
        extra={"a-m2": {"may_not_apply": True}, "a-m3": {"may_not_apply": True}},
    )
    result = assess(framework, sheet({"a-m1": "yes", "a-m2": "na", "a-m3": "na"}))
    score = result.score_of(framework.level("a"))
    assert score.score == 1.0 and not score.applies_enough and not score.met
    assert result.level is None
    assert shortest_path(framework.level("a"), result.sheet, score) == []  # no answer can meet it


def test_lower_rung_chores_do_not_hold_a_level_back_but_its_required_milestones_do() -> None:
    framework = ladder(
        [
            ("a", None, [(3, True), (2, False), (2, False)]),
            ("b", "a", [(3, True), (2, False)]),
            ("c", "b", [(3, True), (1, False)]),
        ]
    )
    chores_skipped = {
        "a-m1": "yes",
        "a-m2": "no",
        "a-m3": "no",
        "b-m1": "yes",
        "b-m2": "no",
        "c-m1": "yes",
        "c-m2": "yes",
    }
    result = assess(framework, sheet(chores_skipped))
    assert result.level == framework.level("c")
    assert all(score.met for score in result.scores)  # a and b are met: below the met level c
    required_missed = {**chores_skipped, "b-m1": "partial"}
    held = assess(framework, sheet(required_missed))
    assert held.level is None or held.level.rank < 3
    assert held.score_of(framework.level("c")).held_back_by == "b-m1"


def test_levels_not_asked_below_a_met_level_count_as_met() -> None:
    framework = ladder(
        [
            ("a", None, [(1, True), (1, False), (1, False)]),
            ("b", "a", [(1, True), (1, False)]),
            ("c", "b", [(1, True)]),
        ]
    )
    result = assess(framework, sheet({"b-m1": "yes", "b-m2": "yes"}))
    a, b, c = (result.score_of(framework.level(x)) for x in "abc")
    assert result.level == framework.level("b")
    assert (a.asked, a.met, a.met_on_evidence) == (False, True, False)
    assert (b.asked, b.met) == (True, True)
    assert (c.asked, c.met) == (False, False)


def test_a_fork_gives_a_next_step_per_branch_preferring_the_persons_track() -> None:
    framework = ladder(
        [
            ("a", None, [(1, True)]),
            ("ic", "a", [(1, True), (1, False)]),
            ("mgr", "a", [(1, True), (1, False)]),
        ]
    )
    answers = {"a-m1": "yes", "mgr-m1": "yes"}  # 50% of mgr, 0% of ic
    on_ic_track = assess(framework, sheet(answers))  # the current level a is IC
    assert [s.level.id for s in on_ic_track.next_steps] == ["ic", "mgr"]
    assert on_ic_track.next_level == framework.level("ic") and on_ic_track.readiness == 0.0
    titled = assess(framework, sheet(answers, Profile(title="MGR")))  # the title names the manager level
    assert [s.level.id for s in titled.next_steps] == ["mgr", "ic"]
    assert titled.readiness == 0.5 and titled.gaps == titled.next_steps[0].gaps


def test_two_met_levels_of_the_same_rank_go_to_the_persons_track_then_the_higher_score() -> None:
    framework = ladder(
        [
            ("a", None, [(1, True)]),
            ("ic", "a", [(1, True), (1, False), (1, False), (1, False), (1, False)]),
            ("mgr", "a", [(1, True), (1, False), (1, False), (1, False), (1, False)]),
        ]
    )
    all_yes = {m.id: "yes" for m in framework.milestones()}
    ic_less = {**all_yes, "ic-m5": "no"}  # ic 80%, mgr 100%
    assert assess(framework, sheet(ic_less)).level == framework.level("mgr")  # the higher score
    assert assess(framework, sheet(ic_less, Profile(title="IC"))).level == framework.level(
        "ic"
    )  # the title's track
    assert assess(framework, sheet(all_yes)).level == framework.level("ic")  # equal: file order


def test_the_top_of_a_branch_has_no_next_steps() -> None:
    framework = ladder([("a", None, [(1, True)]), ("b", "a", [(1, True)])])
    result = assess(framework, sheet({"a-m1": "yes", "b-m1": "yes"}))
    assert result.level == framework.level("b")
    assert result.next_steps == () and result.readiness is None and result.gaps == ()


# ---------------------------------------------------------------- random ladders


@st.composite
def ladders(draw: st.DrawFn, min_levels: int = 2) -> Framework:
    """A random tree of 2-7 levels, each with 2-7 milestones, at least one of them required."""
    count = draw(st.integers(min_levels, 7))
    spec = []
    for index in range(count):
        parent = None if index == 0 else f"l{draw(st.integers(0, index - 1))}"
        size = draw(st.integers(2, 7))
        weights = draw(st.lists(st.integers(1, 3), min_size=size, max_size=size))
        required = draw(st.lists(st.booleans(), min_size=size, max_size=size))
        required[draw(st.integers(0, size - 1))] = True
        spec.append((f"l{index}", parent, list(zip(weights, required, strict=True))))
    threshold = draw(st.sampled_from([0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0]))
    return ladder(spec, threshold=threshold)


@st.composite
def ladder_and_level(draw: st.DrawFn) -> tuple[Framework, str]:
    framework = draw(ladders())
    deeper = [level.id for level in framework.levels if level.rank >= 2]
    assume(deeper)
    return framework, draw(st.sampled_from(deeper))


@given(ladder_and_level(), st.data())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_property_lower_rung_chores_dont_hold_a_person_back(
    case: tuple[Framework, str], data: st.DataObject
) -> None:
    """Yes on L's path but the first level's non-required ones, up to three non-required misses on one level below: at L."""
    framework, target = case
    path = framework.path(framework.level(target))
    answers: dict[str, str] = {}
    for level in path:
        for milestone in level.milestones:
            answers[milestone.id] = "yes" if level is not path[0] or milestone.required else "no"
    below = data.draw(st.sampled_from(path[:-1]))
    optional = [m.id for m in below.milestones if not m.required]
    for milestone_id in data.draw(
        st.lists(st.sampled_from(optional), max_size=3, unique=True) if optional else st.just([])
    ):
        answers[milestone_id] = "no"
    assert assess(framework, sheet(answers)).level == framework.level(target)


@given(ladder_and_level())
@settings(max_examples=300)
def test_property_evidence_at_a_level_alone_is_not_enough(case: tuple[Framework, str]) -> None:
    framework, target = case
    level = framework.level(target)
    answers = {m.id: "yes" for m in level.milestones}
    for below in framework.path(level)[:-1]:
        answers.update({m.id: "no" for m in below.milestones})
    result = assess(framework, sheet(answers))
    assert result.level != level
    assert not result.score_of(level).met


@given(ladder_and_level(), st.data())
@settings(max_examples=300)
def test_property_required_milestones_still_gate(case: tuple[Framework, str], data: st.DataObject) -> None:
    framework, target = case
    level = framework.level(target)
    answers = {m.id: "yes" for below in framework.path(level) for m in below.milestones}
    required = [m.id for m in level.milestones if m.required]
    answers[data.draw(st.sampled_from(required))] = data.draw(st.sampled_from(["partial", "no"]))
    result = assess(framework, sheet(answers))
    assert not result.score_of(level).met
    assert result.level is None or result.level.rank < level.rank


@st.composite
def ladder_sheet_and_raise(draw: st.DrawFn) -> tuple[Framework, AnswerSheet, str, str]:
    framework = draw(ladders())
    answers: dict[str, str] = {}
    for milestone in framework.milestones():
        choice = draw(st.sampled_from([None, "no", "partial", "yes"]))
        if choice is not None:
            answers[milestone.id] = choice
    raisable = [m.id for m in framework.milestones() if answers.get(m.id) in RAISES]
    assume(raisable)
    milestone_id = draw(st.sampled_from(raisable))
    return framework, sheet(answers), milestone_id, draw(st.sampled_from(RAISES[answers.get(milestone_id)]))


@given(ladder_sheet_and_raise())
@settings(max_examples=500)
def test_property_raising_one_answer_never_lowers_anything(
    case: tuple[Framework, AnswerSheet, str, str],
) -> None:
    """The level's rank, every level's score and met status, and every readiness never go down."""
    framework, before_sheet, milestone_id, raised = case
    after_sheet = before_sheet._replace(
        responses={**before_sheet.responses, milestone_id: Response(Answer(raised))}
    )
    before, after = assess(framework, before_sheet), assess(framework, after_sheet)
    assert (after.level.rank if after.level else 0) >= (before.level.rank if before.level else 0)
    for old, new in zip(before.scores, after.scores, strict=True):
        assert new.score >= old.score
        assert new.met or not old.met
    readiness = {step.level.id: step.readiness for step in before.next_steps}
    for step in after.next_steps:
        if step.level.id in readiness:
            assert step.readiness >= readiness[step.level.id]


@given(ladders(), st.data())
@settings(max_examples=200)
def test_property_the_shortest_path_is_minimal(framework: Framework, data: st.DataObject) -> None:
    """No smaller set of gaps, answered yes, would meet the next level (checked by brute force)."""
    answers = {m.id: data.draw(st.sampled_from(["no", "partial", "yes"])) for m in framework.milestones()}
    result = assess(framework, sheet(answers))
    step = result.next_steps[0] if result.next_steps else None
    assume(step is not None and len(step.gaps) <= 8)
    assert step is not None
    path = set(step.shortest_path)
    gap_ids = [gap.milestone.id for gap in step.gaps]

    def meets(chosen: set[str]) -> bool:
        trial = {**answers, **dict.fromkeys(chosen, "yes")}
        return score_levels(framework, sheet(trial))[framework.levels.index(step.level)].qualified

    assert meets(path) or not result.score_of(step.level).applies_enough
    for size in range(len(path)):
        assert not any(meets(set(combo)) for combo in itertools.combinations(gap_ids, size))


@given(ladders())
@settings(max_examples=100)
def test_property_all_yes_meets_every_level_and_all_no_none(framework: Framework) -> None:
    everything = {m.id: "yes" for m in framework.milestones()}
    top = assess(framework, sheet(everything))
    assert all(score.met for score in top.scores)
    assert top.level is not None and top.level.rank == framework.depth
    nothing = assess(framework, sheet(dict.fromkeys(everything, "no")))
    assert nothing.level is None and nothing.next_level == framework.roots[0]

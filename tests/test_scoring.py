"""The scoring rules (pmpath.scoring), on small hand-built ladders and on random ones."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.model import Answer, AnswerSheet, Framework, Level, Milestone, Response
from pmpath.scoring import assess, score_levels, shortest_path

Y, P, N = Answer.YES, Answer.PARTIAL, Answer.NO
CREDIT = {Y: Fraction(1), P: Fraction(1, 2), N: Fraction(0)}

# A milestone spec: weight, or (weight, required).
Spec = int | tuple[int, bool]


def ladder(*levels: tuple[float, Sequence[Spec]]) -> Framework:
    """Levels L1, L2, ... from (threshold, milestone specs); milestone ids are L<rank>-<n>."""
    built = []
    for rank, (threshold, specs) in enumerate(levels, start=1):
        milestones = []
        for number, spec in enumerate(specs, start=1):
            weight, required = spec if isinstance(spec, tuple) else (spec, False)
            milestones.append(
                Milestone(
                    id=f"L{rank}-{number}",
                    level=f"L{rank}",
                    text=f"Milestone {number} of level {rank}.",
                    question=f"Q{rank}.{number}?",
                    weight=weight,
                    required=required,
                )
            )
        built.append(
            Level(
                id=f"L{rank}",
                title=f"Level {rank}",
                rank=rank,
                pass_threshold=threshold,
                milestones=tuple(milestones),
            )
        )
    return Framework(name="test", levels=tuple(built))


def sheet(answers: dict[str, Answer]) -> AnswerSheet:
    return AnswerSheet(responses={key: Response(value) for key, value in answers.items()})


def answers_for(level_id: str, values: Sequence[Answer | None]) -> dict[str, Answer]:
    """Answers to a level's milestones in order; None leaves one unanswered."""
    return {f"{level_id}-{i}": value for i, value in enumerate(values, start=1) if value is not None}


# --------------------------------------------------------------------------- a level's score


@pytest.mark.parametrize(
    ("weights", "values", "expected"),
    [
        ([3, 2, 1], [Y, P, N], Fraction(4, 6)),
        ([1, 1], [Y, Y], Fraction(1)),
        ([1, 1], [N, N], Fraction(0)),
        ([2, 2], [P, P], Fraction(1, 2)),
        ([3, 1], [None, Y], Fraction(1, 4)),  # unanswered counts as no
        ([3, 1], [Y, None], Fraction(3, 4)),
        ([1, 2, 3], [P, Y, P], Fraction(1 + 4 + 3, 12)),
    ],
)
def test_level_score_is_the_weighted_share(
    weights: list[int], values: list[Answer | None], expected: Fraction
) -> None:
    framework = ladder((1.0, weights), (1.0, [1]))
    score = score_levels(framework, sheet(answers_for("L1", values)))[0].score
    assert score == pytest.approx(float(expected), abs=1e-12)


@pytest.mark.parametrize(
    ("threshold", "weights", "values", "met"),
    [
        # exactly at the threshold counts as met
        (0.8, [1] * 5, [Y, Y, Y, Y, N], True),
        (0.8, [1] * 5, [Y, Y, Y, P, N], False),
        (0.8, [2, 2, 1], [Y, Y, N], True),  # 4/5
        # thresholds whose float arithmetic lands a hair below the exact value
        (0.7, [1] * 10, [Y] * 7 + [N] * 3, True),
        (0.7, [1] * 10, [Y] * 6 + [P, P, N, N], True),  # 7/10 through two partials
        (0.7, [1] * 10, [Y] * 6 + [P, N, N, N], False),
        (0.8, [1] * 10, [Y] * 8 + [N] * 2, True),  # sum of 1/10 eight times is 0.7999...
        (0.9, [1] * 10, [Y] * 9 + [N], True),  # sum of 1/10 nine times is 0.8999...
        (
            0.55,
            [2] * 24 + [1, 1],
            [Y] * 13 + [N] * 11 + [Y, P],
            True,
        ),  # 27.5/50; 0.55*50 = 27.500000000000004
        (0.55, [2] * 24 + [1, 1], [Y] * 13 + [N] * 11 + [Y, N], False),
        (1.0, [1, 1, 1], [Y, Y, P], False),
        (1.0, [1, 1, 1], [Y, Y, Y], True),
        (0.5, [1, 1], [P, P], True),
    ],
)
def test_threshold_reached_exactly_is_met(
    threshold: float, weights: list[int], values: list[Answer], met: bool
) -> None:
    framework = ladder((threshold, weights), (1.0, [1]))
    assert score_levels(framework, sheet(answers_for("L1", values)))[0].met is met


def test_required_partial_blocks_the_level() -> None:
    framework = ladder((0.5, [(1, True), 3, 3]), (1.0, [1]))
    scores = score_levels(framework, sheet(answers_for("L1", [P, Y, Y])))
    assert scores[0].score == pytest.approx(6.5 / 7)
    assert scores[0].met is False
    assert scores[0].missing_required == ("L1-1",)


def test_missing_required_lists_every_required_not_yes_in_order() -> None:
    framework = ladder((0.5, [(1, True), 2, (3, True), (1, True)]), (1.0, [1]))
    scores = score_levels(framework, sheet(answers_for("L1", [N, Y, P, Y])))
    assert scores[0].missing_required == ("L1-1", "L1-3")


def test_levels_are_cumulative() -> None:
    framework = ladder((0.8, [1, 1]), (0.8, [1, 1]), (0.8, [1]))
    result = assess(framework, sheet({**answers_for("L1", [Y, N]), **answers_for("L2", [Y, Y])}))
    assert [s.met for s in result.scores] == [False, False, False]
    assert result.scores[1].score == 1.0
    assert result.level is None
    assert result.next_level is not None and result.next_level.id == "L1"


def test_current_level_is_the_highest_met_in_a_row() -> None:
    framework = ladder((0.8, [1]), (0.8, [1]), (0.8, [1]), (0.8, [1]))
    result = assess(framework, sheet({"L1-1": Y, "L2-1": Y, "L3-1": N, "L4-1": Y}))
    assert result.level is not None and result.level.id == "L2"
    assert result.next_level is not None and result.next_level.id == "L3"
    assert [s.met for s in result.scores] == [True, True, False, False]


def test_nothing_met_next_is_the_first_level() -> None:
    framework = ladder((0.5, [2, 2]), (0.5, [1]))
    result = assess(framework, sheet({"L1-1": P}))
    assert result.level is None
    assert result.next_level is not None and result.next_level.id == "L1"
    assert result.readiness == pytest.approx(0.25)
    assert [g.milestone.id for g in result.gaps] == ["L1-1", "L1-2"]
    assert result.unanswered == ("L1-2", "L2-1")


def test_top_of_the_ladder() -> None:
    framework = ladder((0.8, [1]), (0.8, [1, 1]))
    result = assess(framework, sheet({"L1-1": Y, "L2-1": Y, "L2-2": Y}))
    assert result.level is not None and result.level.id == "L2"
    assert result.next_level is None
    assert result.readiness is None
    assert result.gaps == ()
    assert result.shortest_path == ()
    assert result.unanswered == ()


def test_readiness_is_the_next_level_score() -> None:
    framework = ladder((0.8, [1]), (0.8, [3, 1]), (0.8, [1]))
    result = assess(framework, sheet({"L1-1": Y, "L2-1": P, "L2-2": Y}))
    assert result.next_level is not None and result.next_level.id == "L2"
    assert result.readiness == pytest.approx(2.5 / 4)


def test_gap_order_required_then_heaviest_then_file_order() -> None:
    # L2 milestones: 1 w1, 2 w3, 3 w2 required, 4 w2, 5 w3, 6 w1 required (yes), 7 w1 required
    framework = ladder(
        (0.8, [1]),
        (0.8, [1, 3, (2, True), 2, 3, (1, True), (1, True)]),
    )
    answers = {"L1-1": Y, **answers_for("L2", [N, P, N, None, N, Y, P])}
    result = assess(framework, sheet(answers))
    assert [g.milestone.id for g in result.gaps] == ["L2-3", "L2-7", "L2-2", "L2-5", "L2-4", "L2-1"]
    assert [g.answer for g in result.gaps] == [N, P, P, N, N, N]


# --------------------------------------------------------------------------- the shortest path


def test_shortest_path_takes_every_missing_required_first() -> None:
    framework = ladder((0.5, [(1, True), (1, True), 3, 3]), (1.0, [1]))
    # Score is already 6/8 >= 0.5, but two required are missing: they alone are the path.
    result = assess(framework, sheet(answers_for("L1", [N, P, Y, Y])))
    assert result.shortest_path == ("L1-1", "L1-2")


def test_shortest_path_prefers_the_largest_gain() -> None:
    framework = ladder((0.75, [1, 1, 3, 2, 1]), (1.0, [1]))
    # 0 of 8 earned; need 6: 3 + 2 + 1 (three items) is the fewest.
    result = assess(framework, sheet({}))
    assert result.shortest_path == ("L1-3", "L1-4", "L1-1")
    assert [g.on_shortest_path for g in result.gaps] == [True, True, True, False, False]


def test_partial_gains_half_its_weight_and_ranks_below_a_no_of_the_same_weight() -> None:
    # A (w2, partial) gains 1, B (w2, no) gains 2. Need 9 of 10: only B gets there alone.
    framework = ladder((0.9, [3, 3, 2, 2]), (1.0, [1]))
    result = assess(framework, sheet(answers_for("L1", [Y, Y, P, N])))
    assert [g.milestone.id for g in result.gaps] == ["L1-3", "L1-4"]  # same weight: file order
    assert result.shortest_path == ("L1-4",)


def test_partial_is_enough_when_its_half_gain_closes_the_gap() -> None:
    framework = ladder((0.8, [3, 3, 2, 2]), (1.0, [1]))
    result = assess(framework, sheet(answers_for("L1", [Y, Y, P, N])))
    assert len(result.shortest_path) == 1


def test_shortest_path_when_score_is_enough_but_required_missing() -> None:
    framework = ladder((0.8, [1]), (0.6, [(3, True), 1, 1, 1, 1, 1, 1, 1]))
    result = assess(framework, sheet({"L1-1": Y, **answers_for("L2", [P] + [Y] * 7)}))
    assert result.next_level is not None and result.next_level.id == "L2"
    assert result.shortest_path == ("L2-1",)


# --------------------------------------------------------------------------- random ladders


THRESHOLDS = [0.5, 0.6, 0.75, 0.8, 1.0]
ANSWER_OR_NONE = st.sampled_from([Y, P, N, None])
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def frameworks(draw: st.DrawFn, max_levels: int = 5, max_milestones: int = 6) -> Framework:
    count = draw(st.integers(2, max_levels))
    levels = []
    for _ in range(count):
        specs = draw(
            st.lists(st.tuples(st.integers(1, 3), st.booleans()), min_size=1, max_size=max_milestones)
        )
        levels.append((draw(st.sampled_from(THRESHOLDS)), specs))
    return ladder(*levels)


@st.composite
def assessed(draw: st.DrawFn, max_milestones: int = 6) -> tuple[Framework, dict[str, Answer]]:
    framework = draw(frameworks(max_milestones=max_milestones))
    answers = {}
    for milestone in framework.milestones():
        value = draw(ANSWER_OR_NONE)
        if value is not None:
            answers[milestone.id] = value
    return framework, answers


def rank_of(framework: Framework, answers: dict[str, Answer]) -> int:
    level = assess(framework, sheet(answers)).level
    return level.rank if level else 0


def brute_force_meets(level: Level, answers: dict[str, Answer]) -> bool:
    total = sum(m.weight for m in level.milestones)
    earned = sum(m.weight * CREDIT[answers.get(m.id, N)] for m in level.milestones)
    required_ok = all(answers.get(m.id) is Y for m in level.milestones if m.required)
    return required_ok and Fraction(earned) / total >= Fraction(str(level.pass_threshold))


@PROPERTY
@given(assessed(), st.data())
def test_raising_one_answer_never_lowers_anything(
    case: tuple[Framework, dict[str, Answer]], data: st.DataObject
) -> None:
    framework, answers = case
    milestone = data.draw(st.sampled_from(framework.milestones()))
    now = answers.get(milestone.id, N)
    higher = {N: [P, Y], P: [Y], Y: []}[now]
    if not higher:
        return
    raised = {**answers, milestone.id: data.draw(st.sampled_from(higher))}
    before = score_levels(framework, sheet(answers))
    after = score_levels(framework, sheet(raised))
    assert rank_of(framework, raised) >= rank_of(framework, answers)
    for old, new in zip(before, after, strict=True):
        assert new.score >= old.score
        assert new.met or not old.met


@PROPERTY
@given(frameworks())
def test_all_yes_is_the_top_and_all_no_is_below_the_first(framework: Framework) -> None:
    top = assess(framework, sheet({m.id: Y for m in framework.milestones()}))
    assert top.level == framework.levels[-1]
    assert (top.next_level, top.readiness, top.gaps) == (None, None, ())
    for nothing in ({}, {m.id: N for m in framework.milestones()}):
        bottom = assess(framework, sheet(nothing))
        assert bottom.level is None
        assert bottom.next_level == framework.levels[0]
        assert bottom.readiness == 0.0
        assert len(bottom.gaps) == len(framework.levels[0].milestones)


@PROPERTY
@given(frameworks(), st.data())
def test_yes_up_to_a_level_places_you_exactly_there(framework: Framework, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(framework.levels) - 1))
    answers = {
        m.id: (Y if rank <= index else N)
        for rank, level in enumerate(framework.levels)
        for m in level.milestones
    }
    result = assess(framework, sheet(answers))
    assert result.level == framework.levels[index]
    expected_next = framework.levels[index + 1] if index + 1 < len(framework.levels) else None
    assert result.next_level == expected_next


@PROPERTY
@given(assessed())
def test_gaps_are_the_next_levels_open_milestones(case: tuple[Framework, dict[str, Answer]]) -> None:
    framework, answers = case
    result = assess(framework, sheet(answers))
    if result.next_level is None:
        assert result.level == framework.levels[-1]
        return
    open_ids = {m.id for m in result.next_level.milestones if answers.get(m.id) is not Y}
    assert {g.milestone.id for g in result.gaps} == open_ids
    keys = [(not g.milestone.required, -g.milestone.weight) for g in result.gaps]
    assert keys == sorted(keys)
    index = framework.levels.index(result.next_level)
    assert result.readiness == result.scores[index].score
    assert all(s.met for s in result.scores[:index])
    assert result.scores[index].met is False


@PROPERTY
@given(assessed())
def test_shortest_path_meets_the_next_level_and_is_minimal(case: tuple[Framework, dict[str, Answer]]) -> None:
    framework, answers = case
    result = assess(framework, sheet(answers))
    if result.next_level is None:
        return
    target = result.next_level
    path = set(result.shortest_path)
    assert path <= {g.milestone.id for g in result.gaps}
    assert {m.id for m in target.milestones if m.required and answers.get(m.id) is not Y} <= path

    closed = {**answers, **{milestone_id: Y for milestone_id in path}}
    after = assess(framework, sheet(closed))
    assert after.level is not None and after.level.rank >= target.rank

    gap_ids = [g.milestone.id for g in result.gaps]
    smallest = next(
        size
        for size in range(len(gap_ids) + 1)
        if any(
            brute_force_meets(target, {**answers, **dict.fromkeys(chosen, Y)})
            for chosen in combinations(gap_ids, size)
        )
    )
    assert len(path) == smallest


def test_shortest_path_function_on_a_level_directly() -> None:
    framework = ladder((0.75, [(2, True), 3, 3, 1, 1]), (1.0, [1]))
    level = framework.levels[0]
    assert shortest_path(level, sheet({})) == ["L1-1", "L1-2", "L1-3"]  # 8 of 10 >= 7.5
    assert shortest_path(level, sheet({"L1-2": Y, "L1-3": P})) == ["L1-1", "L1-3"]  # 5.5 -> 7
    assert shortest_path(level, sheet({"L1-1": Y, "L1-2": Y, "L1-3": Y})) == []


# --------------------------------------------------------------------------- the README's worked example


def test_readme_worked_example_on_the_shipped_ladder() -> None:
    """README's "Worked example": the Senior PM level (eleven milestones weighing 23)."""
    from personas import shipped, yes_through

    framework = shipped()
    answers = {key: (Y if value == "yes" else N) for key, value in yes_through(framework, "pm").items()}
    example = {
        "senior-pm-multi-quarter-roadmap": Y,  # 3, required
        "senior-pm-cross-team-initiative": Y,  # 3, required
        "senior-pm-ambiguous-problem": P,  # 3
        "senior-pm-why-narrative": Y,  # 2
        "senior-pm-high-stakes-decision": N,  # 2
        "senior-pm-research-program": Y,  # 2
        "senior-pm-mentors-pms": P,  # 2
        "senior-pm-force-multiplier": N,  # 2
        "senior-pm-exec-presentation": Y,  # 1
        "senior-pm-customer-facing": N,  # 2
        "senior-pm-risk-review": N,  # 1
    }
    answers.update(example)
    senior = framework.level("senior-pm")
    assert [m.id for m in senior.milestones] == list(example)  # the example covers the whole level
    weight = {m.id: m.weight for m in senior.milestones}
    possible = sum(weight.values())
    earned = sum(weight[key] * CREDIT[value] for key, value in example.items())
    # 3 + 3 + 1.5 + 2 + 0 + 2 + 1 + 0 + 1 + 0 + 0 = 13.5 of 23
    assert (earned, possible) == (Fraction(27, 2), 23)

    result = assess(framework, sheet(answers))

    assert result.level is not None and result.level.id == "pm"
    assert result.next_level is not None and result.next_level.id == "senior-pm"
    assert result.readiness == 13.5 / 23  # 0.5870
    assert round(result.readiness, 4) == 0.587
    # 0.8 x 23 = 18.4 needed, 4.9 more. The ambiguous-problem partial would add only 1.5, each
    # weight-2 "no" adds 2: high-stakes decision 15.5, force multiplier 17.5, customer-facing 19.5.
    assert result.shortest_path == (
        "senior-pm-high-stakes-decision",
        "senior-pm-force-multiplier",
        "senior-pm-customer-facing",
    )
    path_gain = sum(weight[key] * (1 - CREDIT[example[key]]) for key in result.shortest_path)
    needed = Fraction(4, 5) * possible
    assert earned + path_gain == Fraction(39, 2) >= needed  # 19.5 >= 18.4
    gains = sorted((weight[key] * (1 - CREDIT[value]) for key, value in example.items()), reverse=True)
    assert earned + sum(gains[:2]) < needed  # no two gaps are enough: 13.5 + 2 + 2 = 17.5
    assert result.gaps[0].milestone.id == "senior-pm-ambiguous-problem"  # heaviest gap, yet not on the path

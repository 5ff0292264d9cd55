"""The scoring rules, as pure functions of a framework and an answer sheet.

Which milestones count
* A milestone whose `applies_when` excludes the person's context (a consumer PM and a
  B2B-only milestone), or that they answered "doesn't apply" (only offered where a
  milestone `may_not_apply`), is out of both the earned and the possible weight.
* An answer is worth its credit: yes 1, partly 0.5, not yet 0; unanswered counts as not yet.

One level
* Its score is sum(weight x credit) / sum(weight) over the milestones that apply.
* It *qualifies* when the score reaches its pass threshold, every required milestone
  that applies is a yes, and at least half of its weight applies.
* It is *held back* when a required milestone of a level below it on its path was
  answered partly or not yet. An unanswered one does not hold it back: the adaptive
  interview does not ask the levels below the one you meet.
* It is *met* when it qualifies and is not held back, or when a level above it on its
  path is met. So a level is judged on its own evidence: lower-rung chores (the
  optional milestones of the levels below) do not hold a person back, their required
  milestones do.

The placement
* The current level is the met level of highest rank (depth in the ladder). Between
  met levels of the same rank, the one on the person's track wins (the track of the
  level their title names), then the higher score, then file order.
* The next steps are the levels that follow the current one (the first level when none
  is met), on the person's track first (else the current level's), then the most ready.
  Each has its readiness (its score), its gaps and its shortest path; the first is
  *the* next level.
* The gaps are a level's applicable milestones not answered yes: required first, then
  heaviest, then file order. The shortest path is the smallest set of gaps that,
  answered yes, would meet it: every missing required one, then those adding the most.

Comparisons are exact: credit is counted in half points (integers), and a threshold is
taken as the decimal it was written as, so 0.8 means 0.8 and not 0.7999999.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from pmpath.model import AREAS, Answer, AnswerSheet, Framework, Level, Milestone

_HALF_POINTS = {Answer.YES: 2, Answer.PARTIAL: 1, Answer.NO: 0, None: 0}  # credit 1, 0.5, 0, doubled


class Exclusion(NamedTuple):
    """A milestone out of a person's score, and why."""

    milestone: Milestone
    context: str | None
    """The context that excludes it ("market"), or None when the person answered "doesn't apply"."""
    value: str | None
    """The person's value of that context ("consumer")."""


class LevelScore(NamedTuple):
    """How a person stands against one level."""

    level: Level
    earned: int
    """Weighted credit earned, in half points."""
    possible: int
    """Weighted credit of the milestones that apply, in half points."""
    total: int
    """Weighted credit of all the level's milestones, in half points."""
    asked: bool
    """At least one of its milestones was answered (the adaptive interview skips some levels)."""
    qualified: bool
    """Its own bar: threshold reached, required milestones yes, at least half of it applying."""
    met: bool
    """Qualified and not held back, or below a met level on its path."""
    missing_required: tuple[str, ...]
    """Ids of the applicable required milestones not answered yes."""
    not_applicable: tuple[Exclusion, ...]
    held_back_by: str | None
    """A required milestone of a lower level answered partly or not yet, which keeps it from being met."""

    @property
    def score(self) -> float:
        """0 to 1: the weighted share of the applicable milestones achieved."""
        return self.earned / self.possible if self.possible else 0.0

    @property
    def applies_enough(self) -> bool:
        """At least half of the level's weight applies to the person."""
        return 2 * self.possible >= self.total and self.possible > 0

    @property
    def met_on_evidence(self) -> bool:
        return self.qualified and self.held_back_by is None


class Gap(NamedTuple):
    """A milestone of a next level that is not answered yes."""

    milestone: Milestone
    answer: Answer | None
    """partial, no, or None (not answered)."""
    on_shortest_path: bool


class NextStep(NamedTuple):
    """One level that follows the current one, and what stands between the person and it."""

    level: Level
    readiness: float
    """The level's score."""
    gaps: tuple[Gap, ...]

    @property
    def shortest_path(self) -> tuple[str, ...]:
        return tuple(gap.milestone.id for gap in self.gaps if gap.on_shortest_path)


class Assessment(NamedTuple):
    """The computed result of one assessment: what every renderer prints."""

    framework: Framework
    sheet: AnswerSheet
    scores: tuple[LevelScore, ...]
    """One per level, in file order."""
    level: Level | None
    """The current level: the met level of highest rank, or None."""
    next_steps: tuple[NextStep, ...]
    """The levels following the current one (the first level when none is met); empty at the top."""
    unanswered: tuple[str, ...]
    """Applicable milestone ids the person was not asked or did not answer (counted as not yet)."""
    scores_by_id: Mapping[str, LevelScore]

    @property
    def next_level(self) -> Level | None:
        return self.next_steps[0].level if self.next_steps else None

    @property
    def readiness(self) -> float | None:
        """The next level's score; None at the top of the ladder."""
        return self.next_steps[0].readiness if self.next_steps else None

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return self.next_steps[0].gaps if self.next_steps else ()

    @property
    def shortest_path(self) -> tuple[str, ...]:
        return self.next_steps[0].shortest_path if self.next_steps else ()

    def score_of(self, level: Level) -> LevelScore:
        return self.scores_by_id[level.id]


# ---------------------------------------------------------------- one level


def exclusion(milestone: Milestone, sheet: AnswerSheet) -> Exclusion | None:
    """Why `milestone` is out of the person's score, or None when it counts."""
    excluded = milestone.context_exclusion(sheet.profile.contexts)
    if excluded is not None:
        return Exclusion(milestone, *excluded)
    if sheet.answer(milestone.id) is Answer.NA:
        return Exclusion(milestone, None, None)
    return None


class _Tally:
    __slots__ = ("asked", "earned", "failed_required", "possible", "total")

    def __init__(self) -> None:
        self.earned = self.possible = self.total = 0
        self.asked = False
        self.failed_required: str | None = None
        """The first required milestone answered partly or not yet."""


def _tally(level: Level, sheet: AnswerSheet) -> tuple[_Tally, list[str], list[Exclusion]]:
    """`exclusion` and `sheet.answer` by hand: a history of 10,000 records runs this 80,000 times."""
    tally = _Tally()
    missing: list[str] = []
    excluded: list[Exclusion] = []
    responses, contexts = sheet.responses, sheet.profile.contexts
    for milestone in level.milestones:
        tally.total += 2 * milestone.weight
        context = milestone.context_exclusion(contexts) if milestone.applies_when else None
        if context is not None:
            excluded.append(Exclusion(milestone, *context))
            continue
        response = responses.get(milestone.id)
        answer = response.answer if response is not None else None
        if answer is Answer.NA:
            excluded.append(Exclusion(milestone, None, None))
            tally.asked = True
            continue
        tally.asked = tally.asked or answer is not None
        tally.possible += 2 * milestone.weight
        tally.earned += milestone.weight * _HALF_POINTS[answer]
        if milestone.required and answer is not Answer.YES:
            missing.append(milestone.id)
            if answer is not None and tally.failed_required is None:
                tally.failed_required = milestone.id
    return tally, missing, excluded


def _threshold(value: float) -> tuple[int, int]:
    """A threshold as the exact decimal fraction it was written as: 0.8 -> (8, 10)."""
    text = repr(value)
    if "e" in text or "." not in text:
        return value.as_integer_ratio()
    whole, fraction = text.split(".")
    scale = 10 ** len(fraction)
    return int(whole) * scale + int(fraction), scale


def reaches(earned: int, possible: int, threshold: float) -> bool:
    numerator, denominator = _threshold(threshold)
    return earned * denominator >= numerator * possible


def score_levels(framework: Framework, sheet: AnswerSheet) -> tuple[LevelScore, ...]:
    """Every level's score, in file order; linear in the size of the ladder."""
    tallies: dict[str, tuple[_Tally, list[str], list[Exclusion]]] = {}
    held: dict[str, str | None] = {}
    tree = framework.tree_order()
    for level in tree:  # parents before children
        tallies[level.id] = _tally(level, sheet)
        parent = framework.parent(level)
        held[level.id] = None if parent is None else held[parent.id] or tallies[parent.id][0].failed_required
    met: dict[str, bool] = {}
    qualified: dict[str, bool] = {}
    for level in reversed(tree):  # children before parents
        tally, missing, _ = tallies[level.id]
        qualified[level.id] = (
            2 * tally.possible >= tally.total
            and tally.possible > 0
            and not missing
            and reaches(tally.earned, tally.possible, level.pass_threshold)
        )
        on_evidence = qualified[level.id] and held[level.id] is None
        met[level.id] = on_evidence or any(met[child.id] for child in framework.children(level))
    return tuple(
        LevelScore(
            level=level,
            earned=tallies[level.id][0].earned,
            possible=tallies[level.id][0].possible,
            total=tallies[level.id][0].total,
            asked=tallies[level.id][0].asked,
            qualified=qualified[level.id],
            met=met[level.id],
            missing_required=tuple(tallies[level.id][1]),
            not_applicable=tuple(tallies[level.id][2]),
            held_back_by=held[level.id],
        )
        for level in framework.levels
    )


# ---------------------------------------------------------------- the placement


def preferred_track(framework: Framework, sheet: AnswerSheet) -> str | None:
    """The track of the level the person's title names, if it names one."""
    from pmpath.matching import level_for_title

    titled = level_for_title(framework, sheet.profile.title)
    return titled.track if titled else None


def _preference(level: LevelScore, track: str | None, order: dict[str, int]) -> tuple[bool, float, int]:
    return (level.level.track != track, -level.score, order[level.level.id])


def ordered_gaps(level: Level, sheet: AnswerSheet) -> list[Milestone]:
    """The level's applicable milestones not answered yes: required first, heaviest first, then file order."""
    open_ = [
        m for m in level.milestones if exclusion(m, sheet) is None and sheet.answer(m.id) is not Answer.YES
    ]
    return sorted(open_, key=lambda m: (not m.required, -m.weight))  # sorted() is stable


def _gain(milestone: Milestone, sheet: AnswerSheet) -> int:
    """What answering `milestone` yes would add to its level's weighted credit, in half points."""
    return milestone.weight * (2 - _HALF_POINTS[sheet.answer(milestone.id)])


def shortest_path(level: Level, sheet: AnswerSheet, score: LevelScore) -> list[str]:
    """The fewest gaps that, answered yes, would meet `level` (whose path below is not held back).

    Every missing required milestone is on it; then the gaps that add the most, which
    for reaching a sum is the smallest set. Empty when too little of the level applies:
    no answer can meet it then.
    """
    if not score.applies_enough:
        return []
    gaps = ordered_gaps(level, sheet)
    path = [m for m in gaps if m.required]
    rest = sorted((m for m in gaps if not m.required), key=lambda m: -_gain(m, sheet))  # stable
    earned = score.earned + sum(_gain(m, sheet) for m in path)
    for milestone in rest:
        if reaches(earned, score.possible, level.pass_threshold):
            break
        path.append(milestone)
        earned += _gain(milestone, sheet)
    return [m.id for m in path]


def next_step(level: Level, sheet: AnswerSheet, score: LevelScore) -> NextStep:
    path = set(shortest_path(level, sheet, score))
    gaps = tuple(Gap(m, sheet.answer(m.id), m.id in path) for m in ordered_gaps(level, sheet))
    return NextStep(level, score.score, gaps)


def assess(framework: Framework, sheet: AnswerSheet) -> Assessment:
    """Place a person on the ladder and list what stands between them and each next level."""
    scores = score_levels(framework, sheet)
    by_id = {score.level.id: score for score in scores}
    order = {level.id: index for index, level in enumerate(framework.levels)}
    track = preferred_track(framework, sheet)
    met = [score for score in scores if score.met]
    current = None
    if met:
        top_rank = max(score.level.rank for score in met)
        tied = [score for score in met if score.level.rank == top_rank]
        current = min(tied, key=lambda s: _preference(s, track, order)).level
    following = sorted(
        (by_id[level.id] for level in framework.children(current)),
        key=lambda s: _preference(s, track or (current.track if current else None), order),
    )
    steps = tuple(next_step(score.level, sheet, score) for score in following)
    unanswered = tuple(
        m.id for m in framework.milestones() if m.id not in sheet.responses and exclusion(m, sheet) is None
    )
    return Assessment(framework, sheet, scores, current, steps, unanswered, by_id)


def area_scores(result: Assessment) -> dict[str, float]:
    """Per competency area, the weighted score (yes 1, partly 0.5) of what the person was asked.

    The milestones counted are those that apply, of every level that was asked (the
    adaptive interview skips some, and says nothing about an area through them); the
    unanswered ones of an asked level count as not yet. Areas with no milestone counted
    are left out.
    """
    return {area: tally[0] / tally[1] for area, tally in _area_tallies(result).items()}


def area_counts(result: Assessment) -> dict[str, int]:
    """Per competency area, how many milestones its `area_scores` share rests on."""
    return {area: tally[2] for area, tally in _area_tallies(result).items()}


def _area_tallies(result: Assessment) -> dict[str, tuple[int, int, int]]:
    """Per area in AREAS order: (earned, possible) in weighted half points, and the milestones counted."""
    tallies: dict[str, tuple[int, int, int]] = {}
    responses, contexts = result.sheet.responses, result.sheet.profile.contexts
    for level in result.framework.tree_order():
        if not result.score_of(level).asked:
            continue
        for milestone in level.milestones:  # `exclusion` by hand, as in `_tally`: `team` runs this 500 times
            if milestone.applies_when and milestone.context_exclusion(contexts) is not None:
                continue
            response = responses.get(milestone.id)
            answer = response.answer if response is not None else None
            if answer is Answer.NA:
                continue
            credit = _HALF_POINTS[answer]
            earned, possible, counted = tallies.get(milestone.category, (0, 0, 0))
            tallies[milestone.category] = (
                earned + milestone.weight * credit,
                possible + 2 * milestone.weight,
                counted + 1,
            )
    return {area: tallies[area] for area in AREAS if area in tallies}

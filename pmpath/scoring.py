"""The scoring rules, as pure functions of a framework and an answer sheet.

* An answer is worth its credit: yes 1, partial 0.5, no 0 (unanswered counts as no).
* A level's score is sum(weight x credit) / sum(weight) over its milestones.
* A level is met when its score reaches its pass threshold, every required
  milestone of it is answered yes, and the level below it is met.
* The current level is the highest met level (None when the first is not met);
  the next level is the one after it (the first when none is met, None at the top).
* The gaps are the next level's milestones not answered yes: required first, then
  heaviest first, then in file order. Readiness is the next level's score.
* The shortest path is the smallest set of gaps that, answered yes, would meet the
  next level: every missing required milestone, then the gaps that add the most credit.

Comparisons are exact: credit is counted in half points (integers), and a threshold
is taken as the decimal it was written as, so 0.8 means 0.8 and not 0.7999999.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.model import Answer, AnswerSheet, Framework, Level, Milestone

_HALF_POINTS = {Answer.YES: 2, Answer.PARTIAL: 1, Answer.NO: 0}  # credit 1, 0.5, 0, doubled


@dataclass(frozen=True)
class LevelScore:
    """How a person stands against one level."""

    level: Level
    score: float
    """0 to 1: the weighted share of the level's milestones achieved."""
    met: bool
    """Threshold reached, required milestones all yes, and the level below met."""
    missing_required: tuple[str, ...]
    """Ids of the required milestones not answered yes."""


@dataclass(frozen=True)
class Gap:
    """A milestone of the next level that is not answered yes."""

    milestone: Milestone
    answer: Answer
    on_shortest_path: bool


@dataclass(frozen=True)
class Assessment:
    """The computed result of one assessment: what every renderer prints."""

    framework: Framework
    sheet: AnswerSheet
    scores: tuple[LevelScore, ...]
    level: Level | None
    """The highest met level, or None."""
    next_level: Level | None
    """The level after `level` (the first when none is met; None at the top)."""
    readiness: float | None
    """The next level's score; None at the top of the ladder."""
    gaps: tuple[Gap, ...]
    unanswered: tuple[str, ...]
    """Milestone ids the person was not asked or did not answer (counted as no)."""

    @property
    def shortest_path(self) -> tuple[str, ...]:
        return tuple(gap.milestone.id for gap in self.gaps if gap.on_shortest_path)


def _half_points(level: Level, sheet: AnswerSheet) -> tuple[int, int]:
    """(earned, possible) weighted credit of a level, in half points."""
    earned = sum(m.weight * _HALF_POINTS[sheet.answer(m.id)] for m in level.milestones)
    return earned, 2 * sum(m.weight for m in level.milestones)


def _threshold(value: float) -> tuple[int, int]:
    """A threshold as the exact decimal fraction it was written as: 0.8 -> (8, 10)."""
    text = repr(value)
    if "e" in text or "." not in text:
        return value.as_integer_ratio()
    whole, fraction = text.split(".")
    scale = 10 ** len(fraction)
    return int(whole) * scale + int(fraction), scale


def _reaches(earned: int, possible: int, threshold: float) -> bool:
    numerator, denominator = _threshold(threshold)
    return earned * denominator >= numerator * possible


def score_levels(framework: Framework, sheet: AnswerSheet) -> tuple[LevelScore, ...]:
    scores = []
    below_met = True
    for level in framework.levels:
        earned, possible = _half_points(level, sheet)
        missing = tuple(m.id for m in level.milestones if m.required and sheet.answer(m.id) is not Answer.YES)
        met = below_met and not missing and _reaches(earned, possible, level.pass_threshold)
        scores.append(LevelScore(level, earned / possible if possible else 0.0, met, missing))
        below_met = met
    return tuple(scores)


def current_level(scores: tuple[LevelScore, ...]) -> Level | None:
    met = [s.level for s in scores if s.met]
    return met[-1] if met else None


def ordered_gaps(level: Level, sheet: AnswerSheet) -> list[Milestone]:
    """The level's milestones not answered yes: required first, heaviest first, then file order."""
    open_ = [m for m in level.milestones if sheet.answer(m.id) is not Answer.YES]
    return sorted(open_, key=lambda m: (not m.required, -m.weight))  # sorted() is stable


def _gain(milestone: Milestone, sheet: AnswerSheet) -> int:
    """What answering `milestone` yes would add to its level's weighted credit, in half points."""
    return milestone.weight * (2 - _HALF_POINTS[sheet.answer(milestone.id)])


def shortest_path(level: Level, sheet: AnswerSheet) -> list[str]:
    """The fewest gaps that, answered yes, would meet `level` (whose level below is met).

    Every missing required milestone is on it; then the gaps that add the most,
    which for reaching a sum is the smallest set.
    """
    gaps = ordered_gaps(level, sheet)
    path = [m for m in gaps if m.required]
    rest = sorted((m for m in gaps if not m.required), key=lambda m: -_gain(m, sheet))  # stable
    earned, possible = _half_points(level, sheet)
    earned += sum(_gain(m, sheet) for m in path)
    for milestone in rest:
        if _reaches(earned, possible, level.pass_threshold):
            break
        path.append(milestone)
        earned += _gain(milestone, sheet)
    return [m.id for m in path]


def assess(framework: Framework, sheet: AnswerSheet) -> Assessment:
    """Place a person on the ladder and list what stands between them and the next level."""
    scores = score_levels(framework, sheet)
    level = current_level(scores)
    rank = level.rank if level else 0
    next_level = framework.levels[rank] if rank < len(framework.levels) else None
    gaps: tuple[Gap, ...] = ()
    readiness = None
    if next_level is not None:
        path = set(shortest_path(next_level, sheet))
        gaps = tuple(Gap(m, sheet.answer(m.id), m.id in path) for m in ordered_gaps(next_level, sheet))
        readiness = scores[rank].score
    unanswered = tuple(m.id for m in framework.milestones() if m.id not in sheet.responses)
    return Assessment(framework, sheet, scores, level, next_level, readiness, gaps, unanswered)


def typical_tenure(level: Level | None, company: str | None) -> tuple[str | None, str | None]:
    """A level's typical time to the next step, and the company type it is for (None: in general)."""
    if level is None:
        return None, None
    if company and level.tenure_by_company.get(company):
        return level.tenure_by_company[company], company
    return level.typical_tenure or None, None


def time_to_next(result: Assessment) -> str:
    """Typical time from the current level to the next, for the person's company type when known."""
    if result.next_level is None:
        return ""
    tenure, company = typical_tenure(result.level, result.sheet.profile.company)
    return f"{tenure} at a {company}" if company else tenure or ""

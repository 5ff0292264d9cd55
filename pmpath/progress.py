"""Progress over time: the saved assessments of one ladder as a series, and what changed.

Each saved assessment is scored again from its stored answers against the ladder it
was saved with (see `pmpath.sources`). Between two consecutive assessments:

* a gap is closed when a milestone is answered yes now and was not before
  (partly, not yet, doesn't apply, or not answered);
* a gap is opened when a milestone was answered yes before and is not now;
* the level change is the difference of the two levels' ranks (0 when unchanged, and
  between two levels of the same rank on different branches), and readiness is each
  assessment's score for its own next level.

Everything is one pass over the records and one pass over the ladder per record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from pmpath.model import Answer, AnswerSheet, Framework, Level

if TYPE_CHECKING:
    from pmpath.scoring import Assessment
    from pmpath.sources import Source
    from pmpath.storage.history import Stored


class MilestoneChange(NamedTuple):
    milestone: str
    """The milestone id."""
    level: Level | None
    """The level it belongs to (None when the active ladder no longer has it)."""
    text: str
    before: Answer | None
    after: Answer | None
    """None: not answered in that assessment."""


class Changes(NamedTuple):
    """What changed since the previous assessment."""

    previous_id: int | None
    level_before: Level | None
    level_after: Level | None
    readiness_before: float | None
    readiness_after: float | None
    gaps_closed: tuple[MilestoneChange, ...]
    gaps_opened: tuple[MilestoneChange, ...]

    @property
    def level_change(self) -> int:
        """Ranks gained (negative: lost); 0 when the level is the same."""
        return (self.level_after.rank if self.level_after else 0) - (
            self.level_before.rank if self.level_before else 0
        )


class ProgressPoint(NamedTuple):
    source: Source
    level: Level | None
    next_level: Level | None
    readiness: float | None
    ladder_changed: bool
    """Scored against another version of the ladder than the active one."""
    changes: Changes | None
    """None for the first assessment."""


class Progress(NamedTuple):
    framework: Framework
    points: tuple[ProgressPoint, ...]
    """Oldest first."""
    damaged: tuple[tuple[int, str], ...] = ()
    """Records left out because they cannot be read: (id, why)."""


def progress_series(records: Iterable[Stored], framework: Framework) -> Progress:
    """The records of the active ladder, oldest first, each with its changes since the one before."""
    from pmpath.errors import HistoryError
    from pmpath.scoring import assess
    from pmpath.sources import Source, from_stored

    points: list[ProgressPoint] = []
    damaged: list[tuple[int, str]] = []
    previous: tuple[AnswerSheet, ProgressPoint] | None = None
    for stored in records:
        try:
            answers = from_stored(stored, framework)
        except HistoryError as error:
            damaged.append((stored.record.id, error.message))
            continue
        result = assess(answers.framework, answers.sheet)
        source = Source("assessment", record_id=stored.record.id, saved_at=stored.record.saved_at)
        changes = None
        if previous is not None:
            changes = changes_between(previous[0], answers.sheet, framework, previous[1], result)
        point = ProgressPoint(
            source,
            result.level,
            result.next_level,
            result.readiness,
            stored.record.ladder_changed(framework),
            changes,
        )
        points.append(point)
        previous = (answers.sheet, point)
    return Progress(framework, tuple(points), tuple(damaged))


def changes_between(
    before: AnswerSheet, after: AnswerSheet, framework: Framework, earlier: ProgressPoint, later: Assessment
) -> Changes:
    closed: list[MilestoneChange] = []
    opened: list[MilestoneChange] = []
    known = framework.milestone_ids()
    answered = set(before.responses) | set(after.responses)
    order = [m.id for m in framework.milestones() if m.id in answered]
    order += sorted(answered - set(known))  # ids the ladder lost, at the end
    for milestone_id in order:
        old, new = before.answer(milestone_id), after.answer(milestone_id)
        if (old is Answer.YES) == (new is Answer.YES):
            continue
        milestone = known.get(milestone_id)
        change = MilestoneChange(
            milestone_id,
            framework.find(milestone.level) if milestone else None,
            milestone.text if milestone else milestone_id,
            old,
            new,
        )
        (closed if new is Answer.YES else opened).append(change)
    return Changes(
        previous_id=earlier.source.record_id,
        level_before=earlier.level,
        level_after=later.level,
        readiness_before=earlier.readiness,
        readiness_after=later.readiness,
        gaps_closed=tuple(closed),
        gaps_opened=tuple(opened),
    )

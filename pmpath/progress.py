"""Progress over time: the saved assessments of one ladder as a series, and what changed.

Between two consecutive assessments:

* a gap is closed when a milestone is answered yes now and was not before
  (partly, not yet, or not answered);
* a gap is opened when a milestone was answered yes before and is not now;
* the level change is the difference of the two levels' ranks (0 when unchanged),
  and readiness is each assessment's score for its own next level.

Pure functions of saved records and the active framework (for milestone texts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pmpath.history import SavedAssessment
from pmpath.model import Answer, Framework


@dataclass(frozen=True)
class LevelRef:
    id: str
    title: str
    rank: int

    @classmethod
    def from_document(cls, entry: dict[str, Any] | None) -> LevelRef | None:
        return None if entry is None else cls(entry["id"], entry["title"], entry["rank"])


@dataclass(frozen=True)
class MilestoneChange:
    milestone: str
    """The milestone id."""
    level: str
    """Id of the level the milestone belongs to ("" when the active ladder no longer has it)."""
    text: str
    before: Answer | None
    after: Answer | None
    """None: not answered in that assessment."""


@dataclass(frozen=True)
class Changes:
    """What changed since the previous assessment."""

    previous_id: int
    level_before: LevelRef | None
    level_after: LevelRef | None
    readiness_before: float | None
    readiness_after: float | None
    gaps_closed: tuple[MilestoneChange, ...]
    gaps_opened: tuple[MilestoneChange, ...]

    @property
    def level_change(self) -> int:
        """Ranks gained (negative: lost); 0 when the level is the same."""
        return _rank(self.level_after) - _rank(self.level_before)


@dataclass(frozen=True)
class ProgressPoint:
    id: int
    saved_at: str
    level: LevelRef | None
    next_level: LevelRef | None
    readiness: float | None
    ladder_changed: bool
    """Scored against another version of the ladder than the active one."""
    changes: Changes | None
    """None for the first assessment."""


def _rank(level: LevelRef | None) -> int:
    return level.rank if level else 0


def progress_series(records: Iterable[SavedAssessment], framework: Framework) -> tuple[ProgressPoint, ...]:
    """The records of `framework`'s ladder, oldest first, each with its changes since the one before."""
    ordered = sorted(
        (r for r in records if r.framework_name == framework.name), key=lambda r: (r.saved_at, r.id)
    )
    points = []
    previous: SavedAssessment | None = None
    for record in ordered:
        changes = None if previous is None else changes_between(previous, record, framework)
        points.append(
            ProgressPoint(
                id=record.id,
                saved_at=record.saved_at,
                level=LevelRef.from_document(record.document.get("level")),
                next_level=LevelRef.from_document(record.document.get("next_level")),
                readiness=record.readiness,
                ladder_changed=record.ladder_changed(framework),
                changes=changes,
            )
        )
        previous = record
    return tuple(points)


def changes_between(before: SavedAssessment, after: SavedAssessment, framework: Framework) -> Changes:
    closed: list[MilestoneChange] = []
    opened: list[MilestoneChange] = []
    for milestone_id in _ladder_order(framework, before, after):
        old, new = _answer(before, milestone_id), _answer(after, milestone_id)
        if (old is Answer.YES) == (new is Answer.YES):
            continue
        change = _change(framework, milestone_id, old, new)
        (closed if new is Answer.YES else opened).append(change)
    return Changes(
        previous_id=before.id,
        level_before=LevelRef.from_document(before.document.get("level")),
        level_after=LevelRef.from_document(after.document.get("level")),
        readiness_before=before.readiness,
        readiness_after=after.readiness,
        gaps_closed=tuple(closed),
        gaps_opened=tuple(opened),
    )


def _ladder_order(framework: Framework, *records: SavedAssessment) -> list[str]:
    """Every milestone id either record answered, in ladder order (ids the ladder lost at the end)."""
    answered = {milestone_id for record in records for milestone_id in record.responses}
    in_ladder = [m.id for m in framework.milestones() if m.id in answered]
    return in_ladder + sorted(answered - set(in_ladder))


def _answer(record: SavedAssessment, milestone_id: str) -> Answer | None:
    response = record.responses.get(milestone_id)
    return response.answer if response else None


def _change(
    framework: Framework, milestone_id: str, old: Answer | None, new: Answer | None
) -> MilestoneChange:
    milestone = framework.milestone_ids().get(milestone_id)
    if milestone is None:
        return MilestoneChange(milestone_id, "", milestone_id, old, new)
    return MilestoneChange(milestone_id, milestone.level, milestone.text, old, new)

"""The results commands hand to a renderer: one view per result, the same for every format.

A view holds computed facts only (no text laid out for a medium). Several results are
domain values already (`Framework`, `Assessment` inside `AssessmentReport`,
`Calibration`, `Plan`, `Validation`, `Progress`, `TeamReport`); the ones here gather what a
command adds around them: where the answers came from, when, about whom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from pmpath.model import Framework, Level
    from pmpath.scoring import Assessment
    from pmpath.sources import Movement, Source
    from pmpath.storage.history import Record
    from pmpath.transitions import Transition, Transitions


class LevelDetail(NamedTuple):
    """`show LEVEL`."""

    framework: Framework
    level: Level


class AssessmentReport(NamedTuple):
    """`assess`, `history show`: a placement with what a report carries around it."""

    result: Assessment
    assessed_at: str
    """UTC, ISO 8601 with a Z: when the answers were scored (saved, for a record)."""
    source: Source | None
    """Where the answers came from: an answers file, a saved assessment, or None (asked now)."""
    transition: Transition | None = None
    """The way in from the person's background, shown at or below the first level."""
    moved: Movement | None = None
    """What moved since the assessment an --update started from."""


class HistoryListing(NamedTuple):
    """`history`: the newest records, and how many there are in all."""

    records: list[Record]
    total: int
    framework: Framework
    """The active ladder: records scored against another version of it are marked."""
    path: Path


class TransitionGuide(NamedTuple):
    """`transition BACKGROUND`."""

    transition: Transition
    transitions: Transitions
    framework: Framework


class TransitionList(NamedTuple):
    """`transition` without a background."""

    transitions: Transitions


class Questionnaire(NamedTuple):
    """`questions [LEVEL]`: the questions to read before answering, or to send ahead."""

    framework: Framework
    levels: tuple[Level, ...]
    about: str | None

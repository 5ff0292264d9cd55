"""Calibration: two answer sheets for the same person (say, self and manager) side by side.

* Each sheet is placed on the ladder on its own, with the usual scoring rules.
* The agreement rate is the share of milestones answered the same by both, over
  the milestones answered in either sheet (a milestone only one of them answered
  counts as a disagreement; milestones neither answered are left out).
* The disagreements are the agenda of a calibration talk: required milestones
  first, then by level (lowest first), then heaviest first, then in ladder order.

Pure functions: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from pmpath.model import Answer, AnswerSheet, Framework, Level, Milestone
from pmpath.scoring import Assessment, assess

DEFAULT_LABELS = ("A", "B")


@dataclass(frozen=True)
class Side:
    """One of the two assessments being compared."""

    label: str
    """What to call it in the output: "self", "manager", "A"."""
    source: str
    """Where it came from: a file name or "history #3 (2024-05-01)"."""
    result: Assessment


@dataclass(frozen=True)
class Disagreement:
    """A milestone the two sheets answer differently (None: not answered in that sheet)."""

    milestone: Milestone
    level: Level
    a: Answer | None
    b: Answer | None


@dataclass(frozen=True)
class Calibration:
    a: Side
    b: Side
    compared: int
    """Milestones answered in either sheet."""
    agreed: int
    """Milestones answered the same in both."""
    disagreements: tuple[Disagreement, ...]

    @property
    def agreement(self) -> float | None:
        """agreed / compared, from 0 to 1; None when neither sheet answers anything."""
        return self.agreed / self.compared if self.compared else None


def compare(
    framework: Framework,
    sheet_a: AnswerSheet,
    sheet_b: AnswerSheet,
    *,
    labels: tuple[str, str] = DEFAULT_LABELS,
    sources: tuple[str, str] = ("", ""),
) -> Calibration:
    """Place both sheets and list where they disagree, most important first."""
    levels = {level.id: level for level in framework.levels}
    compared = agreed = 0
    disagreements = []
    for milestone in framework.milestones():
        a, b = _answer(sheet_a, milestone), _answer(sheet_b, milestone)
        if a is None and b is None:
            continue
        compared += 1
        if a == b:
            agreed += 1
        else:
            disagreements.append(Disagreement(milestone, levels[milestone.level], a, b))
    disagreements.sort(key=lambda d: (not d.milestone.required, d.level.rank, -d.milestone.weight))
    return Calibration(
        Side(labels[0], sources[0], assess(framework, sheet_a)),
        Side(labels[1], sources[1], assess(framework, sheet_b)),
        compared,
        agreed,
        tuple(disagreements),
    )


def _answer(sheet: AnswerSheet, milestone: Milestone) -> Answer | None:
    response = sheet.responses.get(milestone.id)
    return response.answer if response else None


def parse_labels(text: str) -> tuple[str, str]:
    """ "self,manager" -> ("self", "manager"); raises ValueError unless exactly two non-empty names."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"expected two names separated by a comma, like self,manager (got {text!r})")
    if parts[0] == parts[1]:
        raise ValueError(f"the two names must differ (got {text!r})")
    return parts[0], parts[1]

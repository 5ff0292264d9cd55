"""Calibration: two answer sheets for the same person (say, self and manager) side by side.

* Each sheet is placed on the ladder on its own, with the usual scoring rules.
* The agreement rate is the share of milestones answered the same by both, over the
  milestones answered in either sheet (a milestone only one of them answered counts as
  a disagreement; milestones neither answered are left out).
* The disagreements are the agenda of a calibration talk: required milestones first,
  then by level (lowest rank first), then heaviest first, then in ladder order.

Pure functions: no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pmpath.model import Answer, Framework, Level, Milestone
from pmpath.scoring import Assessment, assess

if TYPE_CHECKING:
    from pmpath.sources import Answers, Source


class Side(NamedTuple):
    """One of the two assessments being compared."""

    label: str
    """What the output calls it: the person's name, the saved assessment's id, or the file name."""
    source: Source
    result: Assessment


class Disagreement(NamedTuple):
    """A milestone the two sheets answer differently (None: not answered in that sheet)."""

    milestone: Milestone
    level: Level
    a: Answer | None
    b: Answer | None


class Calibration(NamedTuple):
    framework: Framework
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


def default_labels(first: Answers, second: Answers) -> tuple[str, str]:
    """The names in the profiles, else the ids or file names; whatever tells the two apart."""
    for candidates in (
        (first.sheet.profile.name, second.sheet.profile.name),
        (first.source.label(), second.source.label()),
    ):
        a, b = candidates
        if a and b and a != b:
            return a, b
    return f"A: {first.source.label()}", f"B: {second.source.label()}"


def compare(first: Answers, second: Answers, *, labels: tuple[str, str] | None = None) -> Calibration:
    """Place both sheets (on one ladder, `first.framework`) and list where they disagree, most important first."""
    framework = first.framework
    names = labels or default_labels(first, second)
    compared = agreed = 0
    disagreements = []
    for milestone in framework.milestones():
        a, b = first.sheet.answer(milestone.id), second.sheet.answer(milestone.id)
        if a is None and b is None:
            continue
        compared += 1
        if a == b:
            agreed += 1
        else:
            disagreements.append(Disagreement(milestone, framework.level(milestone.level), a, b))
    disagreements.sort(key=lambda d: (not d.milestone.required, d.level.rank, -d.milestone.weight))
    return Calibration(
        framework,
        Side(names[0], first.source, assess(framework, first.sheet)),
        Side(names[1], second.source, assess(framework, second.sheet)),
        compared,
        agreed,
        tuple(disagreements),
    )


def parse_labels(text: str) -> tuple[str, str]:
    """ "self,manager" -> ("self", "manager"); raises ValueError unless exactly two different names."""
    parts = [" ".join(part.split()) for part in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"expected two names separated by a comma, like self,manager (got {text[:100]!r})")
    if parts[0] == parts[1]:
        raise ValueError(f"the two names must differ (got {text[:100]!r})")
    if any(len(part) > 60 for part in parts):
        raise ValueError("each name can have at most 60 characters")
    return parts[0], parts[1]

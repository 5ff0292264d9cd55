"""The data model: a career framework (levels and milestones) and a person's answers.

Plain frozen dataclasses, built by `pmpath.framework` and `pmpath.answers`, read
by the scoring and the renderers. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

CATEGORIES = (
    "discovery",
    "execution",
    "strategy",
    "leadership",
    "people",
    "business",
    "communication",
)
TRACKS = ("individual-contributor", "people-manager", "executive")
BACKGROUNDS = ("engineering", "design", "marketing", "product", "other")
COMPANY_TYPES = ("startup", "scale-up", "corporate")
DEFAULT_PASS_THRESHOLD = 0.8


@dataclass(frozen=True)
class Milestone:
    """One observable achievement that qualifies a person for a level."""

    id: str
    """Globally unique slug, e.g. "pm-metric-impact"."""
    level: str
    """Id of the level this milestone qualifies you for."""
    text: str
    """The statement, third person: "Has shipped ..."."""
    question: str
    """How the assessment asks it, second person."""
    category: str = "execution"
    """One of `CATEGORIES`."""
    weight: int = 1
    """1, 2 or 3: how much it counts towards the level's score."""
    required: bool = False
    """A required milestone must be answered "yes" for the level to be met."""
    evidence: str = ""
    """What would prove it."""
    advice: str = ""
    """One concrete step to close the gap."""


@dataclass(frozen=True)
class Level:
    """One rung of the ladder, with the milestones that qualify a person for it."""

    id: str
    title: str
    rank: int
    """1-based position in the ladder, lowest first."""
    aliases: tuple[str, ...] = ()
    track: str = "individual-contributor"
    summary: str = ""
    scope: str = ""
    mindset: str = ""
    responsibilities: tuple[str, ...] = ()
    typical_tenure: str = ""
    """Time people usually spend at this level before the next step."""
    tenure_by_company: Mapping[str, str] = field(default_factory=dict)
    """Time to the next step by company type (startup, scale-up, corporate)."""
    reports_to: str = ""
    manages: str = ""
    compensation: str | None = None
    pass_threshold: float = DEFAULT_PASS_THRESHOLD
    """Score (0-1] at or above which the level can be met."""
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A whole ladder, as loaded from a framework directory."""

    name: str
    levels: tuple[Level, ...]
    description: str = ""
    companies: Mapping[str, str] = field(default_factory=dict)
    """One line of context per company type."""
    source: str = ""
    """The directory it was loaded from."""
    fingerprint: str = ""
    """SHA-256 of the framework files: results from a changed ladder can be flagged."""

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    def milestones(self) -> list[Milestone]:
        return [milestone for level in self.levels for milestone in level.milestones]

    def milestone_ids(self) -> dict[str, Milestone]:
        return {milestone.id: milestone for milestone in self.milestones()}


class Answer(str, Enum):
    """An answer to one milestone."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"

    @property
    def credit(self) -> float:
        return _CREDIT[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


_CREDIT = {Answer.YES: 1.0, Answer.PARTIAL: 0.5, Answer.NO: 0.0}
_LABEL = {Answer.YES: "Yes", Answer.PARTIAL: "Partly", Answer.NO: "Not yet"}


@dataclass(frozen=True)
class Response:
    """A person's answer to one milestone, with an optional note of evidence."""

    answer: Answer
    evidence: str | None = None


@dataclass(frozen=True)
class Profile:
    """Who is answering: context for the advice, never part of the score."""

    years: float | None = None
    """Years in product management."""
    title: str | None = None
    background: str | None = None
    """One of `BACKGROUNDS`."""
    company: str | None = None
    """One of `COMPANY_TYPES`."""

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(frozen=True)
class AnswerSheet:
    """Everything a person said: their profile and their answers by milestone id."""

    profile: Profile = field(default_factory=Profile)
    responses: Mapping[str, Response] = field(default_factory=dict)

    def answer(self, milestone_id: str) -> Answer:
        response = self.responses.get(milestone_id)
        return response.answer if response else Answer.NO

    def note(self, milestone_id: str) -> str | None:
        """The person's evidence note for a milestone, if they gave one."""
        response = self.responses.get(milestone_id)
        return response.evidence if response and response.evidence else None

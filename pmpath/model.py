"""The data model: a career framework (a tree of levels with their milestones) and a person's answers.

Immutable values, built by `pmpath.framework` and `pmpath.answers`, read by the
scoring and the renderers. Nothing here does I/O.

The values are typed `NamedTuple`s rather than frozen dataclasses on purpose: every
command pays for creating these classes at start-up, and a frozen dataclass costs
about 0.5 ms to create against 0.07 ms for a NamedTuple (measured on Python 3.11).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")

AREAS: dict[str, str] = {
    "product-craft": "Product craft and quality",
    "customer-insight": "Customer insight",
    "data": "Data and experimentation",
    "technical": "Technical and AI fluency",
    "execution": "Execution",
    "strategy": "Strategy",
    "business": "Business and go-to-market",
    "influence": "Influence and communication",
    "people": "People leadership",
    "organisation": "Organisation and operating model",
}
"""The competency areas a milestone's `category` names, in display order, with their labels."""
LEGACY_AREAS: dict[str, str] = {
    "discovery": "customer-insight",
    "leadership": "organisation",
    "communication": "influence",
}
"""Category names of pmpath 0.1 ladders, read as the area they became (with a warning)."""
DEFAULT_AREA = "execution"
TRACKS: dict[str, str] = {
    "individual-contributor": "individual contributor",
    "people-manager": "manager",
    "executive": "executive",
}
"""Tracks a level can be on, with how output names them."""
BACKGROUNDS: dict[str, str] = {
    "engineering": "Engineering",
    "design": "Design",
    "marketing": "Marketing",
    "sales": "Sales or solutions",
    "customer-success": "Customer success or support",
    "data": "Data or analytics",
    "project": "Project or programme management",
    "product": "Product: I started my career in product",
    "other": "Something else (operations, consulting, research, founding a company, ...)",
}
"""Where a person's career started, for the profile question and the transition advice."""
DEFAULT_PASS_THRESHOLD = 0.8
NOTHING: Mapping[str, object] = MappingProxyType({})
"""The shared empty mapping that immutable values default to."""
MAX_YEARS = 60
"""Most years in product a profile accepts."""


class Context(NamedTuple):
    """A question about where a person works, which decides which milestones apply to them."""

    id: str
    """Slug, also the profile key: "company", "market"."""
    prompt: str
    """How the interview asks it: "What kind of company do you work at?"."""
    values: tuple[tuple[str, str], ...]
    """The allowed answers as (value, label), in the order they are offered."""

    def label(self, value: str) -> str:
        return dict(self.values).get(value, value)


DEFAULT_CONTEXTS = (
    Context(
        "company",
        "What kind of company do you work at?",
        (("startup", "Startup"), ("scale-up", "Scale-up"), ("corporate", "Corporate")),
    ),
)
"""What a ladder that declares no `contexts` asks: the company type, as pmpath 0.1 did."""


class Milestone(NamedTuple):
    """One observable achievement that qualifies a person for a level."""

    id: str
    """Globally unique slug, e.g. "pm-metric-impact"."""
    level: str
    """Id of the level this milestone qualifies you for."""
    text: str
    """The statement, third person without a subject: "Has shipped ..."."""
    question: str
    """How the assessment asks it, second person."""
    category: str = DEFAULT_AREA
    """The competency area: a key of `AREAS`."""
    weight: int = 1
    """1, 2 or 3: how much it counts towards the level's score."""
    required: bool = False
    """A required milestone must be answered "yes" for the level to be met."""
    evidence: str = ""
    """What would prove it."""
    advice: str = ""
    """One concrete step to close the gap."""
    applies_when: Mapping[str, tuple[str, ...]] = NOTHING  # type: ignore[assignment]
    """Context id -> the values for which the milestone applies; empty: it always applies."""
    may_not_apply: bool = False
    """The person may answer "doesn't apply where I work" (never for a required milestone)."""

    def context_exclusion(self, contexts: Mapping[str, str]) -> tuple[str, str] | None:
        """(context, value) that puts this milestone out of scope for a person, or None when it applies.

        An unset context value never excludes: without the fact, the milestone applies.
        """
        for context, values in self.applies_when.items():
            value = contexts.get(context)
            if value is not None and value not in values:
                return context, value
        return None


class Level(NamedTuple):
    """One rung of the ladder, with the milestones that qualify a person for it."""

    id: str
    title: str
    rank: int
    """Depth in the ladder's tree: the first level is 1, a level following it 2, and so on."""
    follows: str | None = None
    """Id of the level this one follows (None: the first level)."""
    aliases: tuple[str, ...] = ()
    track: str = "individual-contributor"
    summary: str = ""
    scope: str = ""
    mindset: str = ""
    responsibilities: tuple[str, ...] = ()
    typical_tenure: str = ""
    """Time people usually spend at this level before the next step."""
    tenure_by_company: Mapping[str, str] = NOTHING  # type: ignore[assignment]
    """Time to the next step by company type (the values of the `company` context)."""
    reports_to: str = ""
    manages: str = ""
    compensation: str | None = None
    pass_threshold: float = DEFAULT_PASS_THRESHOLD
    """Score (0-1] at or above which the level can be met."""
    milestones: tuple[Milestone, ...] = ()

    def tenure_for(self, company: str | None) -> tuple[str | None, str | None]:
        """The typical time to the next step, and the company type it is for (None: in general)."""
        if company and self.tenure_by_company.get(company):
            return self.tenure_by_company[company], company
        return self.typical_tenure or None, None


class Framework:
    """A whole ladder, as loaded from a framework directory: levels in file order, forming a tree."""

    __slots__ = (
        "_by_id",
        "_children",
        "_derived",
        "_milestones",
        "companies",
        "contexts",
        "description",
        "fingerprint",
        "levels",
        "name",
        "source",
    )

    def __init__(
        self,
        name: str,
        levels: tuple[Level, ...],
        description: str = "",
        contexts: tuple[Context, ...] | None = None,
        companies: Mapping[str, str] = NOTHING,  # type: ignore[assignment]
        source: str = "",
        fingerprint: str = "",
    ) -> None:
        self.name = name
        self.levels = levels
        """In file order."""
        self.description = description
        self.contexts = DEFAULT_CONTEXTS if contexts is None else contexts
        self.companies = companies
        """One line of context per value of the `company` context."""
        self.source = source
        """The directory it was loaded from."""
        self.fingerprint = fingerprint
        """SHA-256 of the framework files: results from a changed ladder can be flagged."""
        # Built once, so that every lookup below is constant time however big the ladder is.
        self._by_id = {level.id: level for level in levels}
        children: dict[str | None, list[Level]] = {}
        for level in levels:
            children.setdefault(level.follows, []).append(level)
        self._children = {key: tuple(value) for key, value in children.items()}
        self._milestones = {m.id: m for level in levels for m in level.milestones}
        self._derived: dict[str, Any] = {}

    def derived(self, key: str, build: Callable[[Framework], T]) -> T:
        """What another module computes from the ladder, built once: a ladder never changes once loaded.

        `team` places 500 people against one ladder; `matching`'s table of level names is
        built for the first of them only.
        """
        if key not in self._derived:
            self._derived[key] = build(self)
        value: T = self._derived[key]
        return value

    def level(self, level_id: str) -> Level:
        return self._by_id[level_id]

    def find(self, level_id: str | None) -> Level | None:
        return self._by_id.get(level_id) if level_id is not None else None

    def milestones(self) -> Iterator[Milestone]:
        """Every milestone, in file order of their levels."""
        return iter(self._milestones.values())

    def milestone_ids(self) -> Mapping[str, Milestone]:
        return self._milestones

    @property
    def roots(self) -> tuple[Level, ...]:
        """The first level (a valid ladder has exactly one)."""
        return self._children.get(None, ())

    def children(self, level: Level | None) -> tuple[Level, ...]:
        """The levels that follow `level` (the first level when `level` is None)."""
        return self._children.get(level.id if level else None, ())

    def parent(self, level: Level) -> Level | None:
        return self.find(level.follows)

    def path(self, level: Level) -> list[Level]:
        """The levels from the first one up to `level`, inclusive."""
        chain = [level]
        while chain[-1].follows is not None:
            chain.append(self._by_id[chain[-1].follows])
        return chain[::-1]

    def tree_order(self) -> list[Level]:
        """Levels depth first, children in file order: how `levels` draws the tree."""
        ordered: list[Level] = []
        stack = list(reversed(self.roots))
        while stack:
            level = stack.pop()
            ordered.append(level)
            stack.extend(reversed(self.children(level)))
        return ordered

    @property
    def depth(self) -> int:
        return max((level.rank for level in self.levels), default=0)

    def context(self, context_id: str) -> Context | None:
        return next((c for c in self.contexts if c.id == context_id), None)


class Answer(str, Enum):
    """An answer to one milestone."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"
    NA = "na"
    """Doesn't apply where the person works: out of both the earned and the possible weight."""

    @property
    def label(self) -> str:
        return _LABEL[self]


_LABEL = {Answer.YES: "Yes", Answer.PARTIAL: "Partly", Answer.NO: "Not yet", Answer.NA: "Doesn't apply"}


class Response(NamedTuple):
    """A person's answer to one milestone, with an optional note of evidence."""

    answer: Answer
    evidence: str | None = None


class Profile(NamedTuple):
    """Who is answering: context for the advice and for which milestones apply."""

    years: float | None = None
    """Years in product management."""
    title: str | None = None
    background: str | None = None
    """A key of `BACKGROUNDS`."""
    name: str | None = None
    """Whom the answers are about, when someone answers for another person (`--about`)."""
    contexts: Mapping[str, str] = NOTHING  # type: ignore[assignment]
    """Context id -> the person's value: {"company": "startup", "market": "b2b"}."""

    @property
    def company(self) -> str | None:
        return self.contexts.get("company")


class AnswerSheet(NamedTuple):
    """Everything a person said: their profile and their answers by milestone id."""

    profile: Profile = Profile()
    responses: Mapping[str, Response] = NOTHING  # type: ignore[assignment]

    def answer(self, milestone_id: str) -> Answer | None:
        """The answer given, None when the milestone was not answered."""
        response = self.responses.get(milestone_id)
        return response.answer if response else None

    def note(self, milestone_id: str) -> str | None:
        """The person's evidence note for a milestone, if they gave one."""
        response = self.responses.get(milestone_id)
        return response.evidence if response and response.evidence else None

"""A development plan for the next level: what to close, how, what proves it, and what to agree.

`build_plan` is a pure function of an assessment; the renderers (Markdown by default)
lay it out. The shortest path to the next level comes first everywhere: those are
the items to start with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pmpath.model import AREAS, Answer, Framework, Level, Milestone, Profile
from pmpath.scoring import Assessment
from pmpath.wording import About, percent

if TYPE_CHECKING:
    from pmpath.sources import Source


class PlanItem(NamedTuple):
    """One gap to close."""

    milestone: Milestone
    answer: Answer | None
    """The answer today: partial, no, or None (not answered, which counts as not yet)."""
    first: bool
    """On the shortest path to the next level."""
    note: str | None
    """The evidence note already given for it, if any."""


class EvidenceNote(NamedTuple):
    milestone: Milestone
    answer: Answer
    note: str


class Plan(NamedTuple):
    framework: Framework
    source: Source | None
    """What the plan is based on: a saved assessment, or an answers file."""
    profile: Profile
    level: Level | None
    next_level: Level | None
    readiness: float | None
    items: tuple[PlanItem, ...]
    """Every gap: the shortest path first, then required, then heaviest."""
    notes: tuple[EvidenceNote, ...]
    """Evidence notes already given, in ladder order."""
    tenure: str | None
    """Typical time from the current level to the next step (None at the top, or unknown)."""
    tenure_company: str | None
    """The company type `tenure` is for; None when it is the general figure."""
    company_context: str | None
    checklist: tuple[str, ...]
    other_steps: tuple[tuple[Level, float], ...] = ()
    """The other levels that follow the current one, with their readiness."""

    @property
    def first_items(self) -> tuple[PlanItem, ...]:
        return tuple(item for item in self.items if item.first)

    def by_area(self) -> list[tuple[str, list[PlanItem]]]:
        """The items grouped by competency area, in the areas' order."""
        return [
            (area, [i for i in self.items if i.milestone.category == area])
            for area in AREAS
            if any(i.milestone.category == area for i in self.items)
        ]


def build_plan(result: Assessment, source: Source | None) -> Plan:
    """The plan for `result`'s next level (an empty one at the top of the ladder)."""
    sheet = result.sheet
    items = [
        PlanItem(gap.milestone, gap.answer, gap.on_shortest_path, sheet.note(gap.milestone.id))
        for gap in result.gaps
    ]
    items.sort(key=lambda item: not item.first)  # stable: keeps required-then-heaviest inside each group
    notes = tuple(
        EvidenceNote(m, sheet.responses[m.id].answer, sheet.responses[m.id].evidence or "")
        for m in result.framework.milestones()
        if sheet.note(m.id)
    )
    tenure, tenure_company = (None, None)
    if result.level is not None and result.next_level is not None:
        tenure, tenure_company = result.level.tenure_for(sheet.profile.company)
    company = sheet.profile.company
    plan = Plan(
        framework=result.framework,
        source=source,
        profile=sheet.profile,
        level=result.level,
        next_level=result.next_level,
        readiness=result.readiness,
        items=tuple(items),
        notes=notes,
        tenure=tenure,
        tenure_company=tenure_company,
        company_context=result.framework.companies.get(company) if company else None,
        checklist=(),
        other_steps=tuple((step.level, step.readiness) for step in result.next_steps[1:]),
    )
    return plan._replace(checklist=_checklist(plan))


def _checklist(plan: Plan) -> tuple[str, ...]:
    """A short list to go through in a 1:1: agree where the person stands, what to do, how to tell."""
    about = About(plan.profile.name)
    me, my = ("I", "my") if about.name is None else (about.name, f"{about.name}'s")
    if plan.next_level is None:
        return (
            f"Agree on how {'I' if about.name is None else about.name} will keep raising the bar for the people "
            f"{'I lead' if about.name is None else 'they lead'}.",
            "Agree on the evidence that shows the organisation is stronger for this year's work.",
        )
    nxt = plan.next_level.title
    where = (
        f"{plan.level.title} is where {me} operate{'s' if about.name else ''} today"
        if plan.level
        else (f"{me} {'am' if about.name is None else 'is'} not yet at the first level")
    )
    lines = [f"Agree that {where}, and on {my} readiness for {nxt} ({percent(plan.readiness or 0)})."]
    first = plan.first_items
    if first:
        what = "the item marked first" if len(first) == 1 else f"the {len(first)} items marked first"
        lines.append(f"Agree on {what} as {my} focus until the next review.")
    required = [i for i in plan.items if i.milestone.required]
    if required:
        what = (
            "the required milestone"
            if len(required) == 1
            else f"each of the {len(required)} required milestones"
        )
        lines.append(f"Find one concrete opportunity this quarter to show {what} still open.")
    if plan.items:
        lines.append(
            f"Agree what evidence will count for each item, and where {me} keep{'s' if about.name else ''} it."
        )
        biggest = max(plan.by_area(), key=lambda pair: len(pair[1]))[0]
        lines.append(f"Ask for one stretch assignment in {AREAS[biggest].lower()}, where most gaps are.")
    when = f" (typical time to the next step: {plan.tenure})" if plan.tenure else ""
    lines.append(f"Set a date to check in again with `pmpath assess --update`{when}.")
    if about.name is None:
        lines.append(
            "Ask my manager to answer the same questions about me, then go through `pmpath compare` together."
        )
    else:
        lines.append(
            f"Ask {about.name} to answer the questions too, then go through `pmpath compare` together."
        )
    return tuple(lines)

"""A development plan for the next level: what to close, how, what proves it, and what to agree.

`build_plan` is a pure function of an assessment; `plan_markdown` turns the plan
into the Markdown document `pmpath plan` writes. The shortest path to the next
level comes first everywhere: those are the items to start with.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pmpath.model import CATEGORIES, Answer, Level, Milestone, Profile
from pmpath.render import percent
from pmpath.render.markdown import escape
from pmpath.scoring import Assessment, typical_tenure


@dataclass(frozen=True)
class PlanItem:
    """One gap to close."""

    milestone: Milestone
    answer: Answer
    """The answer today: partial or no (unanswered counts as no)."""
    first: bool
    """On the shortest path to the next level."""
    note: str | None
    """The evidence note already given for it, if any."""


@dataclass(frozen=True)
class EvidenceNote:
    milestone: Milestone
    answer: Answer
    note: str


@dataclass(frozen=True)
class Plan:
    framework_name: str
    source: str
    """What the plan is based on, e.g. "assessment #3, saved 2024-05-01 09:30 UTC"."""
    profile: Profile
    level: Level | None
    next_level: Level | None
    level_count: int
    readiness: float | None
    items: tuple[PlanItem, ...]
    """Every gap: the shortest path first, then required, then heaviest."""
    notes: tuple[EvidenceNote, ...]
    """Evidence notes already given, in ladder order."""
    tenure: str | None
    """Typical time from the current level to the next step."""
    tenure_company: str | None
    """The company type `tenure` is for; None when it is the general figure."""
    company_context: str | None
    checklist: tuple[str, ...]

    @property
    def first_items(self) -> tuple[PlanItem, ...]:
        return tuple(item for item in self.items if item.first)

    def by_category(self) -> list[tuple[str, list[PlanItem]]]:
        order = {category: index for index, category in enumerate(CATEGORIES)}
        categories = sorted({i.milestone.category for i in self.items}, key=lambda c: (order.get(c, 99), c))
        return [(c, [i for i in self.items if i.milestone.category == c]) for c in categories]


def build_plan(result: Assessment, source: str) -> Plan:
    """The plan for `result`'s next level (an empty one at the top of the ladder)."""
    sheet = result.sheet
    items = [
        PlanItem(gap.milestone, gap.answer, gap.on_shortest_path, result.sheet.note(gap.milestone.id))
        for gap in result.gaps
    ]
    items.sort(key=lambda item: not item.first)  # stable: keeps required-then-heaviest inside each group
    notes = tuple(
        EvidenceNote(m, sheet.answer(m.id), sheet.responses[m.id].evidence or "")
        for m in result.framework.milestones()
        if m.id in sheet.responses and sheet.responses[m.id].evidence
    )
    tenure, tenure_company = typical_tenure(result.level, sheet.profile.company)
    company = sheet.profile.company
    plan = Plan(
        framework_name=result.framework.name,
        source=source,
        profile=sheet.profile,
        level=result.level,
        next_level=result.next_level,
        level_count=len(result.framework.levels),
        readiness=result.readiness,
        items=tuple(items),
        notes=notes,
        tenure=tenure,
        tenure_company=tenure_company,
        company_context=result.framework.companies.get(company) if company else None,
        checklist=(),
    )
    return replace(plan, checklist=_checklist(plan))


def _checklist(plan: Plan) -> tuple[str, ...]:
    """A short list to go through with a manager: agree where you stand, what to do, how to tell."""
    if plan.next_level is None:
        return (
            "Agree on how you will keep raising the bar for the people you lead.",
            "Agree on the evidence that shows the organisation is stronger for your work this year.",
        )
    nxt = plan.next_level.title
    where = (
        f"{plan.level.title} is where I operate today" if plan.level else "I am not yet at the first level"
    )
    lines = [f"Agree that {where}, and on my readiness for {nxt} ({percent(plan.readiness or 0)})."]
    first = plan.first_items
    if first:
        what = "the item marked first" if len(first) == 1 else f"the {len(first)} items marked first"
        lines.append(f"Agree on {what} as my focus until the next review.")
    required = [i for i in plan.items if i.milestone.required]
    if required:
        what = (
            "the required milestone"
            if len(required) == 1
            else f"each of the {len(required)} required milestones"
        )
        lines.append(f"Find one concrete opportunity to show {what} still open.")
    if plan.items:
        lines.append("Agree what evidence will count for each item, and where I keep it.")
        biggest = max(plan.by_category(), key=lambda pair: len(pair[1]))[0]
        lines.append(f"Ask for one stretch assignment that exercises {biggest}, where most of my gaps are.")
    when = f" (typical time to the next step: {plan.tenure})" if plan.tenure else ""
    lines.append(f"Set a date to assess again with `pmpath assess`{when}.")
    lines.append("Ask my manager to answer the same questions, then go through `pmpath compare` together.")
    return tuple(lines)


# ---------------------------------------------------------------- Markdown


def plan_markdown(plan: Plan) -> str:
    lines = [f"# {escape(_title(plan))}", "", _byline(plan), ""]
    lines += _standing(plan)
    if plan.next_level is not None and plan.items:
        lines += _shortest_path(plan)
        lines += _categories(plan)
        lines += ["## Evidence to collect", ""]
        lines += [
            f"- [ ] {escape(item.milestone.evidence or item.milestone.text)}"
            + (" (**first**)" if item.first else "")
            for item in plan.items
        ]
        lines.append("")
    elif plan.next_level is None:
        lines += ["You meet every level of this ladder: there is no next level to plan for.", ""]
    if plan.notes:
        lines += ["## Evidence you have already noted", ""]
        lines += [f"- {escape(n.milestone.text)} ({n.answer.label}): {escape(n.note)}" for n in plan.notes]
        lines.append("")
    lines += ["## To review with your manager", ""]
    lines += [f"- [ ] {escape(line)}" for line in plan.checklist]
    return "\n".join(lines) + "\n"


def _title(plan: Plan) -> str:
    if plan.next_level is None:
        return f"Development plan: {plan.level.title if plan.level else ''}"
    if plan.level is None:
        return f"Development plan: getting to {plan.next_level.title}"
    return f"Development plan: {plan.level.title} to {plan.next_level.title}"


def _byline(plan: Plan) -> str:
    facts = [f"Based on {plan.source}", f"framework: {plan.framework_name}"]
    profile = plan.profile
    if profile.title:
        facts.append(profile.title)
    if profile.years is not None:
        facts.append(f"{profile.years:g} years in product")
    if profile.company:
        facts.append(profile.company)
    return escape(" · ".join(facts))


def _standing(plan: Plan) -> list[str]:
    lines = ["## Where you stand", ""]
    if plan.level is None:
        lines.append("- **Current level:** not yet at the first level")
    else:
        lines.append(
            f"- **Current level:** {escape(plan.level.title)} (level {plan.level.rank} of {plan.level_count})"
        )
    if plan.next_level is None:
        return [*lines, ""]
    nxt = plan.next_level
    lines.append(
        f"- **Next level:** {escape(nxt.title)}: readiness {percent(plan.readiness or 0)}, "
        f"met at {percent(nxt.pass_threshold)} with every required milestone a yes"
    )
    required = sum(1 for item in plan.items if item.milestone.required)
    lines.append(f"- **Gaps:** {len(plan.items)}, of which {required} required")
    if plan.tenure and plan.level is not None:
        where = f" at a {plan.tenure_company}" if plan.tenure_company else ""
        lines.append(
            f"- **Typical time to the next step{where}:** {escape(plan.tenure)} (from {escape(plan.level.title)})"
        )
    if plan.company_context:
        lines += ["", f"_{escape(plan.company_context)}_"]
    return [*lines, ""]


def _shortest_path(plan: Plan) -> list[str]:
    first = plan.first_items
    if not first:
        return []
    lines = [
        "## Start here: the shortest path",
        "",
        f"Closing these {len(first)} would meet {escape(plan.next_level.title if plan.next_level else '')}:",
        "",
    ]
    for number, item in enumerate(first, 1):
        tags = [item.milestone.category] + (["required"] if item.milestone.required else [])
        lines.append(f"{number}. {escape(item.milestone.text)} ({', '.join(tags)}; now: {item.answer.label})")
    return [*lines, ""]


def _categories(plan: Plan) -> list[str]:
    lines = ["## Gaps by category", ""]
    for category, items in plan.by_category():
        lines += [f"### {category.capitalize()}", ""]
        for item in items:
            tags = (["**first**"] if item.first else []) + (["required"] if item.milestone.required else [])
            prefix = f"{' · '.join(tags)} · " if tags else ""
            lines.append(f"- [ ] {prefix}{escape(item.milestone.text)} (now: {item.answer.label})")
            if item.milestone.advice:
                lines.append(f"  - Advice: {escape(item.milestone.advice)}")
            if item.note:
                lines.append(f"  - Your note so far: {escape(item.note)}")
        lines.append("")
    return lines

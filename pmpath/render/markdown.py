"""Markdown documents: reports to paste into a doc, a 1:1 agenda or a promotion packet.

The same facts in the same order as the human output. Every piece of ladder, answer
or stored text goes through `for_markdown`: no HTML, no links, no emphasis can come
from data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmpath.escaping import for_markdown as md
from pmpath.model import AREAS, TRACKS, Answer, Framework
from pmpath.render import Format, Renderer
from pmpath.scoring import area_counts, area_scores
from pmpath.wording import (
    About,
    article,
    branch_note,
    level_status,
    percent,
    placements_compared,
    plural,
    readiness,
    readiness_for,
    time_to_next,
    why_not_counted,
)

if TYPE_CHECKING:
    from pmpath.calibration import Calibration, Side
    from pmpath.plan import Plan
    from pmpath.scoring import Assessment
    from pmpath.team import TeamReport
    from pmpath.views import AssessmentReport, LevelDetail, Questionnaire, TransitionGuide


def _md_with_commands(line: str) -> str:
    """A checklist line: its `pmpath ...` commands (written by the plan, in backticks) stay code."""
    parts = line.split("`")
    return "".join(
        f"`{part}`" if index % 2 and part.startswith("pmpath ") else md(part)
        for index, part in enumerate(parts)
    )


def _answer(answer: Answer | None) -> str:
    return "Not asked" if answer is None else answer.label


def _lines(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


class MarkdownRenderer(Renderer):
    format = Format.markdown

    def levels(self, view: Framework) -> str:
        lines = [
            f"# {md(view.name)}",
            "",
            "| Rank | Level | Id | Track | Follows | Tenure | Milestones |",
            "| ---: | --- | --- | --- | --- | --- | ---: |",
        ]
        for level in view.tree_order():
            follows = view.find(level.follows)
            lines.append(
                f"| {level.rank} | {md(level.title)} | `{level.id}` | {TRACKS.get(level.track, level.track)} | "
                f"{md(follows.title) if follows else '-'} | {md(level.typical_tenure or '-')} | {len(level.milestones)} |"
            )
        return _lines(lines)

    def level(self, view: LevelDetail) -> str:
        framework, level = view.framework, view.level
        lines = [
            f"# {md(level.title)}",
            "",
            f"Level {level.rank} of {framework.depth} · {TRACKS.get(level.track, level.track)} · id `{level.id}`",
        ]
        if level.aliases:
            lines += ["", f"Also called: {md(', '.join(level.aliases))}"]
        if level.summary:
            lines += ["", md(level.summary)]
        for heading, text in (("Scope", level.scope), ("Mindset", level.mindset)):
            if text:
                lines += ["", f"## {heading}", "", md(text)]
        if level.responsibilities:
            lines += ["", "## Responsibilities", ""] + [f"- {md(item)}" for item in level.responsibilities]
        facts = [
            (k, v)
            for k, v in (
                ("Typical tenure", level.typical_tenure),
                ("Reports to", level.reports_to),
                ("Manages", level.manages),
                ("Pay", level.compensation),
            )
            if v
        ]
        facts += [
            (f"Next step at {article(company)}", tenure)
            for company, tenure in level.tenure_by_company.items()
        ]
        if facts:
            lines += [""] + [f"- **{label}:** {md(value)}" for label, value in facts]
        lines += [
            "",
            f"## Milestones ({len(level.milestones)})",
            "",
            "| | Milestone | Area | Weight |",
            "| --- | --- | --- | ---: |",
        ]
        for m in level.milestones:
            lines.append(
                f"| {'required' if m.required else ''} | {md(m.text)} | {AREAS[m.category]} | {m.weight} |"
            )
        return _lines(lines)

    # ------------------------------------------------------------ assess

    def assessment(self, view: AssessmentReport) -> str:
        result = view.result
        lines = _assessment_head(view)
        lines += _placement_lines(result)
        lines += _ladder_table(result)
        lines += _gap_table(result)
        lines += _not_counted_lines(result)
        lines += _other_branch_lines(result)
        lines += _area_table(result)
        lines += _noted_evidence(result)
        lines += _transition_lines(view)
        return _lines(lines)

    # ------------------------------------------------------------ compare, plan

    def comparison(self, view: Calibration) -> str:
        a, b = view.a, view.b
        lines = [
            f"# Calibration: {md(a.label)} vs {md(b.label)}",
            "",
            f"Ladder: {md(view.framework.name)}",
            "",
            f"| | {md(a.label)} | {md(b.label)} |",
            "| --- | --- | --- |",
            f"| Source | {md(a.source.describe(name_only=True))} | {md(b.source.describe(name_only=True))} |",
            f"| Level | {md(_placement(a))} | {md(_placement(b))} |",
            f"| Milestones answered | {len(a.result.sheet.responses)} | {len(b.result.sheet.responses)} |",
            "",
            f"**{md(placements_compared(view))}**",
            "",
        ]
        agreement = view.agreement
        if agreement is None:
            lines.append("**Agreement:** nothing to compare: neither answers any milestone.")
            return _lines(lines)
        lines += [
            f"**Agreement:** {percent(agreement)} ({view.agreed} of {view.compared} milestones answered the same, "
            "out of those answered in either)",
            "",
        ]
        if not view.disagreements:
            lines.append("No disagreements: both answer every milestone the same way.")
            return _lines(lines)
        lines += [
            f"## Agenda: {plural(len(view.disagreements), 'disagreement')}",
            "",
            "Required milestones first, then by level, then by weight.",
            "",
            f"| # | Level | Milestone | Required | {md(a.label)} | {md(b.label)} |",
            "| ---: | --- | --- | --- | --- | --- |",
        ]
        for number, item in enumerate(view.disagreements, 1):
            lines.append(
                f"| {number} | {md(item.level.title)} | {md(item.milestone.text)} | {'yes' if item.milestone.required else ''} "
                f"| {_given(item.a)} | {_given(item.b)} |"
            )
        return _lines(lines)

    def plan(self, view: Plan) -> str:
        return plan_markdown(view)

    def transition(self, view: TransitionGuide) -> str:
        t = view.transition
        lines = [f"# {md(t.title)}", ""]
        for heading, content in (
            ("What you bring", t.brings),
            ("The shift", t.shift),
            ("Portfolio exercise", t.exercise),
            ("First steps", t.first_steps),
            ("Pitfalls to avoid", t.pitfalls),
            ("Moving inside your company", t.internal_transfer),
            ("Your first 90 days", t.first_90_days),
        ):
            if not content:
                continue
            lines += [f"## {heading}", ""]
            lines += [md(content)] if isinstance(content, str) else [f"- {md(item)}" for item in content]
            lines.append("")
        interviews = view.transitions.interviews
        if interviews is not None:
            lines += ["## Preparing for PM interviews", ""] + (
                [md(interviews.summary), ""] if interviews.summary else []
            )
            for topic in interviews.topics:
                lines += [
                    f"### {md(topic.name)}",
                    "",
                    md(topic.what),
                    "",
                    f"How to prepare: {md(topic.prepare)}",
                    "",
                ]
            if interviews.portfolio:
                lines += (
                    ["### Your portfolio", ""] + [f"- {md(item)}" for item in interviews.portfolio] + [""]
                )
        return _lines(lines)

    def team(self, view: TeamReport) -> str:
        lines = [
            f"# Team report: {md(view.framework.name)}",
            "",
            f"{plural(len(view.people), 'person', 'people')}"
            + (f", {plural(len(view.skipped), 'file')} skipped" if view.skipped else ""),
            "",
            "## Levels",
            "",
            "| Level | People |",
            "| --- | ---: |",
        ]
        lines += [
            f"| {md(level.title) if level else 'Not yet at the first level'} | {count} |"
            for level, count in view.distribution
        ]
        areas = [area for area in AREAS if any(area in p.areas for p in view.people)]
        if view.people:
            lines += [
                "",
                "## Competency heat map",
                "",
                "Share of yes per area, over the questions each person was asked.",
                "",
                "| Person | " + " | ".join(AREAS[a] for a in areas) + " |",
                "| --- |" + " ---: |" * len(areas),
            ]
            for person in view.people:
                cells = [percent(person.areas[a]) if a in person.areas else "-" for a in areas]
                lines.append(f"| {md(person.name)} | " + " | ".join(cells) + " |")
        if view.common_gaps:
            lines += [
                "",
                "## Most common gaps: what to train or hire for",
                "",
                "| Milestone | Level | People | Who |",
                "| --- | --- | ---: | --- |",
            ]
            lines += [
                f"| {md(g.milestone.text)} | {md(view.framework.level(g.milestone.level).title)} | {len(g.people)} | "
                f"{md(', '.join(g.people))} |"
                for g in view.common_gaps[:15]
            ]
        lines += ["", f"## Promotion pipeline (readiness of {percent(view.threshold)} or more)", ""]
        if view.pipeline:
            lines += ["| Name | Next level | Readiness | Left |", "| --- | --- | ---: | ---: |"]
            lines += [
                f"| {md(e.name)} | {md(e.next_level.title)} | {percent(e.readiness)} | {len(e.left)} |"
                for e in view.pipeline
            ]
        else:
            lines.append("Nobody is at the threshold yet.")
        if view.skipped:
            lines += ["", "## Skipped files", ""] + [
                f"- {md(path)}: {md(reason)}" for path, reason in view.skipped
            ]
        return _lines(lines)

    def questionnaire(self, view: Questionnaire) -> str:
        about = About(view.about)
        title = f"Questions about {md(view.about)}" if view.about else "Questions"
        lines = [
            f"# {title}: {md(view.framework.name)}",
            "",
            "Answer each **Yes**, **Partly** (some of it, or not yet to the bar it names) or **Not yet**.",
            "",
        ]
        for level in view.levels:
            lines += [f"## {md(level.title)} (level {level.rank} of {view.framework.depth})", ""]
            for number, m in enumerate(level.milestones, 1):
                marks = (" **(required)**" if m.required else "") + (
                    " _(may not apply where you work)_" if m.may_not_apply else ""
                )
                lines.append(f"{number}. {md(about.phrase(m.question))}{marks}")
                if m.evidence:
                    lines.append(f"   - Evidence: {md(about.phrase(m.evidence))}")
            lines.append("")
        return _lines(lines)


def _given(answer: Answer | None) -> str:
    return "not answered" if answer is None else answer.label


def _placement(side: Side) -> str:
    result = side.result
    level = result.level.title if result.level else "not yet at the first level"
    return f"{level}; {readiness_for(result)}"


# ---------------------------------------------------------------- the development plan


def plan_markdown(plan: Plan) -> str:
    lines = [f"# {md(_plan_title(plan))}", "", _byline(plan), ""]
    lines += _standing(plan)
    if plan.next_level is not None and plan.items:
        lines += _shortest_path(plan)
        lines += ["## Gaps by competency area", ""]
        for area, items in plan.by_area():
            lines += [f"### {AREAS[area]}", ""]
            for item in items:
                tags = (["**first**"] if item.first else []) + (
                    ["required"] if item.milestone.required else []
                )
                prefix = f"{' · '.join(tags)} · " if tags else ""
                lines.append(f"- [ ] {prefix}{md(item.milestone.text)} (now: {_answer(item.answer)})")
                if item.milestone.advice:
                    lines.append(f"  - Advice: {md(item.milestone.advice)}")
                if item.note:
                    lines.append(f"  - Note so far: {md(item.note)}")
            lines.append("")
        lines += ["## Evidence to collect", ""]
        lines += [
            f"- [ ] {md(item.milestone.evidence or item.milestone.text)}"
            + (" (**first**)" if item.first else "")
            for item in plan.items
        ]
        lines.append("")
    elif plan.next_level is None:
        lines += ["This is the top of its branch of the ladder: there is no next level to plan for.", ""]
    if plan.notes:
        lines += ["## Evidence already noted", ""]
        lines += [f"- {md(n.milestone.text)} ({n.answer.label}): {md(n.note)}" for n in plan.notes] + [""]
    lines += ["## To review together" if plan.profile.name else "## To review with your manager", ""]
    lines += [f"- [ ] {_md_with_commands(line)}" for line in plan.checklist]
    return _lines(lines)


def _plan_title(plan: Plan) -> str:
    who = f" for {plan.profile.name}" if plan.profile.name else ""
    if plan.next_level is None:
        return f"Development plan{who}: {plan.level.title if plan.level else ''}"
    if plan.level is None:
        return f"Development plan{who}: getting to {plan.next_level.title}"
    return f"Development plan{who}: {plan.level.title} to {plan.next_level.title}"


def _byline(plan: Plan) -> str:
    facts = [
        f"Based on {plan.source.describe(name_only=True)}" if plan.source else "Based on the answers given",
        f"ladder: {plan.framework.name}",
    ]
    if plan.source and plan.source.saved_at:
        facts.insert(1, f"dated {plan.source.saved_at[:10]}")
    profile = plan.profile
    if profile.title:
        facts.append(profile.title)
    if profile.years is not None:
        facts.append(f"{profile.years:g} years in product")
    if profile.company:
        facts.append(profile.company)
    return md(" · ".join(facts))


def _standing(plan: Plan) -> list[str]:
    lines = ["## Where things stand", ""]
    depth = plan.framework.depth
    if plan.level is None:
        lines.append("- **Current level:** not yet at the first level")
    else:
        lines.append(f"- **Current level:** {md(plan.level.title)} (level {plan.level.rank} of {depth})")
    if plan.next_level is None:
        return [*lines, ""]
    nxt = plan.next_level
    lines.append(
        f"- **Next level:** {md(nxt.title)}: readiness {percent(plan.readiness or 0)}, "
        f"met at {percent(nxt.pass_threshold)} with every required milestone a yes"
    )
    for level, share in plan.other_steps:
        lines.append(
            f"- **Also next:** {md(level.title)} ({TRACKS.get(level.track, level.track)}): readiness {percent(share)}"
        )
    required = sum(1 for item in plan.items if item.milestone.required)
    lines.append(f"- **Gaps:** {len(plan.items)}, of which {required} required")
    if plan.tenure and plan.level is not None:
        where = f" at {article(plan.tenure_company)}" if plan.tenure_company else ""
        lines.append(
            f"- **Typical time at {md(plan.level.title)} before the next step{where}:** {md(plan.tenure)}"
        )
    if plan.company_context:
        lines += ["", f"_{md(plan.company_context)}_"]
    return [*lines, ""]


def _shortest_path(plan: Plan) -> list[str]:
    first = plan.first_items
    if not first:
        return []
    lines = [
        "## Start here: the shortest path",
        "",
        f"Closing {'this one' if len(first) == 1 else f'these {len(first)}'} would meet "
        f"{md(plan.next_level.title if plan.next_level else '')}:",
        "",
    ]
    for number, item in enumerate(first, 1):
        tags = [AREAS[item.milestone.category]] + (["required"] if item.milestone.required else [])
        lines.append(f"{number}. {md(item.milestone.text)} ({', '.join(tags)}; now: {_answer(item.answer)})")
    return [*lines, ""]


# ---------------------------------------------------------------- the assessment, section by section


def _assessment_head(view: AssessmentReport) -> list[str]:
    result = view.result
    profile = result.sheet.profile
    framework = result.framework
    title = f"Product career assessment: {md(profile.name)}" if profile.name else "Product career assessment"
    facts = [f"Date: {view.assessed_at[:10]}", f"Ladder: {md(framework.name)}"]
    if profile.name:
        facts.append(f"Person: {md(profile.name)}")
    if view.source is not None:
        facts.append(f"Source: {md(view.source.describe(name_only=True))}")
    details = []
    if profile.title:
        details.append(f"title: {md(profile.title)}")
    if profile.years is not None:
        details.append(f"{profile.years:g} years in product")
    if profile.background:
        details.append(f"background: {profile.background}")
    details += [f"{key}: {value}" for key, value in profile.contexts.items()]
    lines = [f"# {title}", "", " · ".join(facts)]
    if details:
        lines += ["", md(" · ".join(details))]
    lines.append("")
    if view.moved is not None:
        moved = view.moved
        lines += [
            f"**Since {md(moved.since.label())}:** {plural(len(moved.up), 'milestone')} up, "
            f"{len(moved.down)} down"
            + (f", {len(moved.added)} new or changed in the ladder" if moved.added else ""),
            "",
        ]
    return lines


def _placement_lines(result: Assessment) -> list[str]:
    framework = result.framework
    lines = []
    if result.level is None:
        lines.append(f"- **Current level:** not yet at the first level ({md(framework.roots[0].title)})")
    else:
        track = TRACKS.get(result.level.track, result.level.track)
        lines.append(
            f"- **Current level:** {md(result.level.title)} (level {result.level.rank} of {framework.depth}, {track})"
        )
    for step in result.next_steps:
        lines.append(
            f"- **Next level:** {md(step.level.title)}{md(branch_note(framework, step.level))}, readiness "
            f"{readiness(result.score_of(step.level))} "
            f"(met at {percent(step.level.pass_threshold)} with every required milestone a yes)"
        )
    if not result.next_steps:
        lines.append("- **Next level:** none, this is the top of the ladder")
    tenure = time_to_next(result.level, result.next_level, result.sheet.profile.company)
    if tenure and result.level is not None:
        lines.append(f"- **Typical time at {md(result.level.title)} before the next step:** {md(tenure)}")
    return lines


def _ladder_table(result: Assessment) -> list[str]:
    lines = ["", "## The ladder", "", "| Level | Score | Status |", "| --- | ---: | --- |"]
    for level in reversed(result.framework.tree_order()):
        score = result.score_of(level)
        current = " **(current)**" if result.level is not None and level.id == result.level.id else ""
        shown = percent(score.score) if score.asked else "-"
        lines.append(f"| {md(level.title)}{current} | {shown} | {level_status(score, result)} |")
    return lines


def _gap_table(result: Assessment) -> list[str]:
    if not result.gaps:
        return []
    lines = [
        "",
        f"## Gaps to {md(result.next_level.title if result.next_level else '')}",
        "",
        "Items marked **first** are the shortest path: close them first to meet the next level.",
        "",
        "| | Milestone | Now | Required | Weight | Advice |",
        "| --- | --- | --- | --- | ---: | --- |",
    ]
    for gap in result.gaps:
        lines.append(
            f"| {'**first**' if gap.on_shortest_path else ''} | {md(gap.milestone.text)} | {_answer(gap.answer)} | "
            f"{'yes' if gap.milestone.required else ''} | {gap.milestone.weight} | {md(gap.milestone.advice)} |"
        )
    return lines


def _other_branch_lines(result: Assessment) -> list[str]:
    """After a fork, the fewest gaps to each other branch, as the human output lists them."""
    lines: list[str] = []
    for step in result.next_steps[1:]:
        title = md(step.level.title) + md(branch_note(result.framework, step.level))
        lines += ["", f"## The other way up: {title}, {readiness(result.score_of(step.level))}", ""]
        path = [gap for gap in step.gaps if gap.on_shortest_path]
        if path:
            lines += ["The fewest gaps that would meet it:", ""]
        for gap in path:
            facts = _answer(gap.answer) + (", required" if gap.milestone.required else "")
            advice = f" {md(gap.milestone.advice)}" if gap.milestone.advice else ""
            lines.append(f"- {md(gap.milestone.text)} *({facts})*{advice}")
    return lines


def _not_counted_lines(result: Assessment) -> list[str]:
    if result.next_level is None:
        return []
    excluded = result.score_of(result.next_level).not_applicable
    if not excluded:
        return []
    return ["", f"Not counted for {md(result.next_level.title)}:", ""] + [
        f"- {md(out.milestone.text)} ({md(why_not_counted(result.framework, out))})" for out in excluded
    ]


def _area_table(result: Assessment) -> list[str]:
    scores = area_scores(result)
    if not scores:
        return []
    counts = area_counts(result)
    return [
        "",
        "## Competency profile",
        "",
        "Share of yes per area (partly counts half), over the questions you were asked.",
        "",
        "| Area | Share of yes | Questions |",
        "| --- | ---: | ---: |",
    ] + [f"| {AREAS[area]} | {percent(value)} | {counts[area]} |" for area, value in scores.items()]


def _noted_evidence(result: Assessment) -> list[str]:
    notes = [(m, result.sheet.note(m.id)) for m in result.framework.milestones() if result.sheet.note(m.id)]
    if not notes:
        return []
    return ["", "## Evidence noted", ""] + [f"- {md(m.text)} _Noted:_ {md(note or '')}" for m, note in notes]


def _transition_lines(view: AssessmentReport) -> list[str]:
    t = view.transition
    if t is None:
        return []
    lines = ["", f"## {md(t.title)}", "", "You bring:", ""] + [f"- {md(item)}" for item in t.brings]
    return [*lines, "", f"**The shift:** {md(t.shift)}", "", f"**Portfolio exercise:** {md(t.exercise)}"]

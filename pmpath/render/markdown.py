"""Markdown documents: an assessment report to paste into a doc or a 1:1 agenda."""

from __future__ import annotations

from pmpath.checks import printable
from pmpath.model import Answer
from pmpath.render import percent, plural
from pmpath.scoring import Assessment, time_to_next


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell or line."""
    return printable(text).replace("|", "\\|").replace("\n", " ")


def assessment_report(result: Assessment) -> str:
    lines = ["# Product career assessment", ""]
    profile = result.sheet.profile
    facts = []
    if profile.title:
        facts.append(f"Title: {escape(profile.title)}")
    if profile.years is not None:
        facts.append(f"{profile.years} years in product")
    if profile.background:
        facts.append(f"background: {profile.background}")
    if profile.company:
        facts.append(f"company: {profile.company}")
    lines += [
        f"Framework: {escape(result.framework.name)}" + (f" · {' · '.join(facts)}" if facts else ""),
        "",
    ]
    if result.level is None:
        lines.append(
            f"- **Current level:** not yet at the first level ({escape(result.framework.levels[0].title)})"
        )
    else:
        lines.append(
            f"- **Current level:** {escape(result.level.title)} (level {result.level.rank} of {len(result.framework.levels)})"
        )
    if result.next_level is not None and result.readiness is not None:
        lines.append(
            f"- **Next level:** {escape(result.next_level.title)}, readiness {percent(result.readiness)} (met at {percent(result.next_level.pass_threshold)} with every required milestone a yes)"
        )
    else:
        lines.append("- **Next level:** none, this is the top of the ladder")
    tenure = time_to_next(result)
    if tenure:
        lines.append(f"- **Typical time to the next step:** {escape(tenure)}")
    lines += ["", "## The ladder", "", "| Level | Score | Met |", "| --- | ---: | --- |"]
    for score in result.scores:
        mark = "yes" if score.met else ("no, required missing" if score.missing_required else "no")
        current = " **(current)**" if result.level is not None and score.level.id == result.level.id else ""
        lines.append(f"| {escape(score.level.title)}{current} | {percent(score.score)} | {mark} |")
    if result.gaps:
        lines += [
            "",
            f"## Gaps to {escape(result.next_level.title if result.next_level else '')}",
            "",
        ]
        lines += [
            "Items marked **first** are the shortest path: close them first to meet the next level.",
            "",
        ]
        lines += [
            "| | Milestone | Now | Required | Weight | Advice |",
            "| --- | --- | --- | --- | ---: | --- |",
        ]
        for gap in result.gaps:
            first = "**first**" if gap.on_shortest_path else ""
            now = gap.answer.label if gap.answer is not Answer.NO else "Not yet"
            required = "yes" if gap.milestone.required else ""
            lines.append(
                f"| {first} | {escape(gap.milestone.text)} | {now} | {required} | {gap.milestone.weight} | {escape(gap.milestone.advice)} |"
            )
    notes = [(m_id, r.evidence) for m_id, r in result.sheet.responses.items() if r.evidence]
    if notes:
        lines += ["", "## Evidence noted", ""]
        milestones = result.framework.milestone_ids()
        lines += [
            f"- {escape(milestones[m_id].text)}: {escape(note or '')}"
            for m_id, note in notes
            if m_id in milestones
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- compare (calibration)

from typing import TYPE_CHECKING  # noqa: E402  (kept with the section it serves)

if TYPE_CHECKING:
    from pmpath.calibration import Calibration, Side


def answer_label(answer: Answer | None) -> str:
    return "not answered" if answer is None else answer.label


def _placement(side: Side) -> str:
    result = side.result
    level = result.level.title if result.level else "not yet at the first level"
    if result.next_level is None or result.readiness is None:
        return f"{level} (top of the ladder)"
    return f"{level}; {percent(result.readiness)} ready for {result.next_level.title}"


def comparison_report(calibration: Calibration) -> str:
    """A calibration agenda: both placements, the agreement rate, the disagreements to talk through."""
    a, b = calibration.a, calibration.b
    lines = [f"# Calibration: {escape(a.label)} vs {escape(b.label)}", ""]
    lines += [
        f"| | {escape(a.label)} | {escape(b.label)} |",
        "| --- | --- | --- |",
        f"| Source | {escape(a.source)} | {escape(b.source)} |",
        f"| Level | {escape(_placement(a))} | {escape(_placement(b))} |",
        f"| Milestones answered | {len(a.result.sheet.responses)} | {len(b.result.sheet.responses)} |",
        "",
    ]
    agreement = calibration.agreement
    if agreement is None:
        lines.append("**Agreement:** nothing to compare: neither answers any milestone.")
    else:
        lines.append(
            f"**Agreement:** {percent(agreement)} ({calibration.agreed} of {calibration.compared} milestones "
            "answered the same, out of those answered in either)"
        )
    lines.append("")
    if not calibration.disagreements:
        lines.append("No disagreements: both answer every milestone the same way.")
        return "\n".join(lines) + "\n"
    lines += [
        f"## Agenda: {plural(len(calibration.disagreements), 'disagreement')}",
        "",
        "Required milestones first, then by level, then by weight.",
        "",
        f"| # | Level | Milestone | Required | {escape(a.label)} | {escape(b.label)} |",
        "| ---: | --- | --- | --- | --- | --- |",
    ]
    for number, item in enumerate(calibration.disagreements, 1):
        required = "yes" if item.milestone.required else ""
        lines.append(
            f"| {number} | {escape(item.level.title)} | {escape(item.milestone.text)} | {required} "
            f"| {answer_label(item.a)} | {answer_label(item.b)} |"
        )
    return "\n".join(lines) + "\n"

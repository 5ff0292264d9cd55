"""A blank answers file to fill in: every milestone id, its question as a comment, the accepted answers."""

from __future__ import annotations

from collections.abc import Iterable

from pmpath.answers import yaml_quoted
from pmpath.model import BACKGROUNDS, Framework, Level
from pmpath.wording import About


def answers_template(framework: Framework, levels: Iterable[Level], about: str | None = None) -> str:
    """YAML that `assess --answers` reads once each answer is filled in (an empty one is reported)."""

    def phrase(text: str) -> str:  # one comment line, whatever the ladder's text holds
        return " ".join(About(about).phrase(text).split())

    lines = [
        f"# pmpath answers for the ladder {yaml_quoted(framework.name)}",
        "# Answer each milestone: yes, partial (partly: some of it, or not yet to the bar it names) or no.",
        "# Where a milestone says it may not apply, na (doesn't apply where you work) is accepted too.",
        "# Leave a milestone blank (or delete its line) to skip it: unanswered milestones count as not yet.",
        "# Then: pmpath assess --answers THIS-FILE",
        "profile:",
        "  years:        # years in product, e.g. 4",
        '  title: ""     # your job title, e.g. "Senior PM"; it decides where the questions start',
        f"  background:   # one of: {', '.join(BACKGROUNDS)}",
    ]
    lines.append(
        f"  name: {yaml_quoted(about)}"
        if about
        else '  name: ""      # whom the answers are about, for a manager\'s view'
    )
    for context in framework.contexts:
        values = ", ".join(value for value, _ in context.values)
        lines.append(f"  {context.id}:   # {phrase(context.prompt)} One of: {values}")
    lines.append("answers:")
    for level in levels:
        lines += ["", f"  # {level.title} (level {level.rank} of {framework.depth})"]
        for milestone in level.milestones:
            marks = [" (required)" if milestone.required else ""]
            if milestone.applies_when:
                where = "; ".join(f"{k}: {', '.join(v)}" for k, v in milestone.applies_when.items())
                marks.append(f" (only where {where})")
            accepted = "yes | partial | no" + (" | na" if milestone.may_not_apply else "")
            lines.append(f"  # {phrase(milestone.question)}{''.join(marks)}")
            if milestone.evidence:
                lines.append(f"  # Evidence: {phrase(milestone.evidence)}")
            lines.append(f"  {milestone.id}:    # {accepted}")
    return "\n".join(lines) + "\n"

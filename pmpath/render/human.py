"""Rich output for a person at a terminal.

Every piece of framework or answer text goes through `_t()`: it becomes a Rich
`Text` (never parsed as markup, so "[b]" stays "[b]") with control characters made
visible, so a title holding an escape sequence cannot drive the terminal.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pmpath.model import Answer, Framework, Level
from pmpath.scoring import Assessment, time_to_next
from pmpath.transitions import Transition

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TRACK_LABELS = {
    "individual-contributor": "IC",
    "people-manager": "Manager",
    "executive": "Executive",
}
BAR_WIDTH = 20


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich would otherwise colour numbers and quotes inside our data.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, file=sys.stderr if stderr else sys.stdout)


def clean(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(text: str) -> Text:
    return _t(text, "bold underline")


def print_renderables(items: Iterable[RenderableType]) -> None:
    out = console()
    for item in items:
        out.print(item)


# ---------------------------------------------------------------- levels and show


def levels_view(framework: Framework) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("#", justify="right", style="dim")
    table.add_column("Level", no_wrap=True)
    table.add_column("Id", style="cyan", no_wrap=True)
    table.add_column("Track")
    table.add_column("Tenure", no_wrap=True)
    table.add_column("Milestones", justify="right", no_wrap=True)
    for level in framework.levels:
        table.add_row(
            str(level.rank), _t(level.title), _t(level.id),
            TRACK_LABELS.get(level.track, level.track), _t(level.typical_tenure or "-"),
            str(len(level.milestones)),
        )  # fmt: skip
    footer = Text("Look one up with ", style="dim") + Text("pmpath show LEVEL", style="bold")
    return [_t(framework.name, "bold"), table, footer]


def level_view(framework: Framework, level: Level) -> list[RenderableType]:
    index = level.rank - 1
    header = (
        _t(level.title, "bold")
        + Text(
            f"  level {level.rank} of {len(framework.levels)} · {TRACK_LABELS.get(level.track, level.track)} · id "
        )
        + _t(level.id, "cyan")
    )
    parts: list[RenderableType] = [header]
    if level.aliases:
        parts.append(Text("Also called: ", style="dim") + _t(", ".join(level.aliases), "dim"))
    if level.summary:
        parts += [Text(), _t(level.summary)]
    for heading, text in (("Scope", level.scope), ("Mindset", level.mindset)):
        if text:
            parts += [Text(), _heading(heading), _t(text)]
    if level.responsibilities:
        parts += [Text(), _heading("Responsibilities")]
        parts.append(_bullets([(Text("•"), _t(item)) for item in level.responsibilities]))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts_rows: tuple[tuple[str, str | None], ...] = (
        ("Typical tenure", level.typical_tenure),
        ("Reports to", level.reports_to),
        ("Manages", level.manages),
        ("Pay", level.compensation),
    )
    for label, value in facts_rows:
        if value:
            facts.add_row(label, _t(value))
    for company, tenure in level.tenure_by_company.items():
        facts.add_row(f"Next step at a {company}", _t(tenure))
    parts += [Text(), facts]
    parts += [Text(), _heading(f"Milestones ({len(level.milestones)}; ★ required, weight 1-3)")]
    for category in dict.fromkeys(m.category for m in level.milestones):
        parts.append(Text(category.capitalize(), style="bold"))
        rows = []
        for milestone in (m for m in level.milestones if m.category == category):
            mark = Text("★", style="yellow") if milestone.required else Text("·")
            detail = (
                Text(f" (weight {milestone.weight}, ", style="dim")
                + _t(milestone.id, "dim cyan")
                + Text(")", style="dim")
            )
            rows.append((mark, _t(milestone.text) + detail))
        parts.append(_bullets(rows))
    before = framework.levels[index - 1].title if index > 0 else "none (first level)"
    after = (
        framework.levels[index + 1].title if index + 1 < len(framework.levels) else "none (top of the ladder)"
    )
    parts += [
        Text(),
        Text("Before: ", style="dim") + _t(before) + Text("   After: ", style="dim") + _t(after),
    ]
    return parts


def _bullets(rows: list[tuple[Text, Text]]) -> Table:
    """Bulleted lines whose wrapped text stays indented under the first line."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid


# ---------------------------------------------------------------- assess


def _bar(score: float) -> Text:
    filled = round(score * BAR_WIDTH)
    return Text("█" * filled, style="green") + Text("░" * (BAR_WIDTH - filled), style="dim")


def assessment_view(result: Assessment, transition: Transition | None = None) -> list[RenderableType]:
    framework = result.framework
    parts: list[RenderableType] = [_headline(result), Text()]
    ladder = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    ladder.add_column(no_wrap=True)  # marker
    ladder.add_column(no_wrap=True)  # title
    ladder.add_column(no_wrap=True)  # bar
    ladder.add_column(justify="right", no_wrap=True)
    ladder.add_column(no_wrap=True)
    for score in reversed(result.scores):
        level = score.level
        is_current = result.level is not None and level.id == result.level.id
        is_next = result.next_level is not None and level.id == result.next_level.id
        marker = "▶" if is_current else ("→" if is_next else " ")
        status = Text("met", style="green") if score.met else Text("not met", style="dim")
        if not score.met and score.missing_required:
            status = Text(f"{len(score.missing_required)} required missing", style="dim")
        style = "bold reverse" if is_current else ("bold" if is_next else "")
        ladder.add_row(marker, _t(level.title, style), _bar(score.score), f"{score.score:.0%}", status)
    parts += [ladder, Text()]
    if result.next_level is None:
        parts.append(
            Text(
                "You meet every level of this ladder. Keep the bar high for the people you lead.",
                style="bold",
            )
        )
        return parts
    nxt = result.next_level
    parts.append(
        Text("Readiness for ") + _t(nxt.title, "bold") + Text(f": {result.readiness:.0%} ")
        + Text(f"(met at {nxt.pass_threshold:.0%} with every ★ required milestone a yes)", style="dim")
    )  # fmt: skip
    parts += [Text(), _gaps_table(result), _legend(result), Text()]
    parts += _context(result, transition)
    if result.unanswered and result.level is not None:
        skipped = len(result.unanswered)
        parts.append(
            Text(
                f"{skipped} milestones were not asked or not answered; they count as not yet.",
                style="dim",
            )
        )
    del framework
    return parts


def _headline(result: Assessment) -> Text:
    total = len(result.framework.levels)
    if result.level is None:
        first = result.framework.levels[0]
        return (
            Text("You are not yet at the first level, ")
            + _t(first.title, "bold")
            + Text(". Here is the way in.")
        )
    return (
        Text("You operate at ")
        + _t(result.level.title, "bold green")
        + Text(f" (level {result.level.rank} of {total}).")
    )


def _gaps_table(result: Assessment) -> RenderableType:
    if not result.gaps:
        return Text("No gaps: every milestone of the next level is a yes.")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left", expand=True)
    table.title = Text(f"Gaps to {clean(result.next_level.title if result.next_level else '')}", style="bold")
    table.add_column("", no_wrap=True, width=1)
    table.add_column("Milestone", ratio=5)
    table.add_column("Now", no_wrap=True)
    table.add_column("Req", no_wrap=True)
    table.add_column("W", no_wrap=True, justify="right")
    table.add_column("Advice", ratio=5)
    for gap in result.gaps:
        now = Text(gap.answer.label, style="yellow" if gap.answer is Answer.PARTIAL else "red")
        table.add_row(
            Text("▸", style="bold magenta") if gap.on_shortest_path else "",
            _t(gap.milestone.text),
            now,
            Text("★", style="yellow") if gap.milestone.required else "",
            str(gap.milestone.weight),
            _t(gap.milestone.advice or "-"),
        )
    return table


def _legend(result: Assessment) -> Text:
    count = len(result.shortest_path)
    title = clean(result.next_level.title) if result.next_level else ""
    gaps = "this gap" if count == 1 else f"these {count} gaps"
    return Text(f"▸ Start with {gaps}: the shortest path to {title}. ★ required, W weight.", style="dim")


def _context(result: Assessment, transition: Transition | None) -> list[RenderableType]:
    parts: list[RenderableType] = []
    profile = result.sheet.profile
    tenure = time_to_next(result)
    if tenure:
        parts.append(Text("Typical time to the next step: ") + _t(tenure, "bold"))
    if profile.company and profile.company in result.framework.companies:
        parts.append(_t(result.framework.companies[profile.company], "italic"))
    if transition is not None:
        parts += [Text(), _heading(transition.title)]
        parts.append(Text("You bring", style="bold"))
        parts.append(_bullets([(Text("•"), _t(item)) for item in transition.brings]))
        parts.append(Text("The shift: ", style="bold") + _t(transition.shift))
        parts.append(Text("Portfolio exercise: ", style="bold") + _t(transition.exercise))
        parts.append(
            Text("More: ", style="dim") + Text(f"pmpath transition {transition.background}", style="bold")
        )
    return parts


def padded(renderable: RenderableType) -> RenderableType:
    return Padding(renderable, (0, 0, 0, 2))


def group(items: list[RenderableType]) -> RenderableType:
    return Group(*items)

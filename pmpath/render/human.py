"""Rich output for a person at a terminal.

Every piece of framework or answer text goes through `_t()`: it becomes a Rich
`Text` (never parsed as markup, so "[b]" stays "[b]") with control characters made
visible, so a title holding an escape sequence cannot drive the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from pmpath.checks import printable
from pmpath.model import Answer, Framework, Level
from pmpath.render import percent, plural
from pmpath.scoring import Assessment, time_to_next
from pmpath.transitions import Transition

TRACK_LABELS = {
    "individual-contributor": "IC",
    "people-manager": "Manager",
    "executive": "Executive",
}
BAR_WIDTH = 20


def console(stderr: bool = False) -> Console:
    # highlight=False: Rich would otherwise colour numbers and quotes inside our data.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, file=sys.stderr if stderr else sys.stdout)


clean = printable  # every piece of data on screen goes through it


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def _heading(text: str) -> Text:
    return _t(text, "bold underline")


def print_renderables(items: Iterable[RenderableType]) -> None:
    out = console()
    if out.is_terminal:
        for item in items:
            out.print(item)
        return
    # Redirected to a file or a pipe: the same text, without the spaces Rich pads lines with.
    with out.capture() as captured:
        for item in items:
            out.print(item)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


# ---------------------------------------------------------------- levels and show


def levels_view(framework: Framework) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    table.add_column("#", justify="right", style="dim")
    table.add_column("Level", no_wrap=True)
    table.add_column("Id", style="cyan", no_wrap=True)
    table.add_column("Track", no_wrap=True)
    table.add_column("Tenure", min_width=9, ratio=1)  # the one column that wraps
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


def _bar(score: float, width: int = BAR_WIDTH) -> Text:
    filled = round(score * width)
    return Text("█" * filled, style="green") + Text("░" * (width - filled), style="dim")


def _bar_width(result: Assessment) -> int:
    """As wide as the terminal allows once titles, percentages and status fit (5 to 20)."""
    longest_title = max(len(score.level.title) for score in result.scores)
    room = console().width - longest_title - len(" 100%  3 required missing") - 6
    return max(5, min(BAR_WIDTH, room))


def assessment_view(result: Assessment, transition: Transition | None = None) -> list[RenderableType]:
    parts: list[RenderableType] = [_headline(result), Text()]
    bar_width = _bar_width(result)
    ladder = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    ladder.add_column(no_wrap=True)  # marker
    ladder.add_column(no_wrap=True)  # title
    ladder.add_column(no_wrap=True)  # bar
    ladder.add_column(justify="right", no_wrap=True)
    ladder.add_column(overflow="ellipsis", no_wrap=True)  # status: the first to give way
    for score in reversed(result.scores):
        level = score.level
        is_current = result.level is not None and level.id == result.level.id
        is_next = result.next_level is not None and level.id == result.next_level.id
        marker = "▶" if is_current else ("→" if is_next else " ")
        status = Text("met", style="green") if score.met else Text("not met", style="dim")
        if not score.met and score.missing_required:
            status = Text(f"{len(score.missing_required)} required missing", style="dim")
        style = "bold reverse" if is_current else ("bold" if is_next else "")
        ladder.add_row(
            marker, _t(level.title, style), _bar(score.score, bar_width), percent(score.score), status
        )
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
        Text("Readiness for ") + _t(nxt.title, "bold") + Text(f": {percent(result.readiness or 0.0)} ")
        + Text(f"(met at {percent(nxt.pass_threshold)} with every ★ required milestone a yes)", style="dim")
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
    return Text(
        f"▸ Start with {gaps}: the shortest path to {title}.\n★ required · W weight (1-3)", style="dim"
    )


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


# ---------------------------------------------------------------- growth: history, progress, compare, transition

from typing import TYPE_CHECKING  # noqa: E402  (kept with the section it serves)

if TYPE_CHECKING:
    from pathlib import Path

    from pmpath.calibration import Calibration, Side
    from pmpath.history import SavedAssessment
    from pmpath.progress import Changes, MilestoneChange, ProgressPoint
    from pmpath.transitions import Transitions

CHANGED_MARK = "*"
CHART_BAR_WIDTH = 14


def local_time(saved_at: str) -> str:
    from pmpath.history import local_time as in_local_time

    return in_local_time(saved_at)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{percent(value)}"


def _changed_footnote() -> Text:
    return Text(
        f"{CHANGED_MARK} ladder changed since this was saved (or it is another ladder): scores may differ today.",
        style="dim",
    )


def history_view(records: list[SavedAssessment], framework: Framework, path: Path) -> list[RenderableType]:
    if not records:
        return [
            Text("No saved assessments yet."),
            Text("Run ", style="dim") + Text("pmpath assess", style="bold")
            + Text(" (it saves by default), or ", style="dim")
            + Text("pmpath assess --answers FILE --save", style="bold") + Text(".", style="dim"),
        ]  # fmt: skip
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", style="cyan", no_wrap=True)  # the id, then the changed-ladder mark
    table.add_column("Saved", no_wrap=True)
    table.add_column("Level", ratio=1, min_width=15)
    table.add_column("Readiness", justify="right", no_wrap=True)
    table.add_column("Framework", ratio=1, min_width=15)
    changed = False
    for record in records:
        mark = record.ladder_changed(framework)
        changed = changed or mark
        table.add_row(
            Text(str(record.id)) + (Text(f" {CHANGED_MARK}", style="bold yellow") if mark else Text()),
            local_time(record.saved_at),
            _t(record.level_title or "below the first level"),
            _percent(record.readiness),
            _t(record.framework_name),
        )
    parts: list[RenderableType] = [
        Text(f"{plural(len(records), 'saved assessment')}, newest first", style="bold"),
        table,
    ]
    if changed:
        parts.append(_changed_footnote())
    parts.append(
        Text("Open one with ", style="dim")
        + Text("pmpath history show ID", style="bold")
        + Text(" · stored in ", style="dim")
        + _t(str(path), "dim")
    )
    return parts


# ---------------------------------------------------------------- progress


def progress_view(points: tuple[ProgressPoint, ...], framework: Framework) -> list[RenderableType]:
    if not points:
        return [
            Text("No saved assessments for ") + _t(framework.name, "bold") + Text(" yet."),
            Text("Run ", style="dim") + Text("pmpath assess", style="bold")
            + Text(" now and again in a few weeks to see your progress here.", style="dim"),
        ]  # fmt: skip
    parts: list[RenderableType] = [
        Text("Progress on ") + _t(framework.name, "bold") + Text(f" ({plural(len(points), 'assessment')})"),
        _progress_chart(points),
        Text("Change: ▲/▼ levels up or down, + gaps closed, - gaps opened", style="dim"),
    ]
    if any(point.ladder_changed for point in points):
        parts.append(_changed_footnote())
    latest = points[-1]
    if latest.changes is None:
        parts += [
            Text(),
            Text("Only one assessment so far: progress needs two. Run ", style="dim")
            + Text("pmpath assess", style="bold")
            + Text(" again after working on your gaps (see ", style="dim")
            + Text("pmpath plan", style="bold")
            + Text(").", style="dim"),
        ]
        return parts
    previous = points[-2]
    parts += [
        Text(),
        Text(
            f"Since the previous assessment (#{previous.id}, {local_time(previous.saved_at)}):", style="bold"
        ),
    ]
    parts += _changes_view(latest.changes, latest)
    return parts


def _progress_chart(points: tuple[ProgressPoint, ...]) -> Table:
    chart = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    chart.add_column("#", justify="right", style="cyan", no_wrap=True)
    chart.add_column("Date", no_wrap=True)
    chart.add_column("Level", no_wrap=True)
    chart.add_column("Readiness for next", no_wrap=True)
    chart.add_column("Change", no_wrap=True)
    for point in points:
        level = _t(point.level.title if point.level else "below the first level")
        if point.ladder_changed:
            level += Text(f" {CHANGED_MARK}", style="bold yellow")
        bar = (
            Text("top of the ladder", style="dim")
            if point.readiness is None
            else _bar(point.readiness, CHART_BAR_WIDTH) + Text(f" {percent(point.readiness):>4}")
        )
        chart.add_row(str(point.id), local_time(point.saved_at)[:10], level, bar, _change_cell(point.changes))
    return chart


def _change_cell(changes: Changes | None) -> Text:
    if changes is None:
        return Text("first", style="dim")
    cell = Text()
    if changes.level_change > 0:
        cell += Text(f"▲{changes.level_change} ", style="bold green")
    elif changes.level_change < 0:
        cell += Text(f"▼{-changes.level_change} ", style="bold red")
    cell += Text(f"+{len(changes.gaps_closed)}", style="green") + Text(" ")
    cell += Text(f"-{len(changes.gaps_opened)}", style="red" if changes.gaps_opened else "dim")
    return cell


def _changes_view(changes: Changes, latest: ProgressPoint) -> list[RenderableType]:
    before = changes.level_before.title if changes.level_before else "below the first level"
    after = changes.level_after.title if changes.level_after else "below the first level"
    if changes.level_change > 0:
        line = Text("Level up: ", style="bold green") + _t(before) + Text(" → ") + _t(after, "bold")
    elif changes.level_change < 0:
        line = Text("Level down: ", style="bold red") + _t(before) + Text(" → ") + _t(after, "bold")
    else:
        line = Text("Level unchanged: ") + _t(after, "bold")
        if latest.next_level is not None and changes.readiness_before is not None:
            line += Text(
                f", readiness for {clean(latest.next_level.title)} "
                f"{_percent(changes.readiness_before)} → {_percent(changes.readiness_after)}"
            )
    parts: list[RenderableType] = [line]
    if not changes.gaps_closed and not changes.gaps_opened:
        parts.append(Text("No answer moved to or from yes.", style="dim"))
    for title, items, mark, style in (
        ("Gaps closed", changes.gaps_closed, "✓", "green"),
        ("Gaps opened", changes.gaps_opened, "✗", "red"),
    ):
        if items:
            parts.append(Text(f"{title} ({len(items)}):", style="bold"))
            parts.append(_bullets([(Text(mark, style=style), _change_text(item)) for item in items]))
    return parts


def _change_text(change: MilestoneChange) -> Text:
    was = "not answered" if change.before is None else change.before.label
    now = "not answered" if change.after is None else change.after.label
    return _t(change.text) + Text(f" ({was} → {now})", style="dim")


# ---------------------------------------------------------------- compare


def _answer_text(answer: Answer | None) -> Text:
    if answer is None:
        return Text("-", style="dim")
    style = {Answer.YES: "green", Answer.PARTIAL: "yellow", Answer.NO: "red"}[answer]
    return Text(answer.label, style=style)


def _side_level(side: Side) -> Text:
    result = side.result
    return _t(result.level.title if result.level else "below the first level", "bold")


def _side_readiness(side: Side) -> Text:
    result = side.result
    if result.next_level is None or result.readiness is None:
        return Text("top of the ladder", style="dim")
    return Text(f"{percent(result.readiness)} for ") + _t(result.next_level.title)


def comparison_view(calibration: Calibration) -> list[RenderableType]:
    a, b = calibration.a, calibration.b
    sides = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    sides.add_column("", style="dim", no_wrap=True)
    sides.add_column(_t(a.label, "bold"), ratio=1)
    sides.add_column(_t(b.label, "bold"), ratio=1)
    sides.add_row("Source", _t(a.source), _t(b.source))
    sides.add_row("Level", _side_level(a), _side_level(b))
    sides.add_row("Readiness", _side_readiness(a), _side_readiness(b))
    sides.add_row("Answered", str(len(a.result.sheet.responses)), str(len(b.result.sheet.responses)))
    parts: list[RenderableType] = [
        Text("Calibration: ", style="bold") + _t(a.label, "bold") + Text(" vs ") + _t(b.label, "bold"),
        sides,
    ]
    agreement = calibration.agreement
    if agreement is None:
        parts.append(Text("Nothing to compare: neither answers any milestone."))
        return parts
    parts.append(
        Text("Agreement: ") + Text(f"{percent(agreement)}", style="bold")
        + Text(
            f" ({calibration.agreed} of {calibration.compared} milestones answered the same, "
            "out of those answered in either)",
            style="dim",
        )
    )  # fmt: skip
    if not calibration.disagreements:
        parts.append(Text("No disagreements: both answer every milestone the same way.", style="green"))
        return parts
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left", expand=True)
    table.title = Text(
        f"To talk about: {plural(len(calibration.disagreements), 'disagreement')}, required first",
        style="bold",
    )
    table.add_column("", no_wrap=True, width=1)
    table.add_column("Level", ratio=2)
    table.add_column("Milestone", ratio=5)
    table.add_column(_t(a.label), no_wrap=True)
    table.add_column(_t(b.label), no_wrap=True)
    for item in calibration.disagreements:
        table.add_row(
            Text("★", style="yellow") if item.milestone.required else "",
            _t(item.level.title),
            _t(item.milestone.text),
            _answer_text(item.a),
            _answer_text(item.b),
        )
    unanswered = any(item.a is None or item.b is None for item in calibration.disagreements)
    legend = "★ required" + (" · - not answered" if unanswered else "")
    parts += [Text(), table, Text(legend, style="dim")]
    return parts


# ---------------------------------------------------------------- transition


def transition_view(
    transition: Transition, facts: tuple[str, ...], framework: Framework
) -> list[RenderableType]:
    parts: list[RenderableType] = [_t(transition.title, "bold")]
    if transition.brings:
        parts += [Text(), _heading("What you bring")]
        parts.append(_bullets([(Text("•"), _t(item)) for item in transition.brings]))
    parts += [Text(), _heading("The shift"), _t(transition.shift)]
    parts += [Text(), _heading("Portfolio exercise"), _t(transition.exercise)]
    if transition.first_steps:
        parts += [Text(), _heading("First steps")]
        parts.append(
            _bullets([(Text(f"{n}."), _t(step)) for n, step in enumerate(transition.first_steps, 1)])
        )
    if transition.likely_milestones:
        known = framework.milestone_ids()
        first = framework.levels[0].title
        parts += [Text(), _heading(f"Milestones of {clean(first)} you likely meet already")]
        rows = []
        for milestone_id in transition.likely_milestones:
            text = known[milestone_id].text if milestone_id in known else milestone_id
            rows.append(
                (
                    Text("✓", style="green"),
                    _t(text)
                    + Text(" (", style="dim")
                    + _t(milestone_id, "dim cyan")
                    + Text(")", style="dim"),
                )
            )
        parts.append(_bullets(rows))
    if facts:
        parts += [Text(), _heading("Good to know")]
        parts.append(_bullets([(Text("•"), _t(fact)) for fact in facts]))
    parts += [
        Text(),
        Text("See where you stand: ", style="dim") + Text("pmpath assess", style="bold"),
    ]
    return parts


def transitions_list_view(transitions: Transitions) -> list[RenderableType]:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Background", style="cyan", no_wrap=True)
    table.add_column("Path", ratio=1)
    for path in transitions.paths:
        table.add_row(_t(path.background), _t(path.title))
    footer = Text("Read one with ", style="dim") + Text("pmpath transition BACKGROUND", style="bold")
    return [Text("Paths into product", style="bold"), table, footer]

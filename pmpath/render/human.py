"""Rich output for a person at a terminal.

Every piece of ladder, answer or stored text goes through `_t()`: it becomes a Rich
`Text` (never parsed as markup, so "[b]" stays "[b]") with control, bidirectional and
invisible characters made visible, so a title holding an escape sequence cannot drive
the terminal. A stream that cannot encode the block and star characters gets ASCII.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from pmpath import terminal
from pmpath.escaping import for_terminal, one_line
from pmpath.model import AREAS, TRACKS, Answer, Framework, Level, Milestone
from pmpath.render import Format, Renderer
from pmpath.scoring import Assessment, LevelScore, area_counts, area_scores
from pmpath.storage.home import shown_home_path
from pmpath.wording import (
    About,
    article,
    branch_note,
    level_status,
    on_branch,
    percent,
    placements_compared,
    plural,
    readiness,
    readiness_for,
    why_not_counted,
)

if TYPE_CHECKING:
    from pmpath.calibration import Calibration, Side
    from pmpath.plan import Plan
    from pmpath.progress import Changes, MilestoneChange, Progress
    from pmpath.team import TeamReport
    from pmpath.validate import Validation
    from pmpath.views import (
        AssessmentReport,
        HistoryListing,
        LevelDetail,
        Questionnaire,
        TransitionGuide,
        TransitionList,
    )

SHORT_AREAS = {
    "product-craft": "Craft",
    "customer-insight": "Cust",
    "data": "Data",
    "technical": "Tech",
    "execution": "Exec",
    "strategy": "Strat",
    "business": "Biz",
    "influence": "Infl",
    "people": "People",
    "organisation": "Org",
}
"""Column heads of the heat map, so ten areas fit in 80 columns (the legend spells them out)."""
TRACK_SHORT = {"individual-contributor": "IC", "people-manager": "Manager", "executive": "Exec"}
BAR_WIDTH = 20
_GLYPHS = {
    "full": ("█", "#"),
    "empty": ("░", "."),
    "star": ("★", "*"),
    "current": ("▶", ">"),
    "next": ("→", "-"),
    "dot": ("·", "-"),
    "check": ("✓", "+"),
    "cross": ("✗", "x"),
    "up": ("▲", "^"),
    "down": ("▼", "v"),
    "bullet": ("•", "*"),
    "arrow": ("→", "->"),
    "first": ("▸", ">"),
    "tee": ("├─ ", "|- "),
    "elbow": ("└─ ", "`- "),
    "pipe": ("│  ", "|  "),
}


def _t(text: str, style: str = "") -> Text:
    return Text(for_terminal(text), style=style)


def _cell(text: str, style: str = "") -> Text:
    """Text for a table cell: on one line of its own, wrapped by the table."""
    return Text(one_line(text), style=style)


def _heading(text: str) -> Text:
    return _t(text, "bold underline")


class HumanRenderer(Renderer):
    format = Format.human

    def __init__(self, *, color: bool = False, width: int = 80, unicode: bool = True) -> None:
        self.color = color
        self.width = width
        self.unicode = unicode

    @classmethod
    def for_output(cls, *, to_file: bool = False) -> HumanRenderer:
        """Colour only for a terminal; the terminal's width, or 100 columns for a file."""
        is_tty = not to_file and sys.stdout.isatty()
        width = terminal.width(sys.stdout) if not to_file else 100
        return cls(color=is_tty, width=width, unicode=to_file or terminal.unicode_ok(sys.stdout))

    def g(self, name: str) -> str:
        """A glyph, or its ASCII stand-in where the output cannot show it."""
        fancy, plain = _GLYPHS[name]
        return fancy if self.unicode else plain

    @property
    def box(self) -> box.Box:
        return box.SIMPLE_HEAD if self.unicode else box.ASCII2

    def _render(self, parts: Iterable[RenderableType]) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width,
            force_terminal=self.color,
            no_color=not self.color,
            highlight=False,
            soft_wrap=False,
            emoji=False,
            legacy_windows=False,
            color_system="standard" if self.color else None,
        )
        for part in parts:
            console.print(part)
        text = buffer.getvalue()
        if not self.color:  # a file or a pipe: no spaces padding the lines
            text = "".join(line.rstrip() + "\n" for line in text.splitlines())
        return text

    def _bar(self, score: float, width: int = BAR_WIDTH) -> Text:
        filled = round(score * width)
        return Text(self.g("full") * filled, style="green") + Text(
            self.g("empty") * (width - filled), style="dim"
        )

    def _bullets(self, rows: list[tuple[Text, Text]]) -> Table:
        """Bulleted lines whose wrapped text stays indented under the first line."""
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(width=3, justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        for mark, text in rows:
            grid.add_row(mark, text)
        return grid

    def _table(self, **options: object) -> Table:
        return Table(box=self.box, pad_edge=False, **options)  # type: ignore[arg-type]

    # ------------------------------------------------------------ levels and show

    def levels(self, view: Framework) -> str:
        framework = view
        table = self._table(show_edge=False, padding=(0, 1))
        table.add_column("Level", ratio=3)  # the titles and tenures wrap before a figure is cut
        table.add_column("Id", style="cyan", no_wrap=True)
        table.add_column("Track", no_wrap=True)
        table.add_column("Tenure", ratio=1, min_width=6)
        table.add_column("Milestones", justify="right", no_wrap=True, min_width=10)
        for level, prefix in self._tree(framework):
            table.add_row(
                Text(prefix, style="dim") + _cell(level.title),
                _cell(level.id),
                TRACK_SHORT.get(level.track, level.track),
                _cell(level.typical_tenure or "-"),
                str(len(level.milestones)),
            )
        footer = Text("Look one up with ", style="dim") + Text("pmpath show LEVEL", style="bold")
        parts: list[RenderableType] = [_t(framework.name, "bold"), table]
        forks = [level for level in framework.levels if len(framework.children(level)) > 1]
        for fork in forks:
            names = " or ".join(
                f"{child.title} ({TRACKS.get(child.track, child.track)})"
                for child in framework.children(fork)
            )
            parts.append(Text(f"After {one_line(fork.title)}: {one_line(names)}", style="dim"))
        return self._render([*parts, footer])

    def _tree(self, framework: Framework) -> list[tuple[Level, str]]:
        """Levels in tree order with the branch drawing before each title (a chain draws nothing)."""
        rows: list[tuple[Level, str]] = []

        def walk(level: Level, own: str, below: str) -> None:
            rows.append((level, own))
            children = framework.children(level)
            if len(children) == 1:
                walk(children[0], below, below)
                return
            for index, child in enumerate(children):
                last = index == len(children) - 1
                walk(
                    child,
                    below + self.g("elbow" if last else "tee"),
                    below + ("   " if last else self.g("pipe")),
                )

        for root in framework.roots:
            walk(root, "", "")
        return rows

    def level(self, view: LevelDetail) -> str:
        framework, level = view.framework, view.level
        track = TRACKS.get(level.track, level.track)
        header = (
            _t(level.title, "bold")
            + Text(f"  level {level.rank} of {framework.depth} {self.g('dot')} {track} {self.g('dot')} id ")
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
            parts.append(
                self._bullets([(Text(self.g("bullet")), _t(item)) for item in level.responsibilities])
            )
        parts += [Text(), self._level_facts(level), Text()]
        parts += self._level_milestones(level)
        parent = framework.parent(level)
        children = framework.children(level)
        before = parent.title if parent else "none (first level)"
        after = " or ".join(child.title for child in children) if children else "none (top of the ladder)"
        parts += [
            Text(),
            Text("Before: ", style="dim") + _t(before) + Text("   After: ", style="dim") + _t(after),
        ]
        return self._render(parts)

    def _level_facts(self, level: Level) -> Table:
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="dim", no_wrap=True)
        facts.add_column()
        for label, value in (
            ("Typical tenure", level.typical_tenure),
            ("Reports to", level.reports_to),
            ("Manages", level.manages),
            ("Pay", level.compensation),
        ):
            if value:
                facts.add_row(label, _t(value))
        for company, tenure in level.tenure_by_company.items():
            facts.add_row(f"Next step at {article(company)}", _t(tenure))
        return facts

    def _level_milestones(self, level: Level) -> list[RenderableType]:
        parts: list[RenderableType] = [
            _heading(f"Milestones ({len(level.milestones)}; {self.g('star')} required, weight 1-3)")
        ]
        for category in [area for area in AREAS if any(m.category == area for m in level.milestones)]:
            parts.append(Text(AREAS[category], style="bold"))
            rows = [
                (
                    Text(self.g("star"), style="yellow") if milestone.required else Text(self.g("dot")),
                    _t(milestone.text) + self._milestone_detail(milestone),
                )
                for milestone in level.milestones
                if milestone.category == category
            ]
            parts.append(self._bullets(rows))
        return parts

    def _milestone_detail(self, milestone: Milestone) -> Text:
        detail = Text(f" (weight {milestone.weight}, ", style="dim") + _t(milestone.id, "dim cyan")
        if milestone.applies_when:
            where = "; ".join(f"{k}: {', '.join(v)}" for k, v in milestone.applies_when.items())
            detail += Text(f"; only where {one_line(where)}", style="dim")
        if milestone.may_not_apply:
            detail += Text("; may not apply", style="dim")
        return detail + Text(")", style="dim")

    # ------------------------------------------------------------ assess

    def assessment(self, view: AssessmentReport) -> str:
        return self._render(self.assessment_parts(view))

    def assessment_parts(self, view: AssessmentReport) -> list[RenderableType]:
        result = view.result
        about = About(result.sheet.profile.name)
        parts: list[RenderableType] = [self._headline(result, about)]
        facts = _report_facts(view)
        if facts:
            parts.append(Text(facts, style="dim"))
        if view.moved is not None:
            parts.append(self._moved(view))
        parts += [Text(), self._ladder(result), *self._forks(result.framework, _reach(result)), Text()]
        if not result.next_steps:
            level = result.level.title if result.level else ""
            parts.append(Text(f"{one_line(level)} is the top of its branch of this ladder: there is no next level.",
                              style="bold"))  # fmt: skip
            parts += [Text(), *self._areas(result)]
            return parts
        parts.append(self._next_line(result))
        first = result.next_steps[0]
        score = result.score_of(first.level)
        parts.append(
            Text("Readiness for ")
            + _t(first.level.title, "bold")
            + Text(f": {percent(first.readiness)} ")
            + Text(
                f"(each answer counts by its weight W, Partly as half; met at {percent(first.level.pass_threshold)} "
                f"with every {self.g('star')} required milestone a yes)",
                style="dim",
            )
        )
        if not score.applies_enough:
            parts.append(
                Text(
                    f"Less than half of {one_line(first.level.title)} applies to you as answered, so it cannot be met: "
                    'answer "doesn\'t apply" only where the opportunity truly does not exist.',
                    style="yellow",
                )
            )
        parts += [Text(), self._gaps_table(result), self._legend(result)]
        parts += self._not_counted(score, result.framework)
        parts += self._other_branches(result)
        parts.append(Text())
        parts += self._areas(result)
        parts += self._context(view)
        parts += [Text(), self._recap(result, about)]
        return parts

    def _recap(self, result: Assessment, about: About) -> Text:
        """The result again in one line, at the end of a long report, where the reader is."""
        who = about.subject("you")
        if result.level is None:
            where = f"{who} {'is' if about.name else 'are'} not yet at the first level"
        else:
            where = f"{who} {'operates' if about.name else 'operate'} at {result.level.title}"
        steps = [
            f"{step.level.title} {percent(score.score)} ({level_status(score, result)})"
            if score.asked
            else f"{step.level.title}, not asked"
            for step in result.next_steps
            for score in [result.score_of(step.level)]
        ]
        after = f"; next: {' or '.join(steps)}." if steps else ", the top of its branch."
        return Text("In short: ", style="bold") + _t(where + after)

    def _headline(self, result: Assessment, about: About) -> Text:
        who = about.subject("You")
        verb = "operates" if about.name else "operate"
        if result.level is None:
            first = result.framework.roots[0]
            be = "is" if about.name else "are"
            return (
                _t(f"{who} {be} not yet at the first level, ")
                + _t(first.title, "bold")
                + Text(". Here is the way in.")
            )
        level = result.level
        track = f", {TRACKS.get(level.track, level.track)}" if on_branch(result.framework, level) else ""
        return (
            _t(f"{who} {verb} at ")
            + _t(level.title, "bold green")
            + Text(f" (level {level.rank} of {result.framework.depth}{track}).")
        )

    def _status(self, score: LevelScore, result: Assessment) -> Text:
        status = level_status(score, result)
        if score.met:
            return Text(status, style="green" if score.asked else "green dim")
        warn = status in ("too little applies", "held back by a required milestone below")
        return Text(status, style="yellow" if warn else "dim")

    def _ladder(self, result: Assessment) -> Table:
        framework = result.framework
        longest = max(len(level.title) for level in framework.levels)
        statuses = {level.id: self._status(result.score_of(level), result) for level in framework.levels}
        widest_status = max(len(status.plain) for status in statuses.values())
        # The bar gives way first, so that the status stays whole: marker 1, percent 4, 4 gaps of 2,
        # and 2 to spare (Rich 13 pads the marker column wider).
        bar_width = max(5, min(BAR_WIDTH, self.width - min(longest, 40) - widest_status - 15))
        ladder = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
        ladder.add_column(no_wrap=True, width=1)  # marker
        ladder.add_column(no_wrap=True, min_width=min(longest, 40))  # title
        ladder.add_column(no_wrap=True, width=bar_width)  # bar
        ladder.add_column(justify="right", no_wrap=True, width=4)
        ladder.add_column(overflow="ellipsis", no_wrap=True)  # status: the first to give way
        next_ids = {step.level.id for step in result.next_steps}
        for level in reversed(framework.tree_order()):
            score = result.score_of(level)
            is_current = result.level is not None and level.id == result.level.id
            marker = self.g("current") if is_current else (self.g("next") if level.id in next_ids else " ")
            style = "bold reverse" if is_current else ("bold" if level.id in next_ids else "")
            shown = score.asked
            ladder.add_row(
                marker,
                _cell(level.title, style),
                self._bar(score.score, bar_width) if shown else Text(""),
                percent(score.score) if shown else "",
                statuses[level.id],
            )
        return ladder

    def _forks(self, framework: Framework, reach: int | None = None) -> list[RenderableType]:
        """One line per fork of the ladder: the branches after it have the same level number.

        With `reach` (the highest rank a person is at or heading for), only the forks they
        have come to: a fork far above them explains nothing about their result.
        """
        lines: list[RenderableType] = []
        for fork in framework.levels:
            children = framework.children(fork)
            if len(children) > 1 and (reach is None or fork.rank <= reach):
                names = " or ".join(f"{c.title} ({TRACKS.get(c.track, c.track)})" for c in children)
                lines.append(
                    Text(f"After {one_line(fork.title)} the ladder branches: {one_line(names)}.", style="dim")
                )
        return lines

    def _next_line(self, result: Assessment) -> Text:
        line = Text("Next: ", style="bold")
        for index, step in enumerate(result.next_steps):
            if index:
                line += Text(f" {self.g('dot')} ")
            line += _t(step.level.title, "bold") + Text(
                f"{branch_note(result.framework, step.level)} {readiness(result.score_of(step.level))}"
            )
        return line

    def _gaps_table(self, result: Assessment) -> RenderableType:
        if not result.gaps:
            return Text("No gaps: every milestone of the next level that applies is a yes.")
        table = self._table(title_justify="left", expand=True)
        table.title = Text(
            f"Gaps to {one_line(result.next_level.title if result.next_level else '')}", style="bold"
        )
        table.add_column("", no_wrap=True, width=1)
        table.add_column("Milestone", ratio=5)
        table.add_column("Now", no_wrap=True)
        table.add_column("Req", no_wrap=True)
        table.add_column("W", no_wrap=True, justify="right")
        table.add_column("Advice", ratio=5)
        for gap in result.gaps:
            label = "Not asked" if gap.answer is None else gap.answer.label
            now = Text(label, style="yellow" if gap.answer is Answer.PARTIAL else "red")
            table.add_row(
                Text(self.g("first"), style="bold magenta") if gap.on_shortest_path else "",
                _cell(gap.milestone.text),
                now,
                Text(self.g("star"), style="yellow") if gap.milestone.required else "",
                str(gap.milestone.weight),
                _cell(gap.milestone.advice or "-"),
            )
        return table

    def _legend(self, result: Assessment) -> Text:
        count = len(result.shortest_path)
        title = one_line(result.next_level.title) if result.next_level else ""
        legend = f"{self.g('star')} required {self.g('dot')} W weight (1-3)"
        if not count:
            return Text(legend, style="dim")
        gaps = "this gap" if count == 1 else f"these {count} gaps"
        return Text(
            f"{self.g('first')} Start with {gaps}: the fewest that would meet {title} "
            f"(every required one not yet a yes, then those that add the most).\n{legend}",
            style="dim",
        )

    def _other_branches(self, result: Assessment) -> list[RenderableType]:
        """After a fork, the fewest gaps to each other branch: the other way up is a real choice."""
        parts: list[RenderableType] = []
        for step in result.next_steps[1:]:
            title = one_line(step.level.title) + branch_note(result.framework, step.level)
            readiness_now = readiness(result.score_of(step.level))
            path = [gap for gap in step.gaps if gap.on_shortest_path]
            rows = [
                (
                    Text(self.g("first"), style="bold magenta"),
                    _t(gap.milestone.text)
                    + Text(f" {self.g('star')}" if gap.milestone.required else "", style="yellow")
                    + Text(
                        f" ({'not asked' if gap.answer is None else gap.answer.label.lower()})", style="dim"
                    )
                    + (_t(f"\n{gap.milestone.advice}", "dim") if gap.milestone.advice else Text()),
                )
                for gap in path
            ]
            lead = f"The other way up: {title}, {readiness_now}."
            if not rows:
                parts += [Text(), Text(lead, style="bold")]
                continue
            parts += [
                Text(),
                Text(f"{lead} The fewest gaps that would meet it:", style="bold"),
                self._bullets(rows),
            ]
        return parts

    def _not_counted(self, score: LevelScore, framework: Framework) -> list[RenderableType]:
        if not score.not_applicable:
            return []
        rows = []
        for out in score.not_applicable:
            why = why_not_counted(framework, out)
            rows.append(
                (Text(self.g("dot"), style="dim"), _t(out.milestone.text) + Text(f" ({why})", style="dim"))
            )
        title = f"Not counted for {one_line(score.level.title)} ({plural(len(rows), 'milestone')}):"
        return [Text(), Text(title, style="bold"), self._bullets(rows)]

    def _areas(self, result: Assessment) -> list[RenderableType]:
        scores = area_scores(result)
        if not scores:
            return []
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(no_wrap=True)
        counts = area_counts(result)
        for area, value in scores.items():
            grid.add_row(
                AREAS[area],
                self._bar(value, 12),
                percent(value),
                Text(plural(counts[area], "question"), style="dim"),
            )
        asked = sum(counts.values())
        title = f"Competency profile, from the {plural(asked, 'question')} you were asked (yes 1, partly ½)"
        return [Text(title, style="bold"), grid, Text()]

    def _moved(self, view: AssessmentReport) -> Text:
        moved = view.moved
        assert moved is not None
        day = (moved.since.saved_at or "")[:10]
        since = f"since {moved.since.label()}" + (f" ({day})" if day else "")
        parts = [f"{plural(len(moved.up), 'milestone')} up", f"{len(moved.down)} down"]
        if moved.added:
            parts.append(f"{len(moved.added)} new or changed in the ladder")
        return Text(f"{', '.join(parts)} {since}.", style="bold")

    def _context(self, view: AssessmentReport) -> list[RenderableType]:
        from pmpath.wording import time_to_next

        result = view.result
        parts: list[RenderableType] = []
        tenure = time_to_next(result.level, result.next_level, result.sheet.profile.company)
        if tenure and result.level is not None:
            parts.append(
                Text(f"Typical time at {one_line(result.level.title)} before the next step: ")
                + _t(tenure, "bold")
            )
        company = result.sheet.profile.company
        if company and company in result.framework.companies:
            parts.append(_t(result.framework.companies[company], "italic"))
        transition = view.transition
        if transition is not None:
            parts += [Text(), _heading(transition.title)]
            parts.append(Text("You bring", style="bold"))
            parts.append(self._bullets([(Text(self.g("bullet")), _t(item)) for item in transition.brings]))
            parts.append(Text("The shift: ", style="bold") + _t(transition.shift))
            parts.append(Text("Portfolio exercise: ", style="bold") + _t(transition.exercise))
            parts.append(
                Text("More: ", style="dim") + Text(f"pmpath transition {transition.background}", style="bold")
            )
        above = {level.id for level in descendants(result.framework, result.level)}
        known = result.framework.milestone_ids()
        unasked = [m for m in result.unanswered if known[m].level in above]
        if unasked and result.level is not None:
            levels = [
                level.title
                for level in result.framework.levels
                if level.id in {known[m].level for m in unasked}
            ]
            names = ", ".join(levels[:-1]) + (" and " if len(levels) > 1 else "") + levels[-1]
            parts.append(
                _t(
                    f"Not asked: {plural(len(unasked), 'milestone')} of {names} (they count as not yet; "
                    "`pmpath assess --all` asks everything).",
                    "dim",
                )
            )
        return parts

    # ------------------------------------------------------------ history, progress, compare, plan

    def history(self, view: HistoryListing) -> str:
        records = view.records
        if not records:
            return self._render(
                [
                    Text("No saved assessments yet."),
                    Text("Run ", style="dim")
                    + Text("pmpath assess", style="bold")
                    + Text(" (it saves by default), or ", style="dim")
                    + Text("pmpath assess --answers FILE --save", style="bold")
                    + Text(".", style="dim"),
                ]
            )
        table = self._table()
        table.add_column("#", style="cyan", no_wrap=True)
        table.add_column("Saved (UTC)", no_wrap=True)
        ladders = {record.framework_name for record in records}
        one_ladder = len(ladders) == 1
        table.add_column("Level", ratio=1, min_width=15)
        table.add_column("Next level", ratio=1, min_width=15)  # with its readiness: a promotion resets it
        if not one_ladder:
            table.add_column("Ladder", ratio=1, min_width=12)
        changed = damaged = False
        for record in records:
            mark = record.ladder_changed(view.framework)
            changed = changed or mark
            damaged = damaged or record.damaged is not None
            level = (
                "damaged: " + record.damaged
                if record.damaged
                else (record.level.title if record.level else "below the first level")
            )
            following = record.next_level
            readiness_now = (
                None if following is None or record.readiness is None else percent(record.readiness)
            )
            cells: list[RenderableType] = [
                Text(str(record.id)) + (Text(" *", style="bold yellow") if mark else Text()),
                record.saved_at.replace("T", " ")[:16],
                _cell(level, "red" if record.damaged else ""),
                _cell(
                    "-"
                    if following is None or readiness_now is None
                    else f"{following.title} {readiness_now}"
                ),
            ]
            table.add_row(*cells, *([] if one_ladder else [_cell(record.framework_name)]))
        shown = len(records)
        title = f"{plural(view.total, 'saved assessment')}, newest first"
        if one_ladder:
            title += f", on {one_line(next(iter(ladders)))}"
        if shown < view.total:
            title += f" (the newest {shown}; --limit 0 lists them all)"
        parts: list[RenderableType] = [Text(title, style="bold"), table]
        if changed:
            parts.append(
                Text("* scored against another version of the ladder than the active one", style="dim")
            )
        if damaged:
            parts.append(Text("A damaged record can be removed with: pmpath history delete ID", style="dim"))
        parts.append(
            Text("Open one with ", style="dim")
            + Text("pmpath history show ID", style="bold")
            + Text(" · stored in ", style="dim")
            + _t(shown_home_path(view.path), "dim")
        )
        return self._render(parts)

    def progress(self, view: Progress) -> str:
        points = view.points
        framework = view.framework
        if not points:
            return self._render(
                [
                    Text("No saved assessments for ") + _t(framework.name, "bold") + Text(" yet."),
                    Text("Run ", style="dim")
                    + Text("pmpath assess", style="bold")
                    + Text(" now and again in a few weeks to see your progress here.", style="dim"),
                ]
            )
        chart = self._table()
        chart.add_column("#", justify="right", style="cyan", no_wrap=True)
        chart.add_column("Date", no_wrap=True)
        chart.add_column("Level", no_wrap=True)
        chart.add_column("Readiness for next", no_wrap=True)
        chart.add_column("Change", no_wrap=True)
        for point in points:
            level = _cell(point.level.title if point.level else "below the first level")
            if point.ladder_changed:
                level += Text(" *", style="bold yellow")
            bar = (
                Text("top of the ladder", style="dim")
                if point.readiness is None
                else self._bar(point.readiness, 14) + Text(f" {percent(point.readiness):>4}")
            )
            chart.add_row(
                str(point.source.record_id),
                (point.source.saved_at or "")[:10],
                level,
                bar,
                self._change_cell(point.changes),
            )
        parts: list[RenderableType] = [
            Text("Progress on ")
            + _t(framework.name, "bold")
            + Text(f" ({plural(len(points), 'assessment')})"),
            chart,
            Text(
                f"Change: {self.g('up')}/{self.g('down')} levels up or down, + gaps closed, - gaps opened",
                style="dim",
            ),
        ]
        if any(point.ladder_changed for point in points):
            parts.append(
                Text("* scored against another version of the ladder than the active one", style="dim")
            )
        for record_id, why in view.damaged:
            parts.append(Text(f"#{record_id} is damaged and left out ({one_line(why)})", style="red"))
        latest = points[-1]
        if latest.changes is None:
            parts += [
                Text(),
                Text("Only one assessment so far: progress needs two. Run ", style="dim")
                + Text("pmpath assess --update", style="bold")
                + Text(" after working on your gaps (see ", style="dim")
                + Text("pmpath plan", style="bold")
                + Text(").", style="dim"),
            ]
            return self._render(parts)
        previous = points[-2]
        parts += [
            Text(),
            Text(
                f"Since the previous assessment (#{previous.source.record_id}, "
                f"{(previous.source.saved_at or '')[:10]}):",
                style="bold",
            ),
        ]
        parts += self._changes_view(latest.changes)
        return self._render(parts)

    def _change_cell(self, changes: Changes | None) -> Text:
        if changes is None:
            return Text("first", style="dim")
        cell = Text()
        if changes.level_change > 0:
            cell += Text(f"{self.g('up')}{changes.level_change} ", style="bold green")
        elif changes.level_change < 0:
            cell += Text(f"{self.g('down')}{-changes.level_change} ", style="bold red")
        cell += Text(f"+{len(changes.gaps_closed)}", style="green") + Text(" ")
        cell += Text(f"-{len(changes.gaps_opened)}", style="red" if changes.gaps_opened else "dim")
        return cell

    def _changes_view(self, changes: Changes) -> list[RenderableType]:
        before = changes.level_before.title if changes.level_before else "below the first level"
        after = changes.level_after.title if changes.level_after else "below the first level"
        arrow = f" {self.g('arrow')} "
        if changes.level_change > 0:
            line = Text("Level up: ", style="bold green") + _t(before) + Text(arrow) + _t(after, "bold")
        elif changes.level_change < 0:
            line = Text("Level down: ", style="bold red") + _t(before) + Text(arrow) + _t(after, "bold")
        else:
            line = Text("Level unchanged: ") + _t(after, "bold")
            if changes.readiness_before is not None and changes.readiness_after is not None:
                line += Text(
                    f", readiness {percent(changes.readiness_before)}{arrow}{percent(changes.readiness_after)}"
                )
        parts: list[RenderableType] = [line]
        if not changes.gaps_closed and not changes.gaps_opened:
            parts.append(Text("No answer moved to or from yes.", style="dim"))
        for title, items, mark, style in (
            ("Gaps closed", changes.gaps_closed, self.g("check"), "green"),
            ("Gaps opened", changes.gaps_opened, self.g("cross"), "red"),
        ):
            if items:
                parts.append(Text(f"{title} ({len(items)}):", style="bold"))
                parts.append(
                    self._bullets([(Text(mark, style=style), self._change_text(item)) for item in items])
                )
        return parts

    def _change_text(self, change: MilestoneChange) -> Text:
        was = "not answered" if change.before is None else change.before.label
        now = "not answered" if change.after is None else change.after.label
        return _t(change.text) + Text(f" ({was} {self.g('arrow')} {now})", style="dim")

    def comparison(self, view: Calibration) -> str:
        a, b = view.a, view.b
        sides = self._table()
        sides.add_column("", style="dim", no_wrap=True)
        sides.add_column(_cell(a.label, "bold"), ratio=1)
        sides.add_column(_cell(b.label, "bold"), ratio=1)
        sides.add_row("Source", _cell(a.source.describe()), _cell(b.source.describe()))
        sides.add_row("Level", self._side_level(a), self._side_level(b))
        sides.add_row("Readiness", self._side_readiness(a), self._side_readiness(b))
        sides.add_row("Answered", str(len(a.result.sheet.responses)), str(len(b.result.sheet.responses)))
        parts: list[RenderableType] = [
            Text("Calibration: ", style="bold") + _t(a.label, "bold") + Text(" vs ") + _t(b.label, "bold"),
            sides,
            _t(placements_compared(view), "bold"),
        ]
        agreement = view.agreement
        if agreement is None:
            parts.append(Text("Nothing to compare: neither answers any milestone."))
            return self._render(parts)
        parts.append(
            Text("Agreement: ")
            + Text(percent(agreement), style="bold")
            + Text(
                f" ({view.agreed} of {view.compared} milestones answered the same, out of those answered in either)",
                style="dim",
            )
        )
        if not view.disagreements:
            parts.append(Text("No disagreements: both answer every milestone the same way.", style="green"))
            return self._render(parts)
        table = self._table(title_justify="left", expand=True)
        table.title = Text(
            f"To talk about: {plural(len(view.disagreements), 'disagreement')}, required first", style="bold"
        )
        table.add_column("", no_wrap=True, width=1)
        table.add_column("Level", ratio=2)
        table.add_column("Milestone", ratio=5)
        table.add_column(_cell(a.label), no_wrap=True)
        table.add_column(_cell(b.label), no_wrap=True)
        for item in view.disagreements:
            table.add_row(
                Text(self.g("star"), style="yellow") if item.milestone.required else "",
                _cell(item.level.title),
                _cell(item.milestone.text),
                self._answer_text(item.a),
                self._answer_text(item.b),
            )
        unanswered = any(item.a is None or item.b is None for item in view.disagreements)
        legend = f"{self.g('star')} required" + (f" {self.g('dot')} - not answered" if unanswered else "")
        parts += [Text(), table, Text(legend, style="dim")]
        return self._render(parts)

    def _answer_text(self, answer: Answer | None) -> Text:
        if answer is None:
            return Text("-", style="dim")
        style = {Answer.YES: "green", Answer.PARTIAL: "yellow", Answer.NO: "red", Answer.NA: "dim"}[answer]
        return Text(answer.label, style=style)

    def _side_level(self, side: Side) -> Text:
        result = side.result
        return _cell(result.level.title if result.level else "below the first level", "bold")

    def _side_readiness(self, side: Side) -> Text:
        return _cell(readiness_for(side.result), "" if side.result.next_level else "dim")

    def plan(self, view: Plan) -> str:
        from rich.markdown import Markdown

        from pmpath.render.markdown import plan_markdown

        return self._render([Markdown(plan_markdown(view))])

    # ------------------------------------------------------------ transitions, validate, team, questions

    def transition(self, view: TransitionGuide) -> str:
        transition, framework = view.transition, view.framework
        parts: list[RenderableType] = [_t(transition.title, "bold")]
        sections: list[tuple[str, tuple[str, ...] | str]] = [
            ("What you bring", transition.brings),
            ("The shift", transition.shift),
            ("Portfolio exercise", transition.exercise),
            ("First steps", transition.first_steps),
            ("Pitfalls to avoid", transition.pitfalls),
            ("Moving inside your company", transition.internal_transfer),
            ("Your first 90 days", transition.first_90_days),
        ]
        for heading, content in sections:
            if not content:
                continue
            parts += [Text(), _heading(heading)]
            if isinstance(content, str):
                parts.append(_t(content))
            else:
                numbered = heading == "First steps"
                parts.append(
                    self._bullets(
                        [
                            (Text(f"{n}." if numbered else self.g("bullet")), _t(item))
                            for n, item in enumerate(content, 1)
                        ]
                    )
                )
        if transition.likely_milestones:
            known = framework.milestone_ids()
            first = framework.roots[0].title
            parts += [Text(), _heading(f"Milestones of {one_line(first)} you likely meet already")]
            rows = [
                (
                    Text(self.g("check"), style="green"),
                    _t(known[m].text) + Text(" (", style="dim") + _t(m, "dim cyan") + Text(")", style="dim"),
                )
                for m in transition.likely_milestones
                if m in known
            ]
            parts.append(self._bullets(rows))
        interviews = view.transitions.interviews
        if interviews is not None:
            parts += [Text(), _heading("Preparing for PM interviews")]
            if interviews.summary:
                parts.append(_t(interviews.summary))
            for topic in interviews.topics:
                parts.append(Text(one_line(topic.name), style="bold"))
                parts.append(
                    self._bullets(
                        [
                            (Text(self.g("bullet")), _t(topic.what)),
                            (
                                Text(self.g("bullet")),
                                Text("How to prepare: ", style="dim") + _t(topic.prepare),
                            ),
                        ]
                    )
                )
            if interviews.portfolio:
                parts.append(Text("Your portfolio", style="bold"))
                parts.append(
                    self._bullets([(Text(self.g("bullet")), _t(item)) for item in interviews.portfolio])
                )
        if view.transitions.facts:
            parts += [Text(), _heading("Good to know")]
            parts.append(
                self._bullets([(Text(self.g("bullet")), _t(fact)) for fact in view.transitions.facts])
            )
        parts += [Text(), Text("See where you stand: ", style="dim") + Text("pmpath assess", style="bold")]
        return self._render(parts)

    def transitions(self, view: TransitionList) -> str:
        table = self._table()
        table.add_column("Background", style="cyan", no_wrap=True)
        table.add_column("Path", ratio=1)
        for path in view.transitions.paths:
            table.add_row(_cell(path.background), _cell(path.title))
        footer = Text("Read one with ", style="dim") + Text("pmpath transition BACKGROUND", style="bold")
        return self._render([Text("Paths into product", style="bold"), table, footer])

    def validation(self, view: Validation) -> str:
        from pmpath.errors import capped

        lines: list[str] = []
        by_file: dict[str, list[str]] = {}
        for problem in view.problems:
            by_file.setdefault(problem.file, []).append(str(problem))
        for entries in by_file.values():
            lines += capped(entries, len(entries))
        lines.append(view.summary())
        return "".join(one_line(line) + "\n" for line in lines)

    def team(self, view: TeamReport) -> str:
        people = view.people
        title = (
            Text("Team on ", style="bold")
            + _t(view.framework.name, "bold")
            + Text(
                f": {plural(len(people), 'person', 'people')}"
                + (f", {plural(len(view.skipped), 'file')} skipped" if view.skipped else "")
            )
        )
        parts: list[RenderableType] = [title, Text(), Text("Levels", style="bold underline")]
        most = max((count for _, count in view.distribution), default=0) or 1
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        for level, count in view.distribution:
            label = level.title if level else "Not yet at the first level"
            grid.add_row(
                _cell(label), Text(self.g("full") * round(20 * count / most), style="cyan"), str(count)
            )
        parts += [grid, Text()]
        if people:
            parts += [
                Text("Competency heat map", style="bold underline"),
                self._heat_map(view),
                Text(
                    f"Share of yes per area, over the questions each person was asked; ≥80% high, 50-79% mid, under 50% low. "
                    f"Areas: {', '.join(f'{SHORT_AREAS[a]} = {AREAS[a]}' for a in AREAS)}.",
                    style="dim",
                ),
                Text(),
            ]
        if view.common_gaps:
            table = self._table(
                title=Text("Most common gaps: what to train or hire for", style="bold"),
                title_justify="left",
                expand=True,
            )
            table.add_column("Milestone", ratio=4)
            table.add_column("Level", ratio=2)
            table.add_column("People", justify="right", no_wrap=True)
            table.add_column("Who", ratio=2)
            for gap in view.common_gaps[:10]:
                table.add_row(
                    _cell(gap.milestone.text),
                    _cell(view.framework.level(gap.milestone.level).title),
                    str(len(gap.people)),
                    _cell(", ".join(gap.people)),
                )
            parts += [table, Text()]
        parts.append(
            Text(f"Promotion pipeline (readiness {percent(view.threshold)} or more)", style="bold underline")
        )
        if view.pipeline:
            table = self._table()
            table.add_column("Name", ratio=2)
            table.add_column("Next level", ratio=2)
            table.add_column("Readiness", justify="right", no_wrap=True)
            table.add_column("Left", ratio=3)
            known = view.framework.milestone_ids()
            for entry in view.pipeline:
                left = Text("\n").join(_cell(f"{self.g('bullet')} {known[m].text}") for m in entry.left)
                table.add_row(
                    _cell(entry.name),
                    _cell(entry.next_level.title),
                    percent(entry.readiness),
                    left if entry.left else Text("nothing: ready now"),
                )
            parts.append(table)
        else:
            parts.append(Text("Nobody is at the threshold yet.", style="dim"))
        if view.skipped:
            parts += [Text(), Text("Skipped", style="bold underline")]
            parts.append(
                self._bullets(
                    [
                        (Text(self.g("cross"), style="red"), _t(f"{path}: {reason}"))
                        for path, reason in view.skipped
                    ]
                )
            )
        return self._render(parts)

    def _heat_map(self, view: TeamReport) -> Table:
        table = self._table(padding=(0, 1))  # ten areas of "100%" fit in 80 columns only this close
        table.add_column("Person", ratio=1, min_width=6)
        areas = [area for area in AREAS if any(area in p.areas for p in view.people)]
        for area in areas:
            table.add_column(SHORT_AREAS[area], justify="right", no_wrap=True)
        for person in view.people:
            cells = []
            for area in areas:
                value = person.areas.get(area)
                style = (
                    ""
                    if value is None
                    else ("green" if value >= 0.8 else "yellow" if value >= 0.5 else "red")
                )
                cells.append(Text("-" if value is None else percent(value), style=style))
            table.add_row(_cell(person.name), *cells)
        return table

    def questionnaire(self, view: Questionnaire) -> str:
        about = About(view.about)
        parts: list[RenderableType] = [
            Text("Questions of ", style="bold")
            + _t(view.framework.name, "bold")
            + (Text(" about ") + _t(view.about, "bold") if view.about else Text())
        ]
        parts.append(
            Text(
                "Answer each Yes, Partly (some of it, or not yet to the bar it names) or Not yet.",
                style="dim",
            )
        )
        for level in view.levels:
            parts += [Text(), _heading(f"{level.title} (level {level.rank} of {view.framework.depth})")]
            rows = []
            for number, milestone in enumerate(level.milestones, 1):
                text = _t(about.phrase(milestone.question))
                if milestone.required:
                    text += Text(f" {self.g('star')} required", style="yellow")
                if milestone.may_not_apply:
                    text += Text(" (may not apply where you work)", style="dim")
                if milestone.evidence:
                    text += Text("\nEvidence: ", style="dim") + _t(about.phrase(milestone.evidence), "dim")
                rows.append((Text(f"{number}."), text))
            parts.append(self._bullets(rows))
        return self._render(parts)


def _reach(result: Assessment) -> int:
    """The highest rank the result is at or points to."""
    ranks = [step.level.rank for step in result.next_steps]
    if result.level is not None:
        ranks.append(result.level.rank)
    return max(ranks, default=0)


def descendants(framework: Framework, level: Level | None) -> list[Level]:
    """Every level above `level` on its branches (every level when None)."""
    found: list[Level] = []
    stack = list(framework.children(level))
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(framework.children(current))
    return found


def _report_facts(view: AssessmentReport) -> str:
    """The line under the headline: date, ladder, person, source."""
    result = view.result
    profile = result.sheet.profile
    facts = [f"{view.assessed_at[:10]}", one_line(result.framework.name)]
    if profile.name:
        facts.append(one_line(profile.name))
    if view.source is not None:
        facts.append(one_line(view.source.describe()))
    return " · ".join(facts)

"""HTML reports: one self-contained file each, inline CSS and SVG, no scripts, no network.

Every piece of ladder, answer or stored text goes through `for_html`. The charts come
from `pmpath.render.charts` (pygal); the heat map is a table, coloured by band and
labelled with its numbers, so it reads in print and without colour too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pmpath.escaping import for_html as h
from pmpath.model import AREAS, TRACKS
from pmpath.render import Format, Renderer, charts
from pmpath.scoring import area_counts, area_scores
from pmpath.wording import branch_note, level_status, percent, plural, readiness, time_to_next

if TYPE_CHECKING:
    from pmpath.plan import Plan
    from pmpath.progress import Progress
    from pmpath.scoring import Assessment
    from pmpath.team import TeamReport
    from pmpath.views import AssessmentReport

CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #6b6b70; --line: #e2e2e6; --accent: #2f6fd6; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 980px; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; }
.facts { color: var(--muted); margin: 0 0 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; font-size: 13px; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { background: var(--line); border-radius: 3px; height: 10px; width: 160px; display: inline-block; }
.bar > span { background: var(--accent); border-radius: 3px; height: 10px; display: block; }
.current td { font-weight: 600; } .tag { font-size: 12px; color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.charts svg { width: 100%; height: auto; } .chart { flex: 1 1 360px; max-width: 100%; }
.wheels { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.heat td.cell { text-align: center; font-variant-numeric: tabular-nums; min-width: 52px; }
.high { background: #cfe9d6; } .mid { background: #fbe7b5; } .low { background: #f6cccc; } .none { color: var(--muted); }
.legend span { display: inline-block; padding: 0 8px; margin-right: 6px; border-radius: 3px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print { body { padding: 0; } h2 { break-after: avoid; } }
"""


def page(title: str, facts: str, body: Iterable[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Nothing may load: no scripts, no network; images only inline.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">\n'
        f"<title>{h(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{h(title)}</h1>\n"
        f'<p class="facts">{facts}</p>\n'
        + "\n".join(body)
        + "\n<footer>Made with pmpath.</footer>\n</body>\n</html>\n"
    )


def _bar(share: float) -> str:
    return f'<span class="bar" aria-hidden="true"><span style="width:{share * 100:.0f}%"></span></span>'


_WHEEL_LABELS = {
    "product-craft": "Craft",
    "customer-insight": "Customers",
    "data": "Data",
    "technical": "Technical",
    "execution": "Execution",
    "strategy": "Strategy",
    "business": "Business",
    "influence": "Influence",
    "people": "People",
    "organisation": "Organisation",
}
"""One word per area around the wheel, where the full names would overlap (the table beside it spells them out)."""


def _wheel(result: Assessment, title: str) -> str:
    areas = [(_WHEEL_LABELS.get(area, AREAS[area]), value) for area, value in area_scores(result).items()]
    return charts.wheel(areas, title) if len(areas) >= 3 else ""


def _band(value: float) -> str:
    return "high" if value >= 0.8 else "mid" if value >= 0.5 else "low"


class HtmlRenderer(Renderer):
    format = Format.html

    def assessment(self, view: AssessmentReport) -> str:
        result = view.result
        profile = result.sheet.profile
        framework = result.framework
        person = profile.name or "Your"
        title = f"{profile.name}: product career assessment" if profile.name else "Product career assessment"
        facts = " · ".join(
            h(x)
            for x in filter(
                None,
                [
                    view.assessed_at[:10],
                    framework.name,
                    profile.name,
                    view.source.describe(name_only=True) if view.source else None,
                ],
            )
        )
        body = [self._placement(result)]
        wheel = _wheel(result, f"{person if profile.name else 'Your'} competency profile")
        body.append(
            f'<h2>Competency profile</h2>\n<div class="charts"><div class="chart">{wheel}</div>'
            f'<div class="chart">{self._areas_table(result)}</div></div>'
        )
        body.append(self._ladder(result))
        body.append(self._gaps(result))
        body.append(self._other_branches(result))
        return page(title, facts, body)

    def _placement(self, result: Assessment) -> str:
        framework = result.framework
        if result.level is None:
            lines = [f"<p><strong>Not yet at the first level</strong> ({h(framework.roots[0].title)}).</p>"]
        else:
            track = TRACKS.get(result.level.track, result.level.track)
            lines = [
                f"<p>Operates at <strong>{h(result.level.title)}</strong> (level {result.level.rank} of "
                f"{framework.depth}, {h(track)}).</p>"
            ]
        if result.next_steps:
            steps = " · ".join(
                f"{h(step.level.title)}{h(branch_note(result.framework, step.level))} "
                f"{readiness(result.score_of(step.level))}"
                for step in result.next_steps
            )
            lines.append(f"<p>Next: {steps}</p>")
            tenure = time_to_next(result.level, result.next_level, result.sheet.profile.company)
            if tenure and result.level is not None:
                lines.append(
                    f"<p>Typical time at {h(result.level.title)} before the next step: {h(tenure)}</p>"
                )
        else:
            lines.append("<p>This is the top of its branch of the ladder: there is no next level.</p>")
        return "\n".join(lines)

    def _areas_table(self, result: Assessment) -> str:
        counts = area_counts(result)
        rows = "".join(
            f'<tr><td>{h(AREAS[area])}</td><td>{_bar(value)}</td><td class="num">{percent(value)}</td>'
            f'<td class="num tag">{plural(counts[area], "question")}</td></tr>'
            for area, value in area_scores(result).items()
        )
        head = '<tr><th>Area</th><th></th><th class="num">Share of yes</th><th class="num">Asked</th></tr>'
        return f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>"

    def _ladder(self, result: Assessment) -> str:
        rows = []
        for level in reversed(result.framework.tree_order()):
            score = result.score_of(level)
            current = result.level is not None and level.id == result.level.id
            status = level_status(score, result)
            shown = score.asked
            rows.append(
                f'<tr class="{"current" if current else ""}"><td>{h(level.title)}</td><td>{_bar(score.score) if shown else ""}</td>'
                f'<td class="num">{percent(score.score) if shown else ""}</td><td>{status}</td></tr>'
            )
        return (
            '<h2>The ladder</h2>\n<table><thead><tr><th>Level</th><th></th><th class="num">Score</th><th>Status</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _gaps(self, result: Assessment) -> str:
        if not result.gaps or result.next_level is None:
            return ""
        rows = "".join(
            f"<tr><td>{'first' if gap.on_shortest_path else ''}</td><td>{h(gap.milestone.text)}</td>"
            f"<td>{'Not asked' if gap.answer is None else h(gap.answer.label)}</td>"
            f'<td>{"yes" if gap.milestone.required else ""}</td><td class="num">{gap.milestone.weight}</td>'
            f"<td>{h(gap.milestone.advice)}</td></tr>"
            for gap in result.gaps
        )
        return (
            f'<h2>Gaps to {h(result.next_level.title)}</h2>\n<p class="tag">The items marked first are the shortest '
            "path to the next level.</p>\n<table><thead><tr><th></th><th>Milestone</th><th>Now</th><th>Required</th>"
            f'<th class="num">Weight</th><th>Advice</th></tr></thead><tbody>{rows}</tbody></table>'
        )

    def _other_branches(self, result: Assessment) -> str:
        """After a fork, the fewest gaps to each other branch, as the other formats list them."""
        sections = []
        for step in result.next_steps[1:]:
            items = "".join(
                f'<li>{h(gap.milestone.text)} <span class="tag">{"Not asked" if gap.answer is None else h(gap.answer.label)}'
                f"{', required' if gap.milestone.required else ''}</span> {h(gap.milestone.advice)}</li>"
                for gap in step.gaps
                if gap.on_shortest_path
            )
            title = h(step.level.title + branch_note(result.framework, step.level))
            sections.append(
                f"<h2>The other way up: {title}, {h(readiness(result.score_of(step.level)))}</h2>\n"
                + (f"<p>The fewest gaps that would meet it:</p>\n<ul>{items}</ul>" if items else "")
            )
        return "\n".join(sections)

    def plan(self, view: Plan) -> str:
        from pmpath.render.markdown import _plan_title

        facts = " · ".join(
            h(x)
            for x in filter(
                None,
                [
                    (view.source.saved_at or "")[:10] if view.source else None,
                    view.framework.name,
                    view.profile.name,
                    view.source.describe(name_only=True) if view.source else None,
                ],
            )
        )
        body = []
        if view.next_level is not None:
            body.append(
                f"<p>Next level: <strong>{h(view.next_level.title)}</strong>, readiness "
                f"{percent(view.readiness or 0)}; met at {percent(view.next_level.pass_threshold)} with every "
                "required milestone a yes.</p>"
            )
            if view.tenure:
                body.append(f"<p>Typical time at this level before the next step: {h(view.tenure)}</p>")
        first = view.first_items
        if first:
            shortest = "".join(
                f'<li>{h(item.milestone.text)} <span class="tag">{h(AREAS[item.milestone.category])}'
                f"{', required' if item.milestone.required else ''}</span></li>"
                for item in first
            )
            body.append(f"<h2>Start here: the shortest path</h2>\n<ol>{shortest}</ol>")
        for area, items in view.by_area():
            rows = "".join(
                f"<tr><td>{'first' if i.first else ''}</td><td>{h(i.milestone.text)}</td>"
                f"<td>{h(i.milestone.advice)}</td><td>{h(i.milestone.evidence)}</td></tr>"
                for i in items
            )
            body.append(
                f"<h2>{h(AREAS[area])}</h2>\n<table><thead><tr><th></th><th>Milestone</th><th>Advice</th>"
                f"<th>Evidence to collect</th></tr></thead><tbody>{rows}</tbody></table>"
            )
        checklist = "".join(f"<li>{h(line)}</li>" for line in view.checklist)
        body.append(f"<h2>To review together</h2>\n<ul>{checklist}</ul>")
        return page(_plan_title(view), facts, body)

    def progress(self, view: Progress) -> str:
        points = view.points
        facts = h(f"{view.framework.name} · {plural(len(points), 'assessment')}")
        body = []
        if points:
            labels = [
                (f"#{p.source.record_id} {(p.source.saved_at or '')[:10]}", p.readiness) for p in points
            ]
            body.append(
                f'<div class="chart">{charts.readiness_over_time(labels, "Readiness for the next level")}</div>'
            )
        rows = "".join(
            f'<tr><td class="num">{p.source.record_id}</td><td>{h((p.source.saved_at or "")[:10])}</td>'
            f"<td>{h(p.level.title if p.level else 'below the first level')}</td>"
            f"<td>{h(p.next_level.title) if p.next_level else '-'}</td>"
            f'<td class="num">{"-" if p.readiness is None else percent(p.readiness)}</td>'
            f'<td class="num">{"" if p.changes is None else f"+{len(p.changes.gaps_closed)} -{len(p.changes.gaps_opened)}"}</td></tr>'
            for p in points
        )
        body.append(
            '<h2>Assessments</h2>\n<table><thead><tr><th class="num">#</th><th>Date</th><th>Level</th><th>Next</th>'
            f'<th class="num">Readiness</th><th class="num">Gaps closed, opened</th></tr></thead><tbody>{rows}</tbody></table>'
        )
        return page("Progress", facts, body)

    def team(self, view: TeamReport) -> str:
        facts = h(
            f"{view.framework.name} · {plural(len(view.people), 'person', 'people')}"
            + (f" · {len(view.skipped)} files skipped" if view.skipped else "")
        )
        counts = [
            (level.title if level else "Not yet at the first level", count)
            for level, count in view.distribution
        ]
        body = [
            f'<h2>Levels</h2>\n<div class="chart">{charts.distribution(counts, "People per level")}</div>'
        ]
        body.append(self._heat_map(view))
        wheels = "".join(
            f'<div class="chart">{charts.wheel([(_WHEEL_LABELS.get(a, AREAS[a]), v) for a, v in p.areas.items()], p.name)}</div>'
            for p in view.people
            if len(p.areas) >= 3
        )
        if wheels:
            body.append(f'<h2>Competency wheels</h2>\n<div class="wheels">{wheels}</div>')
        gaps = "".join(
            f"<tr><td>{h(g.milestone.text)}</td><td>{h(view.framework.level(g.milestone.level).title)}</td>"
            f'<td class="num">{len(g.people)}</td><td>{h(", ".join(g.people))}</td></tr>'
            for g in view.common_gaps[:15]
        )
        if gaps:
            body.append(
                "<h2>Most common gaps: what to train or hire for</h2>\n<table><thead><tr><th>Milestone</th>"
                f'<th>Level</th><th class="num">People</th><th>Who</th></tr></thead><tbody>{gaps}</tbody></table>'
            )
        ready = "".join(
            f'<tr><td>{h(e.name)}</td><td>{h(e.next_level.title)}</td><td class="num">{percent(e.readiness)}</td>'
            f'<td class="num">{len(e.left)}</td></tr>'
            for e in view.pipeline
        )
        body.append(
            f"<h2>Promotion pipeline (readiness of {percent(view.threshold)} or more)</h2>\n"
            + (
                f'<table><thead><tr><th>Name</th><th>Next level</th><th class="num">Readiness</th><th class="num">Left</th></tr>'
                f"</thead><tbody>{ready}</tbody></table>"
                if ready
                else "<p>Nobody is at the threshold yet.</p>"
            )
        )
        if view.skipped:
            skipped = "".join(f"<li>{h(path)}: {h(reason)}</li>" for path, reason in view.skipped)
            body.append(f"<h2>Skipped files</h2>\n<ul>{skipped}</ul>")
        return page("Team report", facts, body)

    def _heat_map(self, view: TeamReport) -> str:
        areas = [area for area in AREAS if any(area in p.areas for p in view.people)]
        head = "".join(f'<th title="{h(AREAS[a])}">{h(_WHEEL_LABELS.get(a, AREAS[a]))}</th>' for a in areas)
        rows = []
        for person in view.people:
            cells = "".join(
                f'<td class="cell {_band(person.areas[a])}">{percent(person.areas[a])}</td>'
                if a in person.areas
                else '<td class="cell none">-</td>'
                for a in areas
            )
            rows.append(f"<tr><td>{h(person.name)}</td>{cells}</tr>")
        legend = (
            '<p class="legend tag">Share of yes per area, over the questions each person was asked: '
            '<span class="high">80% or more</span><span class="mid">50-79%</span><span class="low">under 50%</span></p>'
        )
        names = "; ".join(f"{h(_WHEEL_LABELS.get(a, AREAS[a]))}: {h(AREAS[a])}" for a in areas)
        return (
            f'<h2>Competency heat map</h2>\n{legend}\n<table class="heat"><thead><tr><th>Person</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>\n<p class="tag">{names}.</p>'
        )

"""CSV for spreadsheets: one header row, stable column names, RFC 4180 quoting (CRLF line ends).

A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
or a carriage return) gets a leading apostrophe, so a name in an answers file cannot
become a formula on a manager's machine.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pmpath.model import AREAS
from pmpath.render import Format, Renderer

if TYPE_CHECKING:
    from pmpath.progress import Progress
    from pmpath.team import TeamReport
    from pmpath.views import HistoryListing

HISTORY_COLUMNS = (
    "id",
    "saved_at",
    "ladder",
    "level",
    "level_title",
    "level_rank",
    "next_level",
    "readiness",
    "ladder_changed",
    "damaged",
)
PROGRESS_COLUMNS = (
    "id",
    "saved_at",
    "level",
    "level_title",
    "level_rank",
    "next_level",
    "readiness",
    "level_change",
    "gaps_closed",
    "gaps_opened",
)
TEAM_COLUMNS = (
    "name",
    "source",
    "level",
    "level_title",
    "level_rank",
    "next_level",
    "readiness",
    "ready",
    *AREAS,
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


class CsvRenderer(Renderer):
    format = Format.csv

    def history(self, view: HistoryListing) -> str:
        rows = (
            (
                r.id,
                r.saved_at,
                r.framework_name,
                r.level.id if r.level else None,
                r.level.title if r.level else None,
                r.level.rank if r.level else None,
                r.next_level.id if r.next_level else None,
                r.readiness,
                r.ladder_changed(view.framework),
                r.damaged,
            )
            for r in view.records
        )
        return table(HISTORY_COLUMNS, rows)

    def progress(self, view: Progress) -> str:
        rows = (
            (
                p.source.record_id,
                p.source.saved_at,
                p.level.id if p.level else None,
                p.level.title if p.level else None,
                p.level.rank if p.level else None,
                p.next_level.id if p.next_level else None,
                p.readiness,
                p.changes.level_change if p.changes else None,
                len(p.changes.gaps_closed) if p.changes else None,
                len(p.changes.gaps_opened) if p.changes else None,
            )
            for p in view.points
        )
        return table(PROGRESS_COLUMNS, rows)

    def team(self, view: TeamReport) -> str:
        ready = {entry.name for entry in view.pipeline}
        rows = (
            (
                p.name,
                p.source.path if p.source.kind == "file" else f"#{p.source.record_id}",
                p.result.level.id if p.result.level else None,
                p.result.level.title if p.result.level else None,
                p.result.level.rank if p.result.level else None,
                p.result.next_level.id if p.result.next_level else None,
                p.result.readiness,
                p.name in ready,
                *(p.areas.get(area) for area in AREAS),
            )
            for p in view.people
        )
        return table(TEAM_COLUMNS, rows)

"""Renderers: one module per output format, each turning a view into text, behind one interface.

* `human`: Rich tables for a person at a terminal (the only place rich is imported);
* `json`: documents for scripts (plain `json.dumps`, never through a styled console);
* `markdown`: documents a person pastes into a doc or brings to a 1:1;
* `html`: one self-contained page with charts (the only place the chart library is imported);
* `csv`: rows for spreadsheets.

`Renderer` has one method per kind of view; a format that has nothing sensible to say
for a view leaves the base method, which raises `NotSupported`. `renderer()` is the one
place a format becomes a renderer, and `supports()` lets a command refuse a format
before doing any work. Nothing falls back silently to another format.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from pmpath.errors import UsageError

if TYPE_CHECKING:
    from pmpath.calibration import Calibration
    from pmpath.model import Framework
    from pmpath.plan import Plan
    from pmpath.progress import Progress
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


class Format(str, Enum):
    human = "human"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"


EXTENSIONS = {
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".html": Format.html,
    ".htm": Format.html,
    ".json": Format.json,
    ".csv": Format.csv,
    ".txt": Format.human,
}
"""The format `-o FILE` writes when no --format is given."""


class NotSupported(UsageError):
    """A format that has nothing to say for a kind of view."""


class Renderer:
    """One output format. Each method renders one kind of view to the text the command writes."""

    format: Format

    def _unsupported(self, kind: str) -> NotSupported:
        return NotSupported(f"{kind} has no {self.format.value} output")

    def levels(self, view: Framework) -> str:
        raise self._unsupported("levels")

    def level(self, view: LevelDetail) -> str:
        raise self._unsupported("show")

    def assessment(self, view: AssessmentReport) -> str:
        raise self._unsupported("assess")

    def history(self, view: HistoryListing) -> str:
        raise self._unsupported("history")

    def progress(self, view: Progress) -> str:
        raise self._unsupported("progress")

    def comparison(self, view: Calibration) -> str:
        raise self._unsupported("compare")

    def plan(self, view: Plan) -> str:
        raise self._unsupported("plan")

    def transition(self, view: TransitionGuide) -> str:
        raise self._unsupported("transition")

    def transitions(self, view: TransitionList) -> str:
        raise self._unsupported("transition")

    def validation(self, view: Validation) -> str:
        raise self._unsupported("validate")

    def team(self, view: TeamReport) -> str:
        raise self._unsupported("team")

    def questionnaire(self, view: Questionnaire) -> str:
        raise self._unsupported("questions")


def renderer_class(chosen: Format) -> type[Renderer]:
    """The renderer of a format, imported only when chosen (rich and the chart library cost start-up)."""
    if chosen is Format.json:
        from pmpath.render.json import JsonRenderer

        return JsonRenderer
    if chosen is Format.human:
        from pmpath.render.human import HumanRenderer

        return HumanRenderer
    if chosen is Format.markdown:
        from pmpath.render.markdown import MarkdownRenderer

        return MarkdownRenderer
    if chosen is Format.html:
        from pmpath.render.html import HtmlRenderer

        return HtmlRenderer
    if chosen is Format.csv:
        from pmpath.render.csv import CsvRenderer

        return CsvRenderer
    raise AssertionError(chosen)  # pragma: no cover - every Format is handled above


def supports(chosen: Format, kind: str) -> bool:
    """The format renders this kind of view (its renderer overrides the method)."""
    cls = renderer_class(chosen)
    method: Any = getattr(cls, kind)
    return method is not getattr(Renderer, kind)


def supported_formats(kind: str) -> list[Format]:
    """Every format a kind of view can be written in, for help and error messages."""
    return [chosen for chosen in Format if _declared(chosen, kind)]


_SUPPORT: dict[str, tuple[Format, ...]] = {
    "levels": (Format.human, Format.json, Format.markdown),
    "level": (Format.human, Format.json, Format.markdown),
    "assessment": (Format.human, Format.json, Format.markdown, Format.html),
    "history": (Format.human, Format.json, Format.csv),
    "progress": (Format.human, Format.json, Format.csv, Format.html),
    "comparison": (Format.human, Format.json, Format.markdown),
    "plan": (Format.human, Format.json, Format.markdown, Format.html),
    "transition": (Format.human, Format.json, Format.markdown),
    "transitions": (Format.human, Format.json),
    "validation": (Format.human, Format.json),
    "team": (Format.human, Format.json, Format.csv, Format.html, Format.markdown),
    "questionnaire": (Format.human, Format.json, Format.markdown),
}
"""Which formats each view has, known without importing any renderer (a test checks it against them)."""


def _declared(chosen: Format, kind: str) -> bool:
    return chosen in _SUPPORT[kind]


def check_format(chosen: Format, kind: str, command: str) -> None:
    """Refuse a format a command cannot write, before any work is done."""
    if not _declared(chosen, kind):
        offered = ", ".join(f.value for f in _SUPPORT[kind])
        raise NotSupported(f"{command} has no {chosen.value} output; choose one of: {offered}")

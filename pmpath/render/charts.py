"""SVG charts for the HTML reports, drawn by pygal (imported here only: the HTML path pays for it).

pygal writes standalone SVG with its CSS inline. It also adds a script for optional
tooltips; the reports are script-free, so each chart is rendered with no JavaScript
and the script element (its configuration only) and comments are removed. Every
label goes through pygal's XML writer, which escapes it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import pygal
from pygal.style import Style

from pmpath.escaping import one_line

# pygal installs an import hook for its optional map plugins (pygal.maps.*), which pmpath
# does not use; the hook predates find_spec, so every later import would warn about it.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#333",
    foreground_strong="#111",
    foreground_subtle="#999",
    colors=("#2f6fd6", "#d6682f", "#2fa46b", "#8a4fd6", "#d62f6f", "#6b6b6b"),
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    title_font_size=15,
    legend_font_size=13,
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _svg(chart: pygal.graph.graph.Graph, description: str) -> str:
    svg = chart.render(is_unicode=True)
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    # Name the picture for screen readers: the first element inside <svg> is its title.
    return svg.replace(">", f' role="img" aria-label="{_attribute(description)}">', 1)


def _attribute(text: str) -> str:
    import html

    return html.escape(one_line(text), quote=True)


def _options(**extra: object) -> dict[str, object]:
    return {"js": [], "disable_xml_declaration": True, "style": _STYLE, "explicit_size": False, **extra}


def wheel(areas: Sequence[tuple[str, float]], title: str, series: str = "Share of yes") -> str:
    """A radar of the share of yes in each competency area (0-100%)."""
    chart = pygal.Radar(
        **_options(
            width=460,
            height=420,
            show_legend=False,
            range=(0, 100),
            fill=True,
            dots_size=3,
            title=one_line(title),
        )
    )
    chart.x_labels = [one_line(label) for label, _ in areas]
    chart.add(one_line(series), [round(value * 100) for _, value in areas])
    return _svg(chart, f"{title}: " + ", ".join(f"{label} {round(value * 100)}%" for label, value in areas))


def distribution(counts: Sequence[tuple[str, int]], title: str) -> str:
    """A horizontal bar per level: how many people operate at it."""
    chart = pygal.HorizontalBar(
        **_options(
            width=640,
            height=60 + 34 * len(counts),
            show_legend=False,
            print_values=True,
            title=one_line(title),
            y_labels=list(range(max((count for _, count in counts), default=0) + 1)),  # whole people
        )
    )
    chart.x_labels = [one_line(label) for label, _ in counts]
    chart.add("People", [count for _, count in counts])
    return _svg(chart, f"{title}: " + ", ".join(f"{label} {count}" for label, count in counts))


def readiness_over_time(points: Sequence[tuple[str, float | None]], title: str) -> str:
    """Readiness for the next level at each assessment (a gap in the line at the top of the ladder)."""
    chart = pygal.Line(
        **_options(
            width=720,
            height=360,
            show_legend=False,
            range=(0, 100),
            dots_size=4,
            title=one_line(title),
            x_label_rotation=20,
        )
    )
    chart.x_labels = [one_line(label) for label, _ in points]
    chart.add("Readiness", [None if value is None else round(value * 100) for _, value in points])
    shown = ", ".join(
        f"{label} {'top' if value is None else f'{round(value * 100)}%'}" for label, value in points
    )
    return _svg(chart, f"{title}: {shown}")

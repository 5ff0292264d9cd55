"""Renderers: one module per output form, each turning a computed result into text.

* `json`: for scripts (plain `json.dumps`, never through a styled console);
* `human`: Rich tables and panels for a person at a terminal (imports rich);
* `markdown`: documents a person pastes into a doc or brings to a 1:1.
"""

from enum import Enum


class OutputFormat(str, Enum):
    human = "human"
    json = "json"
    markdown = "markdown"


def percent(share: float) -> str:
    """A 0-1 share as a whole percentage, rounded down: a score just under a threshold of
    80% must never read "80%". (Format's own rounding sends 0.625 to 62% and 0.675 to 68%.)"""
    return f"{int(share * 100 + 1e-9)}%"


def plural(count: int, noun: str) -> str:
    """ "1 answer", "2 answers": a count with its noun, for messages a person reads."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

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

"""Find a level by the name a person types: id, title or alias, loosely."""

from __future__ import annotations

import difflib

from pmpath.checks import shown
from pmpath.errors import UnknownLevelError
from pmpath.framework import normalize_name
from pmpath.model import Framework, Level


def level_names(level: Level) -> list[str]:
    return [level.id, level.title, *level.aliases]


def find_level(framework: Framework, name: str) -> Level:
    """The level whose rank, id, title or alias matches `name`.

    Matching ignores case, spaces, dots, dashes and underscores, so "senior-pm",
    "Senior PM", "sr pm" and "Senior Product Manager" all find the same level.
    """
    if name.strip().isdigit() and 1 <= int(name) <= len(framework.levels):
        return framework.levels[int(name) - 1]  # the rank, as `pmpath levels` numbers them
    wanted = normalize_name(name)
    names = {normalize_name(alias): level for level in framework.levels for alias in level_names(level)}
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    hint = f"Did you mean {names[close[0]].id!r}? " if close else ""
    valid = ", ".join(level.id for level in framework.levels)
    raise UnknownLevelError(f"unknown level {shown(name)}", hint=f"{hint}Valid levels: {valid}")

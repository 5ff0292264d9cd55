"""Find a level by the name a person types (id, title, alias or rank) or by a job title."""

from __future__ import annotations

import re

from pmpath.errors import UnknownLevelError
from pmpath.escaping import shown
from pmpath.framework import normalize_name
from pmpath.model import Framework, Level

_RANK = re.compile(r"[0-9]{1,4}")  # ASCII digits only: "²".isdigit() is true, int("²") fails
_PARTS = re.compile(r"\s*(?:,|\(|\)|\||/|:|&|\+|\s[-\u2013\u2014]\s|\sand\s)\s*", re.IGNORECASE)
"""What separates a title proper from the rest: "Senior PM, Payments", "Senior PM (Growth)",
"Senior PM - Search", "Co-founder & CPO", "Chief Product Officer and Co-founder"."""


def level_names(level: Level) -> list[str]:
    return [level.id, level.title, *level.aliases]


def _by_name(framework: Framework) -> dict[str, Level]:
    return framework.derived("matching.names", _names)


def _names(framework: Framework) -> dict[str, Level]:
    return {normalize_name(name): level for level in framework.levels for name in level_names(level)}


def find_level(framework: Framework, name: str) -> Level:
    """The level whose rank, id, title or alias matches `name`.

    Matching ignores case, spaces, dots, dashes and underscores, so "senior-pm",
    "Senior PM", "sr pm" and "Senior Product Manager" all find the same level. A rank
    finds the level at that depth, when only one level has it.
    """
    if _RANK.fullmatch(name.strip()):
        return _by_rank(framework, int(name))
    names = _by_name(framework)
    wanted = normalize_name(name)
    if wanted in names:
        return names[wanted]
    import difflib  # only paid for when a name is misspelt

    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6) if len(wanted) < 200 else []
    hint = f"Did you mean {names[close[0]].id!r}? " if close else ""
    raise UnknownLevelError(f"unknown level {shown(name)}", hint=f"{hint}Valid levels: {_valid(framework)}")


def _by_rank(framework: Framework, rank: int) -> Level:
    at_rank = [level for level in framework.levels if level.rank == rank]
    if len(at_rank) == 1:
        return at_rank[0]
    if at_rank:
        names = ", ".join(level.id for level in at_rank)
        raise UnknownLevelError(
            f"{len(at_rank)} levels have rank {rank}: {names}", hint="Name the one you mean."
        )
    raise UnknownLevelError(
        f"no level has rank {rank}; the ladder's ranks go from 1 to {framework.depth}",
        hint=f"Valid levels: {_valid(framework)}",
    )


def _valid(framework: Framework) -> str:
    return ", ".join(level.id for level in framework.levels)


def level_for_title(framework: Framework, title: str | None) -> Level | None:
    """The level a job title names, or None: "Senior PM, Payments" finds senior-pm.

    The whole title, else its parts in order ("Co-founder & CPO" finds cpo). Exact names
    only (after the same loose comparison as `find_level`): a title that merely resembles
    a level name says nothing reliable about the person.
    """
    if not title or len(title) > 200:
        return None
    names = _by_name(framework)
    for candidate in (title, *_PARTS.split(title)):
        found = names.get(normalize_name(candidate))
        if found is not None:
            return found
    return None

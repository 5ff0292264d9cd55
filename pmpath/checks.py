"""Small helpers shared by the file validators: typed field access with located problems.

`YamlMap` and `YamlList` (what `pmpath.yamlfile` returns) live here, not beside the
parser, so that code which only checks values never imports PyYAML. The checkers
also accept plain dicts and lists (a draft or a stored record read from JSON): their
problems then carry no line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pmpath.errors import MAX_PROBLEMS_SHOWN, Problem
from pmpath.escaping import shown

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""A lowercase slug (compiled by `re` on first use, not at import)."""
MAX_ID_LENGTH = 64
MAX_HINTS = 20
""""Did you mean" is worked out for this many problems of a file at most: each costs a search."""
_HINT_SEARCH_LIMIT = 2_000
"""Beyond this many names, only names of a similar length are searched for a hint."""

__all__ = ["SLUG", "FileChecker", "YamlList", "YamlMap", "did_you_mean", "line_of", "shown", "type_name"]


class YamlMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class YamlList(list[Any]):
    """A list that remembers its own line and where each item starts."""

    line: int
    item_lines: list[int]


def line_of(container: Any, key: str | int | None = None) -> int | None:
    """The line of `container[key]` (or of the container itself), when known."""
    if isinstance(container, YamlMap):
        return container.key_lines.get(key, container.line) if isinstance(key, str) else container.line
    if isinstance(container, YamlList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return None


def type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    import difflib  # only paid for when something is misspelt

    names = list(choices)
    if len(names) > _HINT_SEARCH_LIMIT:  # keep one search cheap on a huge ladder
        names = [name for name in names if abs(len(name) - len(word)) <= 2][:_HINT_SEARCH_LIMIT]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f" (did you mean {shown(close[0])}?)" if close else ""


class FileChecker:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems
        self._reported = 0

    def report(self, line: int | None, message: str, severity: str = "error") -> None:
        self._reported += 1
        self.problems.append(Problem(self.display, line, message, severity))

    @property
    def wants_hints(self) -> bool:
        """False once enough problems were reported that another "did you mean" would not be read."""
        return self._reported < MAX_HINTS

    @property
    def saturated(self) -> bool:
        """More problems than anyone reads: callers may stop looking for more."""
        return self._reported > 10 * MAX_PROBLEMS_SHOWN

    def hint(self, word: str, choices: Iterable[str]) -> str:
        return did_you_mean(word, choices) if self.wants_hints else ""

    def mapping(self, value: Any, where: str, line: int | None) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.report(line, f"{where} must be a mapping of keys to values, not {type_name(value)}")
        return None

    def unknown_keys(self, mapping: dict[str, Any], allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                hint = self.hint(key, allowed)
                self.report(line_of(mapping, key), f"unknown key {shown(key)} in {where}{hint}")

    def text(self, mapping: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
        if key not in mapping or (mapping[key] is None and not required):
            if required:
                self.report(line_of(mapping), f"{where} has no {key!r} (it is required)")
            return None
        value = mapping[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, str) or value is None:
            self.report(line_of(mapping, key), f"{where}: {key!r} is empty")
        else:
            self.report(line_of(mapping, key), f"{where}: {key!r} must be text, not {type_name(value)}")
        return None

    def slug(self, mapping: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
        value = self.text(mapping, key, where, required=required)
        if value is None:
            return None
        if len(value) > MAX_ID_LENGTH or not re.fullmatch(SLUG, value):
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} {shown(value)} must be a lowercase slug "
                f"(letters, digits and single dashes, at most {MAX_ID_LENGTH} characters, e.g. 'senior-pm')",
            )
            return None
        return value

    def text_list(self, mapping: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} must be a list of text, not {type_name(value)}",
            )
            return ()
        items = []
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                items.append(item.strip())
            else:
                self.report(
                    line_of(value, index),
                    f"{where}: each item of {key!r} must be text, not {type_name(item)}",
                )
        return tuple(items)

    def threshold(self, mapping: dict[str, Any], key: str, where: str) -> float | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.report(line_of(mapping, key), f"{where}: {key!r} must be a number, not {type_name(value)}")
            return None
        if not 0 < value <= 1:
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} is {shown(value)}; it must be above 0 and at most 1",
            )
            return None
        return float(value)

    def boolean(self, mapping: dict[str, Any], key: str, where: str) -> bool:
        value = mapping.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.report(line_of(mapping, key), f"{where}: {key!r} must be true or false, not {shown(value)}")
            return False
        return value

    def choice(self, mapping: dict[str, Any], key: str, where: str, choices: Iterable[str]) -> str | None:
        value = self.text(mapping, key, where)
        allowed = list(choices)
        if value is not None and value not in allowed:
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} is {shown(value)}; expected one of {', '.join(allowed)}"
                f"{self.hint(value, allowed)}",
            )
            return None
        return value

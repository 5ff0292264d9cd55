"""Small helpers shared by the file validators: typed field access with located problems.

`YamlMap` and `YamlList` (what `pmpath.yamlfile` returns) live here, not beside the
parser, so that code which only checks values never imports PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pmpath.errors import Problem

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In a quoted value also tabs, line breaks and bidirectional overrides: a message stays one honest line.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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


def printable(text: str) -> str:
    """Text with its control characters written as \\xNN: data cannot drive the terminal."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object, limit: int = 60) -> str:
    """A value as it may safely appear in a message: quoted, escaped, shortened, spelled as in YAML."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    text = _INVISIBLE.sub(_escape, value if isinstance(value, str) else repr(value))
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(value) if isinstance(value, str) else len(text)} characters)"
    return f"'{text}'" if isinstance(value, str) else text


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
    import difflib  # only paid for when something is misspelt

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class FileChecker:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems

    def report(self, line: int | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.display, line, message, severity))

    def mapping(self, value: Any, where: str, line: int | None) -> YamlMap | None:
        if isinstance(value, YamlMap):
            return value
        self.report(line, f"{where} must be a mapping of keys to values, not {type_name(value)}")
        return None

    def unknown_keys(self, mapping: YamlMap, allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.report(line_of(mapping, key), f"unknown key {shown(key)} in {where}{hint}")

    def text(self, mapping: YamlMap, key: str, where: str, *, required: bool = False) -> str | None:
        if key not in mapping or (mapping[key] is None and not required):
            if required:
                self.report(mapping.line, f"{where} has no {key!r} (it is required)")
            return None
        value = mapping[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, str) or value is None:
            self.report(line_of(mapping, key), f"{where}: {key!r} is empty")
        else:
            self.report(line_of(mapping, key), f"{where}: {key!r} must be text, not {type_name(value)}")
        return None

    def slug(self, mapping: YamlMap, key: str, where: str) -> str | None:
        value = self.text(mapping, key, where, required=True)
        if value is None:
            return None
        if len(value) > MAX_ID_LENGTH or not SLUG.fullmatch(value):
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} {shown(value)} must be a lowercase slug "
                f"(letters, digits and single dashes, at most {MAX_ID_LENGTH} characters, e.g. 'senior-pm')",
            )
            return None
        return value

    def text_list(self, mapping: YamlMap, key: str, where: str) -> tuple[str, ...]:
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

    def threshold(self, mapping: YamlMap, key: str, where: str) -> float | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.report(line_of(mapping, key), f"{where}: {key!r} must be a number, not {type_name(value)}")
            return None
        if not 0 < value <= 1:
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} is {value}; it must be above 0 and at most 1",
            )
            return None
        return float(value)

    def choice(self, mapping: YamlMap, key: str, where: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(mapping, key, where)
        if value is not None and value not in choices:
            self.report(
                line_of(mapping, key),
                f"{where}: {key!r} is {shown(value)}; expected one of {', '.join(choices)}{did_you_mean(value, choices)}",
            )
            return None
        return value

"""Read the plain YAML of an answers file without PyYAML, or hand it to PyYAML.

An answers file is nested `key: value` lines: what `assess --template`, `--save-answers`
and `history export` write, and what people write by hand. Importing PyYAML costs about
20 ms, and its event loop most of a second over a team of 500 files. `parse` reads that
plain shape itself, and gives every other file to `pmpath.yamlfile.parse`, which reads
everything and reports every error: this module never reports one.

The shape read here: lines of `key: value`, `key:` opening a more deeply indented
mapping, a one-line `{key: value, ...}` mapping, comments and blank lines. Keys are
plain words; a value is a plain word or words, a decimal number, or a quoted text with
no escapes. Its results are exactly PyYAML's as `yamlfile` builds them (values, line
numbers, key lines); `tests/test_plainyaml.py` holds it to that. Anything else (lists,
tabs, anchors, tags, escapes, `0o17`, `2024-01-01`, a repeated key, ...) is PyYAML's.
"""

from __future__ import annotations

import re
from typing import Any

from pmpath.checks import YamlMap
from pmpath.errors import Problem

_BOOLEANS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
"""YAML 1.1's booleans, as PyYAML's safe loader resolves plain words."""
_NULLS = frozenset(("null", "Null", "NULL"))
_WORDS: dict[str, Any] = {**_BOOLEANS, **dict.fromkeys(_NULLS), "partial": "partial", "na": "na"}
"""The values most lines hold, resolved once."""
_COMMON_LINE = re.compile(r"( *)([A-Za-z0-9_][A-Za-z0-9_-]{0,199}):(?: ([A-Za-z]+))?")
"""`key: word` or `key:`, no comment: the plain reading of such a line needs no further check."""
_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_WORD_CHARACTERS = _KEY_CHARACTERS | frozenset(" ./()+&'")
"""What a plain value may hold here: none of YAML's indicators (: # , [ ] { } ! * & ...) but & inside."""
_MAX_DEPTH = 16
_MAX_KEY_LENGTH = 200
_MAX_PAIRS = 50_000
"""Beyond this many keys, PyYAML reads the file, and applies its own limit on values."""


class _NotPlain(Exception):
    """The file uses more of YAML than this module reads: PyYAML reads it."""


def parse(text: str, display: str) -> tuple[Any, list[Problem]]:
    """The file's value with its line numbers, as `pmpath.yamlfile.parse` returns it."""
    try:
        return _Reader(text).document(), []
    except _NotPlain:
        from pmpath.yamlfile import parse as parse_any_yaml

        return parse_any_yaml(text, display)


class _Reader:
    def __init__(self, text: str) -> None:
        if "\r" in text or "\t" in text or text.startswith("\ufeff"):
            raise _NotPlain
        self.lines = text.split("\n")
        self.pairs = 0

    def document(self) -> YamlMap:
        # Per open mapping, innermost last: its indent and the mapping; a key waiting for its
        # nested mapping is `pending` (its line, its parent, its key).
        stack: list[tuple[int, YamlMap]] = []
        pending: tuple[int, YamlMap, str] | None = None
        for number, line in enumerate(self.lines, start=1):
            read = _line(line)
            if read is None:
                continue
            indent, key, rest = read
            if pending is not None:
                stack = self.open(stack, pending, indent, number)
                pending = None
            mapping = _mapping_at(stack, indent, number)
            self.add(mapping, key, rest, number)
            if not rest:
                pending = (number, mapping, key)
        if not stack:
            raise _NotPlain  # no document, or nothing but comments: PyYAML's message
        return stack[0][1]

    def add(self, mapping: YamlMap, key: str, rest: str, number: int) -> None:
        """`key: rest` into `mapping`; a duplicate, or more than we read, is PyYAML's to report."""
        if key in mapping.key_lines:
            raise _NotPlain
        mapping.key_lines[key] = number
        value = (_WORDS[rest] if rest in _WORDS else _value(rest, number)) if rest else None
        mapping[key] = value
        self.pairs += 1 + (len(value) if isinstance(value, YamlMap) else 0)  # and a one-line {k: v, ...}
        if self.pairs > _MAX_PAIRS:
            raise _NotPlain  # PyYAML counts it against its own limit on values

    @staticmethod
    def open(
        stack: list[tuple[int, YamlMap]], pending: tuple[int, YamlMap, str], indent: int, number: int
    ) -> list[tuple[int, YamlMap]]:
        """The key waiting on the line before opens a mapping, if this line is indented below it."""
        _, parent, key = pending
        if indent <= stack[-1][0]:
            return stack  # `key:` with nothing under it: null
        if len(stack) >= _MAX_DEPTH:
            raise _NotPlain
        nested = _mapping(number)
        parent[key] = nested
        return [*stack, (indent, nested)]


def _line(line: str) -> tuple[int, str, str] | None:
    """(indent, key, the rest after `: `) of a line, or None for a blank or comment line."""
    common = _COMMON_LINE.fullmatch(line)  # most lines: `  milestone-id: yes`, read in one step
    if common is not None:
        spaces, key, word = common.groups()
        return len(spaces), key, word or ""
    if not line.isprintable():  # PyYAML refuses a control character anywhere, comments too
        raise _NotPlain
    content = line.lstrip(" ")
    if not content or content.startswith("#"):
        return None
    key, rest = _key_and_rest(content)
    return len(line) - len(content), key, rest


def _mapping_at(stack: list[tuple[int, YamlMap]], indent: int, number: int) -> YamlMap:
    """The open mapping a line at `indent` belongs to (closing deeper ones); the first line opens the top one."""
    while stack and indent < stack[-1][0]:
        stack.pop()
    if not stack:  # the first line: the top-level mapping (the root is never popped)
        if indent != 0:
            raise _NotPlain
        stack.append((indent, _mapping(number)))
    elif indent != stack[-1][0]:
        raise _NotPlain  # deeper without a key opening it, or between two levels
    return stack[-1][1]


def _mapping(line: int) -> YamlMap:
    mapping = YamlMap()
    mapping.line, mapping.key_lines = line, {}
    return mapping


def _key_and_rest(content: str) -> tuple[str, str]:
    """`key: value  # note` -> ("key", "value"); `key:` -> ("key", "")."""
    key, colon, rest = content.partition(":")
    if not colon or not key or len(key) > _MAX_KEY_LENGTH or not _KEY_CHARACTERS.issuperset(key):
        raise _NotPlain
    if key[0] == "-" or (rest and rest[0] != " "):
        raise _NotPlain  # `- item`, `key:value`
    rest = _without_comment(rest.strip(" "))
    return key, rest


def _without_comment(rest: str) -> str:
    if rest.startswith("#"):
        return ""
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        if end < 0:
            raise _NotPlain
        after = rest[end + 1 :].strip(" ")
        if after and not after.startswith("#"):
            raise _NotPlain
        return rest[: end + 1]
    value, hash_mark, _ = rest.partition(" #")
    if "#" in value:
        raise _NotPlain
    return value.rstrip(" ") if hash_mark else rest


def _value(text: str, line: int) -> Any:
    first = text[0]
    if first in ("'", '"'):
        inner = text[1:-1]  # holds no quote of its kind: `_without_comment` ended it at the first
        if first == '"' and "\\" in inner:
            raise _NotPlain  # escapes: PyYAML's
        return inner
    if first == "{":
        return _flow_mapping(text, line)
    return _plain(text)


def _flow_mapping(text: str, line: int) -> YamlMap:
    """`{years: 6, company: startup}`, on one line, of plain values."""
    if not text.endswith("}"):
        raise _NotPlain
    mapping = _mapping(line)
    inner = text[1:-1].strip(" ")
    if not inner:
        return mapping
    for item in inner.split(","):
        key, colon, rest = item.strip(" ").partition(": ")
        value = rest.strip(" ")
        if not colon or not value or not key or not _KEY_CHARACTERS.issuperset(key) or key in mapping:
            raise _NotPlain
        if len(key) > _MAX_KEY_LENGTH:
            raise _NotPlain  # PyYAML's limit and message
        if value[0] in "'\"{":
            raise _NotPlain
        mapping[key] = _plain(value)
        mapping.key_lines[key] = line
    return mapping


def _plain(text: str) -> Any:
    """A plain scalar resolved as PyYAML's safe loader resolves it, or _NotPlain when that takes more."""
    first = text[0]
    if first.isdigit() or first in "-+.":
        return _number(text)
    if not first.isalpha() or not first.isascii() or not _WORD_CHARACTERS.issuperset(text):
        raise _NotPlain
    if "  " in text or text.endswith(" "):
        raise _NotPlain  # PyYAML folds runs of spaces in some places; not worth the rules
    if text in _BOOLEANS:
        return _BOOLEANS[text]
    if text in _NULLS:
        return None
    return text


def _number(text: str) -> int | float:
    """A decimal written plainly: 6, -1, 1.5. Octal, 1_000, 1e3, .5, +1 and dates are PyYAML's."""
    digits = text[1:] if text[0] == "-" else text
    whole, point, fraction = digits.partition(".")
    if not (whole.isascii() and whole.isdigit()) or (len(whole) > 1 and whole[0] == "0") or len(digits) > 30:
        raise _NotPlain
    if not point:
        return int(text)
    if not (fraction.isascii() and fraction.isdigit()):
        raise _NotPlain
    return float(text)

"""Read one YAML file safely, keeping the line of every key and list item.

pmpath reads files written by people (a company's ladder, an answers file), so
this module refuses everything plain data does not need, before any of it can
cost time, memory or safety:

* (in `pmpath.inputs`) files over `MAX_FILE_BYTES`, non-UTF-8 bytes, empty files;
* anchors and aliases: `safe_load` builds a "billion laughs" bomb cheaply, but
  anything that walks the result expands it, so we reject the first anchor or alias;
* every tag outside the YAML core schema (`!!python/object`, `!custom`, ...): such
  values are rejected, never constructed;
* nesting deeper than `MAX_DEPTH`, more than `MAX_NODES` values, numbers longer
  than `MAX_NUMBER_LENGTH` digits (int() of a long digit string is quadratic).

We build plain dicts and lists straight from libyaml's event stream (`CSafeLoader`
is about five times faster than pure-Python PyYAML), with an explicit stack: no
node graph is kept (a 10 MiB list of tiny items would take gigabytes as nodes), no
recursion happens, and line numbers and duplicate keys are seen on the way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from pmpath.checks import YamlList, YamlMap, line_of
from pmpath.errors import InputFileError, Problem
from pmpath.escaping import shown
from pmpath.inputs import MAX_FILE_BYTES, read_text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
"""Deepest nesting accepted; real pmpath files nest four levels at most."""
MAX_NODES = 500_000
"""Most values (keys, scalars, lists, mappings) in one file: a 10,000-milestone ladder has 200,000."""
MAX_NUMBER_LENGTH = 100
"""Longest number accepted, in characters."""
MAX_KEY_LENGTH = 1024
"""libyaml's limit on a plain (implicit) key."""

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (_TAG + t for t in ("str", "null", "bool", "int", "float"))
_TIMESTAMP, _MAP, _SEQ = _TAG + "timestamp", _TAG + "map", _TAG + "seq"
_KEEP_AS_TEXT = {_STR, _TIMESTAMP, _TAG + "merge", _TAG + "value", _TAG + "yaml"}
"""Implicitly resolved tags whose value stays text: "2024-01-01" is not a date to us."""
# The implicit resolvers of yaml.safe_load, by first character, to resolve plain scalars identically.
_IMPLICIT: dict[str, list[tuple[str, Any]]] = {
    key: [entry for entry in entries if entry[0] not in _KEEP_AS_TEXT]
    for key, entries in _Loader.yaml_implicit_resolvers.items()
    if key is not None
}
_CONSTRUCT = {
    _INT: SafeConstructor.construct_yaml_int,
    _FLOAT: SafeConstructor.construct_yaml_float,
    _BOOL: SafeConstructor.construct_yaml_bool,
}
_CONSTRUCTOR = SafeConstructor()
_ALIASES = "anchors and aliases (&name, *name) are not supported; write the value out"
_TOO_DEEP = f"nests deeper than {MAX_DEPTH} levels"
_NO_KEY, _SKIP, _NO_DOCUMENT = object(), object(), object()

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "YamlList",
    "YamlMap",
    "line_of",
    "load",
    "parse",
    "read_text",
]


def parse(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text into plain values with line numbers.

    Returns the value and the non-fatal problems seen on the way (duplicate
    keys); raises `InputFileError` for anything that stops parsing.
    """
    builder = _Builder(display)
    parser = _Loader(_join_surrogate_pairs(text))
    try:
        value = builder.document(parser)
    except yaml.MarkedYAMLError as error:
        raise InputFileError([_syntax_problem(error, text, display)]) from None
    except yaml.reader.ReaderError as error:  # e.g. a raw control character in the file
        line = text.encode("utf-8", "replace")[: error.position].count(b"\n") + 1
        char = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"invalid YAML: {error.reason} (character U+{char:04X})"
        raise InputFileError([Problem(display, line, message)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every libyaml error is one of the above
        raise InputFileError([Problem(display, None, f"invalid YAML: {error}")]) from None
    finally:
        parser.dispose()
    if value is _NO_DOCUMENT:  # only comments; `null` is a document, of the wrong shape
        raise InputFileError([Problem(display, None, "the file is empty")])
    return value, builder.problems


# A JSON escape of a character beyond U+FFFF ("\ud83d\ude80", what json.dump writes for an emoji),
# not preceded by an escaped backslash. YAML only knows "\U0001f680" and rejects each half.
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _join_surrogate_pairs(text: str) -> str:
    """In a JSON document, rewrite surrogate-pair escapes as the one YAML escape they stand for.

    Only JSON: its strings are all double-quoted, where the escape means what it says; in
    YAML's single-quoted or plain text it would be literal. Lines stay where they were.
    """
    if "\\u" not in text or not text.lstrip().startswith(("{", "[")):
        return text

    def joined(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        return f"{match.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"

    return _SURROGATE_PAIR.sub(joined, text)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    if line is not None:  # libyaml marks an unclosed bracket at the end of the stream, after the last line
        line = min(line, max(1, len(text.rstrip("\n").split("\n"))))
    what = " ".join(part for part in (error.context, error.problem) if part)
    if "maximum nesting depth" in what:  # libyaml's own limit (1,000) is far above ours
        return Problem(display, line, _TOO_DEEP)
    message = f"invalid YAML: {what}"
    key_trouble = any(
        clue in what
        for clue in (
            "mapping values are not allowed",
            "could not find expected ':'",
            "did not find expected ','",
        )
    )
    if key_trouble and line is not None and _longest_line_near(text, line) > MAX_KEY_LENGTH:
        message += f" (a key longer than {MAX_KEY_LENGTH} characters must be quoted and written after '? ')"
    return Problem(display, line, message)


def _longest_line_near(text: str, line: int) -> int:
    lines = text.split("\n", line)[max(0, line - 2) : line]
    return max((len(item) for item in lines), default=0)


class _Builder:
    """Builds YamlMap/YamlList values from parser events, without recursion."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def fail(self, event: Any, message: str) -> InputFileError:
        return InputFileError([Problem(self.display, event.start_mark.line + 1, message)])

    def document(self, parser: Any) -> Any:
        """The value of the one document in the stream; _NO_DOCUMENT for a stream without one."""
        get = parser.get_event
        get()  # StreamStartEvent
        if get().__class__ is StreamEndEvent:  # otherwise it was DocumentStartEvent
            return _NO_DOCUMENT
        value = self.value(get)
        get()  # DocumentEndEvent
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise self.fail(event, "holds a second YAML document (after '---'); keep one document per file")
        return value

    def value(self, get: Any) -> Any:
        stack: list[Any] = []  # open containers, innermost last
        # Per open container: None for a list; for a mapping, its pending key, _NO_KEY or _SKIP.
        keys: list[Any] = []
        budget = MAX_NODES
        while True:
            event = get()
            kind = event.__class__
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()
                keys.pop()
                line = value.line
            else:
                budget -= 1
                if budget < 0:
                    raise self.fail(
                        event, f"holds more than {MAX_NODES:,} values; pmpath reads smaller files"
                    )
                if kind is ScalarEvent:
                    if event.anchor is not None:
                        raise self.fail(event, _ALIASES)
                    line = event.start_mark.line + 1
                    if keys and keys[-1] is _NO_KEY:
                        self.key(stack[-1], keys, event, line)
                        continue
                    value = self.scalar(event)
                elif kind is MappingStartEvent or kind is SequenceStartEvent:
                    stack.append(self.container(event, kind is MappingStartEvent, keys))
                    continue
                else:  # an alias; the parser produces no other event inside a document
                    raise self.fail(event, _ALIASES)
            if not stack:
                return value
            key = keys[-1]
            if key is None:  # a list
                stack[-1].append(value)
                stack[-1].item_lines.append(line)
            else:
                if key is not _SKIP:
                    stack[-1][key] = value
                keys[-1] = _NO_KEY

    def container(self, event: Any, is_map: bool, keys: list[Any]) -> YamlMap | YamlList:
        """A new, empty mapping or list for a start event, once the event is found acceptable."""
        if event.anchor is not None:
            raise self.fail(event, _ALIASES)
        tag = event.tag
        if tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ):
            raise self.fail(event, _tag_not_allowed(tag))
        if keys and keys[-1] is _NO_KEY:
            raise self.fail(event, "a key must be plain text, not a list or a mapping")
        if len(keys) >= MAX_DEPTH:
            raise self.fail(event, _TOO_DEEP)
        line: int = event.start_mark.line + 1
        if is_map:
            mapping = YamlMap()
            mapping.line, mapping.key_lines = line, {}
            keys.append(_NO_KEY)
            return mapping
        sequence = YamlList()
        sequence.line, sequence.item_lines = line, []
        keys.append(None)
        return sequence

    def key(self, mapping: YamlMap, keys: list[Any], event: Any, line: int) -> None:
        """Record a key (always kept as the text written), or a duplicate-key problem."""
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _CORE_SCALARS:
            raise self.fail(event, _tag_not_allowed(tag))
        key = event.value
        if key == "<<" and event.implicit[0]:
            raise self.fail(event, "merge keys (<<) are not supported; write the values out")
        first = mapping.key_lines.get(key)
        if first is not None:
            self.problems.append(
                Problem(self.display, line, f"duplicate key {shown(key)} (first at line {first})")
            )
            keys[-1] = _SKIP
            return
        mapping.key_lines[key] = line
        keys[-1] = key

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:  # quoted, or a block scalar: text
                return value
            tag = _resolve(value)
            if tag is None:
                return value
        elif tag in (_STR, _TIMESTAMP):
            return value
        elif tag not in _CORE_SCALARS:
            raise self.fail(event, _tag_not_allowed(tag))
        if tag == _NULL:
            return None
        if len(value) > MAX_NUMBER_LENGTH and tag != _BOOL:
            raise self.fail(event, f"the number {shown(value)} is too long")
        try:
            return _CONSTRUCT[tag](_CONSTRUCTOR, ScalarNode(tag, value))
        except (ValueError, KeyError, TypeError, OverflowError):
            raise self.fail(event, f"{shown(value)} is not a valid {_short_tag(tag)}") from None


_CORE_SCALARS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}


def _resolve(value: str) -> str | None:
    """The tag yaml.safe_load gives a plain scalar, None for text."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return None


def _tag_not_allowed(tag: str) -> str:
    return f"the tag {shown(_short_tag(tag))} is not allowed; pmpath reads plain YAML only"


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def load(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML (or JSON, a subset of YAML) file."""
    name = display or str(path)
    return parse(read_text(path, name), name)

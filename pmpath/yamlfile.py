"""Read one YAML file safely, keeping the line of every key and list item.

pmpath reads files written by people (a company's ladder, an answers file), so
this module refuses everything plain data does not need, before any of it can
cost time, memory or safety:

* files over `MAX_FILE_BYTES` (checked before reading), non-UTF-8 bytes, empty files;
* anchors and aliases: `safe_load` builds a "billion laughs" bomb cheaply, but
  anything that walks the result expands it, so we reject the first alias;
* every tag outside the YAML core schema (`!!python/object`, `!custom`, ...): such
  nodes are rejected, never constructed;
* nesting deeper than `MAX_DEPTH`.

We compose the node graph with libyaml when it is present (`CSafeLoader` is about
five times faster than pure-Python PyYAML) and build plain dicts and lists
ourselves, which is how line numbers and duplicate keys are seen at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pmpath.errors import InputFileError, Problem, UnreadableInputError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest file pmpath reads (10 MiB): a 10,000-milestone ladder is about 4 MiB."""
MAX_DEPTH = 64
"""Deepest nesting accepted; real pmpath files nest four levels at most."""

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (_TAG + t for t in ("str", "null", "bool", "int", "float"))
_TIMESTAMP = _TAG + "timestamp"
# Resolves int/float/bool/null scalars exactly as yaml.safe_load would.
_SCALARS = yaml.SafeLoader("")


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
        return container.key_lines.get(key, container.line) if key is not None else container.line
    if isinstance(container, YamlList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return None


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text, refusing what cannot be a pmpath file."""
    try:
        if path.is_dir():
            raise _unreadable(display, "is a directory, expected a YAML file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputFileError([Problem(display, None, _too_big(size))])
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _unreadable(display, "no such file") from None
    except PermissionError:
        raise _unreadable(display, "permission denied") from None
    except OSError as error:
        raise _unreadable(display, error.strerror or str(error)) from None
    return decode(data, display)


def read_stdin(display: str = "<stdin>") -> str:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return decode(data, display)


def decode(data: bytes, display: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise InputFileError([Problem(display, None, _too_big(len(data)))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise InputFileError(
            [Problem(display, line, f"is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")]
        ) from None
    if not text.strip():
        raise InputFileError([Problem(display, None, "is empty")])
    return text


def parse(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text into plain values with line numbers.

    Returns the value and the non-fatal problems seen on the way (duplicate
    keys); raises `InputFileError` for anything that stops parsing.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise InputFileError([Problem(display, line, f"invalid YAML: {what}")]) from None
    except yaml.reader.ReaderError as error:  # e.g. a raw control character in the file
        line = text[: error.position].count("\n") + 1
        char = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"invalid YAML: {error.reason} (character U+{char:04X})"
        raise InputFileError([Problem(display, line, message)]) from None
    except yaml.YAMLError as error:
        raise InputFileError([Problem(display, None, f"invalid YAML: {error}")]) from None
    except RecursionError:  # only the pure-Python composer recurses
        raise InputFileError([Problem(display, None, _TOO_DEEP)]) from None
    if root is None:
        raise InputFileError([Problem(display, None, "is empty")])
    builder = _Builder(display)
    value = builder.build(root, 0)
    return value, builder.problems


_TOO_DEEP = f"nests deeper than {MAX_DEPTH} levels"


class _Builder:
    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def fail(self, node: Node, message: str) -> InputFileError:
        return InputFileError([Problem(self.display, node.start_mark.line + 1, message)])

    def build(self, node: Node, depth: int) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, "anchors and aliases (&name, *name) are not supported; write the value out")
        self.seen.add(id(node))
        if node.__class__ is ScalarNode:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            raise self.fail(node, _TOO_DEEP)
        if node.__class__ is MappingNode:
            return self.mapping(node, depth)
        if node.__class__ is SequenceNode:
            return self.sequence(node, depth)
        raise self.fail(node, f"unsupported YAML node {node.tag}")  # pragma: no cover

    def scalar(self, node: Node) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):  # dates stay text: "2024-01-01" is not a date to us
            return node.value
        if tag in (_NULL, _BOOL, _INT, _FLOAT):
            return _SCALARS.construct_object(node)
        raise self.fail(node, f"the tag {_short_tag(tag)} is not allowed; pmpath reads plain YAML only")

    def mapping(self, node: Node, depth: int) -> YamlMap:
        if node.tag != _TAG + "map":
            raise self.fail(
                node, f"the tag {_short_tag(node.tag)} is not allowed; pmpath reads plain YAML only"
            )
        result = YamlMap()
        result.line = node.start_mark.line + 1
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag == _TAG + "merge":
                raise self.fail(key_node, "a key must be plain text")
            if id(key_node) in self.seen:
                raise self.fail(
                    key_node,
                    "anchors and aliases (&name, *name) are not supported; write the value out",
                )
            self.seen.add(id(key_node))
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in key_lines:
                self.problems.append(
                    Problem(
                        self.display,
                        line,
                        f"duplicate key {key!r} (first at line {key_lines[key]})",
                    )
                )
                continue
            key_lines[key] = line
            result[key] = self.build(value_node, depth + 1)
        result.key_lines = key_lines
        return result

    def sequence(self, node: Node, depth: int) -> YamlList:
        if node.tag != _TAG + "seq":
            raise self.fail(
                node, f"the tag {_short_tag(node.tag)} is not allowed; pmpath reads plain YAML only"
            )
        result = YamlList()
        result.line = node.start_mark.line + 1
        result.item_lines = []
        for item in node.value:
            result.item_lines.append(item.start_mark.line + 1)
            result.append(self.build(item, depth + 1))
        return result


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _too_big(size: int) -> str:
    return f"is {size / 1_048_576:.1f} MiB; pmpath reads files up to {MAX_FILE_BYTES // 1_048_576} MiB"


def _unreadable(display: str, why: str) -> UnreadableInputError:
    return UnreadableInputError([Problem(display, None, why)])


def load(path: Path, display: str | None = None) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML (or JSON, a subset of YAML) file."""
    shown = display or str(path)
    return parse(read_text(path, shown), shown)

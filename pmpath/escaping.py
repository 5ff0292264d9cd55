"""Untrusted text made harmless for each place it is shown.

Ladder files, answers files and stored records come from people: a title can hold a
terminal escape sequence, a bidirectional override that reorders what a reviewer
reads, an HTML tag or a Markdown link. Every renderer passes such text through the
function for its medium, here, so no medium is forgotten and none is escaped twice.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL and C1 controls, bidirectional controls, zero-width
# characters, line and paragraph separators, the byte-order mark, and lone surrogates
# (undecodable bytes of a file name, kept by Python as U+DC80-U+DCFF).
_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff"
)
# Patterns as text: `re` compiles each on first use (and caches it), not at import.
_TERMINAL_UNSAFE = f"[{_INVISIBLE}]"
_ONE_LINE_UNSAFE = f"[\t\n{_INVISIBLE}]"
_MARKDOWN_SPECIAL = r"([\\`*_\[\]|~])"
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid UTF-8 in a path: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """Text with every control and invisible character written out as \\xNN or \\uNNNN.

    Tabs and newlines stay: they are layout. Nothing else can move the cursor, change
    colours, reorder the line or hide a character from the reader.
    """
    return re.sub(_TERMINAL_UNSAFE, _escape, text)


def one_line(text: str) -> str:
    """Like `for_terminal`, with tabs and newlines escaped too: for messages and table cells."""
    return re.sub(_ONE_LINE_UNSAFE, _escape, text)


def for_markdown(text: str) -> str:
    """Text that renders as itself in Markdown: no HTML, no links, no emphasis, on one line.

    HTML is written as entities and the characters that make emphasis, code, links and
    table cells are backslash-escaped, so "[x](javascript:...)" stays text and
    "<script>" stays visible. (pmpath puts such text after a list marker or a table bar,
    never at the start of a line, so "#", "-" and "1." need nothing.)
    """
    text = "".join(_HTML_SPECIAL.get(char, char) for char in one_line(text))
    return re.sub(_MARKDOWN_SPECIAL, r"\\\1", text)


def for_html(text: str) -> str:
    """Text for an HTML element or a double-quoted attribute."""
    import html  # only the HTML report needs it

    return html.escape(one_line(text), quote=True)


def json_safe(document_text: str) -> str:
    """A JSON text with C1 controls, bidirectional and invisible characters as \\u escapes.

    `json.dumps(..., ensure_ascii=False)` escapes only C0 controls. These characters can
    only occur inside JSON strings, where a \\u escape means the same character.
    """
    return re.sub(_JSON_INVISIBLE, lambda m: f"\\u{ord(m.group()):04x}", document_text)


_JSON_INVISIBLE = "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"


def shown(value: object, limit: int = 60) -> str:
    """A value as it may safely appear in a message: quoted, escaped, shortened, spelled as in YAML."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int) and value.bit_length() > 3 * limit:  # str() of a huge int is slow or refused
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    text = one_line(value if isinstance(value, str) else repr(value))
    if len(text) > limit:
        length = len(value) if isinstance(value, str) else len(text)
        text = f"{text[:limit]}... ({length:,} characters)"
    return f"'{text}'" if isinstance(value, str) else text


def shell_quoted(text: str) -> str:
    """A word a POSIX shell reads back as `text`, shown escaped (a hint to copy and paste)."""
    import shlex

    return one_line(shlex.quote(text))

"""The terminal pmpath runs in: its width, whether it can be asked questions, what it can print.

Results go to stdout and everything for the person (prompts, messages) to stderr, so
an interactive run needs stdin and stderr to be terminals, and stdout may be a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

MIN_WIDTH, MAX_WIDTH = 20, 500
"""COLUMNS is clamped to this range: a huge value would make every table that wide."""


def width(stream: TextIO | None = None) -> int:
    """The usable width: $COLUMNS if set (clamped), else the terminal's, else 80."""
    configured = os.environ.get("COLUMNS", "").strip()
    if configured.isascii() and configured.isdigit() and len(configured) < 10:
        return max(MIN_WIDTH, min(MAX_WIDTH, int(configured)))
    try:
        columns = os.get_terminal_size((stream or sys.stderr).fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80
    return max(MIN_WIDTH, min(MAX_WIDTH, columns or 80))


def can_prompt() -> bool:
    """Questions can be asked: stdin and the prompt stream (stderr) are terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stderr)


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, AttributeError):
        return False


def configure_streams() -> None:
    """Never crash on output: characters the stream cannot encode become replacements.

    A Windows console redirected to a file, or PYTHONIOENCODING=cp1252, cannot encode
    "█" or "★"; renderers choose ASCII fallbacks (`unicode_ok`), and anything left is
    replaced rather than raising UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                reconfigure(errors="replace")


def unicode_ok(stream: TextIO | None = None) -> bool:
    """The stream's encoding can write the block and star characters pmpath draws with."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "ascii"
    try:
        "█░★▶→·✓✗▲▼─".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def utf8(stream: TextIO | None = None) -> bool:
    encoding = (getattr(stream or sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf8sig")

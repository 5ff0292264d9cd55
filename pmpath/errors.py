"""The one exception hierarchy of pmpath.

Everything a user can get wrong (a file, a level name, an answer, a state file) raises
a `PmpathError`. The command-line layer turns it into a message on stderr and the exit
status below, in one place (`pmpath.cli.core.PmpathGroup.invoke`).
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

MAX_PROBLEMS_SHOWN = 100
"""Problems of one file printed in full; the rest are counted (a broken file can have millions)."""


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS_FOUND = 1  # `validate` found problems in a framework
    USAGE = 2  # bad input: a file, a name, a value, a state file
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class Problem(NamedTuple):
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    """The file's path as the user gave it (or the framework-relative name)."""
    line: int | None
    """1-based line of the offending key or list item; None when the whole file is at fault."""
    message: str
    """What is wrong, in plain words."""
    severity: str = "error"
    """"error" (the file cannot be used) or "warning" (allowed but suspicious)."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "severity": self.severity, "message": self.message}


def reading_order(problems: list[Problem]) -> list[Problem]:
    """File by file, line by line, as `validate` lists them."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def capped(lines: list[str], total: int, noun: str = "problem") -> list[str]:
    """The first MAX_PROBLEMS_SHOWN lines, then one line counting the rest."""
    if total <= MAX_PROBLEMS_SHOWN:
        return lines[:total]
    rest = total - MAX_PROBLEMS_SHOWN
    return [*lines[:MAX_PROBLEMS_SHOWN], f"... and {rest:,} more {noun}{'' if rest == 1 else 's'}"]


class PmpathError(Exception):
    """Base class: a message for the user and the exit status to end with."""

    exit_code: ExitCode = ExitCode.USAGE
    prefix = "Error: "
    """What the message starts with on stderr."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """The lines printed on stderr, without the leading "Error: "."""
        return [self.message] + ([self.hint] if self.hint else [])


class UsageError(PmpathError):
    """Options that cannot work together, or an output that cannot be written."""


class InputFileError(PmpathError):
    """A file pmpath reads (framework or answers) is unreadable or invalid."""

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        found = [p for p in problems if p.severity == "error"] or problems
        self.problems = reading_order(found)
        super().__init__(str(self.problems[0]), hint=hint)

    def lines(self) -> list[str]:
        shown = capped([str(p) for p in self.problems[: MAX_PROBLEMS_SHOWN + 1]], len(self.problems))
        return shown + ([self.hint] if self.hint else [])


class UnreadableInputError(InputFileError):
    """The input could not be read at all (missing, a directory, permissions)."""


class UnknownLevelError(PmpathError):
    """A level name that matches nothing in the framework."""


class NotInteractiveError(PmpathError):
    """An interactive command was run without a terminal."""


class StateError(PmpathError):
    """pmpath's own files (history, draft, home) are unusable: damaged, foreign, unwritable, in use."""


class HistoryError(StateError):
    """The history database is unusable, or a saved assessment is unknown."""


class DraftError(StateError):
    """The assessment draft is in use by another run, or cannot be written."""

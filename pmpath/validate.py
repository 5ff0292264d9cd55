"""`pmpath validate`: every problem of a framework directory, at once, in file and line order.

The checks themselves are the loader's (`check_framework`, `check_transitions`):
what `validate` reports is exactly what would stop, or worry, every other command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from pmpath.errors import ExitCode, Problem
from pmpath.framework import LEVELS_FILE, MILESTONES_FILE, TRANSITIONS_FILE, check_framework
from pmpath.model import Framework
from pmpath.wording import plural

FILE_ORDER = (LEVELS_FILE, MILESTONES_FILE, TRANSITIONS_FILE)


class Validation(NamedTuple):
    """The outcome of validating one framework directory."""

    directory: Path
    problems: tuple[Problem, ...]
    """Errors and warnings, in file order (levels, milestones, transitions), then line order."""
    framework: Framework | None
    """The framework, when it has no error."""
    strict: bool = False
    """Warnings count as problems."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def passed(self) -> bool:
        return self.errors == 0 and not (self.strict and self.warnings)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.passed else ExitCode.PROBLEMS_FOUND

    def summary(self) -> str:
        """One line: "examples/x: valid (4 levels, 28 milestones)" or "3 errors, 1 warning in examples/x"."""
        where = str(self.directory)
        if self.passed and self.framework is not None:
            framework = self.framework
            size = f"{plural(len(framework.levels), 'level')}, {plural(len(framework.milestone_ids()), 'milestone')}"
            warned = f", {plural(self.warnings, 'warning')}" if self.warnings else ""
            return f"{where}: valid{warned} ({size})"
        counts = [plural(self.errors, "error")] if self.errors else []
        counts += [plural(self.warnings, "warning")] if self.warnings else []
        failing = " (--strict: warnings count as problems)" if self.strict and not self.errors else ""
        return f"{', '.join(counts)} in {where}{failing}"


def validate_framework(directory: Path, *, strict: bool = False) -> Validation:
    """Check a framework directory and its optional transitions.yaml.

    Raises `UnreadableInputError` when a file cannot be read at all (exit status 2);
    everything else wrong with the files comes back as problems.
    """
    from pmpath.transitions import check_transitions

    framework, problems = check_framework(directory)
    transitions = directory / TRANSITIONS_FILE
    if os.path.lexists(transitions):  # a dangling link is reported as unreadable, not skipped
        problems = problems + check_transitions(transitions, framework)[1]
    return Validation(directory, tuple(sorted(problems, key=_position)), framework, strict)


def _position(problem: Problem) -> tuple[int, int]:
    name = Path(problem.file).name
    rank = FILE_ORDER.index(name) if name in FILE_ORDER else len(FILE_ORDER)
    return rank, problem.line or 0

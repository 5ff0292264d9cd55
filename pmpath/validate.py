"""`pmpath validate`: every problem of a framework directory, at once, in file and line order.

The checks themselves are the loader's (`check_framework`, `check_transitions`):
what `validate` reports is exactly what would stop, or worry, every other command.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pmpath.errors import ExitCode, Problem
from pmpath.framework import LEVELS_FILE, MILESTONES_FILE, TRANSITIONS_FILE, check_framework
from pmpath.model import Framework

FILE_ORDER = (LEVELS_FILE, MILESTONES_FILE, TRANSITIONS_FILE)


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one framework directory."""

    directory: Path
    problems: tuple[Problem, ...]
    """Errors and warnings, in file order (levels, milestones, transitions), then line order."""
    framework: Framework | None
    """The framework, when it has no error."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def passed(self, strict: bool = False) -> bool:
        return self.errors == 0 and not (strict and self.warnings)

    def exit_code(self, strict: bool = False) -> ExitCode:
        return ExitCode.OK if self.passed(strict) else ExitCode.PROBLEMS_FOUND

    def summary(self, strict: bool = False) -> str:
        """One line: "examples/x: valid (4 levels, 28 milestones)" or "3 errors, 1 warning in examples/x"."""
        where = str(self.directory)
        if self.passed(strict) and self.framework is not None:
            framework = self.framework
            size = f"{_count(len(framework.levels), 'level')}, {_count(len(framework.milestones()), 'milestone')}"
            warned = f", {_count(self.warnings, 'warning')}" if self.warnings else ""
            return f"{where}: valid{warned} ({size})"
        counts = [_count(self.errors, "error")] if self.errors else []
        counts += [_count(self.warnings, "warning")] if self.warnings else []
        failing = " (--strict: warnings count as problems)" if strict and not self.errors else ""
        return f"{', '.join(counts)} in {where}{failing}"


def validate_framework(directory: Path) -> Validation:
    """Check a framework directory and its optional transitions.yaml.

    Raises `UnreadableInputError` when a file cannot be read at all (exit status 2);
    everything else wrong with the files comes back as problems.
    """
    from pmpath.transitions import check_transitions

    framework, problems = check_framework(directory)
    transitions = directory / TRANSITIONS_FILE
    if os.path.lexists(transitions):  # a dangling link is reported as unreadable, not skipped
        problems = problems + check_transitions(transitions, framework)[1]
    return Validation(directory, tuple(sorted(problems, key=_position)), framework)


def _position(problem: Problem) -> tuple[int, int]:
    name = Path(problem.file).name
    rank = FILE_ORDER.index(name) if name in FILE_ORDER else len(FILE_ORDER)
    return rank, problem.line or 0


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"

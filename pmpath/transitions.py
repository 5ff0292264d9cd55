"""Paths into product: `transitions.yaml`, read with the same safe loader as the ladder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmpath.checks import FileChecker, YamlList, did_you_mean, line_of, shown
from pmpath.errors import InputFileError, Problem, UnknownLevelError, UnreadableInputError
from pmpath.model import Framework

TRANSITION_KEYS = (
    "background",
    "title",
    "brings",
    "shift",
    "exercise",
    "first_steps",
    "likely_milestones",
)
FILE_KEYS = ("facts", "transitions")


@dataclass(frozen=True)
class Transition:
    """How a person moves into product from another discipline."""

    background: str
    """engineering, design, marketing, ..."""
    title: str
    brings: tuple[str, ...]
    """Strengths they already have."""
    shift: str
    """The main change of mindset."""
    exercise: str
    """One concrete portfolio exercise."""
    first_steps: tuple[str, ...]
    likely_milestones: tuple[str, ...]
    """First-level milestone ids they are likely to meet already."""


@dataclass(frozen=True)
class Transitions:
    facts: tuple[str, ...]
    paths: tuple[Transition, ...]

    def find(self, background: str) -> Transition:
        for path in self.paths:
            if path.background == background.strip().lower():
                return path
        known = [p.background for p in self.paths]
        hint = did_you_mean(background.lower(), known).strip(" ()")
        raise UnknownLevelError(
            f"no path into product from {shown(background)}",
            hint=(f"{hint[0].upper()}{hint[1:]} " if hint else "") + f"Known backgrounds: {', '.join(known)}",
        )


def check_transitions(path: Path, framework: Framework | None) -> tuple[Transitions | None, list[Problem]]:
    """Every problem of a transitions file (its milestones checked against `framework`).

    Raises `UnreadableInputError` when the file cannot be read at all.
    """
    from pmpath.yamlfile import load

    problems: list[Problem] = []
    try:
        document, found = load(path)
    except UnreadableInputError:
        raise
    except InputFileError as error:
        return None, list(error.problems)
    problems += found
    check = FileChecker(str(path), problems)
    top = check.mapping(document, "the file", 1)
    if top is None:
        return None, problems
    check.unknown_keys(top, FILE_KEYS, "the file")
    facts = check.text_list(top, "facts", "the file")
    items = top.get("transitions")
    if not isinstance(items, YamlList) or not items:
        check.report(line_of(top, "transitions"), "'transitions' must be a non-empty list")
        return None, problems
    first_level_ids = {m.id for m in framework.levels[0].milestones} if framework else None
    paths = [_transition(check, item, index, items, first_level_ids) for index, item in enumerate(items)]
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Transitions(facts, tuple(p for p in paths if p is not None)), problems


def _transition(
    check: FileChecker, item: Any, index: int, items: YamlList, first_level_ids: set[str] | None
) -> Transition | None:
    entry = check.mapping(item, f"transition #{index + 1}", line_of(items, index))
    if entry is None:
        return None
    background = check.slug(entry, "background", f"transition #{index + 1}")
    where = f"transition {shown(background)}" if background else f"transition #{index + 1}"
    check.unknown_keys(entry, TRANSITION_KEYS, where)
    fields = {key: check.text(entry, key, where, required=True) for key in ("title", "shift", "exercise")}
    likely = check.text_list(entry, "likely_milestones", where)
    if first_level_ids is not None:
        for milestone_id in likely:
            if milestone_id not in first_level_ids:
                hint = did_you_mean(milestone_id, first_level_ids)
                check.report(
                    line_of(entry, "likely_milestones"),
                    f"{where}: {shown(milestone_id)} is not a first-level milestone{hint}",
                )
    if background is None or None in fields.values():
        return None
    return Transition(
        background=background,
        title=fields["title"] or "",
        brings=check.text_list(entry, "brings", where),
        shift=fields["shift"] or "",
        exercise=fields["exercise"] or "",
        first_steps=check.text_list(entry, "first_steps", where),
        likely_milestones=likely,
    )


def load_transitions(directory: Path, framework: Framework | None) -> Transitions | None:
    """The framework's transitions, None when it has no transitions.yaml; raises on errors."""
    from pmpath.framework import TRANSITIONS_FILE

    path = directory / TRANSITIONS_FILE
    if not path.exists():
        return None
    transitions, problems = check_transitions(path, framework)
    if transitions is None:
        raise InputFileError(problems)
    return transitions

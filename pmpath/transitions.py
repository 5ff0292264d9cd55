"""Paths into product: `transitions.yaml`, read with the same safe loader as the ladder.

Each background has what it brings, the shift, a portfolio exercise, first steps, its
typical pitfalls, how an internal transfer works, the first 90 days, and the
first-level milestones it likely meets already. The file also carries facts and a
section on preparing for PM interviews and building a portfolio. `other` is the
general path for any background the file does not name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

from pmpath.checks import FileChecker, line_of
from pmpath.errors import InputFileError, Problem, UnknownLevelError, UnreadableInputError
from pmpath.escaping import shown
from pmpath.model import Framework

if TYPE_CHECKING:
    from pmpath.scoring import Assessment

TRANSITION_KEYS = (
    "background",
    "title",
    "brings",
    "shift",
    "exercise",
    "first_steps",
    "pitfalls",
    "internal_transfer",
    "first_90_days",
    "likely_milestones",
)
FILE_KEYS = ("facts", "interviews", "transitions")
INTERVIEW_KEYS = ("summary", "topics", "portfolio")
TOPIC_KEYS = ("name", "what", "prepare")
GENERAL_BACKGROUND = "other"


class Transition(NamedTuple):
    """How a person moves into product from another discipline."""

    background: str
    """engineering, design, marketing, ..., other."""
    title: str
    brings: tuple[str, ...]
    """Strengths they already have."""
    shift: str
    """The main change of mindset."""
    exercise: str
    """One concrete portfolio exercise."""
    first_steps: tuple[str, ...]
    pitfalls: tuple[str, ...]
    internal_transfer: str
    first_90_days: tuple[str, ...]
    likely_milestones: tuple[str, ...]
    """First-level milestone ids they are likely to meet already."""


class Topic(NamedTuple):
    name: str
    what: str
    """What interviewers look for."""
    prepare: str


class Interviews(NamedTuple):
    summary: str
    topics: tuple[Topic, ...]
    portfolio: tuple[str, ...]


class Transitions(NamedTuple):
    facts: tuple[str, ...]
    interviews: Interviews | None
    paths: tuple[Transition, ...]

    def find(self, background: str) -> Transition:
        """The path for a background (loosely: "Customer Success" finds customer-success)."""
        wanted = "-".join(background.strip().lower().replace("_", " ").split())
        for path in self.paths:
            if path.background == wanted:
                return path
        from pmpath.model import BACKGROUNDS

        for path in self.paths:  # a word of the background's name: "support", "solutions", "analytics"
            words = re.findall(r"[a-z]+", BACKGROUNDS.get(path.background, "").split("(")[0].lower())
            if wanted in words and wanted not in ("or", "and"):
                return path
        known = [p.background for p in self.paths]
        from pmpath.checks import did_you_mean

        hint = did_you_mean(wanted[:100], known).strip(" ()")
        general = f" ({GENERAL_BACKGROUND} is the general path)" if GENERAL_BACKGROUND in known else ""
        raise UnknownLevelError(
            f"no path into product from {shown(background)}",
            hint=(f"{hint[0].upper()}{hint[1:]} " if hint else "")
            + f"Known backgrounds: {', '.join(known)}{general}",
        )

    def for_background(self, background: str | None) -> Transition | None:
        """The path for a profile's background, the general one for any other; None for "product"."""
        if not moving_in_from(background):
            return None
        by_name = {path.background: path for path in self.paths}
        return by_name.get(background) or by_name.get(GENERAL_BACKGROUND)


def moving_in_from(background: str | None) -> TypeGuard[str]:
    """A background someone moves into product from: any but none, or product itself."""
    return bool(background) and background != "product"


def check_transitions(path: Path, framework: Framework | None) -> tuple[Transitions | None, list[Problem]]:
    """Every problem of a transitions file (its milestones checked against `framework`).

    Raises `UnreadableInputError` when the file cannot be read at all.
    """
    from pmpath.yamlfile import load

    try:
        document, problems = load(path)
    except UnreadableInputError:
        raise
    except InputFileError as error:
        return None, list(error.problems)
    check = FileChecker(str(path), problems)
    top = check.mapping(document, "the file", 1)
    if top is None:
        return None, problems
    check.unknown_keys(top, FILE_KEYS, "the file")
    facts = check.text_list(top, "facts", "the file")
    interviews = _interviews(check, top)
    items = top.get("transitions")
    if not isinstance(items, list) or not items:
        check.report(line_of(top, "transitions"), "'transitions' must be a non-empty list")
        return None, problems
    first_level_ids = {m.id for root in framework.roots for m in root.milestones} if framework else None
    paths = [_transition(check, item, index, items, first_level_ids) for index, item in enumerate(items)]
    seen: set[str] = set()
    for index, found in enumerate(paths):
        if found is not None and found.background in seen:
            check.report(line_of(items, index), f"duplicate background {shown(found.background)}")
        elif found is not None:
            seen.add(found.background)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Transitions(facts, interviews, tuple(p for p in paths if p is not None)), problems


def _interviews(check: FileChecker, top: dict[str, Any]) -> Interviews | None:
    if top.get("interviews") is None:
        return None
    block = check.mapping(top["interviews"], "'interviews'", line_of(top, "interviews"))
    if block is None:
        return None
    check.unknown_keys(block, INTERVIEW_KEYS, "'interviews'")
    topics = []
    raw_topics = block.get("topics") or []
    if not isinstance(raw_topics, list):
        check.report(line_of(block, "topics"), "'interviews': 'topics' must be a list")
        raw_topics = []
    for index, item in enumerate(raw_topics):
        entry = check.mapping(item, f"interview topic #{index + 1}", line_of(raw_topics, index))
        if entry is None:
            continue
        check.unknown_keys(entry, TOPIC_KEYS, f"interview topic #{index + 1}")
        fields = [
            check.text(entry, key, f"interview topic #{index + 1}", required=True) for key in TOPIC_KEYS
        ]
        if all(fields):
            topics.append(Topic(*(field or "" for field in fields)))
    return Interviews(
        summary=check.text(block, "summary", "'interviews'") or "",
        topics=tuple(topics),
        portfolio=check.text_list(block, "portfolio", "'interviews'"),
    )


def _transition(
    check: FileChecker, item: Any, index: int, items: list[Any], first_level_ids: set[str] | None
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
                check.report(
                    line_of(entry, "likely_milestones"),
                    f"{where}: {shown(milestone_id)} is not a first-level milestone{check.hint(milestone_id, first_level_ids)}",
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
        pitfalls=check.text_list(entry, "pitfalls", where),
        internal_transfer=check.text(entry, "internal_transfer", where) or "",
        first_90_days=check.text_list(entry, "first_90_days", where),
        likely_milestones=likely,
    )


def load_transitions(directory: Path, framework: Framework | None) -> Transitions | None:
    """The framework's transitions, None when it has no transitions.yaml; raises on errors."""
    import os

    from pmpath.framework import TRANSITIONS_FILE

    path = directory / TRANSITIONS_FILE
    if not os.path.lexists(path):
        return None
    transitions, problems = check_transitions(path, framework)
    if transitions is None:
        raise InputFileError(problems)
    return transitions


def transition_for(result: Assessment, directory: Path) -> Transition | None:
    """The way in from the person's background, for people new to product at or below the first level."""
    if result.level is not None and result.level.rank > 1:
        return None
    years = result.sheet.profile.years
    if years is not None and years >= 3:  # years in product: no longer moving in
        return None
    if not moving_in_from(result.sheet.profile.background):  # nothing to read the file for
        return None
    transitions = load_transitions(directory, result.framework)
    return None if transitions is None else transitions.for_background(result.sheet.profile.background)

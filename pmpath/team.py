"""A whole team at once: where everyone stands, what holds people back, who is ready.

* People come from answers files (files, or directories searched for *.yaml, *.yml and
  *.json, hidden ones skipped: a team's git repository where each PM keeps theirs) or
  from the history (the latest assessment of each person named with --about).
* A person is named by their profile's `name`, else by the file's name.
* A file that is broken, or holds answers for another ladder, is skipped with its
  reason; nothing in one file stops the report.
* The common gaps are the milestones on people's shortest path to their next level,
  ranked by how many people they hold back: what to train or hire for.
* The pipeline is everyone whose readiness for their next level reaches the threshold
  (`--ready`; by default 10 points below the ladder's lowest bar, 50% for the shipped
  ladder: a person at their next level's bar is already placed there), with the
  shortest path left for each.

Every cost is one pass over the files and one scoring per person.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pmpath.model import Framework, Level, Milestone
from pmpath.scoring import Assessment, area_scores, assess

if TYPE_CHECKING:
    from pmpath.sources import Answers, Source

NEAR_THE_BAR = 0.1
"""How far below the ladder's lowest bar the default pipeline threshold sits."""
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FILES = 10_000
MAX_DEPTH = 3
"""How far below a team directory answers files are looked for (a folder per group, per person)."""
MAX_DIRECTORIES = 1_000
"""Directories searched at most: `pmpath team /` stops early instead of walking the whole disk."""
"""Most answers files one report reads: a team is people, not a data lake."""


class Person(NamedTuple):
    name: str
    source: Source
    result: Assessment
    areas: dict[str, float]
    """Share of yes per competency area, up to the next level."""


class CommonGap(NamedTuple):
    milestone: Milestone
    people: tuple[str, ...]
    """Who it holds back: it is on their shortest path to their next level."""


class PipelineEntry(NamedTuple):
    name: str
    next_level: Level
    readiness: float
    left: tuple[str, ...]
    """The milestone ids on the shortest path still open."""


class TeamReport(NamedTuple):
    framework: Framework
    people: tuple[Person, ...]
    distribution: tuple[tuple[Level | None, int], ...]
    """Every level in tree order, then None (not yet at the first level), with its head count."""
    common_gaps: tuple[CommonGap, ...]
    pipeline: tuple[PipelineEntry, ...]
    skipped: tuple[tuple[str, str], ...]
    """(path, reason) of every file that was not read."""
    threshold: float


def default_ready(framework: Framework) -> float:
    """The pipeline's threshold when none is given: near the ladder's lowest bar, below it.

    Whoever reaches their next level's bar (with its required milestones) is placed at that
    level, so a threshold at or above the bars would list only people a required milestone
    holds back.
    """
    lowest = min((level.pass_threshold for level in framework.levels), default=0.0)
    return max(0.0, round(lowest - NEAR_THE_BAR, 2))


def answers_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Each answers file under `paths` (sorted within a directory), or a path with why it cannot be read."""
    count = 0
    for path in paths:
        if os.path.isdir(path):
            top = str(path).rstrip(os.sep).count(os.sep)
            for searched, (root, directories, files) in enumerate(os.walk(path), start=1):
                if searched > MAX_DIRECTORIES:
                    yield Path(root), f"more than {MAX_DIRECTORIES:,} directories; the rest were not searched"
                    return
                deep = root.rstrip(os.sep).count(os.sep) - top >= MAX_DEPTH
                directories[:] = [] if deep else sorted(d for d in directories if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or not name.lower().endswith(ANSWERS_SUFFIXES):
                        continue
                    count += 1
                    if count > MAX_FILES:
                        yield Path(root) / name, f"more than {MAX_FILES:,} files; the rest were not read"
                        return
                    yield Path(root) / name, None
        elif os.path.lexists(path):
            count += 1
            yield path, None
        else:
            yield path, "no such file or directory"


def build_team(
    framework: Framework, entries: Iterable[Answers | tuple[str, str]], *, threshold: float | None = None
) -> TeamReport:
    """The team report from resolved answers, each an `Answers` or a (path, reason) it was skipped for."""
    from pmpath.sources import Answers

    threshold = default_ready(framework) if threshold is None else threshold
    people: list[Person] = []
    skipped: list[tuple[str, str]] = []
    names: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, Answers):
            skipped.append(entry)
            continue
        result = assess(framework, entry.sheet)
        name = entry.sheet.profile.name or _file_name(entry.source)
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:
            name = f"{name} ({names[name]})"
        people.append(Person(name, entry.source, result, area_scores(result)))
    return TeamReport(
        framework,
        tuple(people),
        _distribution(framework, people),
        _common_gaps(framework, people),
        _pipeline(people, threshold),
        tuple(skipped),
        threshold,
    )


def _file_name(source: Source) -> str:
    if source.kind == "assessment":
        return f"#{source.record_id}"
    return Path(source.path or "").stem or (source.path or "")


def _distribution(framework: Framework, people: list[Person]) -> tuple[tuple[Level | None, int], ...]:
    counts: dict[str | None, int] = {}
    for person in people:
        key = person.result.level.id if person.result.level else None
        counts[key] = counts.get(key, 0) + 1
    levels: list[Level | None] = [*framework.tree_order(), None]
    return tuple((level, counts.get(level.id if level else None, 0)) for level in levels)


def _common_gaps(framework: Framework, people: list[Person]) -> tuple[CommonGap, ...]:
    held: dict[str, list[str]] = {}
    for person in people:
        for milestone_id in person.result.shortest_path:
            held.setdefault(milestone_id, []).append(person.name)
    order = {m.id: index for index, m in enumerate(framework.milestones())}
    ranked = sorted(held.items(), key=lambda item: (-len(item[1]), order[item[0]]))
    known = framework.milestone_ids()
    return tuple(CommonGap(known[milestone_id], tuple(names)) for milestone_id, names in ranked)


def _pipeline(people: list[Person], threshold: float) -> tuple[PipelineEntry, ...]:
    ready = [
        PipelineEntry(p.name, p.result.next_level, p.result.readiness, p.result.shortest_path)
        for p in people
        if p.result.next_level is not None
        and p.result.readiness is not None
        and p.result.readiness >= threshold
    ]
    return tuple(sorted(ready, key=lambda entry: -entry.readiness))

"""Building ladders and answers for tests, and running pmpath in-process."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from conftest import DATA

from pmpath.framework import check_framework
from pmpath.model import Answer, AnswerSheet, Context, Framework, Level, Milestone, Profile, Response


@functools.cache
def shipped() -> Framework:
    """The shipped ladder, read once per test run and never through the user's cache."""
    framework, problems = check_framework(DATA)
    assert framework is not None, problems
    return framework


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run pmpath in-process: (exit status, stdout, stderr). A crash is a test failure, not an exit code."""
    from typer.testing import CliRunner

    from pmpath.cli import app

    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ladder(
    spec: Sequence[tuple[str, str | None, Sequence[tuple[int, bool]]]],
    *,
    threshold: float = 0.8,
    contexts: tuple[Context, ...] | None = None,
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> Framework:
    """A framework from (level id, follows, [(weight, required), ...]) triples, ranks worked out.

    Milestones are named LEVEL-m1, LEVEL-m2, ...; `extra` adds fields to a milestone by id.
    """
    follows = {level_id: parent for level_id, parent, _ in spec}

    def rank(level_id: str) -> int:
        parent = follows[level_id]
        return 1 if parent is None else 1 + rank(parent)

    levels = []
    for level_id, parent, milestones in spec:
        built = tuple(
            Milestone(
                f"{level_id}-m{i}",
                level_id,
                f"{level_id} milestone {i}",
                f"Have you done {level_id} {i}?",
                weight=weight,
                required=required,
                **(extra or {}).get(f"{level_id}-m{i}", {}),
            )
            for i, (weight, required) in enumerate(milestones, start=1)
        )
        levels.append(
            Level(
                level_id,
                level_id.upper(),
                rank(level_id),
                follows=parent,
                pass_threshold=threshold,
                milestones=built,
                track="people-manager" if "mgr" in level_id else "individual-contributor",
            )
        )
    return Framework("test ladder", tuple(levels), contexts=contexts, fingerprint="test")


def sheet(answers: Mapping[str, str | Answer], profile: Profile | None = None) -> AnswerSheet:
    return AnswerSheet(profile or Profile(), {m: Response(Answer(a)) for m, a in answers.items()})


def yes_to(framework: Framework, levels: Iterable[str]) -> dict[str, str]:
    wanted = set(levels)
    return {m.id: "yes" for m in framework.milestones() if m.level in wanted}


def write_answers(path: Path, document: Mapping[str, Any]) -> Path:
    """An answers file as YAML (JSON values are YAML; the keys stay readable)."""
    lines = []
    if document.get("profile"):
        lines.append("profile:")
        lines += [
            f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in document["profile"].items()
        ]
    lines.append("answers:" if document.get("answers") else "answers: {}")
    for milestone_id, value in (document.get("answers") or {}).items():
        if isinstance(value, dict):
            lines.append(f"  {milestone_id}:")
            lines += [f"    {key}: {json.dumps(item, ensure_ascii=False)}" for key, item in value.items()]
        else:
            lines.append(f"  {milestone_id}: {value}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_ladder(directory: Path, levels_yaml: str, milestones_yaml: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "levels.yaml").write_text(levels_yaml, encoding="utf-8")
    (directory / "milestones.yaml").write_text(milestones_yaml, encoding="utf-8")
    return directory

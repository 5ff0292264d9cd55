"""Answers for typical people, built from the shipped ladder so they follow the data.

Each persona is an answers document (`{"profile": ..., "answers": {id: "yes" | "partial" | "no"}}`)
with the level the scoring must place it at. Tests write them to files with `write_answers`.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmpath.framework import check_framework
from pmpath.model import Framework

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# The required senior-pm milestone the "Senior PM" persona has not achieved yet.
SENIOR_PM_MISSING = "senior-pm-cross-team-initiative"


@dataclass(frozen=True)
class Persona:
    name: str
    profile: dict[str, Any]
    answers: dict[str, str]
    level: str | None
    """Id of the level the scoring must place this persona at (None: below the first)."""
    next_level: str | None
    notes: dict[str, str] = field(default_factory=dict)
    """Evidence notes by milestone id (written as {answer, evidence})."""

    def document(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for milestone_id, answer in self.answers.items():
            note = self.notes.get(milestone_id)
            answers[milestone_id] = {"answer": answer, "evidence": note} if note else answer
        return {"profile": self.profile, "answers": answers}


@functools.cache
def shipped() -> Framework:
    """The shipped ladder, read once per test run and never through the user's cache.

    Module-level and module-scoped callers run before the autouse PMPATH_HOME fixture,
    so going through `load_framework` would write into the real cache directory.
    """
    framework, problems = check_framework(DATA)
    assert framework is not None, problems
    return framework


def cli(*args: str) -> tuple[int, str, str]:
    """Run pmpath in-process: (exit status, stdout, stderr)."""
    from typer.testing import CliRunner

    from pmpath.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def yes_through(framework: Framework, level_id: str | None) -> dict[str, str]:
    """ "yes" to every milestone up to and including `level_id`, "no" to every one above."""
    answers = {}
    reached = level_id is None
    for level in framework.levels:
        for milestone in level.milestones:
            answers[milestone.id] = "no" if reached else "yes"
        if level.id == level_id:
            reached = True
    return answers


def new_apm(framework: Framework) -> Persona:
    """Six months in: one required apm milestone done, one partly, the rest not yet."""
    answers = yes_through(framework, None)
    answers["apm-ships-scoped-tasks"] = "yes"
    answers["apm-customer-interviews"] = "partial"
    answers["apm-runs-team-rituals"] = "yes"
    return Persona(
        "new-apm",
        {"years": 0.5, "title": "Associate PM", "background": "design", "company": "startup"},
        answers,
        level=None,
        next_level="apm",
    )


def solid_pm(framework: Framework) -> Persona:
    """Everything through pm; at senior-pm one required yes, some partial, the rest no."""
    answers = yes_through(framework, "pm")
    answers["senior-pm-multi-quarter-roadmap"] = "yes"
    answers["senior-pm-ambiguous-problem"] = "partial"
    answers["senior-pm-mentors-pms"] = "yes"
    answers["senior-pm-exec-presentation"] = "partial"
    return Persona(
        "solid-pm",
        {"years": 4, "title": "Product Manager", "background": "engineering", "company": "scale-up"},
        answers,
        level="pm",
        next_level="senior-pm",
        notes={"pm-metric-impact": 'Lifted "activation" 12%: measured over Q2, see the dashboard'},
    )


def senior_pm_missing_required(framework: Framework) -> Persona:
    """Every senior-pm milestone but one required one: a score above the bar, still not met."""
    answers = yes_through(framework, "senior-pm")
    answers[SENIOR_PM_MISSING] = "no"
    return Persona(
        "senior-pm-missing-required",
        {"years": 6, "title": "Senior PM", "background": "product", "company": "corporate"},
        answers,
        level="pm",
        next_level="senior-pm",
    )


def director(framework: Framework) -> Persona:
    answers = yes_through(framework, "director")
    answers["vp-product-org-strategy"] = "partial"
    answers["vp-product-leads-directors"] = "yes"
    return Persona(
        "director",
        {"years": 12, "title": "Director of Product", "background": "marketing", "company": "corporate"},
        answers,
        level="director",
        next_level="vp-product",
    )


def all_yes_cpo(framework: Framework) -> Persona:
    return Persona(
        "cpo",
        {"years": 20, "title": "CPO", "background": "other", "company": "scale-up"},
        yes_through(framework, framework.levels[-1].id),
        level="cpo",
        next_level=None,
    )


def all_personas(framework: Framework) -> list[Persona]:
    return [
        new_apm(framework),
        solid_pm(framework),
        senior_pm_missing_required(framework),
        director(framework),
        all_yes_cpo(framework),
    ]


def write_answers(path: Path, document: dict[str, Any]) -> Path:
    """Write an answers document as YAML (JSON is valid YAML; the keys stay readable either way)."""
    lines = []
    if document.get("profile"):
        lines.append("profile:")
        lines += [f"  {key}: {json.dumps(value)}" for key, value in document["profile"].items()]
    lines.append("answers:")
    for milestone_id, value in document["answers"].items():
        if isinstance(value, dict):
            lines.append(f"  {milestone_id}:")
            lines += [f"    {key}: {json.dumps(item)}" for key, item in value.items()]
        else:
            lines.append(f"  {milestone_id}: {value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

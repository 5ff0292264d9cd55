"""JSON documents for scripts: one vocabulary for every command, each a public contract.

* A framework is always `{name, fingerprint}`; a level always `{id, title, rank, track}`.
* Times are UTC ISO 8601 with a Z.
* A source is always `{type: "assessment"|"file", id or path, saved_at}`.
* Every document carries `schema_version`; `pmpath schema --output COMMAND` prints its schema.

Written with `json.dumps`, never through a styled console; C1 controls, bidirectional
and invisible characters are escaped as \\u sequences, and a stream that is not UTF-8
gets pure ASCII (escapes are valid JSON; replacement characters would not be the data).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from pmpath.errors import MAX_PROBLEMS_SHOWN
from pmpath.escaping import json_safe
from pmpath.model import Framework, Level, Milestone
from pmpath.render import Format, Renderer

if TYPE_CHECKING:  # annotations only: importing these would cost every lookup its start-up
    from collections.abc import Callable

    from pmpath.calibration import Calibration, Side
    from pmpath.plan import Plan
    from pmpath.progress import Progress
    from pmpath.scoring import Assessment, Gap, LevelScore, NextStep
    from pmpath.sources import Movement, Source
    from pmpath.storage.history import LevelRef
    from pmpath.team import TeamReport
    from pmpath.transitions import Transition, Transitions
    from pmpath.validate import Validation
    from pmpath.views import (
        AssessmentReport,
        HistoryListing,
        LevelDetail,
        Questionnaire,
        TransitionGuide,
        TransitionList,
    )

SCHEMA_VERSION = 2


def dumps(document: Any) -> str:
    """The document as JSON text, safe for any terminal and any stdout encoding, with a final newline.

    Laid out two levels deep, one key or list item per line, with everything deeper on the
    line of its item: a history of 10,000 records is 10,000 readable lines, and Python's C
    encoder writes each of them (its pure-Python indenting encoder takes four times as long
    and as much memory).
    """
    from pmpath import terminal

    ascii_only = not terminal.utf8(sys.stdout)
    # One encoder for the whole document: json.dumps with options builds a new one per call.
    encode = json.JSONEncoder(ensure_ascii=ascii_only, separators=(", ", ": ")).encode
    text = _layout(document, 0, encode)
    return (text if ascii_only or text.isascii() else json_safe(text)) + "\n"


def _layout(value: Any, depth: int, encode: Callable[[Any], str]) -> str:
    if depth >= 2 or not value or not isinstance(value, (dict, list)):
        return encode(value)
    inner = "  " * (depth + 1)
    if isinstance(value, dict):
        lines = (
            f"{inner}{encode(str(key))}: {_layout(item, depth + 1, encode)}" for key, item in value.items()
        )
        return "{\n" + ",\n".join(lines) + "\n" + "  " * depth + "}"
    return (
        "[\n"
        + ",\n".join(inner + _layout(item, depth + 1, encode) for item in value)
        + "\n"
        + "  " * depth
        + "]"
    )


def _area_scores(result: Assessment) -> dict[str, float]:
    from pmpath.scoring import area_scores  # not at import: `show --json` has no use for the scoring

    return area_scores(result)


def framework_ref(framework: Framework) -> dict[str, Any]:
    return {"name": framework.name, "fingerprint": framework.fingerprint}


def level_ref(level: Level | LevelRef | None) -> dict[str, Any] | None:
    """A level as every document points at it; a saved one (LevelRef) has the same four fields."""
    return (
        None
        if level is None
        else {"id": level.id, "title": level.title, "rank": level.rank, "track": level.track}
    )


def source_ref(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    if source.kind == "assessment":
        return {"type": "assessment", "id": source.record_id, "saved_at": source.saved_at}
    return {"type": "file", "path": source.path, "saved_at": source.saved_at}


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def milestone_dict(milestone: Milestone, framework: Framework) -> dict[str, Any]:
    return {
        "id": milestone.id,
        "level": level_ref(framework.find(milestone.level)),
        "text": milestone.text,
        "question": milestone.question,
        "category": milestone.category,
        "weight": milestone.weight,
        "required": milestone.required,
        "evidence": milestone.evidence,
        "advice": milestone.advice,
        "applies_when": {context: list(values) for context, values in milestone.applies_when.items()},
        "may_not_apply": milestone.may_not_apply,
    }


def _contexts(framework: Framework) -> list[dict[str, Any]]:
    return [
        {"id": c.id, "prompt": c.prompt, "values": [{"value": v, "label": label} for v, label in c.values]}
        for c in framework.contexts
    ]


# ---------------------------------------------------------------- the ladder


def levels_document(framework: Framework) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(framework),
        "contexts": _contexts(framework),
        "levels": [
            {
                **(level_ref(level) or {}),
                "follows": level.follows,
                "summary": level.summary,
                "typical_tenure": level.typical_tenure,
                "aliases": list(level.aliases),
                "milestones": len(level.milestones),
            }
            for level in framework.tree_order()
        ],
    }


def next_on_track(framework: Framework, level: Level) -> Level | None:
    """The following level on the same track, else the first following one, else None."""
    children = framework.children(level)
    return next(
        (child for child in children if child.track == level.track), children[0] if children else None
    )


def level_document(framework: Framework, level: Level) -> dict[str, Any]:
    following = next_on_track(framework, level)
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(framework),
        **(level_ref(level) or {}),
        "follows": level.follows,
        "aliases": list(level.aliases),
        "summary": level.summary,
        "scope": level.scope,
        "mindset": level.mindset,
        "responsibilities": list(level.responsibilities),
        "typical_tenure": level.typical_tenure,
        "tenure_by_company": dict(level.tenure_by_company),
        "reports_to": level.reports_to,
        "manages": level.manages,
        "compensation": level.compensation,
        "pass_threshold": level.pass_threshold,
        "previous": level.follows,
        "next": following.id if following else None,
        "next_levels": [child.id for child in framework.children(level)],
        "milestones": [milestone_dict(m, framework) for m in level.milestones],
    }


# ---------------------------------------------------------------- an assessment


def _gap(gap: Gap, result: Assessment) -> dict[str, Any]:
    milestone = gap.milestone
    return {
        "milestone": milestone.id,
        "level": level_ref(result.framework.find(milestone.level)),
        "text": milestone.text,
        "answer": None if gap.answer is None else gap.answer.value,
        "required": milestone.required,
        "weight": milestone.weight,
        "category": milestone.category,
        "advice": milestone.advice,
        "evidence": milestone.evidence,
        "note": result.sheet.note(milestone.id),
        "shortest_path": gap.on_shortest_path,
    }


def _step(step: NextStep, result: Assessment) -> dict[str, Any]:
    return {
        "level": level_ref(step.level),
        "readiness": _ratio(step.readiness),
        "gaps": [_gap(gap, result) for gap in step.gaps],
        "shortest_path": list(step.shortest_path),
    }


def _level_score(score: LevelScore) -> dict[str, Any]:
    level = score.level
    return {
        **(level_ref(level) or {}),
        "follows": level.follows,
        "asked": score.asked,
        "score": _ratio(score.score),
        "threshold": level.pass_threshold,
        "met": score.met,
        "met_on_evidence": score.met_on_evidence,
        "applicable_share": _ratio(score.possible / score.total if score.total else 0.0),
        "missing_required": list(score.missing_required),
        "held_back_by": score.held_back_by,
        "not_applicable": [
            {
                "milestone": out.milestone.id,
                "reason": "answer" if out.context is None else "context",
                "context": out.context,
                "value": out.value,
            }
            for out in score.not_applicable
        ],
    }


def _time_to_next(result: Assessment) -> dict[str, Any] | None:
    if result.level is None or result.next_level is None:
        return None
    tenure, company = result.level.tenure_for(result.sheet.profile.company)
    return None if tenure is None else {"tenure": tenure, "company": company}


def _movement(moved: Movement | None) -> dict[str, Any] | None:
    if moved is None:
        return None
    return {
        "since": source_ref(moved.since),
        "up": list(moved.up),
        "down": list(moved.down),
        "added": list(moved.added),
    }


def assessment_document(report: AssessmentReport) -> dict[str, Any]:
    """`assess --json` (schema `result`): the placement, every level, the next steps and their gaps."""
    from pmpath.answers import profile_document

    result = report.result
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(result.framework),
        "assessed_at": report.assessed_at,
        "source": source_ref(report.source),
        "profile": profile_document(result.sheet.profile, result.framework),
        "level": level_ref(result.level),
        "next_level": level_ref(result.next_level),
        "readiness": _ratio(result.readiness),
        "gaps": [_gap(gap, result) for gap in result.gaps],
        "shortest_path": list(result.shortest_path),
        "next_steps": [_step(step, result) for step in result.next_steps],
        "time_to_next": _time_to_next(result),
        "levels": [_level_score(score) for score in result.scores],
        "areas": {area: _ratio(value) for area, value in _area_scores(result).items()},
        "unanswered": list(result.unanswered),
        "moved": _movement(report.moved),
    }


# ---------------------------------------------------------------- the renderer


class JsonRenderer(Renderer):
    format = Format.json

    def levels(self, view: Framework) -> str:
        return dumps(levels_document(view))

    def level(self, view: LevelDetail) -> str:
        return dumps(level_document(view.framework, view.level))

    def assessment(self, view: AssessmentReport) -> str:
        return dumps(assessment_document(view))

    def history(self, view: HistoryListing) -> str:
        return dumps(history_document(view))

    def progress(self, view: Progress) -> str:
        return dumps(progress_document(view))

    def comparison(self, view: Calibration) -> str:
        return dumps(comparison_document(view))

    def plan(self, view: Plan) -> str:
        return dumps(plan_document(view))

    def transition(self, view: TransitionGuide) -> str:
        return dumps(transition_document(view.transition, view.transitions, view.framework))

    def transitions(self, view: TransitionList) -> str:
        return dumps(
            {
                "schema_version": SCHEMA_VERSION,
                "transitions": [
                    {"background": t.background, "title": t.title} for t in view.transitions.paths
                ],
            }
        )

    def validation(self, view: Validation) -> str:
        return dumps(validation_document(view))

    def team(self, view: TeamReport) -> str:
        return dumps(team_document(view))

    def questionnaire(self, view: Questionnaire) -> str:
        return dumps(questionnaire_document(view))


# ---------------------------------------------------------------- history, progress, compare, plan


def history_document(view: HistoryListing) -> dict[str, Any]:
    """`history --json`: the newest records first (all of them unless --limit)."""
    levels: dict[LevelRef | None, dict[str, Any] | None] = {}  # a long history names few levels

    def level(ref: LevelRef | None) -> dict[str, Any] | None:
        if ref not in levels:
            levels[ref] = level_ref(ref)
        return levels[ref]

    return {
        "schema_version": SCHEMA_VERSION,
        "total": view.total,
        "records": [
            {
                "id": record.id,
                "saved_at": record.saved_at,
                "framework": {"name": record.framework_name, "fingerprint": record.fingerprint},
                "level": level(record.level),
                "next_level": level(record.next_level),
                "readiness": _ratio(record.readiness),
                "ladder_changed": record.ladder_changed(view.framework),
                "profile": record.profile,
                "damaged": record.damaged,
            }
            for record in view.records
        ],
    }


def _milestone_change(change: Any) -> dict[str, Any]:
    return {
        "milestone": change.milestone,
        "level": level_ref(change.level),
        "text": change.text,
        "before": None if change.before is None else change.before.value,
        "after": None if change.after is None else change.after.value,
    }


def progress_document(view: Progress) -> dict[str, Any]:
    """`progress --json`: oldest first, each point with its changes since the previous one."""
    points = []
    for point in view.points:
        changes = point.changes
        points.append(
            {
                "source": source_ref(point.source),
                "level": level_ref(point.level),
                "next_level": level_ref(point.next_level),
                "readiness": _ratio(point.readiness),
                "ladder_changed": point.ladder_changed,
                "changes": None
                if changes is None
                else {
                    "previous": changes.previous_id,
                    "level_change": changes.level_change,
                    "gaps_closed": [_milestone_change(c) for c in changes.gaps_closed],
                    "gaps_opened": [_milestone_change(c) for c in changes.gaps_opened],
                },
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(view.framework),
        "points": points,
        "damaged": [{"id": record_id, "reason": why} for record_id, why in view.damaged],
    }


def _side(side: Side) -> dict[str, Any]:
    result = side.result
    return {
        "label": side.label,
        "source": source_ref(side.source),
        "level": level_ref(result.level),
        "next_level": level_ref(result.next_level),
        "readiness": _ratio(result.readiness),
        "answered": len(result.sheet.responses),
    }


def comparison_document(calibration: Calibration) -> dict[str, Any]:
    """`compare --json`: both placements, the agreement rate and the disagreements, agenda order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(calibration.framework),
        "a": _side(calibration.a),
        "b": _side(calibration.b),
        "agreement": _ratio(calibration.agreement),
        "agreed": calibration.agreed,
        "compared": calibration.compared,
        "disagreements": [
            {
                "milestone": d.milestone.id,
                "level": level_ref(d.level),
                "text": d.milestone.text,
                "required": d.milestone.required,
                "weight": d.milestone.weight,
                "category": d.milestone.category,
                "a": None if d.a is None else d.a.value,
                "b": None if d.b is None else d.b.value,
            }
            for d in calibration.disagreements
        ],
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    """`plan --json`: the development plan's content, shortest path first."""
    framework = plan.framework
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(framework),
        "source": source_ref(plan.source),
        "person": plan.profile.name,
        "level": level_ref(plan.level),
        "next_level": level_ref(plan.next_level),
        "readiness": _ratio(plan.readiness),
        "time_to_next": None
        if plan.tenure is None
        else {"tenure": plan.tenure, "company": plan.tenure_company},
        "items": [
            {
                "milestone": item.milestone.id,
                "level": level_ref(framework.find(item.milestone.level)),
                "text": item.milestone.text,
                "category": item.milestone.category,
                "required": item.milestone.required,
                "weight": item.milestone.weight,
                "answer": None if item.answer is None else item.answer.value,
                "shortest_path": item.first,
                "advice": item.milestone.advice,
                "evidence": item.milestone.evidence,
                "note": item.note,
            }
            for item in plan.items
        ],
        "notes": [
            {"milestone": n.milestone.id, "text": n.milestone.text, "answer": n.answer.value, "note": n.note}
            for n in plan.notes
        ],
        "checklist": list(plan.checklist),
    }


# ---------------------------------------------------------------- transitions, validate, team, questions


def transition_document(
    transition: Transition, transitions: Transitions, framework: Framework
) -> dict[str, Any]:
    """`transition BACKGROUND --json`: the path, its likely first-level milestones (with text), the facts."""
    known = framework.milestone_ids()
    interviews = transitions.interviews
    return {
        "schema_version": SCHEMA_VERSION,
        "background": transition.background,
        "title": transition.title,
        "brings": list(transition.brings),
        "shift": transition.shift,
        "exercise": transition.exercise,
        "first_steps": list(transition.first_steps),
        "pitfalls": list(transition.pitfalls),
        "internal_transfer": transition.internal_transfer,
        "first_90_days": list(transition.first_90_days),
        "likely_milestones": [
            milestone_dict(known[m], framework) for m in transition.likely_milestones if m in known
        ],
        "facts": list(transitions.facts),
        "interviews": None
        if interviews is None
        else {
            "summary": interviews.summary,
            "topics": [{"name": t.name, "what": t.what, "prepare": t.prepare} for t in interviews.topics],
            "portfolio": list(interviews.portfolio),
        },
    }


def validation_document(view: Validation) -> dict[str, Any]:
    """`validate --json`: the problems (the first 100 per file; `omitted` counts the rest)."""
    shown: list[dict[str, Any]] = []
    omitted: dict[str, int] = {}
    per_file: dict[str, int] = {}
    for problem in view.problems:
        per_file[problem.file] = per_file.get(problem.file, 0) + 1
        if per_file[problem.file] <= MAX_PROBLEMS_SHOWN:
            shown.append(problem.as_dict())
        else:
            omitted[problem.file] = omitted.get(problem.file, 0) + 1
    return {
        "schema_version": SCHEMA_VERSION,
        "directory": str(view.directory),
        "valid": view.passed,
        "errors": view.errors,
        "warnings": view.warnings,
        "problems": shown,
        "omitted": omitted,
    }


def team_document(view: TeamReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(view.framework),
        "ready": view.threshold,
        "people": [
            {
                "name": person.name,
                "source": source_ref(person.source),
                "level": level_ref(person.result.level),
                "next_level": level_ref(person.result.next_level),
                "readiness": _ratio(person.result.readiness),
                "areas": {area: _ratio(score) for area, score in person.areas.items()},
            }
            for person in view.people
        ],
        "distribution": [{"level": level_ref(level), "count": count} for level, count in view.distribution],
        "common_gaps": [
            {
                "milestone": gap.milestone.id,
                "level": level_ref(view.framework.find(gap.milestone.level)),
                "text": gap.milestone.text,
                "people": list(gap.people),
            }
            for gap in view.common_gaps
        ],
        "pipeline": [
            {
                "name": entry.name,
                "next_level": level_ref(entry.next_level),
                "readiness": _ratio(entry.readiness),
                "left": list(entry.left),
            }
            for entry in view.pipeline
        ],
        "skipped": [{"path": path, "reason": reason} for path, reason in view.skipped],
    }


def questionnaire_document(view: Questionnaire) -> dict[str, Any]:
    from pmpath.wording import About

    about = About(view.about)
    framework = view.framework
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_ref(framework),
        "about": view.about,
        "contexts": _contexts(framework),
        "levels": [
            {
                "level": level_ref(level),
                "milestones": [
                    {
                        **milestone_dict(m, framework),
                        "question": about.phrase(m.question),
                        "evidence": about.phrase(m.evidence),
                    }
                    for m in level.milestones
                ],
            }
            for level in view.levels
        ],
    }

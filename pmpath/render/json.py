"""JSON documents for scripts. Shapes are a public contract, documented in the README."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmpath.model import Framework, Level, Milestone

if TYPE_CHECKING:  # annotations only: importing these would cost every lookup its start-up
    from pmpath.calibration import Calibration, Side
    from pmpath.history import SavedAssessment
    from pmpath.plan import Plan
    from pmpath.progress import Changes, LevelRef, MilestoneChange, ProgressPoint
    from pmpath.scoring import Assessment
    from pmpath.transitions import Transition, Transitions

SCHEMA_VERSION = 1


def dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def level_ref(level: Level | LevelRef | None) -> dict[str, Any] | None:
    """A level as other documents point at it; a saved one (LevelRef) has the same three fields."""
    return None if level is None else {"id": level.id, "title": level.title, "rank": level.rank}


def milestone_dict(milestone: Milestone) -> dict[str, Any]:
    return {
        "id": milestone.id,
        "level": milestone.level,
        "text": milestone.text,
        "question": milestone.question,
        "category": milestone.category,
        "weight": milestone.weight,
        "required": milestone.required,
        "evidence": milestone.evidence,
        "advice": milestone.advice,
    }


def levels_document(framework: Framework) -> list[dict[str, Any]]:
    return [
        {
            "id": level.id,
            "title": level.title,
            "rank": level.rank,
            "track": level.track,
            "summary": level.summary,
            "typical_tenure": level.typical_tenure,
            "aliases": list(level.aliases),
            "milestones": len(level.milestones),
        }
        for level in framework.levels
    ]


def level_document(framework: Framework, level: Level) -> dict[str, Any]:
    index = level.rank - 1
    previous = framework.levels[index - 1].id if index > 0 else None
    following = framework.levels[index + 1].id if index + 1 < len(framework.levels) else None
    return {
        "id": level.id,
        "title": level.title,
        "rank": level.rank,
        "aliases": list(level.aliases),
        "track": level.track,
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
        "previous": previous,
        "next": following,
        "milestones": [milestone_dict(m) for m in level.milestones],
    }


def assessment_document(result: Assessment) -> dict[str, Any]:
    sheet = result.sheet
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": {"name": result.framework.name, "fingerprint": result.framework.fingerprint},
        "level": level_ref(result.level),
        "next_level": level_ref(result.next_level),
        "readiness": None if result.readiness is None else round(result.readiness, 4),
        "levels": [
            {
                "id": s.level.id,
                "title": s.level.title,
                "rank": s.level.rank,
                "score": round(s.score, 4),
                "threshold": s.level.pass_threshold,
                "met": s.met,
                "missing_required": list(s.missing_required),
            }
            for s in result.scores
        ],
        "gaps": [
            {
                "milestone": gap.milestone.id,
                "level": gap.milestone.level,
                "text": gap.milestone.text,
                "answer": gap.answer.value,
                "required": gap.milestone.required,
                "weight": gap.milestone.weight,
                "category": gap.milestone.category,
                "advice": gap.milestone.advice,
                "evidence": gap.milestone.evidence,
                "note": result.sheet.note(gap.milestone.id),
                "shortest_path": gap.on_shortest_path,
            }
            for gap in result.gaps
        ],
        "shortest_path": list(result.shortest_path),
        "unanswered": list(result.unanswered),
        "profile": sheet.profile.as_dict(),
    }


# ---------------------------------------------------------------- growth: history, progress, compare, plan, transition


def history_list_document(records: list[SavedAssessment], framework: Framework) -> list[dict[str, Any]]:
    """`history --json`: newest first; `ladder_changed` when scored against another ladder version."""
    return [
        {
            "id": record.id,
            "saved_at": record.saved_at,
            "level": record.level_id,
            "level_title": record.level_title,
            "next_level": record.next_level_id,
            "readiness": None if record.readiness is None else round(record.readiness, 4),
            "framework": record.framework_name,
            "fingerprint": record.fingerprint,
            "ladder_changed": record.ladder_changed(framework),
            "profile": record.profile,
        }
        for record in records
    ]


def saved_assessment_document(record: SavedAssessment) -> dict[str, Any]:
    """`history show ID --json`: the `assess --json` document as saved, plus its id and time."""
    return {"id": record.id, "saved_at": record.saved_at, **record.document}


def _milestone_change(change: MilestoneChange) -> dict[str, Any]:
    return {
        "milestone": change.milestone,
        "level": change.level,
        "text": change.text,
        "before": None if change.before is None else change.before.value,
        "after": None if change.after is None else change.after.value,
    }


def _changes(changes: Changes | None) -> dict[str, Any] | None:
    if changes is None:
        return None
    return {
        "previous": changes.previous_id,
        "level_before": level_ref(changes.level_before),
        "level_after": level_ref(changes.level_after),
        "level_change": changes.level_change,
        "gaps_closed": [_milestone_change(c) for c in changes.gaps_closed],
        "gaps_opened": [_milestone_change(c) for c in changes.gaps_opened],
    }


def progress_document(points: tuple[ProgressPoint, ...]) -> list[dict[str, Any]]:
    """`progress --json`: oldest first, each point with its changes since the previous one."""
    return [
        {
            "id": point.id,
            "saved_at": point.saved_at,
            "level": level_ref(point.level),
            "next_level": level_ref(point.next_level),
            "readiness": None if point.readiness is None else round(point.readiness, 4),
            "ladder_changed": point.ladder_changed,
            "changes": _changes(point.changes),
        }
        for point in points
    ]


def _side(side: Side) -> dict[str, Any]:
    result = side.result
    return {
        "label": side.label,
        "source": side.source,
        "level": level_ref(result.level),
        "next_level": level_ref(result.next_level),
        "readiness": None if result.readiness is None else round(result.readiness, 4),
        "answered": len(result.sheet.responses),
    }


def comparison_document(calibration: Calibration) -> dict[str, Any]:
    """`compare --json`: both placements, the agreement rate and the disagreements, agenda order."""
    agreement = calibration.agreement
    return {
        "a": _side(calibration.a),
        "b": _side(calibration.b),
        "agreement": None if agreement is None else round(agreement, 4),
        "agreed": calibration.agreed,
        "compared": calibration.compared,
        "disagreements": [
            {
                "milestone": d.milestone.id,
                "level": d.level.id,
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
    return {
        "framework": plan.framework_name,
        "source": plan.source,
        "level": level_ref(plan.level),
        "next_level": level_ref(plan.next_level),
        "readiness": None if plan.readiness is None else round(plan.readiness, 4),
        "typical_time_to_next_step": plan.tenure,
        "company": plan.tenure_company,
        "items": [
            {
                "milestone": item.milestone.id,
                "text": item.milestone.text,
                "category": item.milestone.category,
                "required": item.milestone.required,
                "weight": item.milestone.weight,
                "answer": item.answer.value,
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


def transition_document(
    transition: Transition, facts: tuple[str, ...], framework: Framework
) -> dict[str, Any]:
    """`transition BACKGROUND --json`: the path, its likely first-level milestones (with text), the facts."""
    known = framework.milestone_ids()
    return {
        "background": transition.background,
        "title": transition.title,
        "brings": list(transition.brings),
        "shift": transition.shift,
        "exercise": transition.exercise,
        "first_steps": list(transition.first_steps),
        "likely_milestones": [
            milestone_dict(known[m]) if m in known else {"id": m, "text": m}
            for m in transition.likely_milestones
        ],
        "facts": list(facts),
    }


def transitions_list_document(transitions: Transitions) -> list[dict[str, Any]]:
    return [{"background": t.background, "title": t.title} for t in transitions.paths]

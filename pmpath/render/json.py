"""JSON documents for scripts. Shapes are a public contract, documented in the README."""

from __future__ import annotations

import json
from typing import Any

from pmpath.model import Framework, Level, Milestone
from pmpath.scoring import Assessment

SCHEMA_VERSION = 1


def dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def level_ref(level: Level | None) -> dict[str, Any] | None:
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
                "note": _note(result, gap.milestone.id),
                "shortest_path": gap.on_shortest_path,
            }
            for gap in result.gaps
        ],
        "shortest_path": list(result.shortest_path),
        "unanswered": list(result.unanswered),
        "profile": sheet.profile.as_dict(),
    }


def _note(result: Assessment, milestone_id: str) -> str | None:
    response = result.sheet.responses.get(milestone_id)
    return response.evidence if response else None

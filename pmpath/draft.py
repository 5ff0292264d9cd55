"""The draft of an unfinished interactive assessment, so Ctrl-C loses nothing.

Written atomically after every answer to `PMPATH_HOME/assessment-draft.json`;
`pmpath assess --resume` reads it back; a finished run removes it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.paths import home, write_atomically

DRAFT_FILE = "assessment-draft.json"


def draft_path() -> Path:
    return home() / DRAFT_FILE


def save_draft(sheet: AnswerSheet, framework: Framework) -> Path:
    path = draft_path()
    document = {
        "framework": {
            "name": framework.name,
            "source": framework.source,
            "fingerprint": framework.fingerprint,
        },
        "profile": sheet.profile.as_dict(),
        "answers": {
            milestone_id: {"answer": r.answer.value, "evidence": r.evidence}
            for milestone_id, r in sheet.responses.items()
        },
    }
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False))
    return path


def load_draft(framework: Framework) -> AnswerSheet | None:
    """The saved draft for this framework's milestones, or None when there is none usable."""
    try:
        document = json.loads(draft_path().read_text(encoding="utf-8"))
        known = framework.milestone_ids()
        responses = {
            milestone_id: Response(Answer(item["answer"]), item.get("evidence"))
            for milestone_id, item in document["answers"].items()
            if milestone_id in known
        }
        profile = Profile(
            **{
                k: v
                for k, v in document.get("profile", {}).items()
                if k in ("years", "title", "background", "company")
            }
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return AnswerSheet(profile, responses)


def discard_draft() -> None:
    draft_path().unlink(missing_ok=True)

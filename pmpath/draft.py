"""The draft of an unfinished interactive assessment, so Ctrl-C loses nothing.

Written atomically after every answer (profile questions included) to
`PMPATH_HOME/assessment-draft.json`, with the ladder it belongs to and the options
the run was started with; `pmpath assess --resume` reads it back and carries on
with the same options. A finished run removes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.paths import home, write_atomically

DRAFT_FILE = "assessment-draft.json"
PROFILE_KEYS = ("years", "title", "background", "company")


@dataclass(frozen=True)
class RunOptions:
    """The choices an interactive run was started with, kept for --resume."""

    ask_all: bool = False
    ask_evidence: bool = False
    save: bool | None = None
    """--save / --no-save as given; None when neither was."""


@dataclass(frozen=True)
class Draft:
    sheet: AnswerSheet
    ladder_name: str
    ladder_source: str
    """The framework directory the answers belong to."""
    fingerprint: str
    options: RunOptions = field(default_factory=RunOptions)

    def belongs_to(self, framework: Framework) -> bool:
        return self.fingerprint == framework.fingerprint or self.ladder_source == framework.source

    @property
    def answer_count(self) -> int:
        """Every answer kept, profile questions included."""
        return len(self.sheet.responses) + len(self.sheet.profile.as_dict())


class UnreadableDraftError(Exception):
    """The draft file exists but cannot be read back."""


def draft_path() -> Path:
    return home() / DRAFT_FILE


def save_draft(sheet: AnswerSheet, framework: Framework, options: RunOptions) -> Path:
    path = draft_path()
    document = {
        "framework": {
            "name": framework.name,
            "source": framework.source,
            "fingerprint": framework.fingerprint,
        },
        "options": vars(options),
        "profile": sheet.profile.as_dict(),
        "answers": {
            milestone_id: {"answer": r.answer.value, "evidence": r.evidence}
            for milestone_id, r in sheet.responses.items()
        },
    }
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False), private=True)
    return path


def read_draft() -> Draft | None:
    """The draft on disk, None when there is none; raises UnreadableDraftError when it is damaged."""
    path = draft_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableDraftError(f"{path}: {error.strerror or error}") from None
    try:
        return _draft_from(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnreadableDraftError(f"{path}: not a pmpath draft ({error})") from None


def _draft_from(document: dict[str, Any]) -> Draft:
    ladder = document["framework"]
    responses = {
        milestone_id: Response(Answer(item["answer"]), item.get("evidence"))
        for milestone_id, item in document["answers"].items()
    }
    profile = Profile(**{k: v for k, v in document.get("profile", {}).items() if k in PROFILE_KEYS})
    options = RunOptions(**{k: v for k, v in document.get("options", {}).items() if k in vars(RunOptions())})
    return Draft(
        AnswerSheet(profile, responses), ladder["name"], ladder["source"], ladder["fingerprint"], options
    )


def resumable_sheet(found: Draft, framework: Framework) -> AnswerSheet:
    """The draft's answers to milestones this framework still has."""
    known = framework.milestone_ids()
    responses = {m_id: r for m_id, r in found.sheet.responses.items() if m_id in known}
    return AnswerSheet(found.sheet.profile, responses)


def discard_draft() -> None:
    draft_path().unlink(missing_ok=True)

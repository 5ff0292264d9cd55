"""Where answers come from (an answers file or a saved assessment), and which ladder scores them.

The rules commands share, kept out of the command layer:

* An answers file is read against the active ladder.
* A saved assessment is scored against the ladder it was saved with (the history keeps
  a snapshot of it), so it reads as it did then. A record of pmpath 0.1 has no
  snapshot: it is scored against the active ladder when that is the same version,
  and otherwise against the active ladder with a note, its answers to milestones the
  ladder no longer has left out.
* Two sets of answers compared side by side need one ladder: the one both were saved
  with, else the active one.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pmpath.errors import HistoryError, UsageError
from pmpath.model import Answer, AnswerSheet, Framework
from pmpath.storage.home import shown_path

if TYPE_CHECKING:
    from pmpath.storage.history import Stored

_RECORD_ID = re.compile(r"#?[0-9]+")


class Source(NamedTuple):
    """Where a set of answers came from."""

    kind: str
    """"assessment" (a saved one) or "file"."""
    record_id: int | None = None
    path: str | None = None
    """The answers file as given ("-" for stdin)."""
    saved_at: str | None = None
    """UTC: when the assessment was saved, or the file last modified (None for stdin)."""

    def label(self) -> str:
        """How output names it: "#3", "alice.yaml", "stdin"."""
        if self.kind == "assessment":
            return f"#{self.record_id}"
        if self.path == "-":
            return "stdin"
        return os.path.basename(self.path or "") or (self.path or "")

    def describe(self, *, name_only: bool = False) -> str:
        """ "saved assessment #3 (2026-05-01)", "the answers in alice.yaml".

        `name_only` names a file without its directories: for a report that will be shared,
        where the writer's file system is nobody's business.
        """
        if self.kind == "assessment":
            day = f" ({self.saved_at[:10]})" if self.saved_at else ""
            return f"saved assessment #{self.record_id}{day}"
        if self.path == "-":
            return "the answers from stdin"
        path = self.path or ""
        return f"the answers in {shown_path(Path(path).name if name_only else path)}"


class Answers(NamedTuple):
    """A set of answers, resolved: the sheet, the ladder to score it against, where it came from."""

    sheet: AnswerSheet
    framework: Framework
    source: Source
    note: str | None = None
    """Something the person should know about how it is scored, for stderr."""


class Movement(NamedTuple):
    """What moved between two assessments: milestone ids that became a yes, stopped being one, are new."""

    since: Source
    up: tuple[str, ...]
    down: tuple[str, ...]
    added: tuple[str, ...]
    """Milestones the earlier assessment could not have answered (the ladder added or changed them)."""


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_source(path: str) -> Source:
    if path == "-":
        return Source("file", path="-")
    try:
        when = datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OSError, ValueError, OverflowError):
        when = None
    return Source("file", path=path, saved_at=when)


def from_file(path: str, framework: Framework) -> Answers:
    from pmpath.answers import read_answer_sheet

    sheet = read_answer_sheet(path, framework)
    return Answers(sheet, framework, file_source(path))


def from_record(record_id: int, active: Framework) -> Answers:
    """A saved assessment with the ladder it was saved with (or the active one, with a note)."""
    from pmpath.storage import history

    return from_stored(history.get(record_id, active), active)


def from_stored(stored: Stored, active: Framework) -> Answers:
    """A record read from the history, with the ladder to score it against; HistoryError when damaged."""
    from pmpath.storage import history

    record = stored.record
    if record.damaged:
        raise HistoryError(
            f"saved assessment #{record.id} is damaged ({record.damaged})",
            hint=f"The other records are fine. Remove this one with: pmpath history delete {record.id}",
        )
    source = Source("assessment", record_id=record.id, saved_at=record.saved_at)
    if stored.ladder is not None:
        return Answers(stored.sheet(stored.ladder), stored.ladder, source)
    if record.fingerprint == active.fingerprint:
        history.remember_ladder(active)
        return Answers(stored.sheet(active), active, source)
    if record.framework_name != active.name:
        raise HistoryError(
            f"saved assessment #{record.id} was made with the ladder {record.framework_name!r}, which pmpath 0.1 "
            "did not keep",
            hint="Choose that ladder with --data DIR (or PMPATH_DATA) to read it.",
        )
    sheet = stored.sheet(active)
    dropped = len(stored.document["answers"]) - len(sheet.responses)
    left_out = f"; answers to {dropped} milestones it no longer has are left out" if dropped else ""
    note = (
        f"#{record.id} was saved by pmpath 0.1 against an earlier version of this ladder, which was not kept; "
        f"it is scored against today's{left_out}."
    )
    return Answers(sheet, active, source, note)


def looks_like_record(argument: str) -> bool:
    """An argument that names a saved assessment: digits (or #digits) that are not an existing file."""
    return bool(_RECORD_ID.fullmatch(argument)) and not os.path.lexists(argument)


def resolve(argument: str, active: Framework) -> Answers:
    """An answers file, or a saved assessment's id (a number that is not an existing file)."""
    if looks_like_record(argument):
        return from_record(int(argument.lstrip("#")), active)
    return from_file(argument, active)


def on_one_ladder(first: Answers, second: Answers, active: Framework) -> tuple[Answers, Answers]:
    """Both sets of answers on one ladder: the one both were saved with, else the active one."""
    if first.framework.fingerprint == second.framework.fingerprint:
        return first, second
    return _onto(first, active), _onto(second, active)


def _onto(answers: Answers, framework: Framework) -> Answers:
    if answers.framework.fingerprint == framework.fingerprint:
        return answers
    known = framework.milestone_ids()
    kept = {m: r for m, r in answers.sheet.responses.items() if m in known}
    dropped = len(answers.sheet.responses) - len(kept)
    left_out = f" (answers to {dropped} milestones it no longer has are left out)" if dropped else ""
    note = f"{answers.source.label()} was saved against another version of the ladder; it is read with today's{left_out}."
    return Answers(AnswerSheet(answers.sheet.profile, kept), framework, answers.source, note)


def movement(before: Answers, after: AnswerSheet, framework: Framework) -> Movement:
    """Milestones that moved to or from yes since `before`, and those it could not have answered."""
    old_ids = before.framework.milestone_ids()
    up: list[str] = []
    down: list[str] = []
    added: list[str] = []
    for milestone in framework.milestones():
        old = before.sheet.answer(milestone.id)
        new = after.answer(milestone.id)
        previous = old_ids.get(milestone.id)
        if previous is None or previous.text != milestone.text:
            if new is not None:
                added.append(milestone.id)
            continue
        if (old is Answer.YES) != (new is Answer.YES) and new is not None:
            (up if new is Answer.YES else down).append(milestone.id)
    return Movement(before.source, tuple(up), tuple(down), tuple(added))


def latest_of(framework: Framework) -> Answers:
    """The newest saved assessment of the active ladder (for --update and plan)."""
    from pmpath.storage import history

    stored = history.latest(framework.name, framework)
    if stored is None:
        raise HistoryError(
            f"no saved assessment of the ladder {framework.name!r} yet",
            hint="Run `pmpath assess` first (it saves by default), or give answers with --answers FILE.",
        )
    return from_record(stored.record.id, framework)


def check_file_argument(path: str, option: str) -> None:
    """A path option given as an empty string is a typing slip, not a file."""
    if not path.strip():
        raise UsageError(f"{option} needs a file name")


def as_path(value: str) -> Path:
    return Path(value)

"""The draft of an unfinished interactive assessment, so Ctrl-C loses nothing.

Written atomically after every answer (profile questions included) to
`PMPATH_HOME/assessment-draft.json`, with the ladder it belongs to and the options the
run was started with; `pmpath assess --resume` reads it back and carries on the same
way. A finished run removes it.

* One interactive run at a time holds the draft (an advisory lock on
  `assessment-draft.lock`, released by the system when the process ends, so a lock
  left by a dead process is simply taken over).
* A draft that cannot be read is moved aside (`assessment-draft.json.broken-<UTC time>`)
  and reported, never overwritten.
* Draft values are checked like an answers file's.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pmpath.errors import DraftError, InputFileError
from pmpath.model import AnswerSheet, Framework
from pmpath.storage.home import home, private_dir, shown_path

DRAFT_FILE = "assessment-draft.json"
LOCK_FILE = "assessment-draft.lock"
FORMAT = 2


class Draft(NamedTuple):
    sheet: AnswerSheet
    ladder_name: str
    ladder_source: str
    """The framework directory the answers belong to."""
    fingerprint: str
    options: Mapping[str, Any]
    """The options the run was started with (`assess` decides what they mean)."""
    progress: Mapping[str, Any]
    """Which profile questions and evidence notes were already asked."""
    answer_count: int
    """Every answer kept, profile questions included."""

    def belongs_to(self, framework: Framework) -> bool:
        return self.fingerprint == framework.fingerprint or self.ladder_source == framework.source


class ForeignDraft(NamedTuple):
    """A draft for another ladder: its answers are not read, only where it belongs."""

    ladder_name: str
    ladder_source: str
    answer_count: int


def draft_path() -> Path:
    return home() / DRAFT_FILE


@contextlib.contextmanager
def holding_draft() -> Iterator[Path]:
    """Hold the draft for this run: a second run is told the draft is in use, with the PID."""
    directory = private_dir(home(), "the pmpath home")
    lock = directory / LOCK_FILE
    try:
        fd = os.open(
            lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except OSError as error:
        raise DraftError(f"cannot use the draft lock {shown_path(lock)}: {error.strerror or error}") from None
    try:
        if not _lock(fd):
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise DraftError(
                f"the unfinished assessment is in use by another pmpath (PID {holder})",
                hint="Finish or stop that run first; this one would overwrite its answers.",
            )
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield directory / DRAFT_FILE
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, one run is assumed
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def save_draft(
    path: Path,
    sheet: AnswerSheet,
    framework: Framework,
    options: Mapping[str, Any],
    progress: Mapping[str, Any],
) -> None:
    """Keep the answers so far; raises `DraftError` (the last good draft stays) when it cannot."""
    from pmpath.answers import sheet_document
    from pmpath.storage.files import write_atomically

    document = {
        "format": FORMAT,
        "ladder": {"name": framework.name, "source": framework.source, "fingerprint": framework.fingerprint},
        "options": dict(options),
        "progress": dict(progress),
        **sheet_document(sheet, framework),
    }
    try:
        write_atomically(path, json.dumps(document, indent=2, ensure_ascii=True))
    except OSError as error:
        raise DraftError(
            f"cannot save your answers to the draft {shown_path(path)}: {error.strerror or error}",
            hint="Every answer before this one is kept; free some space (or fix the directory), "
            "then continue with --resume.",
        ) from None


def read_draft(framework: Framework) -> Draft | ForeignDraft | None:
    """The draft on disk, None when there is none. A damaged one is moved aside and reported."""
    from pmpath.inputs import MAX_FILE_BYTES, read_bytes

    path = draft_path()
    if not os.path.lexists(path):
        return None
    try:
        document = json.loads(read_bytes(path, shown_path(path), MAX_FILE_BYTES))
        return _draft_from(document, framework, path)
    except (InputFileError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        why = error.problems[0].message if isinstance(error, InputFileError) else "not a pmpath draft"
        aside = _move_aside(path)
        raise DraftError(
            f"the unfinished assessment {shown_path(path)} could not be read ({why})",
            hint=f"It was moved to {shown_path(aside)}; run the command again to start a new one."
            if aside
            else "Move it aside, then run the command again.",
        ) from None


def _draft_from(document: dict[str, Any], framework: Framework, path: Path) -> Draft | ForeignDraft:
    from pmpath.answers import sheet_from_document

    if document.get("format") != FORMAT:
        raise ValueError("unknown draft format")
    ladder, options, progress = document["ladder"], document["options"], document["progress"]
    if not all(isinstance(x, dict) for x in (ladder, options, progress)):
        raise TypeError("malformed draft")
    name, source, fingerprint = (str(ladder[key]) for key in ("name", "source", "fingerprint"))
    count = len(document.get("answers") or {}) + len(document.get("profile") or {})
    if fingerprint != framework.fingerprint and source != framework.source:
        return ForeignDraft(name, source, count)
    sheet = sheet_from_document(
        {"profile": document.get("profile"), "answers": document.get("answers")},
        shown_path(path),
        framework,
        unknown_milestones="drop",  # the ladder changed since: answers it no longer has are dropped
    )
    return Draft(sheet, name, source, fingerprint, options, progress, count)


def _move_aside(path: Path) -> Path | None:
    from datetime import datetime, timezone

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside


def discard_draft() -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(draft_path())

"""The history of saved assessments, in one SQLite file: `PMPATH_HOME/history.db`.

A record keeps when it was saved (UTC), the framework it was scored against
(name and fingerprint, so results from a changed ladder can be flagged), the
profile, every answer with its evidence note, and the `assess --json` document,
so `history show` prints later exactly what `assess` printed then.

Safety, because this file holds a person's career notes:

* Every write is one `BEGIN IMMEDIATE` transaction with a busy timeout: concurrent
  `pmpath assess --save` runs queue up instead of failing or losing a record.
* SQLite's rollback journal makes a run killed mid-write leave the last committed
  state; the next connection rolls the half-written transaction back.
* A file that is not a pmpath history (random bytes, another application's
  database) or was written by a newer pmpath raises `HistoryError` before
  anything is written to it: it is never overwritten.
* The schema has a version (`PRAGMA user_version`); `MIGRATIONS[n]` upgrades a
  database from version n to n + 1, all pending steps in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pmpath.errors import HistoryError
from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.scoring import Assessment

DATABASE_NAME = "history.db"
APPLICATION_ID = 0x706D7061  # "pmpa": marks the file as ours, so a foreign database is never migrated
BUSY_TIMEOUT_SECONDS = 30.0
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PROFILE_KEYS = ("years", "title", "background", "company")


def _create_schema_v1(con: sqlite3.Connection) -> None:
    con.execute(
        """
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            saved_at TEXT NOT NULL,                -- UTC, e.g. 2024-05-01T09:30:00Z
            framework_name TEXT NOT NULL,
            framework_fingerprint TEXT NOT NULL,   -- SHA-256 of the ladder files
            level_id TEXT,                         -- NULL: below the first level
            level_title TEXT,
            next_level_id TEXT,                    -- NULL: top of the ladder
            readiness REAL,
            profile TEXT NOT NULL,                 -- JSON object
            result TEXT NOT NULL                   -- JSON: the `assess --json` document
        )
        """
    )
    con.execute(
        """
        CREATE TABLE answers (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            milestone TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('yes', 'partial', 'no')),
            evidence TEXT,
            PRIMARY KEY (assessment_id, milestone)
        )
        """
    )
    con.execute("CREATE INDEX assessments_by_framework ON assessments (framework_name, saved_at)")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_schema_v1]
"""`MIGRATIONS[n]` takes a database from schema version n to n + 1. Append only."""


@dataclass(frozen=True)
class SavedAssessment:
    """One assessment as stored in the history."""

    id: int
    saved_at: str
    """UTC time, ISO 8601 with a Z: 2024-05-01T09:30:00Z."""
    framework_name: str
    fingerprint: str
    level_id: str | None
    level_title: str | None
    next_level_id: str | None
    readiness: float | None
    profile: dict[str, Any]
    responses: dict[str, Response]
    document: dict[str, Any] = field(repr=False)
    """The `assess --json` document, as printed when it was saved."""

    @property
    def saved_time(self) -> datetime:
        return parse_time(self.saved_at)

    def ladder_changed(self, framework: Framework) -> bool:
        """True when the ladder now active is not the one this was scored against."""
        return self.fingerprint != framework.fingerprint or self.framework_name != framework.name

    def sheet(self, framework: Framework | None = None) -> AnswerSheet:
        """The answers, keeping only milestones `framework` still has (when given)."""
        known = framework.milestone_ids() if framework is not None else None
        responses = {
            milestone: response
            for milestone, response in self.responses.items()
            if known is None or milestone in known
        }
        profile = Profile(**{key: self.profile[key] for key in _PROFILE_KEYS if key in self.profile})
        return AnswerSheet(profile, responses)


def database_path() -> Path:
    """Where the history lives: `PMPATH_HOME/history.db` (or the platform's user data directory)."""
    from pmpath.paths import home

    return home() / DATABASE_NAME


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------- public operations


def save_assessment(result: Assessment, *, saved_at: str | None = None) -> int:
    """Keep `result` in the history; returns its id. `saved_at` (UTC, TIME_FORMAT) defaults to now."""
    from pmpath.render.json import assessment_document

    when = saved_at or now_utc()
    parse_time(when)  # a malformed time would break ordering: fail here, not later
    document = assessment_document(result)
    with _connection(create=True) as con:
        assert con is not None
        with _immediate(con):
            return insert_record(con, result, document, when)


def insert_record(con: sqlite3.Connection, result: Assessment, document: dict[str, Any], when: str) -> int:
    """The INSERTs of one record, inside the caller's transaction."""
    cursor = con.execute(
        "INSERT INTO assessments (saved_at, framework_name, framework_fingerprint, level_id, level_title,"
        " next_level_id, readiness, profile, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            when,
            result.framework.name,
            result.framework.fingerprint,
            result.level.id if result.level else None,
            result.level.title if result.level else None,
            result.next_level.id if result.next_level else None,
            result.readiness,
            json.dumps(result.sheet.profile.as_dict(), ensure_ascii=False),
            json.dumps(document, ensure_ascii=False),
        ),
    )
    record_id = cursor.lastrowid
    assert record_id is not None
    con.executemany(
        "INSERT INTO answers (assessment_id, milestone, answer, evidence) VALUES (?, ?, ?, ?)",
        [
            (record_id, milestone, response.answer.value, response.evidence)
            for milestone, response in result.sheet.responses.items()
        ],
    )
    return record_id


def list_assessments(framework_name: str | None = None) -> list[SavedAssessment]:
    """Saved assessments, newest first (all frameworks, or only `framework_name`'s)."""
    with _connection(create=False) as con:
        if con is None:
            return []
        where, parameters = ("WHERE framework_name = ?", (framework_name,)) if framework_name else ("", ())
        rows = con.execute(
            f"SELECT * FROM assessments {where} ORDER BY saved_at DESC, id DESC", parameters
        ).fetchall()
        answers = _answers_by_record(con, [row["id"] for row in rows])
        return [_record(row, answers.get(row["id"], {})) for row in rows]


def get_assessment(record_id: int) -> SavedAssessment:
    """One saved assessment; raises `HistoryError` when there is none with that id."""
    with _connection(create=False) as con:
        row = None if con is None else con.execute(
            "SELECT * FROM assessments WHERE id = ?", (record_id,)
        ).fetchone()  # fmt: skip
        if con is None or row is None:
            raise _unknown(record_id)
        return _record(row, _answers_by_record(con, [record_id]).get(record_id, {}))


def delete_assessment(record_id: int) -> SavedAssessment:
    """Delete one saved assessment (its answers with it); returns what was deleted."""
    record = get_assessment(record_id)
    with _connection(create=False) as con:
        assert con is not None
        with _immediate(con):
            con.execute("DELETE FROM answers WHERE assessment_id = ?", (record_id,))
            deleted = con.execute("DELETE FROM assessments WHERE id = ?", (record_id,)).rowcount
    if not deleted:  # deleted by another process in between
        raise _unknown(record_id)
    return record


def latest_assessment(framework_name: str) -> SavedAssessment | None:
    found = list_assessments(framework_name)
    return found[0] if found else None


def _unknown(record_id: int) -> HistoryError:
    return HistoryError(
        f"no saved assessment #{record_id}", hint="See the saved ones, with their ids: pmpath history"
    )


# ---------------------------------------------------------------- rows to records


def _answers_by_record(con: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Response]]:
    found: dict[int, dict[str, Response]] = {}
    if not ids:
        return found
    rows = con.execute(
        "SELECT assessment_id, milestone, answer, evidence FROM answers"
        f" WHERE assessment_id IN ({','.join('?' * len(ids))}) ORDER BY rowid",
        ids,
    )
    for row in rows:
        found.setdefault(row["assessment_id"], {})[row["milestone"]] = Response(
            Answer(row["answer"]), row["evidence"]
        )
    return found


def _record(row: sqlite3.Row, responses: dict[str, Response]) -> SavedAssessment:
    return SavedAssessment(
        id=row["id"],
        saved_at=row["saved_at"],
        framework_name=row["framework_name"],
        fingerprint=row["framework_fingerprint"],
        level_id=row["level_id"],
        level_title=row["level_title"],
        next_level_id=row["next_level_id"],
        readiness=row["readiness"],
        profile=json.loads(row["profile"]),
        responses=responses,
        document=json.loads(row["result"]),
    )


# ---------------------------------------------------------------- opening the database safely


@contextlib.contextmanager
def _connection(*, create: bool) -> Iterator[sqlite3.Connection | None]:
    """An open, migrated connection, closed on exit; None when there is no database and `create` is off.

    Every SQLite failure inside becomes a `HistoryError` naming the file.
    """
    path = database_path()
    if path.parent.exists() and not path.parent.is_dir():
        raise HistoryError(
            f"the pmpath home {path.parent} is a file, not a directory",
            hint="Set PMPATH_HOME to a directory (it is created if missing).",
        )
    if not create and not path.exists():
        yield None
        return
    _check_header(path)
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(
                f"cannot create the directory for the history {path.parent}: {error.strerror}",
                hint="Set PMPATH_HOME to a directory you can write to.",
            ) from None
    try:
        # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise _database_error(path, error) from None
    try:
        con.row_factory = sqlite3.Row
        _migrate(con, path)
        yield con
    except sqlite3.Error as error:
        raise _database_error(path, error) from None
    finally:
        con.close()


@contextlib.contextmanager
def _immediate(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: takes the write lock up front, so concurrent writers wait their turn."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database at all, before SQLite touches it."""
    try:
        with path.open("rb") as stream:
            header = stream.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except OSError as error:
        raise HistoryError(f"cannot read the history {path}: {error.strerror}") from None
    if header and header != _SQLITE_MAGIC:
        raise _not_ours(path, "it is not an SQLite database (corrupt or overwritten)")


def _migrate(con: sqlite3.Connection, path: Path) -> None:
    con.execute("BEGIN")  # one read snapshot: another process may be migrating at this very moment
    try:
        version = _checked_version(con, path)
    finally:
        if con.in_transaction:
            con.execute("COMMIT")
    if version == len(MIGRATIONS):
        return
    with _immediate(con):
        version = _checked_version(con, path)  # again: another process may have migrated while we waited
        for step in MIGRATIONS[version:]:
            step(con)
        con.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")


def _checked_version(con: sqlite3.Connection, path: Path) -> int:
    """The schema version, after making sure the file is a pmpath history this pmpath can read."""
    version = int(con.execute("PRAGMA user_version").fetchone()[0])
    application_id = int(con.execute("PRAGMA application_id").fetchone()[0])
    if application_id not in (0, APPLICATION_ID) or (
        application_id == 0 and con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    ):
        raise _not_ours(path, "it is an SQLite database, but not a pmpath history")
    if version > len(MIGRATIONS):
        raise HistoryError(
            f"the history {path} was written by a newer version of pmpath "
            f"(schema version {version}; this pmpath knows up to {len(MIGRATIONS)})",
            hint="Upgrade pmpath (pip install --upgrade pmpath) to read it; it was left unchanged.",
        )
    return version


def _not_ours(path: Path, why: str) -> HistoryError:
    return HistoryError(
        f"cannot use the history {path}: {why}",
        hint=(
            "It was left unchanged. Move it aside (for example: mv "
            f"'{path}' '{path}.broken') and pmpath will start a new history, "
            "or set PMPATH_HOME to use another directory."
        ),
    )


def _database_error(path: Path, error: sqlite3.Error) -> HistoryError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return HistoryError(
            f"the history {path} stayed locked by another pmpath for {BUSY_TIMEOUT_SECONDS:.0f} seconds",
            hint="Try again when the other pmpath has finished.",
        )
    if "readonly" in text or "unable to open" in text:
        return HistoryError(
            f"cannot write the history {path}: {text}",
            hint="Check the permissions of the file and its directory, or set PMPATH_HOME.",
        )
    return _not_ours(path, f"it is damaged (SQLite: {text})")


# ---------------------------------------------------------------- a record as an Assessment again


def assessment_of(record: SavedAssessment, framework: Framework) -> Assessment:
    """The `Assessment` a record was saved from, for the renderers.

    Against the same ladder, scoring the saved answers again gives exactly the saved
    result. Against a changed (or another) ladder, the result is rebuilt from the
    saved document instead, so it shows what was assessed then, not a re-scoring.
    """
    from pmpath.scoring import assess

    if not record.ladder_changed(framework):
        return assess(framework, record.sheet(framework))
    return _rebuilt(record, framework)


def _rebuilt(record: SavedAssessment, active: Framework) -> Assessment:
    from dataclasses import replace

    from pmpath.model import Level, Milestone
    from pmpath.scoring import Gap, LevelScore

    document = record.document
    same_ladder = record.framework_name == active.name
    current = {level.id: level for level in active.levels} if same_ladder else {}
    known = active.milestone_ids() if same_ladder else {}
    gaps = [
        Gap(
            Milestone(
                id=gap["milestone"], level=gap["level"], text=gap["text"], question="",
                category=gap["category"], weight=gap["weight"], required=gap["required"],
                evidence=gap["evidence"], advice=gap["advice"],
            ),
            Answer(gap["answer"]),
            gap["shortest_path"],
        )
        for gap in document["gaps"]
    ]  # fmt: skip
    by_level: dict[str, list[Milestone]] = {}
    for gap in gaps:
        by_level.setdefault(gap.milestone.level, []).append(gap.milestone)
    for milestone_id in record.responses:  # answered milestones that were not gaps: for the notes
        if milestone_id in known and all(g.milestone.id != milestone_id for g in gaps):
            by_level.setdefault(known[milestone_id].level, []).append(known[milestone_id])
    levels = []
    for entry in document["levels"]:
        base = current.get(entry["id"]) or Level(id=entry["id"], title=entry["title"], rank=entry["rank"])
        levels.append(
            replace(
                base, title=entry["title"], rank=entry["rank"], pass_threshold=entry["threshold"],
                milestones=tuple(by_level.get(entry["id"], ())),
            )
        )  # fmt: skip
    framework = Framework(
        name=record.framework_name,
        levels=tuple(levels),
        companies=active.companies if same_ladder else {},
        fingerprint=record.fingerprint,
    )
    by_id = {level.id: level for level in levels}
    scores = tuple(
        LevelScore(by_id[e["id"]], e["score"], e["met"], tuple(e["missing_required"]))
        for e in document["levels"]
    )
    level = by_id[document["level"]["id"]] if document["level"] else None
    next_level = by_id[document["next_level"]["id"]] if document["next_level"] else None
    sheet = record.sheet()
    return Assessment(
        framework, sheet, scores, level, next_level, document["readiness"], tuple(gaps),
        tuple(document["unanswered"]),
    )  # fmt: skip


def local_time(saved_at: str) -> str:
    """A saved UTC time as the person's local date and time: 2024-05-01 11:30."""
    return parse_time(saved_at).astimezone().strftime("%Y-%m-%d %H:%M")

"""The history of saved assessments, in one SQLite file: `PMPATH_HOME/history.db`.

A record keeps the domain, never rendered output: when it was saved (UTC), the
profile, every answer with its evidence note, and the ladder it was scored against,
stored once per ladder version (by fingerprint) as a snapshot. `history show`,
`progress`, `plan` and `compare` score the stored answers against the stored ladder
with the same code as `assess`, so they print what `assess` printed then. A few
summary columns (level, readiness) are kept beside them so that listing 10,000
records reads nothing else.

Safety, because this file holds a person's career notes:

* The file is created 0600 (SQLite gives its journal the same mode), in a home only
  its user can write to. Deleting a record overwrites its pages (`secure_delete`).
* Every write is one `BEGIN IMMEDIATE` transaction with a busy timeout: concurrent
  runs queue up instead of failing or losing a record; a run killed mid-write leaves
  the last committed state.
* A file that is not a pmpath history, was written by a newer pmpath, is not a
  regular file, or cannot be written is reported before anything is written to it,
  with what is actually wrong (a full disk is "disk full", not "damaged").
* One damaged record never hides the others: it is listed as damaged, and
  `history delete` removes it.
* No query binds more than a handful of variables (SQLite before 3.32 allows 999).
* The schema has a version (`PRAGMA user_version`); `MIGRATIONS[n]` upgrades a
  database from version n to n + 1, all pending steps in one transaction.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from pmpath.errors import HistoryError, InputFileError
from pmpath.model import AnswerSheet, Framework
from pmpath.scoring import Assessment
from pmpath.storage.home import home, private_dir, shown_path

DATABASE_NAME = "history.db"
APPLICATION_ID = 0x706D7061  # "pmpa": marks the file as ours, so a foreign database is never migrated
BUSY_TIMEOUT_SECONDS = 30.0
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
MAX_RECORD_ID = 2**63 - 1
_SQLITE_MAGIC = b"SQLite format 3\x00"


# ---------------------------------------------------------------- schema


def _create_schema_v1(con: sqlite3.Connection) -> None:
    """The schema of pmpath 0.1.0 (kept to create old databases in tests and to migrate from)."""
    con.execute(
        """CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at TEXT NOT NULL, framework_name TEXT NOT NULL,
            framework_fingerprint TEXT NOT NULL, level_id TEXT, level_title TEXT, next_level_id TEXT,
            readiness REAL, profile TEXT NOT NULL, result TEXT NOT NULL)"""
    )
    con.execute(
        """CREATE TABLE answers (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            milestone TEXT NOT NULL, answer TEXT NOT NULL CHECK (answer IN ('yes', 'partial', 'no')),
            evidence TEXT, PRIMARY KEY (assessment_id, milestone))"""
    )
    con.execute("CREATE INDEX assessments_by_framework ON assessments (framework_name, saved_at)")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _store_domain_v2(con: sqlite3.Connection) -> None:
    """0.2: ladders stored once by fingerprint, answers may be 'na', no rendered result kept.

    Records of 0.1 keep every answer, note, profile and time; their summary columns come
    from the result they stored, which is then dropped. Their ladder was not stored: it
    is filled in the first time a command sees a ladder with the same fingerprint.
    """
    con.execute(
        "CREATE TABLE ladders (fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, snapshot TEXT NOT NULL)"
    )
    con.execute(
        """CREATE TABLE records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            saved_at TEXT NOT NULL,                 -- UTC, e.g. 2026-05-01T09:30:00Z
            framework_name TEXT NOT NULL,
            framework_fingerprint TEXT NOT NULL,    -- the ladder it was scored against (ladders.fingerprint)
            level_id TEXT, level_title TEXT, level_rank INTEGER, level_track TEXT,      -- NULL: below the first
            next_level_id TEXT, next_level_title TEXT, next_level_rank INTEGER, next_level_track TEXT,
            readiness REAL,
            profile TEXT NOT NULL                   -- JSON object
        )"""
    )
    rows = con.execute(
        "SELECT id, saved_at, framework_name, framework_fingerprint, level_id, level_title, next_level_id,"
        " readiness, profile, result FROM assessments ORDER BY id"
    ).fetchall()
    for row in rows:
        level, following = _summary_of_v1(row[9])
        con.execute(
            "INSERT INTO records (id, saved_at, framework_name, framework_fingerprint, level_id, level_title,"
            " level_rank, next_level_id, next_level_title, next_level_rank, readiness, profile)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *row[:6],
                level.get("rank"),
                row[6],
                following.get("title"),
                following.get("rank"),
                row[7],
                row[8],
            ),
        )
    _carry_sequence(con)
    con.execute(
        """CREATE TABLE record_answers (
            record_id INTEGER NOT NULL,
            milestone TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'na')),
            evidence TEXT,
            PRIMARY KEY (record_id, milestone))"""
    )
    con.execute(
        "INSERT INTO record_answers (record_id, milestone, answer, evidence)"
        " SELECT assessment_id, milestone, answer, evidence FROM answers ORDER BY rowid"
    )
    con.execute("DROP TABLE answers")
    con.execute("DROP TABLE assessments")
    con.execute("CREATE INDEX records_by_framework ON records (framework_name, saved_at)")


def _carry_sequence(con: sqlite3.Connection) -> None:
    """Keep AUTOINCREMENT from reusing the ids of 0.1 records deleted at the end of the table."""
    old = con.execute("SELECT seq FROM sqlite_sequence WHERE name = 'assessments'").fetchone()
    if not old:
        return
    if con.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'records'").fetchone():
        con.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'records'", (old[0],))
    else:
        con.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('records', ?)", (old[0],))


def _summary_of_v1(result: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The level and next level a 0.1 record printed (only their rank and title are read)."""
    try:
        document = json.loads(result)
        level, following = document.get("level") or {}, document.get("next_level") or {}
        return (level if isinstance(level, dict) else {}), (following if isinstance(following, dict) else {})
    except (ValueError, AttributeError, RecursionError):
        return {}, {}


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_schema_v1, _store_domain_v2]
"""`MIGRATIONS[n]` takes a database from schema version n to n + 1. Append only."""


# ---------------------------------------------------------------- records


class LevelRef(NamedTuple):
    """A level as a record summarises it (the ladder may since have changed)."""

    id: str
    title: str
    rank: int | None
    track: str | None


class Record(NamedTuple):
    """One saved assessment as the history lists it."""

    id: int
    saved_at: str
    """UTC time, ISO 8601 with a Z: 2026-05-01T09:30:00Z."""
    framework_name: str
    fingerprint: str
    level: LevelRef | None
    next_level: LevelRef | None
    readiness: float | None
    profile: dict[str, Any]
    damaged: str | None
    """Why the record cannot be used, or None."""

    def ladder_changed(self, framework: Framework) -> bool:
        """True when the ladder now active is not the one this was scored against."""
        return self.fingerprint != framework.fingerprint or self.framework_name != framework.name


class Stored(NamedTuple):
    """A saved assessment with what it takes to score it again: its answers and its ladder."""

    record: Record
    document: dict[str, Any]
    """The answer sheet as `pmpath.answers.sheet_from_document` reads it."""
    ladder: Framework | None
    """The ladder it was scored against; None for a 0.1 record whose ladder was not seen since."""

    def sheet(self, framework: Framework) -> AnswerSheet:
        """The answers checked against `framework`; raises HistoryError when the record is damaged."""
        from pmpath.answers import sheet_from_document

        try:
            return sheet_from_document(
                self.document, f"saved assessment #{self.record.id}", framework, unknown_milestones="drop"
            )
        except InputFileError as error:
            raise _damaged_record(self.record.id, error.problems[0].message) from None


def database_path() -> Path:
    """Where the history lives: `PMPATH_HOME/history.db` (or the platform's user data directory)."""
    return home() / DATABASE_NAME


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc)


def checked_id(record_id: int) -> int:
    """A record id SQLite can look up; larger ones are refused with a message, not an OverflowError."""
    if not 1 <= record_id <= MAX_RECORD_ID:
        raise _unknown(record_id)
    return record_id


# ---------------------------------------------------------------- public operations


def check_writable() -> Path:
    """Make sure an assessment can be saved before asking its first question; returns the path."""
    with _connection(create=True) as con:
        assert con is not None
    path = database_path()
    for target, what in (
        (path, "the history"),
        (path.parent, "its directory (SQLite writes its journal there)"),
    ):
        if not os.access(target, os.W_OK):
            raise HistoryError(
                f"cannot write {what} {shown_path(target)}: it is read-only",
                hint="Make it writable, use --no-save, or set PMPATH_HOME to a directory you can write to.",
            )
    return path


def save_assessment(result: Assessment, *, saved_at: str | None = None) -> int:
    """Keep `result` (its answers, profile and ladder) in the history; returns its id."""
    from pmpath.answers import profile_document
    from pmpath.storage.snapshot import framework_to_data

    when = saved_at or now_utc()
    parse_time(when)  # a malformed time would break ordering: fail here, not later
    framework = result.framework
    level, following = result.level, result.next_level
    with _connection(create=True) as con:
        assert con is not None
        with _immediate(con):
            # Lets a listing read the records newest first without sorting them. Not part of the
            # schema version: an index changes no data, and an older pmpath reads the file as before.
            con.execute("CREATE INDEX IF NOT EXISTS records_by_time ON records (saved_at, id)")
            con.execute(
                "INSERT OR IGNORE INTO ladders (fingerprint, name, snapshot) VALUES (?, ?, ?)",
                (framework.fingerprint, framework.name, json.dumps(framework_to_data(framework))),
            )
            cursor = con.execute(
                "INSERT INTO records (saved_at, framework_name, framework_fingerprint, level_id, level_title,"
                " level_rank, level_track, next_level_id, next_level_title, next_level_rank, next_level_track,"
                " readiness, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    when,
                    framework.name,
                    framework.fingerprint,
                    *_level_columns(level),
                    *_level_columns(following),
                    result.readiness,
                    json.dumps(profile_document(result.sheet.profile, framework)),
                ),
            )
            record_id = cursor.lastrowid
            assert record_id is not None
            con.executemany(
                "INSERT INTO record_answers (record_id, milestone, answer, evidence) VALUES (?, ?, ?, ?)",
                [(record_id, m, r.answer.value, r.evidence) for m, r in result.sheet.responses.items()],
            )
            return record_id


def _level_columns(level: Any) -> tuple[Any, Any, Any, Any]:
    return (None, None, None, None) if level is None else (level.id, level.title, level.rank, level.track)


def remember_ladder(framework: Framework) -> None:
    """Store the active ladder's snapshot when 0.1 records were scored against it (they lack one)."""
    from pmpath.storage.snapshot import framework_to_data

    with _connection(create=False) as con:
        if con is None:
            return
        orphaned = con.execute(
            "SELECT 1 FROM records WHERE framework_fingerprint = ? AND framework_fingerprint NOT IN"
            " (SELECT fingerprint FROM ladders) LIMIT 1",
            (framework.fingerprint,),
        ).fetchone()
        if orphaned:
            with _immediate(con):
                con.execute(
                    "INSERT OR IGNORE INTO ladders (fingerprint, name, snapshot) VALUES (?, ?, ?)",
                    (framework.fingerprint, framework.name, json.dumps(framework_to_data(framework))),
                )


_RECORD_COLUMNS = (
    "id, saved_at, framework_name, framework_fingerprint, level_id, level_title, level_rank, level_track,"
    " next_level_id, next_level_title, next_level_rank, next_level_track, readiness, profile"
)


def count_records(framework_name: str | None = None) -> int:
    with _connection(create=False) as con:
        if con is None:
            return 0
        where, parameters = _where(framework_name)
        return int(con.execute(f"SELECT count(*) FROM records {where}", parameters).fetchone()[0])


def list_records(framework_name: str | None = None, limit: int | None = None) -> list[Record]:
    """Saved assessments, newest first (all ladders, or only `framework_name`'s), `limit` at most."""
    with _connection(create=False) as con:
        if con is None:
            return []
        where, parameters = _where(framework_name)
        limit_clause = "" if limit is None else f" LIMIT {int(limit)}"
        rows = con.execute(
            f"SELECT {_RECORD_COLUMNS} FROM records {where} ORDER BY saved_at DESC, id DESC{limit_clause}",
            parameters,
        )
        seen: dict[Any, Any] = {}
        return [_record(row, seen) for row in rows]


def _where(framework_name: str | None) -> tuple[str, tuple[str, ...]]:
    return ("WHERE framework_name = ?", (framework_name,)) if framework_name is not None else ("", ())


def get(record_id: int, active: Framework | None = None) -> Stored:
    """One saved assessment with its answers and ladder; raises `HistoryError` when there is none."""
    record_id = checked_id(record_id)
    with _connection(create=False) as con:
        con, record = _existing(con, record_id)
        answers = con.execute(
            "SELECT milestone, answer, evidence FROM record_answers WHERE record_id = ? ORDER BY rowid",
            (record_id,),
        ).fetchall()
        return _stored(record, answers, _ladders(con, [record.fingerprint], active))


def latest(framework_name: str, active: Framework | None = None) -> Stored | None:
    """The newest usable record of a ladder, or None."""
    with _connection(create=False) as con:
        if con is None:
            return None
        rows = con.execute(
            "SELECT id FROM records WHERE framework_name = ? ORDER BY saved_at DESC, id DESC LIMIT 1",
            (framework_name,),
        ).fetchall()
    return get(rows[0][0], active) if rows else None


def series(framework_name: str, active: Framework | None = None) -> Iterator[Stored]:
    """Every record of a ladder with its answers, oldest first, read as a stream (one pass, one join)."""
    with _connection(create=False) as con:
        if con is None:
            return
        fingerprints = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT framework_fingerprint FROM records WHERE framework_name = ?",
                (framework_name,),
            )
        ]
        ladders = _ladders(con, fingerprints, active)
        try:
            yield from _series_grouped(con, framework_name, ladders)
        except sqlite3.OperationalError:  # an SQLite built without its JSON functions
            yield from _series_joined(con, framework_name, ladders)


_SERIES_COLUMNS = ", ".join("r." + column.strip() for column in _RECORD_COLUMNS.split(","))


def _series_grouped(
    con: sqlite3.Connection, framework_name: str, ladders: dict[str, Framework | None]
) -> Iterator[Stored]:
    """One row per record, its answers gathered by SQLite into a JSON array: 10,000 rows, not 900,000."""
    rows = con.execute(
        f"SELECT {_SERIES_COLUMNS}, (SELECT json_group_array(json_array(a.milestone, a.answer, a.evidence))"
        " FROM record_answers a WHERE a.record_id = r.id) FROM records r"
        " WHERE r.framework_name = ? ORDER BY r.saved_at, r.id",
        (framework_name,),
    )
    for row in rows:
        record = _record(row[:14])
        try:
            answers = json.loads(row[14])
        except (TypeError, ValueError, RecursionError):
            answers = None
        if not isinstance(answers, list) or not all(isinstance(a, list) and len(a) == 3 for a in answers):
            yield Stored(record._replace(damaged=record.damaged or "its answers cannot be read"), {}, None)
            continue
        yield _stored(record, answers, ladders)


def _series_joined(
    con: sqlite3.Connection, framework_name: str, ladders: dict[str, Framework | None]
) -> Iterator[Stored]:
    rows = con.execute(
        f"SELECT {_SERIES_COLUMNS}, a.milestone, a.answer, a.evidence FROM records r"
        " LEFT JOIN record_answers a ON a.record_id = r.id"
        " WHERE r.framework_name = ? ORDER BY r.saved_at, r.id, a.rowid",
        (framework_name,),
    )
    current: Record | None = None
    answers: list[tuple[Any, ...]] = []
    for row in rows:
        if current is None or row[0] != current.id:
            if current is not None:
                yield _stored(current, answers, ladders)
            current, answers = _record(row[:14]), []
        if row[14] is not None:
            answers.append(row[14:])
    if current is not None:
        yield _stored(current, answers, ladders)


def delete(record_id: int) -> Record:
    """Delete one saved assessment with its answers and notes (overwritten on disk); returns it."""
    record_id = checked_id(record_id)
    with _connection(create=False) as con:
        con, record = _existing(con, record_id)
        with _immediate(con):
            con.execute("DELETE FROM record_answers WHERE record_id = ?", (record_id,))
            deleted = con.execute("DELETE FROM records WHERE id = ?", (record_id,)).rowcount
            con.execute(
                "DELETE FROM ladders WHERE fingerprint NOT IN (SELECT framework_fingerprint FROM records)"
            )
    if not deleted:  # deleted by another process in between
        raise _unknown(record_id)
    return record


def _existing(con: sqlite3.Connection | None, record_id: int) -> tuple[sqlite3.Connection, Record]:
    """The open database and the record with this id; `_unknown` when there is no such record."""
    row = (
        None
        if con is None
        else con.execute(f"SELECT {_RECORD_COLUMNS} FROM records WHERE id = ?", (record_id,)).fetchone()
    )
    if con is None or row is None:
        raise _unknown(record_id)
    return con, _record(row)


def _unknown(record_id: int) -> HistoryError:
    shown = str(record_id) if record_id.bit_length() < 200 else "(a number that long)"
    return HistoryError(
        f"no saved assessment #{shown}", hint="See the saved ones, with their ids: pmpath history"
    )


def _damaged_record(record_id: int, why: str) -> HistoryError:
    return HistoryError(
        f"saved assessment #{record_id} is damaged ({why})",
        hint=f"The other records are fine. Remove this one with: pmpath history delete {record_id}",
    )


# ---------------------------------------------------------------- rows to records


def _record(row: Any, seen: dict[Any, Any] | None = None) -> Record:
    """A row as a Record; `seen` carries what earlier rows of the same listing already decoded."""
    known = {} if seen is None else seen
    damaged = None
    try:
        profile = _profile(row[13], known)
    except (ValueError, TypeError, RecursionError) as error:
        profile, damaged = {}, f"its profile cannot be read: {str(error)[:80]}"
    readiness = row[12] if isinstance(row[12], (int, float)) and not isinstance(row[12], bool) else None
    if damaged is None and not (isinstance(row[1], str) and _valid_time(row[1])):
        damaged = "its time cannot be read"
    return Record(
        id=row[0],
        saved_at=row[1] if isinstance(row[1], str) else "",
        framework_name=str(row[2]),
        fingerprint=str(row[3]),
        level=_level_ref(row[4:8], known),
        next_level=_level_ref(row[8:12], known),
        readiness=readiness,
        profile=profile,
        damaged=damaged,
    )


def _profile(text: Any, seen: dict[Any, Any]) -> dict[str, Any]:
    """The profile column decoded; a person's records mostly repeat one profile, decoded once (each gets a copy)."""
    decoded = seen.get(text) if isinstance(text, str) else None
    if decoded is None:
        decoded = json.loads(text)
        if not isinstance(decoded, dict):
            raise ValueError("the profile is not a mapping")
        if isinstance(text, str):
            seen[text] = decoded
    return dict(decoded)


def _valid_time(text: str) -> bool:
    """A time as pmpath writes it (2026-05-01T09:30:00Z) that names a real moment.

    Without strptime or a regular expression, which cost 0.2 s and 15 ms over 10,000 records.
    """
    if len(text) != 20 or text[19] != "Z" or not text.isascii():  # isascii: whatever fromisoformat allows
        return False
    if text[4] != "-" or text[7] != "-" or text[10] != "T" or text[13] != ":" or text[16] != ":":
        return False
    try:  # with the separators fixed above, fromisoformat only accepts digits in between
        datetime.fromisoformat(text[:19])
    except ValueError:  # 2026-02-30, 2026-0a-01
        return False
    return True


def _level_ref(columns: Any, known: dict[Any, Any]) -> LevelRef | None:
    """The level in four columns; `known` keeps one per distinct level, the few a long history holds."""
    key = (*columns, type(columns[2]))  # 1, 1.0 and True are equal keys, but only 1 is a rank
    if key in known:
        found: LevelRef | None = known[key]
        return found
    level_id, title, rank, track = columns
    ref = None
    if level_id is not None:
        ref = LevelRef(str(level_id), str(title or level_id), rank if isinstance(rank, int) else None, track)
    known[key] = ref
    return ref


def _ladders(
    con: sqlite3.Connection, fingerprints: list[str], active: Framework | None = None
) -> dict[str, Framework | None]:
    """The stored ladders by fingerprint (one query each: a handful per history); None when unusable.

    A stored ladder with the fingerprint of `active` (the ladder already loaded) is that
    ladder: a 10,000-milestone snapshot is not decoded again to find the same content.
    """
    from pmpath.storage.snapshot import SnapshotError, framework_from_data

    found: dict[str, Framework | None] = {}
    for fingerprint in dict.fromkeys(fingerprints):
        if active is not None and fingerprint == active.fingerprint:
            stored = con.execute("SELECT 1 FROM ladders WHERE fingerprint = ?", (fingerprint,)).fetchone()
            found[fingerprint] = active if stored else None
            continue
        row = con.execute("SELECT snapshot FROM ladders WHERE fingerprint = ?", (fingerprint,)).fetchone()
        try:
            found[fingerprint] = framework_from_data(json.loads(row[0])) if row else None
        except (ValueError, TypeError, RecursionError, SnapshotError):
            found[fingerprint] = None
    return found


def _stored(record: Record, answers: list[Any], ladders: dict[str, Framework | None]) -> Stored:
    document = {
        "profile": record.profile,
        "answers": {str(m): a if e is None else {"answer": a, "evidence": e} for m, a, e in answers},
    }
    return Stored(record, document, ladders.get(record.fingerprint))


# ---------------------------------------------------------------- opening the database safely


@contextlib.contextmanager
def _connection(*, create: bool) -> Iterator[sqlite3.Connection | None]:
    """An open, migrated connection, closed on exit; None when there is no database and `create` is off.

    Every SQLite failure inside becomes a `HistoryError` naming the file and what is wrong.
    """
    path = database_path()
    if path.parent.exists() and not path.parent.is_dir():
        raise HistoryError(
            f"the pmpath home {shown_path(path.parent)} is a file, not a directory",
            hint="Set PMPATH_HOME to a directory (it is created if missing).",
        )
    exists = _check_file(path)
    if not create and not exists:
        yield None
        return
    if not exists:
        _create_private(path)
    try:
        # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise _database_error(path, error) from None
    try:
        con.execute("PRAGMA secure_delete = ON")
        _migrate(con, path)
        yield con
    except sqlite3.Error as error:
        raise _database_error(path, error) from None
    finally:
        con.close()


def _check_file(path: Path) -> bool:
    """Whether the history exists; refuses anything but a regular file holding an SQLite database."""
    try:
        info = os.stat(path)  # follows a link the user made; a loop raises ELOOP
    except FileNotFoundError:
        return False
    except OSError as error:
        raise HistoryError(f"cannot use the history {shown_path(path)}: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_ours(path, "it is not a regular file")
    if info.st_size == 0:
        return True
    try:
        with open(path, "rb") as stream:  # a regular file: reading cannot block
            header = stream.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise HistoryError(f"cannot read the history {shown_path(path)}: {error.strerror or error}") from None
    if header != _SQLITE_MAGIC:
        raise _not_ours(path, "it is not an SQLite database (corrupt or overwritten)")
    return True


def _create_private(path: Path) -> None:
    """An empty history.db, 0600, in a private home: SQLite makes it a database on first use."""
    private_dir(path.parent, "the pmpath home")
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
    except FileExistsError:
        pass  # another pmpath created it at the same moment
    except OSError as error:
        raise HistoryError(
            f"cannot create the history {shown_path(path)}: {error.strerror or error}",
            hint="Set PMPATH_HOME to a directory you can write to.",
        ) from None


@contextlib.contextmanager
def _immediate(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: takes the write lock up front, so concurrent writers wait their turn."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


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
        from pmpath import upgrade_hint

        raise HistoryError(
            f"the history {shown_path(path)} was written by a newer version of pmpath "
            f"(schema version {version}; this pmpath knows up to {len(MIGRATIONS)})",
            hint=f"Upgrade pmpath to read it ({upgrade_hint()}); it was left unchanged.",
        )
    return version


def _not_ours(path: Path, why: str) -> HistoryError:
    from pmpath.escaping import shell_quoted

    return HistoryError(
        f"cannot use the history {shown_path(path)}: {why}",
        hint=(
            f"It was left unchanged. Move it aside (for example: mv {shell_quoted(str(path))} "
            f"{shell_quoted(str(path) + '.broken')}) and pmpath will start a new history, "
            "or set PMPATH_HOME to use another directory."
        ),
    )


def _database_error(path: Path, error: sqlite3.Error) -> HistoryError:
    """What went wrong, in the user's terms: only a damaged file is called damaged."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    shown = shown_path(path)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return HistoryError(
            f"cannot write the history {shown}: the disk is full", hint="Free some space and try again."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return HistoryError(
            f"the history {shown} stayed locked by another pmpath for {BUSY_TIMEOUT_SECONDS:.0f} seconds",
            hint="Try again when the other pmpath has finished.",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or any(
        clue in text for clue in ("readonly", "unable to open", "read-only")
    ):
        return HistoryError(
            f"cannot write the history {shown}: the file or its directory is read-only ({text})",
            hint="SQLite also needs to write a journal beside it. Check the permissions, or set PMPATH_HOME.",
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return HistoryError(
            f"cannot use the history {shown}: the system reported an I/O error ({text})",
            hint="If a file named history.db-journal sits beside it in a read-only directory, make the directory "
            "writable so SQLite can finish the interrupted write.",
        )
    return _not_ours(path, f"it is damaged (SQLite: {text})")

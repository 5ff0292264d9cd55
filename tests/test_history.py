"""The history: domain records with their ladder, the 0.1 migration, damaged rows, privacy, safe errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
from conftest import FIXTURES
from helpers import cli, shipped, write_answers
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmpath.errors import HistoryError, StateError
from pmpath.framework import check_framework
from pmpath.model import Answer, AnswerSheet, Profile, Response
from pmpath.scoring import assess
from pmpath.sources import from_record
from pmpath.storage import history

LADDER = shipped()


def save(sheet: AnswerSheet) -> int:
    return history.save_assessment(assess(LADDER, sheet))


def some_answers() -> AnswerSheet:
    apm = LADDER.level("apm").milestones
    return AnswerSheet(
        Profile(years=2, title="APM — Zoë", contexts={"company": "startup", "market": "b2b"}),
        {apm[0].id: Response(Answer.YES, "Shipped «filters» 🚀"), apm[1].id: Response(Answer.PARTIAL)},
    )


def test_a_record_keeps_the_answers_the_profile_and_the_ladder(isolated_home: Path) -> None:
    record_id = save(some_answers())
    stored = history.get(record_id)
    assert stored.ladder is not None and stored.ladder.fingerprint == LADDER.fingerprint
    again = from_record(record_id, LADDER)
    assert again.sheet == some_answers()
    assert assess(again.framework, again.sheet).scores == assess(LADDER, some_answers()).scores
    columns = {
        row[1] for row in sqlite3.connect(isolated_home / "history.db").execute("PRAGMA table_info(records)")
    }
    assert "result" not in columns  # no rendered output is stored


def test_a_record_is_scored_against_its_own_ladder_after_the_ladder_changes(tmp_path: Path) -> None:
    ladder_dir = tmp_path / "ladder"
    shutil.copytree(Path(LADDER.source), ladder_dir)
    original, _ = check_framework(ladder_dir)
    assert original is not None
    apm = original.level("apm").milestones
    record_id = history.save_assessment(
        assess(original, AnswerSheet(Profile(), {apm[0].id: Response(Answer.YES)}))
    )
    text = (ladder_dir / "milestones.yaml").read_text(encoding="utf-8")
    (ladder_dir / "milestones.yaml").write_text(text.replace("weight: 3", "weight: 1", 1), encoding="utf-8")
    changed, _ = check_framework(ladder_dir)
    assert changed is not None and changed.fingerprint != original.fingerprint
    answers = from_record(record_id, changed)
    assert answers.framework.fingerprint == original.fingerprint  # its own snapshot, not today's ladder
    listed = history.list_records()[0]
    assert listed.ladder_changed(changed) and not listed.ladder_changed(original)


def test_the_0_1_0_database_migrates_with_every_record_intact(isolated_home: Path) -> None:
    shutil.copy(FIXTURES / "history-0.1.0.db", isolated_home / "history.db")
    before = sqlite3.connect(FIXTURES / "history-0.1.0.db")
    old_records = before.execute(
        "SELECT id, saved_at, framework_name, profile FROM assessments ORDER BY id"
    ).fetchall()
    old_answers = before.execute(
        "SELECT assessment_id, milestone, answer, evidence FROM answers ORDER BY rowid"
    ).fetchall()
    records = history.list_records()
    assert sorted((r.id, r.saved_at, r.framework_name, r.profile) for r in records) == [
        (i, t, f, json.loads(p)) for i, t, f, p in old_records
    ]
    after = sqlite3.connect(isolated_home / "history.db")
    assert (
        after.execute(
            "SELECT record_id, milestone, answer, evidence FROM record_answers ORDER BY rowid"
        ).fetchall()
        == old_answers
    )
    assert after.execute("PRAGMA user_version").fetchone()[0] == len(history.MIGRATIONS)
    assert {r.id: (r.level.id if r.level else None) for r in records} == {
        1: "pm",
        2: "apm",
        3: None,
        4: "mid-pm",
    }
    assert records[0].readiness is not None


def test_a_migrated_record_is_read_with_its_own_ladder_version_when_that_is_active(
    isolated_home: Path,
) -> None:
    shutil.copy(FIXTURES / "history-0.1.0.db", isolated_home / "history.db")
    old, _ = check_framework(FIXTURES / "ladder-0.1.0")
    assert old is not None
    answers = from_record(3, old)
    assert (
        answers.note is None
        and answers.sheet.note("apm-ships-scoped-tasks") == "Shipped «search filters» 🚀, see PR #12"
    )
    assert history.get(3).ladder is not None  # the ladder was remembered for next time
    status, out, err = cli("--data", str(FIXTURES / "ladder-0.1.0"), "history", "show", "1", "--json")
    assert status == 0, err
    assert json.loads(out)["source"] == {"type": "assessment", "id": 1, "saved_at": records_time(1)}


def records_time(record_id: int) -> str:
    return next(r.saved_at for r in history.list_records() if r.id == record_id)


def test_a_migrated_record_of_another_ladder_version_is_read_with_todays_and_a_note(
    isolated_home: Path,
) -> None:
    shutil.copy(FIXTURES / "history-0.1.0.db", isolated_home / "history.db")
    status, out, err = cli("history", "show", "1", "--json")
    assert status == 0
    assert "pmpath 0.1 against an earlier version of this ladder" in err
    assert json.loads(out)["framework"]["fingerprint"] == LADDER.fingerprint


def test_one_damaged_record_does_not_hide_the_others_and_can_be_deleted(isolated_home: Path) -> None:
    good, bad = save(some_answers()), save(some_answers())
    database = sqlite3.connect(isolated_home / "history.db")
    database.execute("UPDATE records SET profile = '{not json' WHERE id = ?", (bad,))
    database.commit()
    listed = {r.id: r.damaged for r in history.list_records()}
    reason = listed[bad]
    assert listed[good] is None and reason is not None and "profile" in reason
    status, out, err = cli("history")
    assert status == 0 and "damaged" in out
    status, out, err = cli("history", "show", str(bad))
    assert (
        status == 2 and f"saved assessment #{bad} is damaged" in err and f"pmpath history delete {bad}" in err
    )
    status, _, err = cli("history", "delete", str(bad), "--yes")
    assert status == 0, err
    assert [r.id for r in history.list_records()] == [good]


def test_a_wrong_answer_value_in_a_record_marks_it_damaged(isolated_home: Path) -> None:
    record_id = save(some_answers())
    database = sqlite3.connect(isolated_home / "history.db")
    database.execute('UPDATE records SET profile = \'{"company": "moonbase"}\' WHERE id = ?', (record_id,))
    database.commit()
    with pytest.raises(HistoryError, match=f"saved assessment #{record_id} is damaged"):
        from_record(record_id, LADDER)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_the_history_and_its_home_are_private(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("PMPATH_HOME", str(home))
    save(some_answers())
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(home / "history.db").st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_home_others_can_write_to_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "shared"
    home.mkdir()
    home.chmod(0o777)
    monkeypatch.setenv("PMPATH_HOME", str(home))
    with pytest.raises(StateError, match="group or others can write to it"):
        save(some_answers())
    assert not (home / "history.db").exists()


def test_after_delete_no_copy_of_the_notes_remains_in_the_file(isolated_home: Path) -> None:
    marker = "a-very-private-note-7f3a"
    apm = LADDER.level("apm").milestones
    record_id = save(AnswerSheet(Profile(), {apm[0].id: Response(Answer.YES, marker)}))
    save(some_answers())
    cli("history", "delete", str(record_id), "--yes")
    for path in isolated_home.rglob("*"):
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path


def test_ids_beyond_what_sqlite_stores_get_a_message() -> None:
    for command in (["history", "show"], ["history", "delete", "--yes"], ["plan"], ["history", "export"]):
        status, _, err = cli(*command, str(2**63))
        assert status == 2 and "no saved assessment #9223372036854775808" in err and "Traceback" not in err
    status, _, err = cli("compare", str(2**70), str(2**70 + 1))
    assert status == 2 and "no saved assessment" in err


def test_a_database_that_is_not_ours_is_never_written(isolated_home: Path) -> None:
    (isolated_home / "history.db").write_bytes(b"not a database at all" * 10)
    status, _, err = cli("history")
    assert status == 2 and "it is not an SQLite database" in err and "mv " in err
    assert (isolated_home / "history.db").read_bytes() == b"not a database at all" * 10


def test_a_fifo_where_the_history_belongs_is_refused_without_waiting(isolated_home: Path) -> None:
    os.mkfifo(isolated_home / "history.db")
    status, _, err = cli("history")
    assert status == 2 and "it is not a regular file" in err


def test_a_newer_history_says_how_to_upgrade(isolated_home: Path) -> None:
    save(some_answers())
    database = sqlite3.connect(isolated_home / "history.db")
    database.execute("PRAGMA user_version = 99")
    database.commit()
    status, _, err = cli("history")
    assert (
        status == 2
        and "written by a newer version of pmpath" in err
        and "pip install --upgrade pmpath" in err
    )


def test_an_answers_file_saved_with_save_keeps_a_record(tmp_path: Path) -> None:
    path = write_answers(
        tmp_path / "me.yaml", {"profile": {"years": 3}, "answers": {"apm-spec-shipped": "yes"}}
    )
    status, _, err = cli("assess", "--answers", str(path), "--save")
    assert status == 0 and "Saved to your history as #1" in err
    assert history.count_records() == 1


def test_the_series_reads_the_same_records_without_sqlites_json_functions(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = (
        save(some_answers()),
        save(AnswerSheet(Profile(), {"pm-end-to-end": Response(Answer.NO)})),
    )
    grouped = [(s.record.id, s.document) for s in history.series(LADDER.name)]

    def no_json(*args: object) -> object:
        raise sqlite3.OperationalError("no such function: json_group_array")

    monkeypatch.setattr(history, "_series_grouped", no_json)
    joined = [(s.record.id, s.document) for s in history.series(LADDER.name)]
    assert [record_id for record_id, _ in grouped] == [first, second]
    assert grouped == joined


def test_a_stored_ladder_that_is_the_active_one_is_not_decoded_again(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = save(some_answers())
    from pmpath.storage import snapshot

    def decode(*args: object) -> object:
        raise AssertionError("the snapshot was decoded")

    monkeypatch.setattr(snapshot, "framework_from_data", decode)
    assert history.get(record_id, LADDER).ladder is LADDER
    assert [s.ladder for s in history.series(LADDER.name, LADDER)] == [LADDER]


_PMPATH_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")


def _is_pmpaths_own_time(text: str) -> bool:
    """The definition: exactly the shape pmpath writes (TIME_FORMAT, zero-padded), naming a real moment."""
    match = _PMPATH_TIME.fullmatch(text)
    if match is None:
        return False
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    return True


_WRITTEN = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
    lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
)


@given(
    _WRITTEN
    | _WRITTEN.flatmap(lambda text: st.tuples(st.sampled_from([4, 7, 10, 13, 16, 19]) | st.integers(0, 19), st.sampled_from("0159-:+TZ a٣\n")).map(
        lambda change: text[: change[0]] + change[1] + text[change[0] + 1 :]
    ))
    | st.text(alphabet="0123456789-:TZ +.", max_size=22)
)  # fmt: skip
@example("2026-01-01T00:00+00Z")  # fromisoformat reads a time zone there
@example("2026-02-29T00:00:00Z")
@example("2024-02-29T00:00:00Z")
@settings(max_examples=400)
def test_a_saved_time_is_read_exactly_when_pmpath_could_have_written_it(text: str) -> None:
    # The listing checks 10,000 times without a regular expression; it must agree with one.
    assert history._valid_time(text) == _is_pmpaths_own_time(text)


def test_the_listing_says_which_level_each_readiness_is_for(isolated_home: Path) -> None:
    # After a promotion readiness starts again, towards a new level: the listing names it.
    apm, pm = LADDER.level("apm").milestones, LADDER.level("pm").milestones
    save(AnswerSheet(Profile(), {m.id: Response(Answer.YES) for m in apm}))
    save(AnswerSheet(Profile(), {m.id: Response(Answer.YES) for m in (*apm, *pm)}))
    code, out, _ = cli("history")
    assert code == 0
    assert f"on {LADDER.name}" in out.splitlines()[0]
    newest, oldest = (line for line in out.splitlines() if "Manager" in line and line.strip()[:1].isdigit())
    assert "Senior Product Manager" in newest and "Product Manager" in oldest and "Senior" not in oldest


def test_a_save_gives_the_history_the_index_its_listing_reads_in_order(isolated_home: Path) -> None:
    # Newest first without sorting 10,000 rows; a file from 0.2.0 gains the index on its next save.
    save(some_answers())
    con = sqlite3.connect(isolated_home / "history.db")
    try:
        columns = history._RECORD_COLUMNS
        plan = con.execute(
            f"EXPLAIN QUERY PLAN SELECT {columns} FROM records ORDER BY saved_at DESC, id DESC"
        )
        assert any("records_by_time" in str(row) for row in plan.fetchall())
        assert con.execute("PRAGMA user_version").fetchone()[0] == len(history.MIGRATIONS)
    finally:
        con.close()

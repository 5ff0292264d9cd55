"""The history store: records, ordering, schema versions, and its safety with real files and processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from personas import shipped
from typer.testing import CliRunner

import pmpath.cli.growth  # noqa: F401  (registers the commands until pmpath.cli imports it)
from pmpath import history
from pmpath.answers import read_answer_sheet
from pmpath.cli import app
from pmpath.errors import HistoryError
from pmpath.framework import shipped_data_dir
from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.render.json import assessment_document
from pmpath.scoring import Assessment, assess

DATA = shipped_data_dir()
PYTHON = str(Path(sys.executable))


@pytest.fixture(scope="module")
def framework() -> Framework:
    return shipped()


def sheet_for(framework: Framework, yes_levels: int, **extra: Answer) -> AnswerSheet:
    """Yes to every milestone of the first `yes_levels` levels, then `extra`."""
    responses = {
        m.id: Response(Answer.YES) for level in framework.levels[:yes_levels] for m in level.milestones
    }
    responses.update({milestone: Response(answer) for milestone, answer in extra.items()})
    return AnswerSheet(Profile(years=3, company="startup"), responses)


def result_for(framework: Framework, yes_levels: int = 1) -> Assessment:
    return assess(framework, sheet_for(framework, yes_levels))


def write_answers(path: Path, framework: Framework, yes_levels: int = 2) -> Path:
    answers = {m.id: "yes" for level in framework.levels[:yes_levels] for m in level.milestones}
    path.write_text(json.dumps({"profile": {"years": 4}, "answers": answers}), encoding="utf-8")
    return path


@contextmanager
def sqlite_file(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain SQLite connection that commits and closes."""
    with closing(sqlite3.connect(path)) as con, con:
        yield con


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------- records


def test_a_saved_assessment_comes_back_whole(framework: Framework) -> None:
    sheet = sheet_for(framework, 1)
    responses = dict(sheet.responses)
    responses["pm-metric-impact"] = Response(Answer.PARTIAL, 'Checkout test: "+4%" | not yet shipped')
    result = assess(framework, AnswerSheet(sheet.profile, responses))

    record_id = history.save_assessment(result, saved_at="2024-03-01T10:00:00Z")
    record = history.get_assessment(record_id)

    assert record.id == record_id == 1
    assert record.saved_at == "2024-03-01T10:00:00Z"
    assert record.framework_name == framework.name
    assert record.fingerprint == framework.fingerprint
    assert (record.level_id, record.level_title, record.next_level_id) == (
        "apm",
        "Associate Product Manager",
        "pm",
    )
    assert record.readiness == pytest.approx(result.readiness)
    assert record.profile == {"years": 3, "company": "startup"}
    assert record.responses == responses
    assert record.document == json.loads(json.dumps(assessment_document(result)))
    assert record.sheet(framework) == AnswerSheet(sheet.profile, responses)
    assert not record.ladder_changed(framework)


def test_the_database_lives_in_pmpath_home(isolated_home: Path, framework: Framework) -> None:
    assert history.database_path() == isolated_home / "history.db"
    history.save_assessment(result_for(framework))
    with sqlite_file(isolated_home / "history.db") as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == len(history.MIGRATIONS)
        assert con.execute("PRAGMA application_id").fetchone()[0] == history.APPLICATION_ID
        assert con.execute("SELECT count(*) FROM answers").fetchone()[0] == len(
            framework.levels[0].milestones
        )


def test_reading_an_empty_history_creates_no_file(isolated_home: Path) -> None:
    assert history.list_assessments() == []
    assert not (isolated_home / "history.db").exists()
    with pytest.raises(HistoryError, match="no saved assessment #1"):
        history.get_assessment(1)


def test_newest_first_and_filtered_by_framework(framework: Framework) -> None:
    history.save_assessment(result_for(framework, 1), saved_at="2024-02-01T00:00:00Z")
    history.save_assessment(result_for(framework, 2), saved_at="2024-04-01T00:00:00Z")
    history.save_assessment(result_for(framework, 0), saved_at="2024-03-01T00:00:00Z")

    assert [r.id for r in history.list_assessments()] == [2, 3, 1]
    assert [r.id for r in history.list_assessments(framework.name)] == [2, 3, 1]
    assert history.list_assessments("another ladder") == []
    latest = history.latest_assessment(framework.name)
    assert latest is not None and latest.level_id == "pm"


def test_delete_removes_the_record_and_its_answers(isolated_home: Path, framework: Framework) -> None:
    first = history.save_assessment(result_for(framework))
    second = history.save_assessment(result_for(framework, 2))
    deleted = history.delete_assessment(first)
    assert deleted.id == first
    assert [r.id for r in history.list_assessments()] == [second]
    with sqlite_file(isolated_home / "history.db") as con:
        assert (
            con.execute("SELECT count(*) FROM answers WHERE assessment_id = ?", (first,)).fetchone()[0] == 0
        )
    with pytest.raises(HistoryError, match=f"no saved assessment #{first}"):
        history.delete_assessment(first)


def test_a_malformed_time_is_refused_before_writing(isolated_home: Path, framework: Framework) -> None:
    with pytest.raises(ValueError):
        history.save_assessment(result_for(framework), saved_at="yesterday")
    assert not (isolated_home / "history.db").exists()


# ---------------------------------------------------------------- schema versions


def test_migrations_upgrade_an_older_database_and_keep_its_records(
    isolated_home: Path, framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    history.save_assessment(result_for(framework))

    def add_tags(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE assessments ADD COLUMN tags TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(history, "MIGRATIONS", [*history.MIGRATIONS, add_tags])
    records = history.list_assessments()

    assert [r.level_id for r in records] == ["apm"]
    with sqlite_file(isolated_home / "history.db") as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "tags" in [row[1] for row in con.execute("PRAGMA table_info(assessments)")]
    history.save_assessment(result_for(framework))  # and it keeps working at the new version
    assert len(history.list_assessments()) == 2


def test_an_empty_file_left_by_a_crash_becomes_a_history(isolated_home: Path, framework: Framework) -> None:
    (isolated_home / "history.db").write_bytes(b"")
    assert history.save_assessment(result_for(framework)) == 1


def _assert_refused_and_unchanged(path: Path, expected: str, answers_file: Path) -> None:
    before = path.read_bytes()
    for args in (
        ["history"],
        ["history", "--json"],
        ["history", "show", "1"],
        ["progress"],
        ["plan"],
        ["assess", "--answers", str(answers_file), "--save"],
    ):
        code, stdout, stderr = run_cli(*args)
        assert code == 2, args
        assert stdout == ""
        assert expected in stderr, (args, stderr)
        assert str(path) in stderr
        assert "left unchanged" in stderr
    assert path.read_bytes() == before
    assert not Path(f"{path}-journal").exists()


def test_random_bytes_are_reported_and_never_overwritten(
    isolated_home: Path, framework: Framework, tmp_path: Path
) -> None:
    path = isolated_home / "history.db"
    path.write_bytes(b"\x00garbage" + os.urandom(8192))
    _assert_refused_and_unchanged(
        path, "not an SQLite database", write_answers(tmp_path / "a.json", framework)
    )
    _, _, stderr = run_cli("history")
    assert "Move it aside" in stderr and f"{path}.broken" in stderr


def test_a_corrupt_body_behind_a_valid_header_is_reported(
    isolated_home: Path, framework: Framework, tmp_path: Path
) -> None:
    path = isolated_home / "history.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    _assert_refused_and_unchanged(
        path, "it is damaged (SQLite: file is not a database)", write_answers(tmp_path / "a.json", framework)
    )


def test_a_newer_schema_is_refused_and_never_overwritten(
    isolated_home: Path, framework: Framework, tmp_path: Path
) -> None:
    history.save_assessment(result_for(framework))
    path = isolated_home / "history.db"
    with sqlite_file(path) as con:
        con.execute("PRAGMA user_version = 99")
    _assert_refused_and_unchanged(
        path, "written by a newer version of pmpath", write_answers(tmp_path / "a.json", framework)
    )
    _, _, stderr = run_cli("history")
    assert "schema version 99; this pmpath knows up to 1" in stderr
    assert "Upgrade pmpath" in stderr


def test_another_applications_database_is_never_migrated(
    isolated_home: Path, framework: Framework, tmp_path: Path
) -> None:
    path = isolated_home / "history.db"
    with sqlite_file(path) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
        con.execute("INSERT INTO notes VALUES ('mine')")
    _assert_refused_and_unchanged(path, "not a pmpath history", write_answers(tmp_path / "a.json", framework))


# ---------------------------------------------------------------- real processes


@pytest.mark.slow
def test_twenty_concurrent_saves_leave_twenty_records(
    isolated_home: Path, framework: Framework, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path / "answers.json", framework)
    env = {**os.environ, "PMPATH_HOME": str(isolated_home)}
    command = [
        PYTHON,
        "-m",
        "pmpath",
        "--data",
        str(DATA),
        "assess",
        "--answers",
        str(answers),
        "--save",
        "--json",
    ]
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(20)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]

    assert [p.returncode for p in processes] == [0] * 20, [err.decode() for _, err in outputs]
    saved_ids = sorted(int(err.decode().split("#")[1].split()[0]) for _, err in outputs)
    assert saved_ids == list(range(1, 21))
    records = history.list_assessments()
    assert sorted(r.id for r in records) == list(range(1, 21))
    assert {r.level_id for r in records} == {"pm"}
    answered = sum(len(level.milestones) for level in framework.levels[:2])  # every APM and PM one
    assert all(len(r.responses) == answered for r in records)


CRASHING_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pmpath import history
    from pmpath.answers import read_answer_sheet
    from pmpath.framework import load_framework
    from pmpath.render.json import assessment_document
    from pmpath.scoring import assess

    framework = load_framework(Path(sys.argv[1]))
    result = assess(framework, read_answer_sheet(sys.argv[2], framework))
    document = assessment_document(result)
    with history._connection(create=True) as con:
        con.execute("PRAGMA cache_size = 4")  # spill pages into history.db before the commit
        con.execute("BEGIN IMMEDIATE")
        for _ in range(200):
            history.insert_record(con, result, document, history.now_utc())
        print("written, not committed", flush=True)
        time.sleep(60)
    """
)


def test_a_writer_killed_mid_transaction_leaves_a_readable_history(
    isolated_home: Path, framework: Framework, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path / "answers.json", framework)
    history.save_assessment(assess(framework, read_answer_sheet(str(answers), framework)))
    history.save_assessment(result_for(framework, 1))
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_WRITER, encoding="utf-8")
    env = {**os.environ, "PMPATH_HOME": str(isolated_home)}
    writer = subprocess.Popen(
        [PYTHON, str(script), str(DATA), str(answers)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "written, not committed"
        assert Path(f"{history.database_path()}-journal").exists()  # killed in the middle of the write
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
        if writer.stdout is not None:
            writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    code, stdout, stderr = run_cli("history", "--json")
    assert (code, stderr) == (0, "")
    assert [entry["id"] for entry in json.loads(stdout)] == [2, 1]
    assert history.save_assessment(result_for(framework, 2)) == 3
    assert [r.id for r in history.list_assessments()] == [3, 2, 1]

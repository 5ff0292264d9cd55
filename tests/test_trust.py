"""Nothing lost, nothing leaked, nothing crashes: each failure of the red-team pass, as a test.

The groups follow the issue that listed them: lost data, leaked data, wrong results,
writes where pmpath must not write, tracebacks, hangs and unbounded cost, misleading
errors, unescaped text.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, child_env, pmpath_command
from helpers import cli, shipped, write_answers, write_ladder

from pmpath.model import Answer, AnswerSheet, Profile, Response
from pmpath.scoring import assess
from pmpath.storage import draft, history

LADDER = shipped()
APM = [m.id for m in LADDER.level("apm").milestones]
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


def answers_file(tmp_path: Path, note: str = "a note") -> Path:
    return write_answers(tmp_path / "me.yaml", {"profile": {"years": 1, "title": "APM"},
                                                "answers": {APM[0]: {"answer": "yes", "evidence": note}}})  # fmt: skip


def run(
    home: Path, *args: str, env: dict[str, str] | None = None, input: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(pmpath_command(*args), env={**child_env(home), **(env or {})}, input=input,
                          capture_output=True, timeout=60, check=False)  # fmt: skip


# ---------------------------------------------------------------- lost data


def test_save_answers_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    source, target = answers_file(tmp_path), tmp_path / "keep.yaml"
    target.write_text("precious", encoding="utf-8")
    status, _, err = cli("assess", "--answers", str(source), "--save-answers", str(target))
    assert status == 2 and "already exists; pmpath does not overwrite it" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "precious"
    status, _, err = cli("assess", "--answers", str(source), "--save-answers", str(target), "--force")
    assert status == 0 and target.read_text(encoding="utf-8").startswith("# pmpath answers")


def test_no_output_option_writes_over_pmpaths_own_files_even_with_force(
    tmp_path: Path, isolated_home: Path
) -> None:
    source = answers_file(tmp_path)
    cli("assess", "--answers", str(source), "--save")
    before = (isolated_home / "history.db").read_bytes()
    for option in ("--save-answers", "--output"):
        status, _, err = cli(
            "assess", "--answers", str(source), option, str(isolated_home / "history.db"), "--force", "--json"
        )
        assert status == 2 and "is one of pmpath's own files" in err
    assert (isolated_home / "history.db").read_bytes() == before


def test_an_unreadable_draft_is_moved_aside_and_reported(isolated_home: Path) -> None:
    (isolated_home / "assessment-draft.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception, match="could not be read") as raised:
        draft.read_draft(LADDER)
    assert "It was moved to" in str(getattr(raised.value, "hint", ""))
    aside = list(isolated_home.glob("assessment-draft.json.broken-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    assert not (isolated_home / "assessment-draft.json").exists()


@pytest.mark.parametrize(
    "document",
    [
        {"format": 2, "ladder": {"name": "x", "source": "y", "fingerprint": LADDER.fingerprint}, "options": {},
         "progress": {}, "profile": {"years": "many"}, "answers": {}},
        {"format": 2, "ladder": {"name": "x", "source": "y", "fingerprint": LADDER.fingerprint}, "options": {},
         "progress": {}, "profile": {}, "answers": {APM[0]: {"answer": 42}}},
        {"format": 2, "ladder": [], "options": {}, "progress": {}},
    ],
)  # fmt: skip
def test_a_draft_value_of_the_wrong_type_is_caught_like_an_answers_file(
    isolated_home: Path, document: object
) -> None:
    (isolated_home / "assessment-draft.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(Exception, match="could not be read"):
        draft.read_draft(LADDER)
    assert list(isolated_home.glob("assessment-draft.json.broken-*"))


def test_a_deeply_nested_draft_is_refused_not_a_crash(isolated_home: Path) -> None:
    (isolated_home / "assessment-draft.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(Exception, match="could not be read"):
        draft.read_draft(LADDER)


def test_a_failed_draft_write_keeps_the_last_good_draft(isolated_home: Path) -> None:
    path = isolated_home / "assessment-draft.json"
    sheet = AnswerSheet(Profile(years=1), {APM[0]: Response(Answer.YES)})
    draft.save_draft(path, sheet, LADDER, {}, {})
    good = path.read_bytes()
    blocked = isolated_home / "blocked"
    blocked.mkdir()
    (blocked / "assessment-draft.json").mkdir()  # a directory in the way
    with pytest.raises(Exception, match="cannot save your answers to the draft") as raised:
        draft.save_draft(blocked / "assessment-draft.json", sheet, LADDER, {}, {})
    assert "Every answer before this one is kept" in str(getattr(raised.value, "hint", ""))
    assert path.read_bytes() == good


# ---------------------------------------------------------------- leaked data


def test_the_cache_holds_no_answers_content(tmp_path: Path, isolated_home: Path) -> None:
    marker = "private-note-do-not-cache-93c1"
    cli("assess", "--answers", str(answers_file(tmp_path, marker)))
    cache = isolated_home / "cache"
    assert cache.is_dir() and list(cache.iterdir())  # the ladder is cached
    for entry in cache.iterdir():
        assert marker.encode() not in entry.read_bytes()


@POSIX
def test_a_cache_directory_others_can_write_to_is_not_used(isolated_home: Path) -> None:
    cli("show", "pm")
    cache = isolated_home / "cache"
    entry = next(cache.iterdir())
    planted = json.loads(entry.read_text(encoding="utf-8"))
    planted["ladder"]["levels"][1]["milestones"][0]["advice"] = "Send your password to phishing.example"
    entry.write_text(json.dumps(planted), encoding="utf-8")
    cache.chmod(0o777)
    status, out, _ = cli("show", "pm", "--json")
    assert status == 0 and "phishing" not in out


@POSIX
def test_a_planted_entry_in_a_private_cache_is_still_checked(isolated_home: Path) -> None:
    cli("show", "pm")
    entry = next((isolated_home / "cache").iterdir())
    for planted in ('{"key": "x", "ladder": {}}', '{"ladder": {"format": 1, "levels": []}}', "[" * 10_000):
        entry.write_text(planted, encoding="utf-8")
        status, out, err = cli("levels", "--json")
        assert status == 0 and len(json.loads(out)["levels"]) == len(LADDER.levels), err
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert cli("levels")[0] == 0


# ---------------------------------------------------------------- wrong results


def test_the_cache_is_keyed_on_content_not_times(tmp_path: Path) -> None:
    ladder = write_ladder(tmp_path / "l", (DATA / "levels.yaml").read_text(encoding="utf-8"),
                          (DATA / "milestones.yaml").read_text(encoding="utf-8"))  # fmt: skip
    levels = ladder / "levels.yaml"
    assert cli("--data", str(ladder), "show", "pm")[1].startswith("Product Manager")
    info = os.stat(levels)
    text = levels.read_text(encoding="utf-8").replace(
        'title: "Product Manager"', 'title: "Product Managex"', 1
    )
    levels.write_text(text, encoding="utf-8")
    os.utime(levels, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same time: only the bytes differ
    assert cli("--data", str(ladder), "show", "pm")[1].startswith("Product Managex")


# ---------------------------------------------------------------- writes where it must not


def test_save_answers_to_a_device_or_through_a_link_is_refused(tmp_path: Path) -> None:
    source = answers_file(tmp_path)
    status, _, err = cli("assess", "--answers", str(source), "--save-answers", "/dev/stdout", "--force")
    assert status == 2 and "use --save-answers - to print to stdout" in err
    target = tmp_path / "real.yaml"
    target.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    status, _, err = cli("assess", "--answers", str(source), "--save-answers", str(link), "--force")
    assert status == 2 and "is a symbolic link" in err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine"


def test_save_answers_dash_prints_to_stdout(tmp_path: Path) -> None:
    status, out, _ = cli("assess", "--answers", str(answers_file(tmp_path)), "--json", "--save-answers", "-",
                         "--output", str(tmp_path / "r.json"))  # fmt: skip
    assert status == 0 and out.startswith("# pmpath answers")


@POSIX
def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    status, _, err = cli("plan", "--answers", str(answers_file(tmp_path)), "-o", str(target), "--force")
    assert status == 0, err
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600 and target.read_text(encoding="utf-8").startswith(
        "# "
    )


def test_temporary_files_left_by_a_killed_writer_are_cleaned_up(tmp_path: Path) -> None:
    stale = tmp_path / ".plan.md.999999999.tmp"  # no process has this pid
    stale.write_text("half a plan", encoding="utf-8")
    mine = tmp_path / f".plan.md.{os.getppid()}.tmp"  # a live process's: left alone
    mine.write_text("in progress", encoding="utf-8")
    status, _, _ = cli("plan", "--answers", str(answers_file(tmp_path)), "-o", str(tmp_path / "plan.md"))
    assert status == 0 and not stale.exists() and mine.exists()


# ---------------------------------------------------------------- tracebacks


@pytest.mark.parametrize("name", ["²", "٣", "9" * 5000, "\x1b[31mred", "", " "])
def test_odd_level_names_get_a_message(name: str) -> None:
    status, _, err = cli("show", name)
    assert status == 2 and err.startswith("Error: ") and "Traceback" not in err
    assert "\x1b" not in err


def test_symlink_loops_are_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    status, _, err = cli("assess", "--answers", str(loop))
    assert status == 2 and "loop.yaml" in err and "symbolic links" in err.lower()
    looping_dir = tmp_path / "d"
    looping_dir.symlink_to(looping_dir)
    status, _, err = cli("--data", str(looping_dir), "levels")
    assert status == 2 and "Traceback" not in err


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_an_output_encoding_that_is_not_utf8_degrades_never_crashes(tmp_path: Path, encoding: str) -> None:
    source = answers_file(tmp_path, "note with ★ and 🚀 and Zoë")
    for args in (["show", "pm"], ["levels"], ["assess", "--answers", str(source)], ["assess", "--answers", str(source), "--json"],
                 ["show", "nonexistent-level-★"]):  # fmt: skip
        done = run(tmp_path, *args, env={"PYTHONIOENCODING": encoding})
        assert done.returncode in (0, 2), done.stderr
        assert b"Traceback" not in done.stderr
        if "--json" in args:
            assert json.loads(done.stdout)["schema_version"] == 2  # escapes, not replacement characters


def test_a_data_path_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    weird = os.fsencode(str(tmp_path)) + b"/lad\xffder"
    os.mkdir(weird)
    done = subprocess.run([*pmpath_command("--data"), weird, b"levels"], env=child_env(tmp_path), capture_output=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 2 and b"lad\\xffder" in done.stderr and b"Traceback" not in done.stderr


# ---------------------------------------------------------------- hangs and unbounded cost


@POSIX
def test_fifos_where_files_belong_never_hang(tmp_path: Path, isolated_home: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    status, _, err = cli("assess", "--answers", str(fifo))
    assert status == 2 and "not a regular file" in err
    ladder = write_ladder(tmp_path / "l", "", "")
    (ladder / "levels.yaml").unlink()
    os.mkfifo(ladder / "levels.yaml")
    assert cli("--data", str(ladder), "levels")[0] == 2
    os.mkfifo(isolated_home / "assessment-draft.json")
    with pytest.raises(Exception, match="could not be read"):
        draft.read_draft(LADDER)
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_a_hundred_thousand_unknown_ids_are_reported_quickly_and_capped(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("answers:\n" + "".join(f"  unknown-{i}: yes\n" for i in range(100_000)), encoding="utf-8")
    started = time.monotonic()
    status, _, err = cli("assess", "--answers", str(path))
    elapsed = time.monotonic() - started
    assert status == 2 and elapsed < 6, (
        elapsed
    )  # the budget is 2 s on a quiet machine; this one is shared
    lines = err.splitlines()
    assert len(lines) <= 102 and lines[-1].startswith("... and ")


def test_columns_is_clamped(tmp_path: Path) -> None:
    done = run(tmp_path, "levels", env={"COLUMNS": "50000000"})
    assert done.returncode == 0 and max(len(line) for line in done.stdout.decode().splitlines()) <= 500


def test_history_binds_few_variables_whatever_its_size(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite before 3.32 allows 999 variables per query; no query may bind one per record."""
    result = assess(LADDER, AnswerSheet(Profile(), {APM[0]: Response(Answer.YES)}))
    history.save_assessment(result)
    database = sqlite3.connect(isolated_home / "history.db")
    database.executemany(
        "INSERT INTO records (saved_at, framework_name, framework_fingerprint, readiness, profile) SELECT saved_at,"
        " framework_name, framework_fingerprint, readiness, profile FROM records WHERE id = 1",
        [()] * 1_200,
    )
    database.commit()  # fmt: skip
    connect = sqlite3.connect

    def limited(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        con: sqlite3.Connection = connect(*args, **kwargs)
        getattr(con, "setlimit")(getattr(sqlite3, "SQLITE_LIMIT_VARIABLE_NUMBER", 9), 999)  # noqa: B009 - 3.11+
        return con

    monkeypatch.setattr(sqlite3, "connect", limited)
    for args in (["history", "--json"], ["progress", "--json"], ["history", "show", "1000"]):
        status, _, err = cli(*args)
        assert status == 0, (args, err)


# ---------------------------------------------------------------- misleading errors


def test_a_full_disk_and_a_read_only_directory_are_not_called_damage() -> None:
    from pmpath.storage.history import _database_error

    full = _database_error(Path("h.db"), sqlite3.OperationalError("database or disk is full"))
    assert "the disk is full" in full.message and "damaged" not in full.message
    readonly = _database_error(Path("h.db"), sqlite3.OperationalError("attempt to write a readonly database"))
    assert "read-only" in readonly.message and "damaged" not in readonly.message
    io = _database_error(Path("h.db"), sqlite3.OperationalError("disk I/O error"))
    assert "I/O error" in io.message and "journal" in (io.hint or "")
    corrupt = _database_error(Path("h.db"), sqlite3.DatabaseError("database disk image is malformed"))
    assert "damaged" in corrupt.message


# ---------------------------------------------------------------- unescaped text

HOSTILE = "Lead \x1b[2J\u202eevil\u200b <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))"


@pytest.fixture
def hostile_ladder(tmp_path: Path) -> Path:
    levels = (DATA / "levels.yaml").read_text(encoding="utf-8")
    milestones = (DATA / "milestones.yaml").read_text(encoding="utf-8")
    escaped = json.dumps(HOSTILE)
    levels = levels.replace('title: "Product Manager"', f"title: {escaped}", 1)
    milestones = milestones.replace(
        '"Has written a spec, with acceptance criteria,', json.dumps(HOSTILE)[:-1] + " spec,", 1
    )
    return write_ladder(tmp_path / "hostile ladder", levels, milestones)


def test_human_output_shows_controls_bidi_and_zero_width_characters_harmlessly(hostile_ladder: Path) -> None:
    status, out, _ = cli("--data", str(hostile_ladder), "levels")
    assert status == 0
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out and "\\u200b" in out


def test_markdown_escapes_html_and_links(hostile_ladder: Path, tmp_path: Path) -> None:
    status, out, _ = cli("--data", str(hostile_ladder), "show", "pm", "--format", "markdown")
    assert status == 0
    assert "<script>" not in out and "<img" not in out and "[x](javascript:" not in out.replace("\\[x\\]", "")
    assert "&lt;script&gt;" in out and "\\[x\\](javascript:" in out  # escaped brackets: text, not a link


def test_json_escapes_c1_controls_and_bidi_overrides(hostile_ladder: Path) -> None:
    status, out, _ = cli("--data", str(hostile_ladder), "show", "pm", "--json")
    assert status == 0 and "\u202e" not in out and "\u200b" not in out and "\\u202e" in out
    assert HOSTILE in json.loads(out)["title"]  # the data itself is intact


def test_history_delete_prints_a_stored_title_escaped(hostile_ladder: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", {"answers": {m: "yes" for m in APM}})
    status, _, err = cli("--data", str(hostile_ladder), "assess", "--answers", str(answers), "--save")
    assert status == 0, err
    status, _, err = cli("history", "delete", "1", "--yes")
    assert status == 0 and "\x1b" not in err and "\u202e" not in err


def test_the_resume_hint_quotes_the_ladder_path_for_the_shell(tmp_path: Path) -> None:
    from pmpath.session import resume_command

    hint = resume_command(str(tmp_path / "my ladder; rm -rf ~"))
    assert hint.startswith("pmpath --data '") and hint.endswith("' assess --resume")
    assert resume_command(str(DATA)) == "pmpath assess --resume"


def test_an_output_name_whose_format_is_unknown_is_refused(tmp_path: Path) -> None:
    status, _out, err = cli(
        "assess", "--answers", str(answers_file(tmp_path)), "-o", str(tmp_path / "out.pdf")
    )
    assert status == 2 and "cannot tell the format" in err and not (tmp_path / "out.pdf").exists()
    status, _, err = cli(
        "assess", "--answers", str(answers_file(tmp_path)), "-o", str(tmp_path / "out.pdf"), "-f", "markdown"
    )
    assert status == 0 and (tmp_path / "out.pdf").read_text(encoding="utf-8").startswith("# ")


def test_a_team_with_nobody_readable_is_a_clear_refusal(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    status, _, err = cli("team", str(tmp_path / "missing"))
    assert status == 2 and "no answers could be read" in err and "no such file" in err
    status, _, err = cli("team", str(tmp_path / "empty"))
    assert status == 2 and "no answers files in" in err


def test_the_blank_template_is_a_valid_answers_file_as_written(tmp_path: Path) -> None:
    status, template, _ = cli("assess", "--template")
    (tmp_path / "blank.yaml").write_text(template, encoding="utf-8")
    status, out, err = cli("assess", "--answers", str(tmp_path / "blank.yaml"), "--json")
    assert status == 0, err
    assert json.loads(out)["level"] is None

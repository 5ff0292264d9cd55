"""`pmpath assess` in a real pseudo-terminal: the adaptive entry, Ctrl-C and SIGTERM, results on stdout."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import child_env
from helpers import shipped

pexpect = pytest.importorskip("pexpect")
Spawn = Any  # pexpect.spawn: pexpect has no type information
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")

LADDER = shipped()
TITLES = {level.title: level.id for level in LADDER.levels}
TIMEOUT = 15
QUESTION = r"\[([A-Za-z ]+), question (\d+) of (\d+)"
PROFILE_PROMPTS = [
    "How many years",
    "job title",
    "professional background",
    "kind of company",
    "Who uses",
    "How many product managers",
]


def spawn(home: Path, *args: str, shell_redirect: str = "") -> Spawn:
    env = child_env(home, TERM="xterm", COLUMNS="120", LINES="40", PROMPT_TOOLKIT_NO_CPR="1")
    env.pop("NO_COLOR")
    command = " ".join([sys.executable, "-m", "pmpath", *args])
    return pexpect.spawn(
        "/bin/sh",
        ["-c", "exec " + command + shell_redirect],
        env=env,
        cwd=str(home),
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=TIMEOUT,
    )


def answer_profile(child: Spawn, profile: dict[str, str]) -> None:
    """The profile questions, in their order (each is drawn twice: asked, then answered)."""
    for prompt, key in profile.items():
        child.expect(prompt)
        child.send(key + "\r")


def interview(child: Spawn, profile: dict[str, str], answer: Callable[[str], str]) -> list[str]:
    """Answer the profile, then every milestone question until the process ends; returns their level ids."""
    answer_profile(child, profile)
    asked: list[str] = []
    while child.expect([QUESTION, pexpect.EOF]) == 0:
        level = TITLES[child.match.group(1).strip()]
        child.expect(r"\? ")  # the question itself is on screen
        asked.append(level)
        child.send(answer(level) + "\r")
    return asked


def profile_keys(
    years: str,
    title: str,
    background: str = "7",
    company: str = "2",
    market: str = "1",
    product_org: str = "3",
) -> dict[str, str]:
    return dict(zip(PROFILE_PROMPTS, (years, title, background, company, market, product_org), strict=True))


def test_a_sitting_cpo_answering_yes_throughout_is_asked_at_most_20_milestone_questions(
    tmp_path: Path,
) -> None:
    child = spawn(tmp_path, "assess", "--no-save", "--json", shell_redirect=" > result.json")
    asked = interview(child, profile_keys("18", "Chief Product Officer", company="2"), lambda level: "1")
    child.close()
    assert child.exitstatus == 0
    assert 0 < len(asked) <= 20, asked
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result["level"]["id"] == "cpo"


def test_an_inflated_startup_title_answered_as_a_pm_lands_at_pm(tmp_path: Path) -> None:
    """ "Head of Product" at a 12-person startup who, question by question, has done a PM's work and no more."""
    child = spawn(tmp_path, "assess", "--no-save", "--json", shell_redirect=" > result.json")
    at_pm_or_below = {"apm", "pm"}
    asked = interview(
        child,
        profile_keys("3", "Head of Product", company="1", product_org="1"),
        lambda level: "1" if level in at_pm_or_below else "3",
    )
    child.close()
    assert child.exitstatus == 0, child.before
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result["level"]["id"] == "pm"
    assert asked[0] == "group-pm"  # it started where the title points, and stepped down
    apm = next(level for level in result["levels"] if level["id"] == "apm")
    assert (apm["asked"], apm["met"]) == (False, True)  # below the met level: not asked


def test_ctrl_c_keeps_the_answers_and_resume_continues_where_it_stopped(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--no-save")
    answer_profile(child, profile_keys("2", "Associate PM"))
    child.expect(QUESTION)
    child.send("1\r")
    child.expect(QUESTION)
    assert child.match.group(2) == "2"
    child.expect(r"\? ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Continue with: pmpath assess --resume" in child.before.replace("\r\n", " ")
    draft = json.loads((tmp_path / "assessment-draft.json").read_text(encoding="utf-8"))
    assert len(draft["answers"]) == 1 and draft["profile"]["title"] == "Associate PM"

    child = spawn(tmp_path, "assess", "--resume", "--json", shell_redirect=" > result.json")
    child.expect("Resuming: 1 answer and your profile kept from the draft")
    child.expect(QUESTION)
    assert (child.match.group(1), child.match.group(2)) == ("Associate Product Manager", "2")
    child.send("3\r")
    interview(child, {}, lambda level: "3")
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "assessment-draft.json").exists()
    assert json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["schema_version"] == 2


def test_sigterm_at_a_prompt_keeps_the_draft_and_prints_the_resume_hint(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--no-save")
    answer_profile(child, profile_keys("2", ""))
    child.expect(QUESTION)
    child.expect(r"\? ")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Continue with: pmpath assess --resume" in child.before.replace("\r\n", " ")
    assert (
        json.loads((tmp_path / "assessment-draft.json").read_text(encoding="utf-8"))["profile"]["years"] == 2
    )


def test_a_second_run_is_told_the_draft_is_in_use(tmp_path: Path) -> None:
    first = spawn(tmp_path, "assess", "--no-save")
    first.expect("How many years")
    second = spawn(tmp_path, "assess", "--no-save")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 2
    assert "the unfinished assessment is in use by another pmpath (PID" in second.before.replace("\r\n", " ")
    first.sendcontrol("c")
    first.expect(pexpect.EOF)


def test_a_check_in_with_one_changed_answer_takes_a_fraction_of_the_key_presses(tmp_path: Path) -> None:
    """`assess --update` keeps last time's profile in one key press, and asks only what was not a yes."""
    presses = {"full": 0, "update": 0}
    last_time = ["1"] * 6 + ["2"] * 3 + ["3"] * 10  # at Senior PM: yes, partly, not yet, by question number

    first = spawn(tmp_path, "assess")
    profile = profile_keys("3", "Product Manager")
    answer_profile(first, profile)
    presses["full"] += len(profile)
    while first.expect([QUESTION, pexpect.EOF]) == 0:
        level, number = TITLES[first.match.group(1).strip()], int(first.match.group(2))
        first.expect(r"\? ")
        first.send(
            ("1" if level in ("apm", "pm") else last_time[number - 1] if level == "senior-pm" else "3") + "\r"
        )
        presses["full"] += 1
    first.close()
    assert first.exitstatus == 0

    second = spawn(tmp_path, "assess", "--update")
    second.expect("Yes, keep it")
    second.send("\r")  # Enter keeps last time's profile
    presses["update"] += 1
    changed = False
    while True:
        index = second.expect([r"([A-Za-z ]+): level \d+ of", QUESTION, pexpect.EOF])
        if index == 2:
            break
        if index == 0:  # a level: Enter keeps last time's answers, except at Senior PM
            at_senior = second.match.group(1).strip().endswith("Senior Product Manager")
            second.expect("go through them")
            second.send("2\r" if at_senior and not changed else "\r")
        else:
            second.expect(r"\? ")
            second.send("\r" if changed else "1\r")  # one answer moves to yes; Enter keeps the others
            changed = True
        presses["update"] += 1
    second.close()
    assert second.exitstatus == 0
    assert "1 milestone up, 0 down since #1" in second.before.replace("\r\n", " ")
    assert presses["update"] * 3 <= presses["full"], presses


def test_save_answers_given_before_ctrl_c_is_written_after_resume(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--no-save", "--save-answers", "mine.yaml")
    answer_profile(child, profile_keys("2", "Associate PM"))
    child.expect(QUESTION)
    child.expect(r"\? ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and not (tmp_path / "mine.yaml").exists()

    child = spawn(tmp_path, "assess", "--resume")  # without --save-answers: the draft remembers it
    interview(child, {}, lambda level: "1" if level == "apm" else "3")
    child.close()
    assert child.exitstatus == 0
    saved = (tmp_path / "mine.yaml").read_text(encoding="utf-8")
    assert "apm-spec-shipped: yes" in saved and 'title: "Associate PM"' in saved


def test_a_history_that_fails_at_the_end_prints_the_result_first_and_keeps_the_draft(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--json", shell_redirect=" > result.json")
    answer_profile(child, profile_keys("2", "Associate PM"))
    child.expect(QUESTION)
    child.expect(r"\? ")
    (tmp_path / "history.db").write_bytes(b"not a database, and not pmpath's")  # broken before the save
    child.send("3\r")
    interview(child, {}, lambda level: "3")
    child.close()
    assert child.exitstatus == 2
    assert json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["level"] is None
    message = " ".join(child.before.split())
    assert "history.db" in message and "pmpath assess --resume" in message
    assert (tmp_path / "assessment-draft.json").exists()

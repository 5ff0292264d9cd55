"""`pmpath assess` in a real pseudo-terminal: Ctrl-C keeps the answers, --resume continues, files round-trip."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from personas import ROOT, shipped
from typer.testing import CliRunner

from pmpath.cli import app

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")

LADDER = shipped()
APM, PM = LADDER.levels[0], LADDER.levels[1]
TIMEOUT = 10


def spawn(home: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "PMPATH_HOME": str(home),
        "TERM": "xterm",
        "COLUMNS": "120",
        "LINES": "40",
        # No terminal answers cursor-position requests here; prompt_toolkit would wait for each.
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    env.pop("PMPATH_DATA", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "pmpath", *args],
        env=env,
        cwd=str(home),
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=TIMEOUT,
    )
    return child


def answer_profile(child: pexpect.spawn) -> None:
    child.expect("How many years")
    child.send("4\r")
    child.expect("job title")
    child.send("Product Manager\r")
    child.expect("professional background")
    child.send("1\r")
    child.expect("kind of company")
    child.send("2\r")


def answer(child: pexpect.spawn, title: str, number: int, total: int, key: str) -> None:
    child.expect_exact(f"[{title}, question {number} of {total}")
    child.send(key + "\r")


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    output: str = child.before or ""
    return output


def test_ctrl_c_keeps_the_draft_and_resume_continues(tmp_path: Path) -> None:
    draft = tmp_path / "assessment-draft.json"
    child = spawn(tmp_path, "assess", "--no-save")
    answer_profile(child)
    answer(child, APM.title, 1, len(APM.milestones), "1")
    answer(child, APM.title, 2, len(APM.milestones), "2")
    child.expect_exact(f"[{APM.title}, question 3 of {len(APM.milestones)}")
    child.expect("Have you")  # the prompt is on screen
    child.sendcontrol("c")
    tail = finish(child)
    assert child.exitstatus == 130
    assert "--resume" in tail
    assert "Traceback" not in tail
    saved = json.loads(draft.read_text(encoding="utf-8"))
    assert saved["answers"] == {
        APM.milestones[0].id: {"answer": "yes", "evidence": None},
        APM.milestones[1].id: {"answer": "partial", "evidence": None},
    }
    assert saved["profile"] == {
        "years": 4,
        "title": "Product Manager",
        "background": "engineering",
        "company": "scale-up",
    }

    child = spawn(tmp_path, "assess", "--resume", "--no-save")
    child.expect("Resuming: 6 answers")  # two answers and the four profile answers
    child.expect_exact(f"[{APM.title}, question 3 of {len(APM.milestones)}")
    child.expect_exact(APM.milestones[2].question[:40])
    child.send("3\r")
    for number in range(4, len(APM.milestones) + 1):
        answer(child, APM.title, number, len(APM.milestones), "3")
    output = finish(child)
    assert child.exitstatus == 0
    assert "not yet at the first level" in output
    assert "How many years" not in output  # the profile came from the draft
    assert "Traceback" not in output
    assert not draft.exists()


def test_a_plain_run_offers_to_continue_the_draft(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--no-save", "--evidence")
    answer_profile(child)
    answer(child, APM.title, 1, len(APM.milestones), "3")
    child.expect_exact(f"[{APM.title}, question 2 of {len(APM.milestones)}")
    child.expect("Have you")
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130

    child = spawn(tmp_path, "assess")  # no --resume: it asks
    child.expect("You have an unfinished assessment \\(5 answers\\). Continue it\\?")
    child.send("1\r")
    child.expect_exact(f"[{APM.title}, question 2 of {len(APM.milestones)}")
    child.send("1\r")
    child.expect("One-line example")  # --evidence carried over from the first run
    child.sendcontrol("c")
    tail = finish(child)
    assert child.exitstatus == 130
    assert "Continue with: pmpath assess --resume" in tail
    saved = json.loads((tmp_path / "assessment-draft.json").read_text(encoding="utf-8"))
    assert saved["answers"][APM.milestones[1].id] == {"answer": "yes", "evidence": None}
    assert saved["options"] == {"ask_all": False, "ask_evidence": True, "save": False}


def test_starting_over_discards_the_draft(tmp_path: Path) -> None:
    draft = tmp_path / "assessment-draft.json"
    child = spawn(tmp_path, "assess", "--no-save")
    answer_profile(child)
    child.expect_exact(f"[{APM.title}, question 1 of {len(APM.milestones)}")
    child.sendcontrol("c")
    finish(child)
    assert draft.exists()

    child = spawn(tmp_path, "assess", "--no-save")
    child.expect("Continue it\\?")
    child.send("2\r")  # start over: the unfinished answers are lost, as the choice says
    child.expect("How many years")
    assert not draft.exists()
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
    assert not draft.exists()


def test_interrupt_before_any_answer(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--no-save")
    child.expect("How many years")
    child.sendcontrol("c")
    output = finish(child)
    assert child.exitstatus == 130
    assert "nothing to keep" in output
    assert "Traceback" not in output
    assert not (tmp_path / "assessment-draft.json").exists()


def test_ctrl_d_at_a_text_prompt_ends_like_ctrl_c(tmp_path: Path) -> None:
    child = spawn(tmp_path, "assess", "--no-save")
    child.expect("How many years")
    child.sendcontrol("d")
    output = finish(child)
    assert child.exitstatus == 130
    assert "nothing to keep" in output
    assert "Traceback" not in output


def test_finished_run_saves_answers_that_reproduce_the_result(tmp_path: Path, runner: CliRunner) -> None:
    saved = tmp_path / "mine.yaml"
    child = spawn(tmp_path, "assess", "--no-save", "--json", "--save-answers", str(saved))
    answer_profile(child)
    for number in range(1, len(APM.milestones) + 1):
        answer(child, APM.title, number, len(APM.milestones), "1")
    for number in range(1, len(PM.milestones) + 1):  # 11 questions: one partly, the rest not yet
        answer(child, PM.title, number, len(PM.milestones), "2" if number == 1 else "3")
    output = finish(child).replace("\r\n", "\n")
    assert child.exitstatus == 0
    assert "Traceback" not in output
    match = re.search(r"^\{\n.*?^\}$", output, re.MULTILINE | re.DOTALL)
    assert match, output[-2000:]
    interactive = json.loads(match.group(0))
    assert interactive["level"]["id"] == "apm"
    assert interactive["next_level"]["id"] == "pm"
    assert not (tmp_path / "assessment-draft.json").exists()

    result = runner.invoke(app, ["--data", str(ROOT / "data"), "assess", "--answers", str(saved), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == interactive

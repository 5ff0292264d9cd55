"""Any command line at all: a result, or one clear message and status 2. Never a traceback.

Hypothesis builds argument lists from the real commands and options mixed with hostile
values (unknown levels, control characters, paths that are directories or missing, odd
numbers). An internal error (status 70, "pmpath hit an internal error") is a bug: the test
fails with its message and the smallest argv that shows it; PMPATH_DEBUG=1 and that argv
give the traceback.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import cli, shipped, write_answers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.cli import COMMANDS

LADDER = shipped()
OPTIONS = [
    "--json", "-f", "--format", "human", "json", "markdown", "html", "csv", "yaml",
    "--answers", "--data", "-o", "--output", "--force", "--all", "--start", "--about", "--save",
    "--no-save", "--resume", "--level", "--template", "--update", "--from", "--yes", "--help",
    "--save-answers", "--evidence", "--version", "-", "--", "last", "0", "-1", "99999999999999999999",
]  # fmt: skip
HOSTILE = [
    "",
    " ",
    "\x1b[31m",
    "\u202e",
    "é",
    "../..",
    "/dev/null",
    "/",
    "NaN",
    "\uff50\uff4d",
    "pm\n",
    "a" * 300,
]


@contextlib.contextmanager
def scratch_directory() -> Iterator[Path]:
    """A fresh working directory per example, so a stray -o never writes into the checkout."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield Path(directory)
        finally:
            os.chdir(before)


def tokens(answers: str) -> st.SearchStrategy[str]:
    levels = [level.id for level in LADDER.levels]
    return st.one_of(
        st.sampled_from(list(COMMANDS)),
        st.sampled_from(OPTIONS),
        st.sampled_from([*levels, "senior", "cto", "engineering", "design", "1", answers, answers + "x"]),
        st.sampled_from(HOSTILE),
        st.text(max_size=12),
    )


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_command_line_ends_in_a_result_or_one_clear_message(
    data: st.DataObject, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answers = str(
        write_answers(
            tmp_path / "me.yaml",
            {"answers": dict.fromkeys([m.id for m in LADDER.level("apm").milestones], "yes")},
        )
    )
    first = data.draw(st.sampled_from(list(COMMANDS)))
    rest = data.draw(st.lists(tokens(answers), max_size=6))
    with scratch_directory():
        status, _, err = cli(first, *rest)
    assert status in (0, 1, 2), (status, err)
    assert "Traceback" not in err and "internal error" not in err
    if status == 2:
        assert err.strip(), "a refusal says why"
        assert len(err.strip().splitlines()) <= 105


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{long}"],
        ["--data", "{long}", "levels"],
        ["assess", "--answers", "{long}"],
        ["compare", "{long}", "{long}"],
        ["team", "{long}"],
        ["assess", "--answers", "{answers}", "-o", "{long}.md"],
    ],
)
def test_a_name_too_long_for_the_file_system_is_one_clear_message(args: list[str], tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "me.yaml", {"answers": {LADDER.levels[0].milestones[0].id: "yes"}})
    long = str(tmp_path / ("a" * 300))
    status, _, err = cli(*(arg.format(long=long, answers=answers) for arg in args))
    assert status in (0, 2) and "internal error" not in err, err
    if status == 2:
        assert "name too long" in err.lower() or "no such" in err.lower(), err


@pytest.mark.parametrize(
    "args", [["team", "\x00"], ["show", "p\x00m"], ["assess", "--answers", "a\x00.yaml"]]
)
def test_a_nul_character_in_an_argument_is_one_clear_message(args: list[str]) -> None:
    status, out, err = cli(*args)
    assert status == 2 and out == "" and "NUL character" in err

"""Shared fixtures: every test runs isolated from the user's machine, against one copy of pmpath."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import pmpath
from pmpath.framework import shipped_data_dir

ROOT = Path(__file__).resolve().parent.parent
"""The checkout's root, or wherever CI copied the tests, examples and schemas to run them
against the installed wheel with the checkout off the path."""
DATA = shipped_data_dir()
"""The ladder shipped with the pmpath under test (the checkout's data/, or the wheel's)."""
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PACKAGE_PARENT = str(Path(pmpath.__file__).resolve().parent.parent)
"""Where the pmpath under test was imported from: subprocesses get it first on PYTHONPATH, so
in-process tests and subprocess tests exercise the same copy (the checkout, or the installed wheel)."""


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a pmpath subprocess: this copy of pmpath, a private home, 80 columns."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PMPATH_", "COVERAGE"))}
    env.update(
        PYTHONPATH=os.pathsep.join([PACKAGE_PARENT, *filter(None, [os.environ.get("PYTHONPATH")])]),
        PMPATH_HOME=str(home),
        COLUMNS="80",
        NO_COLOR="1",
        PYTHONIOENCODING="utf-8",
    )
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def pmpath_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pmpath", *args]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PMPATH_HOME in a temporary directory; no framework override; a fixed 80-column terminal."""
    home = tmp_path_factory.mktemp("pmpath-home")
    monkeypatch.setenv("PMPATH_HOME", str(home))
    for variable in ("PMPATH_DATA", "PMPATH_NO_CACHE", "PMPATH_DEBUG", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    return home


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so dates printed are the dates saved."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()

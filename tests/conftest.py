"""Shared fixtures: every test runs isolated from the user's machine."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PMPATH_HOME in a temporary directory; no framework override; a fixed 80-column terminal."""
    home = tmp_path_factory.mktemp("pmpath-home")
    monkeypatch.setenv("PMPATH_HOME", str(home))
    monkeypatch.delenv("PMPATH_DATA", raising=False)
    monkeypatch.delenv("PMPATH_NO_CACHE", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return home


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so the dates printed are the dates saved."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()

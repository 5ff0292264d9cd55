"""The HTML reports in a real browser: Debian's chromium, headless.

Each report is loaded from a file as a person would open it. The browser must log nothing
(no Content-Security-Policy violation, no error), the facts must be in the document it
builds, a hostile name must stay text, and the page must paint something.
CI sets PMPATH_REQUIRE_BROWSER=1, so a missing chromium fails there instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import cli, shipped, write_answers

LADDER = shipped()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None:
    if os.environ.get("PMPATH_REQUIRE_BROWSER"):
        raise RuntimeError("PMPATH_REQUIRE_BROWSER is set but chromium is not installed")
    pytest.skip("chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

HOSTILE = '<img src=x onerror="alert(1)"></style><script>alert(2)</script>'


class Elements(HTMLParser):
    """Every element of a document, with its attributes, and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HOME": os.environ.get("PMPATH_HOME", "/tmp")},
    )


def browse(path: Path) -> tuple[Elements, list[str]]:
    """The document chromium built from the file, and what it logged to its console."""
    done = _chromium("--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    document = Elements()
    document.feed(done.stdout)
    return document, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def painted_colours(png: bytes) -> int:
    """How many distinct byte values the decoded pixel rows hold (1 or 2 for a blank page)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data = 8, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        if kind == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    return len(set(zlib.decompress(data)))


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, Path]:
    """Every HTML report, written by pmpath to a file: one assessment, progress, a plan, a team."""
    apm = [m.id for m in LADDER.level("apm").milestones]
    pm = [m.id for m in LADDER.level("pm").milestones]
    first = write_answers(tmp_path / "team" / "alice.yaml", {
        "profile": {"name": HOSTILE, "years": 2, "title": "APM", "company": "startup", "market": "b2b"},
        "answers": {**dict.fromkeys(apm, "yes"), pm[0]: {"answer": "partial", "evidence": HOSTILE}},
    })  # fmt: skip
    second = write_answers(tmp_path / "team" / "bob.yaml", {"answers": dict.fromkeys(apm + pm, "yes")})
    for path in (first, second):
        assert cli("assess", "--answers", str(path), "--save")[0] == 0
    written = {
        "assess": ["assess", "--answers", str(second)],
        "progress": ["progress"],
        "plan": ["plan"],
        "team": ["team", str(tmp_path / "team")],
    }
    out = {}
    for name, args in written.items():
        target = tmp_path / f"{name}.html"
        status, _, err = cli(*args, "-o", str(target))
        assert status == 0, err
        out[name] = target
    return out


@pytest.mark.parametrize("report", ["assess", "progress", "plan", "team"])
def test_each_report_loads_with_nothing_logged_and_its_facts_in_the_page(
    report: str, reports: dict[str, Path]
) -> None:
    document, console = browse(reports[report])
    assert console == []  # a blocked script, style or image would be logged here
    tags = [tag for tag, _ in document.tags]
    assert "script" not in tags and "h1" in tags
    text = " ".join(document.text)
    expected = {"assess": "Product Manager", "progress": "Readiness", "plan": "plan", "team": "bob"}[report]
    assert expected in text
    if report in ("assess", "progress", "team"):
        assert "svg" in tags  # the chart is drawn inline, not fetched


def test_a_hostile_name_and_note_stay_text(reports: dict[str, Path]) -> None:
    document, console = browse(reports["team"])
    assert console == []
    assert not any(tag == "img" or "onerror" in attrs for tag, attrs in document.tags)
    assert any("<img src=x" in piece for piece in document.text)  # shown, as typed


def test_the_assessment_report_paints_a_page(reports: dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "assess.png"
    done = _chromium(
        "--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={shot}", reports["assess"].as_uri()
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    assert painted_colours(shot.read_bytes()) > 16

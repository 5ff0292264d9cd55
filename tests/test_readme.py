"""The README is part of the product: its commands exist and its examples print what it shows."""

from __future__ import annotations

import json
import re

from personas import ROOT
from typer.testing import CliRunner

from pmpath.cli import app
from pmpath.cli.core import HELP_ORDER

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_with_help(runner: CliRunner) -> None:
    listed = runner.invoke(app, ["--help"]).stdout
    for command in HELP_ORDER:
        assert f"| `pmpath {command}" in README, command
        assert re.search(rf"^  {command}\s+\S", listed, re.MULTILINE), command
        own = runner.invoke(app, [command, "--help"])
        assert own.exit_code == 0 and "Usage:" in own.stdout, command


def test_quick_start_has_the_two_commands_and_ci_finds_the_test_command() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "\npython -m pip install . && pmpath assess\n" in quick_start
    # .ci/run takes the first line matching this pattern and runs it in a fresh virtualenv.
    assert "grep -m1 -E '^python -m pip install .*\\[test\\].* && python -m pytest' README.md" in (
        ROOT / ".ci" / "run"
    ).read_text(encoding="utf-8")
    found = re.search(r"^python -m pip install .*\[test\].* && python -m pytest", README, re.MULTILINE)
    assert found and found.group(0) in quick_start


def test_the_scripting_example_prints_what_the_readme_shows(runner: CliRunner) -> None:
    shown = re.search(r"--json \| jq -c '\{level: \.level\.id.*\n(\{.*\})\n", README)
    assert shown, "the jq example is missing"
    result = runner.invoke(app, ["assess", "--answers", str(ROOT / "examples/answers/me.yaml"), "--json"])
    document = json.loads(result.stdout)
    projected = {
        "level": document["level"]["id"],
        "next": document["next_level"]["id"],
        "readiness": document["readiness"],
        "shortest_path": document["shortest_path"],
    }
    assert json.loads(shown.group(1)) == projected


def test_the_worked_example_matches_the_scoring(runner: CliRunner) -> None:
    result = runner.invoke(app, ["assess", "--answers", str(ROOT / "examples/answers/me.yaml"), "--json"])
    senior = next(level for level in json.loads(result.stdout)["levels"] if level["id"] == "senior-pm")
    assert senior["score"] == round(13.5 / 23, 4)
    assert "The score is 13.5 / 23 = 58.7%" in README

"""Start-up cost: commands for scripts must not import the libraries only a person at a terminal needs.

Each case runs pmpath in a new interpreter (a module imported once stays imported, so
only a fresh process shows what a command really loads) and lists, at exit, which of
the heavy libraries ended up in sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from personas import all_yes_cpo, shipped, write_answers

HEAVY = ("rich", "questionary", "prompt_toolkit", "yaml")
# Run as: python -c PROBE HEAVY_JSON ARG...; prints the heavy packages loaded, as its last stderr line.
PROBE = """\
import atexit, json, sys
heavy = set(json.loads(sys.argv[1]))
def report():
    loaded = sorted({name.split(".")[0] for name in sys.modules} & heavy)
    sys.stderr.write("\\nLOADED " + json.dumps(loaded) + "\\n")
atexit.register(report)
sys.argv = ["pmpath", *sys.argv[2:]]
import pmpath.cli.tools  # the validate and schema commands, wired into pmpath.cli or not
import runpy
runpy.run_module("pmpath", run_name="__main__")
"""


def loaded_by(*args: str) -> list[str]:
    """The heavy top-level packages a pmpath command imported, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    marker = result.stderr.rstrip().splitlines()[-1]
    assert marker.startswith("LOADED "), result.stderr
    loaded: list[str] = json.loads(marker.removeprefix("LOADED "))
    return loaded


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    return write_answers(tmp_path / "all-yes.yaml", all_yes_cpo(shipped()).document())


def test_json_commands_import_no_terminal_libraries(answers: Path) -> None:
    for args in (
        ["show", "senior-pm", "--json"],
        ["levels", "--json"],
        ["assess", "--answers", str(answers), "--json"],
        ["validate", "--json"],
        ["schema", "result"],
    ):
        loaded = loaded_by(*args)
        assert not {"rich", "questionary", "prompt_toolkit"} & set(loaded), (args, loaded)


def test_a_cached_lookup_needs_no_yaml_parser() -> None:
    loaded_by("levels", "--json")  # fills the framework cache (PMPATH_HOME is per test)
    assert loaded_by("show", "senior-pm", "--json") == []


def test_an_answers_file_needs_the_yaml_parser_but_no_terminal_library(answers: Path) -> None:
    assert loaded_by("assess", "--answers", str(answers), "--json") == ["yaml"]


def test_human_output_imports_rich_so_the_probe_can_fail() -> None:
    assert "rich" in loaded_by("levels")

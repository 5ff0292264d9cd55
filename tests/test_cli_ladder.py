"""`pmpath levels`, `pmpath show`, and the options every command shares."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from personas import DATA, ROOT, shipped
from typer.testing import CliRunner

from pmpath import __version__
from pmpath.cli import app
from pmpath.model import Framework

TITLES = [
    "Associate Product Manager",
    "Product Manager",
    "Senior Product Manager",
    "Group Product Manager",
    "Director of Product",
    "VP of Product",
    "Chief Product Officer",
]
IDS = ["apm", "pm", "senior-pm", "group-pm", "director", "vp-product", "cpo"]
ANSI = re.compile(r"\x1b\[")
MILESTONE_KEYS = ["id", "level", "text", "question", "category", "weight", "required", "evidence", "advice"]


@pytest.fixture
def ladder() -> Framework:
    return shipped()


def run(runner: CliRunner, *args: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- levels


def test_levels_human(runner: CliRunner) -> None:
    code, out, err = run(runner, "levels")
    assert code == 0
    assert err == ""
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == "pmpath standard product ladder"
    for rank, (title, level_id) in enumerate(zip(TITLES, IDS, strict=True), start=1):
        row = next(line for line in lines if re.match(rf"\s*{rank}\s+{re.escape(title)}\s", line))
        assert f" {level_id} " in row
    assert max(len(line) for line in lines) <= 80
    assert "pmpath show LEVEL" in out


def test_levels_rows_are_in_ladder_order(runner: CliRunner) -> None:
    _, out, _ = run(runner, "levels")
    positions = [out.index(f"  {title}  ") for title in TITLES]
    assert positions == sorted(positions)


def test_levels_json(runner: CliRunner, ladder: Framework) -> None:
    code, out, err = run(runner, "levels", "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert isinstance(document, list) and len(document) == 7
    for item in document:
        assert list(item) == [
            "id", "title", "rank", "track", "summary", "typical_tenure", "aliases", "milestones",
        ]  # fmt: skip
    assert [item["id"] for item in document] == IDS
    assert [item["title"] for item in document] == TITLES
    assert [item["rank"] for item in document] == list(range(1, 8))
    # the number of milestones of each level in milestones.yaml (9, 11, 11, 8, 9, 8, 9 today)
    assert [item["milestones"] for item in document] == [len(lv.milestones) for lv in ladder.levels]
    assert document[2]["aliases"] == ["Sr PM", "Senior PM", "SPM", "Sr Product Manager"]
    assert document[0]["track"] == "individual-contributor"
    assert document[0]["typical_tenure"] == "1-2 years"


def test_json_ignores_force_color(runner: CliRunner) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}
    assert ANSI.search(run(runner, "levels", env=env)[1]), "FORCE_COLOR did not reach the human output"
    code, out, _ = run(runner, "levels", "--json", env=env)
    assert code == 0
    assert not ANSI.search(out)
    assert len(json.loads(out)) == 7
    code, out, _ = run(runner, "show", "pm", "--json", env=env)
    assert code == 0
    assert not ANSI.search(out)
    assert json.loads(out)["id"] == "pm"


# --------------------------------------------------------------------------- show


def test_show_by_alias_human(runner: CliRunner, ladder: Framework) -> None:
    code, out, err = run(runner, "show", "sr pm")
    assert (code, err) == (0, "")
    assert not ANSI.search(out)
    flat = " ".join(out.split())  # undo the wrapping at 80 columns
    assert out.startswith("Senior Product Manager  level 3 of 7")
    assert "Typically reached 3-6 years after starting as an entry-level PM" in flat
    assert "Responsibilities" in out
    assert "Own a multi-quarter roadmap that ties each initiative to a business goal." in flat
    assert f"Milestones ({len(ladder.level('senior-pm').milestones)};" in out  # 11
    assert "senior-pm-multi-quarter-roadmap" in flat
    assert "Before: Product Manager" in out
    assert "After: Group Product Manager" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_lists_every_milestone_id(runner: CliRunner) -> None:
    _, out, _ = run(runner, "show", "group-pm")
    flat = "".join(out.split())  # ids may be broken across lines only at spaces, so squash them
    for milestone_id in json.loads(run(runner, "show", "group-pm", "--json")[1])["milestones"]:
        assert milestone_id["id"] in flat


def test_show_json_shape(runner: CliRunner, ladder: Framework) -> None:
    code, out, err = run(runner, "show", "senior-pm", "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    for key in (
        "id", "title", "rank", "aliases", "track", "summary", "scope", "mindset", "responsibilities",
        "typical_tenure", "tenure_by_company", "reports_to", "manages", "compensation",
        "pass_threshold", "previous", "next", "milestones",
    ):  # fmt: skip
        assert key in document, key
    assert document["id"] == "senior-pm"
    assert document["rank"] == 3
    assert document["previous"] == "pm"
    assert document["next"] == "group-pm"
    assert document["pass_threshold"] == 0.8
    assert document["compensation"] is None
    assert len(document["responsibilities"]) >= 4
    assert [m["id"] for m in document["milestones"]] == [m.id for m in ladder.level("senior-pm").milestones]
    for milestone in document["milestones"]:
        assert list(milestone) == MILESTONE_KEYS
        assert milestone["level"] == "senior-pm"
    assert document["milestones"][0]["id"] == "senior-pm-multi-quarter-roadmap"
    assert document["milestones"][0]["required"] is True


def test_show_first_and_last(runner: CliRunner) -> None:
    first = json.loads(run(runner, "show", "apm", "--json")[1])
    assert (first["previous"], first["next"]) == (None, "pm")
    last = json.loads(run(runner, "show", "Chief Product Officer", "--json")[1])
    assert (last["previous"], last["next"]) == ("vp-product", None)
    code, out, _ = run(runner, "show", "cpo")
    assert code == 0
    assert "After: none (top of the ladder)" in out
    assert "Before: none (first level)" in run(runner, "show", "apm")[1]


def test_show_director_includes_pay(runner: CliRunner) -> None:
    _, out, _ = run(runner, "show", "director")
    assert "$125k-$175k" in out
    assert json.loads(run(runner, "show", "director", "--json")[1])["compensation"].startswith("US base pay")


@pytest.mark.parametrize("args", [["show", "senior pn"], ["show", "senior pn", "--json"]])
def test_show_unknown_level(runner: CliRunner, args: list[str]) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("Error: unknown level 'senior pn'\n")
    assert "Did you mean 'senior-pm'?" in err
    assert "Valid levels: apm, pm, senior-pm, group-pm, director, vp-product, cpo" in err
    assert "Traceback" not in err


def test_show_without_a_level_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "show")
    assert code == 2
    assert out == ""
    assert "Missing argument" in err


# --------------------------------------------------------------------------- shared options


def test_version(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--version")
    assert code == 0
    assert out == f"pmpath {__version__}\n"


def test_help_lists_the_commands(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--help")
    assert code == 0
    commands = out.split("Commands:", 1)[1]
    for command in ("assess", "levels", "show"):
        assert re.search(rf"^\s+{command}\s+\S", commands, re.MULTILINE), command
    assert "--data DIR" in out
    assert "--version" in out


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Commands:" in result.stdout + result.stderr
    assert result.exit_code in (0, 2)  # click >= 8.2 exits 2 for a bare group; both mean "read the help"


def test_data_option_switches_the_framework(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--data", str(ROOT / "examples" / "ic-ladder"), "levels", "--json")
    assert code == 0
    ids = [item["id"] for item in json.loads(out)]
    assert ids[0] == "junior-pm"
    assert ids != IDS


def test_data_env_var_switches_the_framework(runner: CliRunner) -> None:
    example = ROOT / "examples" / "dual-track"
    code, out, _ = run(runner, "levels", "--json", env={"PMPATH_DATA": str(example)})
    assert code == 0
    via_env = json.loads(out)
    via_option = json.loads(run(runner, "--data", str(example), "levels", "--json")[1])
    assert via_env == via_option
    assert [item["id"] for item in via_env] != IDS


def test_data_option_wins_over_the_env_var(runner: CliRunner) -> None:
    env = {"PMPATH_DATA": str(ROOT / "examples" / "dual-track")}
    _, out, _ = run(runner, "--data", str(DATA), "levels", "--json", env=env)
    assert [item["id"] for item in json.loads(out)] == IDS


def test_show_in_another_framework(runner: CliRunner) -> None:
    example = ROOT / "examples" / "ic-ladder"
    document = json.loads(run(runner, "--data", str(example), "show", "junior-pm", "--json")[1])
    assert document["previous"] is None
    code, _, err = run(runner, "--data", str(example), "show", "cpo")
    assert code == 2
    assert "Valid levels: junior-pm" in err


def test_shipped_data_dir_is_used_by_default(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing in the working directory matters
    code, out, _ = run(runner, "levels", "--json")
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == IDS

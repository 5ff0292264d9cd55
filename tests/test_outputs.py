"""Every command in every format: it renders, or it is refused by name; JSON matches its schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from helpers import cli, shipped, write_answers

from pmpath.render import _SUPPORT, Format, supports
from pmpath.schema import OUTPUT_SCHEMAS, schema, schema_files

jsonschema = pytest.importorskip("jsonschema")
LADDER = shipped()
COMMANDS: dict[str, tuple[str, list[str]]] = {
    # command name (as in `pmpath schema --output`) -> (view kind, arguments; {answers}, {team} filled in)
    "levels": ("levels", ["levels"]),
    "show": ("level", ["show", "senior-pm"]),
    "questions": ("questionnaire", ["questions", "pm", "--about", "Alice"]),
    "assess": ("assessment", ["assess", "--answers", "{answers}"]),
    "history": ("history", ["history"]),
    "history-show": ("assessment", ["history", "show", "1"]),
    "progress": ("progress", ["progress"]),
    "compare": ("comparison", ["compare", "{answers}", "1"]),
    "plan": ("plan", ["plan", "1"]),
    "team": ("team", ["team", "{team}"]),
    "transition": ("transition", ["transition", "engineering"]),
    "validate": ("validation", ["validate"]),
}


@pytest.fixture
def world(tmp_path: Path) -> dict[str, str]:
    """Two answers files, two saved assessments: enough for every command to have something to say."""
    apm = [m.id for m in LADDER.level("apm").milestones]
    pm = [m.id for m in LADDER.level("pm").milestones]
    first = write_answers(tmp_path / "team" / "alice.yaml", {
        "profile": {"name": "Alice", "years": 2, "title": "APM", "company": "startup", "market": "b2b"},
        "answers": {**dict.fromkeys(apm, "yes"), pm[0]: {"answer": "partial", "evidence": "Shipped <b>search</b>"}},
    })  # fmt: skip
    second = write_answers(tmp_path / "team" / "bob.yaml", {"answers": {**dict.fromkeys(apm + pm, "yes")}})
    for path in (first, second):
        status, _, err = cli("assess", "--answers", str(path), "--save")
        assert status == 0, err
    return {"answers": str(first), "team": str(tmp_path / "team")}


def run(command: str, fmt: Format, world: dict[str, str]) -> tuple[int, str, str]:
    args = [part.format(**world) for part in COMMANDS[command][1]]
    return cli(*args, "--format", fmt.value)


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_renders_each_format_it_offers_and_refuses_the_others(
    command: str, fmt: Format, world: dict[str, str]
) -> None:
    status, out, err = run(command, fmt, world)
    kind = COMMANDS[command][0]
    if fmt not in _SUPPORT[kind]:
        assert status == 2 and out == ""
        assert f"has no {fmt.value} output; choose one of" in err
        return
    assert status == 0, err
    assert "Traceback" not in err
    if fmt is Format.json:
        document = json.loads(out)
        jsonschema.validate(document, schema(output=command))
    elif fmt is Format.markdown:
        assert out.startswith("# ")
    elif fmt is Format.html:
        assert out.startswith("<!DOCTYPE html>") and "<script" not in out and "http://" not in out.replace(
            "http://www.w3.org", "")  # fmt: skip
    elif fmt is Format.csv:
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    else:
        assert out.strip()


def test_the_support_table_matches_the_renderers() -> None:
    for kind, formats in _SUPPORT.items():
        assert {f for f in Format if supports(f, kind)} == set(formats), kind


def test_every_output_schema_is_offered_and_committed() -> None:
    assert set(OUTPUT_SCHEMAS) == set(COMMANDS)
    for name, text in schema_files(LADDER).items():
        committed = ROOT / "schemas" / name
        assert committed.read_text(encoding="utf-8") == text, (
            f"{name} is stale: run python -m pmpath.schema schemas"
        )


def test_the_transition_list_matches_the_transition_schema() -> None:
    status, out, _ = cli("transition", "--json")
    assert status == 0
    jsonschema.validate(json.loads(out), schema(output="transition"))


def test_the_file_schemas_accept_the_shipped_files(tmp_path: Path) -> None:
    import yaml

    for name in ("levels", "milestones", "transitions"):
        document = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
        jsonschema.validate(document, schema(name, framework=LADDER))
    status, out, _ = cli("assess", "--template")
    template = yaml.safe_load(out)
    assert status == 0 and set(template["answers"]) == set(LADDER.milestone_ids())
    assert set(template["profile"]) == {
        "years",
        "title",
        "background",
        "name",
        *(c.id for c in LADDER.contexts),
    }


def test_json_and_format_conflicts_are_named() -> None:
    status, _, err = cli("levels", "--json", "--format", "markdown")
    assert status == 2 and "--json, --format markdown ask for different outputs" in err


@pytest.mark.parametrize("fmt", [Format.human, Format.markdown, Format.html])
def test_after_the_fork_every_format_lists_the_fewest_gaps_to_each_branch(
    fmt: Format, tmp_path: Path
) -> None:
    # A Senior PM can go on as Principal PM or as Group PM: both ways up are advice the person needs.
    trunk = [m.id for level in ("apm", "pm", "senior-pm") for m in LADDER.level(level).milestones]
    path = write_answers(tmp_path / "me.yaml", {"answers": dict.fromkeys(trunk, "yes")})
    status, out, err = cli("assess", "--answers", str(path), "--no-save", "--format", fmt.value)
    assert status == 0, err
    _, document, _ = cli("assess", "--answers", str(path), "--no-save", "--json")
    steps = json.loads(document)["next_steps"]
    assert [step["level"]["id"] for step in steps] == ["principal-pm", "group-pm"]
    flat = " ".join(out.split()).replace("&#x27;", "'").replace("&#39;", "'")
    for step in steps[1:]:  # the first branch has its gaps table
        assert step["shortest_path"]
        for milestone_id in step["shortest_path"]:
            text = LADDER.milestone_ids()[milestone_id].text
            assert " ".join(text.split()) in flat, (step["level"]["id"], milestone_id)
    assert "The other way up: Group Product Manager" in flat


def test_a_long_human_report_ends_with_the_result_in_one_line(tmp_path: Path) -> None:
    # The headline scrolls off in a terminal: the last line says it again, with why the next level is not met.
    trunk = [m.id for level in ("apm", "pm") for m in LADDER.level(level).milestones]
    senior = {m.id: "no" for m in LADDER.level("senior-pm").milestones}
    path = write_answers(tmp_path / "me.yaml", {"answers": {**dict.fromkeys(trunk, "yes"), **senior}})
    status, out, _ = cli("assess", "--answers", str(path), "--no-save", "--about", "Alice")
    assert status == 0
    last = " ".join(out.strip().split("\n\n")[-1].split())
    assert last.startswith("In short: Alice operates at Product Manager; next: Senior Product Manager")
    required = sum(m.required for m in LADDER.level("senior-pm").milestones)
    assert last.endswith(f"Senior Product Manager 0% ({required} required not yet a yes).")


@pytest.mark.parametrize("columns", ["80", "100"])
def test_the_ladder_chart_fits_the_terminal_with_its_statuses_whole(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chart is the headline: the bars give way, never the words beside them.
    monkeypatch.setenv("COLUMNS", columns)
    path = str(ROOT / "examples" / "answers" / "me.yaml")
    status, out, _ = cli("assess", "--answers", path, "--no-save")
    assert status == 0
    chart = [line for line in out.splitlines() if "Product Manager" in line and "%" in line][:4]
    assert chart and all(len(line) <= int(columns) and "…" not in line for line in chart), chart
    assert any(line.endswith("required not yet a yes") for line in chart)


def test_compare_says_first_whether_the_two_place_the_person_alike(tmp_path: Path) -> None:
    # The first thing a calibration talk needs: same level, or who places higher and by how much.
    apm, pm = ([m.id for m in LADDER.level(level).milestones] for level in ("apm", "pm"))
    me = write_answers(tmp_path / "me.yaml", {"answers": dict.fromkeys(apm, "yes")})
    manager = write_answers(tmp_path / "manager.yaml", {"answers": dict.fromkeys(apm + pm, "yes")})
    for fmt in ("human", "markdown"):
        _, out, _ = cli("compare", str(me), str(manager), "--labels", "me,manager", "-f", fmt)
        flat = " ".join(out.replace("*", "").split())
        assert (
            "manager places the person one level higher (Product Manager) than me (Associate Product Manager)."
            in flat
        )
        _, same, _ = cli("compare", str(me), str(me), "-f", fmt)
        assert "Both place the person at Associate Product Manager." in " ".join(
            same.replace("*", "").split()
        )

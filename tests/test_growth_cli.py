"""`pmpath history` (list, show, delete) and `pmpath progress`, through the command line."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from personas import cli, shipped

import pmpath.cli.growth  # noqa: F401  (registers the commands until pmpath.cli imports it)
from pmpath import history
from pmpath.framework import load_framework, shipped_data_dir
from pmpath.model import Answer, AnswerSheet, Framework, Profile, Response
from pmpath.scoring import assess

DATA = shipped_data_dir()
ROW = re.compile(r"^ *\d+ +(\* +)?\d{4}-\d\d-\d\d ")  # a row of the history table or the progress chart


pytestmark = pytest.mark.usefixtures("utc_clock")


@pytest.fixture(scope="module")
def framework() -> Framework:
    return shipped()


def answers(framework: Framework, yes_levels: int, **extra: str) -> dict[str, str]:
    chosen = {m.id: "yes" for level in framework.levels[:yes_levels] for m in level.milestones}
    chosen.update(extra)
    return chosen


def write_answers(path: Path, chosen: dict[str, str], profile: dict[str, object] | None = None) -> Path:
    document = {"profile": profile or {"years": 3, "company": "startup"}, "answers": chosen}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def save(framework: Framework, chosen: dict[str, str], saved_at: str) -> int:
    responses = {milestone: Response(Answer(value)) for milestone, value in chosen.items()}
    sheet = AnswerSheet(Profile(years=3, company="startup"), responses)
    return history.save_assessment(assess(framework, sheet), saved_at=saved_at)


# ---------------------------------------------------------------- history (list)


def test_history_with_nothing_saved_says_how_to_start(isolated_home: Path) -> None:
    code, stdout, stderr = cli("history")
    assert (code, stderr) == (0, "")
    assert "No saved assessments yet." in stdout
    assert "pmpath assess --answers FILE --save" in stdout
    assert cli("history", "--json")[:2] == (0, "[]\n")
    assert not (isolated_home / "history.db").exists()


def test_history_lists_newest_first(framework: Framework) -> None:
    save(framework, answers(framework, 1), "2024-01-10T09:00:00Z")
    save(framework, answers(framework, 2), "2024-06-02T17:45:00Z")
    save(framework, answers(framework, 0), "2024-03-15T08:30:00Z")

    code, stdout, stderr = cli("history")

    assert (code, stderr) == (0, "")
    rows = [line.split() for line in stdout.splitlines() if ROW.match(line)]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("2", "2024-06-02", "17:45"),
        ("3", "2024-03-15", "08:30"),
        ("1", "2024-01-10", "09:00"),
    ]
    assert "3 saved assessments, newest first" in stdout
    assert rows[0][3:5] == ["Product", "Manager"] and rows[1][3:5] == ["below", "the"]
    assert [next(word for word in row if word.endswith("%")) for row in rows] == ["0%", "0%", "0%"]
    assert "*" not in stdout and "ladder changed" not in stdout


def test_history_json_is_the_list_newest_first(framework: Framework) -> None:
    save(framework, answers(framework, 1), "2024-01-10T09:00:00Z")
    save(framework, answers(framework, 0), "2024-02-10T09:00:00Z")

    code, stdout, _ = cli("history", "--json")

    assert code == 0
    assert json.loads(stdout) == [
        {
            "id": 2,
            "saved_at": "2024-02-10T09:00:00Z",
            "level": None,
            "level_title": None,
            "next_level": "apm",
            "readiness": 0.0,
            "framework": framework.name,
            "fingerprint": framework.fingerprint,
            "ladder_changed": False,
            "profile": {"years": 3, "company": "startup"},
        },
        {
            "id": 1,
            "saved_at": "2024-01-10T09:00:00Z",
            "level": "apm",
            "level_title": "Associate Product Manager",
            "next_level": "pm",
            "readiness": 0.0,
            "framework": framework.name,
            "fingerprint": framework.fingerprint,
            "ladder_changed": False,
            "profile": {"years": 3, "company": "startup"},
        },
    ]


@pytest.fixture
def changed_ladder(tmp_path: Path, framework: Framework) -> tuple[Path, str, str]:
    """A copy of the shipped ladder with one saved assessment, then one milestone's text edited."""
    ladder = tmp_path / "ladder"
    shutil.copytree(DATA, ladder)
    answers_file = write_answers(tmp_path / "a.json", answers(framework, 1))
    assert cli("--data", str(ladder), "assess", "--answers", str(answers_file), "--save")[0] == 0
    milestone = framework.level("pm").milestones[0]
    edited = "Owns a product area (reworded after the ladder review)."
    milestones = ladder / "milestones.yaml"
    text = milestones.read_text(encoding="utf-8")
    assert text.count(milestone.text) == 1
    milestones.write_text(text.replace(milestone.text, edited), encoding="utf-8")
    return ladder, milestone.text, edited


def test_history_flags_results_from_a_changed_ladder(
    changed_ladder: tuple[Path, str, str], framework: Framework
) -> None:
    ladder, _, _ = changed_ladder
    save(load_framework(ladder), answers(framework, 1), "2030-01-01T00:00:00Z")  # against today's ladder

    code, stdout, _ = cli("--data", str(ladder), "history")

    assert code == 0
    rows = [line.split() for line in stdout.splitlines() if ROW.match(line)]
    assert [row[:2] for row in rows] == [["2", "2030-01-01"], ["1", "*"]]
    assert "* ladder changed since this was saved" in stdout
    listing = json.loads(cli("--data", str(ladder), "history", "--json")[1])
    assert [(e["id"], e["ladder_changed"]) for e in listing] == [(2, False), (1, True)]


def test_history_show_of_a_changed_ladder_shows_what_was_saved(changed_ladder: tuple[Path, str, str]) -> None:
    ladder, original, edited = changed_ladder

    code, stdout, stderr = cli("--data", str(ladder), "history", "show", "1", "--format", "markdown")

    assert code == 0
    assert original in stdout and edited not in stdout
    assert "Note: the ladder changed since #1 was saved; it is shown as it was saved." in stderr
    assert "**Current level:** Associate Product Manager (level 1 of 7)" in stdout


# ---------------------------------------------------------------- history show / delete


def test_history_show_prints_what_assess_printed(tmp_path: Path, framework: Framework) -> None:
    chosen = answers(framework, 1, **{"pm-owns-product-area": "yes", "pm-metric-impact": "partial"})
    answers_file = write_answers(tmp_path / "a.json", chosen, {"years": 2, "background": "engineering"})
    assessed = {
        fmt: cli("assess", "--answers", str(answers_file), "--save", "--format", fmt)
        for fmt in ("human", "markdown", "json")
    }
    assert all(code == 0 for code, _, _ in assessed.values())
    assert "Saved to your history as #1" in assessed["human"][2]

    for record_id, fmt in ((1, "human"), (2, "markdown")):
        code, stdout, _ = cli("history", "show", str(record_id), "--format", fmt)
        assert code == 0
        assert stdout == assessed[fmt][1]
        assert "From engineering to product" in assessed["human"][1]  # the transition advice, as assess shows

    code, stdout, _ = cli("history", "show", "3", "--json")
    shown = json.loads(stdout)
    saved_at = shown.pop("saved_at")
    assert shown.pop("id") == 3
    assert shown == json.loads(assessed["json"][1])
    assert saved_at == history.get_assessment(3).saved_at


def test_history_show_an_unknown_id_exits_2(framework: Framework) -> None:
    save(framework, answers(framework, 1), "2024-01-10T09:00:00Z")
    code, stdout, stderr = cli("history", "show", "7")
    assert (code, stdout) == (2, "")
    assert stderr == "Error: no saved assessment #7\nSee the saved ones, with their ids: pmpath history\n"
    assert cli("history", "show", "seven")[0] == 2


def test_history_delete(framework: Framework) -> None:
    save(framework, answers(framework, 1), "2024-01-10T09:00:00Z")
    save(framework, answers(framework, 2), "2024-02-10T09:00:00Z")

    code, stdout, stderr = cli("history", "delete", "1")
    assert (code, stdout) == (0, "")
    assert stderr == "Deleted assessment #1 (2024-01-10 09:00, Associate Product Manager).\n"
    assert cli("history", "delete", "2", "--json")[:2] == (0, '{\n  "deleted": 2\n}\n')
    assert cli("history", "--json")[1] == "[]\n"
    code, _, stderr = cli("history", "delete", "2")
    assert code == 2 and "no saved assessment #2" in stderr


# ---------------------------------------------------------------- progress


def test_progress_with_no_or_one_assessment_says_so(framework: Framework) -> None:
    code, stdout, _ = cli("progress")
    assert code == 0
    assert f"No saved assessments for {framework.name} yet." in stdout.replace("\n", " ")
    assert cli("progress", "--json")[1] == "[]\n"

    save(framework, answers(framework, 1), "2024-01-10T09:00:00Z")
    code, stdout, _ = cli("progress")
    assert code == 0
    assert "Only one assessment so far: progress needs two." in stdout
    series = json.loads(cli("progress", "--json")[1])
    assert [(p["id"], p["changes"]) for p in series] == [(1, None)]


def test_progress_shows_the_series_and_what_changed(framework: Framework) -> None:
    history.save_assessment(
        assess(framework, AnswerSheet(Profile(), {"apm-ships-scoped-tasks": Response(Answer.YES)})),
        saved_at="2023-01-01T00:00:00Z",
    )
    apm = answers(framework, 1, **{"apm-writes-release-notes": "partial", "pm-owns-product-area": "yes"})
    save(framework, apm, "2024-01-10T09:00:00Z")
    save(framework, answers(framework, 2, **{"apm-competitive-teardown": "no"}), "2024-07-01T09:00:00Z")
    other = replace(framework, name="Another ladder")  # its records are not part of this ladder's progress
    history.save_assessment(assess(other, AnswerSheet()), saved_at="2024-03-01T09:00:00Z")

    code, stdout, stderr = cli("progress")

    assert (code, stderr) == (0, "")
    chart = [line.split() for line in stdout.splitlines() if ROW.match(line)]
    assert [row[:2] for row in chart] == [["1", "2023-01-01"], ["2", "2024-01-10"], ["3", "2024-07-01"]]
    assert chart[0][-1] == "first"
    apm_count, pm_count = (len(level.milestones) for level in framework.levels[:2])
    # #1 -> #2: every APM milestone but the one already yes and the partial release notes, plus
    # pm-owns-product-area (9 - 2 + 1 = 8). #2 -> #3: every PM milestone but pm-owns-product-area,
    # plus the release notes now yes (11 - 1 + 1 = 11); the teardown is opened again.
    closed_first, closed_second = apm_count - 2 + 1, pm_count - 1 + 1
    assert chart[1][-3:] == ["▲1", f"+{closed_first}", "-0"]
    assert chart[2][-3:] == ["▲1", f"+{closed_second}", "-1"]
    text = " ".join(stdout.split())
    assert "Since the previous assessment (#2, 2024-01-10 09:00):" in text
    assert "Level up: Associate Product Manager → Product Manager" in text
    assert f"Gaps closed ({closed_second}):" in text and "Gaps opened (1):" in text
    teardown = framework.milestone_ids()["apm-competitive-teardown"].text
    assert f"✗ {teardown} (Yes → Not yet)" in text


def test_progress_json_series(framework: Framework) -> None:
    save(framework, answers(framework, 1), "2024-01-10T09:00:00Z")
    save(
        framework,
        answers(framework, 1, **{"apm-data-basics": "partial", "pm-metric-impact": "yes"}),
        "2024-02-10T09:00:00Z",
    )

    series = json.loads(cli("progress", "--json")[1])

    assert [p["saved_at"] for p in series] == ["2024-01-10T09:00:00Z", "2024-02-10T09:00:00Z"]
    assert [p["level"]["id"] for p in series] == ["apm", "apm"]
    pm = framework.level("pm").milestones
    metric_weight = framework.milestone_ids()["pm-metric-impact"].weight
    # only pm-metric-impact (weight 3) is yes at pm: 3 / 22 = 0.1364
    assert series[1]["readiness"] == round(metric_weight / sum(m.weight for m in pm), 4)
    pm_metric = framework.milestone_ids()["pm-metric-impact"].text
    data_basics = framework.milestone_ids()["apm-data-basics"].text
    assert series[1]["changes"] == {
        "previous": 1,
        "level_before": {"id": "apm", "title": "Associate Product Manager", "rank": 1},
        "level_after": {"id": "apm", "title": "Associate Product Manager", "rank": 1},
        "level_change": 0,
        "gaps_closed": [
            {
                "milestone": "pm-metric-impact",
                "level": "pm",
                "text": pm_metric,
                "before": None,
                "after": "yes",
            }
        ],
        "gaps_opened": [
            {
                "milestone": "apm-data-basics",
                "level": "apm",
                "text": data_basics,
                "before": "yes",
                "after": "partial",
            }
        ],
    }

"""`pmpath validate`: every problem at once, as file:line: message, with a one-line summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from personas import DATA, ROOT
from typer.testing import CliRunner

import pmpath.cli.tools  # noqa: F401  (registers validate and schema until pmpath.cli imports it)
from pmpath.cli import app
from pmpath.framework import load_framework
from pmpath.render import percent
from pmpath.validate import validate_framework

EXAMPLES = ROOT / "examples"

LEVELS = """\
name: Test ladder
scoring:
  pass_threshold: 0.8
levels:
  - id: first
    title: First Level
    aliases: [L1]
  - id: second
    title: Second Level
    aliases: [L2]
"""
MILESTONES = """\
milestones:
  - id: first-a
    level: first
    text: Has done the first thing.
    required: true
    advice: Do the first thing.
  - id: first-b
    level: first
    text: Has done the second thing.
    advice: Do the second thing.
  - id: first-c
    level: first
    text: Has done the third thing.
    advice: Do the third thing.
  - id: second-a
    level: second
    text: Has led the first thing.
    required: true
    advice: Lead the first thing.
  - id: second-b
    level: second
    text: Has led the second thing.
    advice: Lead the second thing.
  - id: second-c
    level: second
    text: Has led the third thing.
    advice: Lead the third thing.
"""


def ladder(tmp_path: Path, levels: str = LEVELS, milestones: str = MILESTONES, name: str = "ladder") -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "levels.yaml").write_text(levels, encoding="utf-8")
    (directory / "milestones.yaml").write_text(milestones, encoding="utf-8")
    return directory


def validate(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, list[str], str]:
    result = runner.invoke(app, [*args], env=env)
    return result.exit_code, result.stdout.splitlines(), result.stderr


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} is not in the fixture"
    return text.replace(old, new, 1)


# --------------------------------------------------------------------------- valid frameworks


def test_shipped_framework_is_valid(runner: CliRunner) -> None:
    framework = load_framework(DATA)
    milestones = len(framework.milestones())
    code, out, err = validate(runner, "validate")
    assert (code, err) == (0, "")
    assert out == [f"{DATA}: valid ({len(framework.levels)} levels, {milestones} milestones)"]


@pytest.mark.parametrize(("example", "levels", "milestones"), [("ic-ladder", 4, 28), ("dual-track", 4, 28)])
def test_examples_are_valid_by_argument_option_and_environment(
    runner: CliRunner, example: str, levels: int, milestones: int
) -> None:
    directory = EXAMPLES / example
    expected = [f"{directory}: valid ({levels} levels, {milestones} milestones)"]
    assert validate(runner, "validate", str(directory)) == (0, expected, "")
    assert validate(runner, "--data", str(directory), "validate") == (0, expected, "")
    assert validate(runner, "validate", env={"PMPATH_DATA": str(directory)}) == (0, expected, "")


def test_argument_wins_over_data_option(runner: CliRunner, tmp_path: Path) -> None:
    directory = ladder(tmp_path)
    code, out, _ = validate(runner, "--data", str(EXAMPLES / "ic-ladder"), "validate", str(directory))
    assert (code, out) == (0, [f"{directory}: valid (2 levels, 6 milestones)"])


def test_json_of_a_valid_framework_is_an_empty_list(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--json", str(ladder(tmp_path))])
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (0, [], "")


# --------------------------------------------------------------------------- every problem at once


def broken_ladder(tmp_path: Path) -> Path:
    """One framework holding one of each problem `validate` must catch, on known lines."""
    levels = LEVELS.replace("scoring:\n  pass_threshold: 0.8", "scoring:\n  pass_threshold: 0")  # line 3
    levels = replaced(
        levels, "    title: First Level\n", "    title: First Level\n    titel: typo\n"
    )  # line 7
    levels = replaced(
        levels, "    aliases: [L2]\n", "    aliases: [L2, first level]\n    pass_threshold: 1.5\n"
    )
    levels += "  - id: Third_Level\n    title: Third\n"  # line 13
    levels += "  - id: fourth\n    title: Fourth\n    title: Fourth again\n    summary: x\n"
    milestones = replaced(
        MILESTONES, "    text: Has led the third thing.", "    text: has done  the FIRST thing"
    )
    milestones += (
        "  - id: fourth-a\n    level: fourth\n    text: Has done the fourth thing.\n    advice: Go.\n"
    )
    return ladder(tmp_path, levels, milestones)


def test_every_problem_is_reported_with_file_line_and_message(runner: CliRunner, tmp_path: Path) -> None:
    directory = broken_ladder(tmp_path)
    levels, milestones = directory / "levels.yaml", directory / "milestones.yaml"
    code, out, err = validate(runner, "validate", str(directory))
    assert (code, err) == (1, "")
    assert out == [
        f"{levels}:3: 'scoring': 'pass_threshold' is 0; it must be above 0 and at most 1",
        f"{levels}:7: unknown key 'titel' in level 'first' (did you mean 'title'?)",
        f"{levels}:9: level 'second': the name 'first level' also names level 'first'",
        f"{levels}:12: level 'second': 'pass_threshold' is 1.5; it must be above 0 and at most 1",
        f"{levels}:13: level #3: 'id' 'Third_Level' must be a lowercase slug (letters, digits and single "
        "dashes, at most 64 characters, e.g. 'senior-pm')",
        f"{levels}:15: warning: level 'fourth' has only 1 milestone(s); a fair assessment needs at least 3",
        f"{levels}:15: warning: level 'fourth' has no required milestone",
        f"{levels}:17: duplicate key 'title' (first at line 16)",
        f"{milestones}:24: milestone 'second-c': the same text as milestone 'first-a' (line 2)",
        f"7 errors, 2 warnings in {directory}",
    ]


def test_problems_sort_by_file_then_line(tmp_path: Path) -> None:
    validation = validate_framework(broken_ladder(tmp_path))
    names = [Path(p.file).name for p in validation.problems]
    assert names == sorted(names, key=["levels.yaml", "milestones.yaml"].index)
    lines = [p.line or 0 for p in validation.problems if p.file.endswith("milestones.yaml")]
    assert lines == sorted(lines)
    assert (validation.errors, validation.warnings) == (7, 2)


def test_json_lists_every_problem_as_an_object(runner: CliRunner, tmp_path: Path) -> None:
    directory = broken_ladder(tmp_path)
    result = runner.invoke(app, ["validate", str(directory), "--json"])
    assert (result.exit_code, result.stderr) == (1, "")
    problems = json.loads(result.stdout)
    assert len(problems) == 9
    assert all(list(p) == ["file", "line", "severity", "message"] for p in problems)
    assert problems[0] == {
        "file": str(directory / "levels.yaml"),
        "line": 3,
        "severity": "error",
        "message": "'scoring': 'pass_threshold' is 0; it must be above 0 and at most 1",
    }
    assert [p["severity"] for p in problems].count("warning") == 2


def test_validate_reports_what_every_other_command_refuses(runner: CliRunner, tmp_path: Path) -> None:
    """One code path: the errors `validate` lists are the ones `levels` stops with."""
    directory = broken_ladder(tmp_path)
    _, out, _ = validate(runner, "validate", str(directory))
    result = runner.invoke(app, ["--data", str(directory), "levels"])
    assert result.exit_code == 2
    refused = result.stderr.removeprefix("Error: ").splitlines()
    assert sorted(refused) == sorted(line for line in out[:-1] if ": warning: " not in line)


def test_invalid_yaml_in_one_file_still_checks_the_other(runner: CliRunner, tmp_path: Path) -> None:
    milestones = replaced(MILESTONES, "  - id: second-c\n", "  - id: Second C\n")
    directory = ladder(tmp_path, LEVELS + "  - id: [oops\n", milestones)
    code, out, _ = validate(runner, "validate", str(directory))
    assert code == 1
    assert out[0].startswith(f"{directory / 'levels.yaml'}:12: invalid YAML: ")
    assert out[1].startswith(f"{directory / 'milestones.yaml'}:24: milestone #6: 'id' 'Second C' must be")
    assert out[2:] == [f"2 errors in {directory}"]


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"", ": the file is empty"),
        (b"# only a comment\n", ": the file is empty"),
        (b"name: \xff\n", ":1: the file is not UTF-8 text (byte 0xff); save it as UTF-8"),
        (b"- a list\n", ":1: the file must be a mapping of keys to values, not a list"),
        (b"null\n", ":1: the file must be a mapping of keys to values, not empty"),
        (
            b"levels: !!python/object/apply:os.system [ls]\n",
            ":1: the tag '!!python/object/apply:os.system' is not allowed; pmpath reads plain YAML only",
        ),
    ],
)
def test_broken_levels_file_is_a_finding_and_milestones_still_parse(
    runner: CliRunner, tmp_path: Path, content: bytes, found: str
) -> None:
    directory = ladder(tmp_path, milestones="milestones:\n  - id: x\n    level: first\n    text: [a\n")
    (directory / "levels.yaml").write_bytes(content)
    code, out, _ = validate(runner, "validate", str(directory))
    assert code == 1
    assert out[0] == f"{directory / 'levels.yaml'}{found}"
    assert out[1].startswith(f"{directory / 'milestones.yaml'}:5: invalid YAML: ")
    assert out[2:] == [f"2 errors in {directory}"]


# --------------------------------------------------------------------------- each check, with its line


def test_duplicate_key(runner: CliRunner, tmp_path: Path) -> None:
    levels = replaced(LEVELS, "    aliases: [L1]\n", "    aliases: [L1]\n    aliases: [One]\n")
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, levels)))
    assert out[0] == f"{tmp_path / 'ladder' / 'levels.yaml'}:8: duplicate key 'aliases' (first at line 7)"


def test_unknown_milestone_key_suggests_the_right_one(runner: CliRunner, tmp_path: Path) -> None:
    milestones = replaced(MILESTONES, "    advice: Do the second thing.", "    advise: Do the second thing.")
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, milestones=milestones)))
    path = tmp_path / "ladder" / "milestones.yaml"
    assert f"{path}:10: unknown key 'advise' in milestone 'first-b' (did you mean 'advice'?)" in out


@pytest.mark.parametrize("bad_id", ["Senior-PM", "senior pm", "senior--pm", "-pm", "pm_2", "x" * 65])
def test_ids_must_be_lowercase_slugs(runner: CliRunner, tmp_path: Path, bad_id: str) -> None:
    milestones = replaced(MILESTONES, "  - id: first-b\n", f"  - id: {bad_id}\n")
    code, out, _ = validate(runner, "validate", str(ladder(tmp_path, milestones=milestones)))
    assert code == 1
    shown = bad_id if len(bad_id) <= 60 else f"{bad_id[:60]}... (65 characters)"
    assert (
        f"{tmp_path / 'ladder' / 'milestones.yaml'}:7: milestone #2: 'id' '{shown}' must be a lowercase slug "
        "(letters, digits and single dashes, at most 64 characters, e.g. 'senior-pm')"
    ) in out
    # No warning that level 'first' has too few milestones: the count would leave out the
    # one dropped for its error, which is what the error is already about.
    assert out[-1] == f"1 error in {tmp_path / 'ladder'}"


def test_title_naming_another_level(runner: CliRunner, tmp_path: Path) -> None:
    levels = replaced(LEVELS, "    title: Second Level\n", "    title: FIRST-level\n")
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, levels)))
    assert out[0] == (
        f"{tmp_path / 'ladder' / 'levels.yaml'}:8: level 'second': the name 'FIRST-level' also names level 'first'"
    )


def test_alias_naming_another_levels_id(runner: CliRunner, tmp_path: Path) -> None:
    levels = replaced(LEVELS, "    aliases: [L1]\n", "    aliases: [L1, Second]\n")
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, levels)))
    assert out[0] == (
        f"{tmp_path / 'ladder' / 'levels.yaml'}:8: level 'second': the id 'second' also names level 'first'"
    )


def test_duplicate_level_id(runner: CliRunner, tmp_path: Path) -> None:
    levels = LEVELS + "  - id: first\n    title: Third\n"
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, levels)))
    assert out[0] == f"{tmp_path / 'ladder' / 'levels.yaml'}:11: duplicate level id 'first' (first at line 5)"


def test_same_milestone_text_under_two_ids(runner: CliRunner, tmp_path: Path) -> None:
    milestones = replaced(
        MILESTONES, "    text: Has led the second thing.", "    text: '  HAS DONE the second thing'"
    )
    code, out, _ = validate(runner, "validate", str(ladder(tmp_path, milestones=milestones)))
    assert code == 1
    assert out == [
        f"{tmp_path / 'ladder' / 'milestones.yaml'}:20: milestone 'second-b': the same text as milestone "
        "'first-b' (line 7)",
        f"1 error in {tmp_path / 'ladder'}",
    ]


@pytest.mark.parametrize("value", ["0", "-0.5", "1.01", "2", ".nan", ".inf"])
def test_level_threshold_outside_zero_to_one(runner: CliRunner, tmp_path: Path, value: str) -> None:
    levels = replaced(LEVELS, "    aliases: [L2]\n", f"    aliases: [L2]\n    pass_threshold: {value}\n")
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, levels)))
    assert out[0].startswith(
        f"{tmp_path / 'ladder' / 'levels.yaml'}:11: level 'second': 'pass_threshold' is "
    )
    assert out[0].endswith("; it must be above 0 and at most 1")


@pytest.mark.parametrize("value", ["1", "0.01", "1.0"])
def test_threshold_in_range_is_valid(runner: CliRunner, tmp_path: Path, value: str) -> None:
    levels = LEVELS.replace("pass_threshold: 0.8", f"pass_threshold: {value}")
    assert validate(runner, "validate", str(ladder(tmp_path, levels)))[0] == 0


def test_threshold_must_be_a_number(runner: CliRunner, tmp_path: Path) -> None:
    levels = LEVELS.replace("pass_threshold: 0.8", "pass_threshold: high")
    _, out, _ = validate(runner, "validate", str(ladder(tmp_path, levels)))
    assert (
        out[0]
        == f"{tmp_path / 'ladder' / 'levels.yaml'}:3: 'scoring': 'pass_threshold' must be a number, not text"
    )


# --------------------------------------------------------------------------- warnings and --strict


def thin_ladder(tmp_path: Path) -> Path:
    """Valid, with one warning: a level with two milestones."""
    return ladder(tmp_path, milestones=MILESTONES.split("  - id: second-c\n")[0])


def test_warnings_are_shown_and_do_not_fail(runner: CliRunner, tmp_path: Path) -> None:
    directory = thin_ladder(tmp_path)
    code, out, _ = validate(runner, "validate", str(directory))
    assert code == 0
    assert out == [
        f"{directory / 'levels.yaml'}:8: warning: level 'second' has only 2 milestone(s); a fair assessment "
        "needs at least 3",
        f"{directory}: valid, 1 warning (2 levels, 5 milestones)",
    ]


def test_strict_fails_on_warnings(runner: CliRunner, tmp_path: Path) -> None:
    directory = thin_ladder(tmp_path)
    code, out, _ = validate(runner, "validate", "--strict", str(directory))
    assert code == 1
    assert out[-1] == f"1 warning in {directory} (--strict: warnings count as problems)"
    result = runner.invoke(app, ["validate", "--strict", "--json", str(directory)])
    assert result.exit_code == 1
    assert [p["severity"] for p in json.loads(result.stdout)] == ["warning"]


def test_strict_passes_a_framework_without_warnings(runner: CliRunner, tmp_path: Path) -> None:
    directory = ladder(tmp_path)
    assert validate(runner, "validate", "--strict", str(directory)) == (
        0,
        [f"{directory}: valid (2 levels, 6 milestones)"],
        "",
    )


# --------------------------------------------------------------------------- transitions.yaml

TRANSITIONS = """\
facts:
  - "Anyone can move into product."
transitions:
  - background: engineering
    title: From engineering to product
    shift: From how to why.
    exercise: Run three interviews.
    likely_milestones: [first-a, second-a]
  - background: Design
    title: From design to product
    shift: From flows to metrics.
    exercise: Write a business case.
    extra: 1
"""


def test_transitions_are_validated_when_present(runner: CliRunner, tmp_path: Path) -> None:
    directory = ladder(tmp_path)
    (directory / "transitions.yaml").write_text(TRANSITIONS, encoding="utf-8")
    path = directory / "transitions.yaml"
    code, out, _ = validate(runner, "validate", str(directory))
    assert code == 1
    assert out == [
        f"{path}:8: transition 'engineering': 'second-a' is not a first-level milestone",
        f"{path}:9: transition #2: 'background' 'Design' must be a lowercase slug (letters, digits and "
        "single dashes, at most 64 characters, e.g. 'senior-pm')",
        f"{path}:13: unknown key 'extra' in transition #2",
        f"3 errors in {directory}",
    ]


def test_valid_transitions_pass(runner: CliRunner, tmp_path: Path) -> None:
    directory = ladder(tmp_path)
    valid = TRANSITIONS.split("  - background: Design")[0].replace(", second-a", "")
    (directory / "transitions.yaml").write_text(valid, encoding="utf-8")
    assert validate(runner, "validate", str(directory))[:2] == (
        0,
        [f"{directory}: valid (2 levels, 6 milestones)"],
    )


def test_invalid_yaml_in_transitions_is_a_finding(runner: CliRunner, tmp_path: Path) -> None:
    directory = ladder(tmp_path)
    (directory / "transitions.yaml").write_text("transitions: [\n", encoding="utf-8")
    code, out, _ = validate(runner, "validate", str(directory))
    assert code == 1
    assert out[0].startswith(f"{directory / 'transitions.yaml'}:2: invalid YAML")


def test_unreadable_transitions_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    directory = ladder(tmp_path)
    (directory / "transitions.yaml").mkdir()
    code, out, err = validate(runner, "validate", str(directory))
    assert (code, out) == (2, [])
    assert err == f"Error: {directory / 'transitions.yaml'}: is a directory, expected a YAML file\n"


# --------------------------------------------------------------------------- unreadable input: exit 2


def test_missing_directory(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = validate(runner, "validate", str(tmp_path / "nowhere"), "--json")
    assert (code, out) == (2, [])
    assert err == (
        f"Error: {tmp_path / 'nowhere'}: no such directory; a framework is a directory holding "
        "levels.yaml and milestones.yaml\n"
    )


def test_a_file_instead_of_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    path = ladder(tmp_path) / "levels.yaml"
    code, out, err = validate(runner, "validate", str(path))
    assert (code, out) == (2, [])
    assert err.startswith(f"Error: {path}: is not a directory; a framework is a directory holding")


@pytest.mark.parametrize("name", ["levels.yaml", "milestones.yaml"])
def test_missing_file(runner: CliRunner, tmp_path: Path, name: str) -> None:
    directory = ladder(tmp_path)
    (directory / name).unlink()
    assert validate(runner, "validate", str(directory)) == (
        2,
        [],
        f"Error: {directory / name}: no such file\n",
    )


def test_summary_counts_are_plural_aware(tmp_path: Path) -> None:
    validation = validate_framework(ladder(tmp_path))
    assert validation.summary() == f"{tmp_path / 'ladder'}: valid (2 levels, 6 milestones)"
    assert validation.passed(strict=True)


# --------------------------------------------------------------------------- the example ladders, end to end

# (directory, the level its sample answers reach, the next level, readiness for it)
SAMPLES = [
    ("ic-ladder", ("mid-pm", "Product Manager", 2), ("senior-pm", "Senior Product Manager", 3), 0.4286),
    (
        "dual-track",
        ("senior-pm", "Senior Product Manager", 2),
        ("principal-pm", "Principal Product Manager", 3),
        0.4286,
    ),
]


def yaml_name(name: str) -> str:
    import yaml

    title: str = yaml.safe_load((EXAMPLES / name / "levels.yaml").read_text())["name"]
    return title


def example_levels(name: str) -> list[dict[str, object]]:
    import yaml  # read independently of pmpath, as a reviewer would

    levels: list[dict[str, object]] = yaml.safe_load((EXAMPLES / name / "levels.yaml").read_text())["levels"]
    return levels


@pytest.mark.parametrize("name", ["ic-ladder", "dual-track"])
def test_example_levels_lists_its_own_ladder(runner: CliRunner, name: str) -> None:
    data = ["--data", str(EXAMPLES / name)]
    expected = example_levels(name)
    result = runner.invoke(app, [*data, "levels", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [(lv["id"], lv["title"], lv["rank"]) for lv in listed] == [
        (lv["id"], lv["title"], rank) for rank, lv in enumerate(expected, start=1)
    ]
    assert all(lv["milestones"] == 7 for lv in listed)
    human = runner.invoke(app, [*data, "levels"])
    assert human.exit_code == 0
    name_line, *rows = human.stdout.splitlines()
    assert name_line == yaml_name(name)
    for level in expected:  # the table may shorten a long title to fit 80 columns
        assert any(str(level["title"])[:16] in row for row in rows), level["title"]


@pytest.mark.parametrize("name", ["ic-ladder", "dual-track"])
def test_example_show_by_alias(runner: CliRunner, name: str) -> None:
    top = example_levels(name)[-1]
    aliases = top["aliases"]
    assert isinstance(aliases, list)
    result = runner.invoke(app, ["--data", str(EXAMPLES / name), "show", aliases[0], "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["id"], document["title"], document["summary"]) == (
        top["id"],
        top["title"],
        top["summary"],
    )
    assert document["next"] is None and len(document["milestones"]) == 7
    human = runner.invoke(app, ["--data", str(EXAMPLES / name), "show", str(top["id"])])
    assert human.exit_code == 0
    assert human.stdout.startswith(f"{top['title']}  level 4 of 4")


@pytest.mark.parametrize(("name", "level", "next_level", "readiness"), SAMPLES)
def test_example_assess_with_its_sample_answers(
    runner: CliRunner,
    name: str,
    level: tuple[str, str, int],
    next_level: tuple[str, str, int],
    readiness: float,
) -> None:
    directory = EXAMPLES / name
    data = ["--data", str(directory)]
    answers = str(directory / "answers-sample.yaml")
    result = runner.invoke(app, [*data, "assess", "--answers", answers, "--json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    ref = ("id", "title", "rank")
    assert tuple(document["level"][k] for k in ref) == level
    assert tuple(document["next_level"][k] for k in ref) == next_level
    assert document["readiness"] == readiness
    assert document["unanswered"] == []
    assert all(gap["level"] == next_level[0] for gap in document["gaps"])
    human = runner.invoke(app, [*data, "assess", "--answers", answers])
    assert human.exit_code == 0
    assert human.stdout.startswith(f"You operate at {level[1]} (level {level[2]} of 4).")
    assert f"Readiness for {next_level[1]}: {percent(readiness)}" in human.stdout  # 42%: rounded down

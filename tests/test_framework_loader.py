"""The framework loader: every broken file is reported with its file, line and a plain message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from personas import DATA
from typer.testing import CliRunner

from pmpath.cli import app
from pmpath.errors import InputFileError, Problem, UnreadableInputError
from pmpath.framework import check_framework, load_framework


def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ladder"
    shutil.copytree(DATA, target)
    return target


def break_file(directory: Path, name: str, old: str, new: str) -> int:
    """Replace the first `old` in `directory/name` by `new`; return the line where `old` started."""
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}: the test is out of date with the data"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def errors(directory: Path) -> list[Problem]:
    framework, problems = check_framework(directory)
    found = [p for p in problems if p.severity == "error"]
    assert framework is None, "a framework with errors must not be returned"
    assert found, "expected at least one error"
    return found


def located(problems: list[Problem], directory: Path, name: str, line: int, phrase: str) -> Problem:
    """The one problem at name:line whose message holds `phrase`; fails with the list otherwise."""
    matches = [
        p for p in problems if p.file == str(directory / name) and p.line == line and phrase in p.message
    ]
    assert len(matches) == 1, (
        f"no single {name}:{line} problem with {phrase!r} in {[str(p) for p in problems]}"
    )
    return matches[0]


# --------------------------------------------------------------------------- the shipped data


def test_shipped_framework_has_no_errors() -> None:
    framework, problems = check_framework(DATA)
    assert framework is not None
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert [level.id for level in framework.levels][:2] == ["apm", "pm"]


def test_load_framework_from_cache_equals_fresh_load(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    fresh, _ = check_framework(directory)
    first = load_framework(directory)  # builds and writes the cache entry
    second = load_framework(directory)  # read back from the cache
    assert first == fresh
    assert second == fresh


def test_editing_a_file_misses_the_cache(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    assert load_framework(directory).levels[0].title == "Associate Product Manager"
    break_file(directory, "levels.yaml", 'title: "Associate Product Manager"', 'title: "Junior APM title"')
    assert load_framework(directory).levels[0].title == "Junior APM title"


# --------------------------------------------------------------------------- unreadable files


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "levels.yaml", "  - id: pm\n", "  - id: pm: [oops\n")
    located(errors(directory), directory, "levels.yaml", line, "invalid YAML")


def test_yaml_syntax_error_in_milestones_names_that_file(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(
        directory, "milestones.yaml", "  - id: pm-metric-impact\n", "  - id: pm-metric-impact: x\n"
    )
    located(errors(directory), directory, "milestones.yaml", line, "invalid YAML")


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    (directory / "milestones.yaml").unlink()
    with pytest.raises(UnreadableInputError) as caught:
        check_framework(directory)
    assert [str(p) for p in caught.value.problems] == [f"{directory / 'milestones.yaml'}: no such file"]


def test_missing_directory_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        load_framework(tmp_path / "nowhere")
    assert "no such directory" in caught.value.message
    assert "levels.yaml" in caught.value.message


def test_empty_file_is_reported_by_load_framework(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    (directory / "levels.yaml").write_text("", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load_framework(directory)
    assert [str(p) for p in caught.value.problems] == [f"{directory / 'levels.yaml'}: the file is empty"]


def test_comment_only_file_is_empty(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    (directory / "milestones.yaml").write_text("# nothing here yet\n", encoding="utf-8")
    problems = errors(directory)
    assert [str(p) for p in problems] == [f"{directory / 'milestones.yaml'}: the file is empty"]


def test_check_framework_collects_an_empty_file_with_other_problems(tmp_path: Path) -> None:
    """Regression: an empty file used to be raised alone, hiding the other file's problems."""
    directory = data_copy(tmp_path)
    (directory / "levels.yaml").write_text("", encoding="utf-8")
    line = break_file(
        directory, "milestones.yaml", "  - id: pm-metric-impact\n", "  - id: pm-metric-impact: x\n"
    )
    _, problems = check_framework(directory)
    assert [p.file for p in problems] == [str(directory / "levels.yaml"), str(directory / "milestones.yaml")]
    assert problems[1].line == line


# --------------------------------------------------------------------------- levels.yaml


def test_level_without_id(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "levels.yaml", "  - id: pm\n    title:", "  - title:")
    located(errors(directory), directory, "levels.yaml", line, "level #2 has no 'id' (it is required)")


def test_level_without_title(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    break_file(directory, "levels.yaml", '    title: "Product Manager"\n', "")
    level_line = _line_of(directory / "levels.yaml", "  - id: pm\n")
    located(
        errors(directory), directory, "levels.yaml", level_line, "level 'pm' has no 'title' (it is required)"
    )


def test_title_must_be_text(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "levels.yaml", 'title: "Product Manager"', "title: 123")
    located(
        errors(directory), directory, "levels.yaml", line, "level 'pm': 'title' must be text, not a number"
    )


def test_bad_title_is_the_only_error(tmp_path: Path) -> None:
    """Regression: a bad title used to drop the level's id, so each of its milestones reported
    "unknown level 'pm' (did you mean 'apm'?)" as well."""
    directory = data_copy(tmp_path)
    break_file(directory, "levels.yaml", 'title: "Product Manager"', "title: 123")
    assert [p.message for p in errors(directory)] == ["level 'pm': 'title' must be text, not a number"]


def test_responsibilities_must_be_a_list(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    start = _line_of(directory / "levels.yaml", "  - id: pm\n")
    text = (directory / "levels.yaml").read_text(encoding="utf-8")
    block = text.split("  - id: pm\n", 1)[1]
    items = re.search(r"    responsibilities:\n((?:      - .*\n)+)", block)
    assert items is not None
    line = start + block[: items.start()].count("\n") + 1
    (directory / "levels.yaml").write_text(
        text.replace(items.group(0), '    responsibilities: "text"\n', 1), encoding="utf-8"
    )
    problem = located(errors(directory), directory, "levels.yaml", line, "'responsibilities'")
    assert problem.message == "level 'pm': 'responsibilities' must be a list of text, not text"


def test_alias_naming_another_level(tmp_path: Path) -> None:
    """A title or alias that names another level would make `show` ambiguous."""
    directory = data_copy(tmp_path)
    break_file(directory, "levels.yaml", '["Sr PM", "Senior PM",', '["Product Manager II", "Senior PM",')
    line = _line_of(directory / "levels.yaml", "  - id: senior-pm\n")
    located(
        errors(directory),
        directory,
        "levels.yaml",
        line,
        "level 'senior-pm': the name 'Product Manager II' also names level 'pm'",
    )


def test_duplicate_level_id(tmp_path: Path) -> None:
    """Regression: a repeated id used to load silently, both levels sharing the same milestones."""
    directory = minimal_framework(tmp_path, levels_extra="  - id: first\n    title: Third\n")
    line = _line_of(directory / "levels.yaml", "  - id: first\n    title: Third")
    framework, problems = check_framework(directory)
    assert framework is None
    located(problems, directory, "levels.yaml", line, "duplicate level id 'first'")


def test_level_with_no_milestones(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    path = directory / "milestones.yaml"
    blocks = re.split(r"(?m)^(?=  - id: )", path.read_text(encoding="utf-8"))
    path.write_text("".join(b for b in blocks if "\n    level: group-pm\n" not in b), encoding="utf-8")
    line = _line_of(directory / "levels.yaml", "  - id: group-pm\n")
    located(
        errors(directory),
        directory,
        "levels.yaml",
        line,
        "level 'group-pm' has no milestones in milestones.yaml",
    )


def test_unknown_level_key_suggests_the_right_one(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(
        directory, "levels.yaml", '    title: "Product Manager"\n', '    titel: "Product Manager"\n'
    )
    located(
        errors(directory),
        directory,
        "levels.yaml",
        line,
        "unknown key 'titel' in level 'pm' (did you mean 'title'?)",
    )


def test_threshold_out_of_range(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "levels.yaml", "  pass_threshold: 0.8\n", "  pass_threshold: 1.5\n")
    located(errors(directory), directory, "levels.yaml", line, "it must be above 0 and at most 1")


def test_fewer_than_two_levels(tmp_path: Path) -> None:
    directory = minimal_framework(tmp_path)
    text = (directory / "levels.yaml").read_text(encoding="utf-8")
    (directory / "levels.yaml").write_text(text.split("  - id: second")[0], encoding="utf-8")
    (directory / "milestones.yaml").write_text(
        "milestones:\n  - id: m1\n    level: first\n    text: One.\n", encoding="utf-8"
    )
    located(errors(directory), directory, "levels.yaml", 2, "a ladder needs at least 2 levels")


# --------------------------------------------------------------------------- milestones.yaml


def test_milestone_without_id(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "milestones.yaml", "  - id: pm-metric-impact\n    level", "  - level")
    located(
        errors(directory), directory, "milestones.yaml", line, "milestone #11 has no 'id' (it is required)"
    )


def test_milestone_without_level(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(
        directory,
        "milestones.yaml",
        "  - id: pm-metric-impact\n    level: pm\n",
        "  - id: pm-metric-impact\n",
    )
    located(
        errors(directory),
        directory,
        "milestones.yaml",
        line,
        "milestone 'pm-metric-impact' has no 'level' (it is required)",
    )


def test_milestone_without_text(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    start = _line_of(directory / "milestones.yaml", "  - id: pm-metric-impact\n")
    text = (directory / "milestones.yaml").read_text(encoding="utf-8")
    head, block = text.split("  - id: pm-metric-impact\n", 1)
    block = re.sub(r"(?m)^    text: .*\n", "", block, count=1)
    (directory / "milestones.yaml").write_text(head + "  - id: pm-metric-impact\n" + block, encoding="utf-8")
    located(
        errors(directory), directory, "milestones.yaml", start, "milestone 'pm-metric-impact' has no 'text'"
    )


def test_duplicate_milestone_id_points_at_the_first(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    first = _line_of(directory / "milestones.yaml", "  - id: pm-owns-product-area\n")
    line = break_file(
        directory, "milestones.yaml", "  - id: pm-metric-impact\n", "  - id: pm-owns-product-area\n"
    )
    located(
        errors(directory),
        directory,
        "milestones.yaml",
        line,
        f"duplicate milestone id 'pm-owns-product-area' (first at line {first})",
    )


def test_milestone_naming_an_unknown_level_suggests_one(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "milestones.yaml", "    level: senior-pm\n", "    level: senior-pn\n")
    problem = located(errors(directory), directory, "milestones.yaml", line, "unknown level 'senior-pn'")
    assert problem.message.endswith("(did you mean 'senior-pm'?)")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0", "0"),
        ("4", "4"),
        ("two", "the text 'two'"),
        ("'2'", "the text '2' (write the number without quotes)"),
        ("1.5", "1.5"),
        ("true", "true"),  # spelled as in YAML, not Python's True
    ],
)
def test_weight_must_be_1_2_or_3(tmp_path: Path, value: str, shown: str) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "milestones.yaml", "    weight: 3\n", f"    weight: {value}\n")
    located(
        errors(directory),
        directory,
        "milestones.yaml",
        line,
        f"milestone 'apm-ships-scoped-tasks': 'weight' is {shown}; it must be 1, 2 or 3",
    )


def test_required_must_be_a_boolean(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "milestones.yaml", "    required: true\n", "    required: yes-ish\n")
    located(
        errors(directory),
        directory,
        "milestones.yaml",
        line,
        "'required' must be true or false, not 'yes-ish'",
    )


def test_unknown_category_suggests_one(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "milestones.yaml", "    category: execution\n", "    category: executoin\n")
    located(errors(directory), directory, "milestones.yaml", line, "(did you mean 'execution'?)")


def test_unknown_milestone_key_suggests_one(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "milestones.yaml", "    advice: ", "    advise: ")
    located(errors(directory), directory, "milestones.yaml", line, "unknown key 'advise'")
    assert (
        "(did you mean 'advice'?)"
        in located(errors(directory), directory, "milestones.yaml", line, "'advise'").message
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    directory = data_copy(tmp_path)
    title_line = break_file(
        directory, "levels.yaml", '    title: "Senior Product Manager"\n', '    titel: "x"\n'
    )
    weight_line = break_file(directory, "milestones.yaml", "    weight: 3\n", "    weight: 9\n")
    problems = errors(directory)
    located(problems, directory, "levels.yaml", title_line, "'titel'")
    located(problems, directory, "milestones.yaml", weight_line, "'weight' is 9")


# --------------------------------------------------------------------------- defaults


def minimal_framework(tmp_path: Path, levels_extra: str = "") -> Path:
    directory = tmp_path / "minimal"
    directory.mkdir()
    (directory / "levels.yaml").write_text(
        "levels:\n  - id: first\n    title: First\n  - id: second\n    title: Second\n" + levels_extra,
        encoding="utf-8",
    )
    (directory / "milestones.yaml").write_text(
        "milestones:\n"
        "  - id: one\n    level: first\n    text: Has done the first thing.\n"
        "  - id: two\n    level: second\n    text: Has done the second thing.\n",
        encoding="utf-8",
    )
    return directory


def test_defaults_of_a_minimal_framework(tmp_path: Path) -> None:
    framework, problems = check_framework(minimal_framework(tmp_path))
    assert framework is not None
    assert [p.severity for p in problems] == ["warning"] * len(problems)
    assert [(level.id, level.rank, level.pass_threshold, level.track) for level in framework.levels] == [
        ("first", 1, 0.8, "individual-contributor"),
        ("second", 2, 0.8, "individual-contributor"),
    ]
    one = framework.levels[0].milestones[0]
    assert (one.weight, one.required, one.category) == (1, False, "execution")
    assert one.question == "Is this true of you: Has done the first thing?"
    assert framework.name == "minimal"  # the directory name when the file has none


def test_minimal_framework_warns_about_thin_levels(tmp_path: Path) -> None:
    directory = minimal_framework(tmp_path)
    _, problems = check_framework(directory)
    messages = [p.message for p in problems if p.file == str(directory / "levels.yaml")]
    assert "level 'first' has no required milestone" in messages
    assert any("has only 1 milestone(s)" in m for m in messages)


# --------------------------------------------------------------------------- through the CLI


def test_cli_reports_broken_framework(tmp_path: Path, runner: CliRunner) -> None:
    directory = data_copy(tmp_path)
    line = break_file(directory, "levels.yaml", "  - id: pm\n", "  - id: pm: [oops\n")
    result = runner.invoke(app, ["--data", str(directory), "levels"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert f"levels.yaml:{line}: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_reports_every_error_line(tmp_path: Path, runner: CliRunner) -> None:
    directory = data_copy(tmp_path)
    title_line = break_file(
        directory, "levels.yaml", '    title: "Senior Product Manager"\n', '    titel: "x"\n'
    )
    weight_line = break_file(directory, "milestones.yaml", "    weight: 3\n", "    weight: 9\n")
    result = runner.invoke(app, ["--data", str(directory), "levels", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"levels.yaml:{title_line}: unknown key 'titel'" in result.stderr
    assert (
        f"milestones.yaml:{weight_line}: milestone 'apm-ships-scoped-tasks': 'weight' is 9" in result.stderr
    )


def test_cli_missing_data_directory(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(tmp_path / "nowhere"), "levels"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'nowhere'}: no such directory")


def _line_of(path: Path, snippet: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert snippet in text
    return text[: text.index(snippet)].count("\n") + 1


def test_source_is_absolute_whatever_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    # Drafts and history keep the source, and print it in "continue with: pmpath --data ..." hints.
    monkeypatch.chdir(DATA.parent)
    framework = load_framework(Path("data"))
    assert framework.source == str(DATA.resolve())

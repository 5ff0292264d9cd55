"""Hostile and broken input: a clear message, the right exit status, bounded time and memory, no traceback.

Framework files go through `levels` (exit 2) and `validate` (exit 1: problems found;
2 when a file cannot be read at all); answers files through `assess --answers` (exit 2).
Size, nesting and alias-bomb cases run in a real process, measured with os.wait4.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from personas import DATA, ROOT
from typer.testing import CliRunner, Result

import pmpath.cli.tools  # noqa: F401  (registers validate until pmpath.cli imports it)
from pmpath.cli import app
from pmpath.errors import InputFileError
from pmpath.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, parse

EXAMPLE = ROOT / "examples" / "ic-ladder"
FRAMEWORK_FILES = ["levels.yaml", "milestones.yaml"]
ESC = "\x1b"
BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def framework_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ladder"
    shutil.copytree(EXAMPLE, target)
    return target


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr


def refused(runner: CliRunner, args: list[str], status: int = 2) -> Result:
    result = runner.invoke(app, args)
    no_traceback(result)
    assert result.exit_code == status, (result.stdout, result.stderr)
    return result


def framework_refused(runner: CliRunner, directory: Path, unreadable: bool = False) -> tuple[str, str]:
    """`levels` (exit 2, stderr) and `validate` (exit 1 and stdout, or exit 2 and stderr when unreadable)."""
    levels = refused(runner, ["--data", str(directory), "levels"])
    assert levels.stdout == ""
    validate = refused(runner, ["validate", str(directory)], 2 if unreadable else 1)
    if unreadable:
        assert validate.stdout == ""
        return levels.stderr, validate.stderr
    assert validate.stderr == ""
    return levels.stderr, validate.stdout


def answers_refused(runner: CliRunner, path: Path) -> str:
    result = refused(runner, ["assess", "--answers", str(path)])
    assert result.stdout == ""
    return result.stderr


# --------------------------------------------------------------------------- broken content, both kinds of file

# (content, what the message says after "FILE"), for a whole framework file or answers file.
BROKEN_FILES: dict[str, tuple[bytes, str]] = {
    "invalid YAML": (b"levels: [oops\n  - x: 1\n", ":2: invalid YAML: "),
    "a list": (b"- a\n- b\n", ":1: the file must be a mapping of keys to values, not a list"),
    "a number": (b"42\n", ":1: the file must be a mapping of keys to values, not a number"),
    "text": (b"just some words\n", ":1: the file must be a mapping of keys to values, not text"),
    "null": (b"null\n", ":1: the file must be a mapping of keys to values, not empty"),
    "non-UTF-8": (b"name: caf\xe9\n", ":1: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"),
    "UTF-16": ("name: x\n".encode("utf-16"), ":1: the file is not UTF-8 text (byte 0xff); save it as UTF-8"),
    "empty": (b"", ": the file is empty"),
    "blank": (b" \n\n\t\n", ": the file is empty"),
    "comments only": (b"# nothing yet\n", ": the file is empty"),
    "a NUL byte": (
        b"name: a\x00b\n",
        ":1: invalid YAML: control characters are not allowed (character U+0000)",
    ),
    "two documents": (b"name: a\n---\nname: b\n", ":2: holds a second YAML document (after '---')"),
    "a tag": (
        b"name: !!binary aGVsbG8=\n",
        ":1: the tag '!!binary' is not allowed; pmpath reads plain YAML only",
    ),
    "an invalid int": (b"name: !!int twelve\n", ":1: 'twelve' is not a valid !!int"),
    "a long number": (b"name: " + b"9" * 5000 + b"\n", ":1: the number '999"),
    "a mapping key": (b"? [a, b]\n: c\n", ":1: a key must be plain text, not a list or a mapping"),
    "a merge key": (b"base: {a: 1}\nother:\n  <<: {b: 2}\n", ":3: merge keys (<<) are not supported"),
    "an anchor": (b"a: &x 1\nb: 2\n", ":1: anchors and aliases (&name, *name) are not supported"),
}
ANSWERS_WORDING = {"the file must": "an answers file must"}


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
@pytest.mark.parametrize("case", BROKEN_FILES)
def test_broken_framework_file(runner: CliRunner, tmp_path: Path, name: str, case: str) -> None:
    content, message = BROKEN_FILES[case]
    directory = framework_copy(tmp_path)
    path = directory / name
    path.write_bytes(content)
    levels, validate = framework_refused(runner, directory)
    assert levels.startswith(f"Error: {path}{message}")
    assert validate.startswith(f"{path}{message}")
    assert validate.splitlines()[-1].startswith("1 error")


@pytest.mark.parametrize("case", BROKEN_FILES)
def test_broken_answers_file(runner: CliRunner, tmp_path: Path, case: str) -> None:
    content, message = BROKEN_FILES[case]
    for old, new in ANSWERS_WORDING.items():
        message = message.replace(old, new)
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    assert answers_refused(runner, path).startswith(f"Error: {path}{message}")


def test_broken_answers_on_stdin(runner: CliRunner) -> None:
    for content, message in [
        (b"answers: {a: caf\xe9}\n", "Error: <stdin>:1: the file is not UTF-8 text (byte 0xe9)"),
        (b"", "Error: <stdin>: the file is empty"),
        (
            b"answers: !!python/object/apply:os.getcwd []\n",
            "Error: <stdin>:1: the tag '!!python/object/apply",
        ),
    ]:
        result = runner.invoke(app, ["assess", "--answers", "-"], input=content)
        no_traceback(result)
        assert result.exit_code == 2
        assert result.stderr.startswith(message)


# --------------------------------------------------------------------------- the wrong shape inside a file


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "title: Junior Product Manager",
            "title: 123",
            "level 'junior-pm': 'title' must be text, not a number",
        ),
        ("title: Junior Product Manager", "title: null", "level 'junior-pm': 'title' is empty"),
        (
            "title: Junior Product Manager",
            "title: [a, b]",
            "level 'junior-pm': 'title' must be text, not a list",
        ),
        ("levels:\n", "levels: 7\nx:\n", "'levels' must be a list, not a number"),
        (
            "scoring:\n  pass_threshold: 0.8",
            "scoring: [0.8]",
            "'scoring' must be a mapping of keys to values",
        ),
    ],
)
def test_wrong_shape_in_levels(runner: CliRunner, tmp_path: Path, old: str, new: str, message: str) -> None:
    directory = framework_copy(tmp_path)
    path = directory / "levels.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    levels, validate = framework_refused(runner, directory)
    assert message in levels
    assert message in validate


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("answers: [pm-metric-impact]\n", ":1: 'answers' must be a mapping of keys to values, not a list"),
        ("answers:\n  pm-metric-impact: 3\n", ":2: 'pm-metric-impact': the answer 3 is not one of yes"),
        ("answers:\n  pm-metric-impact: [yes]\n", ":2: 'pm-metric-impact': the answer a list is not one of"),
        (
            "answers:\n  pm-metric-impact: null\n",
            ":2: 'pm-metric-impact' has no answer; write yes, partial or no",
        ),
        ("profile: {title: 5}\nanswers: {}\n", ":1: profile: 'title' must be text, not a number"),
        ("profile: [5]\nanswers: {}\n", ":1: 'profile' must be a mapping of keys to values, not a list"),
    ],
)
def test_wrong_shape_in_answers(runner: CliRunner, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    assert answers_refused(runner, path).startswith(f"Error: {path}{message}")


# --------------------------------------------------------------------------- a directory or nothing


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
def test_directory_where_a_framework_file_belongs(runner: CliRunner, tmp_path: Path, name: str) -> None:
    directory = framework_copy(tmp_path)
    (directory / name).unlink()
    (directory / name).mkdir()
    levels, validate = framework_refused(runner, directory, unreadable=True)
    assert levels == validate == f"Error: {directory / name}: is a directory, expected a YAML file\n"


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
def test_missing_framework_file(runner: CliRunner, tmp_path: Path, name: str) -> None:
    directory = framework_copy(tmp_path)
    (directory / name).unlink()
    levels, validate = framework_refused(runner, directory, unreadable=True)
    assert levels == validate == f"Error: {directory / name}: no such file\n"


def test_missing_framework_directory(runner: CliRunner, tmp_path: Path) -> None:
    levels, validate = framework_refused(runner, tmp_path / "nowhere", unreadable=True)
    assert levels == validate
    assert levels.startswith(f"Error: {tmp_path / 'nowhere'}: no such directory")


def test_directory_or_nothing_as_answers(runner: CliRunner, tmp_path: Path) -> None:
    assert answers_refused(runner, tmp_path) == f"Error: {tmp_path}: is a directory, expected a YAML file\n"
    missing = tmp_path / "missing.yaml"
    assert answers_refused(runner, missing) == f"Error: {missing}: no such file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_answers_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("answers: {}\n", encoding="utf-8")
    path.chmod(0)
    assert answers_refused(runner, path) == f"Error: {path}: permission denied\n"


def test_endless_device_as_answers_is_bounded(runner: CliRunner) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert (
        answers_refused(runner, Path("/dev/zero"))
        == "Error: /dev/zero: is larger than 10 MiB, the most pmpath reads\n"
    )


# --------------------------------------------------------------------------- tags are refused, never run


PYTHON_TAGS = [
    'answers: !!python/object/apply:os.system ["touch {marker}"]\n',
    'answers:\n  pm-metric-impact: !!python/object/apply:os.system ["touch {marker}"]\n',
    'answers: !!python/object/new:os.system ["touch {marker}"]\n',
    '? !!python/object/apply:os.system ["touch {marker}"]\n: yes\n',
    "!!python/object/apply:subprocess.call [[touch, {marker}]]\n",
    "answers: !!python/name:os.system\n",
    "answers: !!python/module:os\n",
    "answers: !mytag {{a: 1}}\n",
]


@pytest.mark.parametrize("template", PYTHON_TAGS)
def test_python_tags_in_answers_are_rejected_not_executed(
    runner: CliRunner, tmp_path: Path, template: str
) -> None:
    marker = tmp_path / "MARKER"
    path = tmp_path / "answers.yaml"
    path.write_text(template.format(marker=marker), encoding="utf-8")
    message = answers_refused(runner, path)
    assert "is not allowed; pmpath reads plain YAML only" in message
    assert not marker.exists()


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
def test_python_tag_in_framework_is_rejected_not_executed(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    marker = tmp_path / "MARKER"
    directory = framework_copy(tmp_path)
    path = directory / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f'extra: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    line = text.count("\n") + 1
    levels, validate = framework_refused(runner, directory)
    expected = f"{path}:{line}: the tag '!!python/object/apply:os.system' is not allowed; pmpath reads plain YAML only"
    assert levels == f"Error: {expected}\n"
    assert validate.splitlines()[0] == expected
    assert not marker.exists()


# --------------------------------------------------------------------------- hostile ids


def test_framework_id_with_control_characters(runner: CliRunner, tmp_path: Path) -> None:
    directory = framework_copy(tmp_path)
    path = directory / "levels.yaml"
    path.write_text(
        path.read_text().replace("- id: junior-pm", '- id: "junior\\e[2J\\x07pm"'), encoding="utf-8"
    )
    levels, validate = framework_refused(runner, directory)
    expected = "level #1: 'id' 'junior\\x1b[2J\\x07pm' must be a lowercase slug"
    for output in (levels, validate):
        assert expected in output
        assert ESC not in output and "\x07" not in output


def test_framework_id_of_10000_characters(runner: CliRunner, tmp_path: Path) -> None:
    directory = framework_copy(tmp_path)
    path = directory / "milestones.yaml"
    long_id = "x" * 10_000
    path.write_text(path.read_text().replace("- id: junior-pm-", f"- id: {long_id}-", 1), encoding="utf-8")
    levels, validate = framework_refused(runner, directory)
    full_id = next(line for line in path.read_text().splitlines() if long_id in line).split("id: ")[1]
    expected = f"milestone #1: 'id' '{'x' * 60}... ({len(full_id)} characters)' must be a lowercase slug"
    for output in (levels, validate):
        assert expected in output
        assert "x" * 61 not in output
        assert max(len(line) for line in output.splitlines()) < len(str(path)) + 250


def test_answer_ids_with_control_characters_and_10000_characters(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        f'answers:\n  "pm-\\e]0;pwned\\a\\u202e": yes\n  ? "{"y" * 10_000}"\n  : yes\n', encoding="utf-8"
    )
    message = answers_refused(runner, path)
    assert message.splitlines() == [
        f"Error: {path}:2: unknown milestone id 'pm-\\x1b]0;pwned\\x07\\u202e'",
        f"{path}:3: unknown milestone id '{'y' * 60}... (10000 characters)'",
    ]


def test_plain_key_of_10000_characters_gets_a_hint(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(f"answers:\n  {'y' * 10_000}: yes\n", encoding="utf-8")
    message = answers_refused(runner, path)
    assert message.startswith(f"Error: {path}:2: invalid YAML: ")
    assert message.endswith("(a key longer than 1024 characters must be quoted and written after '? ')\n")
    assert len(message) < 300


def test_level_name_with_escapes_given_on_the_command_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "\x1b[2Jsenior"])
    no_traceback(result)
    assert result.exit_code == 2
    assert ESC not in result.stderr
    assert "\\x1b[2Jsenior" in result.stderr


# --------------------------------------------------------------------------- terminal escapes in data


def escaped_framework(tmp_path: Path) -> Path:
    """A valid framework whose name, titles, milestone texts and advice hold escape sequences."""
    directory = framework_copy(tmp_path)
    levels = directory / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    text = text.replace("name: Acme SaaS IC ladder", 'name: "Acme \\e[2J ladder"')
    text = text.replace("title: Junior Product Manager", 'title: "Junior \\e[2J\\e]0;owned\\a PM"')
    text = text.replace("title: Product Manager", 'title: "Product \\e[31m Manager"', 1)
    levels.write_text(text, encoding="utf-8")
    with (directory / "milestones.yaml").open("a", encoding="utf-8") as milestones:
        milestones.write(
            "  - id: junior-pm-escapes\n    level: junior-pm\n"
            '    text: "Has \\e[2J cleared screens."\n    advice: "Stop \\e[5m blinking."\n'
        )
    return directory


def test_escape_sequences_in_data_are_shown_harmlessly(runner: CliRunner, tmp_path: Path) -> None:
    directory = escaped_framework(tmp_path)
    data = ["--data", str(directory)]
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {}\n", encoding="utf-8")  # below the first level: its gaps are shown
    outputs = {}
    for args in (["levels"], ["show", "junior-pm"], ["assess", "--answers", str(answers)], ["validate"]):
        result = runner.invoke(app, [*data, *args])
        no_traceback(result)
        assert result.exit_code == 0, result.stderr
        assert ESC not in result.stdout and "\x07" not in result.stdout
        outputs[args[0]] = result.stdout
    assert outputs["levels"].startswith("Acme \\x1b[2J ladder")
    assert "Junior \\x1b[2J\\x1b]0;owned\\x07 PM" in outputs["show"]
    assert "Has \\x1b[2J cleared" in outputs["assess"] and "Stop \\x1b[5m" in outputs["assess"]


def test_escape_sequences_in_json_stay_json_escaped(runner: CliRunner, tmp_path: Path) -> None:
    directory = escaped_framework(tmp_path)
    result = runner.invoke(app, ["--data", str(directory), "show", "junior-pm", "--json"])
    assert result.exit_code == 0
    assert ESC not in result.stdout
    assert '"title": "Junior \\u001b[2J\\u001b]0;owned\\u0007 PM"' in result.stdout


# --------------------------------------------------------------------------- pmpath never writes what it reads


def snapshot(*paths: Path) -> dict[Path, tuple[bytes, int]]:
    files = [p for path in paths for p in ([path] if path.is_file() else sorted(path.rglob("*")))]
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


def test_commands_never_write_the_files_they_read(runner: CliRunner, tmp_path: Path) -> None:
    directory = framework_copy(tmp_path / "read-only")
    answers = directory / "answers-sample.yaml"
    before = snapshot(directory)
    time.sleep(0.01)  # a rewrite would move the mtime past the snapshot's
    data = ["--data", str(directory)]
    for args in (
        ["levels"],
        ["levels", "--json"],
        ["show", "senior-pm"],
        ["show", "senior-pm", "--json"],
        ["assess", "--answers", str(answers)],
        ["assess", "--answers", str(answers), "--json"],
        ["assess", "--answers", str(answers), "--format", "markdown"],
        ["assess", "--answers", str(answers), "--save-answers", str(tmp_path / "copy.yaml")],
        ["validate"],
        ["validate", "--json", "--strict"],
    ):
        result = runner.invoke(app, [*data, *args])
        assert result.exit_code == 0, (args, result.stderr)
    assert snapshot(directory) == before
    assert (tmp_path / "copy.yaml").is_file()


def test_refusing_a_file_does_not_touch_it(runner: CliRunner, tmp_path: Path) -> None:
    directory = framework_copy(tmp_path)
    (directory / "levels.yaml").write_bytes(b"levels: [oops\n")
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(b"answers: !!python/name:os.system\n")
    before = snapshot(directory, answers)
    framework_refused(runner, directory)
    answers_refused(runner, answers)
    assert snapshot(directory, answers) == before


# --------------------------------------------------------------------------- the reader still reads YAML as YAML


@pytest.mark.parametrize("path", sorted(p for d in (DATA, EXAMPLE) for p in d.glob("*.yaml")), ids=str)
def test_reader_agrees_with_safe_load_on_real_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    value, problems = parse(text, str(path))
    assert (value, problems) == (yaml.safe_load(text), [])


def test_reader_resolves_scalars_like_safe_load_except_dates() -> None:
    text = (
        "a: yes\nb: No\nc: ~\nd: 0x1F\ne: 1_000\nf: 1:30\ng: .5\nh: 1e3\ni: 'yes'\nj: 2024-01-01\nk: -.inf\n"
    )
    value, _ = parse(text, "x")
    expected = yaml.safe_load(text)
    expected["j"] = "2024-01-01"  # a date stays text for pmpath
    assert value == expected


def test_reader_keeps_lines_and_reports_duplicate_keys() -> None:
    value, problems = parse("a: 1\nb:\n  - x\n  - y: 2\n    y: 3\na: 4\n", "f.yaml")
    assert value == {"a": 1, "b": ["x", {"y": 2}]}
    assert (value.key_lines, value["b"].item_lines) == ({"a": 1, "b": 2}, [3, 4])
    assert [str(p) for p in problems] == [
        "f.yaml:5: duplicate key 'y' (first at line 4)",
        "f.yaml:6: duplicate key 'a' (first at line 1)",
    ]


# --------------------------------------------------------------------------- size, depth and bombs in a real process

CLI = "import sys; sys.argv[0] = 'pmpath'; import pmpath.cli.tools; from pmpath.cli import main; main()"
TIME_LIMIT = 2.0
MEMORY_LIMIT_MB = 200


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_process(tmp_path: Path, *args: str, timeout: float = 20.0) -> Run:
    """Run pmpath in a new interpreter; wall time and the child's own peak RSS (os.wait4)."""
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, *args], stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                process.kill()
                process.wait()
                pytest.fail(f"pmpath {' '.join(args)[:200]} still ran after {timeout}s")
            time.sleep(0.002)
        seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    return Run(process.returncode, out.read_text(), err.read_text(), seconds, peak_kb / 1024)


def within_bounds(run: Run) -> None:
    assert "Traceback" not in run.stderr
    assert run.seconds < TIME_LIMIT, f"took {run.seconds:.2f}s"
    assert run.peak_mb < MEMORY_LIMIT_MB, f"peaked at {run.peak_mb:.0f} MB"


def write_big(path: Path) -> None:
    """A 50 MiB file that would be slow to parse: a list of 13 million items."""
    item = b"  - x\n"
    with path.open("wb") as stream:
        stream.write(b"answers:\n")
        stream.write(item * (50 * 1_048_576 // len(item)))
    assert path.stat().st_size > 50 * 1_000_000 > MAX_FILE_BYTES


def deep(kind: str) -> str:
    depth = 10_000
    if kind == "flow lists":
        return "answers: " + "[" * depth + "]" * depth + "\n"
    if kind == "flow mappings":
        return "answers: " + "{a: " * depth + "1" + "}" * depth + "\n"
    return "- " * depth + "x\n"  # block sequences


HUGE: dict[str, Callable[[Path], None]] = {
    "50 MiB": write_big,
    "nesting 10,000 deep (flow lists)": lambda p: p.write_text(deep("flow lists")),
    "nesting 10,000 deep (flow mappings)": lambda p: p.write_text(deep("flow mappings")),
    "nesting 10,000 deep (block lists)": lambda p: p.write_text(deep("block lists")),
    "billion laughs": lambda p: p.write_text(BILLION_LAUGHS),
    f"more than {MAX_NODES:,} values": lambda p: p.write_text("answers:\n" + "  - x\n" * (MAX_NODES + 10)),
}
EXPECTED = {
    "50 MiB": ": is 50.0 MiB; pmpath reads files up to 10 MiB",
    "nesting 10,000 deep (flow lists)": f":1: nests deeper than {MAX_DEPTH} levels",
    "nesting 10,000 deep (flow mappings)": f":1: nests deeper than {MAX_DEPTH} levels",
    "nesting 10,000 deep (block lists)": f":1: nests deeper than {MAX_DEPTH} levels",
    "billion laughs": ":1: anchors and aliases (&name, *name) are not supported; write the value out",
    f"more than {MAX_NODES:,} values": f": holds more than {MAX_NODES:,} values; pmpath reads smaller files",
}


@pytest.mark.parametrize("case", HUGE)
def test_huge_answers_file_is_refused_quickly_and_small(tmp_path: Path, case: str) -> None:
    path = tmp_path / "answers.yaml"
    HUGE[case](path)
    run = run_process(tmp_path, "assess", "--answers", str(path), "--json")
    within_bounds(run)
    assert (run.status, run.stdout) == (2, "")
    prefix, _, rest = EXPECTED[case].partition(": ")
    assert run.stderr.startswith(f"Error: {path}{prefix}") and rest in run.stderr.splitlines()[0]


@pytest.mark.parametrize("case", ["50 MiB", "nesting 10,000 deep (flow lists)", "billion laughs"])
def test_huge_framework_file_is_refused_quickly_and_small(tmp_path: Path, case: str) -> None:
    directory = framework_copy(tmp_path)
    path = directory / "milestones.yaml"
    HUGE[case](path)
    prefix, _, rest = EXPECTED[case].partition(": ")
    levels = run_process(tmp_path, "--data", str(directory), "levels", "--json")
    within_bounds(levels)
    assert (levels.status, levels.stdout) == (2, "")
    assert levels.stderr.startswith(f"Error: {path}{prefix}") and rest in levels.stderr
    validate = run_process(tmp_path, "validate", str(directory))
    within_bounds(validate)
    assert (validate.status, validate.stderr) == (1, "")
    assert validate.stdout.startswith(f"{path}{prefix}") and rest in validate.stdout


def test_json_surrogate_pair_escapes_read_as_the_character() -> None:
    text = json.dumps({"a": "shipped \U0001f680", "b": "\\ud83d\\ude80 stays literal"}, indent=1)
    assert "\\ud83d\\ude80" in text  # what json.dump writes for an emoji
    value, _ = parse(text, "a.json")
    assert value == {"a": "shipped \U0001f680", "b": "\\ud83d\\ude80 stays literal"}
    assert value.key_lines == {"a": 2, "b": 3}


def test_lone_surrogate_escape_is_refused() -> None:
    with pytest.raises(InputFileError) as caught:
        parse('{"a": "\\ud83d alone"}', "a.json")
    assert str(caught.value.problems[0]).startswith("a.json:1: invalid YAML: ")


def test_surrogate_escapes_outside_json_are_left_to_yaml() -> None:
    value, _ = parse("a: '\\ud83d\\ude80'\n", "a.yaml")  # single-quoted YAML: a literal backslash
    assert value == {"a": "\\ud83d\\ude80"}

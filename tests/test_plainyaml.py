"""The plain reader of answers files gives exactly what PyYAML gives, or leaves the file to PyYAML.

`pmpath.plainyaml` reads `key: value` files without PyYAML. Hypothesis writes files from
the pieces answers files are made of, and from the pieces that look like them but mean
something else in YAML (octal numbers, dates, booleans in odd case, quotes, comments,
indentation that does not line up, repeated keys). For each, the plain reader must either
decline or agree with `pmpath.yamlfile` on every value, every line number and every key's line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmpath import plainyaml, yamlfile
from pmpath.checks import YamlList, YamlMap
from pmpath.errors import InputFileError

KEYS = [
    "profile",
    "answers",
    "years",
    "title",
    "yes",
    "no",
    "null",
    "1",
    "apm-spec-shipped",
    "pm-x_1",
    "-a",
    "a b",
]
SCALARS = [
    "yes", "Yes", "YES", "yEs", "no", "NO", "on", "Off", "true", "False", "y", "n", "partial", "na", "null", "Null",
    "NULL", "nULL", "~", "0", "6", "-1", "-0", "+1", "007", "0o17", "0x1F", "1_000", "1.2", "01.5", "1.", ".5", "-.5",
    "09", "010", "1e3", "1.5e3", ".inf", ".NaN", "nan", "2024-01-01", "12:30", "1:20", "Senior PM", "Senior  PM", "R&D lead",
    "manager's", "a/b (c)", "Zoë", "x: y", "x #y", "x#y", "#", '"quoted"', '"it\'s"', '"a\\"b"', '"tab\\t"', "'single'",
    "'it''s'", "''", '""', "'a \"b\"'", "{}", "{years: 6, company: startup}", "{a: 1,}", "{a:1}", "{a: {b: 1}}",
    "[a, b]", "- a", "&x 1", "*x", "!!str 1", "|", ">", "%", "@x", "`x", "{a: 'b'}", "{a: yes, a: no}",
    "  trailing  ", "\u00a0x", "value\u200b", '"a\x01b"', '"x\x85"', "'\ufeffx'", '"\ud800"', '"\U0001f680 launch"',
]  # fmt: skip
COMMENTS = ["", "  # a note", " #", "# not a comment"]


@st.composite
def lines(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from(["", "", "  ", "    ", " ", "\t"]))
    kind = draw(st.sampled_from(["pair", "pair", "pair", "open", "comment", "blank", "raw"]))
    if kind == "comment":
        return f"{indent}# {draw(st.sampled_from(SCALARS))}"
    if kind == "blank":
        return indent
    if kind == "raw":
        return indent + draw(st.sampled_from(["---", "...", "- x", "key", ":", "a:b", "? a", "%YAML 1.1"]))
    key = draw(st.sampled_from(KEYS))
    if kind == "open":
        return f"{indent}{key}:{draw(st.sampled_from(COMMENTS))}"
    return f"{indent}{key}: {draw(st.sampled_from(SCALARS))}{draw(st.sampled_from(COMMENTS))}"


DOCUMENTS = st.lists(lines(), min_size=1, max_size=12).map("\n".join) | st.builds(
    lambda profile, answers: "profile:\n" + profile + "\nanswers:\n" + answers + "\n",
    st.lists(st.sampled_from(["  years: 6", "  title: Senior PM", "  company: startup", '  name: "Zoë"']), max_size=4)
    .map("\n".join),
    st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(SCALARS)), max_size=6)
    .map(lambda pairs: "\n".join(f"  {k}: {v}" for k, v in pairs)),
)  # fmt: skip


def with_lines(value: Any) -> Any:
    """A value with every line number PyYAML's reader records, for comparison."""
    if isinstance(value, YamlMap):
        return ("map", value.line, value.key_lines, {key: with_lines(item) for key, item in value.items()})
    if isinstance(value, YamlList):
        return ("list", value.line, value.item_lines, [with_lines(item) for item in value])
    return (type(value).__name__, value)


def pyyaml(text: str) -> Any:
    try:
        value, problems = yamlfile.parse(text, "f.yaml")
    except InputFileError as error:
        return ("error", [problem.message for problem in error.problems])
    return with_lines(value), [problem.message for problem in problems]


@given(DOCUMENTS)
@example("profile:\n  years: 6\nanswers:\n  apm-spec-shipped: yes  # shipped in May\n")
@example("answers:\n  # none yet\n  a: partial\nprofile:\n")
@example("a:\n    b: 1\n  c: 2\n")
@example("a: 1\na: 2\n")
@example("title: Senior\n  PM\n")
@example('profile: yes\n# "a\x01b"')  # a control character in a comment: PyYAML's error
@example("a: 1\n# x\x85b: 2\n")  # NEL, U+2028 and U+2029 end a line for PyYAML
@example("a:\n# \u2028  b: 1\n")
@example("a: {" + "k" * 1025 + ": 1}\n")  # PyYAML's longest plain key
@settings(max_examples=1500, deadline=None)
def test_the_plain_reader_agrees_with_pyyaml_or_leaves_the_file_to_it(text: str) -> None:
    try:
        value = plainyaml._Reader(text).document()
    except plainyaml._NotPlain:
        return
    assert (with_lines(value), []) == pyyaml(text)


def test_a_file_with_more_keys_than_it_reads_goes_to_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML applies pmpath's limit on values (yamlfile.MAX_NODES) and words the refusal.
    monkeypatch.setattr(plainyaml, "_MAX_PAIRS", 10)
    with pytest.raises(plainyaml._NotPlain):
        plainyaml._Reader("".join(f"k{i}: yes\n" for i in range(11))).document()
    with pytest.raises(plainyaml._NotPlain):
        plainyaml._Reader("a: {" + ", ".join(f"k{i}: 1" for i in range(10)) + "}\n").document()
    assert len(plainyaml._Reader("".join(f"k{i}: yes\n" for i in range(10))).document()) == 10


def test_the_files_pmpath_writes_are_read_without_pyyaml(tmp_path: Path) -> None:
    # The template, and a sheet with a profile: what `assess --template` and `--save-answers` write.
    from helpers import cli

    code, template, _ = cli("assess", "--template")
    assert code == 0
    value = plainyaml._Reader(template).document()
    assert (with_lines(value), []) == pyyaml(template)
    assert "answers" in value


@pytest.mark.parametrize(
    "text",
    [
        "profile: {years: 6, background: engineering, company: scale-up}\nanswers:\n  apm-spec-shipped: yes\n",
        '# pmpath answers\nprofile:\n  title: "Senior PM, Payments"\n  years: 4.5\nanswers:\n  pm-x: partial  # Q3\n',
        "profile:\n  name: 'Zoë'\nanswers:\n  pm-x: na\n  pm-y: no\n  pm-z:\n",
    ],
)
def test_the_usual_shapes_of_an_answers_file_are_read_without_pyyaml(text: str) -> None:
    value = plainyaml._Reader(text).document()  # raises _NotPlain if it would need PyYAML
    assert (with_lines(value), []) == pyyaml(text)


def test_an_answers_file_with_more_yaml_is_still_read(tmp_path: Path) -> None:
    # A list, an escape and a date are PyYAML's to read: the result is the same file, read fully.
    text = 'profile:\n  title: "Senior PM\\u00e9"\n  since: 2024-01-01\nanswers: {apm-spec-shipped: yes}\n'
    value, problems = plainyaml.parse(text, "me.yaml")
    assert value == {
        "profile": {"title": "Senior PMé", "since": "2024-01-01"},
        "answers": {"apm-spec-shipped": True},
    }
    assert problems == []


@pytest.mark.parametrize(
    "text", ["answers:\n  a: yes\n  b: [unclosed\n", "answers:\n  a: yes\n  a: no\n", "# empty\n"]
)
def test_every_error_is_pyyamls_with_the_file_and_line(text: str) -> None:
    def problems(parse: Any) -> list[Any]:
        try:
            found: list[Any] = parse(text, "me.yaml")[1]
            return found
        except InputFileError as error:
            return ["raised", *error.problems]

    found = problems(plainyaml.parse)
    assert found == problems(yamlfile.parse)
    assert found and all(p.file == "me.yaml" for p in found if not isinstance(p, str))


def test_reading_a_plain_answers_file_does_not_import_pyyaml() -> None:
    import subprocess

    probe = (
        "import sys\nfrom pmpath import plainyaml\n"
        "plainyaml.parse('profile:\\n  years: 2\\nanswers:\\n  apm-spec-shipped: yes\\n', 'f')\n"
        "print('yaml' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"

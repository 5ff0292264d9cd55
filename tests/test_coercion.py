"""pmpath's own coercion of plain option values gives exactly what typer's would, and keeps pydantic unloaded.

`pmpath.cli.coercion` answers the certain cases itself (no value, a text, a choice's
exact name, a path that asks for no check) and hands everything else to typer. These
tests hold it to typer's own coercion for every option of every command, over values
hypothesis picks: the same value back, or the same error in the same words.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import child_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.cli import COMMANDS
from pmpath.cli.coercion import PlainCoercion, reworded
from pmpath.cli.root import app

typer_coercion = pytest.importorskip(
    "typer._coercion", reason="typer before 0.29 coerces through Click types; pmpath leaves it alone"
)
if not hasattr(typer_coercion, "build_runtime_param"):  # pragma: no cover - a typer with another design
    pytest.skip("this typer has no per-parameter coercion hook", allow_module_level=True)

ROOT_COMMAND: Any = typer.main.get_command(app)
ROOT_CONTEXT = ROOT_COMMAND.make_context("pmpath", ["levels"])  # parses the root options, as a run does


def every_parameter() -> Iterator[tuple[str, Any, Any]]:
    """(command name, parameter, its context) for every typer parameter, help options included."""
    for param in ROOT_COMMAND.get_params(ROOT_CONTEXT):
        yield "pmpath", param, ROOT_CONTEXT
    for name in COMMANDS:
        command = ROOT_COMMAND.get_command(ROOT_CONTEXT, name)
        context = typer.Context(command, info_name=name, parent=ROOT_CONTEXT)
        for param in command.get_params(context):
            yield name, param, context
        for sub_name in getattr(command, "commands", {}):  # history's subcommands
            sub = command.get_command(context, sub_name)
            sub_context = typer.Context(sub, info_name=sub_name, parent=context)
            yield from ((f"{name} {sub_name}", param, sub_context) for param in sub.get_params(sub_context))


PARAMETERS = [item for item in every_parameter() if hasattr(item[1], "type_descriptor")]


def outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", repr(coerce(value, param=param, ctx=ctx))  # repr: 3 and 3.0 differ
    except Exception as error:  # the comparison is the point: any error, compared by type and words
        words = error.message if isinstance(getattr(error, "message", None), str) else str(error)  # type: ignore[attr-defined]
        return type(error).__name__, words


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("coercion")
    (root / "answers.yaml").write_text("answers: {}\n")
    (root / "folder").mkdir()
    return {
        "file": str(root / "answers.yaml"),
        "folder": str(root / "folder"),
        "missing": str(root / "nope.md"),
    }


def values_for(param: Any, files: dict[str, str]) -> st.SearchStrategy[Any]:
    """Values as Click hands them over: None, texts, paths that exist or not, and for choices their names."""
    annotation = param.type_descriptor.annotation
    texts = st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=12)
    numbers = ["0", "3", "-1", "03", "3.0", "0.7", "-0.5", ".5", "5.", "1_000", " 3", "+3", "1e-1", "9" * 20]
    known: list[Any] = [
        None,
        "",
        "-",
        "yes",
        "~",
        *numbers,
        *files.values(),
        Path(files["file"]),
        True,
        False,
        0.7,
        3,
        2.0,
    ]
    paths = st.lists(st.sampled_from([*files.values(), "-", ""]) | texts, max_size=3)
    strategies = [st.sampled_from(known), texts, paths.map(tuple), paths]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        names = [str(member.value) for member in annotation]
        strategies.append(
            st.sampled_from(names).flatmap(lambda n: st.sampled_from([n, n.upper(), n.title(), f" {n}"]))
        )
        strategies.append(st.sampled_from(list(annotation)))
    return st.one_of(strategies)


@pytest.mark.parametrize(
    ("name", "param", "ctx"), PARAMETERS, ids=[f"{name} {param.name}" for name, param, _ in PARAMETERS]
)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_option_coerces_as_typer_does(
    name: str, param: Any, ctx: Any, files: dict[str, str], data: Any
) -> None:
    value = data.draw(values_for(param, files))
    typers = typer_coercion.build_runtime_param(param.type_descriptor)
    ours = PlainCoercion(param.type_descriptor)
    theirs = outcome(typers.coerce, value, param, ctx)
    if theirs[0] == "BadParameter":  # pmpath words pydantic's phrases its own way, and only those
        theirs = (theirs[0], reworded(theirs[1], value))
    assert outcome(ours.coerce, value, param, ctx) == theirs


def test_a_path_it_cannot_read_gets_typers_own_message(
    files: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, who reads everything: pretend the file is unreadable, for both.
    _, param, ctx = next(item for item in PARAMETERS if item[0] == "pmpath" and item[1].name == "data")
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    typers = typer_coercion.build_runtime_param(param.type_descriptor)
    ours, theirs = (
        outcome(c.coerce, files["folder"], param, ctx) for c in (PlainCoercion(param.type_descriptor), typers)
    )
    assert ours == theirs
    assert ours[0] == "BadParameter" and "is not readable" in ours[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["history", "--limit", "abc"], "Invalid value for '--limit' / '-n': 'abc' is not a whole number."),
        (["team", ".", "--ready", "x"], "Invalid value for '--ready': 'x' is not a number."),
        (["show", "pm", "--format", "pdf"], "Invalid value for '--format' / '-f': 'pdf' is not one of"),
    ],
)
def test_a_wrong_option_value_is_worded_for_people(argv: list[str], message: str) -> None:
    from helpers import cli

    code, _, err = cli(*argv)
    assert code == 2 and message in err and "Input should" not in err and "Value error" not in err


def test_every_parameter_of_every_command_gets_the_plain_coercion() -> None:
    # If a typer release renames the hook, install() does nothing and start-up quietly
    # gains ~90 ms: this test is what notices. PARAMETERS come through pmpath's own group.
    missing = [
        f"{name} {param.name}"
        for name, param, _ in PARAMETERS
        if not isinstance(param._runtime_param, PlainCoercion)
    ]
    assert missing == []


COMMON = [
    ["show", "senior-pm", "--json"],
    ["levels"],
    ["show", "-h"],
    ["history", "--json"],
    ["history", "show", "-h"],
]


@pytest.mark.parametrize("argv", COMMON, ids=" ".join)
def test_the_common_commands_never_load_pydantic(argv: list[str], tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from pmpath.cli import main\n"
        f"sys.argv = ['pmpath', *{argv!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'typer._adapters')\n"
        "sys.stderr.write('LOADED ' + ' '.join(loaded))\n"
    )
    (tmp_path / "alice.yaml").write_text("profile:\n  name: Alice\nanswers:\n  apm-spec-shipped: yes\n")
    run = subprocess.run(
        [sys.executable, "-c", probe],
        env=child_env(tmp_path / "home"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "LOADED", run.stderr[-500:]

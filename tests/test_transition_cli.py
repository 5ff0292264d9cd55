"""`pmpath transition`: paths into product from another discipline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from personas import cli, shipped

import pmpath.cli.growth  # noqa: F401  (registers the commands until pmpath.cli imports it)
from pmpath.cli import app
from pmpath.cli.growth import complete_background
from pmpath.framework import shipped_data_dir
from pmpath.model import Framework
from pmpath.render.json import milestone_dict
from pmpath.transitions import Transitions, load_transitions

DATA = shipped_data_dir()
EXAMPLES = DATA.parent / "examples"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return shipped()


@pytest.fixture(scope="module")
def transitions(framework: Framework) -> Transitions:
    loaded = load_transitions(DATA, framework)
    assert loaded is not None
    return loaded


def test_transition_json_is_the_whole_path(framework: Framework, transitions: Transitions) -> None:
    code, stdout, stderr = cli("transition", "engineering", "--json")

    assert (code, stderr) == (0, "")
    path = transitions.find("engineering")
    milestones = framework.milestone_ids()
    assert json.loads(stdout) == {
        "background": "engineering",
        "title": "From engineering to product",
        "brings": list(path.brings),
        "shift": path.shift,
        "exercise": path.exercise,
        "first_steps": list(path.first_steps),
        "likely_milestones": [milestone_dict(milestones[m]) for m in path.likely_milestones],
        "facts": list(transitions.facts),
    }
    import yaml  # read independently of pmpath, as a reviewer would

    in_file = yaml.safe_load((DATA / "transitions.yaml").read_text(encoding="utf-8"))["transitions"]
    engineering = next(entry for entry in in_file if entry["background"] == "engineering")
    assert [m["id"] for m in json.loads(stdout)["likely_milestones"]] == engineering["likely_milestones"]
    assert engineering["likely_milestones"]  # not an empty list compared with an empty list


def test_transition_human(framework: Framework, transitions: Transitions) -> None:
    code, stdout, _ = cli("transition", "Design")

    assert code == 0
    text = " ".join(stdout.split())
    path = transitions.find("design")
    assert text.startswith("From design to product What you bring • Deep user empathy")
    for heading in ("The shift", "Portfolio exercise", "First steps", "Good to know"):
        assert heading in text
    assert " ".join(path.shift.split()) in text
    assert f"1. {path.first_steps[0]}" in text
    assert "Milestones of Associate Product Manager you likely meet already" in text
    interviews = framework.milestone_ids()["apm-customer-interviews"]
    assert f"✓ {interviews.text} (apm-customer-interviews)" in text
    assert " ".join(transitions.facts[0].split()) in text


def test_transition_without_a_background_lists_them() -> None:
    code, stdout, _ = cli("transition")
    assert code == 0
    assert "engineering From engineering to product" in " ".join(stdout.split())
    assert "pmpath transition BACKGROUND" in stdout
    listing = json.loads(cli("transition", "--json")[1])
    assert listing == [
        {"background": "engineering", "title": "From engineering to product"},
        {"background": "design", "title": "From design to product"},
        {"background": "marketing", "title": "From marketing to product"},
    ]


def test_an_unknown_background_exits_2_with_the_list() -> None:
    code, stdout, stderr = cli("transition", "desgn")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "Error: no path into product from 'desgn'\n"
        "Did you mean 'design'? Known backgrounds: engineering, design, marketing\n"
    )


def test_a_ladder_without_transitions_exits_2() -> None:
    ladder = EXAMPLES / "ic-ladder"
    code, stdout, stderr = cli("--data", str(ladder), "transition", "design")
    assert (code, stdout) == (2, "")
    assert (
        f"Error: {ladder / 'transitions.yaml'}: the ladder 'Acme SaaS IC ladder' has no paths into product"
        in stderr
    )
    assert "add a transitions.yaml" in stderr


def test_backgrounds_complete(tmp_path: Path) -> None:
    from typer.main import get_command

    command = get_command(app)
    context = command.make_context("pmpath", ["transition"], resilient_parsing=True)
    assert complete_background(context, "") == ["engineering", "design", "marketing"]
    assert complete_background(context, "De") == ["design"]
    broken = command.make_context("pmpath", ["--data", str(tmp_path), "transition"], resilient_parsing=True)
    assert complete_background(broken, "") == []

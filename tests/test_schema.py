"""`pmpath schema NAME` and schemas/*.schema.json: the files and the output they describe validate."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from personas import DATA, ROOT, all_personas, shipped, write_answers
from typer.testing import CliRunner

import pmpath.cli.tools  # noqa: F401  (registers validate and schema until pmpath.cli imports it)
from pmpath.answers import PROFILE_KEYS, RESPONSE_KEYS, SHEET_KEYS, dump_answer_sheet, read_answer_sheet
from pmpath.cli import app
from pmpath.framework import LADDER_KEYS, LEVEL_KEYS, MILESTONE_KEYS
from pmpath.schema import NAMES, schema
from pmpath.transitions import FILE_KEYS, TRANSITION_KEYS

SCHEMAS = ROOT / "schemas"
EXAMPLES = [ROOT / "examples" / "ic-ladder", ROOT / "examples" / "dual-track"]
FRAMEWORKS = [DATA, *EXAMPLES]


def validator(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(document, format_checker=jsonschema.FormatChecker())


def errors(name: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(instance)
    ]


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # an independent reader, as an editor would use


# --------------------------------------------------------------------------- the command and the files


@pytest.mark.parametrize("name", NAMES)
def test_schema_command_prints_the_committed_file(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, ["schema", name])
    assert (result.exit_code, result.stderr) == (0, "")
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, f"regenerate with: python -m pmpath.schema {SCHEMAS}"


def test_schemas_directory_holds_exactly_the_schemas() -> None:
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(f"{name}.schema.json" for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    document = schema(name)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


def test_schema_name_is_case_insensitive(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "LEVELS"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "pmpath levels.yaml"


def test_unknown_schema_name_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "ladder"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        "'ladder' is not one of 'levels', 'milestones', 'transitions', 'answers', 'result'" in result.stderr
    )


def framework_yaml_files() -> list[Path]:
    return sorted(p for d in FRAMEWORKS for p in d.glob("*.yaml") if p.name != "answers-sample.yaml")


@pytest.mark.parametrize("path", framework_yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_schema_comment_of_each_yaml_file_points_at_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert found, f"{path} does not start with a yaml-language-server $schema line"
    target = (path.parent / found.group(1)).resolve()
    assert target == SCHEMAS / f"{path.stem}.schema.json"


def test_schemas_know_the_loaders_keys() -> None:
    """A key added to the loader and not to the schema (or back) fails here, not in an editor."""
    levels, milestones, transitions, answers = (
        schema(n) for n in ("levels", "milestones", "transitions", "answers")
    )
    assert list(levels["properties"]) == list(LADDER_KEYS)
    assert list(levels["$defs"]["level"]["properties"]) == list(LEVEL_KEYS)
    assert list(milestones["$defs"]["milestone"]["properties"]) == list(MILESTONE_KEYS)
    assert list(transitions["properties"]) == list(FILE_KEYS)
    assert list(transitions["$defs"]["transition"]["properties"]) == list(TRANSITION_KEYS)
    assert list(answers["properties"]) == list(SHEET_KEYS)
    assert list(answers["properties"]["profile"]["properties"]) == list(PROFILE_KEYS)
    assert list(answers["$defs"]["response"]["properties"]) == list(RESPONSE_KEYS)


# --------------------------------------------------------------------------- real files validate


@pytest.mark.parametrize("directory", FRAMEWORKS, ids=lambda d: d.name)
def test_framework_files_validate(directory: Path) -> None:
    assert errors("levels", load_yaml(directory / "levels.yaml")) == []
    assert errors("milestones", load_yaml(directory / "milestones.yaml")) == []


def test_shipped_transitions_validate() -> None:
    assert errors("transitions", load_yaml(DATA / "transitions.yaml")) == []


@pytest.mark.parametrize("directory", EXAMPLES, ids=lambda d: d.name)
def test_example_answers_validate(directory: Path) -> None:
    assert errors("answers", load_yaml(directory / "answers-sample.yaml")) == []


def test_answers_written_by_pmpath_validate(tmp_path: Path) -> None:
    framework = shipped()
    for persona in all_personas(framework):
        path = write_answers(tmp_path / f"{persona.name}.yaml", persona.document())
        sheet = read_answer_sheet(str(path), framework)
        assert errors("answers", yaml.safe_load(dump_answer_sheet(sheet, framework))) == []
        assert errors("answers", load_yaml(path)) == []


def assess_document(runner: CliRunner, answers: Path, *data: str) -> dict[str, Any]:
    result = runner.invoke(app, [*data, "assess", "--answers", str(answers), "--json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_assess_json_of_every_persona_validates(runner: CliRunner, tmp_path: Path) -> None:
    levels_seen = set()
    for persona in all_personas(shipped()):
        path = write_answers(tmp_path / f"{persona.name}.yaml", persona.document())
        document = assess_document(runner, path)
        assert errors("result", document) == []
        levels_seen.add(document["level"]["id"] if document["level"] else None)
    assert None in levels_seen and "cpo" in levels_seen  # below the first level and at the top: both nulls


@pytest.mark.parametrize("directory", EXAMPLES, ids=lambda d: d.name)
def test_assess_json_of_the_examples_validates(runner: CliRunner, directory: Path) -> None:
    document = assess_document(runner, directory / "answers-sample.yaml", "--data", str(directory))
    assert errors("result", document) == []
    assert document["gaps"] and any(gap["note"] is None for gap in document["gaps"])


# --------------------------------------------------------------------------- the schemas reject real mistakes


def shipped_levels() -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(DATA / "levels.yaml")
    return document


def shipped_milestones() -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(DATA / "milestones.yaml")
    return document


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["levels"][0].update(titel="x"),
            "levels/0: Additional properties are not allowed ('titel'",
        ),
        (lambda d: d["levels"][0].update(id="Senior PM"), "levels/0/id: 'Senior PM' does not match"),
        (lambda d: d["levels"][0].update(id="x" * 65), "is too long"),
        (
            lambda d: d["levels"][1].update(pass_threshold=0),
            "levels/1/pass_threshold: 0 is less than or equal",
        ),
        (lambda d: d["levels"][1].update(pass_threshold=1.5), "levels/1/pass_threshold: 1.5 is greater than"),
        (
            lambda d: d["scoring"].update(pass_threshold="high"),
            "scoring/pass_threshold: 'high' is not of type",
        ),
        (lambda d: d["levels"][0].update(track="ic"), "levels/0/track: 'ic' is not one of"),
        (lambda d: d["levels"][0].update(title="  "), "levels/0/title: '  ' does not match"),
        (lambda d: d["levels"][0].pop("title"), "levels/0: 'title' is a required property"),
        (lambda d: d.update(levels=d["levels"][:1]), "levels: [{"),
        (lambda d: d.update(levels={"apm": {}}), "levels: {'apm': {}} is not of type 'array'"),
    ],
)
def test_levels_schema_rejects(change: Any, expected: str) -> None:
    document = copy.deepcopy(shipped_levels())
    change(document)
    found = errors("levels", document)
    assert any(expected in error for error in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m.update(weight=4), "milestones/0/weight: 4 is greater than the maximum of 3"),
        (lambda m: m.update(weight="heavy"), "milestones/0/weight: 'heavy' is not of type 'integer'"),
        (lambda m: m.update(required="yes please"), "milestones/0/required: 'yes please' is not of type"),
        (lambda m: m.update(category="craft"), "milestones/0/category: 'craft' is not one of"),
        (lambda m: m.pop("level"), "milestones/0: 'level' is a required property"),
        (lambda m: m.update(text=["a"]), "milestones/0/text: ['a'] is not of type 'string'"),
    ],
)
def test_milestones_schema_rejects(change: Any, expected: str) -> None:
    document = copy.deepcopy(shipped_milestones())
    change(document["milestones"][0])
    found = errors("milestones", document)
    assert any(expected in error for error in found), found


@pytest.mark.parametrize("answer", ["yes", "YES", " Partial ", "partly", "no", True, False, "on", "OFF"])
def test_answers_schema_accepts_what_pmpath_reads(answer: Any) -> None:
    assert errors("answers", {"answers": {"pm-metric-impact": answer}}) == []
    assert (
        errors("answers", {"answers": {"pm-metric-impact": {"answer": answer, "evidence": "A note"}}}) == []
    )


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"answers": {"pm-metric-impact": "maybe"}}, "answers/pm-metric-impact: 'maybe' is not valid"),
        ({"answers": {"pm-metric-impact": 1}}, "answers/pm-metric-impact: 1 is not valid"),
        ({"answers": {"pm-metric-impact": {"evidence": "x"}}}, "answers/pm-metric-impact: {'evidence': 'x'}"),
        ({"answers": {"Bad Id": "yes"}}, "answers: 'Bad Id' does not match"),
        ({"answer": {}}, ": 'answers' is a required property"),
        ({"answers": {}, "profile": {"years": -1}}, "profile/years: -1 is less than the minimum of 0"),
        ({"answers": {}, "profile": {"company": "agency"}}, "profile/company: 'agency' is not one of"),
        ([], ": [] is not of type 'object'"),
    ],
)
def test_answers_schema_rejects(document: Any, expected: str) -> None:
    found = errors("answers", document)
    assert any(expected in error for error in found), found


def test_result_schema_rejects_a_renamed_field(runner: CliRunner, tmp_path: Path) -> None:
    persona = all_personas(shipped())[0]
    document = assess_document(runner, write_answers(tmp_path / "a.yaml", persona.document()))
    document["levels"][0]["passed"] = document["levels"][0].pop("met")
    found = errors("result", document)
    assert "levels/0: 'met' is a required property" in found
    assert any("Additional properties are not allowed ('passed'" in error for error in found)

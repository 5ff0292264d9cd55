"""JSON Schemas (draft 2020-12) of the files pmpath reads and of `assess --json` output.

Editors use them through the `# yaml-language-server: $schema=...` line at the top
of each YAML file, scripts to check what they feed pmpath or read from it. Each
schema describes what the loader accepts, built from the same constants (keys,
categories, tracks), so the two cannot drift apart silently. A schema cannot say
everything the loader checks (unique ids, a milestone's level existing, a title
naming another level): `pmpath validate` does.

`schemas/*.schema.json` are these dicts as `pmpath schema NAME` prints them;
regenerate them with `python -m pmpath.schema schemas`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pmpath.answers import MAX_YEARS, PROFILE_KEYS, RESPONSE_KEYS, SHEET_KEYS
from pmpath.checks import MAX_ID_LENGTH, SLUG
from pmpath.framework import (
    LADDER_KEYS,
    LEVEL_KEYS,
    LEVEL_TEXT_KEYS,
    MILESTONE_KEYS,
)
from pmpath.model import BACKGROUNDS, CATEGORIES, COMPANY_TYPES, TRACKS
from pmpath.transitions import FILE_KEYS, TRANSITION_KEYS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NAMES = ("levels", "milestones", "transitions", "answers", "result")
"""Every schema `pmpath schema` prints, in help order."""

Schema = dict[str, Any]

# ---------------------------------------------------------------- building blocks

_TEXT: Schema = {"type": "string", "pattern": r"\S", "description": "Text that is not blank."}
_SLUG: Schema = {
    "type": "string",
    "pattern": f"^{SLUG.pattern}$",
    "maxLength": MAX_ID_LENGTH,
    "description": "A lowercase slug: letters, digits and single dashes, e.g. senior-pm.",
}
_THRESHOLD: Schema = {
    "type": "number",
    "exclusiveMinimum": 0,
    "maximum": 1,
    "description": "The score (above 0, at most 1) at or above which a level can be met.",
}


def _optional(schema: Schema) -> Schema:
    """A field the loader also accepts as null (the same as leaving it out)."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def _text_list(description: str) -> Schema:
    return _optional({"type": "array", "items": _TEXT, "description": description})


ALL = ("*",)
"""As `required`: every property (output documents always hold every key)."""


def _object(properties: dict[str, Schema], required: tuple[str, ...] = (), **extra: Any) -> Schema:
    schema: Schema = {"type": "object", **extra, "properties": properties}
    if required == ALL:
        required = tuple(properties)
    if required:
        schema["required"] = list(required)
    schema["additionalProperties"] = False
    return schema


def _document(title: str, description: str, body: Schema, defs: dict[str, Schema]) -> Schema:
    return {
        "$schema": DRAFT,
        "title": title,
        "description": description,
        **body,
        "$defs": defs,
    }


def _companies(description: str) -> Schema:
    return _optional(
        _object(
            {company: _optional(_TEXT) for company in COMPANY_TYPES},
            description=description,
        )
    )


# ---------------------------------------------------------------- levels.yaml


def levels_schema() -> Schema:
    level_texts = {
        "summary": "What the level is, in two or three sentences.",
        "scope": "What a person at this level owns.",
        "mindset": "The shift of thinking this level asks for.",
        "typical_tenure": "Time people usually spend at this level, e.g. 2-3 years.",
        "reports_to": "Who people at this level report to.",
        "manages": "Who they manage, if anyone.",
        "compensation": "Pay, in whatever form the company shares it.",
    }
    level_properties: dict[str, Schema] = {
        "id": {**_SLUG, "description": "Unique id of the level, used by `pmpath show` and in milestones."},
        "title": {**_TEXT, "description": "The job title, e.g. Senior Product Manager."},
        "aliases": _text_list("Other names of the level; none may name another level."),
        "track": _optional({"enum": list(TRACKS), "description": "Default: individual-contributor."}),
        "responsibilities": _text_list("What people at this level do."),
        "tenure_by_company": _companies("Time to the next step, by company type."),
        "pass_threshold": {**_THRESHOLD, "description": "Overrides scoring.pass_threshold for this level."},
        **{key: _optional({**_TEXT, "description": level_texts[key]}) for key in LEVEL_TEXT_KEYS},
    }
    level = _object(
        {key: level_properties[key] for key in LEVEL_KEYS},
        ("id", "title"),
        description="One rung of the ladder; rank is its position in the list, lowest first.",
    )
    properties: dict[str, Schema] = {
        "name": _optional({**_TEXT, "description": "The ladder's name (default: the directory's name)."}),
        "description": _optional(_TEXT),
        "scoring": _object(
            {"pass_threshold": {**_THRESHOLD, "default": 0.8}},
            description="Ladder-wide scoring settings.",
        ),
        "companies": _companies("One line of context per company type."),
        "levels": {
            "type": "array",
            "minItems": 2,
            "items": {"$ref": "#/$defs/level"},
            "description": "The levels, lowest first.",
        },
    }
    body = _object({key: properties[key] for key in LADDER_KEYS}, ("levels",))
    return _document(
        "pmpath levels.yaml",
        "The levels of a career ladder: pmpath reads them from levels.yaml in a framework directory.",
        body,
        {"level": level},
    )


# ---------------------------------------------------------------- milestones.yaml


def milestones_schema() -> Schema:
    properties: dict[str, Schema] = {
        "id": {**_SLUG, "description": "Unique id of the milestone, used in answers files."},
        "level": {**_SLUG, "description": "Id of the level this milestone qualifies for."},
        "text": {**_TEXT, "description": "The statement, third person: Has shipped ... ."},
        "question": _optional({**_TEXT, "description": "How the assessment asks it (default: from text)."}),
        "category": _optional({"enum": list(CATEGORIES), "description": "Default: execution."}),
        "weight": {
            "type": "integer",
            "minimum": 1,
            "maximum": 3,
            "default": 1,
            "description": "How much it counts towards its level's score.",
        },
        "required": {
            "type": "boolean",
            "default": False,
            "description": "A required milestone must be answered yes for its level to be met.",
        },
        "evidence": _optional({**_TEXT, "description": "What would prove it."}),
        "advice": _optional({**_TEXT, "description": "One concrete step to close the gap."}),
    }
    milestone = _object(
        {key: properties[key] for key in MILESTONE_KEYS},
        ("id", "level", "text"),
        description="One observable achievement that qualifies a person for a level.",
    )
    body = _object(
        {"milestones": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/milestone"}}},
        ("milestones",),
    )
    return _document(
        "pmpath milestones.yaml",
        "The milestones of a career ladder, each for one level: milestones.yaml in a framework directory.",
        body,
        {"milestone": milestone},
    )


# ---------------------------------------------------------------- transitions.yaml


def transitions_schema() -> Schema:
    properties: dict[str, Schema] = {
        "background": {**_SLUG, "description": f"Where people come from, e.g. {', '.join(BACKGROUNDS)}."},
        "title": _TEXT,
        "brings": _text_list("Strengths they already have."),
        "shift": {**_TEXT, "description": "The main change of mindset."},
        "exercise": {**_TEXT, "description": "One concrete portfolio exercise."},
        "first_steps": _text_list("What to do first."),
        "likely_milestones": {
            **_optional({"type": "array", "items": _SLUG}),
            "description": "Ids of first-level milestones they are likely to meet already.",
        },
    }
    transition = _object(
        {key: properties[key] for key in TRANSITION_KEYS},
        ("background", "title", "shift", "exercise"),
        description="How a person moves into product from another discipline.",
    )
    file_properties: dict[str, Schema] = {
        "facts": _text_list("Facts about moving into product."),
        "transitions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/transition"}},
    }
    body = _object({key: file_properties[key] for key in FILE_KEYS}, ("transitions",))
    return _document(
        "pmpath transitions.yaml",
        "Paths into product management from other disciplines: the optional transitions.yaml.",
        body,
        {"transition": transition},
    )


# ---------------------------------------------------------------- answers files


def _case_insensitive(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


def answers_schema() -> Schema:
    words = "|".join(_case_insensitive(w) for w in ("yes", "partial", "partly", "no"))
    answer: Schema = {
        "description": "yes, partial (or partly) or no, in any case; YAML booleans count as yes and no.",
        "anyOf": [
            {"enum": ["yes", "partial", "no"]},
            {"type": "boolean"},
            {"type": "string", "pattern": f"^\\s*(?:{words})\\s*$"},
            # YAML 1.1 booleans, which pmpath reads as such, are strings to a YAML 1.2 editor.
            {"enum": [w for b in ("true", "false", "on", "off") for w in (b, b.title(), b.upper())]},
        ],
    }
    response_properties: dict[str, Schema] = {
        "answer": {"$ref": "#/$defs/answer"},
        "evidence": _optional({**_TEXT, "description": "A note."}),
    }
    response = _object(
        {key: response_properties[key] for key in RESPONSE_KEYS},
        ("answer",),
        description="An answer with a note of evidence.",
    )
    profile_properties: dict[str, Schema] = {
        "years": {
            "type": ["number", "null"],
            "minimum": 0,
            "maximum": MAX_YEARS,
            "description": "Years in product management.",
        },
        "title": _optional({**_TEXT, "description": "Current job title."}),
        "background": _optional({"enum": list(BACKGROUNDS), "description": "Where you came from."}),
        "company": _optional({"enum": list(COMPANY_TYPES), "description": "The kind of company."}),
    }
    profile = _optional(
        _object(
            {key: profile_properties[key] for key in PROFILE_KEYS},
            description="Who is answering: context for the advice, never part of the score.",
        )
    )
    answers: Schema = {
        "type": ["object", "null"],
        "description": "Milestone id to answer; milestones left out count as no.",
        "propertyNames": _SLUG,
        "additionalProperties": {"anyOf": [{"$ref": "#/$defs/answer"}, {"$ref": "#/$defs/response"}]},
    }
    sheet_properties = {"profile": profile, "answers": answers}
    body = _object({key: sheet_properties[key] for key in SHEET_KEYS}, ("answers",))
    return _document(
        "pmpath answers file",
        "A person's answers, read by `pmpath assess --answers FILE` (YAML or JSON).",
        body,
        {"answer": answer, "response": response},
    )


# ---------------------------------------------------------------- assess --json


def result_schema() -> Schema:
    number_0_1: Schema = {"type": "number", "minimum": 0, "maximum": 1}
    level_ref = _object(
        {"id": _SLUG, "title": {"type": "string"}, "rank": {"type": "integer", "minimum": 1}},
        ALL,
    )
    level_score = _object(
        {
            "id": _SLUG,
            "title": {"type": "string"},
            "rank": {"type": "integer", "minimum": 1},
            "score": number_0_1,
            "threshold": _THRESHOLD,
            "met": {"type": "boolean"},
            "missing_required": {"type": "array", "items": _SLUG},
        },
        ALL,
    )
    gap = _object(
        {
            "milestone": _SLUG,
            "level": _SLUG,
            "text": {"type": "string"},
            "answer": {"enum": ["partial", "no"]},
            "required": {"type": "boolean"},
            "weight": {"type": "integer", "minimum": 1, "maximum": 3},
            "category": {"enum": list(CATEGORIES)},
            "advice": {"type": "string"},
            "evidence": {"type": "string"},
            "note": {"type": ["string", "null"], "description": "The person's note on their answer."},
            "shortest_path": {"type": "boolean"},
        },
        ALL,
    )
    profile = _object(
        {
            "years": {"type": "number", "minimum": 0, "maximum": MAX_YEARS},
            "title": {"type": "string"},
            "background": {"enum": list(BACKGROUNDS)},
            "company": {"enum": list(COMPANY_TYPES)},
        }
    )
    nullable_ref = {"anyOf": [{"$ref": "#/$defs/level_ref"}, {"type": "null"}]}
    body = _object(
        {
            "schema_version": {"const": 1},
            "framework": _object({"name": {"type": "string"}, "fingerprint": {"type": "string"}}, ALL),
            "level": {**nullable_ref, "description": "The highest level met; null when none is."},
            "next_level": {**nullable_ref, "description": "The level after it; null at the top."},
            "readiness": {
                "anyOf": [number_0_1, {"type": "null"}],
                "description": "The next level's score; null at the top of the ladder.",
            },
            "levels": {"type": "array", "items": {"$ref": "#/$defs/level_score"}},
            "gaps": {"type": "array", "items": {"$ref": "#/$defs/gap"}},
            "shortest_path": {"type": "array", "items": _SLUG},
            "unanswered": {"type": "array", "items": _SLUG},
            "profile": profile,
        },
        ALL,
    )
    return _document(
        "pmpath assess --json",
        "The result of `pmpath assess --json`: where a person stands and the gaps to the next level.",
        body,
        {"level_ref": level_ref, "level_score": level_score, "gap": gap},
    )


_BUILDERS = {
    "levels": levels_schema,
    "milestones": milestones_schema,
    "transitions": transitions_schema,
    "answers": answers_schema,
    "result": result_schema,
}


def schema(name: str) -> Schema:
    """The schema called `name` (one of `NAMES`)."""
    return _BUILDERS[name]()


def schema_text(name: str) -> str:
    """The schema as `pmpath schema NAME` prints it, and as schemas/NAME.schema.json holds it."""
    from pmpath.render.json import dumps

    return dumps(schema(name)) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema to `directory/NAME.schema.json`."""
    written = []
    for name in NAMES:
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # python -m pmpath.schema schemas
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(path)

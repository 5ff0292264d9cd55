"""JSON Schemas (draft 2020-12) of the files pmpath reads and of every command's `--json` output.

Editors use the file schemas through the `# yaml-language-server: $schema=...` line at
the top of each YAML file; scripts use the output schemas to check what they read.
Each schema is built from the same constants as the loader and the JSON renderer
(keys, areas, tracks), so the two cannot drift apart silently; the tests validate real
output of every command against its schema. A schema cannot say everything the loader
checks (unique ids, a milestone's level existing, a title naming another level):
`pmpath validate` does.

`schemas/*.schema.json` are these dicts as `pmpath schema` prints them; regenerate them
with `python -m pmpath.schema schemas`. The answers schema names the shipped ladder's
contexts; `pmpath schema answers` prints it for the active ladder.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pmpath.answers import ANSWER_SPELLINGS, RESPONSE_KEYS, SHEET_KEYS
from pmpath.checks import MAX_ID_LENGTH, SLUG
from pmpath.framework import (
    CONTEXT_KEYS,
    LADDER_KEYS,
    LEVEL_KEYS,
    LEVEL_TEXT_KEYS,
    MILESTONE_KEYS,
    PROFILE_FIXED_KEYS,
)
from pmpath.model import AREAS, BACKGROUNDS, LEGACY_AREAS, MAX_YEARS, TRACKS, Framework
from pmpath.transitions import FILE_KEYS, INTERVIEW_KEYS, TOPIC_KEYS, TRANSITION_KEYS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_SCHEMAS = ("levels", "milestones", "transitions", "answers", "result")
"""The file formats `pmpath schema NAME` prints (result is assess --json, kept under its 0.1 name)."""
OUTPUT_SCHEMAS = (
    "levels",
    "show",
    "assess",
    "history",
    "history-show",
    "progress",
    "compare",
    "plan",
    "transition",
    "validate",
    "team",
    "questions",
)
"""The commands whose --json output `pmpath schema --output COMMAND` describes."""
OUTPUT_VERSION = 2

Schema = dict[str, Any]

# ---------------------------------------------------------------- building blocks

_TEXT: Schema = {"type": "string", "pattern": r"\S", "description": "Text that is not blank."}
_STR: Schema = {"type": "string"}
_SLUG: Schema = {
    "type": "string",
    "pattern": f"^{SLUG}$",
    "maxLength": MAX_ID_LENGTH,
    "description": "A lowercase slug: letters, digits and single dashes, e.g. senior-pm.",
}
_THRESHOLD: Schema = {
    "type": "number",
    "exclusiveMinimum": 0,
    "maximum": 1,
    "description": "The score (above 0, at most 1) at or above which a level can be met.",
}
_TIME: Schema = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
    "description": "UTC, ISO 8601 with a Z.",
}
_RATIO: Schema = {"type": "number", "minimum": 0, "maximum": 1}
_AREA: Schema = {"enum": list(AREAS), "description": "A competency area."}
_ANSWER_VALUE: Schema = {"enum": ["yes", "partial", "no", "na"]}
ALL = ("*",)


def _optional(schema: Schema) -> Schema:
    """A field the loader also accepts as null (the same as leaving it out)."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*kinds, "null"]}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _text_list(description: str) -> Schema:
    return _optional({"type": "array", "items": _TEXT, "description": description})


def _list(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def _object(properties: dict[str, Schema], required: tuple[str, ...] = (), **extra: Any) -> Schema:
    schema: Schema = {"type": "object", **extra, "properties": properties}
    if required == ALL:
        required = tuple(properties)
    if required:
        schema["required"] = list(required)
    schema["additionalProperties"] = False
    return schema


def _document(title: str, description: str, body: Schema, defs: dict[str, Schema] | None = None) -> Schema:
    document = {"$schema": DRAFT, "title": title, "description": description, **body}
    if defs:
        document["$defs"] = defs
    return document


def _by_company(description: str) -> Schema:
    return _optional(
        {
            "type": "object",
            "description": description,
            "propertyNames": _SLUG,
            "additionalProperties": _optional(_TEXT),
        }
    )


# ---------------------------------------------------------------- levels.yaml


def levels_schema() -> Schema:
    texts = {
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
        "follows": _optional(
            {
                **_SLUG,
                "description": "The level this one follows (default: the one before it in "
                "the file; null: this is the first level). Forks make branches.",
            }
        ),
        "aliases": _text_list("Other names of the level; none may name another level."),
        "track": _optional({"enum": list(TRACKS), "description": "Default: individual-contributor."}),
        "responsibilities": _text_list("What people at this level do."),
        "tenure_by_company": _by_company("Time to the next step, by value of the company context."),
        "pass_threshold": {**_THRESHOLD, "description": "Overrides scoring.pass_threshold for this level."},
        **{key: _optional({**_TEXT, "description": texts[key]}) for key in LEVEL_TEXT_KEYS},
    }
    level = _object(
        {key: level_properties[key] for key in LEVEL_KEYS},
        ("id", "title"),
        description="One rung of the ladder; its rank is its depth in the tree of levels.",
    )
    context_properties: dict[str, Schema] = {
        "id": {
            **_SLUG,
            "not": {"enum": list(PROFILE_FIXED_KEYS)},
            "description": "The profile key and what applies_when names, e.g. market.",
        },
        "prompt": {**_TEXT, "description": "The question the interview asks."},
        "values": {
            "description": "The allowed answers: a list of slugs, or a mapping of slug to label.",
            "anyOf": [
                {"type": "array", "minItems": 2, "items": _SLUG},
                {"type": "object", "minProperties": 2, "propertyNames": _SLUG, "additionalProperties": _TEXT},
            ],
        },
    }
    context = _object(
        {key: context_properties[key] for key in CONTEXT_KEYS},
        ALL,
        description="A question about where the person works; decides which milestones apply.",
    )
    properties: dict[str, Schema] = {
        "name": _optional({**_TEXT, "description": "The ladder's name (default: the directory's name)."}),
        "description": _optional(_TEXT),
        "scoring": _object(
            {"pass_threshold": {**_THRESHOLD, "default": 0.8}}, description="Ladder-wide scoring."
        ),
        "contexts": _optional(
            {
                "type": "array",
                "items": {"$ref": "#/$defs/context"},
                "description": "Context questions (default: the company type: startup, scale-up, corporate).",
            }
        ),
        "companies": _by_company("One line of context per value of the company context."),
        "levels": {
            "type": "array",
            "minItems": 2,
            "items": {"$ref": "#/$defs/level"},
            "description": "The levels; each follows the one before it unless it says otherwise.",
        },
    }
    body = _object({key: properties[key] for key in LADDER_KEYS}, ("levels",))
    return _document(
        "pmpath levels.yaml",
        "The levels of a career ladder: pmpath reads them from levels.yaml in a framework directory.",
        body,
        {"level": level, "context": context},
    )


# ---------------------------------------------------------------- milestones.yaml


def milestones_schema() -> Schema:
    properties: dict[str, Schema] = {
        "id": {**_SLUG, "description": "Unique id of the milestone, used in answers files."},
        "level": {**_SLUG, "description": "Id of the level this milestone qualifies for."},
        "text": {**_TEXT, "description": "The statement, third person without a subject: Has shipped ... ."},
        "question": _optional({**_TEXT, "description": "How the assessment asks it (default: from text)."}),
        "category": _optional(
            {
                "enum": [*AREAS, *LEGACY_AREAS],
                "description": f"The competency area (default: execution). {', '.join(LEGACY_AREAS)} "
                "are pmpath 0.1 names, read with a warning.",
            }
        ),
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
        "applies_when": _optional(
            {
                "type": "object",
                "propertyNames": _SLUG,
                "additionalProperties": {"anyOf": [_SLUG, {"type": "array", "minItems": 1, "items": _SLUG}]},
                "description": "Context id to the values for which the milestone applies; elsewhere it is not asked "
                "and not counted.",
            }
        ),
        "may_not_apply": {
            "type": "boolean",
            "default": False,
            "description": 'Offer "doesn\'t apply where I work" (never on a required milestone).',
        },
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
        "background": {
            **_SLUG,
            "description": "Where people come from, e.g. engineering; 'other' is the general path.",
        },
        "title": _TEXT,
        "brings": _text_list("Strengths they already have."),
        "shift": {**_TEXT, "description": "The main change of mindset."},
        "exercise": {**_TEXT, "description": "One concrete portfolio exercise."},
        "first_steps": _text_list("What to do first."),
        "pitfalls": _text_list("Typical mistakes of people from this background."),
        "internal_transfer": _optional(
            {**_TEXT, "description": "How an internal transfer works in practice."}
        ),
        "first_90_days": _text_list("What the first 90 days in a product role look like."),
        "likely_milestones": _optional(
            {
                "type": "array",
                "items": _SLUG,
                "description": "Ids of first-level milestones they are likely to meet already.",
            }
        ),
    }
    transition = _object(
        {key: properties[key] for key in TRANSITION_KEYS},
        ("background", "title", "shift", "exercise"),
        description="How a person moves into product from another discipline.",
    )
    topic = _object({key: _TEXT for key in TOPIC_KEYS}, ALL, description="One thing PM interviews test.")
    interviews = _object(
        {
            "summary": _optional(_TEXT),
            "topics": _optional(_list({"$ref": "#/$defs/topic"})),
            "portfolio": _text_list("How to build a portfolio that tells a problem-to-solution story."),
        },
        description="Preparing for PM interviews and building a portfolio.",
    )
    assert tuple(interviews["properties"]) == INTERVIEW_KEYS
    file_properties: dict[str, Schema] = {
        "facts": _text_list("Facts about moving into product."),
        "interviews": _optional(interviews),
        "transitions": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/transition"}},
    }
    body = _object({key: file_properties[key] for key in FILE_KEYS}, ("transitions",))
    return _document(
        "pmpath transitions.yaml",
        "Paths into product management from other disciplines: the optional transitions.yaml.",
        body,
        {"transition": transition, "topic": topic},
    )


# ---------------------------------------------------------------- answers files


def _case_insensitive(word: str) -> str:
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.isalpha() else ("\\s+" if c == " " else "\\" + c if c in "/'" else c)
        for c in word
    )


def answers_schema(framework: Framework | None = None) -> Schema:
    spellings = [word for words in ANSWER_SPELLINGS.values() for word in words]
    words = "|".join(_case_insensitive(w) for w in spellings)
    answer: Schema = {
        "description": "yes, partial or no (or another spelling: "
        + ", ".join(spellings)
        + "), in any case; YAML "
        "booleans count as yes and no; na only where the milestone may not apply.",
        "anyOf": [
            {"type": "boolean"},
            {"type": "string", "pattern": f"^\\s*(?:{words})\\s*$"},
        ],
    }
    response = _object(
        {"answer": {"$ref": "#/$defs/answer"}, "evidence": _optional({**_TEXT, "description": "A note."})},
        ("answer",),
        description="An answer with a note of evidence.",
    )
    assert tuple(response["properties"]) == RESPONSE_KEYS
    profile_properties: dict[str, Schema] = {
        "years": {
            "type": ["number", "null"],
            "minimum": 0,
            "maximum": MAX_YEARS,
            "description": "Years in product management.",
        },
        "title": _optional({**_TEXT, "description": "Current job title."}),
        "background": _optional({"enum": list(BACKGROUNDS), "description": "Where your career started."}),
        "name": _optional({**_TEXT, "description": "Whom the answers are about (a manager's view)."}),
    }
    from pmpath.model import DEFAULT_CONTEXTS

    for context in framework.contexts if framework is not None else DEFAULT_CONTEXTS:
        profile_properties[context.id] = _optional(
            {"enum": [v for v, _ in context.values], "description": context.prompt}
        )
    profile = _optional(_object(profile_properties, description="Who is answering, and where they work."))
    answers: Schema = {
        "type": ["object", "null"],
        "description": "Milestone id to answer; milestones left out count as not yet.",
        "propertyNames": _SLUG,
        "additionalProperties": {"anyOf": [{"$ref": "#/$defs/answer"}, {"$ref": "#/$defs/response"}]},
    }
    body = _object(dict(zip(SHEET_KEYS, (profile, answers), strict=True)), ("answers",))
    return _document(
        "pmpath answers file",
        "A person's answers, read by `pmpath assess --answers FILE` (YAML or JSON).",
        body,
        {"answer": answer, "response": response},
    )


# ---------------------------------------------------------------- output documents: shared parts


def _output_defs() -> dict[str, Schema]:
    level_ref = _object(
        {
            "id": _SLUG,
            "title": _STR,
            "rank": {"type": ["integer", "null"], "minimum": 1},
            "track": {"enum": [*TRACKS, None]},
        },
        ALL,
        description="A level: always these four fields (rank and track null only for a level "
        "of an old record whose ladder was not kept).",
    )
    return {
        "framework": _object(
            {"name": _STR, "fingerprint": _STR}, ALL, description="A ladder: its name and fingerprint."
        ),
        "level": level_ref,
        "source": {
            "description": "Where answers came from.",
            "oneOf": [
                _object(
                    {
                        "type": {"const": "assessment"},
                        "id": {"type": "integer", "minimum": 1},
                        "saved_at": _TIME,
                    },
                    ALL,
                ),
                _object({"type": {"const": "file"}, "path": _STR, "saved_at": _nullable(_TIME)}, ALL),
            ],
        },
        "milestone": _object(
            {
                "id": _SLUG,
                "level": _ref("level"),
                "text": _STR,
                "question": _STR,
                "category": _AREA,
                "weight": {"type": "integer", "minimum": 1, "maximum": 3},
                "required": {"type": "boolean"},
                "evidence": _STR,
                "advice": _STR,
                "applies_when": {"type": "object", "additionalProperties": _list(_SLUG)},
                "may_not_apply": {"type": "boolean"},
            },
            ALL,
        ),
        "gap": _object(
            {
                "milestone": _SLUG,
                "level": _ref("level"),
                "text": _STR,
                "answer": {"enum": ["partial", "no", None]},
                "required": {"type": "boolean"},
                "weight": {"type": "integer", "minimum": 1, "maximum": 3},
                "category": _AREA,
                "advice": _STR,
                "evidence": _STR,
                "note": _nullable(_STR),
                "shortest_path": {"type": "boolean"},
            },
            ALL,
            description="A milestone of a next level not answered yes (answer null: not asked).",
        ),
        "context": _object(
            {"id": _SLUG, "prompt": _STR, "values": _list(_object({"value": _SLUG, "label": _STR}, ALL))}, ALL
        ),
        "profile": {
            "type": "object",
            "properties": {
                "years": {"type": "number", "minimum": 0, "maximum": MAX_YEARS},
                "title": _STR,
                "background": {"enum": list(BACKGROUNDS)},
                "name": _STR,
            },
            "additionalProperties": _SLUG,
            "description": "The profile; context values are slugs.",
        },
        "answer_change": _object(
            {
                "milestone": _SLUG,
                "level": _nullable(_ref("level")),
                "text": _STR,
                "before": _nullable(_ANSWER_VALUE),
                "after": _nullable(_ANSWER_VALUE),
            },
            ALL,
        ),
    }


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _output(
    command: str, description: str, properties: dict[str, Schema], extra_defs: dict[str, Schema] | None = None
) -> Schema:
    body = _object({"schema_version": {"const": OUTPUT_VERSION}, **properties}, ALL)
    return _document(f"pmpath {command} --json", description, body, {**_output_defs(), **(extra_defs or {})})


# ---------------------------------------------------------------- output documents, one per command


def _levels_output() -> Schema:
    level = _object(
        {
            "id": _SLUG,
            "title": _STR,
            "rank": {"type": "integer", "minimum": 1},
            "track": {"enum": list(TRACKS)},
            "follows": _nullable(_SLUG),
            "summary": _STR,
            "typical_tenure": _STR,
            "aliases": _list(_STR),
            "milestones": {"type": "integer", "minimum": 0, "description": "How many it has."},
        },
        ALL,
    )
    return _output(
        "levels",
        "The ladder: its contexts and its levels in tree order.",
        {"framework": _ref("framework"), "contexts": _list(_ref("context")), "levels": _list(level)},
    )


def _show_output() -> Schema:
    properties = {
        "framework": _ref("framework"),
        "id": _SLUG,
        "title": _STR,
        "rank": {"type": "integer", "minimum": 1},
        "track": {"enum": list(TRACKS)},
        "follows": _nullable(_SLUG),
        "aliases": _list(_STR),
        **{key: _STR for key in ("summary", "scope", "mindset")},
        "responsibilities": _list(_STR),
        "typical_tenure": _STR,
        "tenure_by_company": {"type": "object", "additionalProperties": _STR},
        "reports_to": _STR,
        "manages": _STR,
        "compensation": _nullable(_STR),
        "pass_threshold": _THRESHOLD,
        "previous": {**_nullable(_SLUG), "description": "The level it follows."},
        "next": {
            **_nullable(_SLUG),
            "description": "The following level on the same track, else the first one.",
        },
        "next_levels": {**_list(_SLUG), "description": "Every level that follows this one."},
        "milestones": _list(_ref("milestone")),
    }
    return _output("show", "One level and its milestones.", properties)


def _assessment_properties() -> tuple[dict[str, Schema], dict[str, Schema]]:
    step = _object(
        {
            "level": _ref("level"),
            "readiness": _RATIO,
            "gaps": _list(_ref("gap")),
            "shortest_path": _list(_SLUG),
        },
        ALL,
    )
    excluded = _object(
        {
            "milestone": _SLUG,
            "reason": {"enum": ["context", "answer"]},
            "context": _nullable(_SLUG),
            "value": _nullable(_SLUG),
        },
        ALL,
    )
    level_score = _object(
        {
            "id": _SLUG,
            "title": _STR,
            "rank": {"type": "integer", "minimum": 1},
            "track": {"enum": list(TRACKS)},
            "follows": _nullable(_SLUG),
            "asked": {"type": "boolean"},
            "score": _RATIO,
            "threshold": _THRESHOLD,
            "met": {"type": "boolean"},
            "met_on_evidence": {"type": "boolean"},
            "applicable_share": _RATIO,
            "missing_required": _list(_SLUG),
            "held_back_by": _nullable(_SLUG),
            "not_applicable": _list(_ref("excluded")),
        },
        ALL,
    )
    moved = _object(
        {"since": _ref("source"), "up": _list(_SLUG), "down": _list(_SLUG), "added": _list(_SLUG)}, ALL
    )
    properties = {
        "framework": _ref("framework"),
        "assessed_at": _TIME,
        "source": {**_nullable(_ref("source")), "description": "null: answered in the interview just now."},
        "profile": _ref("profile"),
        "level": {**_nullable(_ref("level")), "description": "The current level; null when none is met."},
        "next_level": {**_nullable(_ref("level")), "description": "The first next step; null at the top."},
        "readiness": {**_nullable(_RATIO), "description": "The next level's score; null at the top."},
        "gaps": _list(_ref("gap")),
        "shortest_path": _list(_SLUG),
        "next_steps": {
            **_list(_ref("step")),
            "description": "Every level following the current one; the first "
            "equals next_level, readiness, gaps, shortest_path.",
        },
        "time_to_next": _nullable(_object({"tenure": _STR, "company": _nullable(_SLUG)}, ALL)),
        "levels": _list(_ref("level_score")),
        "areas": {
            "type": "object",
            "propertyNames": _AREA,
            "additionalProperties": _RATIO,
            "description": "Share of yes per competency area, up to the next level.",
        },
        "unanswered": _list(_SLUG),
        "moved": {
            **_nullable(_ref("moved")),
            "description": "What moved since the assessment an --update started from.",
        },
    }
    return properties, {"step": step, "excluded": excluded, "level_score": level_score, "moved": moved}


def result_schema() -> Schema:
    properties, defs = _assessment_properties()
    return _output(
        "assess",
        "Where a person stands, every level's score, and the gaps to each next level.",
        properties,
        defs,
    )


def _history_show_output() -> Schema:
    properties, defs = _assessment_properties()
    schema = _output(
        "history show",
        "A saved assessment, scored again against the ladder it was saved with.",
        properties,
        defs,
    )
    schema["properties"]["source"] = _ref("source")
    return schema


def _history_output() -> Schema:
    record = _object(
        {
            "id": {"type": "integer", "minimum": 1},
            "saved_at": {"type": "string"},
            "framework": _ref("framework"),
            "level": _nullable(_ref("level")),
            "next_level": _nullable(_ref("level")),
            "readiness": _nullable(_RATIO),
            "ladder_changed": {"type": "boolean"},
            "profile": {"type": "object"},
            "damaged": {**_nullable(_STR), "description": "Why the record cannot be read; null when fine."},
        },
        ALL,
    )
    return _output(
        "history",
        "Saved assessments, newest first.",
        {"total": {"type": "integer", "minimum": 0}, "records": _list(record)},
    )


def _progress_output() -> Schema:
    changes = _object(
        {
            "previous": _nullable({"type": "integer"}),
            "level_change": {"type": "integer"},
            "gaps_closed": _list(_ref("answer_change")),
            "gaps_opened": _list(_ref("answer_change")),
        },
        ALL,
    )
    point = _object(
        {
            "source": _ref("source"),
            "level": _nullable(_ref("level")),
            "next_level": _nullable(_ref("level")),
            "readiness": _nullable(_RATIO),
            "ladder_changed": {"type": "boolean"},
            "changes": _nullable(changes),
        },
        ALL,
    )
    damaged = _object({"id": {"type": "integer"}, "reason": _STR}, ALL)
    return _output(
        "progress",
        "The saved assessments of the active ladder, oldest first, with what changed.",
        {"framework": _ref("framework"), "points": _list(point), "damaged": _list(damaged)},
    )


def _compare_output() -> Schema:
    side = _object(
        {
            "label": _STR,
            "source": _ref("source"),
            "level": _nullable(_ref("level")),
            "next_level": _nullable(_ref("level")),
            "readiness": _nullable(_RATIO),
            "answered": {"type": "integer", "minimum": 0},
        },
        ALL,
    )
    disagreement = _object(
        {
            "milestone": _SLUG,
            "level": _ref("level"),
            "text": _STR,
            "required": {"type": "boolean"},
            "weight": {"type": "integer"},
            "category": _AREA,
            "a": _nullable(_ANSWER_VALUE),
            "b": _nullable(_ANSWER_VALUE),
        },
        ALL,
    )
    return _output(
        "compare",
        "Two assessments of one person side by side: the agenda of a calibration talk.",
        {
            "framework": _ref("framework"),
            "a": side,
            "b": side,
            "agreement": _nullable(_RATIO),
            "agreed": {"type": "integer"},
            "compared": {"type": "integer"},
            "disagreements": _list(disagreement),
        },
    )


def _plan_output() -> Schema:
    item = _object(
        {
            "milestone": _SLUG,
            "level": _ref("level"),
            "text": _STR,
            "category": _AREA,
            "required": {"type": "boolean"},
            "weight": {"type": "integer"},
            "answer": {"enum": ["partial", "no", None]},
            "shortest_path": {"type": "boolean"},
            "advice": _STR,
            "evidence": _STR,
            "note": _nullable(_STR),
        },
        ALL,
    )
    note = _object({"milestone": _SLUG, "text": _STR, "answer": _ANSWER_VALUE, "note": _STR}, ALL)
    return _output(
        "plan",
        "A development plan for the next level.",
        {
            "framework": _ref("framework"),
            "source": _nullable(_ref("source")),
            "person": _nullable(_STR),
            "level": _nullable(_ref("level")),
            "next_level": _nullable(_ref("level")),
            "readiness": _nullable(_RATIO),
            "time_to_next": _nullable(_object({"tenure": _STR, "company": _nullable(_SLUG)}, ALL)),
            "items": _list(item),
            "notes": _list(note),
            "checklist": _list(_STR),
        },
    )


def _transition_output() -> Schema:
    interviews = _object(
        {
            "summary": _STR,
            "topics": _list(_object({"name": _STR, "what": _STR, "prepare": _STR}, ALL)),
            "portfolio": _list(_STR),
        },
        ALL,
    )
    one = _object(
        {
            "schema_version": {"const": OUTPUT_VERSION},
            "background": _SLUG,
            "title": _STR,
            "brings": _list(_STR),
            "shift": _STR,
            "exercise": _STR,
            "first_steps": _list(_STR),
            "pitfalls": _list(_STR),
            "internal_transfer": _STR,
            "first_90_days": _list(_STR),
            "likely_milestones": _list(_ref("milestone")),
            "facts": _list(_STR),
            "interviews": _nullable(interviews),
        },
        ALL,
    )
    listing = _object(
        {
            "schema_version": {"const": OUTPUT_VERSION},
            "transitions": _list(_object({"background": _SLUG, "title": _STR}, ALL)),
        },
        ALL,
    )
    return _document(
        "pmpath transition --json",
        "One path into product (transition BACKGROUND), or the list of them.",
        {"oneOf": [one, listing]},
        _output_defs(),
    )


def _validate_output() -> Schema:
    problem = _object(
        {
            "file": _STR,
            "line": _nullable({"type": "integer", "minimum": 1}),
            "severity": {"enum": ["error", "warning"]},
            "message": _STR,
        },
        ALL,
    )
    return _output(
        "validate",
        "Every problem of a ladder (the first 100 per file; omitted counts the rest).",
        {
            "directory": _STR,
            "valid": {"type": "boolean"},
            "errors": {"type": "integer"},
            "warnings": {"type": "integer"},
            "problems": _list(problem),
            "omitted": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    )


def _team_output() -> Schema:
    person = _object(
        {
            "name": _STR,
            "source": _ref("source"),
            "level": _nullable(_ref("level")),
            "next_level": _nullable(_ref("level")),
            "readiness": _nullable(_RATIO),
            "areas": {"type": "object", "propertyNames": _AREA, "additionalProperties": _RATIO},
        },
        ALL,
    )
    return _output(
        "team",
        "A team: levels, competency heat map data, common gaps and the promotion pipeline.",
        {
            "framework": _ref("framework"),
            "ready": _RATIO,
            "people": _list(person),
            "distribution": _list(
                _object({"level": _nullable(_ref("level")), "count": {"type": "integer", "minimum": 0}}, ALL)
            ),
            "common_gaps": _list(
                _object(
                    {"milestone": _SLUG, "level": _ref("level"), "text": _STR, "people": _list(_STR)}, ALL
                )
            ),
            "pipeline": _list(
                _object(
                    {"name": _STR, "next_level": _ref("level"), "readiness": _RATIO, "left": _list(_SLUG)},
                    ALL,
                )
            ),
            "skipped": _list(_object({"path": _STR, "reason": _STR}, ALL)),
        },
    )


def _questions_output() -> Schema:
    level = _object({"level": _ref("level"), "milestones": _list(_ref("milestone"))}, ALL)
    return _output(
        "questions",
        "The questionnaire, phrased about `about` when given.",
        {
            "framework": _ref("framework"),
            "about": _nullable(_STR),
            "contexts": _list(_ref("context")),
            "levels": _list(level),
        },
    )


_FILES = {
    "levels": levels_schema,
    "milestones": milestones_schema,
    "transitions": transitions_schema,
    "answers": answers_schema,
    "result": result_schema,
}
_OUTPUTS = {
    "levels": _levels_output,
    "show": _show_output,
    "assess": result_schema,
    "history": _history_output,
    "history-show": _history_show_output,
    "progress": _progress_output,
    "compare": _compare_output,
    "plan": _plan_output,
    "transition": _transition_output,
    "validate": _validate_output,
    "team": _team_output,
    "questions": _questions_output,
}
assert tuple(_OUTPUTS) == OUTPUT_SCHEMAS and tuple(_FILES) == FILE_SCHEMAS


def schema(name: str | None = None, output: str | None = None, framework: Framework | None = None) -> Schema:
    """A file format's schema (`name`), or the schema of `pmpath COMMAND --json` (`output`)."""
    from pmpath.errors import UsageError

    if output is not None:
        if output not in _OUTPUTS:
            raise UsageError(
                f"no output schema for {output!r}", hint=f"Commands: {', '.join(OUTPUT_SCHEMAS)}"
            )
        return _OUTPUTS[output]()
    if name not in _FILES:
        raise UsageError(f"no schema called {name!r}", hint=f"File formats: {', '.join(FILE_SCHEMAS)}")
    if name == "answers":
        return answers_schema(framework)
    return _FILES[name]()


def schema_text(
    name: str | None = None, output: str | None = None, framework: Framework | None = None
) -> str:
    """The schema as `pmpath schema` prints it, and as schemas/ holds it."""
    import json

    return json.dumps(schema(name, output, framework), indent=2, ensure_ascii=False) + "\n"


def schema_files(shipped: Framework | None = None) -> dict[str, str]:
    """File name -> text of every committed schema (the answers schema names the shipped ladder's contexts)."""
    files = {f"{name}.schema.json": schema_text(name, framework=shipped) for name in FILE_SCHEMAS}
    files.update({f"output-{name}.schema.json": schema_text(output=name) for name in OUTPUT_SCHEMAS})
    return files


if __name__ == "__main__":  # python -m pmpath.schema schemas
    from pmpath.framework import check_framework, shipped_data_dir

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")
    for file_name, text in schema_files(check_framework(shipped_data_dir())[0]).items():
        (target / file_name).write_text(text, encoding="utf-8")
        print(target / file_name)

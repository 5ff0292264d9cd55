"""A ladder as plain data: what the cache keeps and what the history stores with each assessment.

This is a storage format, not the public JSON (`pmpath.render.json` owns that): it holds
every field the scoring and the renderers need, and nothing else. Reading checks every
field's type, because a cache entry or a stored snapshot may be damaged or planted:
anything unexpected raises `SnapshotError`, and the caller ignores or reports it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from pmpath.model import AREAS, TRACKS, Context, Framework, Level, Milestone

FORMAT = 1


class SnapshotError(ValueError):
    """The data is not a ladder snapshot this pmpath can read."""


def framework_to_data(framework: Framework) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "name": framework.name,
        "description": framework.description,
        "source": framework.source,
        "fingerprint": framework.fingerprint,
        "contexts": [
            {"id": c.id, "prompt": c.prompt, "values": [list(v) for v in c.values]}
            for c in framework.contexts
        ],
        "companies": dict(framework.companies),
        "levels": [_level_data(level) for level in framework.levels],
    }


def _level_data(level: Level) -> dict[str, Any]:
    data = level._asdict()
    data["tenure_by_company"] = dict(level.tenure_by_company)
    data["aliases"] = list(level.aliases)
    data["responsibilities"] = list(level.responsibilities)
    data["milestones"] = [
        {**m._asdict(), "applies_when": {k: list(v) for k, v in m.applies_when.items()}}
        for m in level.milestones
    ]
    return data


def framework_from_data(data: Any) -> Framework:
    """The ladder a snapshot holds; raises `SnapshotError` for anything but a well-formed snapshot."""
    try:
        document = _mapping(data)
        if document.get("format") != FORMAT:
            raise SnapshotError("unknown snapshot format")
        levels = tuple(_level(item) for item in _list(document["levels"]))
        if not levels:
            raise SnapshotError("a ladder without levels")
        contexts = tuple(_context(item) for item in _list(document["contexts"]))
        return Framework(
            name=_text(document["name"]),
            levels=levels,
            description=_text(document["description"]),
            contexts=contexts,
            companies=_texts_by_key(document["companies"]),
            source=_text(document["source"]),
            fingerprint=_text(document["fingerprint"]),
        )
    except (KeyError, TypeError, RecursionError) as error:
        raise SnapshotError(f"malformed snapshot ({type(error).__name__})") from None


def _context(item: Any) -> Context:
    data = _mapping(item)
    values = tuple(
        (_text(pair[0]), _text(pair[1])) for pair in map(_list, _list(data["values"])) if len(pair) == 2
    )
    return Context(_text(data["id"]), _text(data["prompt"]), values)


def _level(item: Any) -> Level:
    data = _mapping(item)
    if data.get("track") not in TRACKS:
        raise SnapshotError("unknown track")
    rank = data["rank"]
    threshold = data["pass_threshold"]
    if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
        raise SnapshotError("bad rank")
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold <= 1:
        raise SnapshotError("bad threshold")
    follows = data["follows"]
    compensation = data["compensation"]
    return Level(
        id=_text(data["id"]),
        title=_text(data["title"]),
        rank=rank,
        follows=None if follows is None else _text(follows),
        aliases=tuple(map(_text, _list(data["aliases"]))),
        track=data["track"],
        summary=_text(data["summary"]),
        scope=_text(data["scope"]),
        mindset=_text(data["mindset"]),
        responsibilities=tuple(map(_text, _list(data["responsibilities"]))),
        typical_tenure=_text(data["typical_tenure"]),
        tenure_by_company=_texts_by_key(data["tenure_by_company"]),
        reports_to=_text(data["reports_to"]),
        manages=_text(data["manages"]),
        compensation=None if compensation is None else _text(compensation),
        pass_threshold=float(threshold),
        milestones=tuple(_milestone(m) for m in _list(data["milestones"])),
    )


def _milestone(item: Any) -> Milestone:
    data = _mapping(item)
    weight = data["weight"]
    if weight not in (1, 2, 3) or isinstance(weight, bool) or data.get("category") not in AREAS:
        raise SnapshotError("bad weight or category")
    applies = _mapping(data["applies_when"])
    return Milestone(
        id=_text(data["id"]),
        level=_text(data["level"]),
        text=_text(data["text"]),
        question=_text(data["question"]),
        category=data["category"],
        weight=weight,
        required=_flag(data["required"]),
        evidence=_text(data["evidence"]),
        advice=_text(data["advice"]),
        applies_when=MappingProxyType({_text(k): tuple(map(_text, _list(v))) for k, v in applies.items()}),
        may_not_apply=_flag(data["may_not_apply"]),
    )


def _checked(kind: type, what: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, kind):
            raise SnapshotError(f"expected {what}")
        return value

    return check


_text: Callable[[Any], str] = _checked(str, "text")
_list: Callable[[Any], list[Any]] = _checked(list, "a list")
_mapping: Callable[[Any], dict[str, Any]] = _checked(dict, "a mapping")
_flag: Callable[[Any], bool] = _checked(bool, "true or false")


def _texts_by_key(value: Any) -> Mapping[str, str]:
    return MappingProxyType({_text(k): _text(v) for k, v in _mapping(value).items()})

"""Find, read and validate a framework directory (`levels.yaml` + `milestones.yaml`).

`check_framework` reports every problem it can find, each with its file and line;
`load_framework` is the strict entry point every command uses: it raises
`InputFileError` with all the errors when there is any.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmpath.checks import FileChecker, YamlList, YamlMap, did_you_mean, line_of, shown, type_name
from pmpath.errors import InputFileError, Problem, UnreadableInputError
from pmpath.model import (
    CATEGORIES,
    COMPANY_TYPES,
    DEFAULT_PASS_THRESHOLD,
    TRACKS,
    Framework,
    Level,
    Milestone,
)

LEVELS_FILE = "levels.yaml"
MILESTONES_FILE = "milestones.yaml"
TRANSITIONS_FILE = "transitions.yaml"
DATA_ENV = "PMPATH_DATA"

LADDER_KEYS = ("name", "description", "scoring", "companies", "levels")
LEVEL_KEYS = (
    "id", "title", "aliases", "track", "summary", "scope", "mindset", "responsibilities",
    "typical_tenure", "tenure_by_company", "reports_to", "manages", "compensation", "pass_threshold",
)  # fmt: skip
MILESTONE_KEYS = (
    "id", "level", "text", "question", "category", "weight", "required", "evidence", "advice",
)  # fmt: skip
_UNPARSED = object()
LEVEL_TEXT_KEYS = (
    "summary",
    "scope",
    "mindset",
    "typical_tenure",
    "reports_to",
    "manages",
    "compensation",
)
MIN_MILESTONES_ADVISED = 3


def shipped_data_dir() -> Path:
    """The framework shipped with pmpath.

    In a wheel, `data/` is packaged as `pmpath/data`; in a checkout or an editable
    install, the package is imported from the source tree and `data/` sits beside it.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent / "data"):
        if (candidate / LEVELS_FILE).is_file():
            return candidate
    return package / "data"  # reported as missing by the loader


def framework_dir(option: Path | None) -> Path:
    """The active framework: `--data`, else `$PMPATH_DATA`, else the shipped one."""
    if option is not None:
        return option
    from_env = os.environ.get(DATA_ENV)
    return Path(from_env) if from_env else shipped_data_dir()


def load_framework(directory: Path) -> Framework:
    """Load and validate a framework, raising `InputFileError` on any error."""
    from pmpath import cache  # keeps the cache optional for `check_framework`

    return cache.load_cached(directory, _load_uncached)


def _load_uncached(directory: Path) -> Framework:
    framework, problems = check_framework(directory)
    errors = [p for p in problems if p.severity == "error"]
    if errors or framework is None:
        raise InputFileError(errors or problems)
    return framework


def framework_files(directory: Path) -> list[Path]:
    return [directory / LEVELS_FILE, directory / MILESTONES_FILE]


def check_framework(directory: Path) -> tuple[Framework | None, list[Problem]]:
    """Every problem of a framework directory, and the framework when it has no error.

    Raises `UnreadableInputError` when the directory or a file cannot be read at all.
    """
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "no such directory"
        raise UnreadableInputError(
            [
                Problem(
                    str(directory),
                    None,
                    f"{what}; a framework is a directory holding {LEVELS_FILE} and {MILESTONES_FILE}",
                )
            ]
        )
    import hashlib

    from pmpath.yamlfile import parse, read_text  # PyYAML is only needed when the cache misses

    problems: list[Problem] = []
    documents: dict[str, Any] = {}
    digest = hashlib.sha256()
    for path in framework_files(directory):
        try:
            text = read_text(path, str(path))
            digest.update(text.encode())
            value, found = parse(text, str(path))
        except UnreadableInputError:
            raise
        except InputFileError as error:  # a broken file: report it, and still check the other one
            problems.extend(error.problems)
            continue
        problems.extend(found)
        documents[path.name] = value

    builder = _FrameworkBuilder(directory, problems)
    framework = builder.build(
        documents.get(LEVELS_FILE, _UNPARSED), documents.get(MILESTONES_FILE, _UNPARSED), digest.hexdigest()
    )
    if any(p.severity == "error" for p in problems):
        return None, problems
    return framework, problems


def normalize_name(name: str) -> str:
    """How level names are compared: case-insensitive, ignoring spaces, dots, dashes and underscores."""
    return re.sub(r"[\s._-]+", "", name).casefold()


class _FrameworkBuilder:
    def __init__(self, directory: Path, problems: list[Problem]) -> None:
        self.directory = directory
        self.problems = problems
        self.levels_missing_milestones: set[str] = set()
        """Levels with a milestone dropped for its errors: warnings about their counts would mislead."""
        self.levels_file = FileChecker(str(directory / LEVELS_FILE), problems)
        self.milestones_file = FileChecker(str(directory / MILESTONES_FILE), problems)

    def build(self, ladder_doc: Any, milestones_doc: Any, fingerprint: str) -> Framework | None:
        """The framework, checking everything it can; a document is _UNPARSED when its file did not parse."""
        milestone_list = None
        if milestones_doc is not _UNPARSED:
            milestone_list = self._top_list(self.milestones_file, milestones_doc, "milestones")
        ladder = None if ladder_doc is _UNPARSED else self.levels_file.mapping(ladder_doc, "the file", 1)
        if ladder is None:
            self._milestones(milestone_list or [], None)  # their own fields can still be checked
            return None
        self.levels_file.unknown_keys(ladder, LADDER_KEYS, "the file")
        default_threshold = self._scoring(ladder)
        companies = self._companies(ladder, "the file")
        level_list = self._top_list(self.levels_file, ladder, "levels")
        raw_levels = [
            self._level(item, index, default_threshold) for index, item in enumerate(level_list or [])
        ]
        level_ids = [level["id"] for level in raw_levels if level]  # with bad fields too: no echo errors
        if level_list is not None and len(level_list) < 2:
            self.levels_file.report(level_list.line, "a ladder needs at least 2 levels")
        self._check_names(raw_levels)
        by_level = self._milestones(milestone_list or [], level_ids)
        levels = []
        for rank, raw in enumerate(raw_levels, start=1):
            if raw is None:
                continue
            milestones = tuple(by_level.get(raw["id"], ()))
            self._check_level_milestones(raw, milestones, milestone_list is not None)
            if raw["title"] is None:  # reported; the framework is not returned
                continue
            levels.append(
                Level(
                    rank=rank,
                    milestones=milestones,
                    **{k: v for k, v in raw.items() if k != "line"},
                )
            )
        return Framework(
            name=self.levels_file.text(ladder, "name", "the file") or self.directory.resolve().name,
            description=self.levels_file.text(ladder, "description", "the file") or "",
            levels=tuple(levels),
            companies=companies,
            source=str(self.directory.resolve()),  # absolute: drafts and hints outlive the cwd
            fingerprint=fingerprint,
        )

    def _top_list(self, checker: FileChecker, document: Any, key: str) -> YamlList | None:
        if checker is self.milestones_file:
            top = checker.mapping(document, "the file", 1)
            if top is None:
                return None
            checker.unknown_keys(top, (key,), "the file")
        else:
            top = document
        if key not in top:
            checker.report(top.line, f"the file has no top-level {key!r} list")
            return None
        value = top[key]
        if not isinstance(value, YamlList) or not value:
            what = (
                "is empty"
                if isinstance(value, list) or value is None
                else f"must be a list, not {type_name(value)}"
            )
            checker.report(line_of(top, key), f"{key!r} {what}")
            return None
        return value

    def _scoring(self, ladder: YamlMap) -> float:
        if "scoring" not in ladder:
            return DEFAULT_PASS_THRESHOLD
        scoring = self.levels_file.mapping(ladder["scoring"], "'scoring'", line_of(ladder, "scoring"))
        if scoring is None:
            return DEFAULT_PASS_THRESHOLD
        self.levels_file.unknown_keys(scoring, ("pass_threshold",), "'scoring'")
        return self.levels_file.threshold(scoring, "pass_threshold", "'scoring'") or DEFAULT_PASS_THRESHOLD

    def _companies(self, mapping: YamlMap, where: str, key: str = "companies") -> dict[str, str]:
        if mapping.get(key) is None:
            return {}
        companies = self.levels_file.mapping(mapping[key], f"{where}: {key!r}", line_of(mapping, key))
        if companies is None:
            return {}
        self.levels_file.unknown_keys(companies, COMPANY_TYPES, f"{where}: {key!r}")
        found = {}
        for company in COMPANY_TYPES:
            value = self.levels_file.text(companies, company, f"{where}: {key!r}")
            if value:
                found[company] = value
        return found

    def _level(self, item: Any, index: int, default_threshold: float) -> dict[str, Any] | None:
        check = self.levels_file
        level = check.mapping(item, f"level #{index + 1}", None)
        if level is None:
            return None
        level_id = check.slug(level, "id", f"level #{index + 1}")
        where = f"level {shown(level_id)}" if level_id else f"level #{index + 1}"
        check.unknown_keys(level, LEVEL_KEYS, where)
        title = check.text(level, "title", where, required=True)
        texts = {key: check.text(level, key, where) for key in LEVEL_TEXT_KEYS}
        threshold = check.threshold(level, "pass_threshold", where)
        fields = dict(
            id=level_id,
            title=title,
            aliases=check.text_list(level, "aliases", where),
            track=check.choice(level, "track", where, TRACKS) or "individual-contributor",
            responsibilities=check.text_list(level, "responsibilities", where),
            tenure_by_company=self._companies(level, where, "tenure_by_company"),
            pass_threshold=threshold if threshold is not None else default_threshold,
            line=level.line,
            **{key: value or "" for key, value in texts.items() if key != "compensation"},
            compensation=texts["compensation"],
        )
        return fields if level_id else None  # a bad title is reported, yet the id stays known

    def _check_names(self, levels: list[dict[str, Any] | None]) -> None:
        """Ids must be unique, and no title or alias may name another level (`show` would be ambiguous)."""
        first_line: dict[str, int] = {}
        owner: dict[str, tuple[int, str]] = {}  # normalized name -> (index, id) of the level it names
        for index, level in enumerate(levels):
            if level is None:
                continue
            level_id = level["id"]
            if level_id in first_line:
                self.levels_file.report(
                    level["line"],
                    f"duplicate level id {shown(level_id)} (first at line {first_line[level_id]})",
                )
                continue
            first_line[level_id] = level["line"]
            names = [level_id, *([level["title"]] if level["title"] else []), *level["aliases"]]
            for name in dict.fromkeys(names):
                key = normalize_name(name)
                if key in owner and owner[key][0] != index:
                    what = "id" if name == level_id else "name"
                    message = f"level {shown(level_id)}: the {what} {shown(name)} also names level {shown(owner[key][1])}"
                    self.levels_file.report(level["line"], message)
                else:
                    owner.setdefault(key, (index, level_id))

    def _milestones(self, items: list[Any], level_ids: list[str] | None) -> Mapping[str, list[Milestone]]:
        """The milestones by level id; with `level_ids` None (levels.yaml unusable) only their fields are checked."""
        check = self.milestones_file
        by_level: dict[str, list[Milestone]] = defaultdict(list)
        first_line: dict[str, int] = {}
        texts: dict[str, tuple[str, int]] = {}  # comparable text -> (id, line) of its first milestone
        for index, item in enumerate(items):
            line = line_of(items, index)
            milestone = check.mapping(item, f"milestone #{index + 1}", line)
            if milestone is None:
                continue
            milestone_id = check.slug(milestone, "id", f"milestone #{index + 1}")
            where = f"milestone {shown(milestone_id)}" if milestone_id else f"milestone #{index + 1}"
            check.unknown_keys(milestone, MILESTONE_KEYS, where)
            level = check.text(milestone, "level", where, required=True)
            text = check.text(milestone, "text", where, required=True)
            question = check.text(milestone, "question", where)
            category = check.choice(milestone, "category", where, CATEGORIES) or "execution"
            weight = self._weight(milestone, where)
            required = self._required(milestone, where)
            evidence = check.text(milestone, "evidence", where) or ""
            advice = check.text(milestone, "advice", where) or ""
            if milestone_id in first_line:
                check.report(
                    line,
                    f"duplicate milestone id {shown(milestone_id)} (first at line {first_line[milestone_id]})",
                )
                continue
            if level is not None and level_ids is not None and level not in level_ids:
                hint = did_you_mean(level, level_ids)
                check.report(line_of(milestone, "level"), f"{where}: unknown level {shown(level)}{hint}")
                continue
            if text is not None and milestone_id:
                same = _comparable(text)
                if same in texts:
                    other, other_line = texts[same]
                    check.report(
                        line, f"{where}: the same text as milestone {shown(other)} (line {other_line})"
                    )
                texts.setdefault(same, (milestone_id, line or 0))
            if milestone_id is None or level is None or text is None or weight is None:
                if level is not None:
                    self.levels_missing_milestones.add(level)
                continue
            first_line[milestone_id] = line or 0
            by_level[level].append(
                Milestone(
                    id=milestone_id,
                    level=level,
                    text=text,
                    question=question or _question_from(text),
                    category=category,
                    weight=weight,
                    required=required,
                    evidence=evidence,
                    advice=advice,
                )
            )
            if not advice:
                check.report(
                    line,
                    f"{where} has no 'advice': the gaps table will show nothing for it",
                    "warning",
                )
        return by_level

    def _weight(self, milestone: YamlMap, where: str) -> int | None:
        value = milestone.get("weight", 1)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
            what = f"the text {shown(value)}" if isinstance(value, str) else shown(value)
            if isinstance(value, str) and value.strip() in ("1", "2", "3"):
                what += " (write the number without quotes)"
            self.milestones_file.report(
                line_of(milestone, "weight"), f"{where}: 'weight' is {what}; it must be 1, 2 or 3"
            )
            return None
        return value

    def _required(self, milestone: YamlMap, where: str) -> bool:
        value = milestone.get("required", False)
        if not isinstance(value, bool):
            self.milestones_file.report(
                line_of(milestone, "required"),
                f"{where}: 'required' must be true or false, not {shown(value)}",
            )
            return False
        return value

    def _check_level_milestones(
        self, raw: dict[str, Any], milestones: tuple[Milestone, ...], listed: bool
    ) -> None:
        where = f"level {shown(raw['id'])}"
        if not milestones:
            if listed:  # otherwise the missing list was already reported
                self.levels_file.report(raw["line"], f"{where} has no milestones in {MILESTONES_FILE}")
            return
        if raw["id"] in self.levels_missing_milestones:
            return  # counting without the milestones dropped for their errors would mislead
        if len(milestones) < MIN_MILESTONES_ADVISED:
            self.levels_file.report(
                raw["line"],
                f"{where} has only {len(milestones)} milestone(s); a fair assessment needs at least {MIN_MILESTONES_ADVISED}",
                "warning",
            )
        if not any(m.required for m in milestones):
            self.levels_file.report(raw["line"], f"{where} has no required milestone", "warning")


def _comparable(text: str) -> str:
    """Milestone text as compared for duplicates: case, spacing and a final full stop do not count."""
    return " ".join(text.split()).rstrip(".").casefold()


def _question_from(text: str) -> str:
    return f"Is this true of you: {text.rstrip('.')}?"

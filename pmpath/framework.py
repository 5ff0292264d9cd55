"""Find, read and validate a framework directory (`levels.yaml` + `milestones.yaml`).

`check_framework` reports every problem it can find, each with its file and line;
`load_framework` is the strict entry point every command uses: it raises
`InputFileError` with all the errors when there is any. Every check is linear in the
size of the ladder: a 10,000-milestone ladder is checked as fast as it is parsed.
"""

from __future__ import annotations

import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pmpath.checks import SLUG, FileChecker, YamlList, line_of, type_name
from pmpath.errors import InputFileError, Problem, UnreadableInputError
from pmpath.escaping import shown
from pmpath.model import (
    AREAS,
    DEFAULT_AREA,
    DEFAULT_CONTEXTS,
    DEFAULT_PASS_THRESHOLD,
    LEGACY_AREAS,
    TRACKS,
    Context,
    Framework,
    Level,
    Milestone,
)

LEVELS_FILE = "levels.yaml"
MILESTONES_FILE = "milestones.yaml"
TRANSITIONS_FILE = "transitions.yaml"
DATA_ENV = "PMPATH_DATA"

LADDER_KEYS = ("name", "description", "scoring", "contexts", "companies", "levels")
CONTEXT_KEYS = ("id", "prompt", "values")
LEVEL_KEYS = (
    "id",
    "title",
    "follows",
    "aliases",
    "track",
    "summary",
    "scope",
    "mindset",
    "responsibilities",
    "typical_tenure",
    "tenure_by_company",
    "reports_to",
    "manages",
    "compensation",
    "pass_threshold",
)
MILESTONE_KEYS = (
    "id",
    "level",
    "text",
    "question",
    "category",
    "weight",
    "required",
    "evidence",
    "advice",
    "applies_when",
    "may_not_apply",
)
LEVEL_TEXT_KEYS = ("summary", "scope", "mindset", "typical_tenure", "reports_to", "manages", "compensation")
PROFILE_FIXED_KEYS = ("years", "title", "background", "name")
"""Profile keys of every answers file; a ladder's context ids are the others."""
COMPANY_CONTEXT = "company"
MIN_MILESTONES_ADVISED = 3
_UNPARSED = object()
_NOT_GIVEN = object()


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
    return Path(os.path.expanduser(from_env)) if from_env else shipped_data_dir()


def load_framework(directory: Path) -> Framework:
    """Load and validate a framework, raising `InputFileError` on any error.

    A ladder validated before and unchanged since (same bytes) comes from the cache.
    """
    from pmpath.storage import cache

    return cache.load_framework(directory, _load_checked)


def _load_checked(directory: Path, contents: list[bytes]) -> Framework:
    framework, problems = check_files(directory, contents)
    errors = [p for p in problems if p.severity == "error"]
    if errors or framework is None:
        raise InputFileError(errors or problems)
    return framework


def framework_files(directory: Path) -> list[Path]:
    return [directory / LEVELS_FILE, directory / MILESTONES_FILE]


def read_framework_files(directory: Path) -> list[bytes]:
    """The bytes of levels.yaml and milestones.yaml; raises `UnreadableInputError` for a bad directory."""
    from pmpath.inputs import read_bytes

    try:
        what = None if stat.S_ISDIR(os.stat(directory).st_mode) else "is not a directory"
    except FileNotFoundError:
        what = "no such directory"
    except OSError as error:  # a name too long, a loop of links, permissions
        what = error.strerror or type(error).__name__
    if what is not None:
        raise UnreadableInputError(
            [
                Problem(
                    str(directory),
                    None,
                    f"{what}; a framework is a directory holding {LEVELS_FILE} and {MILESTONES_FILE}",
                )
            ]
        )
    return [read_bytes(path, str(path)) for path in framework_files(directory)]


def fingerprint_of(texts: list[str]) -> str:
    """SHA-256 of the ladder's files as decoded (as pmpath 0.1 computed it, so its records still match)."""
    import hashlib

    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def check_framework(directory: Path) -> tuple[Framework | None, list[Problem]]:
    """Every problem of a framework directory, and the framework when it has no error.

    Raises `UnreadableInputError` when the directory or a file cannot be read at all.
    """
    return check_files(directory, read_framework_files(directory))


def check_files(directory: Path, contents: list[bytes]) -> tuple[Framework | None, list[Problem]]:
    """`check_framework` on the files' bytes, already read (the cache reads them to key its entry)."""
    from pmpath.inputs import decode
    from pmpath.yamlfile import parse  # PyYAML is only needed when the cache misses

    problems: list[Problem] = []
    documents: list[Any] = []
    texts: list[str] = []
    for path, data in zip(framework_files(directory), contents, strict=True):
        try:
            text = decode(data, str(path))
            texts.append(text)
            value, found = parse(text, str(path))
        except InputFileError as error:  # a broken file: report it, and still check the other one
            problems.extend(error.problems)
            documents.append(_UNPARSED)
            continue
        problems.extend(found)
        documents.append(value)
    builder = _FrameworkBuilder(directory, problems)
    framework = builder.build(documents[0], documents[1], fingerprint_of(texts))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return framework, problems


def _opened(
    check: FileChecker, item: Any, kind: str, index: int, keys: Iterable[str], line: int | None
) -> tuple[dict[str, Any], str | None, str] | None:
    """A level or milestone entry as a mapping, its id, and how messages name it; None when not a mapping."""
    entry = check.mapping(item, f"{kind} #{index + 1}", line)
    if entry is None:
        return None
    entry_id = check.slug(entry, "id", f"{kind} #{index + 1}")
    where = f"{kind} {shown(entry_id)}" if entry_id else f"{kind} #{index + 1}"
    check.unknown_keys(entry, keys, where)
    return entry, entry_id, where


def normalize_name(name: str) -> str:
    """How level names are compared: case-insensitive, ignoring spaces, dots, dashes and underscores."""
    return re.sub(r"[\s._-]+", "", name).casefold()


class _Seen:
    """Milestone ids and texts met so far in milestones.yaml, for the duplicate checks."""

    def __init__(self) -> None:
        self.first_line: dict[str, int] = {}
        self.texts: dict[str, tuple[str, int]] = {}  # comparable text -> (id, line) of its first milestone

    def text(self, check: FileChecker, text: str, milestone_id: str, line: int | None, where: str) -> None:
        same = _comparable(text)
        if same in self.texts:
            other, other_line = self.texts[same]
            check.report(line, f"{where}: the same text as milestone {shown(other)} (line {other_line})")
        self.texts.setdefault(same, (milestone_id, line or 0))


class _FrameworkBuilder:
    def __init__(self, directory: Path, problems: list[Problem]) -> None:
        self.directory = directory
        self.problems = problems
        self.levels_missing_milestones: set[str] = set()
        """Levels with a milestone dropped for its errors: warnings about their counts would mislead."""
        self.levels_file = FileChecker(str(directory / LEVELS_FILE), problems)
        self.milestones_file = FileChecker(str(directory / MILESTONES_FILE), problems)
        self.contexts: tuple[Context, ...] = DEFAULT_CONTEXTS

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
        self.contexts = self._contexts(ladder)
        companies = self._companies(ladder, "the file")
        level_list = self._top_list(self.levels_file, ladder, "levels")
        raw_levels = [
            self._level(item, index, default_threshold) for index, item in enumerate(level_list or [])
        ]
        if level_list is not None and len(level_list) < 2:
            self.levels_file.report(line_of(level_list), "a ladder needs at least 2 levels")
        self._check_names(raw_levels)
        known = [raw for raw in raw_levels if raw is not None]
        levels = self._levels_with_milestones(known, milestone_list)
        self._check_coverage(levels, {raw["id"]: raw["line"] for raw in known})
        return Framework(
            name=self.levels_file.text(ladder, "name", "the file") or self.directory.resolve().name,
            description=self.levels_file.text(ladder, "description", "the file") or "",
            levels=tuple(levels),
            contexts=self.contexts,
            companies=companies,
            source=str(self.directory.resolve()),  # absolute: drafts and hints outlive the cwd
            fingerprint=fingerprint,
        )

    def _levels_with_milestones(
        self, known: list[dict[str, Any]], milestone_list: YamlList | None
    ) -> list[Level]:
        """The levels, ranked by the tree, each holding its milestones (a level in error is left out)."""
        ranks = self._tree(known)
        by_level = self._milestones(milestone_list or [], {raw["id"] for raw in known})
        levels = []
        for raw in known:
            milestones = tuple(by_level.get(raw["id"], ()))
            self._check_level_milestones(raw, milestones, milestone_list is not None)
            if raw["title"] is None or raw["id"] not in ranks:  # reported; the framework is not returned
                continue
            fields = {k: v for k, v in raw.items() if k != "line"}
            levels.append(Level(rank=ranks[raw["id"]], milestones=milestones, **fields))
        return levels

    # ------------------------------------------------------------ the file's top level

    def _top_list(self, checker: FileChecker, document: Any, key: str) -> YamlList | None:
        if checker is self.milestones_file:
            top = checker.mapping(document, "the file", 1)
            if top is None:
                return None
            checker.unknown_keys(top, (key,), "the file")
        else:
            top = document
        if key not in top:
            checker.report(line_of(top), f"the file has no top-level {key!r} list")
            return None
        value = top[key]
        if not isinstance(value, list) or not value:
            what = (
                "is empty"
                if isinstance(value, list) or value is None
                else f"must be a list, not {type_name(value)}"
            )
            checker.report(line_of(top, key), f"{key!r} {what}")
            return None
        return value  # type: ignore[return-value]

    def _scoring(self, ladder: dict[str, Any]) -> float:
        if "scoring" not in ladder:
            return DEFAULT_PASS_THRESHOLD
        scoring = self.levels_file.mapping(ladder["scoring"], "'scoring'", line_of(ladder, "scoring"))
        if scoring is None:
            return DEFAULT_PASS_THRESHOLD
        self.levels_file.unknown_keys(scoring, ("pass_threshold",), "'scoring'")
        return self.levels_file.threshold(scoring, "pass_threshold", "'scoring'") or DEFAULT_PASS_THRESHOLD

    def _contexts(self, ladder: dict[str, Any]) -> tuple[Context, ...]:
        """The declared context questions; the company question of pmpath 0.1 when none are declared."""
        check = self.levels_file
        if ladder.get("contexts") is None:
            return DEFAULT_CONTEXTS
        items = ladder["contexts"]
        if not isinstance(items, list):
            check.report(line_of(ladder, "contexts"), f"'contexts' must be a list, not {type_name(items)}")
            return ()
        contexts: list[Context] = []
        for index, item in enumerate(items):
            entry = check.mapping(item, f"context #{index + 1}", line_of(items, index))
            if entry is None:
                continue
            context_id = check.slug(entry, "id", f"context #{index + 1}")
            where = f"context {shown(context_id)}" if context_id else f"context #{index + 1}"
            check.unknown_keys(entry, CONTEXT_KEYS, where)
            prompt = check.text(entry, "prompt", where, required=True)
            values = self._context_values(entry, where)
            if context_id in PROFILE_FIXED_KEYS:
                check.report(
                    line_of(entry, "id"),
                    f"{where}: {shown(context_id)} is a profile key of its own "
                    f"({', '.join(PROFILE_FIXED_KEYS)}); choose another id",
                )
                continue
            if context_id is not None and any(c.id == context_id for c in contexts):
                check.report(line_of(entry, "id"), f"duplicate context id {shown(context_id)}")
                continue
            if context_id and prompt and values:
                contexts.append(Context(context_id, prompt, values))
        return tuple(contexts)

    def _context_values(self, entry: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
        """`values` as a list of slugs, or a mapping of slug to label, in the order written."""
        check = self.levels_file
        raw = entry.get("values")
        if isinstance(raw, list):
            pairs = [
                (item, item.replace("-", " ").capitalize()) if isinstance(item, str) else (item, "")
                for item in raw
            ]
            lines = [line_of(raw, index) for index in range(len(raw))]
        elif isinstance(raw, dict):
            pairs = list(raw.items())
            lines = [line_of(raw, key) for key in raw]
        else:
            check.report(
                line_of(entry, "values") or line_of(entry),
                f"{where}: 'values' must list the allowed answers (a list, or a mapping of value to label)",
            )
            return ()
        values: list[tuple[str, str]] = []
        for (value, label), line in zip(pairs, lines, strict=True):
            if not isinstance(value, str) or not re.fullmatch(SLUG, value):
                check.report(line, f"{where}: the value {shown(value)} must be a lowercase slug, e.g. 'b2b'")
            elif not isinstance(label, str) or not label.strip():
                check.report(line, f"{where}: the value {shown(value)} needs a label (text)")
            else:
                values.append((value, label.strip()))
        if len(values) < 2 and len(values) == len(pairs):
            check.report(line_of(entry, "values"), f"{where}: a context needs at least 2 values")
        return tuple(values)

    def _company_values(self) -> tuple[str, ...] | None:
        company = next((c for c in self.contexts if c.id == COMPANY_CONTEXT), None)
        return tuple(value for value, _ in company.values) if company else None

    def _companies(self, mapping: dict[str, Any], where: str, key: str = "companies") -> dict[str, str]:
        if mapping.get(key) is None:
            return {}
        companies = self.levels_file.mapping(mapping[key], f"{where}: {key!r}", line_of(mapping, key))
        if companies is None:
            return {}
        allowed = self._company_values()
        if allowed is None:
            self.levels_file.report(
                line_of(mapping, key), f"{where}: {key!r} needs a context with the id 'company'"
            )
            return {}
        self.levels_file.unknown_keys(companies, allowed, f"{where}: {key!r}")
        found = {}
        for company in allowed:
            value = self.levels_file.text(companies, company, f"{where}: {key!r}")
            if value:
                found[company] = value
        return found

    # ------------------------------------------------------------ levels

    def _level(self, item: Any, index: int, default_threshold: float) -> dict[str, Any] | None:
        check = self.levels_file
        opened = _opened(check, item, "level", index, LEVEL_KEYS, None)
        if opened is None:
            return None
        level, level_id, where = opened
        title = check.text(level, "title", where, required=True)
        texts = {key: check.text(level, key, where) for key in LEVEL_TEXT_KEYS}
        threshold = check.threshold(level, "pass_threshold", where)
        follows: Any = _NOT_GIVEN
        if "follows" in level:
            follows = None if level["follows"] is None else check.slug(level, "follows", where)
            if follows is None and level["follows"] is not None:
                follows = _NOT_GIVEN  # reported as a bad slug; fall back to the default
        fields = dict(
            id=level_id,
            title=title,
            follows=follows,
            aliases=check.text_list(level, "aliases", where),
            track=check.choice(level, "track", where, TRACKS) or "individual-contributor",
            responsibilities=check.text_list(level, "responsibilities", where),
            tenure_by_company=self._companies(level, where, "tenure_by_company"),
            pass_threshold=threshold if threshold is not None else default_threshold,
            line=line_of(level),
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
                levels[index] = None
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

    def _tree(self, levels: list[dict[str, Any]]) -> dict[str, int]:
        """Resolve `follows` (default: the level before in the file) and return each level's depth.

        Reports an unknown id, more than one first level, and cycles, each at its line;
        levels on a cycle or under a bad `follows` get no rank (the ladder is refused).
        """
        check = self.levels_file
        ids = {raw["id"] for raw in levels}
        roots = []
        for index, raw in enumerate(levels):
            follows = raw["follows"]
            if follows is _NOT_GIVEN:
                follows = levels[index - 1]["id"] if index else None
            elif follows is not None and follows not in ids:
                check.report(
                    raw["line"],
                    f"level {shown(raw['id'])} follows {shown(follows)}, which is not a level of this ladder"
                    f"{check.hint(follows, ids)}",
                )
                follows = _NOT_GIVEN
            elif follows == raw["id"]:
                check.report(raw["line"], f"level {shown(raw['id'])} follows itself")
                follows = _NOT_GIVEN
            raw["follows"] = follows
            if follows is None:
                roots.append(raw)
        if len(roots) > 1:
            names = ", ".join(shown(raw["id"]) for raw in roots)
            for raw in roots[1:]:
                check.report(
                    raw["line"],
                    f"level {shown(raw['id'])} follows no level, like {shown(roots[0]['id'])}: a ladder has one "
                    f"first level (levels without 'follows': {names}); say which level it follows",
                )
        return self._ranks(
            {raw["id"]: raw["follows"] for raw in levels}, {raw["id"]: raw["line"] for raw in levels}
        )

    def _ranks(self, parent: dict[str, Any], lines: dict[str, int | None]) -> dict[str, int]:
        """Each level's depth, walking every chain of `follows` once; a cycle is reported once."""
        ranks: dict[str, int] = {}
        dead: set[str] = set()  # on a cycle, or under one or under a bad 'follows'
        for start in parent:
            walk: list[str] = []
            on_walk: set[str] = set()
            node: Any = start
            while isinstance(node, str) and node not in ranks and node not in dead and node not in on_walk:
                walk.append(node)
                on_walk.add(node)
                node = parent[node]
            if isinstance(node, str) and node in on_walk:
                cycle = walk[walk.index(node) :]
                chain = " -> ".join(shown(level_id) for level_id in [*cycle, cycle[0]])
                self.levels_file.report(lines[cycle[0]], f"levels follow each other in a cycle: {chain}")
            if node is None or (isinstance(node, str) and node in ranks):
                base = ranks[node] if node is not None else 0
                for level_id in reversed(walk):
                    base += 1
                    ranks[level_id] = base
            else:
                dead.update(walk)
        return ranks

    # ------------------------------------------------------------ milestones

    def _milestones(self, items: list[Any], level_ids: set[str] | None) -> dict[str, list[Milestone]]:
        """The milestones by level id; with `level_ids` None (levels.yaml unusable) only their fields are checked."""
        check = self.milestones_file
        by_level: dict[str, list[Milestone]] = defaultdict(list)
        seen = _Seen()
        for index in range(len(items)):
            if check.saturated:
                check.report(None, "too many problems; stopped checking the rest of the file")
                break
            milestone = self._milestone(items, index, level_ids, seen)
            if milestone is not None:
                by_level[milestone.level].append(milestone)
        return by_level

    def _milestone(
        self, items: list[Any], index: int, level_ids: set[str] | None, seen: _Seen
    ) -> Milestone | None:
        check = self.milestones_file
        line = line_of(items, index)
        opened = _opened(check, items[index], "milestone", index, MILESTONE_KEYS, line)
        if opened is None:
            return None
        milestone, milestone_id, where = opened
        level = check.text(milestone, "level", where, required=True)
        text = check.text(milestone, "text", where, required=True)
        question = check.text(milestone, "question", where)
        category = self._category(milestone, where)
        weight = self._weight(milestone, where)
        required = check.boolean(milestone, "required", where)
        may_not_apply = check.boolean(milestone, "may_not_apply", where)
        applies_when = self._applies_when(milestone, where)
        evidence = check.text(milestone, "evidence", where) or ""
        advice = check.text(milestone, "advice", where) or ""
        self._check_flags(milestone, where, required, may_not_apply, applies_when)
        if not self._placed(milestone, milestone_id, level, level_ids, line, where, seen):
            return None
        if text is not None and milestone_id:
            seen.text(check, text, milestone_id, line, where)
        if milestone_id is None or level is None or text is None or weight is None:
            if level is not None:
                self.levels_missing_milestones.add(level)
            return None
        seen.first_line[milestone_id] = line or 0
        if not advice:
            check.report(line, f"{where} has no 'advice': the gaps table will show nothing for it", "warning")
        return Milestone(
            id=milestone_id,
            level=level,
            text=text,
            question=question or _question_from(text),
            category=category,
            weight=weight,
            required=required,
            evidence=evidence,
            advice=advice,
            applies_when=applies_when,
            may_not_apply=may_not_apply and not required,
        )

    def _check_flags(
        self, milestone: dict[str, Any], where: str, required: bool, may_not_apply: bool, applies_when: Any
    ) -> None:
        check = self.milestones_file
        if required and may_not_apply:
            check.report(
                line_of(milestone, "may_not_apply"),
                f"{where} is required, so it cannot be marked 'may_not_apply': a required milestone "
                "applies everywhere (drop one of the two)",
            )
        if required and applies_when:
            check.report(
                line_of(milestone, "applies_when"),
                f"{where} is required but applies only in some contexts: people elsewhere are judged without it",
                "warning",
            )

    def _placed(
        self,
        milestone: dict[str, Any],
        milestone_id: str | None,
        level: str | None,
        level_ids: set[str] | None,
        line: int | None,
        where: str,
        seen: _Seen,
    ) -> bool:
        """Not a duplicate id, and on a known level (each reported otherwise)."""
        check = self.milestones_file
        if milestone_id in seen.first_line:
            check.report(
                line,
                f"duplicate milestone id {shown(milestone_id)} (first at line {seen.first_line[milestone_id]})",
            )
            return False
        if level is not None and level_ids is not None and level not in level_ids:
            check.report(
                line_of(milestone, "level"),
                f"{where}: unknown level {shown(level)}{check.hint(level, level_ids)}",
            )
            return False
        return True

    def _category(self, milestone: dict[str, Any], where: str) -> str:
        value = milestone.get("category")
        if isinstance(value, str) and value.strip() in LEGACY_AREAS:
            new = LEGACY_AREAS[value.strip()]
            self.milestones_file.report(
                line_of(milestone, "category"),
                f"{where}: the category {shown(value)} is pmpath 0.1's name; write {shown(new)}",
                "warning",
            )
            return new
        return self.milestones_file.choice(milestone, "category", where, AREAS) or DEFAULT_AREA

    def _weight(self, milestone: dict[str, Any], where: str) -> int | None:
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

    def _applies_when(self, milestone: dict[str, Any], where: str) -> dict[str, tuple[str, ...]]:
        """{context: values}; each context must be declared, and each value one of its values."""
        check = self.milestones_file
        if milestone.get("applies_when") is None:
            return {}
        raw = check.mapping(
            milestone["applies_when"], f"{where}: 'applies_when'", line_of(milestone, "applies_when")
        )
        if raw is None:
            return {}
        declared = {context.id: context for context in self.contexts}
        found: dict[str, tuple[str, ...]] = {}
        for context_id, values in raw.items():
            line = line_of(raw, context_id)
            context = declared.get(context_id)
            if context is None:
                known = ", ".join(declared) or "none"
                check.report(
                    line,
                    f"{where}: 'applies_when' names the context {shown(context_id)}, which levels.yaml does "
                    f"not declare (declared: {known}){check.hint(context_id, declared)}",
                )
                continue
            listed = [values] if isinstance(values, str) else values
            if not isinstance(listed, list) or not listed:
                check.report(
                    line, f"{where}: 'applies_when' {shown(context_id)} must list one or more values"
                )
                continue
            allowed = [value for value, _ in context.values]
            good = []
            for value in listed:
                if value in allowed:
                    good.append(value)
                else:
                    check.report(
                        line,
                        f"{where}: 'applies_when' {shown(context_id)}: {shown(value)} is not one of its values "
                        f"({', '.join(allowed)}){check.hint(str(value), allowed)}",
                    )
            if good:
                found[context_id] = tuple(dict.fromkeys(good))
        return found

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
            self.levels_file.report(
                raw["line"],
                f"{where} has no required milestone: nothing at it is checked for the levels above it",
                "warning",
            )

    def _check_coverage(self, levels: list[Level], lines: dict[str, int | None]) -> None:
        """Warn where one context value leaves less than half a level's weight: nobody there could meet it."""
        for level in levels:
            total = sum(m.weight for m in level.milestones)
            for context in self.contexts:
                for value, _ in context.values:
                    left = sum(
                        m.weight
                        for m in level.milestones
                        if context.id not in m.applies_when or value in m.applies_when[context.id]
                    )
                    if total and 2 * left < total:
                        self.levels_file.report(
                            lines[level.id],
                            f"level {shown(level.id)}: with {context.id} {shown(value)}, less than half of its "
                            "weight applies, so nobody there can meet it",
                            "warning",
                        )


def _comparable(text: str) -> str:
    """Milestone text as compared for duplicates: case, spacing and a final full stop do not count."""
    return " ".join(text.split()).rstrip(".").casefold()


def _question_from(text: str) -> str:
    return f"Is this true of you: {text.rstrip('.')}?"

"""The answer sheet's one codec: answers files, the draft and the history all read and write it here.

```yaml
profile: {years: 4, background: engineering, company: startup, market: b2b}   # optional
answers:
  pm-end-to-end: yes
  pm-metric-target: partial
  pm-experiment: na                  # only where the milestone may not apply
  senior-pm-ambiguous-problem: {answer: no, evidence: "Drafted, not yet adopted"}
```

`sheet_from_document` checks a parsed document (YAML with lines, or JSON from pmpath's
own files) against a framework; `sheet_document` turns a sheet back into that shape,
and `answers_yaml` into the YAML text `--save-answers` and `history export` write.
YAML 1.1 turns yes/no/true/false/on/off into booleans; they are read back as yes/no.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pmpath.checks import FileChecker, line_of, type_name
from pmpath.errors import InputFileError, Problem
from pmpath.escaping import shown
from pmpath.framework import PROFILE_FIXED_KEYS
from pmpath.model import BACKGROUNDS, MAX_YEARS, Answer, AnswerSheet, Framework, Milestone, Profile, Response

SHEET_KEYS = ("profile", "answers")
RESPONSE_KEYS = ("answer", "evidence")
MAX_NOTE_LENGTH = 2_000
"""Longest evidence note kept: a note is a line, a link or a metric, not a document."""
ANSWER_SPELLINGS: dict[Answer, tuple[str, ...]] = {
    Answer.YES: ("yes", "true", "on"),
    Answer.PARTIAL: ("partial", "partly"),
    Answer.NO: ("no", "not yet", "false", "off"),
    Answer.NA: ("na", "n/a", "not applicable", "doesn't apply"),
}
"""Every spelling an answers file may use, case and spacing aside; the first is the one pmpath writes."""
_WORDS = {spelling: answer for answer, spellings in ANSWER_SPELLINGS.items() for spelling in spellings}
_WORDS.update({"does not apply": Answer.NA, "doesnt apply": Answer.NA, "not-yet": Answer.NO})


_PLAIN = {answer: Response(answer, None) for answer in Answer}
"""One shared response per answer without a note (they are immutable): a team reads 40,000 of them."""


def profile_keys(framework: Framework) -> tuple[str, ...]:
    """The keys a profile may have with this ladder: the fixed ones, then one per context."""
    return (*PROFILE_FIXED_KEYS, *(context.id for context in framework.contexts))


def parse_answer(value: Any) -> Answer | None:
    """An answer from any accepted spelling (or a YAML boolean); None when it is none of them."""
    exact = _plain_answer(value)  # the common case, a spelling as pmpath writes it
    if exact is not None or not isinstance(value, str):
        return exact
    word = " ".join(value.replace("\u2019", "'").split()).lower()
    return _WORDS.get(word)


def accepted_spellings(na: bool = True) -> str:
    """ "yes (or true, on), partial (or partly), ..." for error messages."""
    parts = []
    for answer, spellings in ANSWER_SPELLINGS.items():
        if answer is Answer.NA and not na:
            continue
        others = f" (or {', '.join(spellings[1:])})" if len(spellings) > 1 else ""
        parts.append(f"{spellings[0]}{others}")
    return ", ".join(parts)


# ---------------------------------------------------------------- reading


def read_answer_sheet(source: str, framework: Framework) -> AnswerSheet:
    """Read an answers file (`-` for stdin), checked against the framework's milestones."""
    from pmpath.inputs import read_stdin, read_text
    from pmpath.plainyaml import parse  # PyYAML only for files beyond plain `key: value` lines

    display = "<stdin>" if source == "-" else source
    text = read_stdin(display) if source == "-" else read_text(Path(source), display)
    document, problems = parse(text, display)
    return sheet_from_document(document, display, framework, problems)


def sheet_from_document(
    document: Any,
    display: str,
    framework: Framework,
    problems: list[Problem] | None = None,
    *,
    unknown_milestones: str = "error",
) -> AnswerSheet:
    """Check a document against the framework; raises `InputFileError` with every problem found.

    `unknown_milestones="drop"` ignores answers to milestones the framework does not have
    (a record saved against an earlier version of the ladder, read with today's).
    """
    problems = list(problems or [])
    check = FileChecker(display, problems)
    top = check.mapping(document, "an answers file", 1)
    profile, responses = Profile(), {}
    if top is not None:
        check.unknown_keys(top, SHEET_KEYS, "the file")
        if top.get("profile") is not None:
            profile = _profile(check, top, framework)
        if "answers" not in top:
            check.report(line_of(top), "the file has no 'answers' mapping (milestone id: yes, partial or no)")
        elif top["answers"] is not None:
            answers = check.mapping(top["answers"], "'answers'", line_of(top, "answers"))
            if answers is not None:
                responses = _responses(check, answers, framework, unknown_milestones == "drop")
    if any(p.severity == "error" for p in problems):
        raise InputFileError(problems)
    return AnswerSheet(profile, responses)


def _profile(check: FileChecker, top: dict[str, Any], framework: Framework) -> Profile:
    block = check.mapping(top["profile"], "'profile'", line_of(top, "profile"))
    if block is None:
        return Profile()
    check.unknown_keys(block, profile_keys(framework), "'profile'")
    contexts = {}
    for context in framework.contexts:
        value = check.choice(block, context.id, "profile", [value for value, _ in context.values])
        if value is not None:
            contexts[context.id] = value
    return Profile(
        years=_years(check, block),
        title=_optional_text(check, block, "title"),
        background=check.choice(block, "background", "profile", BACKGROUNDS),
        name=_optional_text(check, block, "name"),
        contexts=contexts,
    )


def _optional_text(check: FileChecker, block: dict[str, Any], key: str) -> str | None:
    """A profile text; left empty (as `assess --template` writes it) it is simply not given."""
    value = block.get(key)
    if isinstance(value, str) and not value.strip():
        return None
    return check.text(block, key, "profile")


def _years(check: FileChecker, block: dict[str, Any]) -> float | None:
    years = block.get("years")
    if years is None:
        return None
    if isinstance(years, bool) or not isinstance(years, (int, float)) or not 0 <= years <= MAX_YEARS:
        quoted = "the text " if isinstance(years, str) else ""
        hint = " (write it without quotes)" if _numeric(years) else ""
        check.report(
            line_of(block, "years"),
            f"profile: 'years' is {quoted}{shown(years)}; expected a number from 0 to {MAX_YEARS}{hint}",
        )
        return None
    return int(years) if float(years).is_integer() else float(years)


def _responses(
    check: FileChecker, answers: dict[str, Any], framework: Framework, drop_unknown: bool
) -> dict[str, Response]:
    known = framework.milestone_ids()
    responses = {}
    for milestone_id, value in answers.items():
        if check.saturated:
            check.report(None, "too many problems; stopped checking the rest of the file")
            break
        milestone = known.get(milestone_id)
        fast = _plain_answer(value) if milestone is not None else None
        if fast is not None and (fast is not Answer.NA or milestone.may_not_apply):  # type: ignore[union-attr]
            responses[milestone_id] = _PLAIN[fast]  # the common case: a plain, valid answer
            continue
        if milestone is None:
            if not drop_unknown:
                hint = check.hint(milestone_id, known)
                check.report(
                    line_of(answers, milestone_id), f"unknown milestone id {shown(milestone_id)}{hint}"
                )
            continue
        response = _response(check, line_of(answers, milestone_id), milestone, value)
        if response is not None:
            responses[milestone_id] = response
    return responses


def _plain_answer(value: Any) -> Answer | None:
    """The answer of a value as pmpath writes it ("partial"; yes and no arrive as YAML booleans)."""
    kind = type(value)
    if kind is str:
        return _WORDS.get(value)
    if kind is bool:
        return Answer.YES if value else Answer.NO
    return None


def _response(check: FileChecker, line: int | None, milestone: Milestone, value: Any) -> Response | None:
    """Any other answer, checked: a spelling, or `{answer, evidence}`; None (reported) when wrong or blank."""
    milestone_id = milestone.id
    evidence = None
    if isinstance(value, dict):
        where = f"the answer to {shown(milestone_id)}"
        check.unknown_keys(value, RESPONSE_KEYS, where)
        evidence = check.text(value, "evidence", where)
        if evidence is not None and len(evidence) > MAX_NOTE_LENGTH:
            check.report(
                line_of(value, "evidence"),
                f"{where}: the evidence note is longer than {MAX_NOTE_LENGTH:,} characters",
            )
        if "answer" not in value:
            check.report(line_of(value), f"{where} has no 'answer' (yes, partial or no)")
            return None
        value = value["answer"]
    if value is None:  # left blank, as `assess --template` writes it: not answered
        return None
    answer = parse_answer(value)
    if answer is None:
        what = shown(value) if isinstance(value, (str, int, float)) else type_name(value)
        check.report(
            line,
            f"{shown(milestone_id)}: the answer {what} is not one of {accepted_spellings(milestone.may_not_apply)}",
        )
        return None
    if answer is Answer.NA and not milestone.may_not_apply:
        check.report(
            line,
            f"{shown(milestone_id)}: {shown(value)} (doesn't apply) is only for milestones that may not apply "
            "where you work, and this one applies everywhere; answer yes, partial or no",
        )
        return None
    return Response(answer, evidence)


def _numeric(value: object) -> bool:
    """Text that is a number, such as the quoted "5": the fix is to drop the quotes."""
    return isinstance(value, str) and re.fullmatch(r"\s*[0-9]+(\.[0-9]+)?\s*", value) is not None


# ---------------------------------------------------------------- writing


def profile_document(profile: Profile, framework: Framework | None = None) -> dict[str, Any]:
    """The profile as a flat mapping, keys in their canonical order (contexts last, as declared)."""
    fixed = {
        "years": profile.years,
        "title": profile.title,
        "background": profile.background,
        "name": profile.name,
    }
    order = [c.id for c in framework.contexts] if framework else list(profile.contexts)
    contexts = {key: profile.contexts[key] for key in order if key in profile.contexts}
    contexts.update({k: v for k, v in profile.contexts.items() if k not in contexts})
    return {key: value for key, value in {**fixed, **contexts}.items() if value is not None}


def sheet_document(sheet: AnswerSheet, framework: Framework) -> dict[str, Any]:
    """The sheet as the plain document `sheet_from_document` reads, answers in ladder order."""
    answers: dict[str, Any] = {}
    for milestone in framework.milestones():
        response = sheet.responses.get(milestone.id)
        if response is not None:
            answers[milestone.id] = {"answer": response.answer.value, "evidence": response.evidence}
    return {"profile": profile_document(sheet.profile, framework), "answers": answers}


def answers_yaml(sheet: AnswerSheet, framework: Framework, *, header: str = "") -> str:
    """An answers file, in ladder order, that `assess --answers` reads back to the same result."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()] if header else []
    lines.append(f"# pmpath answers for the ladder {yaml_quoted(framework.name)}")
    document = sheet_document(sheet, framework)
    if document["profile"]:
        lines.append("profile:")
        for key, value in document["profile"].items():
            plain = isinstance(value, (int, float)) or key not in ("title", "name")
            lines.append(f"  {key}: {value if plain else yaml_quoted(str(value))}")
    lines.append("answers:" if document["answers"] else "answers: {}")
    for milestone_id, item in document["answers"].items():
        if item["evidence"]:
            lines.append(
                f"  {milestone_id}: {{answer: {item['answer']}, evidence: {yaml_quoted(item['evidence'])}}}"
            )
        else:
            lines.append(f"  {milestone_id}: {item['answer']}")
    return "\n".join(lines) + "\n"


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar: a JSON string is one, once the characters YAML refuses or folds
    (DEL, C1 controls, line separators, lone surrogates) are escaped too."""
    import json

    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")

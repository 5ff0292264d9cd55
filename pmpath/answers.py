"""Read and write answers files: a person's profile and their answer to each milestone.

```yaml
profile: {years: 4, background: engineering, company: startup}   # optional
answers:
  pm-owns-product-area: yes
  pm-metric-impact: partial
  senior-pm-multi-quarter-roadmap: {answer: no, evidence: "Drafted, not yet adopted"}
```
YAML 1.1 turns yes/no/true/false/on/off into booleans; they are read back as yes/no.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmpath.checks import FileChecker, YamlMap, did_you_mean, line_of, shown, type_name
from pmpath.errors import InputFileError, Problem
from pmpath.model import (
    BACKGROUNDS,
    COMPANY_TYPES,
    Answer,
    AnswerSheet,
    Framework,
    Profile,
    Response,
)

SHEET_KEYS = ("profile", "answers")
PROFILE_KEYS = ("years", "title", "background", "company")
RESPONSE_KEYS = ("answer", "evidence")
# YAML 1.1 only turns some spellings of these into booleans ("True", not "tRUE"); read the rest here.
_WORDS = {
    **dict.fromkeys(("yes", "true", "on"), Answer.YES),
    **dict.fromkeys(("partial", "partly"), Answer.PARTIAL),
    **dict.fromkeys(("no", "false", "off"), Answer.NO),
}
MAX_YEARS = 60


def read_answer_sheet(source: str, framework: Framework) -> AnswerSheet:
    """Read an answers file (`-` for stdin), checked against the framework's milestones.

    A file that was valid for this framework and has not changed since comes from the
    cache: scripts re-run the same file, and PyYAML's import alone costs 10-15 ms.
    """
    if source == "-":
        return _parse_answer_sheet(source, framework)
    from pmpath.cache import cached

    return cached(
        "answers",
        [Path(source)],
        framework.fingerprint,
        lambda: _parse_answer_sheet(source, framework),
        sheet_to_json,
        sheet_from_json,
    )


def _parse_answer_sheet(source: str, framework: Framework) -> AnswerSheet:
    from pmpath.yamlfile import parse, read_stdin, read_text

    display = "<stdin>" if source == "-" else source
    text = read_stdin(display) if source == "-" else read_text(Path(source), display)
    document, problems = parse(text, display)
    return answer_sheet_from(document, display, framework, problems)


def sheet_to_json(sheet: AnswerSheet) -> dict[str, Any]:
    return {
        "profile": sheet.profile.as_dict(),
        "answers": {m_id: [r.answer.value, r.evidence] for m_id, r in sheet.responses.items()},
    }


def sheet_from_json(data: dict[str, Any]) -> AnswerSheet:
    responses = {
        m_id: Response(Answer(answer), evidence) for m_id, (answer, evidence) in data["answers"].items()
    }
    return AnswerSheet(Profile(**data["profile"]), responses)


def answer_sheet_from(
    document: Any, display: str, framework: Framework, problems: list[Problem] | None = None
) -> AnswerSheet:
    problems = list(problems or [])
    check = FileChecker(display, problems)
    top = check.mapping(document, "an answers file", 1)
    profile, responses = Profile(), {}
    if top is not None:
        check.unknown_keys(top, SHEET_KEYS, "the file")
        if top.get("profile") is not None:
            profile = _profile(check, top)
        if "answers" not in top:
            check.report(top.line, "the file has no 'answers' mapping (milestone id: yes, partial or no)")
        elif top["answers"] is not None:
            answers = check.mapping(top["answers"], "'answers'", line_of(top, "answers"))
            if answers is not None:
                responses = _responses(check, answers, framework)
    if problems:
        raise InputFileError(problems)
    return AnswerSheet(profile, responses)


def _profile(check: FileChecker, top: YamlMap) -> Profile:
    block = check.mapping(top["profile"], "'profile'", line_of(top, "profile"))
    if block is None:
        return Profile()
    check.unknown_keys(block, PROFILE_KEYS, "'profile'")
    years = block.get("years")
    if years is not None and (
        isinstance(years, bool) or not isinstance(years, (int, float)) or not 0 <= years <= MAX_YEARS
    ):
        check.report(
            line_of(block, "years"),
            f"profile: 'years' is {'the text ' if isinstance(years, str) else ''}{shown(years)}; "
            f"expected a number from 0 to {MAX_YEARS}{' (write it without quotes)' if _numeric(years) else ''}",
        )
        years = None
    return Profile(
        years=years,
        title=check.text(block, "title", "profile"),
        background=check.choice(block, "background", "profile", BACKGROUNDS),
        company=check.choice(block, "company", "profile", COMPANY_TYPES),
    )


def _responses(check: FileChecker, answers: YamlMap, framework: Framework) -> dict[str, Response]:
    known = framework.milestone_ids()
    responses = {}
    for milestone_id, value in answers.items():
        line = line_of(answers, milestone_id)
        if milestone_id not in known:
            hint = did_you_mean(milestone_id, known)
            check.report(line, f"unknown milestone id {shown(milestone_id)}{hint}")
            continue
        evidence = None
        if isinstance(value, YamlMap):
            check.unknown_keys(value, RESPONSE_KEYS, f"the answer to {milestone_id!r}")
            evidence = check.text(value, "evidence", f"the answer to {milestone_id!r}")
            if "answer" not in value:
                check.report(
                    value.line,
                    f"the answer to {milestone_id!r} has no 'answer' (yes, partial or no)",
                )
                continue
            value = value["answer"]
        answer = parse_answer(value)
        if answer is None:
            if value is None:
                check.report(line, f"{milestone_id!r} has no answer; write yes, partial or no")
            else:
                what = shown(value) if isinstance(value, (str, int, float)) else type_name(value)
                check.report(line, f"{milestone_id!r}: the answer {what} is not one of yes, partial, no")
            continue
        responses[milestone_id] = Response(answer, evidence)
    return responses


def parse_answer(value: Any) -> Answer | None:
    if value is True:
        return Answer.YES
    if value is False:
        return Answer.NO
    if isinstance(value, str):
        return _WORDS.get(value.strip().lower())
    return None


def dump_answer_sheet(sheet: AnswerSheet, framework: Framework) -> str:
    """An answers file, in ladder order, that `assess --answers` reads back to the same result."""
    import json  # JSON strings are valid YAML scalars: every note round-trips, quotes and all
    import re

    def quoted(text: str) -> str:
        # YAML refuses raw DEL and C1 controls that json.dumps(ensure_ascii=False) leaves in.
        return re.sub(
            r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
        )

    lines = [f"# pmpath answers for the framework {quoted(framework.name)}"]
    profile = sheet.profile.as_dict()
    if profile:
        lines.append("profile:")
        # Enum values (background, company) and numbers are plain words; free text is quoted.
        lines += [
            f"  {key}: {value if key != 'title' else quoted(str(value))}" for key, value in profile.items()
        ]
    lines.append("answers:" if sheet.responses else "answers: {}")
    for milestone in framework.milestones():
        response = sheet.responses.get(milestone.id)
        if response is None:
            continue
        answer = response.answer.value  # yes/no read back as YAML booleans, which mean the same
        if response.evidence:
            evidence = quoted(response.evidence)
            lines.append(f"  {milestone.id}: {{answer: {answer}, evidence: {evidence}}}")
        else:
            lines.append(f"  {milestone.id}: {answer}")
    return "\n".join(lines) + "\n"


def _numeric(value: object) -> bool:
    """Text that is a number, such as the quoted "5": the fix is to drop the quotes."""
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True

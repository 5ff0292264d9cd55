#!/usr/bin/env python3
"""Replay every recorded calibration answers file and print the results table of calibration/README.md.

Usage: python calibration/report.py [--data DIR]

Each person in personas.yaml was role-played through the real interactive `pmpath assess`
by someone who saw only their story; the answers file they produced is replayed here
against the ladder. A placement is *exact* when it is the expected level, and *within
one* when it is the expected level or the one just below or above it on the same branch
of the ladder. `tests/test_calibration.py` replays the same files and checks this table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pmpath.answers import read_answer_sheet  # noqa: E402
from pmpath.framework import check_framework  # noqa: E402
from pmpath.model import Framework  # noqa: E402
from pmpath.scoring import assess  # noqa: E402


class Row(NamedTuple):
    id: str
    held_out: bool
    untouched: bool
    """Written and run after the last change to the ladder: never seen by any tuning."""
    expected: str | None
    acceptable: tuple[str | None, ...]
    placed: str | None
    recorded: bool

    @property
    def exact(self) -> bool:
        return self.recorded and self.placed == self.expected

    def within_one(self, framework: Framework) -> bool:
        return self.recorded and (self.exact or _adjacent(framework, self.placed, self.expected))


def _adjacent(framework: Framework, a: str | None, b: str | None) -> bool:
    """One step apart on a branch: one level follows the other (None, below the first, precedes the first)."""

    def parent(level_id: str | None) -> str | bool | None:
        if level_id is None:
            return False  # nothing precedes "not yet at the first level"
        return framework.level(level_id).follows

    return parent(a) == b or parent(b) == a


def load_personas(path: Path = HERE / "personas.yaml") -> tuple[list[dict[str, Any]], set[str]]:
    """The people, and the ids of those held out from tuning (the untouched ones among them)."""
    import yaml

    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document["personas"], set(document.get("held_out") or []) | _untouched(document)


def _untouched(document: dict[str, Any]) -> set[str]:
    return set(document.get("untouched") or [])


def untouched_ids(path: Path = HERE / "personas.yaml") -> set[str]:
    import yaml

    return _untouched(yaml.safe_load(path.read_text(encoding="utf-8")))


def replay(framework: Framework) -> list[Row]:
    personas, held_out = load_personas()
    untouched = untouched_ids()
    rows = []
    for persona in personas:
        answers = HERE / persona["answers"]
        placed = None
        if answers.exists():
            result = assess(framework, read_answer_sheet(str(answers), framework))
            placed = result.level.id if result.level else None
        rows.append(
            Row(
                persona["id"],
                persona["id"] in held_out,
                persona["id"] in untouched,
                persona["expected"],
                tuple(persona["acceptable"]),
                placed,
                answers.exists(),
            )
        )
    return rows


def _name(level_id: str | None) -> str:
    return "not yet" if level_id is None else level_id


def table(framework: Framework, rows: list[Row]) -> str:
    lines = [
        "| Person | Set | Expected | Also acceptable | Placed | Result |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        others = ", ".join(_name(level) for level in row.acceptable if level != row.expected) or "-"
        if not row.recorded:
            verdict = "not recorded"
        elif row.exact:
            verdict = "exact"
        elif row.within_one(framework):
            verdict = "within one" + (" (acceptable)" if row.placed in row.acceptable else "")
        else:
            verdict = "**miss**"
        kind = "untouched" if row.untouched else "held out" if row.held_out else "tuned"
        lines.append(
            f"| {row.id} | {kind} | {_name(row.expected)} | {others} | "
            f"{_name(row.placed) if row.recorded else '-'} | {verdict} |"
        )
    lines.append("")
    for label, subset in (
        ("All", rows),
        ("Tuned", [r for r in rows if not r.held_out]),
        ("Held out", [r for r in rows if r.held_out]),
        ("Untouched (held out, and run after the last change)", [r for r in rows if r.untouched]),
    ):
        recorded = [r for r in subset if r.recorded]
        if not recorded:
            continue
        exact = sum(r.exact for r in recorded)
        within = sum(r.within_one(framework) for r in recorded)
        lines.append(
            f"- **{label}:** {exact} of {len(recorded)} exact ({100 * exact / len(recorded):.0f}%), "
            f"{within} of {len(recorded)} within one ({100 * within / len(recorded):.0f}%)"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE.parent / "data")
    arguments = parser.parse_args()
    framework, problems = check_framework(arguments.data)
    if framework is None:
        print("\n".join(str(p) for p in problems), file=sys.stderr)
        return 2
    sys.stdout.write(table(framework, replay(framework)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

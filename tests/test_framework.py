"""Loading and validating a ladder: branches, contexts, applies_when, may_not_apply, located errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES
from helpers import write_ladder

from pmpath.errors import InputFileError
from pmpath.framework import check_framework, load_framework

MILESTONES = """\
milestones:
  - {id: a-1, level: a, text: "A one", required: true, advice: "x"}
  - {id: a-2, level: a, text: "A two", advice: "x"}
  - {id: a-3, level: a, text: "A three", advice: "x"}
  - {id: b-1, level: b, text: "B one", required: true, advice: "x"}
  - {id: b-2, level: b, text: "B two", advice: "x"}
  - {id: b-3, level: b, text: "B three", advice: "x"}
  - {id: c-1, level: c, text: "C one", required: true, advice: "x"}
  - {id: c-2, level: c, text: "C two", advice: "x"}
  - {id: c-3, level: c, text: "C three", advice: "x"}
"""


def problems_of(tmp_path: Path, levels: str, milestones: str = MILESTONES) -> list[str]:
    _, problems = check_framework(write_ladder(tmp_path / "ladder", levels, milestones))
    return [f"{Path(p.file).name}:{p.line}: {p.severity}: {p.message}" for p in problems]


def test_a_level_follows_the_one_before_it_unless_it_says_otherwise(tmp_path: Path) -> None:
    directory = write_ladder(
        tmp_path / "l",
        "levels:\n  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C, follows: a}\n",
        MILESTONES,
    )
    framework, problems = check_framework(directory)
    assert framework is not None, problems
    assert [(level.id, level.follows, level.rank) for level in framework.levels] == [
        ("a", None, 1),
        ("b", "a", 2),
        ("c", "a", 2),
    ]
    assert [level.id for level in framework.children(framework.level("a"))] == ["b", "c"]
    assert framework.depth == 2


def test_an_unknown_level_in_follows_is_reported_with_its_line(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path, "levels:\n  - {id: a, title: A}\n  - {id: b, title: B, follows: x}\n  - {id: c, title: C}\n"
    )
    assert "levels.yaml:3: error: level 'b' follows 'x', which is not a level of this ladder" in found


def test_a_cycle_is_reported_once_with_its_line(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path,
        "levels:\n  - {id: a, title: A}\n  - {id: b, title: B, follows: c}\n"
        "  - {id: c, title: C, follows: b}\n",
    )
    cycles = [p for p in found if "cycle" in p]
    assert cycles == [
        "levels.yaml:3: error: levels follow each other in a cycle: 'b' -> 'c' -> 'b'"
    ] or cycles == ["levels.yaml:2: error: levels follow each other in a cycle: 'b' -> 'c' -> 'b'"]


def test_a_level_following_itself_is_a_cycle_too(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path, "levels:\n  - {id: a, title: A}\n  - {id: b, title: B, follows: b}\n  - {id: c, title: C}\n"
    )
    assert "levels.yaml:3: error: level 'b' follows itself" in found


def test_more_than_one_first_level_is_reported(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path,
        "levels:\n  - {id: a, title: A}\n  - {id: b, title: B, follows: null}\n  - {id: c, title: C}\n",
    )
    assert any(p.startswith("levels.yaml:3: error: level 'b' follows no level, like 'a'") for p in found)


CONTEXT_LEVELS = """\
contexts:
  - id: market
    prompt: "Who uses it?"
    values: {b2b: Businesses, consumer: Consumers}
levels:
  - {id: a, title: A}
  - {id: b, title: B}
  - {id: c, title: C}
"""


def test_contexts_and_applies_when_are_read(tmp_path: Path) -> None:
    milestones = MILESTONES.replace(
        '{id: b-2, level: b, text: "B two", advice: "x"}',
        '{id: b-2, level: b, text: "B two", advice: "x", applies_when: {market: [b2b]}}',
    )
    directory = write_ladder(
        tmp_path / "l",
        CONTEXT_LEVELS,
        milestones.replace(
            '{id: b-3, level: b, text: "B three", advice: "x"}',
            '{id: b-3, level: b, text: "B three", advice: "x", may_not_apply: true}',
        ),
    )
    framework, problems = check_framework(directory)
    assert framework is not None, problems
    assert [(c.id, c.values) for c in framework.contexts] == [
        ("market", (("b2b", "Businesses"), ("consumer", "Consumers")))
    ]
    milestones_by_id = framework.milestone_ids()
    assert dict(milestones_by_id["b-2"].applies_when) == {"market": ("b2b",)}
    assert milestones_by_id["b-3"].may_not_apply


def test_a_ladder_without_contexts_asks_the_company_type_as_before(tmp_path: Path) -> None:
    framework, _ = check_framework(
        write_ladder(
            tmp_path / "l",
            "levels:\n  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C}\n",
            MILESTONES,
        )
    )
    assert framework is not None
    assert [(c.id, [v for v, _ in c.values]) for c in framework.contexts] == [
        ("company", ["startup", "scale-up", "corporate"])
    ]


@pytest.mark.parametrize(
    ("applies_when", "message"),
    [
        (
            "{size: [big]}",
            "'applies_when' names the context 'size', which levels.yaml does not declare (declared: market)",
        ),
        ("{market: [b2c]}", "'applies_when' 'market': 'b2c' is not one of its values (b2b, consumer)"),
        ("{market: []}", "'applies_when' 'market' must list one or more values"),
    ],
)
def test_applies_when_must_name_a_declared_context_and_its_values(
    tmp_path: Path, applies_when: str, message: str
) -> None:
    milestones = MILESTONES.replace(
        '{id: b-2, level: b, text: "B two", advice: "x"}',
        f'{{id: b-2, level: b, text: "B two", advice: "x", applies_when: {applies_when}}}',
    )
    found = problems_of(tmp_path, CONTEXT_LEVELS, milestones)
    assert any(p.startswith("milestones.yaml:6: error: milestone 'b-2': ") and message in p for p in found), (
        found
    )


def test_a_required_milestone_cannot_be_marked_may_not_apply(tmp_path: Path) -> None:
    milestones = MILESTONES.replace(
        '{id: a-1, level: a, text: "A one", required: true, advice: "x"}',
        '{id: a-1, level: a, text: "A one", required: true, advice: "x", may_not_apply: true}',
    )
    found = problems_of(tmp_path, CONTEXT_LEVELS, milestones)
    assert any(
        p.startswith(
            "milestones.yaml:2: error: milestone 'a-1' is required, so it cannot be marked 'may_not_apply'"
        )
        for p in found
    ), found


def test_a_context_that_leaves_less_than_half_of_a_level_is_warned_about(tmp_path: Path) -> None:
    milestones = MILESTONES.replace(
        'text: "B two", advice: "x"}', 'text: "B two", advice: "x", weight: 3, applies_when: {market: [b2b]}}'
    )
    milestones = milestones.replace(
        'text: "B three", advice: "x"}',
        'text: "B three", advice: "x", weight: 3, applies_when: {market: [b2b]}}',
    )
    found = problems_of(tmp_path, CONTEXT_LEVELS, milestones)
    assert (
        "levels.yaml:7: warning: level 'b': with market 'consumer', less than half of its weight applies, so nobody there can meet it"
        in found
    )


def test_pmpath_0_1_category_names_still_load_with_a_warning(tmp_path: Path) -> None:
    milestones = MILESTONES.replace(
        '{id: a-2, level: a, text: "A two", advice: "x"}',
        '{id: a-2, level: a, text: "A two", advice: "x", category: discovery}',
    )
    directory = write_ladder(tmp_path / "l", CONTEXT_LEVELS, milestones)
    framework, problems = check_framework(directory)
    assert framework is not None and framework.milestone_ids()["a-2"].category == "customer-insight"
    assert any(
        "the category 'discovery' is pmpath 0.1's name; write 'customer-insight'" in p.message
        for p in problems
    )


def test_the_shipped_ladder_and_the_examples_are_valid_with_no_warning() -> None:
    for directory in (DATA, EXAMPLES / "ic-ladder", EXAMPLES / "dual-track"):
        framework, problems = check_framework(directory)
        assert framework is not None and problems == [], (directory, [str(p) for p in problems])


def test_the_shipped_ladder_forks_after_senior_pm() -> None:
    framework, _ = check_framework(DATA)
    assert framework is not None
    senior = framework.level("senior-pm")
    assert {level.id: level.track for level in framework.children(senior)} == {
        "principal-pm": "individual-contributor",
        "group-pm": "people-manager",
    }
    assert framework.level("principal-pm").rank == framework.level("group-pm").rank == 4


def test_a_broken_ladder_is_refused_with_every_error(tmp_path: Path) -> None:
    directory = write_ladder(
        tmp_path / "l", "levels:\n  - {id: a, title: A}\n  - {id: b, titel: B}\n", "milestones: []\n"
    )
    with pytest.raises(InputFileError) as raised:
        load_framework(directory)
    text = "\n".join(raised.value.lines())
    assert "levels.yaml:3: unknown key 'titel' in level 'b' (did you mean 'title'?)" in text
    assert "milestones.yaml:1: 'milestones' is empty" in text


@pytest.mark.slow
def test_loading_is_linear_in_the_size_of_the_ladder(tmp_path: Path) -> None:
    """40,000 one-milestone levels in a chain load within a few times 4,000 (a quadratic loop would not)."""

    def timed(count: int) -> float:
        directory = tmp_path / f"l{count}"
        levels = "levels:\n" + "".join(f"  - {{id: l{i}, title: L{i}}}\n" for i in range(count))
        milestones = "milestones:\n" + "".join(
            f"  - {{id: m{i}, level: l{i}, text: M{i}, required: true, advice: x}}\n" for i in range(count)
        )
        write_ladder(directory, levels, milestones)
        start = time.perf_counter()
        check_framework(directory)
        return time.perf_counter() - start

    small, large = timed(4_000), timed(40_000)
    assert large < 20 * small, (small, large)

"""A team report: who is where, what holds most people back, and who is close to their next level."""

from __future__ import annotations

from pathlib import Path

from helpers import cli, ladder, sheet, shipped, write_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from pmpath.model import Answer, Framework, Profile
from pmpath.scoring import assess
from pmpath.sources import Answers, Source
from pmpath.team import build_team, default_ready

# a -> b -> c, four milestones each (weight 1), met at 80%.
SMALL = ladder([("a", None, [(1, False)] * 4), ("b", "a", [(1, False)] * 4), ("c", "b", [(1, False)] * 4)])
ALL_OF_A = {f"a-m{i}": "yes" for i in range(1, 5)}


def person(framework: Framework, name: str, answers: dict[str, str]) -> Answers:
    profile = Profile(name=name)
    return Answers(sheet(answers, profile), framework, Source("file", path=f"{name}.yaml"))


def test_by_default_the_pipeline_holds_people_near_their_next_bar_not_only_those_past_it() -> None:
    # At the bar, a person is placed at that level; "close" has to sit below the bars.
    nearly = person(SMALL, "nearly", {**ALL_OF_A, "b-m1": "yes", "b-m2": "yes", "b-m3": "yes", "b-m4": "no"})
    far = person(SMALL, "far", {**ALL_OF_A, "b-m1": "yes"})
    report = build_team(SMALL, [nearly, far])
    assert report.threshold == default_ready(SMALL) == 0.7
    assert [entry.name for entry in report.pipeline] == ["nearly"]  # 75% is near b's 80% bar; 25% is not
    assert assess(SMALL, nearly.sheet).level.id == "a"  # type: ignore[union-attr]


def test_the_shipped_ladders_default_threshold_is_below_every_bar() -> None:
    framework = shipped()
    ready = default_ready(framework)
    assert 0 < ready < min(level.pass_threshold for level in framework.levels)


answer = st.sampled_from([a.value for a in Answer if a is not Answer.NA])
team = st.lists(
    st.dictionaries(st.sampled_from([m.id for m in SMALL.milestones()]), answer), min_size=1, max_size=8
)


@given(team, st.one_of(st.none(), st.floats(0, 1)))
@settings(max_examples=150, deadline=None)
def test_the_report_accounts_for_everyone_once(
    answer_sets: list[dict[str, str]], ready: float | None
) -> None:
    people = [person(SMALL, f"p{i}", answers) for i, answers in enumerate(answer_sets)]
    report = build_team(SMALL, people, threshold=ready)
    threshold = default_ready(SMALL) if ready is None else ready
    # Every level, and "not yet", counted; the counts add up to the team.
    assert sum(count for _, count in report.distribution) == len(people)
    assert [level.id if level else None for level, _ in report.distribution] == ["a", "b", "c", None]
    # The pipeline is exactly those at or above the threshold with a next level, the readiest first.
    expected = {
        p.name for p in report.people if p.result.next_level and (p.result.readiness or 0) >= threshold
    }
    assert {entry.name for entry in report.pipeline} == expected
    readiness = [entry.readiness for entry in report.pipeline]
    assert readiness == sorted(readiness, reverse=True)
    # A common gap names everyone it holds back, and the gaps holding more people come first.
    held = [len(gap.people) for gap in report.common_gaps]
    assert held == sorted(held, reverse=True)
    for gap in report.common_gaps:
        for name in gap.people:
            entry = next(p for p in report.people if p.name == name)
            assert gap.milestone.id in entry.result.shortest_path


def test_ready_on_the_command_line_sets_the_threshold_and_is_checked(tmp_path: Path) -> None:
    write_answers(
        tmp_path / "t" / "alice.yaml", {"profile": {"name": "Alice"}, "answers": {"apm-spec-shipped": "yes"}}
    )
    code, out, _ = cli("team", str(tmp_path / "t"), "--json", "--ready", "0")
    assert code == 0 and '"ready": 0.0' in out and '"name": "Alice"' in out.split('"pipeline"')[1]
    code, _, err = cli("team", str(tmp_path / "t"), "--ready", "1.5")
    assert code == 2 and "--ready is a share from 0 to 1" in err

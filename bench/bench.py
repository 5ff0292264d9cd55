#!/usr/bin/env python3
"""pmpath's speed budget, measured as whole processes against baselines (run by hand; see README.md).

Cases, each against its baseline, run interleaved round by round so that both see
the same machine load; every figure is a median over the rounds, and each ratio
is the median of the per-round ratios:

1. `pmpath show senior-pm --json` vs a minimal Typer app printing its argument
   (time <= 1.05x, peak RSS <= 1.15x), and vs itself with the ladder cache switched off
   (PMPATH_NO_CACHE=1): the cache must earn its keep (time <= 0.9x);
2. `pmpath assess --answers FILE --json` on the shipped ladder, FILE answering every
   milestone, vs the same minimal Typer app (time <= 1.05x, peak RSS <= 1.15x);
3. the same with FILE changed before every run: the first read of a file, which pays
   for PyYAML (time <= 1.3x);
4. the same assess on a generated ladder of 50 levels x 200 milestones (10,000), COLD
   (the files change before every run, so the content-keyed cache misses), vs a process
   that only parses the same three YAML files with yaml.load(..., Loader=yaml.CSafeLoader)
   (time <= 1.5x, peak RSS < 200 MB);
5. `pmpath team DIR` over 500 answers files vs case 2 (one assessment): time <= 4x,
   peak RSS < 150 MB;
6. `pmpath progress --json` with 2 saved assessments of the 10,000-milestone ladder vs
   `assess` on that ladder (time <= 2x);
7. `pmpath history --json` over a history of 10,000 saved assessments vs case 2, and the
   same with 1 saved (time <= 3x, peak RSS < 100 MB); `progress --json` over the 10,000
   (re-scoring every one of them) is reported against case 2 with no target.

pmpath runs as the console script next to this interpreter (what users run), or
with --module as `python -m pmpath`. XDG_DATA_HOME and XDG_CACHE_HOME point into a
temporary directory: the runs use pmpath's real default paths (platformdirs and
all), without touching the user's own cache or history.

Usage: python bench/bench.py [--rounds 15] [--module | --pmpath COMMAND] [--keep] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def main(argument: str) -> None:
    print(argument)


app()
"""
YAML_ONLY = """\
import sys
import yaml

for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as stream:
        yaml.load(stream.read(), Loader=yaml.CSafeLoader)
"""
# Spawns the measured command and reports its wall time and its own peak RSS. Run in a small,
# fresh interpreter: on Linux a child's ru_maxrss also counts the memory of the process that
# forked it (until exec), so forking from this script (or from pytest) would inflate the figure.
LAUNCHER = """\
import json, os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    json.dump({"status": os.waitstatus_to_exitcode(status), "seconds": seconds, "maxrss": usage.ru_maxrss}, report)
"""
CATEGORIES = ("customer-insight", "execution", "strategy", "organisation", "people", "business", "influence")


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float


def run(command: Sequence[str], env: dict[str, str], before: Callable[[], None] | None = None) -> Sample:
    """One whole process: wall time from spawn to exit, and its own peak RSS (os.wait4 in LAUNCHER)."""
    if before is not None:
        before()
    with tempfile.NamedTemporaryFile("w+", suffix=".json") as report, tempfile.TemporaryFile() as errors:
        # A file, not a pipe, for stderr: a chatty child cannot block.
        subprocess.run(
            [sys.executable, "-c", LAUNCHER, report.name, *command],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=env, check=True,
        )  # fmt: skip
        outcome = json.load(report)
        if outcome["status"] != 0:
            errors.seek(0)
            sys.exit(
                f"{' '.join(command)} failed ({outcome['status']}):\n{errors.read().decode(errors='replace')}"
            )
    peak_kb = outcome["maxrss"] / (1024 if sys.platform == "darwin" else 1)
    return Sample(outcome["seconds"], peak_kb / 1024)


# ---------------------------------------------------------------- inputs


def full_answers(path: Path) -> Path:
    """Answers to every milestone of the shipped ladder: yes through senior-pm, mixed above."""
    from pmpath.framework import check_framework, shipped_data_dir

    framework, _ = check_framework(shipped_data_dir())  # not load_framework: it would fill a cache
    assert framework is not None
    lines = ["profile: {years: 6, background: engineering, company: scale-up, market: b2b}", "answers:"]
    for rank, level in enumerate(framework.levels, start=1):
        for index, milestone in enumerate(level.milestones):
            answer = "yes" if rank <= 3 else ("partial", "no", "yes")[index % 3]
            lines.append(f"  {milestone.id}: {answer}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def big_framework(directory: Path, levels: int = 50, per_level: int = 200) -> tuple[Path, list[Path]]:
    """A valid ladder of levels x per_level milestones, every field filled, and answers to all of them."""
    directory.mkdir(parents=True, exist_ok=True)
    ladder = [
        "name: Generated benchmark ladder",
        "description: 50 levels of 200 milestones each, every field filled in.",
        "scoring:",
        "  pass_threshold: 0.8",
        "companies:",
        "  startup: Faster, broader, looser.",
        "  scale-up: Growing structure.",
        "  corporate: Slower, narrower, clearer.",
        "levels:",
    ]
    for level in range(1, levels + 1):
        ladder += [
            f"  - id: level-{level}",
            f"    title: Level {level} Product Manager",
            f"    aliases: [L{level} PM, Rung {level}]",
            f"    track: {'individual-contributor' if level < 25 else 'people-manager'}",
            f"    summary: A generated level, number {level}, to measure how pmpath scales.",
            "    scope: One product area and its roadmap.",
            "    mindset: Own outcomes, not output.",
            "    responsibilities:",
            "      - Own the roadmap.",
            "      - Talk to customers every week.",
            "    typical_tenure: 2-3 years",
            "    tenure_by_company: {startup: 1-2 years, scale-up: 2 years, corporate: 3 years}",
            "    reports_to: The level above",
            "    manages: Nobody",
        ]
    milestones = ["milestones:"]
    answers = ["profile: {years: 12, background: engineering, company: corporate}", "answers:"]
    for level in range(1, levels + 1):
        for number in range(1, per_level + 1):
            milestone_id = f"l{level}-m{number}"
            milestones += [
                f"  - id: {milestone_id}",
                f"    level: level-{level}",
                f"    text: Has delivered generated outcome {number} of level {level}, observed by peers.",
                f"    question: Have you delivered generated outcome {number} of level {level}?",
                f"    category: {CATEGORIES[number % len(CATEGORIES)]}",
                f"    weight: {1 + number % 3}",
                f"    required: {'true' if number <= 2 else 'false'}",
                f"    evidence: A document showing outcome {number}.",
                f"    advice: Pick outcome {number} as your goal for next quarter.",
            ]
            answer = "yes" if level <= 30 else ("partial", "no")[number % 2]
            answers.append(f"  {milestone_id}: {answer}")
    files = [directory / "levels.yaml", directory / "milestones.yaml", directory / "answers.yaml"]
    for path, lines in zip(files, (ladder, milestones, answers), strict=True):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory, files


def change(paths: Sequence[Path]) -> Callable[[], None]:
    """Append a comment line to each file, so that the cache (keyed on content) misses."""
    counter = iter(range(10**9))

    def edit() -> None:
        number = next(counter)
        for path in paths:
            with path.open("a", encoding="utf-8") as stream:
                stream.write(f"# run {number}\n")

    return edit


def team_directory(directory: Path, answers: Path, people: int = 500) -> Path:
    """`people` answers files: the shipped full answers, each under its own name."""
    directory.mkdir(parents=True, exist_ok=True)
    text = answers.read_text(encoding="utf-8")
    for number in range(people):
        (directory / f"person-{number:03d}.yaml").write_text(
            text.replace("profile: {", f"profile: {{name: Person {number}, ", 1), encoding="utf-8"
        )
    return directory


def big_history(home: Path, answers: Path, records: int = 10_000) -> Path:
    """A history of `records` saved assessments of the shipped ladder, written by pmpath itself."""
    os.environ["PMPATH_HOME"] = str(home)
    try:
        from pmpath.answers import read_answer_sheet
        from pmpath.framework import check_framework, shipped_data_dir
        from pmpath.scoring import assess
        from pmpath.storage import history

        framework, _ = check_framework(shipped_data_dir())
        assert framework is not None
        result = assess(framework, read_answer_sheet(str(answers), framework))
        for number in range(records):
            day, second = divmod(number, 86_400)
            history.save_assessment(result, saved_at=f"2020-01-{1 + day % 28:02d}T{second // 3600:02d}:"
                                                     f"{second // 60 % 60:02d}:{second % 60:02d}Z")  # fmt: skip
    finally:
        del os.environ["PMPATH_HOME"]
    return home


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Case:
    name: str
    command: list[str]
    baseline_name: str
    baseline: list[str]
    time_target: float
    memory_target: float | None
    """Peak RSS ratio target; None when the target is an absolute limit instead."""
    memory_limit_mb: float | None = None
    before: Callable[[], None] | None = None
    env: dict[str, str] | None = None
    """The environment of the pmpath run, when it differs (a history to read)."""
    baseline_env: dict[str, str] | None = None


@dataclass(frozen=True)
class Result:
    case: Case
    runs: list[Sample]
    baselines: list[Sample]

    def median(self, which: str, samples: list[Sample]) -> float:
        return statistics.median(getattr(s, which) for s in samples)

    def ratio(self, which: str) -> float:
        return statistics.median(
            getattr(a, which) / getattr(b, which) for a, b in zip(self.runs, self.baselines, strict=True)
        )


def measure(cases: list[Case], rounds: int, env: dict[str, str]) -> list[Result]:
    for case in cases:  # warm up: compiled bytecode, the shipped ladder's cache, the disk cache
        run(case.command, case.env or env, case.before)
        run(case.baseline, case.baseline_env or env)
    runs: dict[str, list[Sample]] = {case.name: [] for case in cases}
    baselines: dict[str, list[Sample]] = {case.name: [] for case in cases}
    for number in range(rounds):
        for case in cases:
            # Alternate which goes first, so neither always runs right after the other case.
            pair = [
                (runs, case.command, case.before, case.env or env),
                (baselines, case.baseline, None, case.baseline_env or env),
            ]
            for target, command, before, environment in pair if number % 2 == 0 else reversed(pair):
                target[case.name].append(run(command, environment, before))
        print(f"  round {number + 1}/{rounds} done", file=sys.stderr)
    return [Result(case, runs[case.name], baselines[case.name]) for case in cases]


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def report(results: list[Result], rounds: int, pmpath_how: str) -> str:
    lines = [
        f"pmpath benchmark: medians of {rounds} interleaved rounds; ratio = median of per-round ratios",
        f"python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.platform()}, {os.cpu_count()} CPUs",
        f"pmpath run as: {pmpath_how}",
        "",
        f"{'case':<44} {'':<9} {'pmpath':>9} {'baseline':>9} {'ratio':>6}  {'target':<9} result",
    ]
    for result in results:
        case = result.case
        time_ratio = result.ratio("seconds")
        lines.append(
            f"{case.name:<44} {'time':<9} {result.median('seconds', result.runs):>8.3f}s "
            f"{result.median('seconds', result.baselines):>8.3f}s {time_ratio:>6.2f}  "
            + (
                f"<= {case.time_target:<6} {verdict(time_ratio <= case.time_target)}"
                if case.time_target != float("inf")
                else f"{'-':<9} (reported)"
            )
        )
        peak = result.median("peak_mb", result.runs)
        memory_ratio = result.ratio("peak_mb")
        if case.memory_target is not None:
            target, passed = f"<= {case.memory_target}", memory_ratio <= case.memory_target
        else:
            assert case.memory_limit_mb is not None
            target, passed = f"< {case.memory_limit_mb:.0f} MB", peak < case.memory_limit_mb
        lines.append(
            f"{'  vs ' + case.baseline_name:<44} {'peak RSS':<9} {peak:>7.1f}MB "
            f"{result.median('peak_mb', result.baselines):>7.1f}MB {memory_ratio:>6.2f}  "
            f"{target:<9} {verdict(passed)}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds per case (at least 11; default 15)")
    parser.add_argument(
        "--module", action="store_true", help="run `python -m pmpath`, not the console script"
    )
    parser.add_argument(
        "--pmpath",
        metavar="COMMAND",
        help="how to run pmpath instead, e.g. 'python -m pmpath' (split like a shell)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory, and say where")
    parser.add_argument("--json", metavar="FILE", help="also write the raw samples to FILE")
    parser.add_argument("--case", metavar="TEXT", help="run only the cases whose name contains TEXT")
    options = parser.parse_args()
    if options.rounds < 11:
        parser.error("--rounds must be at least 11")

    script = Path(sys.executable).parent / "pmpath"
    if options.pmpath:
        pmpath, how = shlex.split(options.pmpath), options.pmpath
    elif options.module or not script.exists():
        pmpath, how = [sys.executable, "-m", "pmpath"], f"{sys.executable} -m pmpath"
    else:
        pmpath, how = [str(script)], f"{script} (the console script)"

    work = Path(tempfile.mkdtemp(prefix="pmpath-bench-"))
    try:
        env = {**os.environ, "XDG_DATA_HOME": str(work / "data"), "XDG_CACHE_HOME": str(work / "cache")}
        # Users run with bytecode cached (pip compiles it; otherwise the first run writes it):
        # without this, every run would recompile each changed pmpath module from source.
        for variable in ("PMPATH_HOME", "PMPATH_DATA", "PMPATH_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
            env.pop(variable, None)
        minimal = work / "minimal_typer_app.py"
        minimal.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        yaml_only = work / "yaml_only.py"
        yaml_only.write_text(YAML_ONLY, encoding="utf-8")
        answers = full_answers(work / "answers.yaml")
        fresh = full_answers(work / "answers-fresh.yaml")
        big, big_files = big_framework(work / "big")
        team = team_directory(work / "team", answers)
        print("  writing a history of 10,000 assessments", file=sys.stderr)
        home = big_history(work / "history-home", answers)
        with_one = {**env, "PMPATH_HOME": str(big_history(work / "history-one", answers, records=1))}
        with_history = {**env, "PMPATH_HOME": str(home)}
        # Its own copy of the big ladder: the cold case edits `big` before every run.
        steady, steady_files = big_framework(work / "big-steady")
        big_assess = [*pmpath, "--data", str(steady), "assess", "--answers", str(steady_files[2]), "--json"]
        two_on_big = {**env, "PMPATH_HOME": str(work / "two-on-big")}
        for _ in range(2):  # two saved assessments of the 10,000-milestone ladder
            subprocess.run([*big_assess, "--save"], env=two_on_big, stdout=subprocess.DEVNULL, check=True)
        typer_baseline = [sys.executable, str(minimal), "senior-pm"]
        one_assessment = [*pmpath, "assess", "--answers", str(answers), "--json", "--no-save"]
        cases = [
            Case("show senior-pm --json", [*pmpath, "show", "senior-pm", "--json"],
                 "minimal Typer app", typer_baseline, 1.05, 1.15),
            # The ladder cache must earn its keep: the same command with it switched off.
            Case("show senior-pm --json, cached ladder", [*pmpath, "show", "senior-pm", "--json"],
                 "the same, PMPATH_NO_CACHE=1", [*pmpath, "show", "senior-pm", "--json"], 0.9, None,
                 memory_limit_mb=60, baseline_env={**env, "PMPATH_NO_CACHE": "1"}),
            Case("assess --answers FILE --json (shipped)", one_assessment,
                 "minimal Typer app", typer_baseline, 1.05, 1.15),
            # The same, with the answers file changed before every run: what a script pays the
            # first time it reads a file (PyYAML is imported and the file parsed).
            Case("assess --answers FILE --json, FILE changed",
                 [*pmpath, "assess", "--answers", str(fresh), "--json", "--no-save"],
                 "minimal Typer app", typer_baseline, 1.3, None, memory_limit_mb=60, before=change([fresh])),
            Case("assess 50x200 = 10,000 milestones, cold",
                 [*pmpath, "--data", str(big), "assess", "--answers", str(big_files[2]), "--json", "--no-save"],
                 "yaml.load CSafeLoader of the 3 files", [sys.executable, str(yaml_only), *map(str, big_files)],
                 1.5, None, memory_limit_mb=200, before=change(big_files)),
            Case("team DIR, 500 answers files", [*pmpath, "team", str(team), "--json"],
                 "one assess", one_assessment, 4.0, None, memory_limit_mb=150),
            Case("progress --json, 2 saved, 10,000 milestones", [*pmpath, "--data", str(steady), "progress", "--json"],
                 "assess on that ladder", [*big_assess, "--no-save"], 2.0, None, memory_limit_mb=200,
                 env=two_on_big),
            Case("history --json, 10,000 saved", [*pmpath, "history", "--json"],
                 "history --json, 1 saved", [*pmpath, "history", "--json"], 3.0, None, memory_limit_mb=100,
                 env=with_history, baseline_env=with_one),
            Case("progress --json, 10,000 saved (no target)", [*pmpath, "progress", "--json"],
                 "one assess", one_assessment, float("inf"), None, memory_limit_mb=150, env=with_history),
        ]  # fmt: skip
        if options.case:
            cases = [case for case in cases if options.case in case.name]
        results = measure(cases, options.rounds, env)
        print(report(results, options.rounds, how))
        if options.json:
            raw = {r.case.name: {"pmpath": [vars(s) for s in r.runs], "baseline": [vars(s) for s in r.baselines]}
                   for r in results}  # fmt: skip
            Path(options.json).write_text(json.dumps(raw, indent=2), encoding="utf-8")
    finally:
        if options.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

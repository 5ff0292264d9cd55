"""The interactive assessment as a flow of questions, independent of how they are asked.

The flow talks to a `Prompter` (questionary in real life, a script in tests) and reports
every answer through `on_change`, so the caller can keep a draft on disk and a Ctrl-C
at any prompt loses nothing.

The interview is adaptive. It starts at the level the profile points to (the level
the job title names; else one estimated from the years in product and the ladder's
typical tenures; else the first level; `--start` overrides all three) and asks that
level first. When the level is met it goes on to the levels that follow; when it is
not, it steps down until a level is met or the first level is reached, then goes up
into the levels following the met one that were not asked yet. Levels below the
lowest level asked and met count as met without being asked (see `pmpath.scoring`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple, Protocol

from pmpath.matching import level_for_title
from pmpath.model import (
    BACKGROUNDS,
    MAX_YEARS,
    Answer,
    AnswerSheet,
    Framework,
    Level,
    Milestone,
    Profile,
    Response,
)
from pmpath.scoring import exclusion, score_levels
from pmpath.wording import About

ANSWER_CHOICES = [
    (Answer.YES.label, Answer.YES.value),
    (Answer.PARTIAL.label, Answer.PARTIAL.value),
    (Answer.NO.label, Answer.NO.value),
]
NA_CHOICE = ("Doesn't apply to my role or company", Answer.NA.value)
BACK = "back"
BACK_CHOICE = ("Back", BACK)
ANSWERING = (
    "Answer Yes when the whole statement is true of you, Partly when some of it is (a smaller scope, or not yet "
    "to the bar it names), and Not yet otherwise. Back changes your previous answer."
)
UNSET = "unset"
"""The value of the "Not sure" choice of a context question: the milestones it decides then apply."""


class Prompter(Protocol):
    """What the flow needs from a user interface: two kinds of question and a way to say something."""

    def choose(
        self, message: str, choices: list[tuple[str, str]], *, hint: str = "", default: str | None = None
    ) -> str:
        """Ask for one of `choices` (label, value) and return the chosen value; Enter takes `default`."""

    def text(
        self,
        message: str,
        *,
        hint: str = "",
        default: str = "",
        validate: Callable[[str], str | None] | None = None,
    ) -> str:
        """Ask for a line of text; `validate` returns an error message or None."""

    def say(self, message: str) -> None:
        """Show a line between questions (where the person is in the ladder)."""


class InterviewOptions(NamedTuple):
    """How an interactive run asks; kept in the draft so that --resume asks the same way."""

    ask_all: bool = False
    ask_evidence: bool = False
    start: str | None = None
    """Id of the level to start at (--start), overriding the title and the years."""
    about: str | None = None
    """The person the answers are about, when someone else answers (--about)."""


class Progress(NamedTuple):
    """What the caller keeps in the draft besides the sheet: which questions were already asked."""

    profile_asked: tuple[str, ...] = ()
    evidence_asked: tuple[str, ...] = ()
    """Yes answers whose evidence note was asked (answered or skipped)."""


NO_OPTIONS = InterviewOptions()
NOT_STARTED = Progress()


# ---------------------------------------------------------------- where to start


def entry_level(framework: Framework, profile: Profile, start: str | None = None) -> tuple[Level, str]:
    """The level the interview asks first, and why: "--start", "your title", "your years", "the first level"."""
    chosen = framework.find(start)
    if chosen is not None:
        return chosen, "--start"
    titled = level_for_title(framework, profile.title)
    if titled is not None:
        return titled, "your title"
    if profile.years is not None and profile.years > 0:
        estimated = _estimate_from_years(framework, profile)
        if estimated is not None:
            return estimated, "your years in product"
    return framework.roots[0], "the first level"


_TENURE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[-\u2013]|to)\s*(\d+(?:\.\d+)?)\s*(year|month)", re.IGNORECASE)


def tenure_years(text: str | None) -> float | None:
    """The middle of a tenure such as "2-3 years" or "12-18 months", in years."""
    match = _TENURE.search(text or "")
    if match is None:
        return None
    low, high, unit = float(match.group(1)), float(match.group(2)), match.group(3).lower()
    middle = (low + high) / 2
    return middle / 12 if unit == "month" else middle


def _estimate_from_years(framework: Framework, profile: Profile) -> Level | None:
    """Walk the ladder's longest chain, adding each level's typical tenure, until the years run out."""
    depth: dict[str, int] = {}
    for level in reversed(framework.tree_order()):
        depth[level.id] = 1 + max((depth[c.id] for c in framework.children(level)), default=0)
    level = framework.roots[0]
    started = 0.0
    while True:
        tenure = tenure_years(level.tenure_for(profile.company)[0])
        children = framework.children(level)
        if tenure is None or not children or started + tenure > (profile.years or 0):
            return level
        started += tenure
        level = max(children, key=lambda child: depth[child.id])  # max() keeps the first of equals


# ---------------------------------------------------------------- which levels to ask


def applicable(level: Level, sheet: AnswerSheet) -> list[Milestone]:
    """The level's milestones that apply to this person's context (the others are not asked)."""
    return [m for m in level.milestones if m.context_exclusion(sheet.profile.contexts) is None]


def levels_to_ask(
    framework: Framework,
    current: Callable[[], AnswerSheet],
    entry: Level,
    ask_all: bool,
    fallback: Level | None = None,
) -> Iterator[Level]:
    """The levels to ask, in order; `current()` is read after each level to decide where to go next.

    From the entry level it climbs: a level that is met, or whose required milestones are
    all a yes, can still lead to a level above it being met (the levels below only need
    their required milestones), so the levels that follow it are asked too. A level with
    a required milestone answered partly or not yet ends its branch. If no level asked
    on the way up is met, it steps down from the entry level until one is, then climbs
    into the other levels that follow the met one. When the entry came from a title and
    is far from met (under half its bar), the first step down goes straight to
    `fallback`, the level the years in product point to, when that is lower: an inflated
    title then costs a few questions, not every level in between.
    """
    if ask_all:
        yield from framework.tree_order()
        return
    asked: set[str] = set()

    def status(level: Level) -> tuple[bool, bool]:
        """(met on its own evidence, may lead higher)."""
        score = next(s for s in score_levels(framework, current()) if s.level.id == level.id)
        failed_required = any(
            m.required and current().answer(m.id) not in (None, Answer.YES)
            for m in applicable(level, current())
        )
        return score.met_on_evidence, score.met_on_evidence or not failed_required

    def climb(start: Level) -> Iterator[Level]:
        """Breadth first up from `start`, through levels asked before (without asking them again)."""
        frontier, seen = [start], {start.id}
        while frontier:
            level = frontier.pop(0)
            if level.id not in asked:
                yield level
                asked.add(level.id)
            if status(level)[1]:
                children = [child for child in framework.children(level) if child.id not in seen]
                seen.update(child.id for child in children)
                frontier.extend(children)

    def _far_from_met(level: Level) -> bool:
        score = next(s for s in score_levels(framework, current()) if s.level.id == level.id)
        return 2 * score.score < level.pass_threshold

    def any_met() -> bool:
        return any(status(framework.level(level_id))[0] for level_id in asked)

    yield from climb(entry)
    level = framework.parent(entry)
    if (
        fallback is not None
        and fallback.rank < entry.rank - 1
        and fallback.id not in asked
        and _far_from_met(entry)
    ):
        level = fallback
    while level is not None and not any_met():  # nothing met on the way up: step down
        yield level
        asked.add(level.id)
        if status(level)[0]:
            yield from climb(level)
            return
        level = framework.parent(level)


# ---------------------------------------------------------------- the profile


def _years_error(value: str) -> str | None:
    try:
        years = float(value.strip())
    except ValueError:
        return "Type a number of years, e.g. 3 or 1.5"
    if years != years or not 0 <= years <= MAX_YEARS:  # years != years: NaN
        return f"Type a number from 0 to {MAX_YEARS}"
    return None


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def profile_questions(framework: Framework) -> tuple[str, ...]:
    return ("years", "title", "background", *(context.id for context in framework.contexts))


def ask_profile(
    framework: Framework,
    prompter: Prompter,
    profile: Profile,
    asked: tuple[str, ...],
    about: About,
    defaults: Profile | None = None,
    on_change: Callable[[Profile, tuple[str, ...]], None] = lambda profile, asked: None,
) -> Profile:
    """Ask the profile questions not asked yet, reporting each answer; `defaults` come from a previous run."""
    defaults = defaults or Profile()
    for key in profile_questions(framework):
        if key in asked:
            continue
        if key == "years":
            text = prompter.text(
                about.phrase("How many years have you worked in product?"),
                hint="e.g. 4, or 0.5 for six months; 0 if you are new to product",
                default=_number(defaults.years),
                validate=_years_error,
            )
            years = float(text)
            profile = profile._replace(years=int(years) if years.is_integer() else years)
        elif key == "title":
            title = prompter.text(
                about.phrase("What is your current job title?"),
                hint="optional, Enter to skip",
                default=defaults.title or "",
            ).strip()
            profile = profile._replace(title=title or None)
        elif key == "background":
            background = prompter.choose(
                about.phrase("What is your professional background?"),
                list((label, value) for value, label in BACKGROUNDS.items()),
                default=defaults.background,
            )
            profile = profile._replace(background=background)
        else:
            profile = _ask_context(framework, prompter, profile, key, about, defaults)
        asked = (*asked, key)
        on_change(profile, asked)
    return profile


def _ask_context(
    framework: Framework, prompter: Prompter, profile: Profile, key: str, about: About, defaults: Profile
) -> Profile:
    context = framework.context(key)
    assert context is not None
    choices = [
        *((label, value) for value, label in context.values),
        ("Not sure, or prefer not to say", UNSET),
    ]
    value = prompter.choose(about.phrase(context.prompt), choices, default=defaults.contexts.get(key))
    contexts = dict(profile.contexts)
    if value == UNSET:
        contexts.pop(key, None)
    else:
        contexts[key] = value
    return profile._replace(contexts=contexts)


def _keeps_profile(framework: Framework, prompter: Prompter, previous: Profile, about: About) -> bool:
    """A check-in first offers last time's profile whole: one key press when nothing changed."""
    facts = []
    if previous.years is not None:
        facts.append(f"{_number(previous.years)} years in product")
    facts += [previous.title or "", BACKGROUNDS.get(previous.background or "", "")]
    for context in framework.contexts:
        value = previous.contexts.get(context.id)
        if value is not None:
            facts.append(context.label(value).split(":")[0])  # "Scale-up", not its whole description
    summary = " · ".join(fact for fact in facts if fact)
    choice = prompter.choose(
        about.phrase(f"Your profile last time: {summary}. Is it still right?"),
        [("Yes, keep it", "keep"), ("Update it", "update")],
        default="keep",
    )
    return choice == "keep"


# ---------------------------------------------------------------- the milestones


def run_interview(
    framework: Framework,
    prompter: Prompter,
    sheet: AnswerSheet,
    *,
    options: InterviewOptions = NO_OPTIONS,
    progress: Progress = NOT_STARTED,
    defaults: AnswerSheet | None = None,
    on_change: Callable[[AnswerSheet, Progress], None] = lambda sheet, progress: None,
) -> AnswerSheet:
    """Ask what is still unanswered in `sheet` and return the completed sheet.

    `defaults` (the previous assessment, for --update) are offered as each question's
    default: Enter keeps them.
    """
    about = About(options.about)
    profile = sheet.profile
    if options.about and profile.name != options.about:
        profile = profile._replace(name=options.about)
    asked = progress.profile_asked

    def keep_profile(new: Profile, new_asked: tuple[str, ...]) -> None:
        nonlocal profile, asked
        profile, asked = new, new_asked
        on_change(AnswerSheet(profile, sheet.responses), progress._replace(profile_asked=asked))

    if defaults is not None and not asked and _keeps_profile(framework, prompter, defaults.profile, about):
        keep_profile(
            defaults.profile._replace(name=profile.name or defaults.profile.name),
            profile_questions(framework),
        )
    profile = ask_profile(
        framework, prompter, profile, asked, about, defaults.profile if defaults else None, keep_profile
    )
    responses = dict(sheet.responses)
    current = AnswerSheet(profile, responses)
    state = progress._replace(profile_asked=profile_questions(framework))
    previous: Mapping[str, Response] = defaults.responses if defaults else {}
    entry, why = entry_level(framework, profile, options.start)
    if not responses:
        start = "" if options.ask_all else f"Starting at {entry.title}, from {why}. "
        prompter.say(f"\n{start}{about.phrase(ANSWERING)}")
    last: Level | None = None
    fallback = entry_level(framework, profile._replace(title=None))[0] if why == "your title" else None
    session = _Session(prompter, current, responses, state, about, options, previous, on_change)
    for level in levels_to_ask(framework, lambda: current, entry, options.ask_all, fallback):
        if (
            last is not None
            and not options.ask_all
            and any(m.id not in responses for m in applicable(level, current))
        ):
            prompter.say(_moving(framework, last, level))
        session.ask_level(framework, level)
        last = level
    return current


def _moving(framework: Framework, last: Level, level: Level) -> str:
    """Why the interview goes to this level next, in a few words."""
    if level.rank < last.rank:
        if framework.parent(last) is level:
            return f"\n{last.title} is not met on these answers: next, {level.title}, the level below it."
        steps = last.rank - level.rank
        down = "a step down" if steps == 1 else f"{steps} levels down"
        return f"\nThe levels asked so far are not met on these answers: next, {level.title}, {down}."
    parent = framework.parent(level)
    if parent is None or parent is last:
        return f"\nNext, {level.title}, the level after {last.title}."
    return f"\nNext, {level.title}, the other level that follows {parent.title}."


class _Asked(NamedTuple):
    """One answer given in this run, and where it was asked: what Back returns to."""

    level: Level
    milestones: list[Milestone]
    position: int


class _Session:
    """The milestone questions of one run: the answers so far, and the trail Back walks back along."""

    def __init__(
        self,
        prompter: Prompter,
        current: AnswerSheet,
        responses: dict[str, Response],
        state: Progress,
        about: About,
        options: InterviewOptions,
        previous: Mapping[str, Response],
        on_change: Callable[[AnswerSheet, Progress], None],
    ) -> None:
        self.prompter, self.current, self.responses, self.state = prompter, current, responses, state
        self.about, self.options, self.on_change = about, options, on_change
        self.previous = dict(previous)
        """Defaults offered for each question: last time's answers (--update), or an answer Back undid."""
        self.trail: list[_Asked] = []

    def ask_level(self, framework: Framework, level: Level) -> None:
        milestones = applicable(level, self.current)
        pending = [m for m in milestones if m.id not in self.responses]
        if pending:
            self.prompter.say(f"\n{level.title}: level {level.rank} of {framework.depth}")
        in_check_in = pending and not self.options.ask_all and all(m.id in self.previous for m in pending)
        if in_check_in and _keeps_level(self.prompter, level, milestones, pending, self.previous, self.about):
            self.responses.update({m.id: self.previous[m.id] for m in pending})
            self.on_change(self.current, self.state)
            return
        index = 0
        while index < len(milestones):
            milestone = milestones[index]
            if milestone.id in self.responses:
                if self.options.ask_evidence and _wants_note(
                    self.responses[milestone.id], milestone.id, self.state
                ):
                    self._ask_note(milestone)
                index += 1
                continue
            if self._answer(_Asked(level, milestones, index)):
                index += 1
            elif self.trail and self.trail[-1].level is level:  # Back, within this level
                index = self._undo().position
            else:  # Back to an earlier level: ask that answer again here, then this question
                self._ask_again(self._undo())

    def _answer(self, asked: _Asked) -> bool:
        """Ask one milestone and keep the answer; False when the person chose Back."""
        milestone = asked.milestones[asked.position]
        answer = _ask_milestone(self.prompter, asked, self.previous, self.about, can_go_back=bool(self.trail))
        if answer == BACK:
            return False
        before = self.previous.get(milestone.id)
        note = before.evidence if before and before.answer.value == answer else None
        self.responses[milestone.id] = Response(Answer(answer), note)
        self.trail.append(asked)
        self.on_change(
            self.current, self.state
        )  # kept before the follow-up question: Ctrl-C there loses nothing
        if self.options.ask_evidence and answer == Answer.YES.value:
            self._ask_note(milestone)
        return True

    def _undo(self) -> _Asked:
        asked = self.trail.pop()
        undone = asked.milestones[asked.position].id
        self.previous[undone] = self.responses.pop(undone)  # offered as the default when asked again
        self.state = self.state._replace(
            evidence_asked=tuple(m for m in self.state.evidence_asked if m != undone)
        )
        self.on_change(self.current, self.state)
        return asked

    def _ask_again(self, asked: _Asked) -> None:
        while not self._answer(asked):  # Back again: further back along the trail
            if not self.trail:
                return
            asked = self._undo()

    def _ask_note(self, milestone: Milestone) -> None:
        """The one-line example after a Yes; a Ctrl-C here asks it again on --resume."""
        given = self.responses[milestone.id]
        note = self.prompter.text(
            self.about.phrase("One-line example (a link, a metric, a doc):"),
            hint="Enter to skip",
            default=given.evidence or "",
        ).strip()
        self.responses[milestone.id] = Response(given.answer, note or None)
        self.state = self.state._replace(evidence_asked=(*self.state.evidence_asked, milestone.id))
        self.on_change(self.current, self.state)


def _ask_milestone(
    prompter: Prompter, asked: _Asked, previous: Mapping[str, Response], about: About, *, can_go_back: bool
) -> str:
    """One milestone's question: an answer value, or BACK."""
    milestone = asked.milestones[asked.position]
    required = ", required" if milestone.required else ""
    prompter.say(
        f"\n[{asked.level.title}, question {asked.position + 1} of {len(asked.milestones)}{required}]"
    )
    choices = ANSWER_CHOICES + ([NA_CHOICE] if milestone.may_not_apply else [])
    before = previous.get(milestone.id)
    default = before.answer.value if before and any(v == before.answer.value for _, v in choices) else None
    return prompter.choose(
        about.phrase(milestone.question),
        choices + ([BACK_CHOICE] if can_go_back else []),
        hint=f"Evidence: {about.phrase(milestone.evidence)}" if milestone.evidence else "",
        default=default,
    )


def _keeps_level(
    prompter: Prompter,
    level: Level,
    milestones: list[Milestone],
    pending: list[Milestone],
    previous: Mapping[str, Response],
    about: About,
) -> bool:
    """In a check-in, one key press keeps a level whose answers did not change since last time."""
    yes = len(milestones) - len(pending)
    choice = prompter.choose(
        about.phrase(
            f"Last time, {yes} of your {len(milestones)} answers here were a yes. Has any of the other "
            f"{len(pending)} changed since?"
        ),
        [("No, keep last time's answers", "keep"), ("Yes, go through them", "review")],
        default="keep",
    )
    return choice == "keep"


def _wants_note(response: Response, milestone_id: str, state: Progress) -> bool:
    return response.answer is Answer.YES and milestone_id not in state.evidence_asked


def question_count(framework: Framework, sheet: AnswerSheet) -> int:
    """Milestones that apply to this person (what `--all` would ask)."""
    return sum(
        1 for m in framework.milestones() if exclusion(m, sheet) is None or sheet.answer(m.id) is not None
    )

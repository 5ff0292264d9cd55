"""English for people: numbers, counts, and questions phrased about someone else.

Kept out of the scoring (which computes) and shared by every renderer and prompt, so
that "58%", "3 milestones" and "Has Alice led ...?" read the same everywhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pmpath.calibration import Calibration
    from pmpath.model import Framework, Level
    from pmpath.scoring import Assessment, Exclusion, LevelScore


def percent(share: float) -> str:
    """A 0-1 share as a whole percentage, rounded down: a score just under a threshold of
    80% must never read "80%". (Format's own rounding sends 0.625 to 62% and 0.675 to 68%.)"""
    return f"{int(share * 100 + 1e-9)}%"


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """ "1 answer", "2 answers", "10,000 answers"."""
    return f"{count:,} {noun if count == 1 else plural_form or noun + 's'}"


def article(word: str) -> str:
    """ "a startup", "an internal tool"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def time_to_next(level: Level | None, next_level: Level | None, company: str | None) -> str:
    """ "18-30 months at a scale-up": the typical time spent at a level before the next step ("" when unknown)."""
    if level is None or next_level is None:
        return ""
    tenure, for_company = level.tenure_for(company)
    if tenure is None:
        return ""
    return f"{tenure} at {article(for_company)}" if for_company else tenure


# Second person to third, for questions a manager answers about a report (--about NAME).
_LEADING = (
    (r"^How many years have you\b", "How many years has {name}"),
    (r"^What is your\b", "What is {name}'s"),
    (r"^(\w[\w ,-]*?) do you\b", r"\1 does {name}"),
    (r"^Have you\b", "Has {name}"),
    (r"^Has your\b", "Has {name}'s"),
    (r"^Do you\b", "Does {name}"),
    (r"^Are you\b", "Is {name}"),
    (r"^Can you\b", "Can {name}"),
    (r"^Were you\b", "Was {name}"),
    (r"^Did you\b", "Did {name}"),
)
_AFTER_OBJECT = r"\b(to|for|with|from|by|of|about|on|at|than|like|asked|told|gave|helped)\s+you\b"
"""A "you" that is an object: after a preposition or such a verb, it becomes "them"."""


_UNCHANGED = {"can", "could", "would", "should", "will", "might", "must", "may", "did", "had"}


def _third_person(verb: str) -> str:
    """The verb after "you", for a named person: work -> works, have -> has, are -> is."""
    irregular = {"are": "is", "have": "has", "do": "does", "were": "was"}
    if verb in irregular:
        return irregular[verb]
    if verb in _UNCHANGED or verb.endswith("ed"):
        return verb
    if verb.endswith(("s", "sh", "ch", "x")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


class About(NamedTuple):
    """Phrases a second-person text about `name`; unchanged when `name` is None."""

    name: str | None = None

    def phrase(self, text: str) -> str:
        if not self.name or not text:
            return text
        name = self.name.replace("\\", "\\\\")
        for pattern, replacement in _LEADING:
            text, done = re.subn(pattern, replacement.replace("{name}", name), text, count=1)
            if done:
                break
        else:  # no leading question form: the first "you" is the subject the name stands for
            text, done = re.subn(r"\byou included\b", f"{name} included", text, count=1)
            if not done:
                text = re.sub(r"\byou (\w+)", lambda m: f"{name} {_third_person(m.group(1))}", text, count=1)
        text = re.sub(r"\byourself\b", "themselves", text)
        text = re.sub(r"\bYourself\b", "Themselves", text)
        text = re.sub(r"\byours\b", "theirs", text)
        text = re.sub(r"\byour\b", "their", text)
        text = re.sub(r"\bYour\b", "Their", text)
        text = re.sub(_AFTER_OBJECT, r"\1 them", text)
        text = re.sub(r"\byou\b", "they", text)
        return re.sub(r"\bYou\b", "They", text)

    def possessive(self, default: str = "your") -> str:
        return f"{self.name}'s" if self.name else default

    def subject(self, default: str = "you") -> str:
        return self.name or default


def why_not_counted(framework: Framework, out: Exclusion) -> str:
    """Why a milestone is out of a score: "doesn't apply, as you answered "Colleagues""."""
    context = framework.context(out.context) if out.context else None
    if context is None or out.value is None:
        return "you answered: doesn't apply to your role or company"
    return f'doesn\'t apply, as you answered "{context.label(out.value).split(":")[0]}"'


def level_status(score: LevelScore, result: Assessment) -> str:
    """Where a person stands on one level, in a few words: "met", "not met", "2 required not yet a yes"."""
    if score.met:
        if not score.asked:
            return "met, not asked"
        return "met" if score.met_on_evidence else "met, as a level above is"
    if not score.asked:
        other = result.level is not None and score.level.rank <= result.level.rank
        return "another branch, not asked" if other else "not asked"
    if score.total and not score.applies_enough:
        return "too little applies"
    if score.missing_required:
        return f"{len(score.missing_required)} required not yet a yes"
    if score.qualified and score.held_back_by:
        return "held back by a required milestone below"
    return "not met"


def readiness(score: LevelScore) -> str:
    """A next level's readiness: its score, or "not asked" (a 0% that means nothing was asked)."""
    return percent(score.score) if score.asked else "not asked"


def on_branch(framework: Framework, level: Level) -> bool:
    """The level is on one of several branches: it, or a level it follows, has a sibling."""
    return any(
        len(framework.children(framework.parent(step))) > 1 for step in framework.path(level) if step.follows
    )


def branch_note(framework: Framework, level: Level) -> str:
    """ " (individual contributor)" after a level on a branch of the ladder, "" on its trunk."""
    from pmpath.model import TRACKS

    return f" ({TRACKS.get(level.track, level.track)})" if on_branch(framework, level) else ""


def readiness_for(result: Assessment) -> str:
    """ "63% for Senior Product Manager", "Senior Product Manager: not asked", or "top of the ladder"."""
    following = result.next_level
    if following is None:
        return "top of the ladder"
    score = result.score_of(following)
    return f"{percent(score.score)} for {following.title}" if score.asked else f"{following.title}: not asked"


def placements_compared(calibration: Calibration) -> str:
    """The headline of a calibration talk: do the two assessments place the person at the same level?"""
    a, b = calibration.a, calibration.b
    level_a, level_b = a.result.level, b.result.level

    def name(level: Level | None) -> str:
        return level.title if level else "not yet at the first level"

    if (level_a and level_a.id) == (level_b and level_b.id):
        return f"Both place the person at {name(level_a)}."
    rank_a, rank_b = (level_a.rank if level_a else 0), (level_b.rank if level_b else 0)
    if rank_a == rank_b:
        return f"They place the person on different branches: {a.label} at {name(level_a)}, {b.label} at {name(level_b)}."
    higher, lower = (b, a) if rank_b > rank_a else (a, b)
    steps = "one level" if abs(rank_b - rank_a) == 1 else f"{abs(rank_b - rank_a)} levels"
    return (
        f"The placements differ: {higher.label} places the person {steps} higher "
        f"({name(higher.result.level)}) than {lower.label} ({name(lower.result.level)})."
    )

"""The questionary implementation of `pmpath.interview.Prompter`.

Imported only on the interactive path: questionary and prompt_toolkit cost about
130 ms and 15 MB at start-up. Prompts are drawn on stderr (the terminal), so stdout
holds only the result: `pmpath assess --json > result.json` works interactively.
`unsafe_ask()` lets Ctrl-C raise KeyboardInterrupt (questionary's `ask()` would
swallow it, print "Cancelled by user" and return None).
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.output import create_output
from prompt_toolkit.styles import Style

from pmpath import terminal
from pmpath.escaping import for_terminal
from pmpath.interview import BACK

SHORT_HINT = 24
"""A text question's hint up to this long goes after it; a longer one on the line above, since
prompt_toolkit draws a wrapped prompt line twice."""
TEXT_ANSWER_ROOM = 20
"""Columns kept free at the end of a text question for the answer questionary echoes there
(a choice question keeps room for its longest choice)."""
STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("instruction", "fg:ansibrightblack"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
    ]
)


def _clean(text: str) -> str:
    """What a person typed, as text that can be stored: undecodable bytes become U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


class QuestionaryPrompter:
    """Asks in the terminal; tests pass prompt_toolkit's pipe input and a dummy output."""

    def __init__(self, input: Any = None, output: Any = None) -> None:
        self._testing = output is not None
        self._io = {
            "input": input,
            "output": output if output is not None else create_output(stdout=sys.stderr),
        }
        if input is None:
            del self._io["input"]
        self.said: list[str] = []

    def choose(
        self, message: str, choices: list[tuple[str, str]], *, hint: str = "", default: str | None = None
    ) -> str:
        options = [
            questionary.Choice(label, value=value, shortcut_key="b" if value == BACK else str(index))
            for index, (label, value) in enumerate(choices, start=1)
        ]
        if hint:
            self.say(f"  {hint}")
        chosen = next((option for option in options if option.value == default), None)
        # Room for the chosen answer, which questionary writes after the question; a long
        # label (a company type) may still wrap, but a short answer never splits a word.
        room = min(20, max(len(label) for label, _ in choices) + 2)
        instruction = " " if chosen is None else "(Enter keeps the highlighted answer)"
        room = max(room, len(instruction) + 2)  # questionary writes the instruction there before the answer
        answer = questionary.select(
            self._wrap(for_terminal(message), room=room),
            choices=options,
            default=chosen,
            use_shortcuts=True,
            style=STYLE,
            instruction=instruction,
            **self._io,
        ).unsafe_ask(patch_stdout=False)
        return str(answer)

    def text(
        self,
        message: str,
        *,
        hint: str = "",
        default: str = "",
        validate: Callable[[str], str | None] | None = None,
    ) -> str:
        def check(value: str) -> bool | str:
            error = validate(value) if validate else None
            return error if error else True

        instruction = f"({hint})" if hint and len(hint) <= SHORT_HINT else None
        if hint and instruction is None:
            self.say(f"  {hint}")
        answer = questionary.text(
            self._wrap(for_terminal(message), room=TEXT_ANSWER_ROOM),
            default=default,
            validate=check,
            style=STYLE,
            instruction=instruction,
            **self._io,
        ).unsafe_ask(patch_stdout=False)
        return _clean(str(answer))

    def say(self, message: str) -> None:
        self.said.append(message)
        if not self._testing:
            print(self._wrap(for_terminal(message), indent="    "), file=sys.stderr, flush=True)

    def _wrap(self, text: str, indent: str = "", room: int = 0) -> str:
        """Break long lines between words: the terminal would break them mid-word."""
        if self._testing:  # keep the text whole
            return text
        width = max(40, terminal.width(sys.stderr) - 3)  # room for questionary's "? "
        lines = [
            textwrap.fill(line, width, subsequent_indent=indent if line.startswith("  ") else "")
            for line in text.split("\n")
        ]
        wrapped = "\n".join(lines).split("\n")
        # questionary writes the answer after the last line: leave it room, so it never breaks mid-word
        if room and len(wrapped[-1]) > width - room:
            wrapped[-1:] = textwrap.wrap(wrapped[-1], width - room) or [""]
        return "\n".join(wrapped)

"""The questionary implementation of `pmpath.interview.Prompter`.

Imported only on the interactive path: questionary and prompt_toolkit cost about
130 ms and 15 MB at start-up. `unsafe_ask()` lets Ctrl-C raise KeyboardInterrupt
(questionary's `ask()` would swallow it, print "Cancelled by user" and return None).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.styles import Style

from pmpath.checks import printable

STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("instruction", "fg:ansibrightblack"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "fg:ansicyan bold"),
    ]
)


class QuestionaryPrompter:
    """Asks in the terminal; tests pass prompt_toolkit's pipe input and a dummy output."""

    def __init__(self, input: Any = None, output: Any = None) -> None:
        self._io = {key: value for key, value in (("input", input), ("output", output)) if value is not None}
        self.said: list[str] = []

    def choose(self, message: str, choices: list[tuple[str, str]], *, hint: str = "") -> str:
        options = [
            questionary.Choice(label, value=value, shortcut_key=str(index))
            for index, (label, value) in enumerate(choices, start=1)
        ]
        if hint:
            self.say(f"  {hint}")
        answer = questionary.select(
            self._wrap(message), choices=options, use_shortcuts=True, style=STYLE, instruction=" ", **self._io
        ).unsafe_ask(patch_stdout=False)
        return str(answer)

    def text(
        self, message: str, *, hint: str = "", validate: Callable[[str], str | None] | None = None
    ) -> str:
        def check(value: str) -> bool | str:
            error = validate(value) if validate else None
            return error if error else True

        instruction = f"({hint})" if hint else None
        answer = questionary.text(
            self._wrap(message), validate=check, style=STYLE, instruction=instruction, **self._io
        ).unsafe_ask(patch_stdout=False)
        return str(answer)

    def say(self, message: str) -> None:
        self.said.append(message)
        if "output" not in self._io:
            print(self._wrap(printable(message), indent="    "), file=sys.stdout, flush=True)

    def _wrap(self, text: str, indent: str = "") -> str:
        """Break long lines between words: the terminal would break them mid-word."""
        if "output" in self._io:  # tests: keep the text whole
            return text
        import shutil
        import textwrap

        width = max(40, shutil.get_terminal_size().columns - 3)  # room for questionary's "? "
        return "\n".join(
            textwrap.fill(line, width, subsequent_indent=indent if line.startswith("  ") else "")
            for line in text.split("\n")
        )

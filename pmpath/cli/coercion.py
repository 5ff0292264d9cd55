"""Give typer the values of pmpath's plain options directly, without building a pydantic validator.

typer 0.29 coerces every option value through a pydantic `TypeAdapter`, built when the
option is first processed, even for an option that was not given. The first one imports
pydantic's validator machinery: about 90 ms on every call, most of a bare Typer app's
start-up. pmpath's options are texts, paths, a choice, plain numbers and flags, so for
the values where typer's answer is certain (no value; a text; a member's exact name; a
path, or a list of paths, that asks for no check; a plain decimal number) `PlainCoercion`
gives that answer itself. Every other value, each invalid one included, goes to typer's
own coercion, so results stay typer's; of its error messages, only pydantic's phrasing is
reworded ("Value error, ...", "Input should be a valid integer, ..."). `tests/test_coercion.py`
checks that both agree for every option of every command.

It works through typer's per-parameter hook (`_runtime_param`, with `coerce(value,
param=, ctx=)`); `install` leaves any typer without that hook as it is (releases before
0.29 coerce through Click types, with no such cost).
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_TYPERS_OWN = object()
"""Returned by `PlainCoercion.plain` when typer's own coercion must decide."""
_DEFAULT_PATH_OPTIONS = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}
"""typer's path settings that ask for no check beyond "readable if it exists"."""


class PlainCoercion:
    """Coerces one parameter's value as typer would, building typer's own coercion only when needed."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor  # typer's TypeDescriptor: the annotation and the option's settings
        self.annotation = descriptor.annotation
        self.info = descriptor.parameter_info
        self.typers: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:  # not given: typer's RuntimeParam.coerce answers this before validating
            return () if multiple else None
        if getattr(self.info, "parser", None) is None:
            plain = self.plain_list(value) if multiple else self.plain(value, ctx)
            if plain is not _TYPERS_OWN:
                return plain
        try:
            return self.typers_own().coerce(value, param=param, ctx=ctx)
        except Exception as error:  # typer's BadParameter: reword pydantic's phrasing, keep the rest
            if isinstance(getattr(error, "message", None), str):
                error.message = reworded(error.message, value)  # type: ignore[attr-defined]
            raise

    def plain_list(self, values: Any) -> Any:
        """`list[Path]` (`team PATH...`): a list of plain paths, as typer makes it."""
        if get_origin(self.annotation) is not list or get_args(self.annotation) != (Path,):
            return _TYPERS_OWN
        if not isinstance(values, (tuple, list)) or not self.asks_no_path_check():
            return _TYPERS_OWN
        readable = bool(getattr(self.info, "readable", True))
        paths = [_plain_path(value, readable=readable) for value in values]
        return _TYPERS_OWN if any(path is _TYPERS_OWN for path in paths) else paths

    def plain(self, value: Any, ctx: Any) -> Any:
        annotation = self.annotation
        if annotation is str:
            return value if type(value) is str else _TYPERS_OWN
        if annotation is bool:
            return value if type(value) is bool else _TYPERS_OWN
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return self.choice(annotation, value, ctx)
        if annotation is Path and self.asks_no_path_check():
            return _plain_path(value, readable=bool(getattr(self.info, "readable", True)))
        if annotation is int or annotation is float:
            return self.number(annotation, value)
        return _TYPERS_OWN

    def number(self, annotation: type[float], value: Any) -> Any:
        """Plain decimal numbers ("3", "-1", "0.7") and defaults; other spellings, and any bound, are typer's."""
        if any(getattr(self.info, key, None) is not None for key in ("min", "max")):
            return _TYPERS_OWN
        if type(value) is annotation:  # a default of the right type, such as 0.5
            return value
        if type(value) is not str:
            return _TYPERS_OWN
        whole, point, fraction = value.removeprefix("-").partition(".")
        if annotation is int and point:
            return _TYPERS_OWN
        digits = whole + fraction
        if not (digits.isascii() and digits.isdigit() and whole and len(digits) <= 15):
            return _TYPERS_OWN
        return annotation(value)

    def choice(self, annotation: type[Enum], value: Any, ctx: Any) -> Any:
        if isinstance(value, annotation):
            return value
        if type(value) is not str or getattr(ctx, "token_normalize_func", None) is not None:
            return _TYPERS_OWN
        fold = not getattr(self.info, "case_sensitive", True)
        wanted = value.casefold() if fold else value
        for member in annotation:  # the first member that matches, as typer picks it
            name = str(member.value)
            if (name.casefold() if fold else name) == wanted:
                return member
        return _TYPERS_OWN  # not a choice: typer words the error

    def asks_no_path_check(self) -> bool:
        return all(
            getattr(self.info, key, default) == default for key, default in _DEFAULT_PATH_OPTIONS.items()
        )

    def typers_own(self) -> Any:
        if self.typers is None:
            from typer._coercion import build_runtime_param

            self.typers = build_runtime_param(self.descriptor)
        return self.typers


_PYDANTIC_PHRASES = {
    "Input should be a valid integer, unable to parse string as an integer": "{value} is not a whole number.",
    "Input should be a valid number, unable to parse string as a number": "{value} is not a number.",
}


def reworded(message: str, value: Any) -> str:
    """typer 0.29's error text without pydantic's phrasing: "'abc' is not a whole number"."""
    message = message.removeprefix("Value error, ")
    phrase = _PYDANTIC_PHRASES.get(message)
    return phrase.format(value=repr(value)) if phrase else message


def _plain_path(value: Any, *, readable: bool) -> Any:
    """A path as typer gives it when no check is asked for, or _TYPERS_OWN when typer would object."""
    if isinstance(value, Path):
        path = value
    elif type(value) is str:
        path = Path(value)
    else:
        return _TYPERS_OWN
    try:
        os.stat(path)
    except OSError:
        return path  # typer only checks a path that exists
    except ValueError:  # a NUL character: typer's os.stat meets it too
        return _TYPERS_OWN
    if readable and not os.access(path, os.R_OK):
        return _TYPERS_OWN  # typer says "... is not readable."
    return path


def install(command: Any, ctx: Any) -> None:
    """Give each of a command's typer parameters a `PlainCoercion`, where typer has the hook for it.

    `get_params` includes the help option, which Click makes on first use (and keeps);
    a subcommand's context inherits the help option names from `ctx`, its parent.
    """
    for sub in getattr(command, "commands", {}).values():  # a group's own commands (history show, ...)
        install(sub, ctx)
    for param in command.get_params(ctx):
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", _TYPERS_OWN) is None:
            param._runtime_param = PlainCoercion(descriptor)

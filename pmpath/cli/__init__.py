"""The thin command-line layer: parse the arguments, call the core, pick a renderer.

`COMMANDS` is the one list of commands. The root group loads a command's module only
when that command runs (Click's `get_command`), so `pmpath show pm` never imports the
history, the interview or the renderers it does not use; `--help` loads them all to
list them. Errors from anywhere below become a message and an exit status in one
place, `PmpathGroup.invoke`.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, ClassVar, NoReturn

import typer
from typer.core import TyperGroup

from pmpath import DOCS_URL, __version__
from pmpath.cli import coercion
from pmpath.errors import ExitCode, PmpathError

COMMANDS: dict[str, str] = {
    "assess": "pmpath.cli.assess",
    "levels": "pmpath.cli.ladder",
    "show": "pmpath.cli.ladder",
    "questions": "pmpath.cli.ladder",
    "history": "pmpath.cli.history",
    "progress": "pmpath.cli.growth",
    "compare": "pmpath.cli.growth",
    "plan": "pmpath.cli.growth",
    "team": "pmpath.cli.team",
    "transition": "pmpath.cli.ladder",
    "validate": "pmpath.cli.tools",
    "schema": "pmpath.cli.tools",
}
"""Every command, in the order a person meets them, with the module that defines it as `<name>_app`."""
INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in pmpath, not bad input


class PmpathGroup(TyperGroup):
    """Loads commands lazily, and maps every pmpath error and Ctrl-C to a message and an exit status."""

    _loaded: ClassVar[dict[str, Any]] = {}
    """Commands built so far (Click asks for one more than once during a run)."""

    def parse_args(self, ctx: Any, args: list[str]) -> Any:
        # No argument from a shell can hold a NUL, but one given in-process can; every file
        # function would raise on it, so say it once here (newer typer releases do as well).
        if any("\x00" in argument for argument in args):
            raise typer.BadParameter("an argument holds a NUL character (\\x00), which no name or value may")
        coercion.install(self, ctx)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self._loaded:
            module = importlib.import_module(COMMANDS[cmd_name])
            command = typer.main.get_command(getattr(module, f"{cmd_name.replace('-', '_')}_app"))
            command.name = cmd_name
            coercion.install(command, ctx)
            self._loaded[cmd_name] = command
        return self._loaded[cmd_name]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PmpathError as error:
            report_error(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            print("\nInterrupted.", file=sys.stderr)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as error:  # a bug: say so plainly; PMPATH_DEBUG=1 shows the traceback
            if os.environ.get("PMPATH_DEBUG") or _is_usage_error(error):
                raise
            from pmpath.escaping import one_line

            sys.stderr.write(
                f"Error: pmpath hit an internal error ({type(error).__name__}: {one_line(str(error))[:300]}).\n"
                f"Please report it ({DOCS_URL}); run again with PMPATH_DEBUG=1 to see the details.\n"
            )
            raise typer.Exit(INTERNAL_ERROR) from None


def _is_usage_error(error: Exception) -> bool:
    """A Click error (an unknown option, a missing argument): Click prints its usage message, status 2.

    Known by its module, because typer vendors Click from 0.26 on (typer._click) and used
    the click package before.
    """
    return any(cls.__module__.endswith("click.exceptions") for cls in type(error).__mro__)


def report_error(error: PmpathError) -> None:
    from pmpath.escaping import one_line

    lines = [one_line(line) for line in error.lines()]
    sys.stderr.write(error.prefix + "\n".join(lines) + "\n")


def main() -> NoReturn:
    """Console entry point."""
    from pmpath import terminal

    terminal.configure_streams()
    if hasattr(os, "register_at_fork"):  # POSIX: end quietly when a pipe reader (head, jq) exits early
        import signal

        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from pmpath.cli.root import app

    app()
    sys.exit(0)  # pragma: no cover - app() exits itself


def __getattr__(name: str) -> Any:
    """`pmpath.cli.app`: the Typer application (tests drive it with CliRunner)."""
    if name == "app":
        from pmpath.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMANDS", "PmpathGroup", "__version__", "main"]

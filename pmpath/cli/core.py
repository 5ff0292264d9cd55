"""The Typer application, its shared options, and the one place errors become exit statuses.

Errors from anywhere below arrive here as `PmpathError` and leave as one message
on stderr and an exit status, in `PmpathGroup.invoke`. Rich and questionary are
imported inside the functions that print for a person or ask one.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from pmpath import __version__
from pmpath.errors import ExitCode, PmpathError, UsageError
from pmpath.framework import framework_dir, load_framework
from pmpath.model import Framework
from pmpath.render import OutputFormat
from pmpath.render import json as render_json

# The module that registers each command; `main` imports only the one a run needs.
COMMAND_MODULES = {
    "assess": "assess",
    "levels": "ladder",
    "show": "ladder",
    "history": "growth",
    "progress": "growth",
    "compare": "growth",
    "plan": "growth",
    "transition": "growth",
    "validate": "tools",
    "schema": "tools",
}
HELP_ORDER = (
    "assess",
    "levels",
    "show",
    "history",
    "progress",
    "compare",
    "plan",
    "transition",
    "validate",
    "schema",
)


class PmpathGroup(TyperGroup):
    """Maps every pmpath error, and Ctrl-C, to a message and an exit status: the one place that does."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Commands in the order a person meets them, whatever order the modules registered them."""
        rank = {name: index for index, name in enumerate(HELP_ORDER)}
        return sorted(super().list_commands(ctx), key=lambda name: rank.get(name, len(rank)))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PmpathError as error:
            report_error(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            print("\nInterrupted.", file=sys.stderr)
            raise typer.Exit(ExitCode.INTERRUPTED) from None


def report_error(error: PmpathError) -> None:
    from pmpath.checks import printable  # the same escaping as everywhere else

    lines = [printable(line) for line in error.lines()]
    sys.stderr.write("Error: " + "\n".join(lines) + "\n")


app = typer.Typer(
    cls=PmpathGroup,
    name="pmpath",
    rich_markup_mode=None,  # plain help: Rich markup would swallow [square brackets]
    pretty_exceptions_enable=False,
    invoke_without_command=True,  # plain `pmpath` prints its help (to stdout, status 0)
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    data_option: Path | None = None
    _framework: Framework | None = None

    @property
    def data_dir(self) -> Path:
        return framework_dir(self.data_option)

    def framework(self) -> Framework:
        if self._framework is None:
            self._framework = load_framework(self.data_dir)
        return self._framework


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def _version(value: bool) -> None:
    if value:
        print(f"pmpath {__version__}")
        raise typer.Exit()


def complete_level(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        framework = load_framework(framework_dir(ctx.find_root().params.get("data")))
    except PmpathError:
        return []
    return [level.id for level in framework.levels if level.id.startswith(incomplete)]


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Framework directory holding levels.yaml and milestones.yaml (default: $PMPATH_DATA, else the shipped ladder).",
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts (stdout only, no colour).")]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output: human, json or markdown.", case_sensitive=False),
]


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Run the product-manager career ladder: where you are, and what the next level asks.

    Start with `pmpath assess`. Every command prints JSON for scripts with --json.
    """
    state(ctx).data_option = data
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


def write_json(document: Any) -> None:
    sys.stdout.write(render_json.dumps(document) + "\n")


def output_format(json_flag: bool, chosen: OutputFormat = OutputFormat.human) -> OutputFormat:
    """--json is short for --format json; asking for two different forms is a mistake."""
    if json_flag and chosen not in (OutputFormat.human, OutputFormat.json):
        raise UsageError(f"--json and --format {chosen.value} ask for two different outputs; choose one")
    return OutputFormat.json if json_flag else chosen


def load_commands(names: list[str] | None = None) -> None:
    """Import the modules registering `names` (every command when None)."""
    import importlib

    wanted = COMMAND_MODULES.values() if names is None else [COMMAND_MODULES[n] for n in names]
    for module in dict.fromkeys(wanted):
        importlib.import_module(f"pmpath.cli.{module}")


def requested_command(args: list[str]) -> str | None:
    """The command a command line runs, when it is plain to see; None means "load them all"
    (help, completion, a typo that deserves Typer's "No such command")."""
    if os.environ.get("_PMPATH_COMPLETE"):
        return None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--data":
            index += 2
            continue
        if arg.startswith("-"):
            if arg.startswith("--data="):
                index += 1
                continue
            return None  # --help, --version, or an unknown option: let Typer see everything
        return arg if arg in COMMAND_MODULES else None
    return None


def main() -> NoReturn:
    """Console entry point."""
    if hasattr(os, "register_at_fork"):  # POSIX: end quietly when a pipe reader (head, jq) exits early
        import signal

        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    command = requested_command(sys.argv[1:])
    load_commands([command] if command else None)
    app()
    sys.exit(0)  # pragma: no cover - app() exits itself


def write_output(path: Path, text: str, *, force: bool, what: str) -> None:
    """Write a document a person asked for with --output: "-" is stdout; never clobber by surprise."""
    if str(path) == "-":
        sys.stdout.write(text)
        return
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give a file name, e.g. {path / 'plan.md'}")
    if path.exists() and not force:
        raise UsageError(
            f"{path} already exists; pmpath does not overwrite it", hint="Add --force to replace it."
        )
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the directory {path.parent} does not exist")
    from pmpath.paths import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None
    print(f"{what} written to {path}", file=sys.stderr)

"""What every command shares: the active ladder, the output options, and writing the result.

`result()` is the one place a command's view becomes text in the chosen format and
goes to stdout or to the file `--output` names.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmpath.errors import UsageError
from pmpath.framework import framework_dir, load_framework
from pmpath.model import Framework
from pmpath.render import EXTENSIONS, Format, check_format, renderer_class

DATA_HELP = (
    "Framework directory holding levels.yaml and milestones.yaml "
    "(default: $PMPATH_DATA, else the shipped ladder)."
)


class State:
    """Per-run state on the root context: the --data option and the ladder, loaded once."""

    def __init__(self) -> None:
        self.data_option: Path | None = None
        self._framework: Framework | None = None

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


def complete_level(ctx: typer.Context, incomplete: str) -> list[str]:
    from pmpath.errors import PmpathError

    try:
        framework = load_framework(framework_dir(ctx.find_root().params.get("data")))
    except PmpathError:
        return []
    return [level.id for level in framework.levels if level.id.startswith(incomplete)]


JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts (stdout only, no colour).")]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output: human, json, markdown, html or csv.",
        case_sensitive=False,
        show_default=False,
    ),
]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV for spreadsheets (short for --format csv).")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (- for stdout); the format follows its extension (.md, .html, .json, .csv).",
        show_default=False,
    ),
]
ForceFlag = Annotated[bool, typer.Option("--force", help="With --output: replace an existing file.")]


def chosen_format(
    kind: str,
    command: str,
    *,
    json_flag: bool = False,
    csv_flag: bool = False,
    chosen: Format | None = None,
    output: Path | None = None,
    default: Format = Format.human,
) -> Format:
    """The format asked for: --json/--csv, --format, the --output extension, or the command's default."""
    flags = [f for f, on in ((Format.json, json_flag), (Format.csv, csv_flag)) if on]
    if len(flags) > 1 or (flags and chosen is not None and chosen is not flags[0]):
        asked = ", ".join(
            dict.fromkeys(
                [*(f"--{f.value}" for f in flags), *([f"--format {chosen.value}"] if chosen else [])]
            )
        )
        raise UsageError(f"{asked} ask for different outputs; choose one")
    result = flags[0] if flags else chosen
    if result is None and output is not None and str(output) != "-":
        result = EXTENSIONS.get(output.suffix.lower())
        if result is None:  # out.pdf would get plain text under a name that promises something else
            known = ", ".join(sorted(EXTENSIONS))
            raise UsageError(
                f"cannot tell the format from the name {output.name!r}",
                hint=f"Name the file with one of {known}, or say which with --format.",
            )
    result = result or default
    check_format(result, kind, command)
    return result


def protected_paths() -> list[Path]:
    """pmpath's own state files: no output option ever writes over them, even with --force."""
    from pmpath.storage.draft import DRAFT_FILE, LOCK_FILE
    from pmpath.storage.history import DATABASE_NAME
    from pmpath.storage.home import cache_dir, home

    own = home()
    paths = [
        own / name
        for name in (
            DATABASE_NAME,
            f"{DATABASE_NAME}-journal",
            f"{DATABASE_NAME}-wal",
            f"{DATABASE_NAME}-shm",
            DRAFT_FILE,
            LOCK_FILE,
        )
    ]
    cache = cache_dir()
    return paths + ([cache] if cache else [])


def check_output(output: Path | None, force: bool) -> None:
    """Refuse an --output that cannot be written before any work (or question) happens."""
    if force and output is None:
        raise UsageError("--force only applies with --output FILE")
    if output is not None and str(output) != "-":
        from pmpath.storage.files import check_output_target

        check_output_target(output, force=force, protected=protected_paths())


def render(fmt: Format, kind: str, view: Any, *, to_file: bool = False) -> str:
    """The view as text in the format; human text for a file or a pipe carries no colour."""
    if fmt is Format.human:
        from pmpath.render.human import HumanRenderer

        return getattr(HumanRenderer.for_output(to_file=to_file), kind)(view)  # type: ignore[no-any-return]
    return getattr(renderer_class(fmt)(), kind)(view)  # type: ignore[no-any-return]


def result(
    fmt: Format,
    kind: str,
    view: Any,
    *,
    output: Path | None = None,
    force: bool = False,
    what: str = "Report",
) -> None:
    """Render the view and write it: to stdout, or to --output FILE (never clobbering by surprise)."""
    to_file = output is not None and str(output) != "-"
    text = render(fmt, kind, view, to_file=to_file)
    if output is None or not to_file:
        from pmpath.storage.files import write_stdout

        write_stdout(text)
        return
    from pmpath.storage.files import write_output

    write_output(output, text, force=force, what=what, protected=protected_paths())


def note(message: str) -> None:
    """A line for the person, on stderr, escaped."""
    from pmpath.escaping import one_line

    print(one_line(message), file=sys.stderr)


def examples(*lines: str) -> str:
    """An epilog of examples that Click prints as written (the \\b keeps it from rewrapping them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)

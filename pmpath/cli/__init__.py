"""The thin command-line layer: one module per group of commands, all on one Typer app.

`app.py` holds the app, the shared options and the error-to-exit-status mapping;
importing the command modules below registers their commands (`app.HELP_ORDER` orders --help).
"""

from pmpath.cli import assess, growth, ladder, tools  # noqa: F401  (registers the commands)
from pmpath.cli.app import app, main

__all__ = ["app", "main"]

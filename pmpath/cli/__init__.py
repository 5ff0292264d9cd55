"""The thin command-line layer: one module per group of commands, all on one Typer app.

`app.py` holds the app, the shared options and the error-to-exit-status mapping;
importing the command modules below registers their commands, in help order.
"""

# isort: skip_file  (import order is the order of the commands in --help)
from pmpath.cli import assess, ladder  # noqa: F401  (registers the commands)
from pmpath.cli.app import app, main

__all__ = ["app", "main"]

"""The thin command-line layer: one module per group of commands, all on one Typer app.

`core.py` holds the app, the shared options and the error-to-exit-status mapping.
The command modules register their commands on import. A run of the console script
imports only the module of the command it runs (`core.main`), which keeps start-up
short; `pmpath.cli.app`, used by `python -m pmpath`-style callers and the tests, is the
app with every command loaded.
"""

from __future__ import annotations

from typing import Any

from pmpath.cli.core import main

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from pmpath.cli.core import app, load_commands

        load_commands()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

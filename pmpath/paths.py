"""Where pmpath keeps its own files: the history, the resume draft, the cache.

`PMPATH_HOME` puts all of them in one directory (tests and portable setups);
otherwise platformdirs picks the platform's user data and cache directories.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PMPATH_HOME"
NO_CACHE_ENV = "PMPATH_NO_CACHE"


def home() -> Path:
    """The user's pmpath home: history.db and the assessment draft live here."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured)
    import platformdirs  # only paid for by the commands that need it

    return platformdirs.user_data_path("pmpath", appauthor=False)


def cache_dir() -> Path | None:
    """Where the validated framework is cached, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(configured) / "cache"
    import platformdirs

    return platformdirs.user_cache_path("pmpath", appauthor=False)


def write_atomically(path: Path, text: str, *, private: bool = False) -> None:
    """Write a file so that readers see the old or the new content, never half of it.

    `private` files (pmpath's own, in its home) get their directory created and stay
    readable by the user alone; other files (a plan, saved answers) get the usual
    permissions, and a missing directory is an error, not something to invent.
    """
    import tempfile  # only writers pay for it

    if private:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

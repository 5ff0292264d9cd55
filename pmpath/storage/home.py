"""Where pmpath keeps its own files, and the checks that keep them private to their user.

`PMPATH_HOME` puts the history, the draft and the cache in one directory (tests and
portable setups); otherwise they go to the platform's user data and cache directories.
A home or cache directory that another user owns, or that group or others can write
to, is not trusted: the home is refused, the cache is ignored.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from pmpath.errors import StateError
from pmpath.escaping import one_line

HOME_ENV = "PMPATH_HOME"
NO_CACHE_ENV = "PMPATH_NO_CACHE"
APP = "pmpath"


def home() -> Path:
    """The user's pmpath home: history.db and the assessment draft live here."""
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(os.path.expanduser(configured))
    return _user_dir("XDG_DATA_HOME", ".local/share", "user_data_path")


def cache_dir() -> Path | None:
    """Where validated ladders are cached, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    configured = os.environ.get(HOME_ENV)
    if configured:
        return Path(os.path.expanduser(configured)) / "cache"
    return _user_dir("XDG_CACHE_HOME", ".cache", "user_cache_path")


def _user_dir(variable: str, default: str, platformdirs_function: str) -> Path:
    """The XDG directory on Linux (what platformdirs returns there, without its 3 ms import); else platformdirs."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "").strip()
        if not base or not os.path.isabs(base):  # the XDG rule: a relative path is ignored
            base = os.path.join(os.path.expanduser("~"), default)
        return Path(base) / APP
    import platformdirs

    path: Path = getattr(platformdirs, platformdirs_function)(APP, appauthor=False)
    return path


def shown_path(path: Path | str) -> str:
    """A path as it may appear in a message: undecodable bytes and control characters escaped."""
    return one_line(os.fspath(path))


def shown_home_path(path: Path) -> str:
    """A path of pmpath's own state for a person to read: under the home directory it starts with ~."""
    try:
        inside = Path(path).relative_to(Path.home())
    except (ValueError, RuntimeError):  # elsewhere, or no home directory to speak of
        return shown_path(path)
    return shown_path(Path("~") / inside)


def untrusted_reason(path: Path) -> str | None:
    """Why a directory of pmpath's own cannot be trusted with private files, or None when it can."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return error.strerror or str(error)
    if stat.S_ISLNK(info.st_mode):
        info = os.stat(path)  # a home may be a link the user made; judge where it points
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a directory"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"group or others can write to it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def private_dir(path: Path, what: str) -> Path:
    """`path`, created if missing (0700), after checking that only its user can change what is in it."""
    if not path.exists():
        try:
            _make_private(path)
        except OSError as error:
            raise StateError(
                f"cannot create {what} {shown_path(path)}: {error.strerror or error}",
                hint=f"Set {HOME_ENV} to a directory you can write to.",
            ) from None
    reason = untrusted_reason(path)
    if reason is not None:
        raise StateError(
            f"pmpath does not keep your career notes in {shown_path(path)}: {reason}",
            hint=f"Use a directory only you can write to (chmod 700 it), or set {HOME_ENV} to one.",
        )
    return path


def _make_private(path: Path) -> None:
    """Create `path` and any missing parent, each 0700 (os.makedirs gives the mode to the last one only)."""
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):  # created by another pmpath at the same moment
            directory.mkdir(mode=0o700)


def trusted_cache_dir() -> Path | None:
    """The cache directory when it can be trusted (created 0700 if missing), else None: caching is skipped."""
    path = cache_dir()
    if path is None:
        return None
    try:
        return private_dir(path, "the cache")
    except StateError:
        return None

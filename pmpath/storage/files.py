"""Writing files without losing or exposing anything.

* Every write is atomic: a temporary file in the same directory, synced, then renamed
  over the target, so a reader sees the old content or the new, never half of it.
* The temporary file carries the writer's PID; a write removes the ones left by a
  process that no longer exists (a kill cannot be caught, so cleaning happens later).
* pmpath's own files are created 0600. A file a person asked for (`-o`,
  `--save-answers`) is written like any new file (0666 minus the umask), or keeps the
  mode of the file it replaces with `--force`. It never replaces a symbolic link, a
  device, a FIFO or a directory, and never one of pmpath's own state files.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from pmpath.errors import UsageError
from pmpath.storage.home import shown_path

_TEMP_SUFFIX = ".tmp"


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{_TEMP_SUFFIX}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or cannot tell: leave its file alone
    return True


def remove_stale_temporaries(path: Path) -> None:
    """Remove `.NAME.PID.tmp` files next to `path` whose writer is gone."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
                continue
            pid = name[len(prefix) : -len(_TEMP_SUFFIX)]
            if pid.isascii() and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def write_atomically(path: Path, data: str | bytes, *, mode: int = 0o600, sync: bool = True) -> None:
    """Replace `path` with `data`: readers see the old content or the new, never half of it.

    Raises OSError (the caller says what could not be written, and why).
    """
    remove_stale_temporaries(path)
    temporary = _temporary_name(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)  # our own PID: left by an earlier process that had it
    fd = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
            os.fchmod(stream.fileno(), mode) if hasattr(os, "fchmod") else os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def new_file_mode() -> int:
    """What a new file gets: 0666 minus the umask (read without changing it for good)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_output(
    path: Path, text: str, *, force: bool, what: str, protected: Iterable[Path] = (), option: str = "--output"
) -> None:
    """Write a document a person asked for: "-" is stdout; never clobber, never write through a link."""
    if str(path) == "-":
        write_stdout(text)
        return
    mode = check_output_target(path, force=force, protected=protected, option=option)
    try:
        write_atomically(path, text, mode=mode, sync=False)
    except OSError as error:
        raise UsageError(f"cannot write {shown_path(path)}: {error.strerror or error}") from None
    print(f"{what} written to {shown_path(path)}", file=sys.stderr)


def check_output_target(
    path: Path, *, force: bool, protected: Iterable[Path] = (), option: str = "--output"
) -> int:
    """Refuse a target that cannot or must not be written; returns the mode the written file gets.

    Called before any question is asked, so that a run never ends with answers and nowhere to put them.
    """
    shown = shown_path(path)
    if _is_protected(path, protected):
        raise UsageError(f"{option} {shown} is one of pmpath's own files; pmpath never writes over it")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise UsageError(f"cannot write {shown}: {error.strerror or error}") from None
    if str(path).startswith(("/dev/", "/proc/")):
        raise UsageError(f"{option} {shown} is not a file; use {option} - to print to stdout")
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            raise UsageError(
                f"{option} {shown} is a symbolic link; pmpath does not write through links",
                hint=f"Give the file it points to: {option} {shown_path(target)}",
            )
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{option} {shown} is a directory; give a file name")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{option} {shown} is not a regular file (a device, a FIFO or a socket)")
        if not force:
            raise UsageError(
                f"{shown} already exists; pmpath does not overwrite it", hint="Add --force to replace it."
            )
        return stat.S_IMODE(info.st_mode)
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"cannot write {shown}: the directory {shown_path(parent)} does not exist")
    return new_file_mode()


def _is_protected(path: Path, protected: Iterable[Path]) -> bool:
    try:
        target = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return False
    for own in protected:
        try:
            if target == Path(os.path.realpath(own)):
                return True
        except (OSError, ValueError):
            continue
    return False


def write_stdout(text: str) -> None:
    """Print a result; stdout that cannot encode a character gets a replacement, never a crash.

    Text holding its own CRLF line ends (CSV) goes to the byte stream as is, so that a
    text stream translating newlines (Windows) does not turn them into CR CR LF.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if "\r\n" in text and buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        buffer.flush()
        return
    sys.stdout.write(text)
    sys.stdout.flush()

"""Read the files people give pmpath, safely: regular files only, bounded, UTF-8.

No YAML here (PyYAML costs 10-15 ms to import): reading and decoding are shared by
every reader, and the parsers come after.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from pmpath.errors import InputFileError, Problem, UnreadableInputError

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Largest file pmpath reads (10 MiB): a 10,000-milestone ladder is about 4 MiB."""


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text, refusing what cannot be a pmpath file.

    Raises `UnreadableInputError` when the file cannot be read at all (missing, a
    directory, permissions) and `InputFileError` when it is not a text file we read.
    """
    return decode(read_bytes(path, display), display)


def read_bytes(path: Path, display: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most `limit` (default MAX_FILE_BYTES) of them.

    Opened without blocking and checked to be a regular file before a byte is read:
    a FIFO, a device or /dev/zero where a file belongs is refused, never waited on or
    read forever. A file that grows while it is read stays bounded.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    if not str(display).strip():
        raise _unreadable('""', "an empty path, expected a file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _unreadable(display, "no such file") from None
    except IsADirectoryError:
        raise _unreadable(display, "is a directory, expected a file") from None
    except PermissionError:
        raise _unreadable(display, "permission denied") from None
    except OSError as error:
        raise _unreadable(display, error.strerror or str(error)) from None
    try:
        _check_regular(os.fstat(fd), display, limit)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as stream:
        try:
            return stream.read(limit + 1)
        except OSError as error:
            raise _unreadable(display, error.strerror or str(error)) from None


def _check_regular(info: os.stat_result, display: str, limit: int) -> None:
    """Before a byte is read: a regular file, no larger than `limit`."""
    if stat.S_ISDIR(info.st_mode):
        raise _unreadable(display, "is a directory, expected a file")
    if not stat.S_ISREG(info.st_mode):
        raise _unreadable(display, "is not a regular file (a device, a FIFO or a socket)")
    if info.st_size > limit:
        raise InputFileError([Problem(display, None, _too_big(info.st_size, limit))])


def read_stdin(display: str = "<stdin>") -> str:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    return decode(data, display)


def decode(data: bytes, display: str) -> str:
    if len(data) > MAX_FILE_BYTES:  # a stream, or a file that grew: its full size is unknown
        limit = MAX_FILE_BYTES // 1_048_576
        raise InputFileError([Problem(display, None, f"is larger than {limit} MiB, the most pmpath reads")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise InputFileError(
            [Problem(display, line, f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")]
        ) from None
    if not text.strip():
        raise InputFileError([Problem(display, None, "the file is empty")])
    return text


def _too_big(size: int, limit: int = MAX_FILE_BYTES) -> str:
    return f"is {size / 1_048_576:.1f} MiB; pmpath reads files up to {limit / 1_048_576:g} MiB"


def _unreadable(display: str, why: str) -> UnreadableInputError:
    return UnreadableInputError([Problem(display, None, why)])

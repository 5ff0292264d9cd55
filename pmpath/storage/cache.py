"""A cache of validated ladders, so a command does not import PyYAML and re-check the files.

* The key is a hash of the ladder files' bytes (and the pmpath version): any edit, even
  one within the same second on a file system with coarse timestamps, misses.
* An entry is read with a size limit, without blocking (a FIFO is refused), and
  checked field by field; a damaged, foreign or planted entry is ignored and rewritten.
* The cache directory is used only when it is the user's own and only they can write
  to it; otherwise pmpath reads the ladder itself every time.
* It holds ladders only: never answers, evidence notes or profiles.
* Entries are one per ladder directory, at most MAX_ENTRIES of them; the oldest go first.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from pmpath import __version__
from pmpath.errors import InputFileError
from pmpath.model import Framework

MAX_ENTRIES = 32
"""Entries kept; the least recently written go first."""
_PREFIX = "ladder-"


def _digest(*parts: bytes) -> str:
    try:
        from _blake2 import blake2b  # CPython's built-in module: 0.2 ms, where hashlib costs 3 ms
    except ImportError:  # pragma: no cover - other interpreters
        from hashlib import blake2b
    digest = blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def load_framework(directory: Path, build: Callable[[Path, list[bytes]], Framework]) -> Framework:
    """The validated ladder in `directory`: from the cache when its bytes are unchanged, else built."""
    from pmpath.framework import read_framework_files
    from pmpath.storage.home import trusted_cache_dir

    contents = read_framework_files(directory)
    root = trusted_cache_dir()
    if root is None:
        return build(directory, contents)
    key = _digest(__version__.encode(), *contents)
    entry = root / f"{_PREFIX}{_digest(os.fsencode(os.path.abspath(directory)))[:24]}.json"
    cached = _read(entry, key)
    if cached is not None:
        return cached
    framework = build(directory, contents)  # raises for a broken ladder: errors are never cached
    _write(root, entry, key, framework)
    return framework


def _read(entry: Path, key: str) -> Framework | None:
    from pmpath.inputs import read_bytes
    from pmpath.storage.snapshot import SnapshotError, framework_from_data

    try:
        if not _owned(entry):
            return None
        document = json.loads(read_bytes(entry, str(entry)))  # the size limit of every input file
        if not isinstance(document, dict) or document.get("key") != key:
            return None
        return framework_from_data(document.get("ladder"))
    except (InputFileError, OSError, ValueError, RecursionError, SnapshotError):
        return None


def _owned(entry: Path) -> bool:
    """The entry is a regular file of the user's that only they can write (else it may be planted)."""
    import stat

    info = os.lstat(entry)  # FileNotFoundError: a miss
    mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return stat.S_ISREG(info.st_mode) and mine and not info.st_mode & 0o022


def _write(root: Path, entry: Path, key: str, framework: Framework) -> None:
    """Keep the entry; a cache that cannot be written only costs speed."""
    from pmpath.inputs import MAX_FILE_BYTES
    from pmpath.storage.files import write_atomically
    from pmpath.storage.snapshot import framework_to_data

    text = json.dumps({"key": key, "ladder": framework_to_data(framework)})  # ASCII: any text round-trips
    if len(text) > MAX_FILE_BYTES:  # it could not be read back: such a ladder is read from its files
        return
    with contextlib.suppress(OSError):
        write_atomically(entry, text, sync=False)
        _prune(root)


def _prune(root: Path) -> None:
    """Keep the MAX_ENTRIES most recently written entries."""
    entries = []
    for item in os.scandir(root):
        if (
            item.name.startswith(_PREFIX)
            and item.name.endswith(".json")
            and item.is_file(follow_symlinks=False)
        ):
            entries.append((item.stat(follow_symlinks=False).st_mtime_ns, item.path))
    for _, path in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.unlink(path)

"""A cache of validated inputs (frameworks, answers files), so a call does not re-parse YAML.

The key is the files' absolute paths, sizes, modification times and inodes, plus
the pmpath version (and, for answers, the framework they were checked against):
editing a file, changing the ladder, or upgrading pmpath misses the cache. A cache
entry that cannot be read or does not fit is ignored and rewritten; a cache
directory that cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pmpath import __version__
from pmpath.model import Framework, Level, Milestone
from pmpath.paths import cache_dir, write_atomically

FORMAT = 2
T = TypeVar("T")


def load_cached(directory: Path, build: Callable[[Path], Framework]) -> Framework:
    """A validated framework: from the cache when its files have not changed, else built and cached."""
    from pmpath.framework import framework_files

    return cached("framework", framework_files(directory), "", lambda: build(directory), _to_json, _from_json)


def cached(
    kind: str,
    files: list[Path],
    salt: str,
    build: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> T:
    """`build()`'s result for these files, reused while the files (and `salt`) stay the same.

    Only results are cached, never errors: a broken file is read and reported every time.
    """
    found = _entry(kind, files, salt)
    if found is None:
        return build()
    entry, key = found
    try:
        document = json.loads(entry.read_text(encoding="utf-8"))
        if document["key"] == key:  # the file name is a short checksum: the key itself decides
            return decode(document["value"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = build()
    with contextlib.suppress(OSError):
        text = json.dumps({"key": key, "value": encode(value)}, ensure_ascii=False)
        write_atomically(entry, text, private=True)
    return value


def _entry(kind: str, files: list[Path], salt: str) -> tuple[Path, str] | None:
    """The cache file for these input files, and the key its content must carry."""
    root = cache_dir()
    if root is None:
        return None
    try:
        stats = [(str(path.resolve()), path.stat()) for path in files]
    except OSError:
        return None  # the loader will report the missing file
    files_key = [(p, s.st_size, s.st_mtime_ns, s.st_ino) for p, s in stats]
    key = json.dumps([FORMAT, __version__, kind, salt, files_key])
    # The name depends on which files only (so an edited file reuses its entry and the cache
    # does not grow with every edit); zlib names it because hashlib costs 2 ms of start-up.
    name = json.dumps([kind, salt, [p for p, _ in stats]]).encode()
    return root / f"{kind}-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json", key


def _to_json(framework: Framework) -> dict[str, Any]:
    return {
        "name": framework.name,
        "description": framework.description,
        "companies": dict(framework.companies),
        "source": framework.source,
        "fingerprint": framework.fingerprint,
        "levels": [
            {**{k: v for k, v in vars(level).items() if k != "milestones"},
             "tenure_by_company": dict(level.tenure_by_company),
             "milestones": [vars(m) for m in level.milestones]}
            for level in framework.levels
        ],
    }  # fmt: skip


def _from_json(data: dict[str, Any]) -> Framework:
    levels = tuple(
        Level(
            **{
                **level,
                "aliases": tuple(level["aliases"]),
                "responsibilities": tuple(level["responsibilities"]),
                "milestones": tuple(Milestone(**m) for m in level["milestones"]),
            }
        )
        for level in data["levels"]
    )
    return Framework(
        name=data["name"],
        description=data["description"],
        companies=data["companies"],
        source=data["source"],
        fingerprint=data["fingerprint"],
        levels=levels,
    )

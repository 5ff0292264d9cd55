"""A cache of validated frameworks, so a lookup does not re-parse YAML on every call.

The key is the files' absolute paths, sizes, modification times and inodes, plus
the pmpath version: editing a file, or upgrading pmpath, misses the cache. A cache
entry that cannot be read or does not fit is ignored and rewritten; a cache
directory that cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmpath import __version__
from pmpath.model import Framework, Level, Milestone
from pmpath.paths import cache_dir, write_atomically

FORMAT = 1


def load_cached(directory: Path, build: Callable[[Path], Framework]) -> Framework:
    found = _entry(directory)
    if found is None:
        return build(directory)
    entry, key = found
    try:
        cached = json.loads(entry.read_text(encoding="utf-8"))
        if cached["key"] == key:  # the file name is a short checksum: the key itself decides
            return _from_json(cached["framework"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    framework = build(directory)
    with contextlib.suppress(OSError):
        document = {"key": key, "framework": _to_json(framework)}
        write_atomically(entry, json.dumps(document, ensure_ascii=False), private=True)
    return framework


def _entry(directory: Path) -> tuple[Path, str] | None:
    """The cache file for this framework directory, and the key its content must carry."""
    from pmpath.framework import framework_files

    root = cache_dir()
    if root is None:
        return None
    try:
        stats = [(str(path.resolve()), path.stat()) for path in framework_files(directory)]
    except OSError:
        return None  # the loader will report the missing file
    key = json.dumps([FORMAT, __version__, [(p, s.st_size, s.st_mtime_ns, s.st_ino) for p, s in stats]])
    # zlib's checksums name the file: hashlib would cost 2 ms of start-up on every call.
    data = key.encode()
    return root / f"framework-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.json", key


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

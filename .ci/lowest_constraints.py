"""Print a pip constraints file pinning every dependency of pmpath and its test extra to the
lowest version its declared range allows, so CI can prove those lower bounds really work.

Only `>=` lower bounds are pinned; a dependency without one is left to pip.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: pip carries tomli
    from pip._vendor import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def lowest_pins(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    pins = []
    for requirement in requirements:
        match = LOWER_BOUND.match(requirement)
        if match:
            pins.append(f"{match[1]}=={match[2]}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    print("\n".join(lowest_pins(root / "pyproject.toml", sys.argv[1:])))

"""Install pmpath into a virtual environment of its own, `.venv`, with nothing but python3.

    python3 bootstrap.py .            # pmpath
    python3 bootstrap.py ".[test]"    # pmpath and the test tools

The usual `python3 -m venv` needs ensurepip, which Debian and Ubuntu ship in a separate
package (python3-venv) that a stock system lacks. Without it, this script makes the
environment without pip and fetches pip's wheel from PyPI, checking it against the
SHA-256 that PyPI publishes, then runs it from the wheel (which pip supports) to install
itself and the requirements. It never touches the system Python.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ENVIRONMENT = Path(__file__).resolve().parent / ".venv"
PIP_RELEASES = "https://pypi.org/pypi/pip/json"


def main(requirements: list[str]) -> int:
    if sys.version_info < (3, 10):  # noqa: UP036  (run by any python3 a user has)
        sys.exit(f"pmpath needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    python = _environment_python()
    if not _has_pip(python):
        _install_pip(python)
    command = [str(python), "-m", "pip", "install", *(requirements or ["."])]
    print("+", " ".join(command), flush=True)
    return subprocess.call(command, cwd=ENVIRONMENT.parent)


def _environment_python() -> Path:
    python = ENVIRONMENT / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        try:
            import ensurepip  # noqa: F401  (only whether it exists matters)

            with_pip = True
        except ImportError:
            with_pip = False
        print(f"Creating {ENVIRONMENT.name}{'' if with_pip else ' (no ensurepip here: pip comes from PyPI)'}")
        venv.EnvBuilder(with_pip=with_pip).create(ENVIRONMENT)
    return python


def _has_pip(python: Path) -> bool:
    return (
        subprocess.call(
            [str(python), "-m", "pip", "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        == 0
    )


def _install_pip(python: Path) -> None:
    with urllib.request.urlopen(PIP_RELEASES, timeout=60) as response:
        release = json.load(response)
    wheel = next(f for f in release["urls"] if f["packagetype"] == "bdist_wheel")
    print(f"Fetching {wheel['filename']} from PyPI")
    with urllib.request.urlopen(urllib.parse.urljoin(PIP_RELEASES, wheel["url"]), timeout=120) as response:
        data = response.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        sys.exit(f"{wheel['filename']}: its SHA-256 does not match the one PyPI publishes; not installing it")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / wheel["filename"]
        path.write_bytes(data)
        subprocess.check_call([str(python), f"{path}/pip", "install", "--quiet", str(path)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

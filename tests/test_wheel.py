"""The wheel carries the ladder: build it, install it in a fresh venv, run it away from the checkout."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from personas import ROOT

pytestmark = pytest.mark.slow

SOURCES = ["pyproject.toml", "README.md", "LICENSE", "pmpath", "data"]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the sources (the checkout is never written to)."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out)]
    if importlib.util.find_spec("hatchling"):
        command.append("--no-isolation")  # the build backend is installed: no download needed
    run(*command, str(source), cwd=source)
    wheels = list(out.glob("pmpath-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_the_ladder(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data_file in ("levels.yaml", "milestones.yaml", "transitions.yaml"):
        assert f"pmpath/data/{data_file}" in names
        packaged = zipfile.ZipFile(wheel).read(f"pmpath/data/{data_file}")
        assert packaged == (ROOT / "data" / data_file).read_bytes()
    assert "pmpath/py.typed" in names
    assert "pmpath/cli/__init__.py" in names
    assert not any(name.startswith(("tests/", "data/")) for name in names)


def test_installed_wheel_runs_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        wheel,
        cwd=tmp_path,
        timeout=600,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PMPATH_DATA", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env["PMPATH_HOME"] = str(tmp_path / "home")
    pmpath = bin_dir / "pmpath"

    levels = json.loads(run(pmpath, "levels", "--json", cwd=elsewhere, env=env))
    assert [level["id"] for level in levels] == [
        "apm", "pm", "senior-pm", "group-pm", "director", "vp-product", "cpo",
    ]  # fmt: skip

    located = run(
        python,
        "-c",
        "from pmpath.framework import shipped_data_dir; print(shipped_data_dir())",
        cwd=elsewhere,
        env=env,
    ).strip()
    assert Path(located).is_relative_to(venv), f"the installed pmpath reads {located}, not its own data"

    show = json.loads(run(pmpath, "show", "sr pm", "--json", cwd=elsewhere, env=env))
    assert show["id"] == "senior-pm"
    version = run(pmpath, "--version", cwd=elsewhere, env=env)
    assert version.startswith("pmpath ")

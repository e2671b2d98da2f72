"""Static checks are part of the test command: ruff (with a complexity limit) and mypy on the package.

Configuration: ``[tool.ruff]`` and ``[tool.mypy]`` in pyproject.toml. Also: the package ships
``py.typed``, and ``__version__`` comes from the installed metadata.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_passes_with_a_complexity_limit():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "C90" in config["select"] and config["mccabe"]["max-complexity"] <= 15
    done = _run("ruff", "check", "regionkit", "tests")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_mypy_passes_on_the_package():
    done = _run("mypy", "--no-error-summary")
    assert done.returncode == 0, done.stdout + done.stderr


def test_py_typed_and_version():
    import regionkit as rk

    assert (ROOT / "regionkit" / "py.typed").is_file()
    assert rk.__version__ == version("regionkit")
    assert rk.__version__ == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

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


# Issue 12: "no module over ~600 lines; no function over ~120". Counted on the source (docstrings included).
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 120


def _sizes():
    import ast

    modules, functions = {}, {}
    for path in sorted((ROOT / "regionkit").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        modules[name] = source.count("\n") + (not source.endswith("\n"))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions[f"{name}:{node.lineno} {node.name}"] = node.end_lineno - node.lineno + 1
    return modules, functions


def test_no_module_or_function_over_the_size_limits():
    modules, functions = _sizes()
    assert len(modules) > 20 and max(functions.values()) > 20  # the walk really saw the package
    too_long = [f"{m} ({n} lines)" for m, n in modules.items() if n > MAX_MODULE_LINES]
    too_long += [f"{f} ({n} lines)" for f, n in functions.items() if n > MAX_FUNCTION_LINES]
    assert not too_long, "over the size limits (split them): " + "; ".join(too_long)

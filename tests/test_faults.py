"""Fault injection: bad inputs, concurrent runs, kills and broken outputs (issue 13).

Each test reproduces one failure a user or an adversary met, through the library or
the real command line run as a subprocess. No sleep is longer than a second.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import regionkit as rk


def cli(*args: str, cwd=None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m regionkit ARGS`` and return the finished process (text mode)."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-m", "regionkit", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """Assert the run failed with exit 2 and exactly one line on stderr; return that line."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


# -- the error classes ------------------------------------------------------------------------------

def test_errors_are_value_errors_and_exported():
    for name in ("InputFileError", "MissingInputError", "SchemaError", "DuplicateIdError", "UnknownGroupError",
                 "UnknownCountryError", "OutputError", "OutputLockedError", "IncompleteOutputError"):
        cls = getattr(rk, name)
        assert issubclass(cls, rk.RegionkitError)
    assert issubclass(rk.RegionkitError, ValueError)
    assert issubclass(rk.MissingInputError, FileNotFoundError)
    err = rk.InputFileError("a.csv: empty file", path="a.csv")
    assert err.path == "a.csv" and str(err) == "a.csv: empty file"


def test_cli_usage_error_is_a_regionkit_error():
    from regionkit.cli import UsageError

    assert issubclass(UsageError, rk.RegionkitError)


def test_cli_missing_input_is_one_line(tmp_path):
    line = one_line_error(cli("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.csv")))
    assert "nope.jsonl" in line

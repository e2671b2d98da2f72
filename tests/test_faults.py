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


# -- 13.3: linear cost on one long article ----------------------------------------------------------

def _best_time(fn, repeat: int = 2) -> float:
    """Best CPU time of this process over ``repeat`` calls (CPU, not wall: other jobs share the cores)."""
    import time

    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def test_long_article_costs_linear_time():
    """The seed page repeated to 1 and 4 MB as one article: 4x the text, well under 7x the time.

    Before the fix the fallback rescans re-ran the automaton over the rest of the string
    (1 MB 0.2 s, 4 MB 2.6 s, 8 MB 91 s).
    """
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[1] / "data" / "articles" / "000_882ee92918b85e76.txt").read_text()
    small = (seed * 400)[: 2**20]
    big = (seed * 1600)[: 2**22]
    rk.extract_mentions(seed)
    t_small = _best_time(lambda: rk.extract_mentions(small))
    t_big = _best_time(lambda: rk.extract_mentions(big), repeat=1)
    assert t_big < 7 * t_small + 0.1, (t_small, t_big)
    # the same mentions, shifted, in every copy of the page (nothing lost or added by the windowing)
    one = rk.extract_mentions(seed)
    many = rk.extract_mentions(seed * 3)
    assert len(many) == 3 * len(one)
    assert many["surface"].tolist() == one["surface"].tolist() * 3


def test_many_web_addresses_without_tabs_are_linear():
    """Finding web addresses searched back to the text start for a tab on each one (quadratic)."""
    unit = "See example.com, news.example.org or mail@example.net for more on this.\n" * 9 + "Iran and Armenia met.\n"
    small, big = unit * 500, unit * 4_000
    rk.extract_mentions(small)
    t_small = _best_time(lambda: rk.extract_mentions(small))
    t_big = _best_time(lambda: rk.extract_mentions(big), repeat=1)
    assert t_big < 14 * t_small + 0.1, (t_small, t_big)  # 8x the text; quadratic was about 20x
    m = rk.extract_mentions(unit * 3)
    assert m["iso3"].tolist() == ["IRN", "ARM"] * 3

"""Shared fixtures. Figures render off-screen; data comes from the repository, never from ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TESTDATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "articles" / "000_882ee92918b85e76.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_articles():
    import regionkit as rk

    return rk.read_articles(DATA / "articles")


@pytest.fixture(scope="session")
def dev_gold() -> list[dict]:
    return [json.loads(line) for line in (TESTDATA / "dev_gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")

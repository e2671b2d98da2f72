"""Golden outputs: the mention tables of the demo corpus, the dev texts and the seed page, row for row.

Refactors must not change what regionkit finds. These tests compare today's
``extract_mentions`` output (every column, every row, in order) and ``normalize``
on every gazetteer name with the files under ``tests/data/golden/``.

If your change is *meant* to change outputs, regenerate the files in the same commit::

    PYTHONPATH=$PWD /work/main/.venv/bin/python tests/data/golden/regen.py

and say in the commit message which rows changed and why (``git diff tests/data/golden``).
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def _regen():
    spec = importlib.util.spec_from_file_location("_golden_regen", GOLDEN / "regen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def current() -> dict:
    regen = _regen()
    return {name: (df, regen.render(df)) for name, df in regen.golden_tables().items()}


@pytest.mark.parametrize("name", ["demo.csv", "dev.csv", "seed.csv", "normalize.csv"])
def test_output_matches_golden_file(current, name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    _, got = current[name]
    if got != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), got.splitlines(), "golden/" + name, "now", n=0,
                                         lineterm=""))
        shown = "\n".join(diff[:60])
        more = f"\n... {len(diff) - 60} more diff lines" if len(diff) > 60 else ""
        pytest.fail(f"{name} differs from the golden file (regenerate with tests/data/golden/regen.py only if "
                    f"the change is intended):\n{shown}{more}")


def test_golden_tables_are_real_and_typed(current):
    """The pinned tables are non-trivial, keep the mentions dtypes, and every offset points at its surface."""
    import json

    import regionkit as rk

    demo, _ = current["demo.csv"]
    assert list(demo.dtypes.items()) == list(rk.MENTIONS_META.dtypes.items())
    articles = rk.read_articles(Path(__file__).resolve().parents[1] / "data" / "articles")
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert demo["article_id"].nunique() >= 30 and len(demo) > 500
    for row in demo.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.surface
    dev, _ = current["dev.csv"]
    records = [json.loads(x) for x in (GOLDEN.parent / "dev_gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    assert set(dev["article_id"]) == {r["id"] for r in records}
    seed, _ = current["seed.csv"]
    assert {"AZE", "ISR", "KAZ", "USA"} <= set(seed["iso3"].dropna())

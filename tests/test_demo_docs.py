"""The demo corpus from the installed package, from any folder; help() without the optional extras."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import regionkit as rk

ROOT = Path(__file__).resolve().parents[1]


def test_demo_articles_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no data/ here: the corpus comes from the package
    arts = rk.demo_articles()
    assert len(arts) == 35
    assert {"article_id", "title", "date", "source", "path", "text"} <= set(arts.columns)
    assert "000_882ee92918b85e76" in set(arts["article_id"])
    assert arts["text"].str.len().min() > 200
    assert len(rk.demo_articles(seed=False)) == 34
    m = rk.extract_mentions(arts)
    assert {"KAZ", "AZE", "ISR"} <= set(m["iso3"].dropna())


def test_cli_demo_without_a_path_uses_the_bundled_corpus(tmp_path):
    env = {**os.environ, "MPLBACKEND": "Agg"}
    out = subprocess.run([sys.executable, "-m", "regionkit", "demo", "-o", "out", "--no-figures"], cwd=tmp_path,
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "articles read: 35" in out.stdout
    assert (tmp_path / "out" / "mentions.csv").stat().st_size > 1000


BLOCK_DASK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
import pydoc, regionkit
text = pydoc.render_doc(regionkit, renderer=pydoc.plaintext)
assert "extract_mentions" in text and "demo_articles" in text, text[:500]
try:
    regionkit.dask
except AttributeError as exc:
    print(exc)
"""


def test_pydoc_works_without_dask():
    # as on a machine without the dask extra: help(regionkit) renders, rk.dask says what to install
    out = subprocess.run([sys.executable, "-c", BLOCK_DASK], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "MPLBACKEND": "Agg"}, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "pip install 'regionkit[dask]'" in out.stdout

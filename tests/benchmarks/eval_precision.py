"""Micro precision and recall over (article, country) pairs on the annotated English sets.

Run from the repository root (not collected by pytest)::

    PYTHONPATH=$PWD python tests/benchmarks/eval_precision.py [-v]

Sets: ``tests/data/news_en.jsonl`` (non-diplomatic English: local US, sports, entertainment,
recipes, pets, science, features; annotated by the dev-gold guideline, see each record's
``source``), ``tests/data/dev_gold.jsonl`` (eleven whitehouse.gov texts) and the demo corpus
hand annotation ``tests/data/demo_gold.csv`` when present. The countries of a text are the
distinct ISO3 of the kinds name, demonym, capital, metonym and place (``rk.DIRECT_KINDS``).
``-v`` prints every false positive and false negative with the surface that caused it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import regionkit as rk  # noqa: E402

TESTDATA = ROOT / "tests" / "data"


def _load(name: str) -> list[dict]:
    path = TESTDATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(docs: list[dict], verbose: bool = False) -> tuple[float, float, int, int, int]:
    """Return precision, recall, tp, fp, fn over (article, country) pairs."""
    tp = fp = fn = 0
    for doc in docs:
        m = rk.extract_mentions(doc["text"])
        m = m[m["kind"].isin(rk.DIRECT_KINDS)]
        got, gold = set(m["iso3"].dropna()), set(doc["countries"])
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
        if verbose:
            for c in sorted(got - gold):
                print(f"  FP {doc['id']}: {c} from {sorted(set(m.loc[m['iso3'] == c, 'surface']))}")
            for c in sorted(gold - got):
                print(f"  FN {doc['id']}: {c}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, tp, fp, fn


def main() -> None:
    verbose = "-v" in sys.argv
    for name in ("news_en_real.jsonl", "news_en.jsonl", "dev_gold.jsonl"):
        docs = _load(name)
        p, r, tp, fp, fn = score(docs, verbose)
        print(f"{name:16s} {len(docs):3d} texts  P={p:.3f} R={r:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for name in ("news_en_real.jsonl", "news_en.jsonl"):
        by_genre: dict[str, list[dict]] = {}
        for doc in _load(name):
            by_genre.setdefault(doc["genre"], []).append(doc)
        for genre, docs in sorted(by_genre.items()):
            p, r, *_ = score(docs)
            print(f"  {name[:-6]:12s} {genre:14s} {len(docs):3d} texts  P={p:.3f} R={r:.3f}")


if __name__ == "__main__":
    main()

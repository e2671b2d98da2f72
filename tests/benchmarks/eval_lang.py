"""Precision and recall of (article, country) pairs per language on the multilingual dev texts.

Run from the repository root (not collected by pytest)::

    PYTHONPATH=$PWD python tests/benchmarks/eval_lang.py            # tests/data/dev_gold_ml*.jsonl
    PYTHONPATH=$PWD python tests/benchmarks/eval_lang.py FILE.jsonl  # any file in the same format
    PYTHONPATH=$PWD python tests/benchmarks/eval_lang.py --detect    # also: detected vs annotated language

A predicted pair is a distinct non-null ``iso3`` of the kinds ``name, demonym, capital, metonym,
place`` (DIRECT_KINDS) in any section (the annotation counts mentions inside page furniture too).
The language is detected (``language=None``), as a user would run it.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load(paths: list[Path]) -> list[dict]:
    out = []
    for p in paths:
        out += [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def evaluate(records: list[dict], show_errors: bool = True) -> dict[str, tuple[int, int, int]]:
    import pandas as pd

    import regionkit as rk

    frame = pd.DataFrame({"article_id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    m = rk.extract_mentions(frame)
    m = m[m["kind"].isin(rk.DIRECT_KINDS) & m["iso3"].notna()]
    got: dict[str, set] = {}
    for aid, code in zip(m["article_id"], m["iso3"], strict=True):
        got.setdefault(aid, set()).add(code)
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in records:
        lang = r.get("language", "?").split("-")[0]
        gold, pred = set(r["countries"]), got.get(r["id"], set())
        for key in (lang, "all"):
            per[key][0] += len(gold & pred)
            per[key][1] += len(pred - gold)
            per[key][2] += len(gold - pred)
        if show_errors and (pred - gold or gold - pred):
            fp = {c: sorted(set(m[(m.article_id == r["id"]) & (m.iso3 == c)]["surface"])) for c in pred - gold}
            print(f"  {r['id']} {lang}: false {fp or '-'}  missed {sorted(gold - pred) or '-'}")
    return {k: tuple(v) for k, v in per.items()}


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv if not a.startswith("--")] or sorted((ROOT / "tests" / "data").glob("dev_gold_ml*.jsonl"))
    records = load(files)
    if "--detect" in argv:
        from regionkit.lang import detect_language

        for r in records:
            print(f"  {r['id']}: annotated {r.get('language')}, detected {detect_language(r['text'])}")
    per = evaluate(records)
    print(f"{'lang':6} {'pairs':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6}")
    for lang in sorted(per, key=lambda k: (k == "all", k)):
        tp, fp, fn = per[lang]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{lang:6} {tp + fn:5d} {tp:4d} {fp:4d} {fn:4d} {p:6.3f} {r:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

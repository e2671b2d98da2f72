"""Evaluate ``rk.extract_ties`` against annotated tie sets (TIES.md guideline).

Run from the repository root::

    PYTHONPATH=$PWD python tests/benchmarks/eval_ties.py            # dev gold (41 texts)
    PYTHONPATH=$PWD python tests/benchmarks/eval_ties.py --set held  # our own held-out set
    PYTHONPATH=$PWD python tests/benchmarks/eval_ties.py --errors    # list FP / FN pairs

Scores, per set: pair-level precision / recall / F1 of interacting ties
(article, a, b) — every predicted row except ``co_mention`` / ``co_member``, of any
status —, relation accuracy on matched pairs (the pair's primary relation, as
``rk.tie_table`` picks it), and how many gold negated pairs are predicted negated.
Beside it the naive baseline: every two countries named directly in one body
sentence.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SEED_END = "Photo: US President Donald Trump/AFP"
SETS = {"dev": DATA / "ties_gold.jsonl", "held": DATA / "ties_heldout.jsonl",
        "held2": DATA / "ties_heldout2.jsonl"}  # held2: texts via ties_heldout2.py (--source)


def _url_date(url: str | None):
    m = re.search(r"/(20\d\d)/(\d\d)/", url or "")
    return f"{m.group(1)}-{m.group(2)}-01" if m else None


def load_texts() -> dict[str, dict]:
    """All texts a gold file may point at: id -> {text, date}."""
    out: dict[str, dict] = {}
    for line in (DATA / "dev_gold.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out[r["id"]] = {"text": r["text"], "date": r.get("date") or _url_date(r.get("url")),
                        "title": r.get("title"), "source": r.get("source")}
    for line in (ROOT / "data" / "articles" / "demo_articles.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out[r["id"]] = {"text": r["text"], "date": r.get("date"), "title": r.get("title"), "source": r.get("source")}
    raw = (ROOT / "data" / "articles" / "000_882ee92918b85e76.txt").read_text(encoding="utf-8")
    out["seed"] = {"text": raw[: raw.find(SEED_END) + len(SEED_END)], "date": "2025-07-01"}
    held = DATA / "ties_heldout_texts.jsonl"
    if held.exists():
        for line in held.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out[r["id"]] = {"text": r["text"], "date": r.get("date")}
    return out


def load_gold(path: Path) -> dict[str, dict[tuple[str, str], dict]]:
    gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            gold[r["id"]] = {(t["a"], t["b"]): t for t in r["ties"]}
    return gold


def predicted_pairs(ties: pd.DataFrame) -> dict[str, dict[tuple[str, str], dict]]:
    import regionkit as rk

    t = ties[~ties["relation"].isin(["co_mention", "co_member"]).to_numpy()]
    out: dict[str, dict] = defaultdict(dict)
    if t.empty:
        return out
    table = rk.tie_table(t, by_article=True, include_negated=False) if "by_article" in rk.tie_table.__code__.co_varnames else None
    if table is not None:
        for r in table.itertuples():
            out[str(r.article_id)][(r.a, r.b)] = {"relation": r.dominant, "negated": r.status in ("negated", "reported_denied")}
        return out
    for (art, a, b), g in t.groupby(["article_id", "a", "b"]):
        pos = g[~g["negated"]]
        use = pos if len(pos) else g
        rel = use["relation"].value_counts()
        out[str(art)][(a, b)] = {"relation": rel.index[0], "negated": len(pos) == 0}
    return out


def naive_pairs(mentions: pd.DataFrame) -> dict[str, set]:
    import regionkit as rk

    m = mentions[mentions["kind"].isin(rk.DIRECT_KINDS).to_numpy() & mentions["iso3"].notna().to_numpy()]
    if "section" in m.columns:
        m = m[(m["section"] == "body").to_numpy()]
    out: dict[str, set] = defaultdict(set)
    for (art, _), g in m.groupby(["article_id", "sentence"]):
        c = sorted(set(g["iso3"]))
        out[str(art)] |= {(x, y) for i, x in enumerate(c) for y in c[i + 1:]}
    return out


def score(gold, pred_pairs, pred_info=None):
    tp = fp = fn = rel_ok = 0
    neg_gold = neg_found = 0
    for art, g in gold.items():
        p = pred_pairs.get(art, set())
        tp += len(set(g) & set(p))
        fp += len(set(p) - set(g))
        fn += len(set(g) - set(p))
        for pair, t in g.items():
            if t["negated"]:
                neg_gold += 1
                if pred_info and pair in pred_info.get(art, {}) and pred_info[art][pair]["negated"]:
                    neg_found += 1
            if pred_info and pair in pred_info.get(art, {}) and pred_info[art][pair]["relation"] == t["relation"]:
                rel_ok += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return dict(tp=tp, fp=fp, fn=fn, precision=prec, recall=rec, f1=f1,
                relation=(rel_ok / tp if tp else 0.0), negated=f"{neg_found}/{neg_gold}")


def run(which: str, errors: bool = False, source: str | None = None) -> dict:
    import regionkit as rk

    gold = load_gold(SETS[which])
    texts = load_texts()
    if which == "held2":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from ties_heldout2 import load_heldout2_texts

        texts.update(load_heldout2_texts(source))
    ids = list(gold)
    arts = pd.DataFrame({"article_id": ids, "text": [texts[i]["text"] for i in ids],
                         "date": pd.to_datetime([texts[i]["date"] for i in ids]),
                         # metadata the reader may use (the author of a statement); None where a set has none
                         "title": [texts[i].get("title") for i in ids], "source": [texts[i].get("source") for i in ids]})
    mentions = rk.extract_mentions(arts)
    ties = rk.extract_ties(mentions, articles=arts)
    info = predicted_pairs(ties)
    ours = score(gold, {a: set(v) for a, v in info.items()}, info)
    naive = score(gold, naive_pairs(mentions))
    print(f"{which}: {len(ids)} articles, {sum(len(g) for g in gold.values())} gold pairs")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'rel':>6} {'neg':>6}   tp/fp/fn")
    for name, s in (("regionkit", ours), ("naive", naive)):
        rel = f"{s['relation']:.2f}" if name == "regionkit" else "  -"
        neg = s["negated"] if name == "regionkit" else "-"
        print(f"{name:10} {s['precision']:6.2f} {s['recall']:6.2f} {s['f1']:6.2f} {rel:>6} {neg:>6}   "
              f"{s['tp']}/{s['fp']}/{s['fn']}")
    if errors:
        for art in ids:
            g, p = gold[art], info.get(art, {})
            for pair in sorted(set(p) - set(g)):
                print(f"  FP {art} {pair[0]}-{pair[1]} {p[pair]['relation']}")
            for pair in sorted(set(g) - set(p)):
                print(f"  FN {art} {pair[0]}-{pair[1]} {g[pair]['relation']} needs={g[pair].get('needs')}")
            for pair in sorted(set(g) & set(p)):
                if g[pair]["relation"] != p[pair]["relation"]:
                    print(f"  REL {art} {pair[0]}-{pair[1]} gold={g[pair]['relation']} ours={p[pair]['relation']}")
    return {"ours": ours, "naive": naive}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="dev")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--source", help="held2 only: gensim 4.4.0 wheel or folder with the Lee corpus")
    args = ap.parse_args(argv)
    run(args.set, args.errors, args.source)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Deterministic benchmark corpora built from the real texts in data/articles.

The sentences of the bundled demo corpus (the seed page and 34 US government
texts) are shuffled with a fixed seed into articles of 8-40 sentences, grouped in
paragraphs, with an id, a date (2020-2026) and a source. Same seed, same bytes.
Note: these texts are about Central Asia and the Caucasus, so they are much
denser in country names than general news (the scripts print mentions per KB).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
SEED = 20261127


def sentences() -> tuple[list[str], list[str]]:
    """All sentences of the demo corpus (split by regionkit's own splitter) and the list of sources."""
    import regionkit as rk
    from regionkit.extract import sentence_spans

    arts = rk.read_articles(ARTICLES)
    out: list[str] = []
    for text in arts["text"]:
        out += [text[a:b] for a, b in sentence_spans(text) if b - a >= 20]
    sources = sorted(set(arts["source"].dropna())) or ["unknown"]
    return out, sources


def iter_articles(target_bytes: int, *, seed: int = SEED) -> Iterator[dict]:
    """Yield article records until their texts hold at least ``target_bytes`` UTF-8 bytes."""
    sents, sources = sentences()
    rng = random.Random(seed)
    total = 0
    i = 0
    while total < target_bytes:
        n = rng.randint(8, 40)
        picked = [rng.choice(sents) for _ in range(n)]
        paras, k = [], 0
        while k < n:
            step = rng.randint(2, 5)
            paras.append(" ".join(picked[k:k + step]))
            k += step
        title = picked[0][:80]
        text = title + "\n\n" + "\n\n".join(paras)
        total += len(text.encode("utf-8"))
        yield {
            "id": f"bench-{i:08d}",
            "title": title,
            "date": f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "source": rng.choice(sources),
            "text": text,
        }
        i += 1


def frame(target_bytes: int, *, seed: int = SEED):
    """The corpus as a DataFrame with ``article_id`` and ``text`` columns (plus date, source)."""
    import pandas as pd

    df = pd.DataFrame(list(iter_articles(target_bytes, seed=seed)))
    return df.rename(columns={"id": "article_id"})


def write_jsonl(path: Path, target_bytes: int, *, seed: int = SEED) -> Path:
    """Write the corpus as JSON Lines (streamed; never held in memory). Reuses an existing file of the same spec."""
    path = Path(path)
    stamp = path.with_suffix(".spec")
    spec = f"{target_bytes} {seed}"
    if path.exists() and stamp.exists() and stamp.read_text() == spec:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in iter_articles(target_bytes, seed=seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stamp.write_text(spec)
    return path


# ------------------------------------------------------------ real-density news
def filler_sentences() -> list[str]:
    """Real English prose with (almost) no countries: the Python documentation topics shipped with CPython
    (``pydoc_data.topics``, part of every Python install, so nothing is downloaded)."""
    import re

    from pydoc_data.topics import topics

    code = re.compile(r"\.[a-z][a-z]|://|@|[_(){}\[\]=<>\"`*|\\]")  # code, dotted names, quotes: keep the prose
    out: list[str] = []
    for text in topics.values():
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(para.split())
            if len(para) < 80 or para.count("  ") or para.startswith(("*", "-", ">>>", "...")) or "::" in para:
                continue
            out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para) if 30 <= len(s) <= 400 and not code.search(s)]
    return out


def iter_news(target_bytes: int, *, seed: int = SEED, dense_share: float = 0.12) -> Iterator[dict]:
    """Articles of real-density news: about one sentence in eight from the bundled (diplomatic) texts, the rest
    from long non-diplomatic real passages (:func:`filler_sentences`), in paragraphs, with an id."""
    dense, sources = sentences()
    filler = filler_sentences()
    rng = random.Random(seed)
    total = 0
    i = 0
    while total < target_bytes:
        n = rng.randint(12, 60)
        picked = [rng.choice(dense) if rng.random() < dense_share else rng.choice(filler) for _ in range(n)]
        paras, k = [], 0
        while k < n:
            step = rng.randint(2, 6)
            paras.append(" ".join(picked[k:k + step]))
            k += step
        text = picked[0][:80] + "\n\n" + "\n\n".join(paras)
        total += len(text.encode("utf-8"))
        yield {"id": f"news-{i:08d}", "title": picked[0][:80], "source": rng.choice(sources), "text": text}
        i += 1


def news_frame(target_bytes: int, *, seed: int = SEED):
    """:func:`iter_news` as a DataFrame with ``article_id`` and ``text`` columns."""
    import pandas as pd

    return pd.DataFrame(list(iter_news(target_bytes, seed=seed))).rename(columns={"id": "article_id"})

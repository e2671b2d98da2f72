"""normalize() for names in the region's languages, native official names and European exonyms.

Looked up only when the English index has no answer, so English results never change. Keys are
folded hard (case, accents and marks, hamza and yeh/kaf variants, dotless i, apostrophes), and a
key that points to two countries is dropped: nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["key", "lookup"]

_MAP = str.maketrans({"ı": "i", "ي": "ي", "ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ё": "е",
                      "\u200c": "", "\u200d": "", "\u0640": "", "'": "", "\u2019": "", "\u2018": "", "\u02bb": "",
                      "\u02bc": "", "`": "", "\u05f3": "", "\u05f4": "", '"': ""})
_PUNCT = re.compile(r"[^\w]+")
#: short forms that name the USA in running text but a continent or "the States" in a name column
_TEXT_ONLY = {"Amerika", "Америка", "Штаты", "أمريكا", "أميركا", "آمریکا", "امریکا", "אמריקה", "Ամերիկա", "ამერიკა"}
_DROP_WORDS = {"the"}


def key(name: str) -> str:
    """The comparison key of a name in any script."""
    text = unicodedata.normalize("NFKD", name.replace("İ", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_MAP)
    words = [w for w in _PUNCT.sub(" ", text).split() if w not in _DROP_WORDS]
    return " ".join(words)


@lru_cache(maxsize=2)
def _index(demonyms: bool) -> dict[str, str]:
    from regionkit.lang._scan import _all_rows, _read

    generated, curated, _ = _all_rows()
    kinds = {"name", "demonym"} if demonyms else {"name"}
    found: dict[str, set[str]] = {}
    for rows in (generated, curated, _read("exonyms.csv")):
        for r in rows:
            kind = r.get("kind", "name")
            if r["surface"] in _TEXT_ONLY:
                continue
            if r.get("iso3") and (kind in kinds or kind == "capital"):
                # a capital's key is kept only to spot a name shared with a capital (عمان: Oman, Amman)
                found.setdefault(key(r["surface"]), set()).add(r["iso3"] if kind in kinds else "capital:" + r["iso3"])
    out = {}
    for k, v in found.items():
        codes = {c.removeprefix("capital:") for c in v}
        if k and len(codes) == 1 and any(not c.startswith("capital:") for c in v):
            out[k] = next(iter(codes))
    return out


@lru_cache(maxsize=1)
def _english_keys() -> frozenset[str]:
    """Every form the English tables know (any kind, ambiguous or excluded ones too): never overridden."""
    import csv

    from regionkit._resources import data_path

    out: set[str] = set()
    root = data_path("gazetteer")
    for path in sorted(root.glob("*.csv")):
        if path.name.startswith("norm_"):  # exonym/historic name lists: the same intent as ours
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for col in ("surface", "name", "official_name"):
                    if row.get(col):
                        out.add(key(row[col]))
    return frozenset(out)


def lookup(value: str, demonyms: bool = False) -> str | None:
    """ISO3 for a native or exonym name (``"Қазақстан"``, ``"Aserbaidschan"``), or None.

    A form the English tables know ("Congo", "Argentine", "Brasilia") keeps the English
    answer, even when that answer is "unknown/ambiguous".
    """
    if not isinstance(value, str) or not value.strip():
        return None
    k = key(value)
    if k in _english_keys():
        return None
    return _index(demonyms).get(k)

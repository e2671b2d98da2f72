"""normalize() for names in the region's languages, native official names and European exonyms.

Looked up only when the English index has no answer, so English results never change. Keys are
folded hard (case, accents and marks, hamza and yeh/kaf variants, dotless i, apostrophes), and a
key that points to two countries is dropped: nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

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


def _index(demonyms: bool, gaz: Any) -> dict[str, str]:
    """Folded native name -> ISO3 from the gazetteer's language tables (built once per value)."""
    return gaz.memo(("lang names", demonyms), lambda: _build_index(demonyms, gaz))


def _build_index(demonyms: bool, gaz: Any) -> dict[str, str]:
    from regionkit.lang._scan import _all_rows, _read

    generated, curated, _ = _all_rows(gaz)
    kinds = {"name", "demonym"} if demonyms else {"name"}
    found: dict[str, set[str]] = {}
    for rows in (generated, curated, _read("exonyms.csv", gaz)):
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


def _english_keys(gaz: Any) -> frozenset[str]:
    """Every form the English tables know (any kind, ambiguous or excluded ones too): never overridden."""
    def build() -> frozenset[str]:
        out: set[str] = set()
        for name, df in gaz.tables.items():  # the top-level tables (not lang/ or rules/)
            if "/" in name or name.startswith("norm_"):  # exonym/historic name lists: the same intent as ours
                continue
            for col in ("surface", "name", "official_name"):
                if col in df.columns:
                    out.update(key(v) for v in df[col] if v)
        return frozenset(out)
    return gaz.memo("lang english keys", build)


def lookup(value: str, demonyms: bool = False, gazetteer: Any = None) -> str | None:
    """ISO3 for a native or exonym name (``"Қазақстан"``, ``"Aserbaidschan"``), or None.

    A form the English tables know ("Congo", "Argentine", "Brasilia") keeps the English
    answer, even when that answer is "unknown/ambiguous". *gazetteer*: a
    :class:`regionkit.Gazetteer` (its tables, ``lang/*.csv`` included) or None (the current one).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    from regionkit.gazetteer import resolve_gazetteer

    gaz = resolve_gazetteer(gazetteer)
    k = key(value)
    if k in _english_keys(gaz):
        return None
    return _index(demonyms, gaz).get(k)

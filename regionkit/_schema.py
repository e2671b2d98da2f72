"""Column contracts shared by every step (see DESIGN.md): names and exact dtypes."""

from __future__ import annotations

import pandas as pd

__all__ = ["ARTICLES_META", "MENTIONS_META", "DIRECT_KINDS", "KINDS", "SECTIONS"]

_S = pd.StringDtype()  # NA is pd.NA, same under pandas 2 and 3
_I = pd.Int64Dtype()

ARTICLE_COLUMNS = {"article_id": _S, "title": _S, "date": "datetime64[ns]", "source": _S, "path": _S, "text": _S,
                   "language": _S}  # language: ISO 639-1, given or detected (regionkit.lang)
MENTION_COLUMNS = {
    "article_id": _S,
    "iso3": _S,
    "country": _S,
    "surface": _S,
    "kind": _S,
    "group": _S,
    "start": _I,
    "end": _I,
    "sentence": _I,
    "section": _S,
    "language": _S,  # ISO 639-1 of the article (given or detected; regionkit.lang)
}

#: Kinds whose ``iso3`` counts as "the article mentions this country".
DIRECT_KINDS = ("name", "demonym", "capital", "metonym", "place")
#: Every value the ``kind`` column can take.
KINDS = (*DIRECT_KINDS, "person", "group", "organisation", "historical")
#: Values of the ``section`` column.
SECTIONS = ("body", "boilerplate")


def empty_frame(columns: dict) -> pd.DataFrame:
    """Return an empty DataFrame with exactly these columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


#: Empty articles table with the exact dtypes of :func:`regionkit.read_articles`.
ARTICLES_META = empty_frame(ARTICLE_COLUMNS)
#: Empty mentions table with the exact dtypes of :func:`regionkit.extract_mentions` (use as Dask ``meta``).
MENTIONS_META = empty_frame(MENTION_COLUMNS)

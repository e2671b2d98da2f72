"""Per-article and per-country tables from mentions (every input article accounted for)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from regionkit._schema import DIRECT_KINDS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["article_countries", "country_counts"]


def _direct(mentions: pd.DataFrame, sections: Iterable[str] | None) -> pd.DataFrame:
    need = {"article_id", "iso3", "kind", "section"}
    missing = need - set(mentions.columns)
    if missing:
        raise ValueError(f"mentions table lacks columns {sorted(missing)}; pass the output of rk.extract_mentions()")
    m = mentions[mentions["kind"].isin(DIRECT_KINDS) & mentions["iso3"].notna()]
    if sections is not None:
        m = m[m["section"].isin(list(sections))]
    return m


def article_countries(mentions: pd.DataFrame, articles: Any = None, *, sections: Iterable[str] | None = ("body",)) -> pd.DataFrame:
    """The countries each article mentions: one row per article, with a sorted list of ISO3 codes.

    Parameters
    ----------
    mentions
        Output of :func:`regionkit.extract_mentions`.
    articles
        The articles table (or a list of ids), so articles without mentions get an empty list.
    sections
        Sections that count (default body only; None for all).

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id``, ``countries`` (list of str) and ``n_countries``.
    """
    import pandas as pd

    m = _direct(mentions, sections)
    lists = m.groupby("article_id", sort=False)["iso3"].agg(lambda s: sorted(set(s)))
    ids = _article_ids(articles, mentions)
    out = pd.DataFrame({"article_id": pd.array(ids, dtype=pd.StringDtype())})
    out["countries"] = [lists.get(i, []) for i in ids]
    out["n_countries"] = out["countries"].map(len).astype("int64")
    return out


def _article_ids(articles: Any, mentions: pd.DataFrame) -> list[str]:
    import pandas as pd

    if articles is None:
        return list(dict.fromkeys(mentions["article_id"].astype(str)))
    if isinstance(articles, pd.DataFrame):
        if "article_id" not in articles.columns:
            return [str(i) for i in articles.index]
        return articles["article_id"].astype(str).tolist()
    if isinstance(articles, pd.Series):
        return [str(i) for i in articles.index]
    return [str(a) for a in articles]


def country_counts(
    mentions: pd.DataFrame,
    articles: Any = None,
    *,
    by: str = "article",
    sections: Iterable[str] | None = ("body",),
) -> pd.DataFrame:
    """Count country mentions, keeping articles with no mention.

    Parameters
    ----------
    mentions
        Output of :func:`regionkit.extract_mentions`.
    articles
        The articles table (or ids). Articles without any mention get one row with
        ``iso3 = <NA>`` and zero counts (``by="article"``) and count in the
        ``share`` denominator (``by="country"``).
    by
        ``"article"``: one row per (article_id, iso3) with ``mentions``;
        ``"country"``: one row per country with ``articles`` (how many articles
        mention it), ``mentions`` and ``share`` (articles / all articles).
    sections
        Sections that count (default body only; None for all).

    Returns
    -------
    pandas.DataFrame
        ``by="article"``: ``article_id, iso3, country, mentions``.
        ``by="country"``: ``iso3, country, articles, mentions, share`` sorted by articles.
    """
    import pandas as pd

    if by not in {"article", "country"}:
        raise ValueError(f"by must be 'article' or 'country', not {by!r}")
    m = _direct(mentions, sections)
    ids = _article_ids(articles, mentions)
    per = (m.groupby(["article_id", "iso3"], sort=False, observed=True).agg(country=("country", "first"), mentions=("iso3", "size"))
           .reset_index())
    per["mentions"] = per["mentions"].astype("int64")
    if by == "article":
        missing = [i for i in ids if i not in set(per["article_id"])]
        if missing:
            empty = pd.DataFrame({"article_id": missing, "iso3": pd.NA, "country": pd.NA, "mentions": 0})
            per = pd.concat([per, empty], ignore_index=True)
        order = {a: k for k, a in enumerate(ids)}
        per = per.assign(_o=per["article_id"].map(order)).sort_values(["_o", "iso3"], na_position="last").drop(columns="_o")
        per = per.reset_index(drop=True)
        for col in ("article_id", "iso3", "country"):
            per[col] = per[col].astype(pd.StringDtype())
        return per[["article_id", "iso3", "country", "mentions"]]
    agg = per.groupby("iso3", observed=True).agg(country=("country", "first"), articles=("article_id", "nunique"),
                                                 mentions=("mentions", "sum")).reset_index()
    total = max(len(ids), 1)
    agg["articles"] = agg["articles"].astype("int64")
    agg["mentions"] = agg["mentions"].astype("int64")
    agg["share"] = agg["articles"] / total
    agg = agg.sort_values(["articles", "mentions", "iso3"], ascending=[False, False, True]).reset_index(drop=True)
    agg.attrs["n_articles"] = len(ids)
    for col in ("iso3", "country"):
        agg[col] = agg[col].astype(pd.StringDtype())
    return agg[["iso3", "country", "articles", "mentions", "share"]]

"""Pair table: sentence-level ties aggregated per pair."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from regionkit.ties._common import _S, CUE_RELATIONS, RELATIONS, _check_relations

# --------------------------------------------------------------------------------------
# pair table
# --------------------------------------------------------------------------------------

_WEIGHTS = ("sentences", "articles")


def tie_table(
    ties: pd.DataFrame,
    *,
    relations: Iterable[str] | str | None = None,
    weight: str = "sentences",
    include_negated: bool = False,
) -> pd.DataFrame:
    """Aggregate sentence-level ties into direction-free pair weights.

    Parameters
    ----------
    ties : DataFrame
        Output of :func:`extract_ties` (at least ``article_id, sentence, a, b,
        relation``; ``negated`` is optional). Pairs are made direction-free
        (``a < b``) whatever the input order.
    relations : str or iterable of str, optional
        Keep only rows with these relations (default: all). Unknown names raise
        ``ValueError`` listing the valid ones.
    weight : {"sentences", "articles"}
        What ``weight`` counts: distinct sentences (units) or distinct articles
        that link the pair.
    include_negated : bool
        Count negated rows in the per-relation columns too (default: no; they
        are counted in ``negated`` only).

    Returns
    -------
    pandas.DataFrame
        One row per pair, sorted by ``weight`` (descending) then ``a, b``:
        ``a, b, articles, sentences`` (distinct articles / sentences linking
        the pair), one count column per relation of :data:`RELATIONS` (distinct
        sentences with that relation), ``negated`` (sentences where a relation
        of the pair was negated), ``weight`` and ``dominant``: the cue relation
        with the highest count (ties broken in :data:`RELATIONS` order), or
        ``co_member`` / ``co_mention`` when the pair has no cue relation.
    """
    keep = _check_relations(relations)
    if weight not in _WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}; valid weights: {', '.join(_WEIGHTS)}")
    need = ["article_id", "sentence", "a", "b", "relation"]
    missing = [c for c in need if c not in ties.columns]
    if missing:
        raise ValueError(f"tie_table needs extract_ties output; missing columns {missing}")
    unknown = sorted(set(ties["relation"].dropna().astype(str)) - set(RELATIONS))
    if unknown:
        raise ValueError(f"unknown relation {', '.join(map(repr, unknown))} in ties; valid relations: {', '.join(RELATIONS)}")
    t = ties[ties["relation"].isin(keep).to_numpy()].copy()
    count_cols = {r: pd.Series(dtype="int64") for r in RELATIONS}
    columns = ["a", "b", "articles", "sentences", *RELATIONS, "negated", "weight", "dominant"]
    if t.empty:
        empty = pd.DataFrame({"a": pd.Series(dtype=_S), "b": pd.Series(dtype=_S),
                              "articles": pd.Series(dtype="int64"), "sentences": pd.Series(dtype="int64"),
                              **count_cols, "negated": pd.Series(dtype="int64"),
                              "weight": pd.Series(dtype="int64"), "dominant": pd.Series(dtype=_S)})
        return empty[columns]
    a = t["a"].astype(str)
    b = t["b"].astype(str)
    t["a"], t["b"] = a.where(a < b, b), b.where(a < b, a)
    t["negated"] = t["negated"].fillna(False).astype(bool) if "negated" in t.columns else False
    t["unit"] = t["article_id"].astype(str) + "\x00" + t["sentence"].astype(str)
    g = t.groupby(["a", "b"], sort=True)
    out = pd.DataFrame({"articles": g["article_id"].nunique(), "sentences": g["unit"].nunique()})
    counted = t if include_negated else t[~t["negated"]]
    per = counted.groupby(["a", "b", "relation"])["unit"].nunique().unstack("relation")
    per = per.reindex(index=out.index, columns=list(RELATIONS)).fillna(0).astype("int64")
    out = out.join(per)
    neg = t[t["negated"]].groupby(["a", "b"])["unit"].nunique()
    out["negated"] = neg.reindex(out.index).fillna(0).astype("int64")
    out["weight"] = out[weight]
    cue = out[list(CUE_RELATIONS)].to_numpy()
    best = cue.argmax(axis=1)
    has_cue = cue.max(axis=1) > 0
    fallback = out["co_member"].gt(0).map({True: "co_member", False: "co_mention"}).to_numpy()
    out["dominant"] = [CUE_RELATIONS[i] if h else f for i, h, f in zip(best, has_cue, fallback)]
    out = out.reset_index()
    out = out.sort_values(["weight", "a", "b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
    out = out.astype({"a": _S, "b": _S, "dominant": _S, "articles": "int64", "sentences": "int64"})
    return out[columns]

"""Pair table: sentence-level ties aggregated per pair (or per directed pair, per article)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from regionkit.ties._common import _S, CUE_RELATIONS, RELATIONS, _check_relations

_WEIGHTS = ("sentences", "articles")
#: A pair's status in :func:`tie_table`: the first of these its rows have.
STATUS_ORDER = ("stated", "reported_denied", "negated", "conditional", "planned")
# weight of a relation's sentence count when the primary relation is chosen: "other" (words, support,
# partnership) gives way to a specific relation stated as often
_PRIMARY_WEIGHT = {r: (0.5 if r == "other" else 1.0) for r in RELATIONS}


def _primary(counts: np.ndarray, relations: tuple[str, ...]) -> list[str | None]:
    """Primary relation per row of ``counts`` (pairs x relations), see :func:`tie_table`."""
    out: list[str | None] = []
    med = relations.index("mediation") if "mediation" in relations else None
    minor = [i for i, r in enumerate(relations) if r in ("meeting", "other")]
    w = np.array([_PRIMARY_WEIGHT[r] for r in relations])
    for row in counts:
        if row.sum() == 0:
            out.append(None)
            continue
        score = row * w
        if med is not None and row[med] > 0:
            # a mediator's meetings and words are part of its mediation, and it wins a draw (TIES.md s7)
            score[med] = row[med] + row[minor].sum() + 0.25
            score[minor] = 0
        out.append(relations[int(np.argmax(score))])  # the first of equal scores, in RELATIONS order
    return out


def _check_input(ties: pd.DataFrame, relations, weight: str, directed: bool) -> tuple[str, ...]:
    """The relations to keep; ``ValueError`` for a bad weight, missing columns or unknown relations."""
    keep = CUE_RELATIONS if relations is None else _check_relations(relations)
    if weight not in _WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}; valid weights: {', '.join(_WEIGHTS)}")
    need = ["article_id", "sentence", "a", "b", "relation"] + (["source", "target"] if directed else [])
    missing = [c for c in need if c not in ties.columns]
    if missing:
        raise ValueError(f"tie_table needs extract_ties output; missing columns {missing}")
    unknown = sorted(set(ties["relation"].dropna().astype(str)) - set(RELATIONS))
    if unknown:
        raise ValueError(f"unknown relation {', '.join(map(repr, unknown))} in ties; valid relations: {', '.join(RELATIONS)}")
    return keep


def _rows(ties: pd.DataFrame, keep: tuple[str, ...], directed: bool) -> pd.DataFrame:
    """The rows to count: kept relations, pairs ordered ``a < b``, ``negated`` / ``status`` / ``unit`` filled."""
    t = ties[ties["relation"].isin(keep).to_numpy()].copy()
    if directed:
        t = t[t["source"].notna().to_numpy() & t["target"].notna().to_numpy()]
    else:
        a, b = t["a"].astype(str), t["b"].astype(str)
        t["a"], t["b"] = a.where(a < b, b), b.where(a < b, a)
    t["negated"] = t["negated"].fillna(False).astype(bool) if "negated" in t.columns else False
    if "status" in t.columns:
        t["status"] = t["status"].astype(object).where(t["status"].notna(), "stated")
    else:
        t["status"] = np.where(t["negated"], "negated", "stated")
    t["unit"] = t["article_id"].astype(str) + "\x00" + t["sentence"].astype(str)
    return t


def _empty(keys: list[str], columns: list[str]) -> pd.DataFrame:
    """The table with no pair: the columns and dtypes of a filled one."""
    spec = {c: pd.Series(dtype="int64") for c in columns}
    spec.update({c: pd.Series(dtype=_S) for c in (*keys, "dominant", "status")})
    return pd.DataFrame(spec)[columns]


def _per(t: pd.DataFrame, keys: list[str], column: str, index, labels) -> pd.DataFrame:
    """Distinct sentences per key and ``column`` value, as a wide frame on ``index`` (missing: 0)."""
    per = t.groupby([*keys, column])["unit"].nunique().unstack(column)
    return per.reindex(index=index, columns=list(labels)).fillna(0).astype("int64")


def _dominant(t: pd.DataFrame, counted: pd.DataFrame, keys: list[str], out: pd.DataFrame,
              include_negated: bool) -> list[str | None]:
    """The primary relation of each pair of ``out`` (a pair known only from negated rows: read from those)."""
    rels = tuple(RELATIONS)
    dominant = _primary(out[list(rels)].to_numpy(), rels)
    negated = t[t["negated"]]
    if not include_negated and not negated.empty:
        fallback = _primary(_per(negated, keys, "relation", out.index, rels).to_numpy(), rels)
        dominant = [d if d is not None else f for d, f in zip(dominant, fallback)]
    return dominant


def tie_table(
    ties: pd.DataFrame,
    *,
    relations: Iterable[str] | str | None = None,
    weight: str = "sentences",
    include_negated: bool = False,
    directed: bool = False,
    by_article: bool = False,
) -> pd.DataFrame:
    """Aggregate the rows of :func:`extract_ties` per country pair.

    Parameters
    ----------
    ties : DataFrame
        Output of :func:`extract_ties` (at least ``article_id, sentence, a, b,
        relation``; ``status``, ``negated``, ``source``, ``target`` are used when
        present). Pairs are direction-free (``a < b``) whatever the input order.
    relations : str or iterable of str, optional
        Keep only rows with these relations. Default: the interacting relations
        (everything but ``co_mention`` and ``co_member``). Unknown names raise
        ``ValueError`` listing the valid ones.
    weight : {"sentences", "articles"}
        What ``weight`` counts: distinct sentences or distinct articles with a
        row of the pair (any status: a refused tie is still stated in the text;
        ``status`` says which).
    include_negated : bool
        Count negated and denied rows in the relation columns too (default: no;
        they are counted in ``negated`` only).
    directed : bool
        Count ``source -> target`` instead of pairs: only rows with a direction,
        one row per ordered pair (columns ``source, target`` instead of ``a, b``).
    by_article : bool
        One row per article and pair (first column ``article_id``).

    Returns
    -------
    pandas.DataFrame
        One row per pair, sorted by ``weight`` (descending) then the pair:
        ``a, b`` (or ``source, target``), ``articles, sentences`` (distinct
        articles / sentences with a row of the pair), one count column per relation of
        :data:`RELATIONS` (distinct sentences), one per status (``stated,
        planned, conditional, reported_denied``; ``negated`` counts sentences
        whose row is negated or denied), ``weight``, ``dominant`` (the primary
        relation: the relation with most sentences, with ``other`` counting half;
        in a pair with a mediation row the meeting and ``other`` sentences count
        as mediation — a mediator's meetings and words are part of its mediation
        —, so mediation gives way only to a specific relation stated more often
        (it wins a draw);
        equal scores go to the first in :data:`RELATIONS` order; negated rows
        decide only when nothing else is there) and ``status`` (the
        first status the pair's rows have, in the order stated, reported_denied, negated, conditional,
        planned: one stated row makes the pair stated; a refusal outweighs a plan).
    """
    keep = _check_input(ties, relations, weight, directed)
    keys = (["article_id"] if by_article else []) + (["source", "target"] if directed else ["a", "b"])
    status_cols = ["stated", "planned", "conditional", "reported_denied", "negated"]
    columns = [*keys, "articles", "sentences", *RELATIONS, *status_cols, "weight", "dominant", "status"]
    t = _rows(ties, keep, directed)
    if t.empty:
        return _empty(keys, columns)
    counted = t if include_negated else t[~t["negated"]]
    g = t.groupby(keys, sort=True)
    out = pd.DataFrame(index=g.size().index)
    out["articles"] = g["article_id"].nunique().astype("int64")
    out["sentences"] = g["unit"].nunique().astype("int64")
    out = out.join(_per(counted, keys, "relation", out.index, RELATIONS))
    st = _per(t, keys, "status", out.index, STATUS_ORDER)
    for s in STATUS_ORDER:
        if s != "negated":
            out[s] = st[s]
    out["negated"] = t[t["negated"]].groupby(keys)["unit"].nunique().reindex(out.index).fillna(0).astype("int64")
    out["weight"] = out[weight]
    out["dominant"] = _dominant(t, counted, keys, out, include_negated)
    present = st[list(STATUS_ORDER)].to_numpy() > 0
    out["status"] = [STATUS_ORDER[int(np.argmax(row))] for row in present]
    out = out.reset_index()
    order = [False, *([True] * len(keys))]
    out = out.sort_values(["weight", *keys], ascending=order, kind="stable").reset_index(drop=True)
    out = out.astype({**{k: _S for k in keys}, "dominant": _S, "status": _S})
    return out[columns]

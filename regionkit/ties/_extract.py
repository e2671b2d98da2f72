"""``extract_ties``: the public entry point for ties read from text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from regionkit._errors import SchemaError
from regionkit._gazetteer_arg import takes_gazetteer
from regionkit._schema import DIRECT_KINDS, SECTIONS
from regionkit.ties._common import _S, _TIES_COLUMNS, _UNITS, OPTIONAL_RELATIONS, RELATIONS, TIES_META, _check_groups
from regionkit.ties._cues import CUE_TABLE, _compiled, _read_cues
from regionkit.ties._document import read_article

_MENTION_COLUMNS = ("article_id", "iso3", "kind", "start", "end")


def _articles_frame(obj: Any) -> pd.DataFrame:
    """Build an articles table (article_id, text, date) from str / list / Series input."""
    if isinstance(obj, str):
        ids, texts = ["0"], [obj]
    elif isinstance(obj, pd.Series):
        ids, texts = [str(i) for i in obj.index], obj.astype(str).tolist()
    else:
        texts = [str(t) for t in obj]
        ids = [str(i) for i in range(len(texts))]
    from regionkit._schema import ARTICLES_META

    frame = ARTICLES_META.reindex(range(len(texts))).copy()
    frame["article_id"] = pd.array(ids, dtype=_S)
    frame["text"] = pd.array(texts, dtype=_S)
    return frame.astype(ARTICLES_META.dtypes.to_dict())


def _prepare(articles_or_mentions: Any, articles: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(mentions, articles)`` whatever the user passed."""
    obj = articles_or_mentions
    if isinstance(obj, pd.DataFrame) and "iso3" in obj.columns:
        missing = [c for c in _MENTION_COLUMNS if c not in obj.columns]
        if missing:
            raise SchemaError(f"mentions table is missing columns {missing}; expected rk.extract_mentions output")
        if articles is None:
            raise ValueError("extract_ties on a mentions table needs articles= (the texts, with article_id and text)")
        arts = articles if isinstance(articles, pd.DataFrame) else _articles_frame(articles)
        return obj, arts
    if isinstance(obj, pd.DataFrame):
        if not {"article_id", "text"} <= set(obj.columns):
            raise SchemaError("extract_ties expects articles (columns article_id, text) or mentions "
                             f"(columns {', '.join(_MENTION_COLUMNS)}); got columns {list(obj.columns)}")
        arts = obj
    elif isinstance(obj, (str, list, tuple, pd.Series)):
        arts = _articles_frame(obj)
    else:
        raise ValueError(f"extract_ties expects articles, mentions, a str, a list or a Series; got {type(obj).__name__}")
    from regionkit.extract import extract_mentions

    return extract_mentions(arts), arts



def _check_include(include: Iterable[str] | str | None) -> frozenset[str]:
    if include is None:
        return frozenset()
    include = (include,) if isinstance(include, str) else tuple(include)
    bad = [r for r in include if r not in OPTIONAL_RELATIONS]
    if bad:
        raise ValueError(f"unknown include {', '.join(map(repr, bad))}; valid: {', '.join(OPTIONAL_RELATIONS)}")
    return frozenset(include)


def _when(value: Any) -> pd.Timestamp | None:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(ts) else ts.tz_localize(None) if ts.tzinfo else ts


@takes_gazetteer
def extract_ties(
    articles_or_mentions: Any,
    *,
    include: Iterable[str] | str | None = None,
    unit: str = "sentence",
    sections: Iterable[str] | str = ("body",),
    expand_groups: bool | Iterable[str] = False,
    articles: Any = None,
    cues: str | Path | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Read the ties between countries that the text states: who did what with whom.

    The two parties of a tie are the arguments of a relation cue (subject and
    object of "X recognised Y", "X and Y signed", "between X and Y", "X-Y talks",
    "X's conflict with Y", "Y was recognised by X"), not every country that
    shares the sentence. A venue ("met in Geneva") is not a party; countries
    listed as parallel actors ("X, Y and Z signed with W") are tied to W only;
    leaders and officials in office at the article's date stand for their state;
    "the two countries", "the kingdom", "he" are resolved to earlier mentions.
    The rules are described in ``regionkit/ties/_reading.py``,
    ``_actors.py`` (office terms, coreference windows) and ``_status.py``.

    Parameters
    ----------
    articles_or_mentions : DataFrame, str, list of str or Series
        Articles (``rk.read_articles`` output, or any frame with ``article_id``
        and ``text``; ``date`` decides who is in office), raw text(s), or a
        mentions table from ``rk.extract_mentions`` (then pass ``articles=``).
    include : str or iterable of {"co_mention", "co_member"}, optional
        Also give pairs that are not ties: ``co_mention`` (two countries named in
        one sentence, or paragraph with ``unit="paragraph"``, with no tie read)
        and ``co_member`` (two members of one list of three or more, or of an
        expanded group). Default: interacting ties only.
    unit : {"sentence", "paragraph"}
        The window of ``co_mention`` pairs. Ties are always read per sentence.
    sections : str or iterable of str
        Which sections to read (``"body"``, ``"boilerplate"``).
    expand_groups : bool or iterable of group ids
        Read group mentions ("the Abraham Accords", "Central Asia") as the list
        of their members as of the article date, so "Azerbaijan welcomed the
        Abraham Accords" ties Azerbaijan to each member; ``via_group`` names the
        group. ``True`` expands every group ``rk.list_groups()`` knows.
    articles : DataFrame, optional
        The texts, when the first argument is a mentions table.
    cues : path or DataFrame, optional
        A cue table like :func:`cue_table` to use instead of the shipped one.

    Returns
    -------
    pandas.DataFrame
        One row per pair, sentence and relation, dtypes as :data:`TIES_META`:
        ``article_id, sentence`` (0-based, the numbering of the mentions table),
        ``a, b`` (ISO3, ``a < b``), ``source, target`` (actor and acted-on party
        where the text gives a direction: recogniser, host, mediator, attacker,
        speaker; else ``<NA>``), ``relation`` (normalisation, treaty, conflict,
        meeting, mediation, trade_energy, other; co_mention / co_member only when
        included), ``status`` (stated, planned, conditional, negated,
        reported_denied), ``negated`` (status negated or reported_denied),
        ``evidence`` (the sentence) with ``evidence_start, evidence_end``, the
        parties' spans ``a_start, a_end, b_start, b_end`` (``<NA>`` for a party
        implied by a rule) and how each was found, ``a_via, b_via`` (name,
        demonym, capital, metonym, place, leader, official, coreference,
        implied, group), and ``via_group``.

    Raises
    ------
    ValueError
        Unknown include, unit, section or group, or a malformed input or cue table.

    Examples
    --------
    >>> t = rk.extract_ties("The foreign ministers of Kazakhstan and Uzbekistan met in Geneva.")
    >>> t[["a", "b", "relation"]].values.tolist()  # doctest: +SKIP
    [['KAZ', 'UZB', 'meeting']]
    """
    wanted = _check_include(include)
    if unit not in _UNITS:
        raise ValueError(f"unknown unit {unit!r}; valid units: {', '.join(_UNITS)}")
    sections = (sections,) if isinstance(sections, str) else tuple(sections)
    bad = [s for s in sections if s not in SECTIONS]
    if bad:
        raise ValueError(f"unknown section {', '.join(map(repr, bad))}; valid sections: {', '.join(SECTIONS)}")
    if expand_groups is True:
        expand: set[str] | None = None  # all groups
    elif expand_groups is False or expand_groups is None:
        expand = set()
    else:
        expand = set(_check_groups([expand_groups] if isinstance(expand_groups, str) else expand_groups))
    scanner = _compiled(CUE_TABLE if cues is None else _read_cues(cues))
    mentions, arts = _prepare(articles_or_mentions, articles)
    return _run(mentions, arts, scanner, wanted, unit, sections, expand)


def _members_fn():
    """``members(group, when)``: a group's members as of a date, read from the groups table once per group."""
    cache: dict[tuple[str, Any], list[str]] = {}
    rows_of: dict[str, list[tuple[str, Any, Any]]] = {}

    def members(group: str, when: Any) -> list[str]:
        key = (group, when)
        if key in cache:
            return cache[key]
        if group not in rows_of:
            from regionkit import groups as _groups

            table = _groups._memberships(_groups.resolve_gazetteer(None))
            part = table[table["group_id"] == group]
            rows_of[group] = [(i, s, u) for i, s, u in zip(part["iso3"], part["since"], part["until"])
                              if isinstance(i, str) and i]
        cache[key] = sorted({i for i, s, u in rows_of[group]
                             if when is None or ((pd.isna(s) or s <= when) and (pd.isna(u) or u > when))})
        return cache[key]

    return members


_GOVERNMENT = re.compile(r"\b(?:White\s+House|Department|Ministry|Embassy|Mission|Consulate|Government|Kremlin|"
                         r"Presidency|Office|Senate|House\s+of\s+Representatives|Parliament|Treasury|Cabinet|"
                         r"Chancellery|State\s+Department)\b")
_AUTHORED = re.compile(r"\b(?:Remarks|Statement|Address|Message|Readout|Op-?ed|Interview|Briefing|Letter|Keynote)\b",
                       re.IGNORECASE)
_JOINT = re.compile(r"\bjoint\s+statement\b|\bjointly\b", re.IGNORECASE)


def _meta_speakers(arts: pd.DataFrame, when: dict[str, pd.Timestamp | None], index=None) -> dict[str, str]:
    """The state of each article's author, where its metadata names one (TIES.md s2: a government speaker).

    The ``source`` column counts when it names an office-holder in office at the article's date
    ("The White House (President Donald J. Trump)", "U.S. Department of State (Secretary Antony J.
    Blinken)") or a government body of one state ("U.S. Department of the Treasury"; "in X" is a
    place, not the author); the ``title`` counts when it is a statement, remarks, message, readout
    … and names one office-holder ("Remarks by President Biden …"). A joint statement or two
    states give none. The text's own speaker line, when it has one, comes first (``find_speaker``).
    """
    from regionkit.extract import extract_mentions
    from regionkit.ties._actors import find_officials

    cols = [c for c in ("source", "title") if c in arts.columns]
    if not cols:
        return {}
    ids = arts["article_id"].astype(str).tolist()
    values = {c: [v if isinstance(v, str) else "" for v in arts[c].astype(object).tolist()] for c in cols}
    sources = sorted({v for v in values.get("source", []) if v and _GOVERNMENT.search(v) and not _JOINT.search(v)})
    named: dict[str, set[str]] = {}
    if sources:
        m = extract_mentions(pd.DataFrame({"article_id": [str(i) for i in range(len(sources))], "text": sources,
                                           "language": "en"}))  # no language detection for a few short lines
        m = m[m["kind"].isin(["name", "demonym", "metonym", "capital"]).to_numpy() & m["iso3"].notna().to_numpy()]
        for i, st, iso in zip(m["article_id"].astype(int), m["start"].astype(int), m["iso3"].astype(str)):
            if not re.search(r"\bin\s+(?:the\s+)?$", sources[i][max(0, st - 10):st]):
                named.setdefault(sources[i], set()).add(iso)
    out: dict[str, str] = {}
    for k, art in enumerate(ids):
        date = when.get(art)
        source, title = values.get("source", [""] * len(ids))[k], values.get("title", [""] * len(ids))[k]
        states: set[str] = set()
        if source and not _JOINT.search(source):
            states = {iso for _, _, iso, _ in find_officials(source, date, index)} or named.get(source, set())
        if not states and title and _AUTHORED.search(title) and not _JOINT.search(title):
            states = {iso for _, _, iso, _ in find_officials(title, date, index)}
        if len(states) == 1:
            out[art] = states.pop()
    return out


def _run(mentions, arts, scanner, wanted, unit, sections, expand) -> pd.DataFrame:
    from regionkit.extract import sentence_spans

    kinds = mentions["kind"].astype(object)
    direct = mentions[kinds.isin(DIRECT_KINDS).to_numpy() & mentions["iso3"].notna().to_numpy()]
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for a, s, e, iso, k in zip(direct["article_id"].astype(str).tolist(), direct["start"].astype("int64").tolist(),
                               direct["end"].astype("int64").tolist(), direct["iso3"].astype(str).tolist(),
                               direct["kind"].astype(str).tolist()):
        by_article.setdefault(a, []).append((s, e, iso, k))
    groups_by_article: dict[str, list[tuple[int, int, str]]] = {}
    if "group" in mentions.columns:
        gm = mentions[(kinds == "group").to_numpy() & mentions["group"].notna().to_numpy()]
        for a, s, e, g in zip(gm["article_id"].astype(str).tolist(), gm["start"].astype("int64").tolist(),
                              gm["end"].astype("int64").tolist(), gm["group"].astype(str).tolist()):
            groups_by_article.setdefault(a, []).append((s, e, g))
    texts = dict(zip(arts["article_id"].astype(str), arts["text"].astype(object)))
    dates = dict(zip(arts["article_id"].astype(str), arts["date"])) if "date" in arts.columns else {}
    when = {a: _when(d) for a, d in dates.items()}
    from regionkit.ties._actors import officials_index

    officials = officials_index()
    speakers = _meta_speakers(arts, when, officials)
    members = _members_fn()
    rows: list[tuple] = []
    order = list(dict.fromkeys(arts["article_id"].astype(str)))
    for art_id in order:
        found = by_article.get(art_id, [])
        text = texts.get(art_id)
        if not isinstance(text, str):
            if found:
                raise SchemaError(f"no text for article {art_id!r} in articles=")
            continue
        rows += read_article(art_id, text, when.get(art_id), found, groups_by_article.get(art_id, []),
                             spans=sentence_spans(text), sections=sections, cues=scanner,
                             include=wanted, unit=unit, members=members, expand=expand,
                             meta_speaker=speakers.get(art_id), officials=officials)
    if not rows:
        return TIES_META.copy()
    out = pd.DataFrame(rows, columns=list(_TIES_COLUMNS))
    rank = {r: i for i, r in enumerate(RELATIONS)}
    art_rank = {a: i for i, a in enumerate(order)}
    out = out.assign(_a=out["article_id"].map(art_rank), _r=out["relation"].map(rank))
    out = out.sort_values(["_a", "sentence", "a", "b", "_r"], kind="stable").drop(columns=["_a", "_r"])
    out = out.drop_duplicates(["article_id", "sentence", "a", "b", "relation"])
    return out.reset_index(drop=True).astype(_TIES_COLUMNS)

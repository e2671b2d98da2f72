"""Ties from text (first version: pairs per sentence, relation from cue words)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from regionkit._schema import DIRECT_KINDS, SECTIONS
from regionkit.ties._common import _S, _TIES_COLUMNS, _UNITS, CUE_RELATIONS, RELATIONS, TIES_META, _check_groups
from regionkit.ties._cues import CUE_TABLE, _compiled, _is_negated, _read_cues

# --------------------------------------------------------------------------------------
# sentence and paragraph spans
# --------------------------------------------------------------------------------------

def _sentence_splitter():
    from regionkit.extract import sentence_spans  # the extractor's numbering (0-based)

    return sentence_spans


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: runs of text between line breaks, stripped."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        s, e = m.start() + lead, m.start() + len(piece.rstrip())
        if e > s:
            spans.append((s, e))
    return spans


# --------------------------------------------------------------------------------------
# lists of countries ("A, B, C and D")
# --------------------------------------------------------------------------------------

_LINK = re.compile(
    r"^\s*\)?\s*(?P<sep>,\s*(?:and|or|as\s+well\s+as)?|and|or|&|as\s+well\s+as)\s*(?:the\s+)?$", re.IGNORECASE
)
_SAME = re.compile(r"^\s*(?:\(|,|'s|\u2019s|'s\s+capital,|\u2019s\s+capital,|\s)\s*(?:the\s+)?$", re.IGNORECASE)


def _chains(unit_text: str, items: list[tuple[int, int, str]]) -> list[list[tuple[str, str]]]:
    """Group the unit's mentions into coordination chains.

    ``items`` are ``(start, end, iso3)`` relative to ``unit_text``, sorted.
    Returns chains as lists of ``(iso3, link)`` where ``link`` is the separator
    kind before the element: ``""`` (first), ``"comma"`` or ``"and"``.
    Consecutive mentions of the same country ("the United Arab Emirates (UAE)",
    "Tashkent, Uzbekistan") are one element.
    """
    chains: list[list[tuple[str, str]]] = []
    prev_end = None
    prev_iso = None
    for start, end, iso in items:
        if prev_end is not None:
            gap = unit_text[prev_end:start]
            if iso == prev_iso and (_SAME.match(gap) or gap.strip(" ()") == ""):
                prev_end = max(prev_end, end)
                continue
            link = _LINK.match(gap)
            if link:
                sep = link.group("sep").strip().lower()
                kind = "comma" if sep == "," else "and"
                chains[-1].append((iso, kind))
                prev_end, prev_iso = end, iso
                continue
        chains.append([(iso, "")])
        prev_end, prev_iso = end, iso
    return chains


def _split_chain(chain: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Return ``(list_members, other_parties)`` for one chain.

    A list is read from the end: an optional final "and"/", and", then commas;
    it stops at an earlier "and" ("Israel and the UAE, Bahrain, Morocco and
    Sudan" -> list UAE, Bahrain, Morocco, Sudan; Israel is the other party). It
    needs three or more distinct countries and at least one comma. Two
    countries joined by "and" are a pair, not a list.
    """
    n = len(chain)
    i = n - 1
    commas = 0
    if n >= 2 and chain[i][1] == "and":
        i -= 1
    while i >= 1 and chain[i][1] == "comma":
        commas += 1
        i -= 1
    # chain[i] is the first element of the list (its own link is "" or "and")
    members = [iso for iso, _ in chain[i:]]
    if commas >= 1 and len(set(members)) >= 3:
        others = [iso for iso, _ in chain[:i]]
        return list(dict.fromkeys(members)), others
    return [], [iso for iso, _ in chain]


# --------------------------------------------------------------------------------------
# ties from text
# --------------------------------------------------------------------------------------

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
            raise ValueError(f"mentions table is missing columns {missing}; expected rk.extract_mentions output")
        if articles is None:
            raise ValueError("extract_ties on a mentions table needs articles= (the texts, with article_id and text)")
        arts = articles if isinstance(articles, pd.DataFrame) else _articles_frame(articles)
        return obj, arts
    if isinstance(obj, pd.DataFrame):
        if not {"article_id", "text"} <= set(obj.columns):
            raise ValueError("extract_ties expects articles (columns article_id, text) or mentions "
                             f"(columns {', '.join(_MENTION_COLUMNS)}); got columns {list(obj.columns)}")
        arts = obj
    elif isinstance(obj, (str, list, tuple, pd.Series)):
        arts = _articles_frame(obj)
    else:
        raise ValueError(f"extract_ties expects articles, mentions, a str, a list or a Series; got {type(obj).__name__}")
    import regionkit as rk

    return rk.extract_mentions(arts), arts


_MEDIATOR_BEFORE = re.compile(r"^(?:\s*|\s*-\s*|'s\s+|\u2019s\s+|\s+(?:special|peace|chief)\s+)$", re.IGNORECASE)
_MEDIATOR_AFTER = re.compile(r"^\s+(?:by|from)\s+(?:the\s+)?$", re.IGNORECASE)


def _mediators(text: str, items: list[tuple[int, int, str]], start: int, end: int) -> set[str]:
    """Countries that *are* the mediator of a mediation cue: "U.S. mediation",
    "US-brokered", "Qatar's envoy", "mediated by Turkey"."""
    found = set()
    for s, e, iso in items:
        if e <= start and start - e <= 12 and _MEDIATOR_BEFORE.match(text[e:start]):
            found.add(iso)
        elif s >= end and s - end <= 12 and _MEDIATOR_AFTER.match(text[end:s]):
            found.add(iso)
    return found


def _pair(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


def extract_ties(
    articles_or_mentions: Any,
    *,
    unit: str = "sentence",
    sections: Iterable[str] | str = ("body",),
    expand_groups: bool | Iterable[str] = False,
    articles: Any = None,
    cues: str | Path | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find pairs of countries mentioned in the same sentence, with the sentence as evidence.

    For every sentence (or paragraph) the distinct countries it mentions
    *directly* (``rk.DIRECT_KINDS``: name, demonym, capital, metonym, place)
    are paired. Each pair gets one row per relation found in the sentence:

    * a cue relation (``normalisation``, ``treaty``, ``conflict``, ``meeting``,
      ``mediation``, ``trade_energy``) when a cue word of :func:`cue_table`
      occurs anywhere in the sentence — a sentence can carry several, so a
      pair can have several rows for one sentence;
    * ``co_mention`` when the sentence has no cue;
    * ``co_member`` — and only that — when both countries are in one list of
      three or more ("Israel and the United Arab Emirates, Bahrain, Morocco and
      Sudan": ARE-BHR is ``co_member``; each of them with Israel gets the cue
      relations of the sentence).

    ``negated`` is True when every cue of that relation in the sentence is
    negated or refused ("would not recognise", "no guarantee a deal will be
    reached", "refused to sign"): up to five words before the cue, within its
    clause, are checked.

    Parameters
    ----------
    articles_or_mentions : DataFrame, str, list of str or Series
        Articles (``rk.read_articles`` output, or any frame with ``article_id``
        and ``text``; ``date`` is used for ``expand_groups``), raw text(s), or a
        mentions table from ``rk.extract_mentions`` (then pass ``articles=``).
    unit : {"sentence", "paragraph"}
        The window in which two countries make a pair. With ``"paragraph"`` the
        ``sentence`` column holds the paragraph number (paragraphs are split at
        line breaks) and ``evidence`` the paragraph.
    sections : str or iterable of str
        Which ``section`` values to use (``"body"``, ``"boilerplate"``).
    expand_groups : bool or iterable of group ids
        Also link the members of group mentions ("Central Asia", "the Abraham
        Accords") as of the article date (``rk.group_members(group, as_of)``;
        today's members when the date is missing). ``True`` expands every group
        that ``rk.list_groups()`` knows (others, such as "the West", are
        skipped); a list expands only those. Members are ``co_member`` among
        themselves; the row's ``via_group`` names the group.
    articles : DataFrame, optional
        The texts, when the first argument is a mentions table.
    cues : path or DataFrame, optional
        A cue table like :func:`cue_table` to use instead of the shipped one.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id, sentence, a, b, evidence, relation, negated,
        via_group``; ``a < b`` (ISO3), one row per pair per sentence per
        relation. ``sentence`` is the 0-based sentence number (the numbering of
        the mentions table). Dtypes as :data:`TIES_META`.

    Raises
    ------
    ValueError
        Unknown unit, section or group, or a malformed input or cue table.

    Examples
    --------
    >>> t = rk.extract_ties("Armenia and Azerbaijan signed a peace deal.")
    >>> t[["a", "b", "relation"]].values.tolist()  # doctest: +SKIP
    [['ARM', 'AZE', 'treaty']]
    """
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
    cue_pattern = _compiled(CUE_TABLE if cues is None else _read_cues(cues))

    mentions, arts = _prepare(articles_or_mentions, articles)
    if "section" in mentions.columns:
        mentions = mentions[mentions["section"].isin(sections).fillna(False).to_numpy(dtype=bool)]
    kinds = mentions["kind"].astype(object)
    direct = mentions[kinds.isin(DIRECT_KINDS).to_numpy() & mentions["iso3"].notna().to_numpy()]
    want_groups = expand is None or bool(expand)
    if want_groups:
        gm = mentions[(kinds == "group").to_numpy() & mentions["group"].notna().to_numpy()]
        if expand:
            gm = gm[gm["group"].isin(sorted(expand)).to_numpy()]
    else:
        gm = mentions.iloc[0:0]

    texts = dict(zip(arts["article_id"].astype(str), arts["text"].astype(object)))
    dates = dict(zip(arts["article_id"].astype(str), arts["date"])) if "date" in arts.columns else {}
    splitter = _sentence_splitter() if unit == "sentence" else _paragraph_spans
    member_cache: dict[tuple[str, Any], list[str]] = {}

    def members(group: str, when: Any) -> list[str]:
        key = (group, None if pd.isna(when) else pd.Timestamp(when))
        if key not in member_cache:
            import regionkit as rk

            try:
                member_cache[key] = list(rk.group_members(group, as_of=key[1]))
            except (KeyError, ValueError):
                member_cache[key] = []  # a group id the groups table does not know: nothing to expand
        return member_cache[key]

    rows: list[tuple] = []
    # plain Python lists per article: pandas sub-frames per article cost more than the work itself
    direct_by_article: dict[str, list[tuple[int, int, str]]] = {}
    for a, s, e, iso in zip(direct["article_id"].astype(str).tolist(), direct["start"].astype("int64").tolist(),
                            direct["end"].astype("int64").tolist(), direct["iso3"].astype(str).tolist()):
        direct_by_article.setdefault(a, []).append((s, e, iso))
    group_by_article: dict[str, list[tuple[int, str]]] = {}
    for a, s, g in zip(gm["article_id"].astype(str).tolist(), gm["start"].astype("int64").tolist(),
                       gm["group"].astype(str).tolist()):
        group_by_article.setdefault(a, []).append((s, g))
    order = list(dict.fromkeys(arts["article_id"].astype(str)))
    for art_id in order:
        dm = direct_by_article.get(art_id)
        gmm = group_by_article.get(art_id)
        if dm is None and gmm is None:
            continue
        text = texts.get(art_id)
        if not isinstance(text, str):
            raise ValueError(f"no text for article {art_id!r} in articles=")
        spans = splitter(text)
        starts = [s for s, _ in spans]

        def unit_of(pos: int) -> int:
            i = bisect.bisect_right(starts, pos) - 1
            return max(i, 0)

        units: dict[int, dict[str, list]] = {}
        for s, e, iso in dm or ():
            units.setdefault(unit_of(s), {"direct": [], "groups": []})["direct"].append((s, e, iso))
        for s, g in gmm or ():
            units.setdefault(unit_of(s), {"direct": [], "groups": []})["groups"].append(g)
        for u in sorted(units):
            us, ue = spans[u]
            utext = text[us:ue]
            found = units[u]
            items = sorted({(s - us, e - us, iso) for s, e, iso in found["direct"]})
            # drop mentions nested inside another one
            kept: list[tuple[int, int, str]] = []
            for it in sorted(items, key=lambda t: (t[0], -(t[1] - t[0]))):
                if kept and it[0] < kept[-1][1]:
                    continue
                kept.append(it)
            lists: list[set[str]] = []
            parties: list[str] = []
            for chain in _chains(utext, kept):
                in_list, others = _split_chain(chain)
                if in_list:
                    lists.append(set(in_list))
                parties.extend(in_list)
                parties.extend(others)
            direct_set = set(parties)
            via: dict[str, str] = {}
            group_lists: list[set[str]] = []
            if found["groups"]:
                when = dates.get(art_id)
                for g in dict.fromkeys(found["groups"]):
                    mem = [m for m in members(g, when) if m not in direct_set]
                    if not mem:
                        continue
                    # the group's members are co-members, but two countries named directly keep
                    # the relation the sentence gives them (checked below via direct_set)
                    group_lists.append(set(members(g, when)))
                    for m in mem:
                        via.setdefault(m, g)
                    parties.extend(mem)
            countries = sorted(set(parties))
            if len(countries) < 2:
                continue
            # cues of this unit: relation -> all occurrences negated?
            relations: dict[str, bool] = {}
            mediators: set[str] = set()
            for m in cue_pattern.finditer(utext):
                rel = m.lastgroup
                neg = _is_negated(utext, m.start(), m.end())
                relations[rel] = relations.get(rel, True) and neg
                if rel == "mediation":
                    mediators |= _mediators(utext, kept, m.start(), m.end())
            relations = {r: relations[r] for r in CUE_RELATIONS if r in relations}  # fixed order
            for x, y in combinations(countries, 2):
                a, b = _pair(x, y)
                vg = ";".join(dict.fromkeys(v for v in (via.get(a), via.get(b)) if v)) or None
                both_direct = a in direct_set and b in direct_set
                if any(a in s and b in s for s in lists) or (
                    not both_direct and any(a in s and b in s for s in group_lists)
                ):
                    rows.append((art_id, u, a, b, utext, "co_member", False, vg))
                elif relations:
                    # a mediator ("after U.S. mediation", "US-brokered") shares only the mediation
                    # relation with the parties; the parties keep every relation of the sentence
                    only_mediation = (a in mediators) != (b in mediators)
                    for rel, neg in relations.items():
                        if only_mediation and rel != "mediation":
                            continue
                        rows.append((art_id, u, a, b, utext, rel, neg, vg))
                else:
                    rows.append((art_id, u, a, b, utext, "co_mention", False, vg))
    if not rows:
        return TIES_META.copy()
    out = pd.DataFrame(rows, columns=list(_TIES_COLUMNS))
    rank = {r: i for i, r in enumerate(RELATIONS)}
    art_rank = {a: i for i, a in enumerate(order)}
    out = out.assign(_a=out["article_id"].map(art_rank), _r=out["relation"].map(rank))
    out = out.sort_values(["_a", "sentence", "a", "b", "_r"], kind="stable").drop(columns=["_a", "_r"])
    return out.reset_index(drop=True).astype(_TIES_COLUMNS)


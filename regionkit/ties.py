"""Diplomatic ties: from the record (dated, sourced facts) and from the text (sentences).

Three public functions:

* :func:`reference_ties` — the record in ``data/reference/`` as one table
  ``source, target, type, start, end, source_url, note``;
* :func:`extract_ties` — one row per country pair per sentence (or paragraph)
  that mentions both, with the sentence as evidence, a ``relation`` read from
  cue words (:data:`CUE_TABLE`, shipped as ``data/ties/cues.csv``) and a
  ``negated`` flag;
* :func:`tie_table` — direction-free pair weights for charts and maps.

Ties from text use only *direct* country mentions (``rk.DIRECT_KINDS``), so tie
precision follows mention precision: a pair is never made from a person, an
organisation, a group or a historical state (unless ``expand_groups=`` asks
for a group's members, and then the row says which group in ``via_group``).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pandas as pd

from regionkit._resources import data_path
from regionkit._schema import DIRECT_KINDS, SECTIONS

__all__ = [
    "RELATIONS",
    "CUE_RELATIONS",
    "REFERENCE_COLUMNS",
    "TIES_META",
    "CUE_TABLE",
    "cue_table",
    "reference_ties",
    "extract_ties",
    "tie_table",
]

_S = pd.StringDtype()

#: Relations a tie can carry, in the order used for tie-breaking and columns.
#: The first six come from cue words (:data:`CUE_TABLE`); ``co_mention`` is a
#: pair in one sentence with no cue; ``co_member`` is two countries listed
#: together ("the United Arab Emirates, Bahrain, Morocco and Sudan").
RELATIONS = (
    "normalisation",
    "treaty",
    "conflict",
    "meeting",
    "mediation",
    "trade_energy",
    "co_mention",
    "co_member",
)
#: Relations that come from cue words.
CUE_RELATIONS = RELATIONS[:6]

#: Columns of :func:`reference_ties`.
REFERENCE_COLUMNS = ("source", "target", "type", "start", "end", "source_url", "note")

_TIES_COLUMNS = {
    "article_id": _S,
    "sentence": pd.Int64Dtype(),
    "a": _S,
    "b": _S,
    "evidence": _S,
    "relation": _S,
    "negated": bool,
    "via_group": _S,
}
#: Empty frame with the exact columns and dtypes of :func:`extract_ties`.
TIES_META = pd.DataFrame({c: pd.Series(dtype=d) for c, d in _TIES_COLUMNS.items()})

_UNITS = ("sentence", "paragraph")
_ISO3 = re.compile(r"^[A-Z]{3}$")


# --------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------


def _check_relations(relations: Iterable[str] | str | None, *, what: str = "relation") -> tuple[str, ...]:
    if relations is None:
        return RELATIONS
    if isinstance(relations, str):
        relations = [relations]
    relations = tuple(relations)
    bad = [r for r in relations if r not in RELATIONS]
    if bad:
        raise ValueError(f"unknown {what} {', '.join(map(repr, bad))}; valid relations: {', '.join(RELATIONS)}")
    return relations


def _valid_group_ids() -> list[str]:
    import regionkit as rk

    return sorted(rk.list_groups()["group_id"].astype(str).unique())


def _check_groups(groups: Iterable[str]) -> list[str]:
    groups = list(groups)
    valid = _valid_group_ids()
    bad = [g for g in groups if g not in valid]
    if bad:
        raise ValueError(f"unknown group {', '.join(map(repr, bad))}; valid groups: {', '.join(valid)}")
    return groups


# --------------------------------------------------------------------------------------
# cue table
# --------------------------------------------------------------------------------------


def _read_cues(source: str | Path | pd.DataFrame) -> tuple[tuple[str, str, str, str], ...]:
    if isinstance(source, pd.DataFrame):
        frame = source
        missing = {"relation", "pattern"} - set(frame.columns)
        if missing:
            raise ValueError(f"cue table needs columns relation, pattern; missing: {', '.join(sorted(missing))}")
        rows = [
            (str(r["relation"]), str(r["pattern"]), str(r.get("example", "") or ""), str(r.get("note", "") or ""))
            for r in frame.to_dict("records")
        ]
    else:
        with open(source, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"relation", "pattern"} - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"cue table {source} needs columns relation, pattern; missing: {', '.join(sorted(missing))}")
            rows = [(r["relation"], r["pattern"], r.get("example") or "", r.get("note") or "") for r in reader]
    bad = sorted({r[0] for r in rows if r[0] not in CUE_RELATIONS})
    if bad:
        raise ValueError(f"unknown relation {', '.join(map(repr, bad))} in cue table; valid relations: {', '.join(CUE_RELATIONS)}")
    for relation, pattern, _, _ in rows:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad cue pattern for {relation} {pattern!r}: {exc}") from None
    return tuple(rows)


#: The shipped cue table, ``data/ties/cues.csv``: tuples ``(relation, pattern,
#: example, note)``. A pattern is a Python regular expression matched
#: case-insensitively at a word start; ``(?-i:...)`` marks a case-sensitive part.
CUE_TABLE: tuple[tuple[str, str, str, str], ...] = _read_cues(data_path("ties", "cues.csv"))


def cue_table() -> pd.DataFrame:
    """Return the cue words that decide a tie's relation, as a DataFrame.

    Returns
    -------
    pandas.DataFrame
        Columns ``relation, pattern, example, note``: one regular expression per
        row (matched case-insensitively at a word start). ``example`` is a real
        phrase the pattern matches. Pass an edited copy to
        ``extract_ties(..., cues=...)`` to use your own cues.
    """
    return pd.DataFrame(list(CUE_TABLE), columns=["relation", "pattern", "example", "note"]).astype(_S)


@cache
def _compiled(cues: tuple[tuple[str, str, str, str], ...]) -> re.Pattern:
    """One regular expression for all cues, a named group per relation (one scan per sentence)."""
    by_relation: dict[str, list[str]] = {}
    for relation, pattern, _, _ in cues:
        by_relation.setdefault(relation, []).append(f"(?:{pattern})")
    alternatives = [f"(?P<{rel}>" + "|".join(by_relation[rel]) + ")" for rel in CUE_RELATIONS if rel in by_relation]
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


# --------------------------------------------------------------------------------------
# negation
# --------------------------------------------------------------------------------------

_NEG_BEFORE = re.compile(
    r"\b(?:not|no|never|without|nor|neither|cannot|nothing|none|refus\w*|declin\w*|reject\w*|"
    r"fail\w*|unwilling|unlikely|ruled?|rules|halt\w*|suspend\w*|\w+n't)\b",
    re.IGNORECASE,
)
_NEG_FALSE = re.compile(r"\b(?:not\s+only|no\s+doubt|no\s+less|never\s+before)\b", re.IGNORECASE)
_NEG_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}?(?:failed|collapsed|fell\s+through|stalled|was\s+rejected|were\s+rejected|"
    r"was\s+suspended|were\s+suspended|broke\s+down)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\u2014\u2013\"\u201c\u201d]|\bbut\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)
_NEG_WINDOW = 5  # words before the cue, within its clause


def _is_negated(text: str, start: int, end: int) -> bool:
    """True when the cue ``text[start:end]`` is negated or refused.

    Looks at up to five words before the cue, inside the same clause ("would
    not recognise", "there is no guarantee a deal", "refused to sign"), and at
    the two words after it ("talks collapsed").
    """
    before = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = before.split()[-_NEG_WINDOW:]
    window = " ".join(words)
    if window and _NEG_BEFORE.search(window) and not _NEG_FALSE.search(window + " " + text[start:end]):
        return True
    return bool(_NEG_AFTER.match(text[end : end + 40]))


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
# reference ties
# --------------------------------------------------------------------------------------


def _date_floor(value: Any) -> pd.Timestamp:
    """First day of a full or reduced-precision ISO date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return pd.NaT
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"bad date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    return pd.Timestamp(text)


def _read_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(data_path("reference", name), dtype=str, keep_default_na=False)


def _blank(value: str | None) -> str | None:
    return value if value not in (None, "") else None


def _record_rows() -> list[dict]:
    rows: list[dict] = []
    # Abraham Accords: each member's announcement / signature / accession, tied to Israel.
    for r in _read_csv("abraham_accords.csv").to_dict("records"):
        iso, mediator = r["iso3"], _blank(r["mediator"])
        note = r["notes"]
        if mediator:
            note = f"mediator: {mediator}. {note}"
        if iso == "USA":
            kind, target = "abraham_accords_broker", None
        else:
            kind, target = f"abraham_accords_{r['event']}", (None if iso == "ISR" else "ISR")
        rows.append(dict(source=iso, target=target, type=kind, start=_blank(r["date"]), end=None,
                         source_url=_blank(r["source_url"]), note=note))
    # Israel's diplomatic relations.
    for r in _read_csv("israel_relations.csv").to_dict("records"):
        iso, status = r["iso3"], r["relations_status"]
        kind = {"none": "no_diplomatic_relations", "severed_1979": "diplomatic_relations_severed"}.get(
            status, "diplomatic_relations"
        )
        emb_in = r["israel_embassy_in_country"] or "not confirmed"
        emb_out = r["country_embassy_in_israel"] or "not confirmed"
        note = (
            f"status: {status}; Israel's mission in {iso}: {emb_in}; {iso}'s mission in Israel: {emb_out}. "
            f"{r['notes']}"
        )
        if r["other_sources"]:
            note += f" Other sources: {r['other_sources']}"
        rows.append(dict(source="ISR", target=iso, type=kind, start=_blank(r["relations_established"]), end=None,
                         source_url=_blank(r["source_url"]), note=note))
    # Dated events.
    for r in _read_csv("events.csv").to_dict("records"):
        parties = [c.strip() for c in r["countries"].split(";") if c.strip()]
        note = r["event"] + (f" | {r['notes']}" if r["notes"] else "")
        base = dict(type=r["kind"], start=_blank(r["date"]), end=None, source_url=_blank(r["source_url"]))
        others = [p for p in parties if p != "USA"]
        if len(parties) == 2:
            rows.append(dict(base, source=parties[0], target=parties[1], note=note))
        elif len(parties) == 3 and len(others) == 2:
            rows.append(dict(base, source=others[0], target=others[1],
                             note=f"with USA (broker, host or witness): {note}"))
        else:  # one party, or a multilateral event: one row per party, no target
            extra = f"multilateral ({len(parties)} parties: {';'.join(parties)}): " if len(parties) > 1 else ""
            for p in parties:
                rows.append(dict(base, source=p, target=None, note=extra + note))
    return rows


def _read_extra(extra: str | Path | pd.DataFrame) -> pd.DataFrame:
    if isinstance(extra, pd.DataFrame):
        frame = extra.copy()
    else:
        path = Path(extra)
        if not path.exists():
            raise FileNotFoundError(f"no such file: {path}")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    unknown = [c for c in frame.columns if c not in REFERENCE_COLUMNS]
    missing = [c for c in ("source", "type", "start") if c not in frame.columns]
    if unknown or missing:
        problem = f"unknown columns {unknown}" if unknown else f"missing columns {missing}"
        raise ValueError(f"extra ties: {problem}; accepted columns: {', '.join(REFERENCE_COLUMNS)} "
                         "(source, type and start are required)")
    frame = frame.reindex(columns=list(REFERENCE_COLUMNS))
    out = []
    for i, r in enumerate(frame.to_dict("records")):
        r = {k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) or str(v).strip() == "" else str(v).strip())
             for k, v in r.items()}
        for col in ("source", "target"):
            if r[col] is not None and not _ISO3.match(r[col]):
                raise ValueError(f"extra ties row {i}: {col} {r[col]!r} is not an ISO3 code (three capital letters)")
        if r["source"] is None or r["type"] is None:
            raise ValueError(f"extra ties row {i}: source and type must not be empty")
        for col in ("start", "end"):
            _date_floor(r[col])  # raises on a bad date
        out.append(r)
    return pd.DataFrame(out, columns=list(REFERENCE_COLUMNS))


def reference_ties(as_of: Any = None, *, extra: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the recorded, sourced diplomatic ties shipped in ``data/reference/``.

    Rows come from three files (see ``data/reference/README.md``):

    * ``abraham_accords.csv`` — type ``abraham_accords_announced``,
      ``abraham_accords_signed`` or ``abraham_accords_joined``; ``source`` is the
      member, ``target`` is Israel (the state the Accords normalise relations
      with; ``note`` says what was signed with whom — Sudan signed the
      Declaration with the US only). Israel's own signature has no target. The
      US is the broker, not a member: its row has type ``abraham_accords_broker``.
    * ``israel_relations.csv`` — ``source`` Israel, ``target`` the country, type
      ``diplomatic_relations`` (start = date established),
      ``no_diplomatic_relations`` or ``diplomatic_relations_severed``; the note
      gives the status and the embassies. Unconfirmed dates stay empty.
    * ``events.csv`` — type is the event kind (``treaty``, ``summit``,
      ``conflict``, ``normalization``, ``recognition``, ...). Two parties give one
      row; three parties of which one is the US give one row for the other two
      (the US as broker, host or witness, said in the note); one party or a
      multilateral event gives one row per party with an empty target.

    Parameters
    ----------
    as_of : date-like, optional
        Keep only what was on record at that date: rows that started on or
        before it and had not ended. Rows with no known start date are dropped.
        Reduced-precision dates (``1992-03``) count from the first day.
    extra : path or DataFrame, optional
        Your own rows (CSV path or DataFrame) with columns ``source, type,
        start`` and optionally ``target, end, source_url, note``; appended after
        validation (ISO3 codes, ISO dates).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, type, start, end, source_url, note``, all
        string dtype (dates as ISO strings, keeping reduced precision), sorted
        by date. Empty cells are ``<NA>``.

    Examples
    --------
    >>> ref = rk.reference_ties()
    >>> ref[ref.type.str.startswith("abraham_accords")]  # doctest: +SKIP
    """
    frame = pd.DataFrame(_record_rows(), columns=list(REFERENCE_COLUMNS))
    if extra is not None:
        frame = pd.concat([frame, _read_extra(extra)], ignore_index=True)
    frame = frame.astype(_S)
    starts = frame["start"].map(_date_floor)
    if as_of is not None:
        when = pd.Timestamp(as_of)
        ends = frame["end"].map(_date_floor)
        keep = starts.notna() & (starts <= when) & (ends.isna() | (ends >= when))
        frame, starts = frame[keep.to_numpy()], starts[keep.to_numpy()]
    order = pd.DataFrame({"d": starts.to_numpy(), "i": range(len(frame))}).sort_values(["d", "i"], na_position="last")
    return frame.iloc[order["i"].to_numpy()].reset_index(drop=True)


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

"""Comparison keys for country names and the lookup index behind :func:`regionkit.normalize`.

This module depends on nothing else in regionkit: :mod:`regionkit.gazetteer` builds
the index over its own tables (:meth:`regionkit.Gazetteer.resolve`) and
:mod:`regionkit.normalize` calls :func:`lookup` on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["canonical", "build_index", "lookup", "NameIndex"]

_ABBREV = {
    "rep": "republic", "repub": "republic", "dem": "democratic", "st": "saint", "ste": "sainte",
    "fed": "federal", "federated": "federal", "is": "islands", "isl": "islands", "isls": "islands", "isds": "islands",
    "isd": "islands", "islds": "islands", "island": "islands", "i": "islands", "utd": "united", "pdr": "peoples democratic republic",
    "dpr": "democratic peoples republic", "sts": "states", "u": "united", "&": "and", "terr": "territory",
    "rb": "bolivarian republic", "sar": "special administrative region", "people": "peoples",
    # Natural Earth / atlas abbreviations ("Bosnia and Herz.", "Eq. Guinea", "S. Sudan", "St. Vin. and Gren.")
    "herz": "herzegovina", "eq": "equatorial", "s": "south", "n": "north", "w": "western", "fr": "french",
    "br": "british", "gren": "grenadines", "vin": "vincent", "barb": "barbuda", "ter": "territory",
}
#: words of a parenthesised qualifier that only restate the form of the state: 'Bolivia (Plurinational State of)'
_FORM_STRONG = frozenset("republic kingdom plurinational islamic bolivarian federated country nation sultanate "
                         "principality commonwealth emirate duchy democratic".split())
_FORM_WEAK = frozenset("state states federal people peoples arab united socialist grand union the of".split())
_PAREN = re.compile(r"^\s*(.+?)\s*\((.+)\)\s*$")
#: text that looks like UTF-8 read as cp1252/latin-1 ('MÃ©xico', 'CÃ´te dâ€™Ivoire')
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_DROP = {"the", "of", "and"}
_PUNCT = re.compile(r"[^\w]+")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")

#: (names: canonical key -> iso3, codes: ISO alpha-2/alpha-3/numeric -> iso3,
#:  canonical names of sub-national areas that share a country's name: 'Georgia' the US state)
NameIndex = tuple[dict[str, str], dict[str, str], frozenset[str]]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def canonical(name: str) -> str:
    """Return the comparison key of a name: folded case and accents, no punctuation, abbreviations expanded.

    >>> canonical("Côte d’Ivoire")
    'cote d ivoire'
    >>> canonical("Korea, Rep.")
    'korea republic'
    """
    text = _POSSESSIVE.sub("s", _strip_accents(name).casefold())  # "People's" and "Peoples" alike
    words = [_ABBREV.get(w, w) for w in _PUNCT.sub(" ", text).split()]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _variants(name: str) -> list[str]:
    """Word-order variants: 'Korea, Rep.' -> 'Rep. Korea'; 'Iran (Islamic Republic of)' -> 'Islamic Republic of Iran'.

    The head of a parenthesised name alone ('Georgia' of 'Georgia (US state)') is not a
    variant: :func:`lookup` accepts it only when the qualifier allows (:func:`_qualified`).
    """
    out = [name]
    m = _PAREN.match(name)
    if m:
        head, inner = m.groups()
        out.append(f"{inner} {head}")
    if "," in name:
        head, tail = name.split(",", 1)
        out.append(f"{tail} {head}")
    return out


def _build_variants(name: str) -> list[str]:
    """Index-side variants: those of :func:`_variants` plus the head of 'X (Y)' ('Virgin Islands (U.S.)' makes
    'Virgin Islands' ambiguous, so it stays NA)."""
    out = _variants(name)
    m = _PAREN.match(name)
    if m:
        out.append(m.group(1))
    return out


def _bag(key: str) -> str:
    return " ".join(sorted(w for w in key.split() if w not in _DROP))


def qualifier_blocklist(tables: Any) -> frozenset[str]:
    """Canonical names of US states and Canadian provinces (``admin_areas.csv``), for :func:`_qualified`."""
    df = tables.get("admin_areas.csv")
    if df is None:
        return frozenset()
    return frozenset(canonical(n) for n, kind in zip(df["name"], df["kind"]) if n and kind != "territory")


def build_index(pairs: Iterable[tuple[str, str]], countries: Any, blocked: frozenset[str] = frozenset()) -> NameIndex:
    """Build the lookup index from ``(surface, iso3)`` pairs and the countries table.

    Parameters
    ----------
    pairs
        Names (and demonyms, when wanted) with their ISO3 code.
    countries
        DataFrame with ``iso3, iso2, numeric, name, official_name``.

    Returns
    -------
    tuple of dict
        Unambiguous canonical keys (and word bags, prefixed ``bag:``) -> ISO3, and
        ISO codes -> ISO3.
    """
    c = countries
    exact: dict[str, set[str]] = {}
    all_pairs = [*pairs, *zip(c["name"], c["iso3"]), *zip(c["official_name"], c["iso3"])]
    for surface, iso3 in all_pairs:
        for variant in _build_variants(surface):
            exact.setdefault(canonical(variant), set()).add(iso3)
    bags: dict[str, set[str]] = {}
    for key, found in exact.items():
        bags.setdefault(_bag(key), set()).update(found)
    codes: dict[str, str] = {}
    for iso3, iso2, numeric in zip(c["iso3"], c["iso2"], c["numeric"]):
        codes[iso3.upper()] = iso3
        codes[iso2.upper()] = iso3
        if numeric:
            codes[numeric] = iso3
            codes[str(int(numeric))] = iso3
    one = {k: next(iter(v)) for k, v in exact.items() if len(v) == 1}
    for k, v in bags.items():
        if len(v) == 1 and k not in one:
            one["bag:" + k] = next(iter(v))
    return one, codes, blocked


def _as_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text or None


def _repair(text: str) -> str:
    """Undo mojibake ('MÃ©xico' -> 'México') with ftfy, only when the text shows its signs."""
    if text.isascii() or not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_text(text).strip()


def _find(index: NameIndex, text: str) -> str | None:
    names, codes, _ = index
    compact = text.replace(".", "").strip()
    if compact.isdigit():
        return codes.get(compact) or codes.get(str(int(compact)))
    if len(compact) in (2, 3) and compact.isalpha() and compact.isupper():
        code = codes.get(compact)
        if code:
            return code
    if len(text) == 3 and text.isalpha() and text.upper() in codes:
        # lower-case alpha-3 ('deu') is accepted; lower-case alpha-2 is not ('us' is a pronoun)
        return names.get(canonical(text)) or codes[text.upper()]
    variants = _variants(text)
    for variant in variants:
        key = canonical(variant)
        if key in names:
            return names[key]
    for variant in variants:
        hit = names.get("bag:" + _bag(canonical(variant)))
        if hit:
            return hit
    return None


def _qualified(index: NameIndex, head: str, inner: str) -> str | None:
    """'X (Y)' where the whole string is unknown: X's code when Y only restates X or names its sovereign.

    'Netherlands (Kingdom of the)' and 'Georgia (country)' -> X; 'Puerto Rico (US)',
    'Greenland (Denmark)' -> X; 'Georgia (US state)', 'Georgia (USA)', 'Jordan (person)' -> None.
    """
    head_code = _find(index, head)
    if head_code is None:
        return None
    words = set(re.findall(r"[a-z]+", _strip_accents(inner).casefold()))
    if words and words <= (_FORM_STRONG | _FORM_WEAK) and words & _FORM_STRONG:
        return head_code
    inner_code = _find(index, inner)
    if inner_code is None:
        return None
    if inner_code == head_code:
        return head_code
    return None if canonical(head) in index[2] else head_code


def lookup(index: NameIndex, value: Any) -> str | None:
    """Return the ISO3 code of one name or code, or None (exact matching after :func:`canonical`)."""
    text = _as_text(value)
    if text is None:
        return None
    text = _repair(text)
    hit = _find(index, text)
    if hit is not None:
        return hit
    m = _PAREN.match(text)
    if m:
        return _qualified(index, *m.groups())
    return None

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
    "fed": "federal", "is": "islands", "isl": "islands", "isls": "islands", "utd": "united", "pdr": "peoples democratic republic",
    "dpr": "democratic peoples republic", "sts": "states", "u": "united", "&": "and",
    # Natural Earth / atlas abbreviations ("Bosnia and Herz.", "Eq. Guinea", "S. Sudan", "St. Vin. and Gren.")
    "herz": "herzegovina", "eq": "equatorial", "s": "south", "n": "north", "w": "western", "fr": "french",
    "br": "british", "gren": "grenadines", "vin": "vincent", "barb": "barbuda", "ter": "territory",
}
_DROP = {"the", "of", "and"}
_PUNCT = re.compile(r"[^\w]+")

#: (names: canonical key -> iso3, codes: ISO alpha-2/alpha-3/numeric -> iso3)
NameIndex = tuple[dict[str, str], dict[str, str]]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def canonical(name: str) -> str:
    """Return the comparison key of a name: folded case and accents, no punctuation, abbreviations expanded.

    >>> canonical("Côte d’Ivoire")
    'cote d ivoire'
    >>> canonical("Korea, Rep.")
    'korea republic'
    """
    text = _strip_accents(name).casefold()
    words = [_ABBREV.get(w, w) for w in _PUNCT.sub(" ", text).split()]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _variants(name: str) -> list[str]:
    """Word-order variants: 'Korea, Rep.' -> 'Rep. Korea'; 'Iran (Islamic Republic of)' -> both orders."""
    out = [name]
    m = re.match(r"^\s*(.+?)\s*\((.+)\)\s*$", name)
    if m:
        head, inner = m.groups()
        out += [f"{inner} {head}", head]
    if "," in name:
        head, tail = name.split(",", 1)
        out.append(f"{tail} {head}")
    return out


def _bag(key: str) -> str:
    return " ".join(sorted(w for w in key.split() if w not in _DROP))


def build_index(pairs: Iterable[tuple[str, str]], countries: Any) -> NameIndex:
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
        for variant in _variants(surface):
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
    return one, codes


def _as_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text or None


def lookup(index: NameIndex, value: Any) -> str | None:
    """Return the ISO3 code of one name or code, or None (exact matching after :func:`canonical`)."""
    text = _as_text(value)
    if text is None:
        return None
    names, codes = index
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
    for variant in _variants(text):
        key = canonical(variant)
        if key in names:
            return names[key]
    for variant in _variants(text):
        hit = names.get("bag:" + _bag(canonical(variant)))
        if hit:
            return hit
    return None

"""Country names in any common form -> ISO 3166-1 alpha-3 (exact matching only, never a guess)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["normalize", "country_name", "canonical"]

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


@lru_cache(maxsize=2)
def _index(demonyms: bool) -> tuple[dict[str, str], dict[str, str]]:
    from regionkit.gazetteer import gazetteer

    gaz = gazetteer()
    exact: dict[str, set[str]] = {}
    kinds = {"name", "demonym"} if demonyms else {"name"}
    table = gaz.table
    rows = table[table["kind"].isin(kinds) & (table["iso3"] != "")]
    pairs = list(zip(rows["surface"], rows["iso3"]))
    c = gaz.countries
    pairs += list(zip(c["name"], c["iso3"])) + list(zip(c["official_name"], c["iso3"]))
    for surface, iso3 in pairs:
        for variant in _variants(surface):
            exact.setdefault(canonical(variant), set()).add(iso3)
    bags: dict[str, set[str]] = {}
    for key, codes in exact.items():
        bags.setdefault(_bag(key), set()).update(codes)
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


def _lookup(value: Any, demonyms: bool) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        try:
            import pandas as pd

            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
        return None
    text = value.strip()
    if not text:
        return None
    names, codes = _index(demonyms)
    compact = text.replace(".", "").strip()
    if compact.isdigit():
        return codes.get(compact) or codes.get(str(int(compact)))
    if len(compact) in (2, 3) and compact.isalpha() and compact.isupper():
        code = codes.get(compact)
        if code:
            return code
    if len(text) == 3 and text.isalpha() and text.upper() in codes and text.upper() == text.upper().strip():
        # lower-case alpha-3 ('deu') is accepted; lower-case alpha-2 is not ('us' is a pronoun)
        hit = names.get(canonical(text))
        return hit or codes[text.upper()]
    for variant in _variants(text):
        key = canonical(variant)
        if key in names:
            return names[key]
    for variant in _variants(text):
        hit = names.get("bag:" + _bag(canonical(variant)))
        if hit:
            return hit
    return None


@overload
def normalize(values: str, *, demonyms: bool = ..., errors: str = ...) -> str | None: ...
@overload
def normalize(values: list | tuple | pd.Series | pd.Index, *, demonyms: bool = ..., errors: str = ...) -> pd.Series: ...


def normalize(values: Any, *, demonyms: bool = False, errors: str = "ignore") -> Any:
    """Map country names, codes or aliases to ISO 3166-1 alpha-3 codes.

    Matching is exact after folding case, accents and punctuation, expanding
    abbreviations ("Rep." -> "Republic") and allowing word-order changes
    ("Korea, Rep.", "Iran (Islamic Republic of)"). Nothing fuzzy: "Niger" is never
    Nigeria, and a name shared by two countries gives NA.

    Parameters
    ----------
    values
        A string, or a list/tuple/Series/Index of strings (NaN and None allowed).
        ISO alpha-2 (upper case), alpha-3 and numeric codes are accepted too.
    demonyms
        Also accept adjectives and demonyms ("Emirati" -> "ARE").
    errors
        ``"ignore"`` (unknown -> None/NA) or ``"raise"`` (ValueError listing the unknown values).

    Returns
    -------
    str or None, or pandas.Series
        For a string, the code or None. Otherwise a ``string`` Series aligned with
        the input (same index for a Series) with ``<NA>`` where unknown.

    Examples
    --------
    >>> normalize("Rep. of Korea")
    'KOR'
    >>> normalize(["Türkiye", "Holland", "?"]).tolist()
    ['TUR', 'NLD', <NA>]
    """
    if errors not in {"ignore", "raise"}:
        raise ValueError(f"errors must be 'ignore' or 'raise', not {errors!r}")
    if isinstance(values, (str, int)) or values is None:
        code = _lookup(values, demonyms)
        if code is None and errors == "raise":
            raise ValueError(f"unknown country: {values!r}")
        return code
    import pandas as pd

    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, (list, tuple, pd.Index)) or hasattr(values, "__iter__"):
        series = pd.Series(list(values), dtype=object)
    else:
        raise TypeError(f"normalize() takes a str or a list/Series of str, not {type(values).__name__}")
    uniques = pd.unique(series.astype(object))
    mapping = {u: _lookup(u, demonyms) for u in uniques}
    if errors == "raise":
        unknown = [u for u, code in mapping.items() if code is None and not (u is None or u != u)]
        if unknown:
            shown = ", ".join(repr(u) for u in unknown[:20])
            more = f" and {len(unknown) - 20} more" if len(unknown) > 20 else ""
            raise ValueError(f"unknown countries: {shown}{more}")
    out = series.astype(object).map(mapping)
    return out.astype(pd.StringDtype())


def country_name(iso3: str | None) -> str | None:
    """Return the short display name of an ISO3 code ("RUS" -> "Russia"), or None when unknown."""
    if not iso3:
        return None
    from regionkit.gazetteer import gazetteer

    return gazetteer().names.get(str(iso3).upper())

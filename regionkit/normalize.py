"""Country names in any common form -> ISO 3166-1 alpha-3 (exact matching only, never a guess)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from regionkit._errors import UnknownCountryError
from regionkit._names import NameIndex, canonical, lookup

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["normalize", "country_name", "canonical"]


def _index(gazetteer: Any, demonyms: bool) -> NameIndex:
    from regionkit.gazetteer import resolve_gazetteer  # loaded on first use: keeps import regionkit light

    return resolve_gazetteer(gazetteer).name_index(demonyms)


@overload
def normalize(values: str, *, demonyms: bool = ..., errors: str = ..., gazetteer: Any = ...) -> str | None: ...
@overload
def normalize(values: list | tuple | pd.Series | pd.Index, *, demonyms: bool = ..., errors: str = ...,
              gazetteer: Any = ...) -> pd.Series: ...


def normalize(values: Any, *, demonyms: bool = False, errors: str = "ignore", gazetteer: Any = None) -> Any:
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
        ``"ignore"`` (unknown -> None/NA) or ``"raise"`` (:class:`regionkit.UnknownCountryError`, a
        ValueError, listing the unknown values).
    gazetteer
        A :class:`regionkit.Gazetteer` or a gazetteer folder; None: the current one
        (:func:`regionkit.gazetteer.current_gazetteer`).

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
    index = _index(gazetteer, demonyms)
    if isinstance(values, (str, int)) or values is None:
        code = _lookup_any(index, values, demonyms, gazetteer)
        if code is None and errors == "raise":
            raise UnknownCountryError(f"unknown country: {values!r}")
        return code
    import pandas as pd

    if isinstance(values, (bytes, bytearray, dict, set, frozenset, pd.DataFrame)):
        from regionkit._errors import InputTypeError

        hint = {"DataFrame": "pass one column, e.g. df['country']", "dict": "pass list(d.values()) or list(d)",
                "bytes": "decode it first, e.g. b.decode('utf-8')", "bytearray": "decode it first"}
        name = type(values).__name__
        raise InputTypeError(f"normalize() takes a str or a list/tuple/Series/Index of str, not {name}"
                             f"{'; ' + hint[name] if name in hint else ' (its order is undefined)'}")
    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, (list, tuple, pd.Index)) or hasattr(values, "__iter__"):
        series = pd.Series(list(values), dtype=object)
    else:
        raise TypeError(f"normalize() takes a str or a list/Series of str, not {type(values).__name__}")
    uniques = pd.unique(series.astype(object))
    mapping = {u: _lookup_any(index, u, demonyms, gazetteer) for u in uniques}
    if errors == "raise":
        unknown = [u for u, code in mapping.items() if code is None and not (u is None or u != u)]
        if unknown:
            shown = ", ".join(repr(u) for u in unknown[:20])
            more = f" and {len(unknown) - 20} more" if len(unknown) > 20 else ""
            raise UnknownCountryError(f"unknown countries: {shown}{more}")
    out = series.astype(object).map(mapping)
    return out.astype(pd.StringDtype())


def _lookup_any(index: NameIndex, value: Any, demonyms: bool, gazetteer: Any = None) -> str | None:
    """The gazetteer's answer; failing that, a name in the region's languages or a European exonym."""
    code = lookup(index, value)
    if code is None and isinstance(value, str) and value.strip():
        from regionkit.lang import normalize_native

        code = normalize_native(value, demonyms, gazetteer)
    return code


def country_name(iso3: str | None, *, gazetteer: Any = None) -> str | None:
    """Return the short display name of an ISO3 code ("RUS" -> "Russia"), or None when unknown."""
    if not iso3:
        return None
    from regionkit.gazetteer import resolve_gazetteer

    return resolve_gazetteer(gazetteer).names.get(str(iso3).upper())

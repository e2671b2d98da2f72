"""Surface forms and how they must be written: :func:`fold` and :class:`Entry` (no regionkit imports)."""

from __future__ import annotations

__all__ = ["fold", "Entry"]

# Length-preserving folding: same length in and out, so offsets stay valid.
_FOLD_CHARS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\n": " ", "\r": " ",
}
_FOLD_TABLE = str.maketrans(_FOLD_CHARS)


def fold(text: str) -> str:
    """Lower-case ``text`` and unify quotes, dashes and spaces, keeping its length.

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    str
        A string of the same length, so an offset into it is an offset into ``text``.
    """
    low = text.lower()
    if len(low) != len(text):  # 'İ' and a few others lower-case to two characters
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for src, dst in _FOLD_CHARS.items():
        if src in low:
            low = low.replace(src, dst)
    return low


class Entry:
    """One surface form: what it refers to and how strictly its case must match (immutable).

    Parameters
    ----------
    surface, iso3, kind, group, source
        As in the gazetteer tables (``iso3``/``group`` None when empty).
    case
        ``"exact"`` (US, EU), ``"title"`` (first letter upper or all caps) or ``"any"``.
    """

    __slots__ = ("surface", "iso3", "kind", "group", "case", "source")
    _FIELDS = __slots__
    surface: str
    iso3: str | None
    kind: str
    group: str | None
    case: str
    source: str

    def __init__(self, surface: str, iso3: str | None, kind: str, group: str | None, case: str, source: str) -> None:
        for name, value in zip(self._FIELDS, (surface, iso3, kind, group, case, source)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Entry is immutable; cannot set {name!r}")

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._FIELDS)
        return f"Entry({inner})"

    def __reduce__(self) -> tuple:
        return (Entry, self._key())

    def case_ok(self, found: str) -> bool:
        """Return True when ``found`` (the text as written) has acceptable case for this entry."""
        if self.case == "any":
            return True
        found_f = found.translate(_FOLD_TABLE)
        surface_f = self.surface.translate(_FOLD_TABLE)
        if self.case == "exact":
            if found_f == surface_f:
                return True
            # 'the States' / 'The States': only the first letter may differ, and only for long forms
            return len(surface_f) > 4 and found_f[1:] == surface_f[1:] and found_f[0].lower() == surface_f[0].lower()
        letters = [c for c in found if c.isalpha()]
        if not letters:
            return False
        if found.isupper():
            return True
        first = next(c for c in found if c.isalpha())
        return first.isupper() and _words_capitalised(found_f, found, surface_f, self.surface)


def _words_capitalised(found_f: str, found: str, surface_f: str, surface: str) -> bool:
    """Every word capitalised in the alias must be capitalised in the text ('United states' fails)."""
    for i, (a, b) in enumerate(zip(found, surface)):
        if b.isupper() and not a.isupper() and (i == 0 or not surface[i - 1].isalpha()):
            return False
    return True



"""Mojibake repair before the scan, with a map of offsets back to the text as given (issue 10, class 5).

News pages often carry UTF-8 read as Windows-1252 or Latin-1: "UKâ€™s", "Ukraineâ€“Russia",
"MÃ©xico". Glued to a name, such a run hides it (the "â" after "UK" is a letter, so "UK" has no word
boundary; "MÃ©xico" is no gazetteer key). :func:`repair` fixes each run of non-ASCII characters
that looks like mojibake with ftfy (``fix_encoding``: a well-kept library, not a hand-made table), and
returns a :class:`BackMap` that turns offsets in the repaired text into offsets in the original, so a
mention's ``start``/``end`` still index the text the user passed (``text[start:end] == surface``, the
surface as written, e.g. ``"MÃ©xico"``).

Clean text pays almost nothing: ASCII text returns at once (``str.isascii``), other text after one
regular-expression search for a mojibake signature (a UTF-8 lead byte read as Â-ô followed by a
continuation byte read as a Latin-1 or Windows-1252 character). Text that is only legitimately
non-ASCII ("Zürich", "Москва", "SÃO PAULO" in capitals) is left alone.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["repair", "BackMap"]

# continuation bytes 0x80-0xBF as Latin-1 (U+0080-U+00BF) or as Windows-1252 (the letters and
# punctuation cp1252 puts at 0x80-0x9F)
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022" \
        "\u2026\u2030\u2039\u203a\u20ac\u2122"
_SIGNATURE = re.compile("[\u00c2-\u00f4][" + _CONT + "]")
_RUN = re.compile(r"[^\x00-\x7f]+")


class BackMap:
    """Offsets in a repaired text -> offsets in the original (start rounds down, end rounds up in a fixed run)."""

    __slots__ = ("_fixed", "_orig", "_fixed_end", "_orig_end")

    def __init__(self, segments: list[tuple[int, int, int, int]]) -> None:
        # (fixed_start, fixed_end, orig_start, orig_end) of every repaired run, in order
        self._fixed = [s[0] for s in segments]
        self._fixed_end = [s[1] for s in segments]
        self._orig = [s[2] for s in segments]
        self._orig_end = [s[3] for s in segments]

    def _one(self, pos: int, end: bool) -> int:
        import bisect

        k = bisect.bisect_right(self._fixed, pos) - 1
        if k < 0:
            return pos
        fs, fe, os_, oe = self._fixed[k], self._fixed_end[k], self._orig[k], self._orig_end[k]
        if pos >= fe:  # after run k: shift by the length change of runs 0..k
            return pos + (oe - fe)
        if pos == fs:
            return os_
        return oe if end else os_

    def start(self, pos: Any) -> Any:
        """Original offset of a start offset (an int, or a numpy array of them)."""
        return self._map(pos, end=False)

    def end(self, pos: Any) -> Any:
        """Original offset of an end offset (an int, or a numpy array of them)."""
        return self._map(pos, end=True)

    def _map(self, pos: Any, end: bool) -> Any:
        if isinstance(pos, int):
            return self._one(pos, end)
        import numpy as np

        arr = np.asarray(pos)
        return np.fromiter((self._one(int(p), end) for p in arr.tolist()), dtype=arr.dtype, count=arr.size)


def looks_broken(text: str) -> bool:
    """The cheap check: True when ``text`` may hold mojibake (never for ASCII text)."""
    return not text.isascii() and _SIGNATURE.search(text) is not None


def repair(text: str) -> tuple[str, BackMap | None]:
    """``(repaired text, BackMap)``, or ``(text, None)`` when nothing needed repair.

    Examples
    --------
    >>> fixed, back = repair("MÃ©xico and the UKâ€™s plan")
    >>> fixed
    'México and the UK’s plan'
    >>> back.start(0), back.end(6), back.start(15), back.end(17)
    (0, 7, 16, 18)
    """
    if not looks_broken(text):
        return text, None
    from ftfy import fix_encoding

    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    done = 0  # original offset copied so far
    size = 0  # length of the repaired text so far
    for m in _RUN.finditer(text):
        run = m.group()
        if _SIGNATURE.search(run) is None:
            continue
        fixed = fix_encoding(run)
        if fixed == run:
            continue
        parts.append(text[done:m.start()])
        size += m.start() - done
        segments.append((size, size + len(fixed), m.start(), m.end()))
        parts.append(fixed)
        size += len(fixed)
        done = m.end()
    if not segments:
        return text, None
    parts.append(text[done:])
    return "".join(parts), BackMap(segments)


def repair_texts(texts: list[str]) -> tuple[list[str], dict[int, BackMap]]:
    """:func:`repair` over a batch: the texts to scan and ``{index: BackMap}`` of the repaired ones."""
    backs: dict[int, BackMap] = {}
    if all(map(str.isascii, texts)):
        return texts, backs
    out = list(texts)
    for i, text in enumerate(texts):
        fixed, back = repair(text)
        if back is not None:
            out[i], backs[i] = fixed, back
    return out, backs


def map_back(article: Any, start: Any, end: Any, surface: list[str], backs: dict[int, BackMap],
             originals: list[str]) -> tuple[Any, Any, list[str]]:
    """Offsets (numpy arrays, per article) and surfaces of the repaired articles put back on the original texts."""
    import numpy as np

    start, end = start.copy(), end.copy()
    surface = list(surface)
    for i, back in backs.items():
        rows = np.flatnonzero(article == i)
        if not rows.size:
            continue
        start[rows] = back.start(start[rows])
        end[rows] = back.end(end[rows])
        text = originals[i]
        for r in rows.tolist():
            surface[r] = text[int(start[r]):int(end[r])]
    return start, end, surface

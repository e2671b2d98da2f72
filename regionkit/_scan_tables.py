"""Tables and columns the batched scan shares with its compiled path (below both :mod:`regionkit._scan` and
:mod:`regionkit._scan_kernel`, so they do not import each other in a circle).

Per gazetteer: the one-byte-per-character folding (:func:`fold_bytes`) and the
``ahocorasick_rs`` automaton over the folded keys (:func:`tables`); per batch: the
candidate columns (:class:`Candidates`), their repair by the per-article matcher
(:func:`_repair`) and which articles hold a web-address anchor (:func:`_url_articles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from regionkit._entry import _FOLD_CHARS, Entry, fold
from regionkit._match import _MAX_KEY, _URL_ANCHOR, _matches
from regionkit.gazetteer import Gazetteer

__all__ = ["Candidates", "ScanTables", "fold_bytes", "lowered", "tables"]


SEP = "\x00"  # between articles in a batch: no key contains it, and it is not a letter or digit
_OTHER = 0xFF  # byte for every character that occurs in no key
_ASCII_FOLD = bytes(
    (c + 32 if 65 <= c <= 90 else 32 if c in (9, 10, 13) else 39 if c == 96 else c) for c in range(256)
)

_DFA: Any = None



@dataclass
class ScanTables:
    """What the batched scan needs from one gazetteer (built once per gazetteer, cached on it)."""

    keys: list[str]  # key id -> folded key
    key_len: np.ndarray
    key_dot: np.ndarray  # key ends with '.'
    key_words: np.ndarray  # key holds a character that is no letter or digit: a failed match may hold a shorter one
    automaton: Any  # ahocorasick_rs automaton over the byte-folded keys (or over str keys)
    bytes_mode: bool  # one byte per character (False when the keys use more than 126 non-ASCII characters)
    sigma: bool  # a key holds a Greek small sigma: lower-casing 'Σ' depends on context, the kernel steps aside
    lut: np.ndarray | None  # code point -> byte, for non-ASCII folded text


def _build_tables(gaz: Gazetteer) -> ScanTables:
    import ahocorasick_rs

    global _DFA
    _DFA = ahocorasick_rs.Implementation.DFA
    keys = list(gaz.by_key)
    gaz.automaton  # noqa: B018 - the per-article matcher repairs failed candidates; one compile per gazetteer
    extra = sorted({c for k in keys for c in k if ord(c) > 127})
    bytes_mode = len(extra) <= 126
    lut = None
    kind = ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
    if bytes_mode:
        lut = np.full(0x110000, _OTHER, dtype=np.uint8)
        lut[:128] = np.arange(128, dtype=np.uint8)
        code = {c: 0x80 + i for i, c in enumerate(extra)}
        for c, b in code.items():
            lut[ord(c)] = b
        for src, dst in _FOLD_CHARS.items():  # quotes, dashes and spaces as fold() unifies them
            lut[ord(src)] = lut[ord(dst)]
        patterns = [bytes(c if c < 128 else int(lut[c]) for c in map(ord, k)) for k in keys]
        automaton: Any = ahocorasick_rs.BytesAhoCorasick(patterns, matchkind=kind, implementation=_DFA)
    else:
        automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=kind, implementation=_DFA)
    return ScanTables(
        keys=keys,
        key_len=np.array([len(k) for k in keys], dtype=np.int64),
        key_dot=np.array([k.endswith(".") for k in keys], dtype=bool),
        key_words=np.array([not all(c.isalnum() for c in k) for k in keys], dtype=bool),
        automaton=automaton,
        bytes_mode=bytes_mode,
        sigma=any(c in k for k in keys for c in "\u03c3\u03c2"),
        lut=lut,
    )


def tables(gaz: Gazetteer) -> ScanTables:
    """The scan tables of ``gaz`` (built on first use and kept with it)."""
    return gaz.memo("scan_tables", lambda: _build_tables(gaz))


# ------------------------------------------------------------------ folding
def lowered(joined: str) -> str:
    """``joined`` lower-cased as :func:`regionkit.gazetteer.fold` lower-cases each of its articles."""
    low = joined.lower()
    if len(low) != len(joined):  # 'İ' and a few others: fold() lowers that article character by character
        low = SEP.join(fold(part) for part in joined.split(SEP))
    return low


def fold_bytes(joined: str, tab: ScanTables) -> tuple[bytes, np.ndarray | None]:
    """``joined`` folded to one byte per character, and its lower-cased code points (None when ASCII)."""
    if joined.isascii():
        return joined.encode("ascii").translate(_ASCII_FOLD), None
    cps = np.frombuffer(lowered(joined).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    assert tab.lut is not None
    return tab.lut[cps].tobytes(), cps


# --------------------------------------------------------------- candidates
@dataclass
class Candidates:
    """Matches of one batch that passed the boundary and case checks, as columns (sorted by start)."""

    start: np.ndarray  # offsets into the joined text
    end: np.ndarray
    entry: list  # Entry per candidate
    article: np.ndarray  # index of the article in the batch
    todo: np.ndarray | None = None  # (compiled kernel) True where the rule chain must see the candidate
    url_art: np.ndarray | None = None  # (compiled kernel) per article: holds a web-address anchor
    bits: dict | None = None  # (start, end) in the joined text -> local trigger bits evaluated there (rule chain)



def _repair(joined: str, bounds: np.ndarray, gaz: Gazetteer, start: np.ndarray, end: np.ndarray,
            entries: list, article: np.ndarray, failed: list[int], todo: np.ndarray | None = None) -> Candidates:
    """Redo the failed candidates as the per-article matcher does (shorter key, later word)."""
    from regionkit.rules import compile_rules

    resolve = compile_rules(None, gaz).resolver()  # the case and blocker rules (the scan runs with them on)
    keep = np.ones(len(start), dtype=bool)
    extra: list[tuple[int, int, Entry, int]] = []
    texts: dict[int, tuple[str, str]] = {}
    skip = (-1, -1)  # (article, offset): a repair's matches can reach past the failed candidate
    for i in failed:
        a, s = int(article[i]), int(start[i])
        keep[i] = False
        if skip[0] == a and s < skip[1]:
            continue
        if a not in texts:
            t = joined[bounds[a]:bounds[a + 1] - 1]
            texts[a] = (t, fold(t))
        text, folded = texts[a]
        off = int(bounds[a])
        s0, e0 = s - off, int(end[i]) - off
        # the per-article matcher from this candidate on: it finds the same longest key at s0, fails it the
        # same way and tries a shorter key or one starting at a later word, within a bounded window
        reach = -1
        for entry, s2, e2 in _matches(gaz.automaton, gaz.by_key, text, folded, s0, min(len(text), e0 + _MAX_KEY),
                                      e0 - 1, resolve=resolve):
            extra.append((s2 + off, e2 + off, entry, a))
            reach = max(reach, e2 + off)
        if reach > s:  # later candidates starting inside what the repair found are not matched
            hi = int(np.searchsorted(start, reach, side="left"))
            keep[i + 1:hi] = False
            skip = (a, reach)
    sel = np.flatnonzero(keep)
    if not extra:
        return Candidates(start[sel], end[sel], [entries[i] for i in sel.tolist()], article[sel],
                          None if todo is None else todo[sel])
    xs, xe, xen, xa = zip(*extra)
    st = np.concatenate([start[sel], np.array(xs, dtype=np.int64)])
    order = np.argsort(st, kind="stable")
    en = [entries[i] for i in sel.tolist()] + list(xen)
    todo2 = None if todo is None else np.concatenate([todo[sel], np.ones(len(xs), dtype=bool)])[order]
    return Candidates(st[order], np.concatenate([end[sel], np.array(xe, dtype=np.int64)])[order],
                      [en[i] for i in order.tolist()], np.concatenate([article[sel], np.array(xa, dtype=np.int64)])[order],
                      todo2)



def _url_articles(joined: str, bounds: np.ndarray) -> np.ndarray:
    url = np.zeros(len(bounds), dtype=bool)
    anchors = np.array([m.start() for m in _URL_ANCHOR.finditer(joined)], dtype=np.int64)
    if len(anchors):
        url[np.searchsorted(bounds, anchors, side="right") - 1] = True
    return url

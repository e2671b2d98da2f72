"""Sentence boundaries: the one definition of "sentence" that the mentions table and every rule use.

:func:`sentence_spans` numbers the ``sentence`` column of
:func:`regionkit.extract_mentions`; the context rules (:mod:`regionkit.rules`)
look at the same spans when they ask "which sentence is this word in?".
"""

from __future__ import annotations

import bisect
import re

__all__ = ["sentence_spans", "sentence_cuts", "sentence_of"]

_ABBREV_END = re.compile(
    r"(?:\b(?:[A-Z]\.){1,}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Capt|St|Jr|Sr|No|Nos|Art|vs|etc|e\.g|i\.e|"
    r"Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Amb|Pres|Sec|Adm|Maj|Rev|Hon|Fig|approx|"
    r"U\.S|U\.K|U\.N|D\.C)\.)$"
)


def sentence_spans(text: str | None) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` offsets.

    Lines (paragraphs, headlines, captions) never share a sentence. Inside a
    line, sentence ends are found by a rule-based splitter that keeps
    abbreviations such as "U.S.", "Dr." and "Gen." inside their sentence.
    The ``sentence`` column of :func:`extract_mentions` indexes this list.

    Parameters
    ----------
    text
        Any string (None gives an empty list).

    Returns
    -------
    list of tuple of int
        Non-overlapping, sorted spans covering every non-blank stretch of text.

    Examples
    --------
    >>> t = "Dr. Smith met U.S. officials in Baku. Then he left."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Dr. Smith met U.S. officials in Baku.', 'Then he left.']
    """
    if not text:
        return []
    cuts = sentence_cuts(text)
    spans: list[tuple[int, int]] = []
    prev = 0
    for cut in [*cuts, len(text)]:
        seg = text[prev:cut]
        stripped = seg.strip()
        if stripped:
            a = prev + (len(seg) - len(seg.lstrip()))
            spans.append((a, a + len(stripped)))
        prev = cut
    return spans


_SENT_END_PUNCT = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*[ \t\f\v]+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")


def sentence_cuts(text: str) -> list[int]:
    """Offsets where a new sentence starts (after a line break or a sentence end), sorted.

    Use :func:`sentence_spans` for the spans themselves.
    """
    cuts: list[int] = []
    i = text.find("\n")
    while i >= 0:
        cuts.append(i + 1)
        i = text.find("\n", i + 1)
    n_lines = len(cuts)
    for m in _SENT_END_PUNCT.finditer(text):
        start = m.start()
        if text[start] == "." and _ABBREV_END.search(text, max(0, start - 12), start + 1):
            if not _ends_abbrev_sentence(text, m.end()):
                continue
        cuts.append(m.end())
    if n_lines and len(cuts) > n_lines:
        cuts.sort()
    return cuts


_SENTENCE_OPENERS = frozenset("The A An It He She They We I In On At This That These Those But And However Still Yet "
                              "So Both Two Three Any Such While Many Some".split())


_OPENER = re.compile(r"[\"'\u201c]?([A-Z][a-z]*)")


def _ends_abbrev_sentence(line: str, pos: int) -> bool:
    """'... with the U.S. The talks ...': an abbreviation ends the sentence when a typical opener follows."""
    nxt = _OPENER.match(line, pos)
    return nxt is not None and nxt.group(1) in _SENTENCE_OPENERS


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The span in ``spans`` (from :func:`sentence_spans`) that holds offset ``pos``.

    An offset between two sentences (in the blank after one) belongs to the one before;
    before the first sentence, to the first. ``(0, 0)`` when there are no spans.
    """
    if not spans:
        return (0, 0)
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return spans[max(k, 0)]

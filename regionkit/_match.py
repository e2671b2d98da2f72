"""Per-article scan primitives: one text -> mentions (matcher, boundaries, case, rules) and row tuples.

:func:`scan_text` is the article-by-article scan (the reference the batched scan in
:mod:`regionkit._scan` and the compiled kernel must equal, row for row); ``_matches``
is the leftmost-longest matcher with the boundary/case repair both paths share.
This module sits below :mod:`regionkit.extract`, :mod:`regionkit._scan` and
:mod:`regionkit._scan_kernel`, so none of them imports another in a circle.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from regionkit._boilerplate import boilerplate_spans
from regionkit._schema import MENTION_COLUMNS, MENTIONS_META
from regionkit._sentences import sentence_spans
from regionkit.gazetteer import Entry, Gazetteer, fold, resolve_gazetteer
from regionkit.rules import Article, Candidate, Rule, compile_rules

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["scan_text"]

# ------------------------------------------------------------------- scanning
_URL_ANCHOR = re.compile(r"\.[a-z][a-z]|://|@")
_SPACE = re.compile(r"\s")
_MAX_KEY = 80  # longer than any gazetteer key we rescan for


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of whitespace-delimited tokens that are web addresses, domains or e-mail addresses."""
    spans: list[tuple[int, int]] = []
    # last " ", "\n", "\t" before `seen` (each backward search covers new ground only: linear in len(text))
    last_ws, seen = [-1, -1, -1], 0
    for m in _URL_ANCHOR.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        if m.group()[0] == "." and (m.start() == 0 or not (text[m.start() - 1].islower() or text[m.start() - 1].isdigit())):
            continue
        for i, ch in enumerate(" \n\t"):
            found = text.rfind(ch, seen, m.start())
            if found >= 0:
                last_ws[i] = found
        seen = m.start()
        a = max(last_ws) + 1
        nxt = _SPACE.search(text, m.end())
        spans.append((a, nxt.start() if nxt else len(text)))
    return spans


def scan_text(text: str | None, *, gazetteer: Gazetteer | None = None,
              rules: Iterable[Rule | str] | None = None) -> list[tuple[Entry, int, int]]:
    """Find every gazetteer entry in ``text`` after all rules (blockers removed).

    Parameters
    ----------
    text
        Any string; None, NaN and non-strings give an empty list.
    gazetteer
        A :class:`regionkit.Gazetteer`; None: the current one.
    rules
        The rules to apply, in order (:func:`regionkit.rules`); None: the shipped ones.

    Returns
    -------
    list of (Entry, start, end)
        Sorted by ``start``; ``text[start:end]`` is the surface as written.
    """
    if not isinstance(text, str) or not text:
        return []
    gaz = resolve_gazetteer(gazetteer)
    chain = compile_rules(rules, gaz)
    folded = fold(text)
    article: Article | None = None
    urls: list[tuple[int, int]] | None = None
    out: list[tuple[Entry, int, int]] = []
    wants = chain.wants_at
    cues: dict = {}  # the article's cue words (rule triggers), shared with its Article
    for entry, start, end in _matches(gaz.automaton, gaz.by_key, text, folded, 0, len(text),
                                      resolve=chain.resolver(), bounded=chain.bounded):
        if chain.urls:
            if urls is None:
                urls = _url_spans(text)
            if urls and _inside(urls, start):  # rule "url"
                continue
        if entry.kind == "blocker":
            continue
        if not wants(text, start, end, entry.kind, text[start:end].lower(), cues):
            out.append((entry, start, end))
            continue
        if article is None:
            article = Article(text)
            article.memo("rules.cues", lambda: cues)
        accepted = chain.judge(Candidate(entry, text, start, end, gaz, article))
        if accepted is not None:
            out.append((accepted, start, end))
    return chain.finish(out, article)


def _matches(automaton: Any, keys: dict, text: str, folded: str, lo: int, hi: int,
             max_start: int | None = None, *, resolve: Callable[[str, str], Entry | None],
             bounded: bool = True) -> Iterator[tuple[Entry, int, int]]:
    """Leftmost-longest gazetteer matches in ``folded[lo:hi]`` that pass the boundary and case rules.

    ``resolve(key, surface)`` applies the case and blocker rules; ``bounded`` is the
    word-boundary rule (False: a key may match inside a word).

    When the longest key at a position fails, a shorter key at the same start
    ('Washington State' in '... Statehouse') or a key starting at a later word
    inside it ('the Western Sahara', where 'the West' was the longest key) is tried.
    ``max_start`` limits the matches yielded to those starting at or before it.
    """
    n = len(text)
    last = lo
    # Scan a slice, not (folded, lo, hi): pyahocorasick converts the whole string it is given on
    # every call, so rescanning a short window of a long text would cost the text's length (issue 13.3).
    window = folded if lo == 0 and hi >= len(folded) else folded[lo:hi]
    for end_idx, key in automaton.iter_long(window):
        end_idx += lo
        end = end_idx + 1
        start = end - len(key)
        if max_start is not None and start > max_start:
            return
        if start < last:
            continue
        entry, end = _entry_at(keys, text, folded, key, start, end, resolve, bounded)
        if entry is not None:
            yield entry, start, end
            last = end
            if end == end_idx + 1:
                continue
        # look again from the next word inside the (rest of the) match
        q = _next_word_start(folded, end if entry is not None else start + 1, end_idx, entry is None)
        if q <= end_idx:
            for found in _matches(automaton, keys, text, folded, q, min(n, end_idx + 1 + _MAX_KEY), end_idx,
                                  resolve=resolve, bounded=bounded):
                yield found
                last = max(last, found[2])


def _entry_at(keys: dict, text: str, folded: str, key: str, start: int, end: int,
              resolve: Callable[[str, str], Entry | None], bounded: bool) -> tuple[Entry | None, int]:
    """The entry for ``key`` at ``start`` if the boundary, case and blocker rules let it through,
    else for the longest shorter key at the same start that ends at a word end ('Washington State'
    in '... Statehouse'); ``(None, end)`` when neither does."""
    n = len(text)
    if bounded and start > 0 and text[start - 1].isalnum():
        return None, end
    if not bounded or ((end == n or not text[end].isalnum()) and not (key[-1] == "." and end < n and text[end].isalpha())):
        entry = resolve(key, text[start:end])
        if entry is not None:
            return entry, end
    for p in range(end - 1, start, -1):
        if not folded[p].isalnum() and not folded[p - 1].isspace() and folded[start:p] in keys:
            entry = resolve(folded[start:p], text[start:p])
            if entry is not None:
                return entry, p
    return None, end


def _next_word_start(folded: str, q: int, end_idx: int, skip_word: bool) -> int:
    """The start of the next word at or after ``q`` (past the current word when ``skip_word``), up to ``end_idx``."""
    while skip_word and q <= end_idx and folded[q - 1].isalnum():
        q += 1
    while q <= end_idx and not folded[q].isalnum():
        q += 1
    return q


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]



def _extract_one(article_id: str, text: Any, rows: list[tuple], want_sections: set[str] | None,
                 want_kinds: set[str] | None, gaz: Gazetteer, rules: Any = None, language: str | None = None) -> int:
    if not isinstance(text, str) or not text:
        return 0
    from regionkit._mojibake import repair

    original = text
    lang = language or _detect_language(text)  # on the text as given, as the batched path does
    text, back = repair(text)  # mojibake (precision): scan the repaired text, report offsets in the original
    found = scan_text(text, gazetteer=gaz, rules=rules)
    if lang is not None and lang != "en":  # the article's own language too (regionkit.lang)
        found = _native_mentions(found, text, lang, gaz)
    if not found:
        return 0
    spans = sentence_spans(text)
    noise = boilerplate_spans(text)
    n_spans, n_noise = len(spans), len(noise)
    si = ni = 0
    count = 0
    append = rows.append
    for entry, start, end in found:  # sorted by start: walk the sentence and noise spans once
        while si + 1 < n_spans and spans[si + 1][0] <= start:
            si += 1
        while ni < n_noise and noise[ni][1] <= start:
            ni += 1
        section = "boilerplate" if ni < n_noise and noise[ni][0] <= start else "body"
        if want_kinds is not None and entry.kind not in want_kinds:
            continue
        if want_sections is not None and section not in want_sections:
            continue
        if back is not None:
            start, end = back.start(start), back.end(end)
        append((article_id, entry, original[start:end], start, end, si, section, lang))
        count += 1
    return count


def _detect_language(text: str) -> str | None:
    from regionkit.lang import detect_language

    return detect_language(text)


def _native_mentions(found: list, text: str, lang: str, gaz: Any = None) -> list:
    """The English scan merged with the scan of the article's language (rules L1-L6 of regionkit.lang)."""
    from regionkit.lang import LANGUAGES, merge_mentions, scan_language

    if lang not in LANGUAGES:
        return found
    return merge_mentions(found, scan_language(text, lang, gaz), text, lang, gaz)  # the lang tables of gaz (engine)


def _frame(rows: list[tuple], names: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    if not rows:
        return MENTIONS_META.copy()
    ids, entries, surfaces, starts, ends, sentences, sections, languages = zip(*rows)
    iso3 = [e.iso3 for e in entries]
    data = {
        "article_id": ids,
        "iso3": iso3,
        "country": [names.get(c) if c else None for c in iso3],
        "surface": surfaces,
        "kind": [e.kind for e in entries],
        "group": [e.group for e in entries],
        "start": starts,
        "end": ends,
        "sentence": sentences,
        "section": sections,
        "language": languages,
    }
    return pd.DataFrame({col: pd.array(list(data[col]), dtype=dtype) for col, dtype in MENTION_COLUMNS.items()})

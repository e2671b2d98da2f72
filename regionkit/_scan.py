"""Batched candidate scan: many articles in one Aho-Corasick pass, checks as numpy lookups.

This is the matching step of :mod:`regionkit.extract` for a whole batch of
articles at once (the compiled kernel in ``_kernel.pyx`` does the same in C; this
module is its pure Python + numpy fallback and the reference it is tested against):

1. The texts of a batch are joined with a NUL between them and folded to one
   byte per character (ASCII lower-cased, quotes/dashes/spaces unified as
   :func:`regionkit.gazetteer.fold` does, every other character that occurs in a
   gazetteer key gets its own byte, all others one shared byte), so byte offsets
   are character offsets.
2. One leftmost-longest pass of ``ahocorasick_rs`` over the folded bytes gives
   every candidate key (start, end, key id).
3. Word boundaries (R1) are numpy lookups of the characters before and after;
   the case check (R2) is the gazetteer's memo of (key, surface as written).
4. A candidate that fails a check is repaired exactly as the per-article matcher
   does (a shorter key at the same start, or a key starting at a later word inside
   it, within a bounded window): :func:`regionkit._match._matches` on that window.
5. The context rules run only on candidates whose entry needs them
   (``Chain.wants``), through the same rule chain as
   :func:`regionkit._match.scan_text`; everything else is accepted as is.
6. Sentence numbers come from ``searchsorted`` over the sentence starts of the
   joined text; sections from the boilerplate spans of each article.

The result is columns (numpy arrays and lists), not rows.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from regionkit import _match as ex
from regionkit._entry import _FOLD_CHARS, Entry
from regionkit._scan_kernel import kernel, kernel_candidates, sentence_spec
from regionkit._scan_tables import (_ASCII_FOLD, _OTHER, SEP, Candidates, ScanTables, _repair,  # noqa: F401
                                    _url_articles, fold_bytes, lowered, tables)
from regionkit.gazetteer import Gazetteer

__all__ = ["Candidates", "ScanTables", "kernel", "scan_batch", "tables"]

_ALNUM_ASCII = np.array([chr(c).isalnum() for c in range(128)] + [False] * 128, dtype=bool)
_ALPHA_ASCII = np.array([chr(c).isalpha() for c in range(128)] + [False] * 128, dtype=bool)
_SPACE_ASCII = np.array([chr(c).isspace() for c in range(128)] + [False] * 128, dtype=bool)


_CLASS_BMP: np.ndarray | None = None


def _classes() -> np.ndarray:
    """Bit flags (1 alnum, 2 alpha, 4 space) of every BMP character, built on first use."""
    global _CLASS_BMP
    if _CLASS_BMP is None:
        chars = [chr(c) for c in range(0x10000)]
        flags = np.array([(c.isalnum()) | (c.isalpha() << 1) | (c.isspace() << 2) for c in chars], dtype=np.uint8)
        _CLASS_BMP = flags
    return _CLASS_BMP


_BIT = {"isalnum": 1, "isalpha": 2, "isspace": 4}


def _char_flags(joined: str, cps: np.ndarray | None, pos: np.ndarray, test: str) -> np.ndarray:
    """``joined[p].isalnum()`` (or ``isalpha``/``isspace``) for every p in ``pos`` (all in range).

    ``cps`` are the code points of the lower-cased text (None for ASCII text):
    lower-casing keeps a character a letter, digit or space.
    """
    if len(pos) == 0:
        return np.zeros(0, dtype=bool)
    if cps is None:
        raw = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        table = {"isalnum": _ALNUM_ASCII, "isalpha": _ALPHA_ASCII, "isspace": _SPACE_ASCII}[test]
        return table[raw[pos]]
    cp = cps[pos]
    out = (_classes()[np.minimum(cp, 0xFFFF)] & _BIT[test]).astype(bool)
    astral = np.flatnonzero(cp > 0xFFFF)
    if len(astral):
        method = getattr(str, test)
        out[astral] = [method(joined[p]) for p in pos[astral].tolist()]
    return out



def _raw_matches(folded: bytes | str, tab: ScanTables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    found = tab.automaton.find_matches_as_indexes(folded)
    if not found:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    arr = np.array(found, dtype=np.int64)
    return arr[:, 0], arr[:, 1], arr[:, 2]


def candidates(joined: str, bounds: np.ndarray, gaz: Gazetteer, chain: Any = None) -> Candidates:
    """Leftmost-longest gazetteer matches in every article of ``joined`` passing R1 and R2.

    ``bounds`` holds the start offset of every article and, last, ``len(joined) + 1``.
    The result equals running :func:`regionkit._match._matches` on each article.
    """
    tab = tables(gaz)
    k = kernel()
    if k is not None and chain is not None and tab.bytes_mode and not (tab.sigma and "\u03a3" in joined):
        return kernel_candidates(k, joined, bounds, gaz, chain)
    keys, by_key, cache = tab.keys, gaz.by_key, gaz.case_cache
    if tab.bytes_mode:
        folded, cps = fold_bytes(joined, tab)
    else:
        low = lowered(joined)
        folded = low.translate(str.maketrans(_FOLD_CHARS))
        cps = np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kid, start, end = _raw_matches(folded, tab)
    n = len(joined)
    src = joined
    # R1: the characters before and after (a NUL between articles is no letter)
    before = np.zeros(len(start), dtype=bool)
    has_before = start > 0
    before[has_before] = _char_flags(src, cps, start[has_before] - 1, "isalnum")
    after = np.zeros(len(start), dtype=bool)
    has_after = end < n
    after[has_after] = _char_flags(src, cps, end[has_after], "isalnum")
    dot = tab.key_dot[kid] & has_after
    if dot.any():
        idx = np.flatnonzero(dot)
        dot[idx] = _char_flags(src, cps, end[idx], "isalpha")
    ok = ~before & ~after & ~dot
    # R2: the case memo of the gazetteer, per (key, surface as written)
    entries: list[Entry | None] = [None] * len(start)
    get = cache.get
    for i in np.flatnonzero(ok).tolist():
        key = keys[kid[i]]
        surface = joined[start[i]:end[i]]
        hit = get((key, surface), False)
        if hit is False:
            hit = next((e for e in by_key[key] if e.case_ok(surface)), None)
            if len(cache) > 500_000:
                cache.clear()
            cache[(key, surface)] = hit
        entries[i] = hit
    article = np.searchsorted(bounds, start, side="right") - 1
    bad = np.fromiter((e is None for e in entries), dtype=bool, count=len(entries))
    # a failed key made of letters and digits only holds no shorter key and no later word: it just goes
    failed = np.flatnonzero(bad & tab.key_words[kid]).tolist()
    if bad.any():
        good = np.flatnonzero(~bad)
        if not failed:
            return Candidates(start[good], end[good], [entries[i] for i in good.tolist()], article[good])
        sel = np.flatnonzero(~bad | tab.key_words[kid])
        pos = {int(j): k for k, j in enumerate(sel.tolist())}
        failed = [pos[i] for i in failed]
        start, end, article = start[sel], end[sel], article[sel]
        entries = [entries[i] for i in sel.tolist()]
    if not failed:
        return Candidates(start, end, entries, article)
    return _repair(joined, bounds, gaz, start, end, entries, article, failed)


# ---------------------------------------------------------------- sentences
def sentence_numbers(joined: str, bounds: np.ndarray, pos: np.ndarray, article: np.ndarray) -> np.ndarray:
    """The ``sentence`` index (as :func:`regionkit.extract.sentence_spans` numbers them) of each position."""
    from regionkit._sentences import sentence_cuts

    if len(pos) == 0:
        return np.zeros(0, dtype=np.int64)
    k = kernel()
    spec = sentence_spec() if k is not None else None
    if spec is not None:
        return k.sentence_numbers(joined, bounds, np.ascontiguousarray(pos, dtype=np.int64), *spec)
    cuts = np.asarray(sentence_cuts(joined), dtype=np.int64)
    seps = bounds[1:-1] - 1  # NUL positions: an article ends there, the next starts after it
    seg = np.unique(np.concatenate([bounds[:-1], cuts, seps]))
    seg = seg[seg < len(joined)]
    # a segment is non-blank when it holds a character that is not white space (the NUL counts as blank here)
    if joined.isascii():
        raw = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        nonblank = np.maximum.reduceat(~_SPACE_ASCII[raw], seg)
    else:
        edges = [*seg.tolist(), len(joined)]
        nonblank = np.fromiter((joined[a:b].strip() != "" for a, b in itertools.pairwise(edges)),
                               dtype=bool, count=len(seg))
    nonblank[np.isin(seg, seps)] = False  # the NUL between two articles
    csum = np.cumsum(nonblank.astype(np.int64))
    k = np.searchsorted(seg, pos, side="right") - 1
    first = np.searchsorted(seg, bounds[:-1][article], side="left")
    base = np.where(first > 0, csum[np.maximum(first - 1, 0)], 0)
    return np.maximum(csum[k] - base - 1, 0)


# -------------------------------------------------------------------- batch
def _rule_pass(joined: str, bounds: np.ndarray, cand: Candidates, gaz: Gazetteer, chain: Any) -> Candidates:
    """Web addresses, blockers and the context rules: :func:`regionkit._match.scan_text`'s loop, batched.

    A candidate goes to the rules when its article holds a web-address anchor, when
    it is a blocker, or when a context rule is about it (``chain.wants``); the
    others are accepted as found. An article with a candidate judged also runs the
    rules' ``finish`` steps (article memories) over all its mentions, as scan_text does.
    """
    if len(cand.start) == 0:
        return cand
    url_art = cand.url_art
    if url_art is None and chain.urls:
        url_art = _url_articles(joined, bounds)
    need = cand.todo if cand.todo is not None else _todo(joined, bounds, cand, chain, url_art)
    todo = need | url_art[cand.article] if url_art is not None else need
    if not todo.any():
        return cand
    return _chain(joined, bounds, cand, gaz, chain, todo, url_art, need)



def _todo(joined: str, bounds: np.ndarray, cand: Candidates, chain: Any, url_art: np.ndarray | None) -> np.ndarray:
    """Which candidates the rules must see: blockers, and those some context rule is about whose trigger holds
    (:mod:`regionkit._scan_triggers`, numpy over the batch). Web addresses are :func:`_rule_pass`'s."""
    from regionkit._scan_triggers import plan_code, trigger_bits

    n = len(cand.start)
    todo = np.zeros(n, dtype=bool)
    codes = np.zeros(n, dtype=np.uint8)
    masks = np.zeros(n, dtype=np.uint64)
    memo = chain.__dict__.setdefault("_plan_codes", {})
    starts, ends = cand.start.tolist(), cand.end.tolist()
    for i, e in enumerate(cand.entry):
        if e.kind == "blocker":
            codes[i] = 3
            continue
        k = (e.kind, joined[starts[i]:ends[i]].lower())
        cm = memo.get(k)
        if cm is None:
            cm = memo[k] = plan_code(chain, *k)
        if cm[0]:
            codes[i], masks[i] = cm
    todo |= codes == 3
    sel = np.flatnonzero(codes != 0)
    if len(sel):
        bits = trigger_bits(chain, joined, bounds, cand.start, cand.end, cand.article, sel)
        four = sel[codes[sel] == 4]
        todo[four] |= (bits[four] & masks[four]) != 0
        keep = np.flatnonzero(todo)
        cand.bits = dict(zip(zip(cand.start[keep].tolist(), cand.end[keep].tolist()), bits[keep].tolist()))
    return todo


def _chain(joined: str, bounds: np.ndarray, cand: Candidates, gaz: Gazetteer, chain: Any, todo: np.ndarray,
           url_art: np.ndarray | None, need: np.ndarray) -> Candidates:
    """The rules on the candidates marked in ``todo``, article by article, then the articles' finish steps.

    ``todo`` = ``need`` (a rule may change it) or in an article with a web-address anchor (only the url rule).
    """
    from regionkit.rules import Article, Candidate

    keep = np.ones(len(cand.start), dtype=bool)
    entries = list(cand.entry)
    starts, ends_ = cand.start.tolist(), cand.end.tolist()
    idx_all = np.flatnonzero(todo)
    cut = np.flatnonzero(np.diff(cand.article[idx_all])) + 1
    first, last = _article_ranges(cand.article)
    wants = chain.wants_at
    bits = cand.bits
    for idx in np.split(idx_all, cut):
        a = int(cand.article[idx[0]])
        off = int(bounds[a])
        text = joined[off:bounds[a + 1] - 1]
        urls = ex._url_spans(text) if url_art is not None and url_art[a] else []  # no anchor, no web address
        article: Any = None
        cues: dict = {}
        for i in idx.tolist():
            entry, s, e = entries[i], starts[i] - off, ends_[i] - off
            if (urls and ex._inside(urls, s)) or entry.kind == "blocker":
                keep[i] = False
                continue
            b = bits.get((starts[i], ends_[i])) if bits is not None else None
            if not need[i] or not wants(text, s, e, entry.kind, text[s:e].lower(), cues, b):
                continue
            if article is None:
                article = Article(text)
                article.memo("rules.cues", lambda: cues)  # noqa: B023 - called at once
            judged = chain.judge(Candidate(entry, text, s, e, gaz, article), b)
            if judged is None:
                keep[i] = False
            else:
                entries[i] = judged
        if article is not None and chain.finishers:
            il = [i for i in range(first[a], last[a]) if keep[i]]
            found = chain.finish([(entries[i], starts[i] - off, ends_[i] - off) for i in il], article)
            accepted = {s: e for e, s, _ in found}
            for i in il:
                e = accepted.get(starts[i] - off)
                if e is None:
                    keep[i] = False
                else:
                    entries[i] = e
    if keep.all():
        return Candidates(cand.start, cand.end, entries, cand.article)
    sel = np.flatnonzero(keep)
    return Candidates(cand.start[sel], cand.end[sel], [entries[i] for i in sel.tolist()], cand.article[sel])


def _article_ranges(article: np.ndarray) -> tuple[dict, dict]:
    """First and one-past-last candidate index of every article (candidates are sorted by article)."""
    arts, first = np.unique(article, return_index=True)
    last = np.append(first[1:], len(article))
    return dict(zip(arts.tolist(), first.tolist())), dict(zip(arts.tolist(), last.tolist()))


#: guard codes the compiled kernel returns per candidate: 0 accepted as found, 3 through the rules
_GUARD_CODE = {None: 0, "always": 3}


def _codes(joined: str, pos: np.ndarray) -> np.ndarray:
    """Code points of ``joined`` (as written) at ``pos``."""
    if joined.isascii():
        return np.frombuffer(joined.encode("ascii"), dtype=np.uint8)[pos].astype(np.int64)
    return np.fromiter((ord(joined[p]) for p in pos.tolist()), dtype=np.int64, count=len(pos))


def _sections(joined: str, bounds: np.ndarray, cand: Candidates) -> np.ndarray:
    """True where a mention sits in scraping noise (:func:`regionkit._boilerplate.boilerplate_spans`)."""
    from regionkit._boilerplate import boilerplate_spans

    noisy = np.zeros(len(cand.start), dtype=bool)
    if len(cand.start) == 0:
        return noisy
    arts, first = np.unique(cand.article, return_index=True)
    last = np.append(first[1:], len(cand.start))
    for a, lo, hi in zip(arts.tolist(), first.tolist(), last.tolist()):
        off = int(bounds[a])
        spans = boilerplate_spans(joined[off:bounds[a + 1] - 1])
        if not spans:
            continue
        sp = np.asarray(spans, dtype=np.int64) + off
        pos = cand.start[lo:hi]
        k = np.searchsorted(sp[:, 0], pos, side="right") - 1
        noisy[lo:hi] = (k >= 0) & (pos < sp[np.maximum(k, 0), 1])
    return noisy


def scan_batch(texts: list[str], gaz: Gazetteer, chain: Any = None) -> dict[str, Any]:
    """Every mention in ``texts`` (all non-empty str) as columns.

    Returns a dict with ``article`` (index into ``texts``), ``start``, ``end``
    (offsets in that text), ``entry`` (list of Entry), ``surface`` (list of str),
    ``sentence`` and ``boilerplate`` (bool), all sorted by article then start.
    """
    from regionkit._mojibake import map_back, repair_texts

    originals = texts
    texts, backs = repair_texts(texts)  # mojibake (precision): both scan paths see the repaired text
    joined = SEP.join(texts)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lens + 1, out=bounds[1:])
    if chain is None:
        from regionkit.rules import compile_rules

        chain = compile_rules(None, gaz)
    cand = candidates(joined, bounds, gaz, chain)
    cand = _rule_pass(joined, bounds, cand, gaz, chain)
    sentence = sentence_numbers(joined, bounds, cand.start, cand.article)
    noisy = _sections(joined, bounds, cand)
    off = bounds[cand.article]
    starts, ends = cand.start.tolist(), cand.end.tolist()
    start, end, surface = cand.start - off, cand.end - off, [joined[s:e] for s, e in zip(starts, ends)]
    if backs:  # mojibake (precision): offsets and surfaces on the texts as given
        start, end, surface = map_back(cand.article, start, end, surface, backs, originals)
    return {
        "article": cand.article,
        "start": start,
        "end": end,
        "entry": cand.entry,
        "surface": surface,
        "sentence": sentence,
        "boilerplate": noisy,
    }


BATCH_CHARS = 4_000_000  # characters per joined batch: large enough to amortise, small enough for flat memory


def _batches(items: Any, batch_chars: int) -> Any:
    """(ids, texts) lists of at most ``batch_chars`` characters (one longer text alone), skipping non-text."""
    ids: list[str] = []
    texts: list[str] = []
    size = 0
    for article_id, text in items:
        if not isinstance(text, str) or not text:
            continue
        if size and size + len(text) > batch_chars:
            yield ids, texts
            ids, texts, size = [], [], 0
        ids.append(article_id)
        texts.append(text)
        size += len(text) + 1
    if texts:
        yield ids, texts


def extract_frame(items: Any, want_sections: set[str] | None, want_kinds: set[str] | None, gaz: Gazetteer,
                  ruleset: Any = None, batch_chars: int | None = None) -> Any:
    """The mentions table of ``(article_id, text)`` pairs (the body of :func:`regionkit.extract_mentions`).

    With a match-stage rule switched off (word boundaries, case, blockers) the
    batched scan steps aside for the article-by-article matcher.
    """
    from regionkit._schema import MENTIONS_META
    from regionkit.rules import compile_rules

    chain = compile_rules(ruleset, gaz)
    if not (chain.bounded and chain.case and chain.blockers):
        rows: list[tuple] = []
        for article_id, text in items:
            ex._extract_one(article_id, text, rows, want_sections, want_kinds, gaz, ruleset)
        return ex._frame(rows, gaz.names)

    from regionkit._scan_frame import Columns

    cols = Columns(gaz.names)
    for ids, texts in _batches(items, BATCH_CHARS if batch_chars is None else batch_chars):
        res = scan_batch(texts, gaz, chain)
        entries = res["entry"]
        keep = np.ones(len(entries), dtype=bool)
        if want_kinds is not None:
            keep &= np.fromiter((e.kind in want_kinds for e in entries), dtype=bool, count=len(entries))
        if want_sections is not None:
            if "boilerplate" not in want_sections:
                keep &= ~res["boilerplate"]
            if "body" not in want_sections:
                keep &= res["boilerplate"]
        if not keep.all():
            sel = np.flatnonzero(keep)
            res = {k: (v[sel] if isinstance(v, np.ndarray) else [v[i] for i in sel.tolist()]) for k, v in res.items()}
        if len(res["entry"]):
            cols.add(ids, res)
    if not cols.n:
        return MENTIONS_META.copy()
    return cols.frame()

"""Rule triggers for a whole batch: which candidates some context rule may change, without calling a rule.

A rule's :class:`~regionkit.rules.Trigger` is a necessary condition on the
characters around a candidate (``after``/``before`` classes). The batched scan
evaluates every trigger on every candidate at once: here with numpy (the pure
path), in C in ``_kernel.pyx`` (same tables, same result). Per (kind, key) the
chain's :meth:`~regionkit.rules.Chain.plan` becomes a code and a bit mask:

* code 0: no context rule is about the candidate: accepted as found;
* code 3: a rule without a checkable trigger is: the rules must see it;
* code 4: the rules must see it when one of the triggers in ``mask`` holds
  (bit ``i`` = ``chain.local_triggers[i]``).

Candidates sent on are checked again exactly in Python (``Chain.wants_at``:
triggers, article cues, ``may_fire``) before any rule runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["TriggerTables", "trigger_tables", "plan_code", "trigger_bits"]

MAX_TRIGGERS = 63  # bits of a mask; triggers beyond it make their candidates code 3
STAR_LIMIT = 64  # as _rule_base._STAR_LIMIT: a longer run of a Many() class counts as holding
MAX_SEQ = 8  # classes per after/before sequence the kernel takes; longer: code 3
RUN_LIMIT = 64  # as _triggers._RUN_LIMIT: a longer run of word characters holds a Word()


@dataclass
class TriggerTables:
    """The chain's local triggers as arrays (classes numbered; shared by numpy and the kernel)."""

    n: int  # number of triggers with a bit
    lut: np.ndarray  # (classes, 256) uint8: code point < 256 in the class
    wide: list[np.ndarray]  # per class: its code points >= 256 (int64)
    wide_pad: np.ndarray  # (classes, W) int64, -1 padded (for the kernel)
    any_: np.ndarray  # (classes,) uint8: the class holds every character
    seq: np.ndarray  # (n, 2, MAX_SEQ, 2) int32: per trigger, after/before: (class id, star) per element, -1 = end
    word: list  # per trigger: None, or (words or None, ignore_case, prefix) of a final Word() of `after`
    pairs: list  # per trigger with a word: (128, 129) bool, first two ASCII characters a word can start with
    heads: list  # per trigger with a word: first two characters of its words and its one-character words (kernel)


def trigger_tables(chain: Any) -> TriggerTables:
    """The tables of ``chain.local_triggers`` (built once per chain)."""
    got = getattr(chain, "_trigger_tables", None)
    if got is None:
        got = _build(chain)
        chain._trigger_tables = got
    return got


def _build(chain: Any) -> TriggerTables:
    trigs = [t for t in chain.local_triggers[:MAX_TRIGGERS]]
    classes: list[frozenset | None] = []
    index: dict[Any, int] = {}
    seq = np.full((len(trigs), 2, MAX_SEQ, 2), -1, dtype=np.int32)
    for i, t in enumerate(trigs):
        for side, items in enumerate((t.after, t.before)):
            for k, (chars, star) in enumerate(items[:MAX_SEQ]):
                if chars not in index:
                    index[chars] = len(classes)
                    classes.append(chars)
                seq[i, side, k] = (index[chars], int(star))
    lut = np.zeros((max(len(classes), 1), 256), dtype=np.uint8)
    any_ = np.zeros(max(len(classes), 1), dtype=np.uint8)
    wide: list[np.ndarray] = []
    for c, chars in enumerate(classes):
        if chars is None:
            any_[c] = 1
            lut[c, :] = 1
            wide.append(np.zeros(0, dtype=np.int64))
            continue
        narrow = [ord(ch) for ch in chars if ord(ch) < 256]
        lut[c, narrow] = 1
        wide.append(np.array(sorted(ord(ch) for ch in chars if ord(ch) >= 256), dtype=np.int64))
    width = max([len(w) for w in wide] + [1])
    wide_pad = np.full((max(len(classes), 1), width), -1, dtype=np.int64)
    for c, w in enumerate(wide):
        wide_pad[c, :len(w)] = w
    return TriggerTables(len(trigs), lut, wide, wide_pad, any_, seq, [t.word for t in trigs],
                         [_pairs(t.word) for t in trigs],
                         [None if t.word is None or t.word[0] is None else frozenset(w[:2] for w in t.word[0])
                          for t in trigs])


def _pairs(word: tuple | None) -> np.ndarray | None:
    """Which (first, second) ASCII characters a run holding a word can start with (column 128: any second)."""
    if word is None or word[0] is None:
        return None
    words, ignore_case, _prefix = word
    ok = np.zeros((128, 129), dtype=bool)
    for w in words:
        variants = {w, w.upper(), w.capitalize(), w.lower()} if ignore_case else {w}
        for v in variants:
            if not v.isascii():
                return None
            if len(v) == 1:
                ok[ord(v[0]), :] = True
            else:
                ok[ord(v[0]), ord(v[1])] = True
    if ignore_case:  # any mix of cases
        for a in range(65, 91):
            for b in list(range(65, 91)):
                for x, y in ((a, b), (a, b + 32), (a + 32, b), (a + 32, b + 32)):
                    if ok[x, y]:
                        ok[a, b] = ok[a, b + 32] = ok[a + 32, b] = ok[a + 32, b + 32] = True
    return ok


def plan_code(chain: Any, kind: str, key: str) -> tuple[int, int]:
    """``(code, mask)`` of a candidate (see the module doc)."""
    plan = chain.plan(kind, key)
    if plan is None:
        return 0, 0
    if plan is True:
        return 3, 0
    tabs = trigger_tables(chain)
    mask = 0
    for trig, _guarded in plan:
        if trig is None or not trig.local or len(trig.after) > MAX_SEQ or len(trig.before) > MAX_SEQ:
            return 3, 0
        bit = next((i for i, t in enumerate(chain.local_triggers) if t is trig), MAX_TRIGGERS)
        if bit >= tabs.n:
            return 3, 0
        mask |= 1 << bit
    return 4, mask


def _codepoints(joined: str) -> np.ndarray:
    if joined.isascii():
        return np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _in_class(tabs: TriggerTables, c: int, cp: np.ndarray) -> np.ndarray:
    if tabs.any_[c]:
        return np.ones(len(cp), dtype=bool)
    narrow = cp < 256
    out = np.zeros(len(cp), dtype=bool)
    out[narrow] = tabs.lut[c][cp[narrow].astype(np.int64)].astype(bool)
    if len(tabs.wide[c]) and not narrow.all():
        w = ~narrow
        out[w] = np.isin(cp[w].astype(np.int64), tabs.wide[c])
    return out


def _read(cps: np.ndarray, pos: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    inside = (pos >= lo) & (pos < hi)
    out = np.zeros(len(pos), dtype=np.int64)
    out[inside] = cps[pos[inside]]
    return out  # outside its article: NUL (END), as in the article alone


def _seq_holds(tabs: TriggerTables, cps: np.ndarray, pos: np.ndarray, step: int, items: np.ndarray, lo: np.ndarray,
               hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sequence ``items`` ((class, star) rows, -1 ended) at ``pos`` going ``step``.

    Returns (holds, held for sure: a run of a Many() class too long to follow, where it ends) per position.
    """
    ok = np.ones(len(pos), dtype=bool)
    done = np.zeros(len(pos), dtype=bool)
    p = pos.copy()
    for c, star in items.tolist():
        if c < 0:
            break
        if star:
            live = ok & ~done
            for k in range(STAR_LIMIT):
                idx = np.flatnonzero(live)
                if not len(idx):
                    break
                inside = (p[idx] >= lo[idx]) & (p[idx] < hi[idx])
                hit = np.zeros(len(idx), dtype=bool)
                hit[inside] = _in_class(tabs, c, cps[p[idx][inside]].astype(np.int64))
                idx = idx[hit]
                p[idx] += step
                live = np.zeros(len(pos), dtype=bool)
                live[idx] = True
                if k == STAR_LIMIT - 1:
                    done[idx] = True
            continue
        at = np.flatnonzero(ok & ~done)
        ok[at] = _in_class(tabs, c, _read(cps, p[at], lo[at], hi[at]))
        p += step
    return ok | done, done, p


def trigger_bits(chain: Any, joined: str, bounds: np.ndarray, start: np.ndarray, end: np.ndarray, article: np.ndarray,
                 sel: np.ndarray, kernel: Any = None) -> np.ndarray:
    """Bit ``i`` set where trigger ``i`` holds, for the candidates ``sel`` (indices into start/end); uint64.

    Offsets are into ``joined``; a position outside the candidate's article reads as END.
    ``kernel``: the compiled kernel evaluates the classes (same result).
    """
    from regionkit._rule_base import word_holds

    tabs = trigger_tables(chain)
    bits = np.zeros(len(start), dtype=np.uint64)
    if not len(sel) or not tabs.n:
        return bits
    s, e, art = start[sel], end[sel], article[sel]
    lo, hi = bounds[art], bounds[art + 1] - 1
    ends = None
    if kernel is not None:
        ends = kernel.trigger_ends(joined, bounds, np.ascontiguousarray(s, dtype=np.int64),
                                   np.ascontiguousarray(e, dtype=np.int64), np.ascontiguousarray(art, dtype=np.int64),
                                   tabs.seq, tabs.lut, tabs.wide_pad, tabs.any_, STAR_LIMIT)
    else:
        cps = _codepoints(joined)
    for i in range(tabs.n):
        if ends is not None:
            held, sure, p = ends[:, i] >= -1, ends[:, i] == -1, ends[:, i]
        else:
            held, sure, p = _seq_holds(tabs, cps, e, 1, tabs.seq[i, 0], lo, hi)
        if tabs.word[i] is not None and tabs.word[i][0] is not None:
            todo = held & ~sure
            pairs = tabs.pairs[i]
            idx = np.flatnonzero(todo)
            if pairs is not None and len(idx) and kernel is None:  # two ASCII characters no word starts with
                c0 = np.array([ord(joined[x]) if x < h else 0 for x, h in zip(p[idx].tolist(), hi[idx].tolist())],
                              dtype=np.int64)
                c1 = np.array([ord(joined[x + 1]) if x + 1 < h else 0 for x, h in zip(p[idx].tolist(), hi[idx].tolist())],
                              dtype=np.int64)
                ascii_ = (c0 < 128) & (c1 < 128)
                no = ascii_.copy()
                no[ascii_] = ~pairs[c0[ascii_], c1[ascii_]]
                held[idx[no]] = False
                todo[idx[no]] = False
            idx = np.flatnonzero(todo)
            if kernel is not None and len(idx):
                words, ignore_case, prefix = tabs.word[i]
                held[idx] = kernel.word_holds(joined, np.ascontiguousarray(p[idx], dtype=np.int64),
                                              np.ascontiguousarray(hi[idx], dtype=np.int64), words, ignore_case,
                                              prefix, tabs.heads[i], RUN_LIMIT).astype(bool)
            else:
                for k in idx.tolist():
                    held[k] = word_holds(joined, int(p[k]), int(hi[k]), *tabs.word[i])
        if ends is None:
            held &= _seq_holds(tabs, cps, s - 1, -1, tabs.seq[i, 1], lo, hi)[0]
        bits[sel[held]] |= np.uint64(1 << i)
    return bits

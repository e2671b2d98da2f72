"""The compiled path of the batched scan: loading ``regionkit._kernel`` and the tables it scans with.

:func:`kernel` is the extension module when it was built (``hatch_build.py``) and
speaks this version, else None: then :mod:`regionkit._scan` runs its numpy path,
which gives the same rows (``tests/test_scan.py`` runs both). Set
``REGIONKIT_PURE_PYTHON=1`` to force the numpy path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from regionkit import _scan_tables as _scan
from regionkit._match import _URL_ANCHOR

__all__ = ["KERNEL_VERSION", "active_path", "kernel", "kernel_candidates", "kernel_trigger_bits", "sentence_spec"]

KERNEL_VERSION = 5  # the interface of _kernel.pyx this module speaks
_KERNEL: list = []


def kernel() -> Any:
    """The compiled kernel (``regionkit._kernel``), or None: not built, another version, or ``REGIONKIT_PURE_PYTHON=1``."""
    if os.environ.get("REGIONKIT_PURE_PYTHON", "") not in ("", "0"):
        return None
    if not _KERNEL:
        try:
            from regionkit import _kernel as mod  # type: ignore[attr-defined]
        except ImportError:
            mod = None
        if mod is not None and getattr(mod, "KERNEL_VERSION", None) != KERNEL_VERSION:
            import warnings

            warnings.warn(f"regionkit._kernel is version {mod.KERNEL_VERSION}, this regionkit speaks {KERNEL_VERSION}: "
                          f"using the pure-Python scan (reinstall regionkit to rebuild it)", RuntimeWarning, stacklevel=2)
            mod = None
        _KERNEL.append(mod)
    return _KERNEL[0]


def active_path() -> str:
    """``"compiled"`` or ``"pure-python"``: which scan :func:`regionkit.extract_mentions` runs now."""
    return "compiled" if kernel() is not None else "pure-python"


@dataclass
class KernelTables:
    """The trie and tables the compiled kernel scans with (built once per gazetteer)."""

    lut: np.ndarray  # code point as written -> folded byte
    cls: np.ndarray  # folded byte -> class (0: in no key)
    trans: np.ndarray  # (state * ncls + class) -> state; 0 dead, 1 root
    ncls: int
    out_kid: np.ndarray  # state -> key id ending there, or -1
    key_dot: np.ndarray
    key_words: np.ndarray


def trie(patterns: list[bytes]) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """A dense trie over byte classes: (class of byte, transitions, number of classes, key id per state)."""
    alphabet = sorted({b for p in patterns for b in p})
    cls = np.zeros(256, dtype=np.uint8)
    for i, b in enumerate(alphabet):
        cls[b] = i + 1
    ncls = len(alphabet) + 1
    children: list[dict[int, int]] = [{}, {}]  # 0 dead, 1 root
    out = [-1, -1]
    for kid, pat in enumerate(patterns):
        node = 1
        for b in pat:
            c = int(cls[b])
            nxt = children[node].get(c)
            if nxt is None:
                nxt = len(children)
                children.append({})
                out.append(-1)
                children[node][c] = nxt
            node = nxt
        out[node] = kid
    trans = np.zeros(len(children) * ncls, dtype=np.int32)
    for node, ch in enumerate(children):
        for c, nxt in ch.items():
            trans[node * ncls + c] = nxt
    return cls, trans, ncls, np.array(out, dtype=np.int32)


def kernel_tables(gaz: Any) -> KernelTables:
    """The compiled kernel's tables for ``gaz`` (built on first use and kept with it)."""
    return gaz.memo("kernel_tables", lambda: _build(gaz))


def _build(gaz: Any) -> KernelTables:
    tab = _scan.tables(gaz)
    k = kernel()
    assert tab.lut is not None and k is not None
    patterns = [bytes(c if c < 128 else int(tab.lut[c]) for c in map(ord, key)) for key in tab.keys]
    cls, trans, ncls, out = trie(patterns)
    return KernelTables(lut=k.fold_table(tab.lut), cls=cls, trans=trans, ncls=ncls, out_kid=out,
                        key_dot=tab.key_dot.astype(np.uint8), key_words=tab.key_words.astype(np.uint8))


def _resolver(gaz: Any, chain: Any) -> tuple[list, Any]:
    """Per key id, a memo {surface as written: (entry or None, 3 if the rules must see it else 0)} and its filler."""
    def build() -> tuple[list, Any]:
        keys, by_key = _scan.tables(gaz).keys, gaz.by_key
        memo: list[dict] = [{} for _ in keys]
        size = [0]
        from regionkit._scan_triggers import plan_code

        def resolver(kid: int, surface: str) -> tuple:
            entry = next((e for e in by_key[keys[kid]] if e.case_ok(surface)), None)
            if entry is None:
                hit: tuple = (None, 0, 0)
            elif entry.kind == "blocker":
                hit = (entry, 3, 0)
            else:
                hit = (entry, *plan_code(chain, entry.kind, surface.lower()))
            size[0] += 1
            if size[0] > 500_000:  # adversarial case variants: keep memory flat
                for d in memo:
                    d.clear()
                size[0] = 0
            memo[kid][surface] = hit
            return hit

        return memo, resolver
    return gaz.memo(("kernel_memo", id(chain)), build)


def kernel_candidates(k: Any, joined: str, bounds: np.ndarray, gaz: Any, chain: Any) -> Any:
    """:func:`regionkit._scan.candidates` through the kernel (same result, plus which candidates need rules)."""
    kt = kernel_tables(gaz)
    memo, resolver = _resolver(gaz, chain)
    start, end, _kid, article, status, entries, url = k.scan(
        joined, bounds, kt.lut, kt.cls, kt.trans, kt.ncls, kt.out_kid, kt.key_dot, kt.key_words, memo,
        resolver, frozenset())
    todo = status == 1
    bits = _triggers(k, joined, bounds, start, end, _kid, article, todo, memo, chain)
    url_art = None
    if chain.urls:
        if _URL_ANCHOR.pattern == _URL_ANCHOR_KERNEL:  # the kernel looks for this pattern only
            url_art = url.astype(bool)
        else:
            url_art = _scan._url_articles(joined, bounds)
    sel = np.flatnonzero(status < 3)
    if len(sel) < len(status):
        start, end, article, todo, status = start[sel], end[sel], article[sel], todo[sel], status[sel]
        entries = [entries[i] for i in sel.tolist()]
    failed = np.flatnonzero(status == 2).tolist()
    cand = (_scan._repair(joined, bounds, gaz, start, end, entries, article, failed, todo) if failed
            else _scan.Candidates(start, end, entries, article, todo))
    cand.url_art = url_art
    cand.bits = bits
    return cand


def _triggers(k: Any, joined: str, bounds: np.ndarray, start: np.ndarray, end: np.ndarray, kid: np.ndarray,
              article: np.ndarray, todo: np.ndarray, memo: list, chain: Any) -> dict:
    """Clear ``todo`` where the candidate's plan is code 4 and none of its triggers holds (checked in C).

    Returns ``{(start, end): trigger bits}`` of the candidates left in ``todo``, for the rule chain.
    """
    from regionkit._scan_triggers import trigger_bits

    idx = np.flatnonzero(todo)
    if not len(idx):
        return {}
    masks = np.zeros(len(idx), dtype=np.uint64)
    kids, starts, ends = kid[idx].tolist(), start[idx].tolist(), end[idx].tolist()
    for j in range(len(idx)):
        hit = memo[kids[j]].get(joined[starts[j]:ends[j]])
        if hit is not None and hit[1] == 4:
            masks[j] = hit[2]
    bits = trigger_bits(chain, joined, bounds, start, end, article, idx, kernel=k)
    four = masks != 0
    todo[idx[four]] = (bits[idx[four]] & masks[four]) != 0
    keep = idx[todo[idx]]
    return dict(zip(zip(start[keep].tolist(), end[keep].tolist()), bits[keep].tolist()))


def kernel_trigger_bits(k: Any, chain: Any, joined: str, bounds: np.ndarray, start: np.ndarray, end: np.ndarray,
                        article: np.ndarray) -> np.ndarray:
    """:func:`regionkit._scan_triggers.trigger_bits` of every candidate through the kernel (for tests)."""
    from regionkit._scan_triggers import trigger_bits

    return trigger_bits(chain, joined, bounds, start, end, article, np.arange(len(start)), kernel=k)


_URL_ANCHOR_KERNEL = r"\.[a-z][a-z]|://|@"
_SENT_END_KERNEL = r"[.!?\u2026]+[\"'\u201d\u2019)\]]*[ \t\f\v]+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])"
_OPENER_KERNEL = r"[\"'\u201c]?([A-Z][a-z]*)"
_ABBREV_SHAPE = re.compile(r"\(\?:\\b\(\?:\[A-Z\]\\\.\)\{1,\}\|\\b\(\?:([A-Za-z|\\.]+)\)\\\.\)\$")


def sentence_spec() -> tuple | None:
    """(abbreviations, openers) for the kernel's sentence splitter; None when extract's patterns changed shape."""
    from regionkit import _sentences as ex

    if ex._SENT_END_PUNCT.pattern != _SENT_END_KERNEL or ex._OPENER.pattern != _OPENER_KERNEL:
        return None
    m = _ABBREV_SHAPE.fullmatch(ex._ABBREV_END.pattern)
    if m is None:
        return None
    words = tuple(w.replace("\\.", ".") for w in m.group(1).split("|"))
    return words, frozenset(ex._SENTENCE_OPENERS)

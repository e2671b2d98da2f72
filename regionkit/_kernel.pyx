# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled hot loop of the batched scan; :mod:`regionkit._scan` holds the numpy path it must equal.

One pass over the joined texts of a batch folds every character to one byte
(lower-casing as ``str.lower`` does, quotes/dashes/spaces unified), finds the
leftmost-longest gazetteer key at each position with a dense trie, checks word
boundaries, resolves the case through the gazetteer's memo and evaluates the
rule guards, returning column arrays. A second pass numbers the sentences.
Everything that needs a rule stays in Python on the candidates flagged here.
"""

from cpython.unicode cimport (
    PyUnicode_DATA,
    PyUnicode_GET_LENGTH,
    PyUnicode_KIND,
    PyUnicode_READ,
    PyUnicode_Substring,
    Py_UNICODE_ISALNUM,
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_TOLOWER,
)
from libc.stdint cimport int32_t, int64_t, uint8_t
from libc.stdlib cimport free, malloc, realloc
from cpython.unicode cimport Py_UCS1, Py_UCS2

import numpy as np

KERNEL_VERSION = 5  # bumped with every change of the interface; _scan refuses another version


cdef inline Py_UCS4 _read(int kind, void* data, Py_ssize_t i) noexcept:
    return PyUnicode_READ(kind, data, i)


def fold_table(const uint8_t[::1] folded_lut):
    """code point as written -> folded byte, given the byte of every lower-cased code point."""
    out = np.empty(0x110000, dtype=np.uint8)
    cdef uint8_t[::1] o = out
    cdef Py_UCS4 cp, low
    for cp in range(0x110000):
        if cp == 0x130:  # 'İ' lower-cases to two characters: fold() keeps it as written
            low = cp
        else:
            low = Py_UNICODE_TOLOWER(cp)
        o[cp] = folded_lut[low]
    return out


cdef Py_ssize_t _anchor(int kind, void* data, Py_ssize_t i, Py_ssize_t n, Py_UCS4 c, const int64_t[::1] bounds,
                        Py_ssize_t art, uint8_t[::1] url_v) noexcept:
    """'.' + two lower-case letters, '://' or '@' at i (extract._URL_ANCHOR): flag the article; return its index."""
    cdef Py_UCS4 c1, c2
    while i >= bounds[art + 1]:
        art += 1
    if c == 64:
        url_v[art] = 1
    elif i + 2 < n:
        c1 = _read(kind, data, i + 1)
        c2 = _read(kind, data, i + 2)
        if c == 46 and 97 <= c1 <= 122 and 97 <= c2 <= 122:
            url_v[art] = 1
        elif c == 58 and c1 == 47 and c2 == 47:
            url_v[art] = 1
    return art


cdef struct Buf:
    int64_t* start
    int64_t* end
    int32_t* kid
    int64_t* art
    Py_ssize_t n
    Py_ssize_t cap


cdef int _grow(Buf* b) except -1:
    cdef Py_ssize_t cap = b.cap * 2 + 1024
    b.start = <int64_t*> realloc(b.start, cap * sizeof(int64_t))
    b.end = <int64_t*> realloc(b.end, cap * sizeof(int64_t))
    b.kid = <int32_t*> realloc(b.kid, cap * sizeof(int32_t))
    b.art = <int64_t*> realloc(b.art, cap * sizeof(int64_t))
    if not b.start or not b.end or not b.kid or not b.art:
        raise MemoryError()
    b.cap = cap
    return 0


def scan(str joined, const int64_t[::1] bounds, const uint8_t[::1] lut, const uint8_t[::1] cls,
         const int32_t[::1] trans, int ncls, const int32_t[::1] out_kid, const uint8_t[::1] key_dot,
         const uint8_t[::1] key_words, list memo, object resolver, frozenset lang_words):
    """Candidates of ``joined`` (articles separated by NUL; ``bounds`` = article starts + [len + 1]).

    Returns ``(start, end, kid, article, status, entries, url_articles)``: status 0
    accepted as found, 1 through the rule chain, 2 failed (to repair); entries
    hold the resolved Entry (None for status 2); url_articles flags the articles
    that hold a web-address anchor ('.' + two lower-case letters, '://', '@').
    """
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(joined)
    cdef int kind = PyUnicode_KIND(joined)
    cdef void* data = PyUnicode_DATA(joined)
    cdef Py_ssize_t n_art = bounds.shape[0] - 1
    cdef uint8_t* fb = <uint8_t*> malloc(n + 1)
    if fb == NULL:
        raise MemoryError()
    url = np.zeros(max(n_art, 1), dtype=np.uint8)
    cdef uint8_t[::1] url_v = url
    cdef Py_ssize_t i, j, best, art = 0
    cdef Py_UCS4 c, c1, c2
    cdef int32_t s, k, bk
    cdef Buf b
    b.start = NULL; b.end = NULL; b.kid = NULL; b.art = NULL; b.n = 0; b.cap = 0
    try:
        # pass 1: fold (straight to the trie's byte classes), and web-address anchors per article
        if kind == 1:
            for i in range(n):
                c = (<Py_UCS1*> data)[i]
                fb[i] = cls[lut[c]]
                if c == 46 or c == 58 or c == 64:
                    art = _anchor(kind, data, i, n, c, bounds, art, url_v)
        elif kind == 2:
            for i in range(n):
                c = (<Py_UCS2*> data)[i]
                fb[i] = cls[lut[c]]
                if c == 46 or c == 58 or c == 64:
                    art = _anchor(kind, data, i, n, c, bounds, art, url_v)
        else:
            for i in range(n):
                c = (<Py_UCS4*> data)[i]
                fb[i] = cls[lut[c]]
                if c == 46 or c == 58 or c == 64:
                    art = _anchor(kind, data, i, n, c, bounds, art, url_v)
        # pass 2: leftmost-longest keys
        i = 0
        art = 0
        while i < n:
            s = 1
            j = i
            best = -1
            bk = -1
            while j < n:
                s = trans[s * ncls + fb[j]]
                if s == 0:
                    break
                k = out_kid[s]
                if k >= 0:
                    best = j + 1
                    bk = k
                j += 1
            if best < 0:
                i += 1
                continue
            if b.n == b.cap:
                _grow(&b)
            while i >= bounds[art + 1]:
                art += 1
            b.start[b.n] = i
            b.end[b.n] = best
            b.kid[b.n] = bk
            b.art[b.n] = art
            b.n += 1
            i = best
    finally:
        free(fb)
    m = b.n
    start = np.empty(m, dtype=np.int64)
    end = np.empty(m, dtype=np.int64)
    kid = np.empty(m, dtype=np.int32)
    article = np.empty(m, dtype=np.int64)
    status = np.zeros(m, dtype=np.uint8)
    cdef int64_t[::1] st = start, en = end, ar = article
    cdef int32_t[::1] kd = kid
    cdef uint8_t[::1] stv = status
    cdef Py_ssize_t q
    for q in range(m):
        st[q] = b.start[q]; en[q] = b.end[q]; kd[q] = b.kid[q]; ar[q] = b.art[q]
    free(b.start); free(b.end); free(b.kid); free(b.art)
    # checks: word boundaries (R1), case (R2, through the memo), rule guards
    entries = [None] * m
    cdef Py_ssize_t a0, e0
    cdef bint fail
    cdef int guard
    cdef object hit, surface, word
    cdef dict d
    cdef Py_ssize_t w
    for q in range(m):
        a0 = st[q]
        e0 = en[q]
        fail = False
        if a0 > 0 and Py_UNICODE_ISALNUM(_read(kind, data, a0 - 1)):
            fail = True
        elif e0 < n:
            c = _read(kind, data, e0)
            if Py_UNICODE_ISALNUM(c) or (key_dot[kd[q]] and Py_UNICODE_ISALPHA(c)):
                fail = True
        if not fail:
            surface = PyUnicode_Substring(joined, a0, e0)
            d = <dict> memo[kd[q]]
            hit = d.get(surface)
            if hit is None:
                hit = resolver(kd[q], surface)
            if (<tuple> hit)[0] is None:
                fail = True
            else:
                entries[q] = (<tuple> hit)[0]
                guard = (<tuple> hit)[1]
                if guard >= 3:  # 3: the rules must see it; 4: when a trigger holds (checked next, trigger_ends)
                    stv[q] = 1
                elif guard != 0:
                    c1 = _read(kind, data, e0) if e0 < n else 0
                    c2 = _read(kind, data, e0 + 1) if e0 + 1 < n else 0
                    if c1 == 32 and 97 <= c2 <= 122:  # a lower-case word after: only some words fire
                        w = e0 + 1
                        while w < n:
                            c = _read(kind, data, w)
                            if not ((65 <= c <= 90) or (97 <= c <= 122)):
                                break
                            w += 1
                        word = PyUnicode_Substring(joined, e0 + 1, w)
                        if word in lang_words:
                            stv[q] = 1
                        elif w < n:
                            c = _read(kind, data, w)  # a compound ("cat-like", "cat's"): let the rules see it
                            if c == 95 or c == 39 or c == 0x2019 or c == 46 or c == 45 or Py_UNICODE_ISALNUM(c):
                                stv[q] = 1
                    elif guard == 1:  # R9, R11-R13: a comma, a no-break space, or a space and a capital
                        if (c1 == 32 and 65 <= c2 <= 90) or c1 == 44 or c1 == 0xA0:
                            stv[q] = 1
                    else:  # R8, R13 after a demonym: anything else
                        stv[q] = 1
        if fail:
            stv[q] = 2 if key_words[kd[q]] else 3  # 3: dropped
    return start, end, kid, article, status, entries, url


# ----------------------------------------------------------------- sentences
cdef inline bint _is_word(Py_UCS4 c) noexcept:
    return c == 95 or Py_UNICODE_ISALNUM(c)


cdef inline bint _is_cap(Py_UCS4 c) noexcept nogil:
    return (65 <= c <= 90) or (48 <= c <= 57) or (0xC0 <= c <= 0x24F)


cdef inline bint _is_punct(Py_UCS4 c) noexcept nogil:
    return c == 46 or c == 33 or c == 63 or c == 0x2026


cdef inline bint _is_closer(Py_UCS4 c) noexcept nogil:
    return c == 34 or c == 39 or c == 0x201D or c == 0x2019 or c == 41 or c == 93


cdef inline bint _is_hspace(Py_UCS4 c) noexcept nogil:
    return c == 32 or c == 9 or c == 12 or c == 11


cdef inline bint _is_opener(Py_UCS4 c) noexcept nogil:
    return c == 34 or c == 39 or c == 0x201C or c == 0x2018 or c == 40 or c == 91


cdef bint _abbrev_before(str text, int kind, void* data, Py_ssize_t p, tuple words, Py_ssize_t lo):
    """_ABBREV_END.search(text, lo, p + 1): the '.' at p ends an abbreviation."""
    cdef Py_ssize_t k, a, L
    cdef Py_UCS4 c
    # \b(?:[A-Z]\.){1,}$
    a = p + 1
    while a - 2 >= lo:
        c = _read(kind, data, a - 2)
        if not (65 <= c <= 90) or _read(kind, data, a - 1) != 46:
            break
        a -= 2
        if a == 0 or not _is_word(_read(kind, data, a - 1)):
            return True
    # \b(?:Mr|Mrs|...|D\.C)\.$
    cdef str w
    cdef Py_UCS4 last
    cdef bint same
    if p == 0:
        return False
    last = _read(kind, data, p - 1)
    for wd in words:
        w = <str> wd
        L = len(w)
        a = p - L
        if a < lo or a < 0 or w[L - 1] != last:
            continue
        same = True
        for k in range(L - 1):
            if _read(kind, data, a + k) != w[k]:
                same = False
                break
        if same and (a == 0 or not _is_word(_read(kind, data, a - 1))):
            return True
    return False


cdef bint _opener_follows(str text, int kind, void* data, Py_ssize_t pos, Py_ssize_t n, frozenset openers):
    """_ends_abbrev_sentence: ["'“]?([A-Z][a-z]*) at pos is a typical sentence opener."""
    cdef Py_ssize_t a, b
    cdef Py_UCS4 c
    if pos < n:
        c = _read(kind, data, pos)
        if c == 34 or c == 39 or c == 0x201C:
            pos += 1
    if pos >= n:
        return False
    c = _read(kind, data, pos)
    if not (65 <= c <= 90):
        return False
    b = pos + 1
    while b < n:
        c = _read(kind, data, b)
        if not (97 <= c <= 122):
            break
        b += 1
    return PyUnicode_Substring(text, pos, b) in openers


def sentence_numbers(str joined, const int64_t[::1] bounds, const int64_t[::1] pos, tuple abbrevs,
                     frozenset openers):
    """The sentence index (as extract.sentence_spans numbers them per article) of each sorted position."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(joined)
    cdef int kind = PyUnicode_KIND(joined)
    cdef void* data = PyUnicode_DATA(joined)
    cdef Py_ssize_t m = pos.shape[0]
    out = np.zeros(m, dtype=np.int64)
    cdef int64_t[::1] o = out
    cdef Py_ssize_t i = 0, q = 0, art = 0, j, e, next_bound, cut = -1
    cdef int64_t count = 0  # non-blank segments so far in this article, the current one included
    cdef bint ink = False  # the current segment holds a character that is not white space
    cdef Py_UCS4 c
    if m == 0:
        return out
    next_bound = bounds[1]
    while i < n and q < m:
        if i >= next_bound - 1:  # the NUL after an article: the next one starts
            while bounds[art + 1] <= i + 1 and art + 1 < bounds.shape[0] - 1:
                art += 1
            next_bound = bounds[art + 1]
            count = 0
            ink = False
            i += 1
            continue
        if i == cut:  # a sentence starts here
            ink = False
        c = _read(kind, data, i)
        if not ink and not Py_UNICODE_ISSPACE(c):
            ink = True
            count += 1
        while q < m and pos[q] == i:
            o[q] = count - 1 if count > 0 else 0
            q += 1
        if c == 10:
            cut = i + 1
        elif _is_punct(c) and (i == 0 or not _is_punct(_read(kind, data, i - 1)) or i - 1 < bounds[art]):
            # [.!?…]+["'”’)\]]*[ \t\f\v]+(?=["'“‘(\[]?[A-Z0-9À-ɏ])
            j = i
            while j < next_bound - 1 and _is_punct(_read(kind, data, j)):
                j += 1
            while j < next_bound - 1 and _is_closer(_read(kind, data, j)):
                j += 1
            e = j
            while e < next_bound - 1 and _is_hspace(_read(kind, data, e)):
                e += 1
            if e > j and e < next_bound - 1:
                c = _read(kind, data, e)
                if _is_opener(c) and e + 1 < next_bound - 1 and _is_cap(_read(kind, data, e + 1)):
                    pass
                elif not _is_cap(c):
                    e = -1
                if e > 0:
                    if _read(kind, data, i) == 46 and _abbrev_before(joined, kind, data, i, abbrevs, max(bounds[art], i - 12)):
                        if not _opener_follows(joined, kind, data, e, next_bound - 1, openers):
                            e = -1
                    if e > 0:
                        cut = e
        i += 1
    return out


# ----------------------------------------------------------------- rule triggers
cdef inline bint _in_cls(Py_UCS4 c, int k, const uint8_t[:, ::1] lut, const int64_t[:, ::1] wide,
                         const uint8_t[::1] any_) noexcept:
    cdef Py_ssize_t w
    if any_[k]:
        return True
    if c < 256:
        return lut[k, c] != 0
    for w in range(wide.shape[1]):
        if wide[k, w] < 0:
            return False
        if wide[k, w] == c:
            return True
    return False


def trigger_ends(str joined, const int64_t[::1] bounds, const int64_t[::1] start, const int64_t[::1] end,
                 const int64_t[::1] article, const int32_t[:, :, :, ::1] seq, const uint8_t[:, ::1] lut,
                 const int64_t[:, ::1] wide, const uint8_t[::1] any_, int star_limit):
    """Per candidate and trigger: where its ``after`` classes end when after and before hold (-1: held for sure,
    a long Many() run), else -2 (as _scan_triggers._seq_holds; outside the article a position reads as NUL)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(joined)
    cdef int kind = PyUnicode_KIND(joined)
    cdef void* data = PyUnicode_DATA(joined)
    cdef Py_ssize_t m = start.shape[0], nt = seq.shape[0], ns = seq.shape[2]
    out = np.full((m, nt), -2, dtype=np.int64)
    cdef int64_t[:, ::1] o = out
    cdef Py_ssize_t q, t, side, k, p, lo, hi, step, cnt, p_after
    cdef int cid
    cdef bint ok, sure, sure_after
    cdef Py_UCS4 c
    for q in range(m):
        lo = bounds[article[q]]
        hi = bounds[article[q] + 1] - 1
        for t in range(nt):
            p_after = 0
            ok = True
            sure_after = False
            for side in range(2):
                sure = False
                if side == 0:
                    p = end[q]
                    step = 1
                else:
                    p = start[q] - 1
                    step = -1
                for k in range(ns):
                    cid = seq[t, side, k, 0]
                    if cid < 0:
                        break
                    if seq[t, side, k, 1]:
                        cnt = 0
                        while lo <= p < hi and _in_cls(_read(kind, data, p), cid, lut, wide, any_):
                            p += step
                            cnt += 1
                            if cnt >= star_limit:
                                sure = True
                                break
                        if sure:
                            break  # this side holds for sure
                        continue
                    c = _read(kind, data, p) if lo <= p < hi else 0
                    if not _in_cls(c, cid, lut, wide, any_):
                        ok = False
                        break
                    p += step
                if side == 0:
                    p_after = p
                    sure_after = sure
                if not ok:
                    break
            if ok:
                o[q, t] = -1 if sure_after else p_after
    return out


cdef inline bint _w(Py_UCS4 c) noexcept:
    return c == 95 or Py_UNICODE_ISALNUM(c)


cdef inline bint _run_char(Py_UCS4 c) noexcept:
    return c == 95 or c == 39 or c == 0x2019 or c == 46 or c == 45 or Py_UNICODE_ISALNUM(c)


def word_holds(str joined, const int64_t[::1] pos, const int64_t[::1] hi, frozenset words, bint ignore_case,
               bint prefix, frozenset heads, int run_limit):
    """_triggers.word_holds at every position (``hi``: where each one's article ends); uint8 per position.

    ``heads``: the first two characters of every word and the one-character words (for a non-ASCII run with
    ``ignore_case``).
    """
    cdef Py_ssize_t m = pos.shape[0], q, p, j, k, L
    cdef int kind = PyUnicode_KIND(joined)
    cdef void* data = PyUnicode_DATA(joined)
    out = np.zeros(m, dtype=np.uint8)
    cdef uint8_t[::1] o = out
    cdef bint ascii_run, inner
    cdef Py_UCS4 c
    cdef object run, r2
    for q in range(m):
        p = pos[q]
        j = p
        ascii_run = True
        inner = False
        while j < hi[q] and j - p <= run_limit:
            c = _read(kind, data, j)
            if not _run_char(c):
                break
            if c > 127:
                ascii_run = False
            if j > p and _w(_read(kind, data, j - 1)) and not _w(c):
                inner = True
            j += 1
        L = j - p
        if L > run_limit:
            o[q] = 1
            continue
        run = PyUnicode_Substring(joined, p, j)
        if ignore_case:
            if not ascii_run:  # as _triggers.word_holds: only two ASCII characters first (lower-cased) rule it out
                r2 = (<str> run)[:2].lower()
                if len(<str> r2) == 2 and (<str> r2).isascii():
                    o[q] = (r2 in heads) or ((<str> r2)[:1] in heads)
                else:
                    o[q] = 1
                continue
            run = (<str> run).lower()
        if run in words or (<str> run).rstrip(".") in words:
            o[q] = 1
            continue
        if prefix:
            for k in range(1, L):
                if (<str> run)[:k] in words:
                    o[q] = 1
                    break
            continue
        if not inner:
            continue
        for k in range(1, L):
            if _w(_read(kind, data, p + k - 1)) and not _w(_read(kind, data, p + k)) and (<str> run)[:k] in words:
                o[q] = 1
                break
    return out

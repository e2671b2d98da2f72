"""Rule triggers: a cheap necessary condition of a context rule, as data the scanners check before calling it.

Public through :mod:`regionkit.rules` (``Rule(..., trigger=Trigger(...))``); the batch
evaluation is :mod:`regionkit._scan_triggers` (numpy) and ``trigger_ends`` in
``_kernel.pyx`` (C). This module imports nothing from regionkit at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from regionkit.gazetteer import Gazetteer

__all__ = ["Trigger", "ResolvedTrigger", "Many", "Word", "WordChars", "UPPER", "LOWER", "SPACE", "END", "word_holds"]


# ------------------------------------------------------------------ triggers
#: Character classes for :class:`Trigger` sequences.
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
#: Every character ``re``'s ``\s`` matches (tests/test_rules.py checks this against ``re``).
SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
         "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: The end (or start) of the text, as a member of a class: reads as a NUL character.
END = "\x00"
#: Characters ``re.IGNORECASE`` also matches for an ASCII letter (tests/test_rules.py checks this against ``re``).
_CI_EXTRA = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_STAR_LIMIT = 64  # a Many() longer than this: the trigger holds (a necessary condition must never miss)


def _ci(chars: str) -> str:
    """``chars`` with both cases of every ASCII letter and what ``re.IGNORECASE`` also matches for it."""
    out = set(chars)
    for c in chars:
        if c.isascii() and c.isalpha():
            low = c.lower()
            out.update((low, c.upper(), *_CI_EXTRA.get(low, "")))
    return "".join(sorted(out))


@dataclass(frozen=True)
class Many:
    """Zero or more characters of a class in a :class:`Trigger` sequence (greedy; the next class must not overlap)."""

    chars: str

    def __post_init__(self) -> None:
        if END in self.chars:
            raise ValueError("Many() cannot hold END")

    def __repr__(self) -> str:
        return f"Many({self.chars!r})"


@dataclass(frozen=True)
class WordChars:
    """The ``index``-th character of every word of a gazetteer word list (``"washington_names"``) or of a
    table column (``"thing_words.csv:word"``), as a class of a :class:`Trigger` sequence.

    A word shorter than ``index + 1`` makes the class hold any character. ``ignore_case``:
    both cases (and what ``re.IGNORECASE`` matches), for a rule that matches its words so.
    """

    source: str | tuple
    index: int
    ignore_case: bool = False

    def __repr__(self) -> str:
        return f"WordChars({self.source!r}, {self.index}{', ignore_case=True' if self.ignore_case else ''})"

    def resolve(self, gazetteer: Gazetteer) -> str | None:
        """The characters (None: any character)."""
        words = _source_words(gazetteer, self.source)
        if any(len(w) <= self.index or w.endswith("*") and len(w) <= self.index + 1 for w in words):
            return None
        chars = "".join(sorted({w[self.index] for w in words}))
        return _ci(chars) if self.ignore_case else chars


def _source_words(gazetteer: Gazetteer, source: str | Iterable[str]) -> list[str]:
    """The (non-empty) words of a word list name, a ``"table.csv:column"``, a set of words, or a tuple of those."""
    if isinstance(source, tuple):
        return [w for part in source for w in _source_words(gazetteer, part)]
    if not isinstance(source, str):
        return [w for w in source if w]
    if ":" in source:
        table, column = source.split(":", 1)
        df = gazetteer.tables.get(table)
        return [] if df is None else [w for w in df[column].tolist() if isinstance(w, str) and w]
    return [w for w in gazetteer.words(source) if w]


_WORD_RUN = re.compile(r"[\w'\u2019.\-]*")
_RUN_LIMIT = 64  # a longer run of word characters: the Word class holds


@dataclass(frozen=True)
class Word:
    """The last class of a :class:`Trigger` sequence: a word of a list starts here.

    Holds when the run of ``[\\w'’.-]`` characters starting here, that run without
    its final dots, or a prefix of it ending where a ``\\w`` character meets one
    that is not, is a word of ``source`` (a word list name, ``"table.csv:column"``
    or a collection; final dots of the words ignored). ``ignore_case``: compared
    lower-cased (a run with a non-ASCII character then always holds). A word with
    any other character than ``\\w`` makes the class hold everywhere.
    """

    source: str | tuple | frozenset[str]
    ignore_case: bool = False
    prefix: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.source, (str, tuple)):  # literal words (a str is a source, a tuple a union)
            object.__setattr__(self, "source", frozenset(self.source))

    def __repr__(self) -> str:
        return f"Word({self.source!r}{', ignore_case=True' if self.ignore_case else ''})"

    def resolve(self, gazetteer: Gazetteer) -> frozenset[str] | None:
        """The words (lower-cased with ``ignore_case``); None: the class holds everywhere.

        With ``prefix`` each word counts by its first ``\\w+`` part ("New York": "New", "N.Y.": "N").
        """
        words = [w.rstrip(".") for w in _source_words(gazetteer, self.source)]
        if self.prefix:
            firsts = [re.match(r"\w+", w) for w in words]
            if any(m is None for m in firsts):
                return None
            words = [m.group() for m in firsts]  # type: ignore[union-attr]
        if any(not w or not re.fullmatch(r"\w+", w) for w in words):
            return None
        return frozenset(w.lower() for w in words) if self.ignore_case else frozenset(words)


def word_holds(text: str, p: int, hi: int, words: frozenset[str] | None, ignore_case: bool, prefix: bool = False) -> bool:
    """:class:`Word` at ``text[p]`` (the text ends at ``hi``)."""
    if words is None:
        return True
    run = _WORD_RUN.match(text, p, min(hi, p + _RUN_LIMIT + 1)).group()  # type: ignore[union-attr]
    if len(run) > _RUN_LIMIT:
        return True
    if ignore_case:
        if not run.isascii():  # IGNORECASE also matches a few non-ASCII letters: only two ASCII ones first rule it out
            head = run[:2].lower()
            if len(head) == 2 and head.isascii():
                return any(w[:2] == head or w == head[0] for w in words)
            return True
        run = run.lower()
    if run in words or run.rstrip(".") in words:
        return True
    if prefix:  # any start of the run (state_re only wants no letter after a state form)
        return any(run[:k] in words for k in range(1, len(run)))
    if run.isalnum():  # no inner place where a word character meets another character
        return False
    for k in range(1, len(run)):
        if (run[k - 1].isalnum() or run[k - 1] == "_") and not (run[k].isalnum() or run[k] == "_") and run[:k] in words:
            return True
    return False


Element = str | Many | WordChars | Word


@dataclass(frozen=True, kw_only=True)
class Trigger:
    """A cheap *necessary* condition of a context rule, as data the scanners check before calling it.

    The rule can only change a candidate when the characters right after it
    (``after``: ``text[end]``, ``text[end + 1]``, ...) and right before it
    (``before``: ``text[start - 1]``, ``text[start - 2]``, ...) are in the given
    classes, and (``cue``) the article holds a match of the word list's regex
    (:meth:`Candidate.regex` with ``cue_flags``). Outside the text a position
    reads as :data:`END`. A class is a str of characters (:data:`UPPER`,
    :data:`LOWER`, :data:`SPACE`, :data:`END`), ``Many(chars)`` (zero or more;
    greedy, so the next class must not share a character with it),
    :class:`WordChars` or, last in ``after``, :class:`Word`. ``END`` may only stand
    in the last class of a sequence. ``keys``: the trigger is only about these
    lower-cased surfaces (elsewhere it does not hold).
    A rule's ``trigger`` is one Trigger or a tuple of them (the rule may fire when
    any holds). The compiled kernel checks ``after``/``before`` in C; a trigger
    that does not hold proves the rule returns None, so it is not called.

    Examples
    --------
    "Next word capitalised": ``Trigger(after=(" ", UPPER, LOWER))``;
    "one of these words follows": ``Trigger(after=(SPACE, Word("language_after", ignore_case=True)))``;
    "only for keys that are census surnames": ``Trigger(keys="surname_keys.csv:word", before=...)``
    (``keys``: a source as for :class:`Word`, a set of words, or a tuple of both: their union);
    "a cue word in the article": ``Trigger(cue="bird_cues", cue_flags=re.IGNORECASE)``.
    """

    after: tuple = ()
    before: tuple = ()
    cue: str | None = None
    cue_flags: int = 0
    keys: str | tuple | frozenset[str] | None = None

    def __post_init__(self) -> None:
        after, before, keys = tuple(self.after), tuple(self.before), self.keys
        if keys is not None and not isinstance(keys, (str, tuple)):
            keys = frozenset(keys)  # literal words; a str is a source, a tuple a union of sources and sets
        for seq in (after, before):
            for k, el in enumerate(seq):
                if not isinstance(el, (str, Many, WordChars, Word)):
                    raise TypeError(f"a trigger class is a str, Many, WordChars or Word, not {type(el).__name__}")
                if isinstance(el, Word) and (seq is before or k != len(seq) - 1):
                    raise ValueError("Word() may only stand last in an after= sequence")
                if isinstance(el, str) and END in el and k != len(seq) - 1:
                    raise ValueError("END may only stand in the last class of a trigger sequence")
                nxt = seq[k + 1] if k + 1 < len(seq) else None
                if isinstance(el, Many) and isinstance(nxt, (str, Many)) \
                        and set(el.chars) & set(nxt if isinstance(nxt, str) else nxt.chars):
                    raise ValueError(f"Many({el.chars!r}) overlaps the class after it (greedy: the trigger could miss)")
        object.__setattr__(self, "after", after)
        object.__setattr__(self, "before", before)
        object.__setattr__(self, "keys", keys)

    def __repr__(self) -> str:
        parts = [f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if getattr(self, f.name)]
        return f"Trigger({', '.join(parts)})"

    def resolve(self, gazetteer: Gazetteer) -> ResolvedTrigger:
        """The trigger with word lists read from ``gazetteer`` (what the scanners check)."""
        word: tuple | None = None

        def seq(items: tuple) -> tuple[tuple[frozenset[str] | None, bool], ...]:
            nonlocal word
            out: list[tuple[frozenset[str] | None, bool]] = []
            for el in items:
                if isinstance(el, Word):
                    word = (el.resolve(gazetteer), el.ignore_case, el.prefix)
                elif isinstance(el, Many):
                    out.append((frozenset(el.chars), True))
                elif isinstance(el, WordChars):
                    chars = el.resolve(gazetteer)
                    out.append((None if chars is None else frozenset(chars), False))
                else:
                    out.append((frozenset(el), False))
            for (a, star), (b, _) in zip(out, out[1:]):
                if star and (b is None or (a is not None and a & b)):
                    raise ValueError(f"a Many() class overlaps the class after it in {self!r} (greedy: could miss)")
            return tuple(out)
        keys = None if self.keys is None else frozenset(w.lower() for w in _source_words(gazetteer, self.keys))
        return ResolvedTrigger(seq(self.after), seq(self.before), self.cue, self.cue_flags, word, keys)


class ResolvedTrigger:
    """A :class:`Trigger` against one gazetteer: classes as sets (None: any character)."""

    __slots__ = ("after", "before", "cue", "cue_flags", "word", "keys", "local")

    def __init__(self, after: tuple, before: tuple, cue: str | None, cue_flags: int, word: tuple | None = None,
                 keys: frozenset[str] | None = None) -> None:
        self.after, self.before, self.cue, self.cue_flags = after, before, cue, cue_flags
        self.word = word  # (words or None, ignore_case) of a final Word() of `after`
        self.keys = keys  # lower-cased surfaces the trigger is about (None: all)
        self.local = bool(after or before or word)

    def holds(self, text: str, start: int, end: int) -> bool:
        """The ``after``/``before`` part at ``text[start:end]`` (the cue is checked by the chain)."""
        p = _seq_end(text, end, 1, self.after)
        if p is None or (p >= 0 and self.word is not None
                         and not word_holds(text, p, len(text), *self.word)):
            return False
        return _seq_end(text, start - 1, -1, self.before) is not None


def _seq_end(text: str, p: int, step: int, seq: tuple) -> int | None:
    """Where ``seq`` ends when it holds at ``p`` (-1: held for sure, a long Many run), else None."""
    n = len(text)
    for chars, star in seq:
        if star:
            count = 0
            while 0 <= p < n and text[p] in chars:  # type: ignore[operator]
                p += step
                count += 1
                if count >= _STAR_LIMIT:
                    return -1
            continue
        if chars is not None and (text[p] if 0 <= p < n else END) not in chars:
            return None
        p += step
    return p


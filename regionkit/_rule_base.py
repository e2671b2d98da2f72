"""The pieces a context rule is made of: :class:`Rule`, :class:`Candidate`, :data:`DROP`.

Public through :mod:`regionkit.rules` (read its docstring for how to write a rule).
This module imports nothing from regionkit but the sentence splitter and the
:class:`~regionkit._entry.Entry` type, so rule modules can import it freely.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from regionkit._entry import Entry

if TYPE_CHECKING:
    from regionkit.gazetteer import Gazetteer

__all__ = ["Rule", "Candidate", "Article", "DROP", "Drop", "Final", "accept", "Verdict", "words_regex",
           "all_caps_line", "is_name_word", "line_span", "line_memo", "Trigger", "Many", "Word", "WordChars", "UPPER",
           "LOWER", "SPACE", "END"]


class Drop:
    """The verdict "no mention here" (use the singleton :data:`DROP`)."""

    _instance: Drop | None = None

    def __new__(cls) -> Drop:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DROP"

    def __reduce__(self) -> str:
        return "DROP"


#: A rule's verdict meaning: this candidate is not a mention (no row).
DROP = Drop()


class Final:
    """The verdict "record the candidate as this entry, and ask no further rule" (see :func:`accept`)."""

    __slots__ = ("entry",)

    def __init__(self, entry: Entry) -> None:
        self.entry = entry

    def __repr__(self) -> str:
        return f"accept({self.entry!r})"


def accept(entry: Entry) -> Final:
    """A final verdict: ``entry`` is recorded and the remaining rules do not run."""
    return Final(entry)


#: What a rule's ``check`` returns: None (no objection), DROP, an Entry (re-target, go on) or accept(entry).
Verdict = Entry | Drop | Final | None


class Rule:
    """A named disambiguation rule (immutable).

    Parameters
    ----------
    id
        Short unique name (``"turkey_bird"``); what ``rules=`` and :func:`regionkit.rules` use.
    doc
        What the rule blocks or accepts and why, with an example (shown by :func:`regionkit.rules`).
    check
        ``check(candidate)`` returns None (no objection: the next rule looks),
        :data:`DROP` (no row; the chain stops), an :class:`~regionkit.gazetteer.Entry`
        (re-target: the next rules judge the candidate as this entry) or
        ``accept(entry)`` (record it as this entry; the chain stops). None for the
        ``match`` stage rules, which are built into the scanner.
    kinds
        Entry kinds the rule looks at (None: every kind).
    keys
        Lower-cased surfaces the rule looks at: a set of strings, the name of a
        word list (``gazetteer.words(name)``), or None for every surface. Rules
        that name both kinds and keys are cheap: the scanner only calls them for
        candidates they can be about.
    words
        Names of the word lists (``data/gazetteer/rules/<name>.csv``) the rule reads.
    stage
        ``"context"`` (a check on one candidate in its text) or ``"match"``
        (switches part of the scanner: boundaries, case, blockers, web addresses).
    label
        The rule's number in older documentation (R1-R13), for cross-reference.
    finish
        Optional ``finish(found, article) -> found``, run once per article after all
        candidates (``found``: the kept ``(entry, start, end)`` list), for rules with
        an article memory ("Moscow, Idaho" makes every later bare "Moscow" the town).
        Rules that share one ``finish`` function have it run once.
    trigger
        A cheap necessary condition (:class:`Trigger`, or a tuple of them: any may
        hold) the scanners check before calling ``check``: where none holds the rule
        is proven to return None and is not called (the compiled kernel checks it in
        C). None: ``check`` sees every candidate of its kinds and keys.
    """

    __slots__ = ("id", "doc", "check", "kinds", "keys", "words", "stage", "label", "finish", "trigger")
    id: str
    doc: str
    check: Callable[[Candidate], Verdict] | None
    kinds: frozenset[str] | None
    keys: frozenset[str] | str | None
    words: tuple[str, ...]
    stage: str
    label: str
    finish: Callable[[list, Article], list] | None
    trigger: tuple[Trigger, ...] | None

    def __init__(self, id: str, doc: str, check: Callable[[Candidate], Verdict] | None = None, *,
                 kinds: Iterable[str] | None = None, keys: Iterable[str] | str | None = None,
                 words: Iterable[str] = (), stage: str = "context", label: str = "",
                 finish: Callable[[list, Article], list] | None = None,
                 trigger: Trigger | Iterable[Trigger] | None = None) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", id):
            raise ValueError(f"rule id must be lower_case_with_underscores, not {id!r}")
        if stage not in {"context", "match"}:
            raise ValueError(f"rule stage must be 'context' or 'match', not {stage!r}")
        if stage == "context" and not callable(check):
            raise ValueError(f"context rule {id!r} needs a check(candidate) function")
        if trigger is not None:
            trigger = (trigger,) if isinstance(trigger, Trigger) else tuple(trigger)
            if not trigger or not all(isinstance(t, Trigger) for t in trigger):
                raise TypeError(f"rule {id!r}: trigger= takes a Trigger or a non-empty tuple of Trigger")
        values = (id, " ".join(doc.split()), check, None if kinds is None else frozenset(kinds),
                  keys if keys is None or isinstance(keys, str) else frozenset(keys), tuple(words), stage, label,
                  finish, trigger)
        for name, value in zip(self.__slots__, values):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Rule is immutable; cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rule) and all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __hash__(self) -> int:
        return hash((self.id, self.check, self.kinds, self.keys, self.stage))

    def __reduce__(self) -> tuple:
        return (_make_rule, tuple(getattr(self, f) for f in self.__slots__))

    def key_set(self, gazetteer: Gazetteer) -> frozenset[str] | None:
        """The surfaces this rule looks at, with a word-list name resolved against ``gazetteer``."""
        if isinstance(self.keys, str):
            return gazetteer.words(self.keys)
        return self.keys

    def __repr__(self) -> str:
        return f"Rule({self.id!r})"


def _make_rule(id: str, doc: str, check: Any, kinds: Any, keys: Any, words: Any, stage: str, label: str,
               finish: Any, trigger: Any = None) -> Rule:
    return Rule(id, doc, check, kinds=kinds, keys=keys, words=words, stage=stage, label=label, finish=finish,
                trigger=trigger)


class Article:
    """Facts about one article that rules compute once and share (sentence spans, cue offsets)."""

    __slots__ = ("text", "_spans", "_memo")

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[tuple[int, int]] | None = None
        self._memo: dict[Any, Any] = {}

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """The article's sentence spans (:func:`regionkit.extract.sentence_spans`)."""
        if self._spans is None:
            from regionkit._sentences import sentence_spans

            self._spans = sentence_spans(self.text)
        return self._spans

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """``build()`` computed once per article (e.g. the offsets of a rule's cue words)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


_CAP_WORD = re.compile(r"[A-Z][a-z'\u2019]+\.?")
_PREV_WORD = re.compile(r"([A-Za-z][\w'.]*)\s$")
_NEXT_WORD = re.compile(r" ([A-Za-z][\w'.]*)")


def is_name_word(word: str | None, keys: Any, allowed: frozenset[str] | set[str]) -> bool:
    """A capitalised word that is not in ``allowed`` (lower case) and not itself a gazetteer key (``keys``)."""
    if not word or not _CAP_WORD.fullmatch(word) or word.isupper():
        return False
    bare = word.rstrip(".").replace("\u2019", "'").lower()
    if bare.endswith("'s"):
        bare = bare[:-2]
    return bare not in allowed and bare not in keys


_LINES = threading.local()  # the newline positions of the last text asked about, and per-line answers


def line_span(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the line holding ``pos`` (like rfind/find of "\\n"), in O(log lines) per call.

    The newline positions are found once per text (the last text is cached per
    thread), so asking for every candidate of a long one-line text stays linear.
    """
    cache = getattr(_LINES, "value", None)
    if cache is None or cache[0] is not text:
        cache = (text, [m.start() for m in re.finditer("\n", text)], {})
        _LINES.value = cache
    newlines = cache[1]
    k = bisect.bisect_left(newlines, pos)
    return (newlines[k - 1] + 1 if k else 0), (newlines[k] if k < len(newlines) else len(text))


def line_memo(text: str) -> dict:
    """A dict for per-line answers about ``text`` (cleared when another text comes)."""
    line_span(text, 0)
    return _LINES.value[2]


def all_caps_line(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` is a headline in capitals (8+ letters, over 90 % upper case)."""
    a, b = line_span(text, pos)
    memo = line_memo(text)
    key = ("caps", a)
    if key not in memo:
        memo[key] = _caps(text[a:b])
    return memo[key]


_ASCII_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _caps(line: str) -> bool:
    """8+ letters, over 90 % of them upper case (counted with bytes.translate: C speed on long lines)."""
    raw = line.encode("utf-8", "surrogatepass")
    lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
    if lower * 10 >= len(line):  # at least 10 % of the characters are a-z: at least 10 % of the letters are not upper
        return False
    if line.isascii():
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        letters = upper + lower
        return letters >= 8 and upper / letters > 0.9
    letters_list = [c for c in line if c.isalpha()]
    return len(letters_list) >= 8 and sum(c.isupper() for c in letters_list) / len(letters_list) > 0.9


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


class Many:
    """Zero or more characters of a class in a :class:`Trigger` sequence (greedy; the next class must not overlap)."""

    __slots__ = ("chars",)

    def __init__(self, chars: str) -> None:
        if END in chars:
            raise ValueError("Many() cannot hold END")
        object.__setattr__(self, "chars", chars)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Many is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Many) and other.chars == self.chars

    def __hash__(self) -> int:
        return hash(("Many", self.chars))

    def __repr__(self) -> str:
        return f"Many({self.chars!r})"


class WordChars:
    """The ``index``-th character of every word of a gazetteer word list (``"washington_names"``) or of a
    table column (``"thing_words.csv:word"``), as a class of a :class:`Trigger` sequence.

    A word shorter than ``index + 1`` makes the class hold any character. ``ignore_case``:
    both cases (and what ``re.IGNORECASE`` matches), for a rule that matches its words so.
    """

    __slots__ = ("source", "index", "ignore_case")

    def __init__(self, source: str | tuple, index: int, ignore_case: bool = False) -> None:
        for name, value in zip(self.__slots__, (source, index, ignore_case)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("WordChars is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordChars) and (other.source, other.index, other.ignore_case) == (
            self.source, self.index, self.ignore_case)

    def __hash__(self) -> int:
        return hash(("WordChars", self.source, self.index, self.ignore_case))

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


class Word:
    """The last class of a :class:`Trigger` sequence: a word of a list starts here.

    Holds when the run of ``[\\w'’.-]`` characters starting here, that run without
    its final dots, or a prefix of it ending where a ``\\w`` character meets one
    that is not, is a word of ``source`` (a word list name, ``"table.csv:column"``
    or a collection; final dots of the words ignored). ``ignore_case``: compared
    lower-cased (a run with a non-ASCII character then always holds). A word with
    any other character than ``\\w`` makes the class hold everywhere.
    """

    __slots__ = ("source", "ignore_case", "prefix")

    def __init__(self, source: str | Iterable[str], ignore_case: bool = False, prefix: bool = False) -> None:
        object.__setattr__(self, "source", source if isinstance(source, (str, tuple)) else frozenset(source))
        object.__setattr__(self, "ignore_case", ignore_case)
        object.__setattr__(self, "prefix", prefix)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Word is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Word) and (other.source, other.ignore_case, other.prefix) == (
            self.source, self.ignore_case, self.prefix)

    def __hash__(self) -> int:
        return hash(("Word", self.source, self.ignore_case, self.prefix))

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
        if not run.isascii():
            return True
        run = run.lower()
    if run in words or run.rstrip(".") in words:
        return True
    if prefix:  # any start of the run (state_re only wants no letter after a state form)
        return any(run[:k] in words for k in range(1, len(run)))
    for k in range(1, len(run)):
        if (run[k - 1].isalnum() or run[k - 1] == "_") and not (run[k].isalnum() or run[k] == "_") and run[:k] in words:
            return True
    return False


Element = str | Many | WordChars | Word


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

    __slots__ = ("after", "before", "cue", "cue_flags", "keys")

    def __init__(self, *, after: Iterable[Element] = (), before: Iterable[Element] = (), cue: str | None = None,
                 cue_flags: int = 0, keys: str | Iterable[str] | None = None) -> None:
        after, before = tuple(after), tuple(before)
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
        for name, value in zip(self.__slots__, (after, before, cue, cue_flags, keys)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Trigger is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Trigger) and all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __hash__(self) -> int:
        return hash((self.after, self.before, self.cue, self.cue_flags, self.keys))

    def __repr__(self) -> str:
        parts = [f"{f}={getattr(self, f)!r}" for f in self.__slots__ if getattr(self, f)]
        return f"Trigger({', '.join(parts)})"

    def resolve(self, gazetteer: Gazetteer) -> ResolvedTrigger:
        """The trigger with word lists read from ``gazetteer`` (what the scanners check)."""
        word: tuple | None = None

        def seq(items: tuple) -> tuple[tuple[frozenset[str] | None, bool], ...]:
            nonlocal word
            out = []
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
                if star and (b is None or a & b):
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


class Candidate:
    """One gazetteer match that the context rules judge, with helpers for looking around it.

    Attributes
    ----------
    entry
        The gazetteer :class:`~regionkit.gazetteer.Entry` that matched.
    text, start, end
        The article and the match offsets; ``surface = text[start:end]``.
    key
        ``surface.lower()``.
    gazetteer
        The :class:`~regionkit.Gazetteer` in use (``candidate.words(name)`` reads its word lists).
    article
        Per-article facts shared by all candidates (:class:`Article`).
    """

    __slots__ = ("entry", "text", "start", "end", "surface", "key", "gazetteer", "article")

    def __init__(self, entry: Entry, text: str, start: int, end: int, gazetteer: Gazetteer, article: Article) -> None:
        self.entry = entry
        self.text = text
        self.start = start
        self.end = end
        self.surface = text[start:end]
        self.key = self.surface.lower()
        self.gazetteer = gazetteer
        self.article = article

    def words(self, name: str) -> frozenset[str]:
        """The gazetteer's word list ``name`` (``data/gazetteer/rules/<name>.csv``)."""
        return self.gazetteer.words(name)

    def regex(self, name: str, flags: int = 0) -> re.Pattern:
        """:func:`words_regex` over the word list ``name``, compiled once per gazetteer."""
        gaz = self.gazetteer
        return gaz.memo(("rules.regex", name, flags), lambda: words_regex(gaz.words(name), flags=flags))

    def prev_word(self) -> str | None:
        """The word just before the match, when only one space separates them (not after , ; :)."""
        text, start = self.text, self.start
        m = _PREV_WORD.search(text[max(0, start - 40):start])
        if not m or text[start - 1] != " " or (start >= 2 and text[start - 2] in ",;:"):
            return None
        return m.group(1)

    def next_word(self) -> str | None:
        """The word just after the match, when one space separates them."""
        text, end = self.text, self.end
        if end >= len(text) or text[end] != " ":
            return None
        m = _NEXT_WORD.match(text[end:end + 40])
        return m.group(1) if m else None

    def is_name_word(self, word: str | None, allowed: frozenset[str] | set[str]) -> bool:
        """A capitalised word that is not in ``allowed`` (lower case) and is not itself a gazetteer key."""
        return is_name_word(word, self.gazetteer.by_key, allowed)

    def all_caps_line(self) -> bool:
        """True when the match's line is a headline in capitals (8+ letters, over 90 % upper case)."""
        return all_caps_line(self.text, self.start)

    def sentence(self) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding the match (the ``sentence`` column's definition)."""
        from regionkit._sentences import sentence_of

        return sentence_of(self.article.sentences, self.start)

    def sentence_text(self) -> str:
        """The text of the sentence holding the match."""
        a, b = self.sentence()
        return self.text[a:b]

    def retarget(self, iso3: str | None, kind: str, source: str) -> Entry:
        """A copy of the entry pointing elsewhere (e.g. Georgia -> USA, kind ``place``), for a final verdict."""
        e = self.entry
        return Entry(e.surface, iso3, kind, None, e.case, source)


def words_regex(words: frozenset[str] | list[str], *, flags: int = 0) -> re.Pattern:
    r"""``\b(w1|w2|...)\b`` over the words (escaped, longest first); ``farm*`` also matches farmer, farms, ...

    Parameters
    ----------
    words
        A word list, e.g. ``candidate.words("bird_cues")``.
    flags
        ``re`` flags (``re.IGNORECASE`` ...).
    """
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w)
             for w in sorted(words, key=lambda w: (-len(w), w))]
    return re.compile(r"\b(" + "|".join(parts) + r")\b", flags)


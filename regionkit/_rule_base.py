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
from regionkit._triggers import (_CI_EXTRA, END, LOWER, SPACE, UPPER, Many, ResolvedTrigger, Trigger, Word,  # noqa: F401
                                 WordChars, word_holds)

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


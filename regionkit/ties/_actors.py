"""Actors and coreference: who stands for a state in a sentence besides its name.

* **Office-holders** (``data/ties/leaders.csv``, a copy of the sourced
  ``leaders.csv`` of the reference store): a head of state or government, a
  foreign or defence minister or a special envoy stands for the state only while
  in office on the article's date. A row whose note says ``[end unconfirmed]``
  is not treated as current past its start. Without an article date a person
  stands for the state of the latest term on record.
* **Epithets** (``data/ties/epithets.csv``): "the kingdom", "the Gulf state",
  "the Central Asian republic" … resolve to the nearest earlier country of the
  epithet's class, in the same sentence or the previous three.
* **Pair phrases**: "the two countries", "both nations", "both sides", "their
  two countries", "those two nations", "the two leaders" resolve to the most
  salient pair of the last five sentences (the pair that was tied or listed
  together most often so far in the article; the latest on a draw).
* **Pronouns** "he" / "she" / "his administration" resolve to the latest
  office-holder of the same or the previous two sentences.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from regionkit._resources import data_path
from regionkit.ties._cues import _fold, lower_same_length

#: How far back coreference looks, in sentences (see the module docstring).
EPITHET_WINDOW = 3
PAIR_WINDOW = 5
PRONOUN_WINDOW = 2


@dataclass(frozen=True)
class Term:
    """One office term of one person (a row of ``leaders.csv``)."""

    iso3: str
    office: str
    person: str
    start: pd.Timestamp
    end: pd.Timestamp | None  # None: in office as of the source's date
    current_unconfirmed: bool


def _floor(text: str) -> pd.Timestamp | None:
    text = (text or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        text += "-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    return pd.Timestamp(text)


@cache
def _leaders() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[Term, ...]]]:
    """First word -> aliases starting with it (longest first), and alias -> terms (all lower case)."""
    by_alias: dict[str, list[Term]] = {}
    with open(data_path("ties", "leaders.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            start = _floor(r["start"]) or pd.Timestamp("1900-01-01")
            term = Term(r["iso3"], r["office"], r["person"], start, _floor(r["end"]),
                        "[end unconfirmed]" in (r.get("source_note") or ""))
            names = {r["person"].strip(), *(a.strip() for a in (r["aliases"] or "").split(";"))}
            for name in names:
                if len(name) >= 4 and name[0].isupper():  # "AbZ" and other short forms are too ambiguous
                    by_alias.setdefault(name.lower(), []).append(term)
    return _first_word_index(by_alias), {k: tuple(v) for k, v in by_alias.items()}


_FIRST_WORD = re.compile(r"[^\s]+?(?=[\s.,'\u2019-]|$)")


def _first_word_index(by_alias) -> dict[str, tuple[str, ...]]:
    first: dict[str, list[str]] = {}
    for alias in by_alias:
        first.setdefault(_FIRST_WORD.match(alias).group(), []).append(alias)
    return {w: tuple(sorted(a, key=len, reverse=True)) for w, a in first.items()}


def user_terms(people: pd.DataFrame) -> dict[str, list[Term]]:
    """Office terms of a people table's rows (``office``, ``terms`` as in ``people.csv``), by lower-cased surface."""
    out: dict[str, list[Term]] = {}
    if not {"surface", "iso3", "office", "terms"} <= set(people.columns):
        return out
    for surface, iso, office, terms in zip(people["surface"], people["iso3"], people["office"], people["terms"]):
        if not (isinstance(terms, str) and terms and isinstance(surface, str) and len(surface) >= 4
                and surface[0].isupper() and isinstance(iso, str) and iso):
            continue
        offices = str(office or "").split(";")
        spans = terms.split(";")
        for i, span in enumerate(spans):
            start, _, end = span.partition("/")
            off = offices[i] if i < len(offices) else offices[-1]
            out.setdefault(surface.lower(), []).append(
                Term(iso, off.strip(), surface, _floor(start) or pd.Timestamp("1900-01-01"), _floor(end), False))
    return out


def officials_index():
    """The office-holder index of the current gazetteer: ``leaders.csv`` plus the user's people with terms.

    A user adds dated office-holders with ``gazetteer.with_people(frame)`` where the frame has
    ``surface, iso3, office, terms`` (``start/end;...`` as in ``people.csv``); they then act for
    their state in ties while in office, like the shipped ones.
    """
    from regionkit.gazetteer import resolve_gazetteer

    g = resolve_gazetteer(None)

    def build():
        index, by_alias = _leaders()
        people = g.tables.get("people.csv")
        if people is None or "source" not in people.columns:
            return index, by_alias
        extra = user_terms(people[(people["source"] == "user").to_numpy()])
        if not extra:
            return index, by_alias
        merged = {k: tuple(v) for k, v in by_alias.items()}
        for alias, terms in extra.items():
            merged[alias] = merged.get(alias, ()) + tuple(terms)
        return _first_word_index(merged), merged

    return g.memo("ties_officials", build)
_FIRST_WORDS: dict[int, tuple[dict, re.Pattern]] = {}


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes (the regex engine does not share
    prefixes across alternatives: a flat alternation of 458 names tried each at every capitalised word)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if end else "")

    return walk(root)


def _first_words(index: dict[str, tuple[str, ...]]) -> re.Pattern:
    """The capitalised words of a text (a capital not after ``\\w`` or ``-``, up to the word's end) that start a name of ``index``, as one regex.

    Scanning every capitalised word in Python was the largest single cost of the ties step; the
    alternation lets the regex engine skip the others. Cached per index (the gazetteer memo keeps it).
    """
    hit = _FIRST_WORDS.get(id(index))
    if hit is not None and hit[0] is index:
        return hit[1]
    words = [w for w in index if re.fullmatch(r"\w+", w)]
    alternation = _trie(words) if words else "(?!x)x"
    pattern = re.compile(rf"(?<![\w-])(?=[A-Z])(?i:{alternation})(?!\w)")
    if len(_FIRST_WORDS) > 8:
        _FIRST_WORDS.clear()
    _FIRST_WORDS[id(index)] = (index, pattern)
    return pattern


def _in_office(term: Term, when: pd.Timestamp | None) -> bool:
    if when is None:
        return True
    if when < term.start:
        return False
    if term.end is not None:
        return when <= term.end
    return not term.current_unconfirmed


def find_officials(text: str, when: pd.Timestamp | None, index=None) -> list[tuple[int, int, str, str]]:
    """Office-holders named in ``text`` who were in office at ``when``.

    Returns ``(start, end, iso3, via)`` with ``via`` ``"leader"`` (head of state
    or government) or ``"official"`` (minister, envoy). A name must start with a
    capital letter in the text. A name that maps to two states at that date is
    skipped (ambiguous). ``index`` is :func:`officials_index` (default: ``leaders.csv`` only).
    """
    index, by_alias = index or _leaders()
    out = []
    low = text.lower()
    last = -1
    for m in _first_words(index).finditer(text):
        start = m.start()
        if start < last:
            continue  # inside the previous name ("Donald J. Trump")
        for alias in index.get(m.group().lower(), ()):
            end = start + len(alias)
            if low.startswith(alias, start) and (end == len(text) or not (text[end].isalnum() or text[end] in "_-")):
                break
        else:
            continue
        terms = by_alias[alias]
        if when is None:
            latest = max(terms, key=lambda t: t.start)
            live = [t for t in terms if t.person == latest.person]
        else:
            live = [t for t in terms if _in_office(t, when)]
        states = {t.iso3 for t in live}
        if len(states) != 1:
            continue
        via = "leader" if any(t.office in ("head_of_state", "head_of_government") for t in live) else "official"
        out.append((start, end, states.pop(), via))
        last = end
    return out


# --------------------------------------------------------------------------------------
# coreference phrases
# --------------------------------------------------------------------------------------

PAIR_PHRASE = re.compile(
    r"\b(?:(?:the|their|those|these|our)\s+two\s+(?:(?:[A-Z][\w-]*|former|neighbou?ring|rival|warring|Soviet|"
    r"Asian|Gulf|South)\s+){0,3}(?:countries|nations|states|sides|neighbou?rs|governments|leaders|"
    r"republics|foreign\s+ministers|presidents|capitals)|both\s+(?:countries|nations|states|sides|governments|"
    r"leaders|neighbou?rs|capitals))\b",
    re.IGNORECASE,
)
# The whole-text patterns below start with the class of their first letters, then ``(?<!\w.)`` (no word
# character before that letter: the leading ``\b``), so the regex engine jumps between candidate letters instead
# of trying every position (2-3x faster, same matches). PRONOUN is
# r"\b(?:He|he|She|she|(?:[Hh]is|[Hh]er)\s+(?:[Aa]dministration|government))\b", FIRST_PERSON
# r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur)\b(?!\.)", THEY r"\b(?:[Tt]hey|[Tt]hem)\b(?!...)", ACT_REF r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+...".
PRONOUN = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he|(?<=[Hh])(?:is|er)\s+(?:[Aa]dministration|government))\b")
FIRST_PERSON = re.compile(r"[IWwMmOo](?<!\w.)(?:(?<=I)|(?<=[Ww])e|(?<=[Mm])y|(?<=[Oo])ur)\b(?!\.)")
_SPEAKER_BEFORE = re.compile(r"(?:^|\b(?:statement|remarks|readout|message|attributable\s+to)\s+(?:\w+\s+){0,6})\W*$",
                             re.IGNORECASE)
GROUP_BACKREF = re.compile(r"\b(?:the|these|those|all|each\s+of\s+the)\s+(?:(?:two|three|four|five|six|seven|eight|nine|"
                           r"ten|\d+)\s+(?:(?:countries|nations|states|republics)\s+of\s+(?:the\s+)?)?)?$", re.IGNORECASE)
#: After a group mention pointed back by "the" alone, a plural noun must follow ("the Central Asian countries").
GROUP_PLURAL = re.compile(r"\s+(?:countries|nations|states|republics|governments)\b", re.IGNORECASE)
GROUP_WINDOW = 10
#: "they" / "them" (not "they said": reporters are people) stand for a list of two or more states named
#: earlier in the same sentence or in the previous one.
THEY = re.compile(r"[Tt](?<!\w.)he[ym]\b(?!\s+(?:said|say|says|told|added|claimed|reported|insisted)\b)")
THEY_WINDOW = 1
#: A definite act noun ("the announcement", "The Proclamation") stands for the state whose official made the act:
#: the nearest state before a verb that made one ("signed a Proclamation", "announced", "called for") in the
#: same sentence or the ACT_WINDOW previous ones; a named act ("Proclamation", "Executive Order", "decree",
#: "ultimatum") for the state that signed or issued one of that name anywhere earlier in the article.
ACT_REF = re.compile(
    r"[Tt](?<!\w.)h(?:e|is|at)\s+(?:(?:new|latest|surprise|historic)\s+)?(?P<noun>announcement|decision|move|"
    r"proposal|offer|call|initiative|statement|declaration|Proclamation|Executive\s+Order|decree|Decree|ultimatum)"
    r"\b(?!\s+(?:by|of|from|to\s+the)\b)")
ACT_MADE = re.compile(
    r"\b(?:signed|issued|announced|declared|decided|called\s+for|offered|proposed|unveiled|ordered|delivered|"
    r"made|gave)\b(?:\s+(?:a|an|the|its|his|her|their|new|historic|surprise))*"
    r"(?:\s+(?P<noun>Proclamation|Executive\s+Order|decree|Decree|ultimatum))?")
ACT_WINDOW = 2
#: "the meeting", "the talks", "the negotiations" as the object of a host / mediator ("hosting the talks",
#: "brokered the negotiations") or as the subject of a passive one ("the meeting has been set up by X") stand
#: for the pair of the latest meeting tie of the EVENT_WINDOW previous sentences (TIES.md s3, mediation). Not
#: "the talks between / with ...", which name their own parties, nor adjuncts ("as part of the discussions").
_HOST_VERB = (r"(?:host(?:s|ed|ing)?|chair(?:s|ed|ing)?|convene[sd]?|convening|facilitat(?:es|ed|ing|e)|mediat(?:es|ed|ing|e)|"
              r"broker(?:s|ed|ing)?|organi[sz](?:es|ed|ing|e)|arrang(?:es|ed|ing|e)|sponsor(?:s|ed|ing)?|set\s+up)")
_EVENT_NOUN = (r"(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]his|[Tt]hat)\s+(?:(?:security|peace|bilateral|latest|recent|direct|"
               r"face-to-face|emergency|two-day|three-day)\s+)?(?:meeting|talks|negotiations|summit|discussions)\b"
               r"(?!\s+(?:between|with|of|among|on\s+the\s+sidelines)\b)")
EVENT_REF = re.compile(
    rf"\b{_HOST_VERB}\s+(?:\w+ly\s+)?(?P<a>{_EVENT_NOUN})|(?P<b>{_EVENT_NOUN})(?=\s+(?:has|have|had|was|were|is|are|"
    rf"will\s+be)\s+(?:been\s+|being\s+)?{_HOST_VERB}\s+by\b)")
_EVENT_WORD = re.compile(r"(?:meeting|talks|negotiations|summit|discussions)\b")


def find_event_refs(text: str) -> list[tuple[int, int]]:
    """Spans of the event nouns of ``EVENT_REF`` (matched only around the nouns, for speed)."""
    out: list[tuple[int, int]] = []
    for w in _EVENT_WORD.finditer(text):
        lo = max(0, w.start() - 80)
        for m in EVENT_REF.finditer(text, lo, min(len(text), w.end() + 90)):
            span = m.span("a") if m.group("a") else m.span("b")
            if span[1] == w.end() and (not out or out[-1] != span):
                out.append(span)
    return out


EVENT_WINDOW = 2
NAMED_ACTS = frozenset({"proclamation", "executive order", "decree", "ultimatum"})


_QUOTE_OPEN = re.compile(r":\s*[\u201c\"]")
_QUOTE_END = re.compile(r"[\u201d\"]|\n")
_QUOTE = re.compile(r"\u201c([^\u201d\n]{10,3000})\u201d")
_SAID_AFTER = re.compile(r"[,\s]*(?:said|says|added|stated|wrote)\s+(?P<who>[^.\n\u201c]{2,120})")


def _states_in(states: list[tuple[int, int, str]], starts: list[int], lo: int, hi: int) -> list[str]:
    i = bisect.bisect_left(starts, lo)
    out = []
    while i < len(states) and states[i][0] < hi:
        if states[i][1] <= hi:
            out.append(states[i][2])
        i += 1
    return out


def quote_speakers(text: str, states: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Quotes and the state of their speaker: ``(start, end, iso3)``.

    A quote is introduced by a speaker line ("Canadian Prime Minister Mark Carney: \u201c...",
    "The Prime Minister of the Netherlands, Dick Schoof, said: \u201c...") or followed by
    ", said <speaker>". The speaker is the last state named (name, demonym, office-holder)
    in the introduction (at most 160 characters, same line); the quote's "I", "we", "my",
    "our" stand for it. ``states`` must be sorted by start.
    """
    starts = [s for s, _, _ in states]
    out = []
    for m in _QUOTE_OPEN.finditer(text):
        lo = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 160)
        for q in "\u201c\u201d\"":
            lo = max(lo, text.rfind(q, lo, m.start()) + 1)
        q0 = m.end()
        end = _QUOTE_END.search(text, q0)
        q1 = end.start() if end else len(text)
        who = _states_in(states, starts, lo, m.start())
        if who:
            out.append((q0, q1, who[-1]))
    for m in _QUOTE.finditer(text):
        if any(q0 <= m.start(1) < q1 for q0, q1, _ in out):
            continue
        after = _SAID_AFTER.match(text, m.end())
        if after:
            who = _states_in(states, starts, after.start("who"), after.end("who"))
            if who:
                out.append((m.start(1), m.end(1), who[0]))
    return out


def find_speaker(text: str, spans: list[tuple[int, int]], officials: list[tuple[int, int, str, str]]) -> str | None:
    """The state of the speaker of a statement or transcript, when its opening names one.

    An office-holder named in the first two sentences counts as the speaker when
    the name opens a speaker line ("SECRETARY BLINKEN: ...", "President Trump."),
    or follows "Statement by", "Remarks by", "attributable to". The speaker's
    "I", "we", "my", "our" then stand for that state (TIES.md §2).
    """
    for ss, se in spans[:2]:
        for s, e, iso, _ in officials:
            if not ss <= s < se:
                continue
            after = text[e:se].strip()
            line_start = text.rfind("\n", 0, s) + 1
            if after.startswith(":") or (after in ("", ".") and s - max(ss, line_start) <= 30) \
                    or _SPEAKER_BEFORE.search(text[max(ss, line_start):s]) and s - max(ss, line_start) <= 80:
                return iso
    return None


@cache
def _epithets() -> tuple[tuple[re.Pattern, frozenset[str], str], ...]:
    out = []
    with open(data_path("ties", "epithets.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            # folded to lower case and matched on the lower-cased text (faster than re.IGNORECASE)
            out.append((re.compile(r"\b" + _fold(r["pattern"]) + r"\b"), frozenset(r["iso3"].split(";")),
                        (r.get("hint") or "").lower()))
    return tuple(out)


@cache
def _pair_classes() -> tuple[tuple[str, frozenset[str]], ...]:
    """Class words of the epithets ("Caucasus", "Gulf", "Central Asian", "Arab") with their states."""
    out = []
    with open(data_path("ties", "epithets.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            words = r["epithet"].split()[1:-1]  # "the Central Asian republic" -> "Central Asian"
            if words:
                out.append((" ".join(words).lower(), frozenset(r["iso3"].split(";"))))
    return tuple(out)


def pair_class(phrase: str) -> frozenset[str] | None:
    """The states a pair phrase's class word allows ("the two Caucasus nations": ARM, AZE, GEO), if any."""
    low = phrase.lower()
    for word, states in _pair_classes():
        if word in low:
            return states
    return None


def find_epithets(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """Epithet spans ("the kingdom") with the set of states each may stand for."""
    out = []
    low = lower_same_length(text)
    for pattern, states, hint in _epithets():
        if not hint:
            out += [(m.start(), m.end(), states) for m in pattern.finditer(low)
                    if not low.startswith(" of ", m.end())]
            continue
        at = low.find(hint)
        seen = -1
        while at >= 0:  # every match holds the hint: search only around its occurrences
            for m in pattern.finditer(low, max(0, at - 60), min(len(low), at + 60)):
                if m.start() > seen and m.start() <= at < m.end() and not low.startswith(" of ", m.end()):
                    out.append((m.start(), m.end(), states))  # not "the Kingdom of Saudi Arabia" (a name)
                    seen = m.start()
            at = low.find(hint, at + 1)
    return sorted(out)


# --------------------------------------------------------------------------------------
# people the text itself introduces with their state and office
# --------------------------------------------------------------------------------------

#: Offices whose holder acts for the state (TIES.md s2). Heads of state / government give ``leader``.
_LEADER_OFFICES = r"President|Prime\s+Minister|Premier|Chancellor|King|Queen|Emir|Amir|Crown\s+Prince|Sultan|leader"
_OTHER_OFFICES = (r"Vice[-\s]President|(?:Foreign|Defen[cs]e|Interior|Finance|Trade|Economy|Energy|Cabinet|Deputy|"
                  r"Energy)\s+Minister|Minister(?:\s+(?:of|for)\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+(?:and\s+)?(?-i:[A-Z])\w+){0,3})?|"
                  r"(?:Foreign|Defen[cs]e|Home|Treasury|Commerce|Energy)\s+Secretary|Secretary\s+of\s+State|Secretary\s+of\s+(?-i:[A-Z])\w+|"
                  r"Ambassador|(?:special\s+|peace\s+)?envoy|(?:chief\s+)?negotiator|spokes(?:man|woman|person)|"
                  r"national\s+security\s+adviser|foreign\s+policy\s+chief")
_HONORIFIC = (r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Sheikh|Shaikh|General|Gen|Brigadier|Colonel|Col|Admiral|Rear\s+Admiral|"
              r"Lieutenant|Major|Marshal|Field\s+Marshal|Prince|Princess|HRH|H\.E)\.?\s+)")
_NAME_TOKEN = r"(?-i:[A-Z][\w'\u2019]*(?:-[A-Z]?[\w'\u2019]+)?)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:(?-i:[A-Z])\.|{_NAME_TOKEN}|bin|ibn|al|el|de|van|von|da|(?-i:Al|Abu|Abdel|Abdul)))" + "{0,3}"
#: Right after a country mention: "'s President Pervez Musharraf", " peace envoy Anthony Zinni", " Foreign Ministry
#: spokesman Boris Malakhov", " Prime Minister, Ariel Sharon".
_INTRO = re.compile(
    r"(?i:['\u2019]s)?\s+(?i:(?:Foreign\s+Ministry|Defen[cs]e\s+Ministry|Government|Cabinet|army|military|chief|top|"
    r"senior|special|acting|interim|new)\s+)" + r"{0,2}" + rf"(?P<office>(?i:{_OTHER_OFFICES}|{_LEADER_OFFICES}))"
    rf",?\s+{_HONORIFIC}{{0,2}}(?P<name>{_NAME})"
)
_NOT_A_NAME = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
                        "July August September October November December The This That He She It They We And But Said "
                        "Says Has Have Had Was Were Is Are Will Would".split())
_NOT_IN_OFFICE = re.compile(r"\b(?:former|ex|then|late|outgoing|incoming|would-be|exiled|opposition|shadow|deposed|"
                            r"ousted|future)\b[\s-]*(?:\S+\s+){0,2}$", re.IGNORECASE)


def find_introduced(text: str, mentions: list[tuple[int, int, str, str]],
                    known: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """People the text names with their state and office, and the later references to them.

    "Pakistan's President Pervez Musharraf", "Israeli Prime Minister Ariel Sharon",
    "US peace envoy Anthony Zinni", "Russian Foreign Ministry spokesman Boris Malakhov":
    the text itself says who the person acts for, so no external term is needed. The
    introduction and every later "Mr Musharraf", "General Musharraf", "Musharraf",
    "Pervez Musharraf" give ``(start, end, iso3, via)``, ``via`` ``"leader"`` for a head of
    state or government (or a "leader") and ``"official"`` otherwise. Not counted: a
    person introduced as former / then- / outgoing / opposition ..., a surname
    introduced for two states, a surname after a different given name ("Jeb Bush"),
    and people already in ``known`` (``leaders.csv`` office-holders).
    """
    people: dict[str, tuple[str, str, str]] = {}  # surname -> (iso3, via, full name)
    clash: set[str] = set()
    known_spans = [(s, e) for s, e, _, _ in known]
    taken = sorted(known_spans + [(s, e) for s, e, _, _ in mentions])
    taken_starts = [s for s, _ in taken]
    for s, e, iso, kind in mentions:
        if kind == "place":
            continue
        m = _INTRO.match(text, e)
        if not m or _NOT_IN_OFFICE.search(text[max(0, s - 40):s]):
            continue
        tokens = m.group("name").split()
        for i, tok in enumerate(tokens):
            if tok.endswith(("'s", "\u2019s")):  # "Yasser Arafat's call": the name ends at the possessive
                tokens = tokens[:i] + [tok[:-2]]
                break
        while tokens and (tokens[-1] in _NOT_A_NAME or tokens[-1].endswith(".")):
            tokens.pop()
        if not tokens or tokens[0] in _NOT_A_NAME:
            continue
        n0 = m.start("name")
        i = bisect.bisect_right(taken_starts, n0) - 1
        if i >= 0 and taken[i][0] <= n0 < taken[i][1]:
            continue  # a country word or a known office-holder
        surname = tokens[-1]
        office = m.group("office").lower()
        via = "leader" if re.fullmatch(_LEADER_OFFICES, office, re.IGNORECASE) else "official"
        if surname in people and people[surname][0] != iso:
            clash.add(surname)
        people.setdefault(surname, (iso, via, " ".join(tokens)))
    for name in clash:
        del people[name]
    if not people:
        return []
    return _references(text, people, taken)


_GIVEN_OK = re.compile(rf"(?:{_HONORIFIC}|(?i:President|Prime\s+Minister|Premier|Chancellor|King|Emir|Minister|"
                       r"Secretary|Ambassador|envoy|leader|Chairman)\s+)$")


def _references(text: str, people: dict[str, tuple[str, str, str]],
                taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """Every occurrence of the introduced people's surnames, with the full name when it precedes."""
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(people, key=len, reverse=True))
                         + r")(?![\w-])")
    out = []
    for m in pattern.finditer(text):
        iso, via, full = people[m.group()]
        start = m.start()
        given = full[: -len(m.group())].rstrip()
        if given and text.endswith(given, 0, start - 1) and text[start - 1] == " ":
            start -= len(given) + 1
        else:
            prev = re.search(r"(?-i:[A-Z])[\w'\u2019-]*\s+$", text[max(0, start - 30):start])
            if prev and not _GIVEN_OK.search(text[max(0, start - 40):start]) and prev.group().strip() not in given.split():
                continue  # another person with this surname ("Jeb Bush")
        if any(ks <= start < ke or ks < m.end() <= ke for ks, ke in taken):
            continue
        out.append((start, m.end(), iso, via))
    return out

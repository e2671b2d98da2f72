"""Text -> mentions: every country, group, organisation and historical state an article refers to.

One Aho-Corasick pass over the folded text finds every gazetteer key; candidates
are then checked at word boundaries, for case, and by the context rules below;
the leftmost-longest candidate wins ("South Sudan" over "Sudan", "Papua New
Guinea" over "Guinea", "Nigeria" over "Niger"). Cost grows linearly with text size.

Disambiguation rules (each has a test in ``tests/test_extract_traps.py``):

R1  Word boundaries: a match must not touch a letter or digit ("Oman" in "woman",
    "Mali" in "Somali"). Hyphens and apostrophes are boundaries, so hyphen
    compounds ("Armenian-American", "Israel-Azerbaijan ties") and possessives
    ("Russia's") match.
R2  Case: abbreviations (US, UK, UAE, EU, ...) match only as written ("us" the
    pronoun never does); other names need a capital first letter or an all-caps
    line ("turkey" the bird, "china" the porcelain never match). In an all-caps
    line "US" after a verb or preposition is the pronoun ("JOIN US", "TELL US"),
    elsewhere the country ("US AND IRAN TRADE THREATS").
R3  Blockers: longer phrases that contain a country word but mean something else
    win by length and produce no row: seas ("Indian Ocean", "Persian Gulf"),
    newspapers ("Middle East Eye", "Jerusalem Post"), teams and universities
    ("Georgia Tech"), policies and treaties named after places ("Mexico City
    Policy"), foods, disputed areas (Golan, Abkhazia). See blockers.csv.
R4  Web addresses and e-mail: nothing inside a URL, domain or address
    ("commonspace.eu", "www.gov.uk").
R5  People's names: a country name that is also a first or last name (Jordan,
    Chad, Israel, Georgia, India, Kenya, Virginia, Washington, ...) next to
    another capitalised word that is not a title, a country word or a known
    continuation ("Michael Jordan", "Chad Smith") is a person: no row.
R6  Georgia the US state: "Georgia"/"Georgian(s)" become the USA (kind ``place``,
    per the annotation guideline) when the sentence, or else the article, has
    more US-state cues (Atlanta, Gov., Sen., county, another US state, ...) than
    cues for the country (Tbilisi, Caucasus, Abkhazia, ...).
R7  turkey the bird: "Turkey" with Thanksgiving/poultry cues in its sentence is
    the bird: no row.
R8  Language, not nation: a demonym followed by "language", "-speaking",
    "-language", "speakers" or "-speaker", or used as a language ("written in
    Russian", "speaks French and English", "in Russian, Kazakh and English")
    is a language: no row. "Russian territory" stays RUS.
R9  Names of things: a capital or place followed by another capitalised word
    that is not a known continuation is part of a name ("Baku Energy Week",
    "Tehran Times", "Paris Hilton"): no row. Country names and demonyms inside
    a same-country entity still count ("Turkish Airlines" -> TUR, "Israel
    Defense Forces" -> ISR).
R10 America in "Latin America", "South American", ... is a region (a longer
    group entry wins by R3's longest-match rule); seats of government stand
    for their state ("the Kremlin", "Downing Street", "the Élysée"), but
    negotiation formats named after a capital do not ("the Minsk process",
    "the Astana format").

Ambiguous names are never guessed: a bare "Congo" (either Congo) and
"Korean" (either Korea) give no row; "Brussels" is the EU, not Belgium.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from regionkit import _rules_en
from regionkit._boilerplate import boilerplate_spans
from regionkit._schema import DIRECT_KINDS, MENTION_COLUMNS, MENTIONS_META
from regionkit.gazetteer import Entry, Gazetteer, fold, resolve_gazetteer

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract_mentions", "sentence_spans", "scan_text", "MENTIONS_META", "DIRECT_KINDS"]

# ---------------------------------------------------------------- context data
_PERSON_LIKE = {"jordan", "chad", "israel", "georgia", "india", "kenya", "virginia", "washington", "paris",
                "florida", "carolina", "dakota", "austin", "houston", "victoria", "chelsea", "china", "lebanon",
                "jersey", "montana", "nevada", "tennessee", "madison", "trinidad", "guinea", "cuba", "niger"}
_TITLE_WORDS = {
    "president", "king", "queen", "prince", "princess", "prime", "minister", "foreign", "defense", "defence",
    "government", "ministry", "embassy", "ambassador", "army", "military", "navy", "air", "armed", "forces",
    "police", "parliament", "state", "national", "central", "supreme", "republic", "kingdom", "federal", "royal",
    "crown", "leader", "leaders", "officials", "official", "authorities", "delegation", "mission", "consulate",
    "valley", "river", "sea", "lake", "coast", "border", "city", "province", "region", "capital", "times",
    "post", "news", "today", "airlines", "airways", "bank", "international", "university", "institute",
    "development", "investment", "energy", "oil", "gas", "railways", "railway", "television", "radio", "tv",
    "and", "or", "the", "of", "in", "on", "at", "to", "from", "for", "with", "by", "as", "a", "an", "but",
    "after", "before", "during", "while", "when", "if", "since", "than", "that", "this", "these", "those",
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "sheikh", "emir", "sultan", "general", "secretary",
    "chancellor", "speaker", "chairman", "chief", "deputy", "vice", "special", "envoy", "senior", "u", "s",
    "east", "west", "north", "south", "eastern", "western", "northern", "southern", "new", "old", "upper", "lower",
    "company", "corporation", "group", "council", "committee", "commission", "agency", "office", "department",
    "affairs", "relations", "cooperation", "agreement", "accord", "accords", "treaty", "declaration", "summit",
    "peace", "plan", "ceasefire", "war", "conflict", "crisis", "talks", "deal", "process", "negotiations",
    "reconstruction", "humanitarian", "operation", "offensive", "front", "question", "issue", "strip", "corridor",
    "people", "citizens", "nationals", "jews", "muslims", "christians", "arabs",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}
_FUNCTION_WORDS = {
    "and", "or", "the", "of", "in", "on", "at", "to", "from", "for", "with", "by", "as", "a", "an", "but", "after",
    "before", "during", "while", "when", "if", "since", "than", "that", "this", "these", "those", "both", "unlike",
    "like", "neighbouring", "neighboring", "visiting", "meanwhile", "also", "only", "even", "including", "besides",
    "against", "across", "through", "within", "without", "beyond", "toward", "towards", "under", "over", "between",
    "among", "amid", "despite", "via", "into", "about", "around", "near", "then", "today", "now", "why", "how",
    "what", "where", "who", "which", "whether", "although", "though", "because", "unless", "until", "here", "there",
    "it", "its", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "not", "no", "all", "every",
    "each", "some", "many", "most", "more", "other", "another", "such", "so", "yet", "still", "however", "said",
    "says", "told", "says", "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "should",
}
_TITLE_WORDS |= _FUNCTION_WORDS | {
    # words that start the name of a thing, not a surname ("U.S.-Georgia Strategic Partnership Charter")
    "strategic", "partnership", "charter", "commission", "dialogue", "forum", "initiative", "program",
    "programme", "fund", "center", "centre", "foundation", "alliance", "pact", "policy", "act", "framework",
    "task", "working", "business", "trade", "economic", "security", "cooperation", "joint", "bilateral",
    "relations", "association", "chamber", "board", "union", "league", "cup", "open", "team", "squad",
    "peace", "war", "crisis", "conflict", "talks", "process", "plan", "deal", "accord", "accords", "investment",
    "water", "border", "red", "green", "national", "tech", "institute", "project", "railway", "highway",
    "governor", "senator", "senate", "legislature", "attorney", "lawmakers", "congressman", "congresswoman",
    "representative", "voters", "republicans", "democrats", "primary", "election", "elections", "court",
    "dream", "parliament", "patriarch", "church", "orthodox",
}
#: words after a place that describe it rather than start a name ("Gaza Peace Plan", "Karabakh region")
_PLACE_CONTINUATIONS = _FUNCTION_WORDS | {
    "peace", "plan", "ceasefire", "war", "conflict", "crisis", "talks", "deal", "process", "negotiations",
    "reconstruction", "humanitarian", "operation", "offensive", "front", "question", "issue", "strip", "corridor",
    "city", "province", "region", "oblast", "district", "governorate", "autonomous", "republic", "territory",
    "territories", "enclave", "exclave", "islands", "island", "peninsula", "mountains", "delta", "basin", "valley", "border", "coast", "capital",
    "east", "west", "north", "south", "eastern", "western", "northern", "southern", "government", "authorities",
    "officials", "residents", "people", "president", "mayor", "governor", "airport", "port", "summit", "format",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "d", "dc",
}
_CAP_WORD = re.compile(r"[A-Z][a-z'\u2019]+\.?")
_US_CUES = re.compile(  # strong signals only: Trump, voters or "jobs" appear in Georgia-the-country news too
    r"\b(Atlanta|Savannah|Augusta|Macon|Athens, Ga|Peach State|Gov\.|Governor|Sen\.|Senator|state legislature|"
    r"state senate|county|counties|Kemp|Warnock|Ossoff|Raffensperger|Bulldogs|Falcons|Braves|Hawks|R-Ga|D-Ga|Ga\.|"
    r"Alabama|Florida|Tennessee|South Carolina|North Carolina|Texas|Ohio|Arizona|Michigan|Pennsylvania|Wisconsin|"
    r"Nevada|Virginia|Kentucky|Mississippi|Louisiana|midterms?|statehouse|Statehouse)\b"
)
_GEO_CUES = re.compile(
    r"\b(Tbilisi|Caucasus|Abkhazia|South Ossetia|Batumi|Kutaisi|Black Sea|Georgian Dream|Kobakhidze|Ivanishvili|"
    r"Zourabichvili|Saakashvili|Armenia|Azerbaijan|Russia|Kremlin|Moscow|Ukraine|Turkey|Türkiye|EU|European|NATO|"
    r"lari|Sakartvelo)\b"
)
_BIRD_CUES = re.compile(r"\b(thanksgiving|pardon\w*|poultry|gobbl\w*|feathers?|roast\w*|stuffing|drumsticks?|"
                        r"grower\w*|farm\w*|turkeys|wishbone|flock)\b", re.IGNORECASE)
_LANGUAGE_AFTER = re.compile(r"^(?:[-\s](?:speaking|language|languages|speakers?|speaker|dubbed|translation|"
                             r"translated|subtitles?|literature|grammar|alphabet|script|lessons?|class(?:es)?|teachers?))\b",
                             re.IGNORECASE)
_URL_CHARS = re.compile(r"(?:https?://|www\.|@)\S*$", re.IGNORECASE)
_GEORGIA = {"georgia", "georgian", "georgians", "georgia's"}


# --------------------------------------------------------------- sentences
_ABBREV_END = re.compile(
    r"(?:\b(?:[A-Z]\.){1,}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Capt|St|Jr|Sr|No|Nos|Art|vs|etc|e\.g|i\.e|"
    r"Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Amb|Pres|Sec|Adm|Maj|Rev|Hon|Fig|approx|"
    r"U\.S|U\.K|U\.N|D\.C)\.)$"
)
_SENT_END = re.compile(r"[.!?…]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")


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
    return bool(nxt) and nxt.group(1) in _SENTENCE_OPENERS


# ------------------------------------------------------------------- scanning
def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _in_url(text: str, start: int, end: int) -> bool:
    # the whitespace-delimited token around the match
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    n = len(text)
    while b < n and not text[b].isspace():
        b += 1
    token = text[a:b]
    if "://" in token or "www." in token.lower() or "@" in token:
        return True
    # a domain: letters.letters around the match ("commonspace.eu", "gov.uk")
    if start > 1 and text[start - 1] == "." and text[start - 2].isalnum() and not text[start - 2].isupper():
        return True
    if end + 1 < n and text[end] == "." and text[end + 1].isalpha() and text[end + 1].islower():
        return True
    return False


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


def _all_caps_line(text: str, pos: int) -> bool:
    a, b = _line_bounds(text, pos)
    letters = [c for c in text[a:b] if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _sentence_window(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    b_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    b = min(b_candidates) if b_candidates else len(text)
    return text[a:b + 1]


def _prev_word(text: str, start: int) -> str | None:
    m = re.search(r"([A-Za-z][\w'.]*)\s$", text[max(0, start - 40):start])
    if not m or text[start - 1] != " " or (start >= 2 and text[start - 2] in ",;:"):
        return None
    return m.group(1)


def _next_word(text: str, end: int) -> str | None:
    if end >= len(text) or text[end] != " ":
        return None
    m = re.match(r" ([A-Za-z][\w'.]*)", text[end:end + 40])
    return m.group(1) if m else None


def _is_name_word(word: str | None, keys: dict, allowed: set[str] = _TITLE_WORDS) -> bool:
    """A capitalised word that is not in ``allowed`` (titles, function words) and not itself a country word."""
    if not word or not _CAP_WORD.fullmatch(word) or word.isupper():
        return False
    bare = word.rstrip(".").replace("\u2019", "'").lower()
    if bare.endswith("'s"):
        bare = bare[:-2]
    return bare not in allowed and bare not in keys


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip()
    return not before or before[-1] in ".!?\n\"\u201c:" or pos == 0


class _ArticleContext:
    """Lazily computed, article-wide facts used by the context rules."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._us: list[int] | None = None
        self._geo: list[int] = []

    def georgia_is_us(self, start: int, end: int) -> bool:
        """R6: more US-state cues than cues for the country in the sentence, else in the article."""
        text = self.text
        if self._us is None:  # cue offsets, found once per article
            self._us = [m.start() for m in _US_CUES.finditer(text)]
            self._geo = [m.start() for m in _GEO_CUES.finditer(text)]
        lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
        hi = min(ends) if ends else len(text)
        us = bisect.bisect_left(self._us, hi) - bisect.bisect_left(self._us, lo)
        geo = bisect.bisect_left(self._geo, hi) - bisect.bisect_left(self._geo, lo)
        if us != geo:
            return us > geo
        return len(self._us) > len(self._geo)


_LANG_PREV = re.compile(r"\b(?:in|into|from|speak|speaks|speaking|spoke|spoken|learn|learning|learned|fluent|"
                        r"translated|translation|native|teach|teaching|taught|study|studying|write|wrote|written)"
                        r"(?:(?:\s+[A-Z][a-z]+,?){1,4}\s+(?:and|or)|(?:\s+[A-Z][a-z]+,){1,4})?\s$", re.IGNORECASE)
_LANG_NEXT = re.compile(r"(?:\s*$|\s*[.,;:!?)\]\"'\u201d\u2019]|\s+(?:and|or|as|with|to|by|on|at|for|but|is|was|"
                        r"language|languages|fluently|well|natively)\b)")


def _language_use(text: str, start: int, end: int) -> bool:
    """'written in Russian', 'speaks French and English': the demonym names a language (R8)."""
    return bool(_LANG_PREV.search(text[max(0, start - 60):start])) and bool(_LANG_NEXT.match(text, end))


_PRONOUN_PREV = frozenset(
    "JOIN TELL LET FOR WITH TO OF ABOUT HELP GIVE SHOW CONTACT FOLLOW ALL BETWEEN AMONG BEHIND BEFORE AFTER AGAINST "
    "LIKE THAN BY AROUND TOWARD TOWARDS WITHOUT WITHIN ON AT MAKE MAKES KEEP LEAVE SEND SUPPORT THANK WATCH ASK "
    "SAVE TAKE TAKES BRING BRINGS GET GETS HEAR SEE MEET FIND PROTECT FORGIVE TEACH REMIND LEAD TRUST WANT NEED "
    "LEFT GAVE TOLD SHOWED SENT MADE OR AND BOTH EACH MANY SOME NONE MOST ONE TWO THREE".split()
)


def _pronoun_us(text: str, start: int) -> bool:
    """In an all-caps line, "US" after a verb or preposition is the pronoun ("JOIN US", "TELL US WHAT")."""
    m = re.search(r"([A-Z']+)\W*$", text[max(0, start - 20):start])
    return bool(m) and m.group(1) in _PRONOUN_PREV


def _accept(entry: Entry, text: str, start: int, end: int, ctx: _ArticleContext, keys: dict) -> Entry | None:
    """Apply the context rules R4-R9; return the entry to record (maybe re-targeted) or None."""
    surface = text[start:end]
    key = surface.lower()
    if entry.case == "exact" and len(entry.surface) <= 4 and entry.surface.replace(".", "") in {"US", "USA"}:
        if surface == "US" and _all_caps_line(text, start) and _pronoun_us(text, start):  # R2
            return None
    if entry.kind == "blocker":
        return entry
    # R5 people's names
    if key in _PERSON_LIKE and entry.kind in {"name", "capital", "place"}:
        prev_w, next_w = _prev_word(text, start), _next_word(text, end)
        if _is_name_word(next_w, keys) and not _all_caps_line(text, start):
            return None
        if _is_name_word(prev_w, keys):
            return None
    # R6 Georgia the US state
    if key in _GEORGIA and entry.iso3 == "GEO" and ctx.georgia_is_us(start, end):
        return Entry(entry.surface, "USA", "place", None, entry.case, "rule R6: Georgia the US state")
    # R7 turkey the bird
    if entry.iso3 == "TUR" and key.startswith("turkey") and _BIRD_CUES.search(_sentence_window(text, start, end)):
        return None
    # R8 language
    if entry.kind == "demonym" and (_LANGUAGE_AFTER.match(text[end:end + 20]) or _language_use(text, start, end)):
        return None
    # R9 names of things built on a place or capital
    if entry.kind in {"capital", "place"} and key not in {"washington"}:
        next_w = _next_word(text, end)
        if _is_name_word(next_w, keys, _PLACE_CONTINUATIONS) and not _all_caps_line(text, start):
            return None
    if entry.kind in {"capital", "place"} and key == "washington":
        next_w = _next_word(text, end)
        if next_w and next_w.rstrip(".") in {"Post", "Times", "Examiner", "Nationals", "Commanders", "Wizards",
                                              "Capitals", "Mystics", "Irving", "Redskins", "Monthly", "Free"}:
            return None
        prev_w = _prev_word(text, start)
        if _is_name_word(prev_w, keys):
            return None
    return entry


_URL_ANCHOR = re.compile(r"\.[a-z][a-z]|://|@")
_SPACE = re.compile(r"\s")
_MAX_KEY = 80  # longer than any gazetteer key we rescan for
#: keys that need the slower context rules even when they are plain names
_RULE_KEYS = frozenset(_PERSON_LIKE | _GEORGIA | {"turkey", "us"})


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


def _resolve(keys: dict, key: str, surface: str, cache: dict) -> Entry | None:
    """The first entry of ``key`` whose case rule accepts ``surface`` (memoised per gazetteer)."""
    hit = cache.get((key, surface), False)
    if hit is False:
        hit = next((e for e in keys[key] if e.case_ok(surface)), None)
        if len(cache) > 500_000:
            cache.clear()
        cache[(key, surface)] = hit
    return hit


def scan_text(text: str | None, *, gazetteer: Gazetteer | None = None) -> list[tuple[Entry, int, int]]:
    """Find every gazetteer entry in ``text`` after all rules (blockers removed).

    Parameters
    ----------
    text
        Any string; None, NaN and non-strings give an empty list.
    gazetteer
        A :class:`regionkit.Gazetteer`; None: the current one.

    Returns
    -------
    list of (Entry, start, end)
        Sorted by ``start``; ``text[start:end]`` is the surface as written.
    """
    if not isinstance(text, str) or not text:
        return []
    gaz = resolve_gazetteer(gazetteer)
    keys = gaz.by_key
    folded = fold(text)
    n = len(text)
    ctx: _ArticleContext | None = None
    en: _rules_en.EnglishState | None = None
    urls: list[tuple[int, int]] | None = None
    out: list[tuple[Entry, int, int]] = []
    for entry, start, end in _matches(gaz.automaton, keys, text, folded, 0, n, cache=gaz.case_cache):
        if urls is None:
            urls = _url_spans(text)
        if urls and _inside(urls, start):  # R4
            continue
        if entry.kind == "blocker":
            continue
        if entry.kind == "name" and entry.surface.lower() not in _RULE_KEYS:
            accepted = entry
        else:
            if ctx is None:
                ctx = _ArticleContext(text)
            accepted = _accept(entry, text, start, end, ctx, keys)
        if accepted is not None:  # R11-R13 (regionkit/_rules_en.py)
            if en is None:
                en = _rules_en.EnglishState()
            accepted = _rules_en.check(accepted, text, start, end, en, keys)
        if accepted is not None:
            out.append((accepted, start, end))
    if en is not None and en.memory:
        out = _rules_en.resolve_memory(out, text, en)
    return out


def _matches(automaton: Any, keys: dict, text: str, folded: str, lo: int, hi: int,
             max_start: int | None = None, *, cache: dict) -> Iterator[tuple[Entry, int, int]]:
    """Leftmost-longest gazetteer matches in ``folded[lo:hi]`` that pass the boundary and case checks (R1, R2).

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
        entry = None
        if start == 0 or not text[start - 1].isalnum():
            if (end == n or not text[end].isalnum()) and not (key[-1] == "." and end < n and text[end].isalpha()):
                entry = _resolve(keys, key, text[start:end], cache)
            if entry is None:
                for p in range(end - 1, start, -1):
                    if not folded[p].isalnum() and not folded[p - 1].isspace() and folded[start:p] in keys:
                        entry = _resolve(keys, folded[start:p], text[start:p], cache)
                        if entry is not None:
                            end = p
                            break
        if entry is not None:
            yield entry, start, end
            last = end
            if end == end_idx + 1:
                continue
        # look again from the next word inside the (rest of the) match
        q = end if entry is not None else start + 1
        while q <= end_idx and folded[q - 1].isalnum() and entry is None:
            q += 1
        while q <= end_idx and not folded[q].isalnum():
            q += 1
        if q <= end_idx:
            for found in _matches(automaton, keys, text, folded, q, min(n, end_idx + 1 + _MAX_KEY), end_idx, cache=cache):
                yield found
                last = max(last, found[2])


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


# ----------------------------------------------------------------- DataFrame API
def _iter_inputs(articles: Any, text_column: str, id_column: str) -> Iterator[tuple[str, Any]]:
    import pandas as pd

    if articles is None:
        raise TypeError("extract_mentions() needs text: a str, a list of str, a Series or a DataFrame, not None")
    if isinstance(articles, str):
        yield "0", articles
        return
    if isinstance(articles, pd.DataFrame):
        if text_column not in articles.columns:
            raise ValueError(
                f"no text column {text_column!r} in the DataFrame; its columns are {list(articles.columns)} "
                f"(pass text_column=...)"
            )
        ids = articles[id_column] if id_column in articles.columns else articles.index
        yield from zip((str(i) for i in ids), articles[text_column].tolist())
        return
    if isinstance(articles, pd.Series):
        yield from zip((str(i) for i in articles.index), articles.tolist())
        return
    if isinstance(articles, (list, tuple)):
        yield from zip((str(i) for i in range(len(articles))), articles)
        return
    raise TypeError(
        f"extract_mentions() takes a str, list of str, pandas Series or DataFrame (or an iterator of DataFrames), "
        f"not {type(articles).__name__}"
    )


def _extract_one(article_id: str, text: Any, rows: list[tuple], want_sections: set[str] | None,
                 want_kinds: set[str] | None, gaz: Gazetteer) -> int:
    if not isinstance(text, str) or not text:
        return 0
    found = scan_text(text, gazetteer=gaz)
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
        append((article_id, entry, text[start:end], start, end, si, section))
        count += 1
    return count


def _frame(rows: list[tuple], names: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    if not rows:
        return MENTIONS_META.copy()
    ids, entries, surfaces, starts, ends, sentences, sections = zip(*rows)
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
    }
    return pd.DataFrame({col: pd.array(list(data[col]), dtype=dtype) for col, dtype in MENTION_COLUMNS.items()})


def extract_mentions(
    articles: Any,
    *,
    text_column: str = "text",
    id_column: str = "article_id",
    sections: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    progress: bool | None = False,
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """Find every country (and group, organisation, historical state) each article refers to.

    Parameters
    ----------
    articles
        A str, a list/tuple of str, a pandas Series (ids = index labels), a
        DataFrame (ids from ``id_column`` if present, else the index; text from
        ``text_column``), or an iterator of DataFrames (then an iterator of
        mention frames is returned, one per chunk, for streaming).
    text_column, id_column
        Column names for DataFrame input.
    sections
        Keep only mentions in these sections (``("body",)`` drops scraping
        noise). Default: both ``body`` and ``boilerplate``.
    kinds
        Keep only these kinds (default: all; see ``regionkit._schema.KINDS``).
    progress
        Show a tqdm progress bar (None: only on a terminal).
    gazetteer
        A :class:`regionkit.Gazetteer` (or a folder written by
        :meth:`~regionkit.Gazetteer.to_disk`); None: the current one (the shipped
        tables plus anything :func:`regionkit.add_aliases` added).

    Returns
    -------
    pandas.DataFrame
        One row per mention with columns ``article_id, iso3, country, surface,
        kind, group, start, end, sentence, section`` and the exact dtypes of
        :data:`MENTIONS_META`; ``text[start:end] == surface`` on every row.

    Examples
    --------
    >>> m = extract_mentions("Azerbaijan and Armenia met at the White House.")
    >>> m[["iso3", "surface", "kind"]].values.tolist()
    [['AZE', 'Azerbaijan', 'name'], ['ARM', 'Armenia', 'name'], ['USA', 'White House', 'metonym']]
    """
    import pandas as pd

    from regionkit._schema import KINDS, SECTIONS

    want_sections = None if sections is None else set([sections] if isinstance(sections, str) else sections)
    if want_sections is not None and want_sections - set(SECTIONS):
        raise ValueError(f"unknown sections {sorted(want_sections - set(SECTIONS))}; use body and/or boilerplate")
    want_kinds = None if kinds is None else set([kinds] if isinstance(kinds, str) else kinds)
    if want_kinds is not None and want_kinds - set(KINDS):
        raise ValueError(f"unknown kinds {sorted(want_kinds - set(KINDS))}; use any of {', '.join(KINDS)}")
    gaz = resolve_gazetteer(gazetteer)
    opts = dict(text_column=text_column, id_column=id_column, sections=sections, kinds=kinds, progress=progress,
                gazetteer=gaz)
    if isinstance(articles, Iterator) and not isinstance(articles, (str, pd.DataFrame, pd.Series)):
        return (extract_mentions(chunk, **opts) for chunk in articles)
    names = gaz.names
    rows: list[tuple] = []
    items = _iter_inputs(articles, text_column, id_column)
    if progress is not False:
        from tqdm.auto import tqdm

        total = len(articles) if hasattr(articles, "__len__") and not isinstance(articles, str) else None
        items = tqdm(items, total=total, unit="art", desc="extract", disable=None if progress is None else not progress)
    for article_id, text in items:
        _extract_one(article_id, text, rows, want_sections, want_kinds, gaz)
    return _frame(rows, names)

"""English context rules of issue 10: towns named after countries, people, things named after countries.

These rules are :class:`~regionkit.rules.Rule` objects (``town_in_state``, ``census_person``,
``named_thing``) that run after R1-R10 in the order of :data:`regionkit.rules.DEFAULT_RULES`,
and read their tables from the gazetteer (``data/gazetteer/``, each row with its ``source``):

R11 Towns with their state: a country, capital or place word followed by a US state (full
    name, AP abbreviation "Pa.", "Ind.", "N.Y." or postal code "PA"), a Canadian province
    ("Ont.", "Ontario"), or directly by County, Township, Borough, Parish or School District,
    is that town: "Moscow, Idaho", "Lebanon, Pa.", "Peru, Ind.", "London, Ont.", "Lebanon
    County", "Mexico Township", "Peru Central School District". With a state or province the
    row becomes a place in that country (USA, CAN: per the annotation guideline a US town is a
    place in the USA); a bare county or township gives no row. The reading is remembered for
    the article: every other bare "Moscow" is the town too, unless its own sentence names the
    country in another way ("Russia", "Russian", "the Kremlin"). Lists are not towns: in
    "Canada, Mexico, Texas and Arizona" no comma means "in the state of". "X County" stays the
    country X where that country's own subdivisions are called counties (Nairobi County).
R12 People: a country, capital or place word that is a first name in the 1990 US Census
    files (Kenya, India, Israel, Sofia, Santiago, ...) followed by a surname is a person
    ("Kenya Moore", "Israel Adesanya"); one that is a census surname after a census first
    name is a person too ("Kathy Ireland", "Tom Holland", "Dawn French"). Once a full name is
    seen, the same word alone elsewhere in the article is that person (same exception as R11).
R13 Things named after a country: a country word or demonym followed by a capitalised venue
    word is the name of a shop or venue ("the China Club", "India Palace", "Thai Kitchen");
    followed by a lower-case word of ``thing_words.csv`` it is a food, animal, plant, product
    or idiom ("Persian cat", "Afghan hound", "Burmese python", "Canada geese", "Norway rat").
    Entities of the country itself still count ("Kenya Airways", "Turkish Airlines").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from regionkit._entry import Entry
from regionkit._rule_base import (DROP, LOWER, UPPER, Article, Candidate, Many, Rule, Trigger, Verdict, Word, WordChars, accept,
                                  all_caps_line, is_name_word, line_memo, line_span)
from regionkit._sentences import sentence_of

if TYPE_CHECKING:
    import pandas as pd

    from regionkit.gazetteer import Gazetteer

__all__ = ["EnglishState", "resolve_memory", "TOWN_IN_STATE", "CENSUS_PERSON", "NAMED_THING"]

#: countries whose own subdivisions are called counties in English: "Nairobi County" is still Kenya
_COUNTY_COUNTRIES = frozenset({"KEN", "LBR", "IRL", "GBR", "TWN", "CHN", "HUN", "EST", "HRV", "NOR", "SWE",
                               "ROU", "SSD", "LTU", "POL"})
_AREA_AFTER = re.compile(
    r"[ \u00a0](?:(?:Central|Area|Community|Consolidated|Unified|Union|Independent|Regional|Public|City|Local|"
    r"Joint|Elementary|Township|County)[ \u00a0])*(?:School District|School Districts|School Board|Schools|"
    r"Counties|County|Township|Twp\.|Borough|Parish)\b")
#: given names that are also common capitalised words at a sentence start or before a country word
_NOT_FIRST_NAMES = frozenset(
    "will may june august april grant mark bill art guy young long king rose joy hope faith major christian "
    "sterling royal prince duke earl golden noble frank page cash gay love dean chance summer winter autumn "
    "general minister president said see sun van von de la le du del della al el ben bin du ali "
    "north south east west central little new old great upper lower saint san santa st fort mount lake "
    "premier judge pastor father sister brother lord lady chief the an in on at to for and or but".split())
_FIRST_NAME_EXTRA = frozenset({"ireland", "egypt", "cuba", "kenya", "india", "china", "israel", "jordan"})
_FIRST_NAME_KEYS = ("given_names.csv:word", _FIRST_NAME_EXTRA)  # R12's trigger: keys that may be a first name
#: R11's trigger: the state forms state_re matches after ", " (their upper-case variants: second letter any case)
_STATE_FORMS = ("admin_areas.csv:name", "admin_areas.csv:ap")
_POSTAL = "admin_areas.csv:postal"  # two letters, then what state_re allows after a postal code
#: words after a first name that start a name of an organisation, team or product, not a surname
_ORG_AFTER = frozenset(
    "telecom telecoms mobile daily southern eastern unicom power rugby football cricket hockey soccer basketball "
    "women men coach captain squad first national inter info tourism trade ltd inc plc group holdings "
    "petroleum gas oil motors steel cement railways rail post today times herald tribune standard".split())
_WORD_AFTER = re.compile(r"[ \u00a0]([A-Za-z][\w'\u2019.\-]*)")
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)[ \u00a0]$")


# ---------------------------------------------------------------------- tables
_COLUMNS = {"admin_areas.csv": ["name", "postal", "ap", "iso3"], "thing_words.csv": ["word", "kind"],
            "given_names.csv": ["word"], "surname_keys.csv": ["word"]}


#: rules whose candidates the scanners send to the chain only when :func:`may_fire` says so
GUARDED = frozenset({"town_in_state", "census_person", "named_thing", "town_described"})
_AREA_FIRST = frozenset("Central Area Community Consolidated Unified Union Independent Regional Public City Local "
                        "Joint Elementary Township County School Schools Counties Twp. Borough Parish".split())
_NEXT = re.compile(r"[ \u00a0]([A-Za-z][\w'\u2019.\-]*)")
#: R14 (regionkit._rules_towns): a settlement description after a town's name
_SETTLEMENT = (r"(?:city|cities|town|village|borough|township|hamlet|community|communities|municipality|"
               r"census[- ]designated place|suburb|county seat|seat|neighbou?rhood|city-county|resort|"
               r"parish seat|unincorporated area)")
#: "X is a city in", "X was the county seat of", "X, a small town in", "X is the largest city and county seat of"
_DESCRIBED = re.compile(
    r"(?:[ \u00a0]+(?:is|was|remains|became)(?:[ \u00a0]+(?:now|also|still))?|,)[ \u00a0]+(?:a|an|the)"
    r"(?:[ \u00a0]+[\w'\u2019-]+){0,4}?[ \u00a0]+" + _SETTLEMENT + r"s?\b")


def describes_town(text: str, end: int) -> bool:
    """The cheap part: is ``text[end:]`` a settlement description ("is a city", ", a town")?"""
    return _DESCRIBED.match(text, end, end + 120) is not None


#: how a description of a town starts (R14, regionkit._rules_towns): "Lima is a", "Vienna, a town"
_DESCRIBED_START = (" is a", " is the", " was a", " was the", " is an", " was an", ", a ", ", an ", ", the ",
                    " remains a", " became a", " is now a", " is also a", " is still a", " was also a")


def may_fire(text: str, start: int, end: int, kind: str, key: str, tables: dict[str, Any]) -> bool:
    """Static guard of R11-R13 (text only, cheap): False when none of them can change the candidate.

    A superset of what the checks look at: a town description (R14, "Lima is a city in ..."), a comma +
    a state form, a space + an area word, a venue
    word, a surname after a first-name key, a thing word; a first name before a surname key.
    """
    nxt = text[end:end + 1]
    if kind != "demonym" and text.startswith(_DESCRIBED_START, end):  # R14 "Lima is a city in ..."
        if describes_town(text, end):
            return True
    if nxt == ",":
        return text[end + 1:end + 5].lstrip()[:3] in tables["pre_state"]
    if key in tables["surname_keys"] and text[start - 1:start] in (" ", "\u00a0"):
        return True
    if nxt not in (" ", "\u00a0"):
        return False
    after = text[end + 1:end + 3]
    if after[:1].islower() and after not in tables["pre_thing"]:
        return False
    m = _NEXT.match(text, end)
    if not m:
        return False
    word = m.group(1)
    if word[:1].isupper():
        return word in _AREA_FIRST or word.rstrip(".,").lower() in tables["venue"] or key in tables["first"]
    return word.rstrip(".,") in tables["thing"]


def _tables(gaz: Gazetteer) -> dict[str, Any]:
    """The R11-R13 lookups built from the gazetteer's tables (once per gazetteer)."""
    return gaz.memo("rules_en.tables", lambda: _build_tables(gaz))


def _build_tables(gaz: Gazetteer) -> dict[str, Any]:
    import pandas as pd

    def read(name: str) -> pd.DataFrame:  # a gazetteer folder without the table: the rule finds nothing
        df = gaz.tables.get(name)
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS[name]}) if df is None else df

    admin = read("admin_areas.csv")
    full, abbr, postal = {}, {}, {}
    for name, code, ap, iso3 in zip(admin["name"], admin["postal"], admin["ap"], admin["iso3"]):
        full[name] = iso3
        full[name.upper()] = iso3
        postal[code] = iso3
        if ap and ap != name:
            abbr[ap] = iso3
            abbr[ap.upper()] = iso3
    things = read("thing_words.csv")
    def alt(keys: dict) -> str:  # longest first; an empty table matches nothing
        return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)) or "(?!)"

    state_re = re.compile(
        r",[ \u00a0]*(?:(?P<abbr>" + alt(abbr) + r")(?![A-Za-z])|(?P<full>" + alt(full) + r")(?![A-Za-z])"
        r"|(?P<postal>" + alt(postal) + r")(?=[ \u00a0]*(?:\d{5}(?:-\d{4})?)?[ \u00a0]*(?:[.,;:)\u2013\u2014-]|$|\n|"
        r"\(AP\))))")
    given = frozenset(read("given_names.csv")["word"]) - _NOT_FIRST_NAMES
    return {
        # guard of may_fire: first three characters after ", " of any state form; first-name keys
        "pre_state": frozenset(k[:3] for k in [*full, *abbr]) | frozenset(k + c for k in postal for c in " ,.;:)\n"),
        "first": given | _FIRST_NAME_EXTRA,
        "pre_thing": frozenset(w[:2] for w in things["word"] if w and w[:1].islower()),
        "state_re": state_re,
        "full": full, "abbr": abbr, "postal": postal,
        "given": frozenset(read("given_names.csv")["word"]) - _NOT_FIRST_NAMES,
        "surname_keys": frozenset(k for k in read("surname_keys.csv")["word"] if len(k) >= 4 and not k.endswith("s")),
        "venue": frozenset(things.loc[things["kind"] == "venue", "word"].str.lower()),
        "thing": frozenset(things.loc[things["kind"] != "venue", "word"]),
    }


# ----------------------------------------------------------------------- state
class EnglishState:
    """Per-article memory of R11/R12: which words were read as a town or a person, and how."""

    __slots__ = ("memory", "origin")

    def __init__(self) -> None:
        #: folded key -> replacement (an Entry for a town in a state, None for "no row")
        self.memory: dict[str, Any] = {}
        #: offsets of the mentions that established the reading (they are final)
        self.origin: set[int] = set()

    def remember(self, key: str, value: Any, start: int) -> None:
        self.memory.setdefault(key, value)
        self.origin.add(start)


_DROP = object()  # sentinel: no row


_LIST_NEXT = re.compile(r",?[ \u00a0]+(?:and|or)[ \u00a0]+([A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)|,[ \u00a0]*([A-Z][\w.]*(?:[ \u00a0][A-Z][\w.]*)?)")
_COUNTRY_AFTER = re.compile(r",[ \u00a0]*(?:U\.S\.A?\.?|USA|US|United States|Canada)\b")


def _in_list(text: str, start: int, state_end: int, state: str, kind: str, tables: dict, keys: dict) -> bool:
    """'Canada, Mexico, Texas and Arizona', 'Moscow, Washington and Beijing': a list, not 'in the state of'."""
    if re.search(r"\w,[ \u00a0]$", text[max(0, start - 3):start]):
        return True  # the word itself is an item of a comma list
    if _COUNTRY_AFTER.match(text, state_end):
        return False
    ambiguous = state.lower() in {"georgia", "washington"}  # also a country / a capital
    if ambiguous and kind == "name" and not re.match(r"[ \u00a0]*(?:,[ \u00a0]*[a-z]|[\u2013\u2014(-])", text[state_end:]):
        return True  # "Russia, Georgia and Armenia": two countries
    m = _LIST_NEXT.match(text, state_end)
    if not m:
        return False
    nxt = (m.group(1) or m.group(2)).rstrip(".")
    words = [nxt, nxt.split()[0].rstrip(".")]
    return any(w in tables["full"] or (ambiguous and w.lower() in keys) for w in words)


def _town(entry: Any, text: str, start: int, end: int, tables: dict, keys: dict) -> Any:
    """R11: the town reading of ``text[start:end]`` (an Entry in USA/CAN, _DROP, or None when not a town)."""
    nxt = text[end:end + 1]
    if nxt == ",":
        m = tables["state_re"].match(text, end)
        if m is None:
            return None
        if m.group("full"):
            state = m.group("full")
            if _in_list(text, start, m.end(), state, entry.kind, tables, keys):
                return None
            iso3 = tables["full"][state]
        elif m.group("abbr"):
            iso3 = tables["abbr"][m.group("abbr")]
        else:
            iso3 = tables["postal"][m.group("postal")]
        if entry.iso3 == iso3 and entry.kind != "name":
            return None  # "Portland, Maine", "Toronto, Ontario": the same country anyway
        return Entry(entry.surface, iso3, "place", None, entry.case, "rule R11: town in a US state or province")
    if nxt in (" ", "\u00a0") and _AREA_AFTER.match(text, end):
        if entry.iso3 in _COUNTY_COUNTRIES and re.match(r"[ \u00a0]Count", text[end:end + 7]):
            return None
        return _DROP
    return None


def _person(entry: Any, text: str, start: int, end: int, key: str, tables: dict, keys: dict,
            titles: frozenset[str]) -> bool:
    """R12: is the word a first name followed by a surname, or a surname after a first name?"""
    if key in tables["surname_keys"] and start > 1:
        m = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if m and m.group(1).lower() in tables["given"] and not all_caps_line(text, start):
            return True
    if (key in tables["given"] or key in _FIRST_NAME_EXTRA) and entry.kind in {"name", "capital", "place"}:
        m = _WORD_AFTER.match(text, end)
        if m:
            word = m.group(1)
            if word.rstrip(".").lower() not in _ORG_AFTER and is_name_word(word, keys, titles) \
                    and not all_caps_line(text, start):
                return True
    return False


def _thing(entry: Any, text: str, end: int, tables: dict) -> bool:
    """R13: a venue name ("the China Club") or a thing named after the country ("Persian cat")."""
    m = _WORD_AFTER.match(text, end)
    if not m:
        return False
    word = m.group(1).rstrip(".,")
    low = word.lower()
    if word[:1].isupper():
        return low in tables["venue"] and entry.kind in {"name", "demonym"} and not _title_case_line(text, end)
    return word in tables["thing"]


def _title_case_line(text: str, pos: int) -> bool:
    """A headline in title case ("China Store Sales Fall"): capitalised words say nothing there."""
    a, b = line_span(text, pos)  # found once per text: linear on long one-line texts (issue 13.3)
    memo = line_memo(text)
    key = ("title", a)
    if key not in memo:
        words = re.findall(r"[A-Za-z]+", text[a:b])
        memo[key] = 3 <= len(words) <= 16 and (
            sum(w[0].isupper() for w in words if len(w) > 3) >= 0.8 * max(1, sum(len(w) > 3 for w in words)))
    return memo[key]


def resolve_memory(out: list, text: str, state: EnglishState, spans: list[tuple[int, int]]) -> list:
    """Apply the article memory of R11/R12 to every other bare mention of a remembered word.

    ``spans`` are the article's sentences (:func:`regionkit.extract.sentence_spans`).
    """
    if not state.memory:
        return out
    result = []
    for entry, start, end in out:
        key = text[start:end].lower()
        if key not in state.memory or start in state.origin or entry.iso3 is None:
            result.append((entry, start, end))
            continue
        lo, hi = sentence_of(spans, start)  # the one sentence definition (regionkit._sentences)
        turns = any(lo <= s < hi and e.iso3 == entry.iso3 and text[s:t].lower() != key
                    for e, s, t in out if e.kind in {"name", "demonym", "capital", "metonym"})
        if turns:
            result.append((entry, start, end))
            continue
        repl = state.memory[key]
        if repl is not None:
            result.append((repl, start, end))
    return result


# ----------------------------------------------------------------------- the rules
def _state(c: Candidate) -> EnglishState:
    return c.article.memo("rules_en.state", EnglishState)


def _check_town(c: Candidate) -> Verdict:
    if c.entry.iso3 is None:
        return None
    town = _town(c.entry, c.text, c.start, c.end, _tables(c.gazetteer), c.gazetteer.by_key)
    if town is None:
        return None
    _state(c).remember(c.key, None if town is _DROP else town, c.start)
    return DROP if town is _DROP else accept(town)


def _check_person(c: Candidate) -> Verdict:
    if c.entry.iso3 is None:
        return None
    gaz = c.gazetteer
    titles = gaz.memo("rules.titles", lambda: c.words("name_titles") | c.words("function_words"))
    if _person(c.entry, c.text, c.start, c.end, c.key, _tables(gaz), gaz.by_key, titles):
        _state(c).remember(c.key, None, c.start)
        return DROP
    return None


def _check_thing(c: Candidate) -> Verdict:
    if c.entry.iso3 is not None and _thing(c.entry, c.text, c.end, _tables(c.gazetteer)):
        return DROP
    return None


def _finish(found: list, article: Article) -> list:
    """R11/R12 article memory: every other bare mention of a remembered word gets the same reading."""
    state = article.memo("rules_en.state", EnglishState)
    return resolve_memory(found, article.text, state, article.sentences) if state.memory else found


TOWN_IN_STATE = Rule(
    "town_in_state",
    """A country, capital or place word followed by a US state or Canadian province ("Moscow, Idaho",
    "Lebanon, Pa.", "London, Ont.": admin_areas.csv) is that town, a place in the USA or Canada; directly
    followed by County, Township, Borough or School District it gives no row ("Mexico Township"). The
    reading holds for the whole article unless a sentence names the country another way.""",
    _check_town, kinds={"name", "capital", "place"}, finish=_finish, label="R11",
    # state_re: ",", spaces, a state form (each starts with a capital: test_rules_en); _AREA_AFTER: " County" ...
    trigger=(Trigger(after=(",", Many(" \u00a0"), Word(_STATE_FORMS, ignore_case=True, prefix=True))),
             Trigger(after=(",", Many(" \u00a0"), WordChars(_POSTAL, 0), WordChars(_POSTAL, 1),
                            " \u00a0\n(0123456789.,;:)\u2013\u2014-\x00")),
             Trigger(after=(" \u00a0", Word(_AREA_FIRST)))),
)
CENSUS_PERSON = Rule(
    "census_person",
    """A country, capital or place word that is a first name of the 1990 US Census (given_names.csv:
    Kenya, India, Israel, ...) followed by a surname, or a census surname (surname_keys.csv) after a
    first name, is a person: no row ("Kenya Moore", "Kathy Ireland"); the same word alone later in the
    article is that person too.""",
    _check_person, kinds={"name", "capital", "place", "demonym"}, finish=_finish, label="R12",
    # _WORD_BEFORE "Kathy Ireland" / _WORD_AFTER + is_name_word "Kenya Moore"
    trigger=(Trigger(keys="surname_keys.csv:word", before=(" \u00a0", Many(LOWER), UPPER)),
             Trigger(keys=_FIRST_NAME_KEYS, after=(" \u00a0", UPPER, LOWER + "'\u2019"))),
)
NAMED_THING = Rule(
    "named_thing",
    """A country word or demonym followed by a venue word is a shop or venue ("the China Club", "India
    Palace"); followed by a lower-case word of thing_words.csv it is a food, animal, plant or product
    ("Persian cat", "Afghan hound", "Canada geese"): no row. "Kenya Airways" still counts.""",
    _check_thing, kinds={"name", "capital", "place", "demonym"}, label="R13",
    # _WORD_AFTER: a capitalised venue word, or a thing word
    trigger=Trigger(after=(" \u00a0", Word("thing_words.csv:word", ignore_case=True))),
)

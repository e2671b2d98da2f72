"""The context rules regionkit ships (English news text), as :class:`~regionkit.rules.Rule` objects.

Each check reads its word lists from the gazetteer (``data/gazetteer/rules/*.csv``)
through the candidate, so a user gazetteer can change the words without code.
The order they run in is :data:`regionkit.rules.DEFAULT_RULES`.
"""

from __future__ import annotations

import bisect
import re

from regionkit._rule_base import DROP, LOWER, UPPER, Candidate, Many, Rule, Trigger, Verdict, Word, accept
from regionkit._rules_language import LANGUAGE

#: the triggers (necessary conditions, checked before the rule; tests/test_rule_triggers.py proves them on the test texts)
_NEXT_NAME_WORD = Trigger(after=(" ", UPPER, LOWER + "'\u2019"))  # next_word() + is_name_word(): " Xy..."
_PREV_NAME_WORD = Trigger(before=(" ", Many(LOWER + "'."), UPPER))  # prev_word() + is_name_word(): "Xy.. " before

__all__ = ["US_PRONOUN", "PERSON_NAME", "GEORGIA_US_STATE", "TURKEY_BIRD", "LANGUAGE", "NAME_OF_THING",
           "WASHINGTON_NAME"]

_LAST_CAPS_WORD = re.compile(r"([A-Z']+)\W*$")


def _titles(c: Candidate) -> frozenset[str]:
    """Words that may stand next to a name without making it a person's name: titles and function words."""
    return c.gazetteer.memo("rules.titles", lambda: c.words("name_titles") | c.words("function_words"))


def _us_pronoun(c: Candidate) -> Verdict:
    e = c.entry
    if e.case != "exact" or len(e.surface) > 4 or e.surface.replace(".", "") not in {"US", "USA"}:
        return None
    if c.surface == "US" and c.all_caps_line():
        m = _LAST_CAPS_WORD.search(c.text[max(0, c.start - 20):c.start])
        if m and m.group(1) in c.words("pronoun_before"):
            return DROP
    return None


US_PRONOUN = Rule(
    "us_pronoun",
    """In a line in capitals, "US" after a verb or preposition (pronoun_before.csv) is the pronoun
    ("JOIN US", "TELL US WHAT"), elsewhere the country ("US AND IRAN TRADE THREATS").""",
    _us_pronoun, keys={"us"}, words=("pronoun_before",), label="R2",
)


def _person_name(c: Candidate) -> Verdict:
    titles = _titles(c)
    if c.is_name_word(c.next_word(), titles) and not c.all_caps_line():
        return DROP
    if c.is_name_word(c.prev_word(), titles):
        return DROP
    return None


PERSON_NAME = Rule(
    "person_name",
    """A country, capital or place name that is also a first or last name (person_like.csv: Jordan,
    Chad, Israel, Georgia, Washington, ...) next to another capitalised word that is not a title, a
    function word or itself a gazetteer word is a person: no row ("Michael Jordan", "Chad Smith").""",
    _person_name, kinds={"name", "capital", "place"}, keys="person_like",
    words=("person_like", "name_titles", "function_words"), label="R5",
    trigger=(_NEXT_NAME_WORD, _PREV_NAME_WORD),
)


def _cue_offsets(c: Candidate) -> tuple[list[int], list[int]]:
    text = c.text
    return ([m.start() for m in c.regex("us_state_cues").finditer(text)],
            [m.start() for m in c.regex("georgia_country_cues").finditer(text)])


def _georgia_us_state(c: Candidate) -> Verdict:
    if c.entry.iso3 != "GEO":
        return None
    us_all, geo_all = c.article.memo("rules.georgia_cues", lambda: _cue_offsets(c))
    lo, hi = c.sentence()
    us = bisect.bisect_left(us_all, hi) - bisect.bisect_left(us_all, lo)
    geo = bisect.bisect_left(geo_all, hi) - bisect.bisect_left(geo_all, lo)
    is_us = us > geo if us != geo else len(us_all) > len(geo_all)
    return accept(c.retarget("USA", "place", "rule georgia_us_state: Georgia the US state")) if is_us else None


GEORGIA_US_STATE = Rule(
    "georgia_us_state",
    """"Georgia"/"Georgian(s)" (georgia_keys.csv) become the USA (kind place, per the annotation
    guideline) when the sentence, or else the article, has more US-state cues (us_state_cues.csv:
    Atlanta, Gov., county, another US state, ...) than cues for the country
    (georgia_country_cues.csv: Tbilisi, Caucasus, Abkhazia, ...).""",
    _georgia_us_state, keys="georgia_keys", words=("georgia_keys", "us_state_cues", "georgia_country_cues"),
    label="R6", trigger=Trigger(cue="us_state_cues"),  # no US-state cue in the article: never the USA
)


def _turkey_bird(c: Candidate) -> Verdict:
    if c.entry.iso3 == "TUR" and c.regex("bird_cues", re.IGNORECASE).search(c.sentence_text()):
        return DROP
    return None


TURKEY_BIRD = Rule(
    "turkey_bird",
    """"Turkey" in a sentence with Thanksgiving or poultry words (bird_cues.csv: pardon*, roast*,
    feathers, ...) is the bird: no row.""",
    _turkey_bird, keys={"turkey"}, words=("bird_cues",), label="R7",
    trigger=Trigger(cue="bird_cues", cue_flags=re.IGNORECASE),
)


def _name_of_thing(c: Candidate) -> Verdict:
    if c.key == "washington":
        return None
    allowed = c.gazetteer.memo("rules.continuations", lambda: c.words("place_continuations") | c.words("function_words"))
    if c.is_name_word(c.next_word(), allowed) and not c.all_caps_line():
        return DROP
    return None


NAME_OF_THING = Rule(
    "name_of_thing",
    """A capital or place followed by another capitalised word that does not describe it
    (place_continuations.csv: region, talks, government, ...) is part of a name ("Baku Energy Week",
    "Tehran Times", "Paris Hilton"): no row. Country names and demonyms are not affected ("Turkish
    Airlines" stays TUR).""",
    _name_of_thing, kinds={"capital", "place"}, words=("place_continuations", "function_words"), label="R9",
    trigger=_NEXT_NAME_WORD,
)


def _washington_name(c: Candidate) -> Verdict:
    nxt = c.next_word()
    if nxt and nxt.rstrip(".") in c.words("washington_names"):
        return DROP
    if c.is_name_word(c.prev_word(), _titles(c)):
        return DROP
    return None


WASHINGTON_NAME = Rule(
    "washington_name",
    """"Washington" stands for the US government except before a newspaper or team word
    (washington_names.csv: Post, Times, Nationals, ...) or after a first name ("Denzel Washington").""",
    _washington_name, kinds={"capital", "place"}, keys={"washington"}, words=("washington_names", "name_titles",
                                                                              "function_words"), label="R9",
    trigger=(Trigger(after=(" ", Word("washington_names"))), _PREV_NAME_WORD),
)

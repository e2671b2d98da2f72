"""Language names and currency codes are not countries (English news text; rules ``language``, ``currency_code``).

The decision (annotation guideline, "Language names, currency codes and airport codes are not
countries"): a demonym that names a *language* gives no row; a demonym that qualifies a noun of the
nation stays the country. English marks the language reading in four ways, each read from a word list
of ``data/gazetteer/rules/`` (so a user gazetteer can change them without code):

1. a language word after the demonym (``language_after.csv``): "a Polish-language edition",
   "Spanish-speaking", "Russian speakers", "English subtitles", "the Greek word for", "Russian is spoken";
2. a language verb or preposition before it (``language_before.csv``: "in", "speaks", "taught",
   "translated from the", "fluency in", "her" ...), optionally with a modifier
   (``language_modifiers.csv``: fluent, halting, broken, the original, ...), **and** nothing after it
   that the demonym could qualify: the next thing is punctuation, the end, or a word of
   ``language_next.csv`` ("and", "with", "from", "at", "when", ...). "taught Japanese at a school",
   "subtitled in Greek.", "translated from the Dutch by ..." are languages; "in Russian territory",
   "to German buyers", "Japanese officials", "a Dutch court" stay countries;
3. a list (of demonyms and language names, ``language_names.csv`` from CLDR) decides as one: in
   "in Arabic and Hebrew", "speaks fluent Russian and some Ukrainian",
   "in English, French and Spanish" every item is a language when the list is introduced by (2) and its
   *last* item is not followed by a noun; "in Russian and Chinese hands" keeps both countries;
4. nothing else: a bare sentence-initial demonym ("Japanese is hard") is left to the country reading
   unless (1) applies ("Japanese is spoken").

``currency_code``: "US" glued to a dollar sign ("US$25", "$US 40") is a currency code, not the USA.
"""

from __future__ import annotations

import re

from regionkit._rule_base import DROP, SPACE, Candidate, Rule, Trigger, Verdict

__all__ = ["LANGUAGE", "CURRENCY_CODE"]

_ITEM = r"[A-Z][a-z]+"
#: a list separator: ", " / " and " / ", and " / " or "
_SEP = r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+)"


def _alt(words: frozenset[str], reverse: bool = False) -> str:
    if not words:  # a user gazetteer without this list: the part never matches
        return "(?!)"
    forms = sorted((w[::-1] if reverse else w for w in words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in forms)


def _patterns(c: Candidate) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    mods = r"(?:(?i:" + _alt(c.words("language_modifiers")) + r")[ \t]+)?"
    after = re.compile(r"(?i:[-\s](?:" + _alt(c.words("language_after")) + r"))\b")
    # "cue, modifier, then 0-5 earlier list items" right before the candidate, written backwards and
    # matched on the reversed text before it: one anchored match instead of a search over the window
    rmods = r"(?:[ \t]+(?i:" + _alt(c.words("language_modifiers"), reverse=True) + r"))?"
    rsep = r"(?:(?:[ \t]+(?:dna|ro))?[ \t]*,[ \t]*|[ \t]+(?:dna|ro)[ \t]+)"
    before = re.compile(r"(?:" + rmods + rsep + r"[a-z]+[A-Z])" + r"{0,5}" + rmods + r"[ \t]+(?i:"
                        + _alt(c.words("language_before"), reverse=True) + r")\b")
    tail = re.compile(_SEP + mods + "(" + _ITEM + r")\b")
    nxt = re.compile(r"[ \t]*(?:$|[\n.,;:!?)\]\"'\u201d\u2019]|(?i:" + _alt(c.words("language_next")) + r")\b)")
    return after, before, tail, nxt


def _list_end(c: Candidate, tail: re.Pattern) -> int:
    """End of the list the candidate opens or is inside: "Russian and Hebrew", "English, French and Spanish".

    The list goes on over demonyms and language names (language_names.csv, CLDR) only, so in
    "in Turkish, Kurds are" it ends at "Turkish".
    """
    text, last = c.text, c.end
    names, keys = c.words("language_names"), c.gazetteer.by_key
    for _ in range(6):
        m = tail.match(text, last)
        if m is None:
            break
        word = m.group(1).lower()
        if word not in names and not any(e.kind == "demonym" for e in keys.get(word, ())):
            break
        last = m.end()
    return last


def _language(c: Candidate) -> Verdict:
    after, before, tail, nxt = c.gazetteer.memo("rules.language3", lambda: _patterns(c))
    text, start = c.text, c.start
    last = _list_end(c, tail)
    if after.match(text, last):
        return DROP
    if start and text[start - 1] in " \t," and nxt.match(text, last) and before.match(text[max(0, start - 90):start][::-1]):
        return DROP
    return None


LANGUAGE = Rule(
    "language",
    """A demonym used as a language name is not the nation: no row. Followed by a language word
    ("Polish-language", "Spanish-speaking", "Russian speakers", "English subtitles": language_after.csv), or
    after a language verb or preposition (language_before.csv: "subtitled in Greek", "taught Japanese",
    "translated from the Dutch", "speaks fluent Russian": language_modifiers.csv) when nothing follows that it
    could qualify (language_next.csv). A list decides as one by its last item ("in Arabic and Hebrew" are
    languages; "in Russian and Chinese hands" are countries). "Japanese officials", "a Dutch court" stay.""",
    _language, kinds={"demonym"}, words=("language_after", "language_before", "language_modifiers", "language_next",
                                        "language_names"),
    label="R8",
    # necessary (issue 14 triggers): after.match at the list end needs [-\s] at the end of the candidate or a list
    # going on (its separator starts with [ \t,]); before.search ends in [ \t,] (or a final newline) before it
    trigger=(Trigger(after=("-," + SPACE,)), Trigger(before=(" \t,\n",))),
)

_DIGIT_AFTER = re.compile(r"[ \t]?\d")


def _currency_code(c: Candidate) -> Verdict:
    text, start, end = c.text, c.start, c.end
    if end < len(text) and text[end] == "$":
        return DROP
    if start and text[start - 1] == "$" and _DIGIT_AFTER.match(text, end):
        return DROP
    return None


CURRENCY_CODE = Rule(
    "currency_code",
    """"US" glued to a dollar sign is the currency code of the US dollar, not a mention of the country
    ("US$25", "$US 1,000"; the annotation guideline: currency codes are not countries).""",
    _currency_code, kinds={"name"}, keys={"us"},
    trigger=(Trigger(after=("$",)), Trigger(before=("$",))),
)

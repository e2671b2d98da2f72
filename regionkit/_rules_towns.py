"""R14 ``town_described``: a town that the text itself describes as lying in a US state or Canadian province.

Gazetteer-style and local-news prose introduces a town by what it is and where: "Lima is a city in
and the county seat of Allen County, Ohio", "Cairo is the southernmost city in Illinois", "Athens is
a consolidated city-county in the U.S. state of Georgia", "Vienna, a town in Fairfax County,
Virginia". A country, capital or place word followed by such a description (``is/was a|an|the ...
city|town|village|borough|county seat|...``, or the same as an apposition after a comma) whose
sentence then names a US state, the USA, a Canadian province or Canada (``admin_areas.csv``) before
any other country is that town: a place in the USA or Canada (the annotation guideline counts a US
town as a place in the USA). "Lima is a city in Peru", "Paris is the capital of France" are left alone.

The reading is remembered for the article with R11's memory (:mod:`regionkit._rules_en`): every other
bare "Lima" is the town too, unless its own sentence names the country another way.
"""

from __future__ import annotations

import re
from regionkit._entry import Entry
from regionkit._rule_base import Candidate, Rule, Trigger, Verdict, accept
from regionkit._rules_en import _DESCRIBED, _finish, _state, _tables

__all__ = ["TOWN_DESCRIBED"]

_AMBIGUOUS_STATES = {"georgia": "GEO", "washington": "USA"}  # also a country / a capital
_TOKEN = re.compile(r"[A-Z][\w.'\u2019-]*(?:[ \u00a0]+[A-Z][\w.'\u2019-]*)*|[a-z][\w'\u2019-]*|\d[\d,.]*|[;:()\"!?]|\.(?=\s)")
#: the words a "where" phrase is made of ("in and the county seat of", "about 20 miles north of")
_PHRASE_WORDS = frozenset(
    "in and of the a an near outside located situated just about some miles mile kilometres kilometers km north "
    "south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern county counties seat parish parishes state province "
    "part along lies on within".split())


def _anchors(c: Candidate) -> dict[str, str]:
    """Names that place a town in the USA or Canada: states, provinces, the two countries' names."""
    def build() -> dict[str, str]:
        t = _tables(c.gazetteer)
        out = {name: iso3 for name, iso3 in t["full"].items() if name[:1].isupper() and not name.isupper()}
        for surface, entries in c.gazetteer.by_key.items():
            iso3 = next((e.iso3 for e in entries if e.kind == "name"), None)
            if iso3 in {"USA", "CAN"}:
                out.setdefault(surface, iso3)
        return out
    return c.gazetteer.memo("rules.town_described.anchors", build)


def _name_iso3(c: Candidate, run: str) -> str | None:
    """ISO3 of the first place name in a run of capitalised words (longest name first at each word)."""
    anchors, keys = _anchors(c), c.gazetteer.by_key
    words = run.split()
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            name = re.sub(r"(?:['\u2019]s)?[.,]*$", "", " ".join(words[i:j]))
            low = name.lower()
            if name in anchors or low in anchors:
                if low in _AMBIGUOUS_STATES and c.entry.iso3 == _AMBIGUOUS_STATES[low]:
                    return _AMBIGUOUS_STATES[low]  # "Batumi is a city in Georgia": the country
                return anchors.get(name) or anchors[low]
            entry = next((e for e in keys.get(low, ()) if e.kind in {"name", "demonym", "capital", "place"}), None)
            if entry is not None and entry.iso3 is not None and low != c.key:
                return str(entry.iso3)
    return None


def _where(c: Candidate, start: int, stop: int) -> str | None:
    """Where the description puts the town: the ISO3 of the first place name in its phrase ("in and the
    county seat of Allen County, Ohio"), or None when the phrase ends first ("a city where ...")."""
    for m in _TOKEN.finditer(c.text, start, stop):
        tok = m.group()
        if tok[:1].isupper():
            iso3 = _name_iso3(c, tok)
            if iso3 is not None:
                return iso3
        elif tok[:1].isdigit() or tok in _PHRASE_WORDS:
            continue
        else:
            return None
    return None


def _town_described(c: Candidate) -> Verdict:
    e = c.entry
    if e.iso3 is None or e.iso3 in {"USA", "CAN"}:
        return None
    m = _DESCRIBED.match(c.text, c.end, c.end + 120)
    if m is None:
        return None
    iso3 = _where(c, m.end(), m.end() + 200)  # the phrase ends at its first other word, before the sentence does
    if iso3 not in {"USA", "CAN"}:
        return None
    town = Entry(e.surface, iso3, "place", None, e.case, "rule R14: town described as in a US state or province")
    _state(c).remember(c.key, town, c.start)
    return accept(town)


TOWN_DESCRIBED = Rule(
    "town_described",
    """A country, capital or place word that the sentence describes as a settlement in a US state or
    Canadian province ("Lima is a city in Allen County, Ohio", "Cairo is the southernmost city in
    Illinois", "Vienna, a town in Fairfax County, Virginia") is that town, a place in the USA or Canada;
    "Lima is a city in Peru" stays. The reading holds for the article (R11's memory).""",
    _town_described, kinds={"name", "capital", "place"}, finish=_finish, label="R14",
    # necessary: _DESCRIBED starts with " is|was|remains|became" or ","; then a space or the verb's letter
    trigger=Trigger(after=(" ,\u00a0", " \u00a0iwrb")),
)

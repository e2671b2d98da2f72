"""Entities and coordination chains of one sentence (the first two steps of :mod:`._reading`).

* **Entities** — country mentions, office-holders and resolved coreference
  phrases; neighbours that name one state ("Azerbaijani President Ilham
  Aliyev", "Azerbaijan's capital, Baku") merge into one; a place after "in" /
  "at" (or a capital after "from") is a **venue**; a "former" official and the
  demonym of a non-state body ("the Egyptian and Jordanian branches of the
  Muslim Brotherhood") are dropped.
* **Chains** — coordinated entities: "A, B and C", "A, B and other powers,
  including C", "A–B" (a hyphen pair), "the two countries" (a pair by
  coreference). A list after a colon that spells out a count ("nationals from 12
  countries …: A, B, C") stands where the count stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words that may sit between two mentions of one state, or around a coordination.
_FILL = r"(?:\s*(?:(?-i:[A-Z][\w.'\u2019\-]*)|of|the|al|bin|ibn|el|de|von|van)\b\.?)*"
# "Russia, China, and other powers, including the United States": the named others continue the list
_OTHERS = (r",?\s*(?:and|or)\s+(?:many\s+|several\s+|some\s+)?other\s+(?:[a-z-]+\s+)?(?:powers|countries|nations|states|"
           r"partners|neighbou?rs|donors|economies|capitals)\s*,?\s*(?:including|such\s+as|like|notably|especially)")
_LINK = re.compile(
    rf"^{_FILL}\s*(?P<sep>{_OTHERS}|,\s*(?:and|or|as\s+well\s+as|including|plus)?|and|or|&|as\s+well\s+as|including|"
    rf"plus|together\s+with|along\s+with)\s*{_FILL}\s*$",
    re.IGNORECASE,
)
_PAIR_SEP = {"-", "\u2013", "\u2011", "/", "\u2010"}
_SAME = re.compile(rf"^{_FILL}\s*(?:[,(]|['\u2019]s(?:\s+capital(?:\s+city)?)?,?|\s)*{_FILL}\s*\)?\s*,?\s*$",
                   re.IGNORECASE)
_VENUE = re.compile(r"(?:(?P<prev>[\w\u2019']+)\s+)?\b(?:in|at|inside)\s+(?:the\s+)?(?:capital\s+(?:city\s+)?(?:of\s+)?)?$",
                    re.IGNORECASE)
_NOT_VENUE_PREV = frozenset(
    "officials counterparts leaders authorities government governments including partners allies colleagues people "
    "diplomats ministers representatives delegation delegations".split()
)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_FROM_ACTOR = re.compile(r"\b(?:pressure|support|help|aid|assistance|backing|demands?|requests?|calls?|threats?|"
                         r"criticism|warnings?|envoys?|delegations?|officials|diplomats|messages?|letters?|invitations?|"
                         r"offers?|objections?|protests?|condemnation|recognition)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_FORMER = re.compile(r"\b(?:former|ex-|late)\s*(?:(?-i:[A-Z])[\w.\-]*\s+){0,4}$", re.IGNORECASE)
_BREAK = re.compile(r"[;():\[\]]|\b(?:but|while|whereas|although|though|where|whereby|meanwhile|however)\b")
_SINGULAR_VERB = re.compile(r"^\s+(?:has|is|was|does|remains|says|wants|plans|seeks|hopes|signed\s+its)\b", re.IGNORECASE)
_AFTER_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_REPORTING = re.compile(r"\s+(?:said|says|told|added|reported|announced|stated|noted|claimed|insisted|warned)\b",
                        re.IGNORECASE)
_NONSTATE = re.compile(r"(?:\s+and\s+(?-i:[A-Z])[\w-]*)?\s+(?:branch(?:es)?|militants?|rebels?|insurgents?|separatists?|"
                       r"jihadists?|fighters?|gangs?|cartels?|militias?|opposition|clubs?|teams?|(?:political\s+)?parties)\b",
                       re.IGNORECASE)


_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Ent:
    """A state in a sentence: offsets relative to the sentence, ISO3 and how it was found."""

    start: int
    end: int
    iso: str
    via: str
    venue: bool = False


@dataclass(slots=True)
class Chain:
    """Coordinated entities; ``links[i]`` joins ``ents[i]`` and ``ents[i + 1]`` (and / comma / pair / or)."""

    ents: list[Ent]
    links: list[str] = field(default_factory=list)
    commas: list[bool] = field(default_factory=list)  # whether the gap of ``links[i]`` holds a comma
    at: tuple[int, int] | None = None  # where the chain stands when it elaborates a count ("12 countries: A, B")

    @property
    def start(self) -> int:
        return self.ents[0].start if self.at is None else self.at[0]

    @property
    def end(self) -> int:
        return self.ents[-1].end if self.at is None else self.at[1]

    @property
    def venue(self) -> bool:
        return self.ents[0].venue

    def members(self) -> list[Ent]:
        """One entity per distinct state, in order."""
        if len(self.ents) == 1:
            return [self.ents[0]]  # most chains: skip the dict
        seen: dict[str, Ent] = {}
        for e in self.ents:
            seen.setdefault(e.iso, e)
        return list(seen.values())

    def units(self) -> list[list[Ent]]:
        """Entities grouped by span: a pair phrase or a group read as its members is one unit."""
        out: list[list[Ent]] = []
        for e in self.ents:
            if out and out[-1][0].start == e.start and out[-1][0].end == e.end:
                out[-1].append(e)
            else:
                out.append([e])
        return out

    def is_pair(self) -> bool:
        """Exactly two states joined by "and", a hyphen or a pair phrase ("X and Y", "X-Y", "the two")."""
        return len(self.links) == 1 and self.links[0] in ("and", "pair") and len(self.members()) == 2


def prepare_entities(text: str, ents: list[Ent]) -> list[Ent]:
    """Drop nested and "former" entities, merge neighbours naming one state, mark venues."""
    ents = sorted(ents, key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Ent] = []
    for e in ents:
        if kept and e.start < kept[-1].end and not (e.start == kept[-1].start and e.end == kept[-1].end):
            continue  # nested in the previous one (pair phrases share one span: keep both)
        before = text[max(0, e.start - 60):e.start]
        tail = before[-45:].lower()
        if ("former" in tail or "ex-" in tail or "late " in tail) and _FORMER.search(before):
            continue
        if e.via == "demonym" and _NONSTATE.match(text, e.end):
            continue  # "the Egyptian and Jordanian branches of the Muslim Brotherhood" are not states (TIES.md s2)
        if kept and kept[-1].iso == e.iso and kept[-1].end <= e.start and len(text[kept[-1].end:e.start]) <= 60 \
                and _SAME.match(text[kept[-1].end:e.start]):
            prev = kept[-1]
            better = prev.via if prev.via not in ("leader", "official", "coreference") else e.via
            kept[-1] = Ent(prev.start, e.end, prev.iso, better, prev.venue)
            continue
        before = text[max(0, e.start - 50):e.start]
        m = _VENUE.search(before) if (" in " in tail or " at " in tail or "inside " in tail
                                      or tail.startswith(("in ", "at "))) else None
        if m and (m.group("prev") or "").lower() not in _NOT_VENUE_PREV:
            e.venue = True
        elif e.via == "capital" and _FROM.search(before) and not _FROM_ACTOR.search(before):
            e.venue = True  # "issued from Paris" (not "pressure from Washington": Washington presses)
        kept.append(e)
    return kept


def build_chains(text: str, ents: list[Ent]) -> list[Chain]:
    """Group entities into coordination chains."""
    chains: list[Chain] = []
    for e in ents:
        if chains:
            prev = chains[-1].ents[-1]
            gap = text[prev.end:e.start]
            link = None
            if e.start == prev.start and e.end == prev.end:
                link = "and"  # the two states of a pair phrase
            elif gap.strip() in _PAIR_SEP and len(gap.strip()) == len(gap) and gap:
                link = "pair"
            elif len(gap) <= 80:
                m = _LINK.match(gap)
                if m:
                    sep = _SPACES.sub(" ", m.group("sep").strip().lower())
                    link = "comma" if sep == "," else ("or" if sep in ("or", ", or") else "and")
            if link == "and" and gap.strip().lower() in ("and", ", and") and _SINGULAR_VERB.match(text[e.end:e.end + 20]) \
                    and not _AFTER_BETWEEN.search(text, max(0, chains[-1].start - 12), chains[-1].start):
                link = None  # "... with Israel and Turkey has resumed ...": a new clause, not a list
            elif link == "comma" and _REPORTING.match(text, e.end):
                link = None  # "... the attack in Sinai, Israel said": the reporter, not one more of the list
            if link is not None and not (e.venue and not prev.venue):
                chains[-1].ents.append(e)
                chains[-1].links.append(link)
                chains[-1].commas.append("," in gap)
                continue
        chains.append(Chain([e]))
    return chains
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                         "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_COUNT = re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r"|several|some|these|those|the\s+following|following|"
                    r"other|certain|many)\s+(?:[\w-]+\s+){0,2}?(?:countries|nations|states|governments|partners|"
                    r"neighbou?rs|economies|members)\b", re.IGNORECASE)
_ELABORATE_AT = re.compile(r":\s*$")


def elaborate_counts(text: str, chains: list[Chain]) -> list[Chain]:
    """A list after a colon that spells out a count ("nationals from 12 countries ...: A, B, C and D")
    stands where the count phrase stands, so the count's cue reads the list as its argument."""
    out = list(chains)
    for i, ch in enumerate(chains):
        n = len(ch.members())
        if n < 2 or not _ELABORATE_AT.search(text[max(0, ch.start - 3):ch.start]):
            continue
        colon = text.rfind(":", 0, ch.start)
        if i + 1 < len(chains) and not _BREAK.search(text[ch.end:chains[i + 1].start]):
            continue  # the list goes on past what was read as one chain
        counts = [m for m in _COUNT.finditer(text, max(0, colon - 240), colon)
                  if not any(c.start < m.end() and m.start() < c.end for c in chains[:i])]
        if not counts:
            continue
        m = counts[-1]
        word = m.group("n").lower()
        number = int(word) if word.isdigit() else _NUMBERS.get(word)
        if number is not None and not (n <= number <= n + 2):
            continue  # "two countries: A, B, C and D" is not this list
        out[i] = Chain(ch.ents, ch.links, ch.commas, at=(m.start(), m.end()))
    return sorted(out, key=lambda c: c.start)


def _pairs_of_list(chain: Chain) -> list[tuple[Ent, Ent]]:
    """Parties named after "between": "A and B", "A and B, C and D, ...", or "A and B, C, D" (A with each)."""
    ents, links = chain.members(), chain.links
    units = chain.units()
    if len(units) == 1 and len(ents) == 2:  # "between the two countries"
        return [(ents[0], ents[1])]
    if len(units) == 1 and len(ents) > 2:
        return []
    if len(units) == 2 and max(len(u) for u in units) > 1:  # "between the five Central Asian countries and X"
        return [(x, y) for x in units[0] for y in units[1] if x.iso != y.iso]
    if len(ents) < 2:
        return []
    if len(ents) == 2:
        return [(ents[0], ents[1])] if chain.is_pair() else []
    every = chain.ents
    if len(every) % 2 == 0 and len(units) == len(every) and all(
        (lk in ("and", "pair") and not chain.commas[i]) if i % 2 == 0 else chain.commas[i]
        for i, lk in enumerate(links)
    ) and all(every[i].iso != every[i + 1].iso for i in range(0, len(every), 2)):
        # "between A and B, C and D", "between the UAE and Israel, and Israel and Bahrain"
        return [(every[i], every[i + 1]) for i in range(0, len(every), 2)]
    if links and links[0] == "and":
        return [(ents[0], other) for other in ents[1:]]
    return []

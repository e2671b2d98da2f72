"""Reading one sentence: which countries are the arguments of which cue.

The parties of a tie are the arguments of its cue, not whoever else shares the
sentence. The reading is shallow and rule-based (no parser), in four steps:

1. **Entities** and 2. **chains** (coordinated entities) — see
   :mod:`regionkit.ties._chains`: venues, merged names, "A, B and C", "A–B",
   "the two countries", a colon list standing for the count it spells out.
3. **Arguments of each cue**, inside its clause (clauses end at ``; ( ) :`` and
   at but / while / whereas / although / where): the actor is the nearest chain
   before the cue (at most 12 words away), the target the first chain after it
   (at most 7 words, no comma); "by X" after the cue makes X the actor (passive);
   "between A and B" after the cue gives the pair(s) A–B ("between A and B, C and
   D" gives A–B and C–D; "between A and B, C and D" with one "and" gives A with
   each). Then:

   * actor and target: each actor with each target (a list of signatories "X, Y
     and Z signed with W" ties each to W, never to each other);
   * only an actor or only a target: a pair only when it is exactly two ("X and Y
     agreed", "the two countries signed", "U.S.-Georgia partnership"); three or
     more parties acting in parallel give nothing;
   * mediation ("brokered", "mediated", "arranged", "facilitated"; "X hosted A
     and B"): the mediator with each party (``mediation``) and the parties with
     each other, labelled by the mediated matter (the nearest other cue, "peace"
     as treaty, else meeting); "U.S. mediation", "US-brokered" make the
     attached state the mediator of the clause's other parties;
   * a host with one guest, or with three or more, meets each of them;
   * "X joined the Abraham Accords" ties X to Israel (``normalisation``), and a
     treaty between Israel and another party in a sentence naming the Abraham
     Accords is a normalisation;
   * "X welcomed A and B to Y for talks between them" / "welcome everyone to the
     White House for the summit between A and B": Y (the state welcomed to) hosts,
     so mediates; "X-backed framework", "X-led talks" make X the mediator;
   * "X balances relations between A, B and C" (cue role ``each``): X with each;
     "between X and major Muslim nations" after a list naming X: X with each other
     member of that list;
   * a joint / trilateral document or meeting "with A and B" is multilateral: no pair;
   * "Panama withdrew from China's Belt and Road": the joiner and the owner;
   * "the Gaza conflict" names a war (no party), "Russia's war in Ukraine" ties its
     owner to the place; "welcome the plan proposed by X" reaches X.
4. **Cues without arguments** ("no guarantee a deal will be reached, … talks
   between A and B") lend their relation and status to the pairs the clause's
   other cues found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from regionkit.ties._chains import _BREAK, Chain, Ent, _pairs_of_list, build_chains, elaborate_counts, prepare_entities
from regionkit.ties._status import cue_status

_BETWEEN = re.compile(r"^\W*(?:[\w'\u2019-]+\W+){0,4}?between\s+(?:the\s+)?", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_BY_ONLY = re.compile(r"^\s*(?:\w+ly\s+)?by\s+(?:the\s+)?$", re.IGNORECASE)
_MODIFIER = re.compile(r"^\s*(?:[-\u2013]|['\u2019]s)?\s*$")
_TO_COUNTERPART = re.compile(r"\b(?:with|to|against|from|towards?|into|on)\s+(?:the\s+)?$", re.IGNORECASE)
_INCLUDING = re.compile(r"^[^,;:]*,\s*(?:including|notably|especially|particularly)\s+(?:in\s+)?(?:nearby\s+|neighbou?ring\s+)?(?:the\s+)?$",
                        re.IGNORECASE)
_NEW_SUBJECT = re.compile(r"^\s*(?:the|a|an|this|that|these|those|some|many|most|several|all|both|each|its|their|his|her|"
                          r"(?-i:[A-Z])|\d|one|two|three|four|five|six|seven|eight|nine|ten|it|they|he|she|we|who|which)\b",
                          re.IGNORECASE)
_NAMED_CONFLICT = re.compile(r"(?:wars?|conflicts?|fighting|hostilities|crisis|violence)\b", re.IGNORECASE)
_AUX_GAP = re.compile(r"^(?:\s|,|\b(?:was|were|is|are|been|being|be|has|have|had|also|formally|officially|"
                      r"reportedly|now|then|first|not|never|itself|themselves|the|territory|of)\b)*$", re.IGNORECASE)
_POSSESSIVE = frozenset({"my", "our", "his", "her", "their", "its"})
_IN_RIGHT = re.compile(r"^\s+(?:in|into|on|against)\s+(?:the\s+)?$", re.IGNORECASE)
_WELCOME_TO = re.compile(r"\bwelcom(?:e|es|ed|ing)\s+(?:[\w'\u2019]+\s+){0,4}?to\s+(?:the\s+)?$", re.IGNORECASE)
_AND_PLURAL = re.compile(r"\s+and\s+(?:the\s+)?(?:(?:other|several|many|major|fellow|neighbou?ring|(?-i:[A-Z])[\w-]*)\s+)"
                         r"{0,3}(?:countries|nations|states|neighbou?rs|partners)\b(?!\s+(?:of|such|like|including))",
                         re.IGNORECASE)
_POSSESSOR = re.compile(r"^['\u2019]s\s+(?:[\w-]+\s+){0,2}$")
# "welcome the plan ... proposed by X": the author of what is welcomed, praised or condemned
_AGENT_BY = re.compile(r"\b(?:proposed|put\s+forward|presented|announced|offered|drafted|launched|unveiled|tabled|"
                       r"made|taken|led|championed|initiated)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_JOIN_BEFORE = re.compile(r"\b(?:join(?:s|ed|ing)?|withdr[ae]w(?:s|n|ing)?|pull(?:s|ed|ing)?\s+out|leav(?:e|es|ing)|left|"
                          r"quit(?:s|ting)?|exit(?:s|ed|ing)?|enter(?:s|ed|ing)?|participat(?:e|es|ed|ing)|"
                          r"took\s+part|take\s+part|sign(?:s|ed|ing)?\s+up)\s+(?:from\s+|of\s+|in\s+|to\s+)?(?:the\s+)?$",
                          re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# what follows these is not the cue's object: "a conflict in line with President Trump's vision"
_NOT_OBJECT = re.compile(r"\b(?:in\s+line\s+with|according\s+to|in\s+accordance\s+with|thanks\s+to|on\s+behalf\s+of|"
                         r"in\s+the\s+words\s+of)\b", re.IGNORECASE)
_JOINT = re.compile(r"\b(?:joint|trilateral|three-way|multilateral|common)\s+(?:[\w-]+\s+){0,2}?(?:statements?|declarations?|"
                    r"communiqu[eé]s?|letters?|plans?|initiatives?|meetings?|summits?|talks|calls?|press\s+conferences?|"
                    r"exercises?|projects?|ventures?)\b", re.IGNORECASE)
_UNDER = re.compile(r"\bunder\s+(?:(?:heavy|intense|strong|international|growing|mounting|increasing|diplomatic|"
                    r"economic|military)\s+)?(?:(?-i:[A-Z])[\w.'\u2019-]*\s+){0,3}$", re.IGNORECASE)
_FROM_GAP = re.compile(r"\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_TO_WITH_GAP = re.compile(r"\s+(?:(?:leader|president|prime\s+minister|premier|king|emir|foreign\s+minister|minister|"
                          r"delegation|envoy|officials|chancellor)\s+)?(?:(?-i:[A-Z])[\w.'-]*\s+){0,3}(?:to|with)\s+(?:the\s+|his\s+|her\s+|"
                          r"its\s+|their\s+)?$",
                          re.IGNORECASE)
_TRAVELLERS = re.compile(r"\b(?:troops|forces|soldiers|army|warships?|jets|planes|aircraft|missiles?|drones?|refugees|"
                         r"migrants|tourists|citizens|nationals|students|workers|fans|athletes|team|players|fighters)\b",
                         re.IGNORECASE)
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|remains?|remained|became|becomes|has\s+been|have\s+been)\s+$",
                            re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\s")
_PEACE = re.compile(r"\bpeace\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'\u2019-]+")
LEFT_WORDS = 12
LEND_CHARS = 80
RIGHT_WORDS = 7
#: Relations whose actor -> target direction is kept in ``source`` / ``target``.
DIRECTED = frozenset({"normalisation", "conflict", "mediation", "trade_energy", "other"})
_VENUE_OK = frozenset({"conflict", "trade_energy", "other"})
_STATUS_RANK = {"stated": 0, "planned": 1, "conditional": 2, "reported_denied": 3, "negated": 4}


@dataclass(slots=True)
class Row:
    """A tie read in one sentence."""

    x: Ent
    y: Ent
    relation: str
    status: str
    source: str | None
    cue: int


# --------------------------------------------------------------------------------------
# cues and their arguments
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    relation: str
    role: str
    status: str
    clause: int
    used: bool = False
    argued: bool = False


_PUNCT = re.compile(r"[,;:]")


def _words(text: str) -> int:
    """Words of a gap that count towards the argument windows (names and titles do not)."""
    if not text or text.isspace():
        return 0  # most gaps ("Russia and China signed"): no regex
    return sum(1 for w in _WORD.findall(text) if not w[0].isupper())


class _Sentence:
    """The state of one sentence while its cues are read."""

    def __init__(self, text: str, ents: list[Ent], cues, accords: bool | frozenset[str]):
        self.text = text
        self.ents = prepare_entities(text, ents)
        self.chains = elaborate_counts(text, build_chains(text, self.ents))
        self.breaks = [m.start() for m in _BREAK.finditer(text.lower())]
        self.accords = accords
        self.rows: list[Row] = []
        self.cues: list[_Cue] = []
        if len({e.iso for e in self.ents}) < 2:
            return  # nothing to tie: skip the cue scan
        for start, end, relation, role in cues.scan(text):
            self.cues.append(_Cue(start, end, relation, role, "", self.clause(start)))

    def clause(self, pos: int) -> int:
        return bisect.bisect_right(self.breaks, pos)

    def left(self, cue: _Cue, venues: bool = False) -> Chain | None:
        best = None
        for ch in self.chains:
            if ch.end > cue.start:
                break
            if (venues or not ch.venue) and self.clause(ch.start) == cue.clause and self.clause(ch.end - 1) == cue.clause:
                best = ch
        if best is None:
            return None
        gap = self.text[best.end:cue.start]
        if _words(gap) > LEFT_WORDS or ("," in gap and _NEW_SUBJECT.match(gap.rsplit(",", 1)[1])):
            return None
        if not gap.strip() and len(best.ents) == 1 and cue.relation == "conflict" and _NAMED_CONFLICT.match(
                self.text, cue.start) and _THE_BEFORE.search(self.text, max(0, best.start - 6), best.start):
            return None  # "the Gaza conflict", "the Ukraine war": a war named after one place (TIES.md s2)
        return best

    def possessor(self, cue: _Cue) -> bool:
        """Whether a state owns the cue ("Russia's war in Ukraine", "Israel's renewed offensive in Gaza")."""
        for ch in reversed(self.chains):
            if ch.end <= cue.start:
                return bool(_POSSESSOR.match(self.text[ch.end:cue.start])) and not ch.venue
        return False

    def joiner(self, owner: Chain) -> Chain | None:
        """Who joins, enters or leaves what ``owner`` owns ("Panama withdrew from China's Belt and Road")."""
        i = self.chains.index(owner)
        if i == 0 or not (_JOIN_BEFORE.search(self.text, max(0, owner.start - 40), owner.start) or (
                _COPULA_BEFORE.search(self.text, max(0, owner.start - 20), owner.start)
                and _POSSESSIVE_AFTER.match(self.text, owner.end))):
            return None  # "Russia is Kazakhstan's largest trading partner" also ties the two
        prev = self.chains[i - 1]
        gap = self.text[prev.end:owner.start]
        if prev.venue or self.clause(prev.start) != self.clause(owner.start) or _words(gap) > LEFT_WORDS \
                or any(prev.end <= c.start < owner.start for c in self.cues):
            return None
        return prev

    def counterpart(self, first: Chain) -> Chain | None:
        """The chain right after ``first`` joined by "to" / "with" ("of X to Y", "of X with Y"), same clause."""
        i = self.chains.index(first)
        if i + 1 < len(self.chains):
            nxt = self.chains[i + 1]
            if not nxt.venue and self.clause(nxt.start) == self.clause(first.start) \
                    and _TO_WITH_GAP.match(self.text, first.end, nxt.start):
                return nxt
        return None

    def right(self, cue: _Cue) -> tuple[Chain | None, bool]:
        """First chain after the cue in its clause, and whether it is a passive "by" actor."""
        for ch in self.chains:
            if ch.start <= cue.start:
                continue
            gap = self.text[min(cue.end, ch.start):ch.start]
            far = _words(gap) > RIGHT_WORDS and not (cue.relation == "other" and _words(gap) <= LEFT_WORDS
                                                     and _AGENT_BY.search(gap))
            if self.clause(ch.start) != cue.clause or far or (
                    _PUNCT.search(gap) and not _INCLUDING.match(gap)) or _NOT_OBJECT.search(gap):
                return None, False
            if ch.venue and cue.role == "visit" and gap.strip().lower() in ("", "the"):
                return ch, False  # "arrived in Moscow": Moscow is visited
            if ch.venue and not (cue.relation in _VENUE_OK and _IN_RIGHT.match(gap)
                                 and (not _NAMED_CONFLICT.match(self.text, cue.start) or self.possessor(cue))):
                continue  # "the war in Gaza" names a war, it does not tie anyone to Gaza (TIES.md s2)
            if ch.ents[0].via == "place" and _words(gap) > 3:
                continue  # a place far from the cue is what the clause is about, not a party
            if all(self.text[e.start:e.end].lower() in _POSSESSIVE for e in ch.ents):
                continue  # "thank my colleagues from ...": a possessive is not the object
            if _BY.search(gap) and _BY_ONLY.match(gap):  # passive: "recognised by X", "mediated by X"
                if any(cue.end <= c.start < ch.start for c in self.cues):
                    return None, False
                return ch, True
            return ch, False
        return None, False

    def place_after(self, cue: _Cue) -> Chain | None:
        """A place "in X" later in the clause of a conflict cue, with no other name between (TIES.md s2:
        strikes against a named group in a country do not tie the striker to the country)."""
        if _NAMED_CONFLICT.match(self.text, cue.start):
            return None
        for ch in self.chains:
            if ch.start < cue.end or not ch.venue:
                continue
            gap = self.text[cue.end:ch.start]
            if self.clause(ch.start) != cue.clause or _words(gap) > LEFT_WORDS:
                return None
            if any(w[0].isupper() for w in _WORD.findall(gap)):
                return None
            return ch
        return None

    def welcome_host(self, until: int) -> Chain | None:
        """The state guests are welcomed to before the parties named at ``until`` ("welcome everyone to
        the White House for this summit between A and B"): the meeting's host, so its mediator (TIES.md s4)."""
        for ch in reversed(self.chains):
            if ch.end > until:
                continue
            if self.clause(ch.start) != self.clause(until):
                return None
            if len(ch.members()) == 1 and _WELCOME_TO.search(self.text, max(0, ch.start - 80), ch.start) \
                    and _words(self.text[ch.end:until]) <= 8:
                return ch
            return None
        return None

    def between(self, cue: _Cue) -> Chain | None:
        m = _BETWEEN.match(self.text[cue.end:cue.end + 60])
        if not m:
            return None
        at = cue.end + m.end()
        for ch in self.chains:
            if ch.start >= at:
                gap = self.text[at:ch.start]
                if _words(gap) <= 4 and not _PUNCT.search(gap) and self.clause(ch.start) == cue.clause:
                    return self.back_to_list(ch)
                return None
        return None

    def back_to_list(self, ch: Chain) -> Chain:
        """"between X and major Muslim nations" after a list naming X with others: X and each of the
        others (a plural noun phrase pointing back to a list of the same sentence, TIES.md s2)."""
        if len(ch.members()) != 1 or not _AND_PLURAL.match(self.text, ch.end):
            return ch
        x = ch.members()[0]
        for earlier in reversed(self.chains):
            if earlier.end <= ch.start and len(earlier.members()) >= 3 and x.iso in {e.iso for e in earlier.ents}:
                others = [e for e in earlier.members() if e.iso != x.iso]
                return Chain([x, *others], ["and"] + ["comma"] * (len(others) - 1),
                             [False] + [True] * (len(others) - 1))
        return ch

    def add(self, x: Ent, y: Ent, relation: str, cue: _Cue, source: Ent | None = None) -> None:
        if x.iso == y.iso:
            return
        if self.accords and relation == "treaty" and "ISR" in (x.iso, y.iso) and (
                self.accords is True or (y.iso if x.iso == "ISR" else x.iso) in self.accords):
            relation = "normalisation"  # an Abraham Accords agreement (with a member, when the members are given)
        src = source.iso if source is not None and (relation in DIRECTED or cue.role == "host") else None
        self.rows.append(Row(x, y, relation, self.status(cue), src, cue.start))
        cue.used = True

    def status(self, cue: _Cue) -> str:
        """The cue's status (read once, only for cues that give a row)."""
        if not cue.status:
            cue.status = cue_status(self.text, cue.start, cue.end)
        return cue.status

    def matter(self, cue: _Cue, until: int) -> str:
        """What a mediation was about: the nearest other cue after it in the clause, "peace", else meeting."""
        for other in self.cues:
            if other.start > cue.start and other.start < until and other.clause == cue.clause \
                    and other.relation != "mediation" and other.role != "host":
                return other.relation
        if _PEACE.search(self.text[cue.start:until + 1]):
            return "treaty"
        return "meeting"


def _read_between(s: _Sentence, cue: _Cue, chain: Chain) -> None:
    if cue.role == "each":  # "X balances relations between A, B and C": X with each, never A with B
        actor = s.left(cue)
        for a in actor.members() if actor is not None else ():
            for p in chain.members():
                s.add(a, p, cue.relation, cue, source=a)
        return
    pairs = _pairs_of_list(chain)
    if not pairs:
        return
    mediation = cue.relation == "mediation" or cue.role == "host"
    rel = s.matter(cue, chain.start) if mediation else cue.relation
    for x, y in pairs:
        s.add(x, y, rel, cue)
    host = s.welcome_host(chain.start) if not mediation and cue.relation in ("meeting", "treaty") else None
    if host is not None and any(e.iso == h.iso for h in host.members() for pair in pairs for e in pair):
        host = None  # a party welcoming the other is a meeting of the two, not a mediation
    if mediation or host is not None:
        actor = s.left(cue) if host is None else host
        if actor is not None:
            for a in actor.members():
                for p in {e.iso: e for pair in pairs for e in pair}.values():
                    s.add(a, p, "mediation", cue, source=a)
    for other in s.cues:  # the cue that names the matter is read with it
        if other.clause == cue.clause and cue.start < other.start < chain.start:
            other.used = True


def _read_mediation(s: _Sentence, cue: _Cue, actor: Chain | None, target: Chain | None) -> None:
    if actor is not None and _MODIFIER.match(s.text[actor.end:cue.start]) and target is None:
        # "after U.S. mediation", "US-brokered": the clause's other parties
        mediators = {e.iso for e in actor.members()}
        parties = [e for e in s.ents if not e.venue and e.iso not in mediators and s.clause(e.start) == cue.clause]
        for m in actor.members():
            for p in {e.iso: e for e in parties}.values():
                s.add(m, p, "mediation", cue, source=m)
        return
    if target is None:
        return
    guests = target.members()
    if actor is not None:
        for a in actor.members():
            for g in guests:
                s.add(a, g, "mediation", cue, source=a)
    if target.is_pair():
        s.add(guests[0], guests[1], s.matter(cue, len(s.text)), cue)


def _read_host(s: _Sentence, cue: _Cue, actor: Chain | None, target: Chain | None) -> None:
    if target is None:
        return
    guests = target.members()
    if len(guests) == 2 and target.is_pair():
        if actor is not None:
            for a in actor.members():
                for g in guests:
                    s.add(a, g, "mediation", cue, source=a)
        s.add(guests[0], guests[1], "meeting", cue)
    elif actor is not None:
        for a in actor.members():
            for g in guests:
                s.add(a, g, "meeting", cue, source=a)


def _read_under_pressure(s: _Sentence, cue: _Cue, actor: Chain | None, target: Chain | None) -> bool:
    """"Under pressure from A and B, X agreed ...", "X, under US pressure, froze ...": A and B press X."""
    if actor is not None and s.text[actor.end:cue.start].strip() in ("", "'s", "\u2019s"):
        by = actor  # "under US pressure", "under Washington's pressure"
    elif target is not None and _FROM_GAP.match(s.text, cue.end, target.start):
        by = target  # "under pressure from Washington"
    else:
        return False
    cue.argued = True
    after = None
    for i, link in enumerate(by.links):
        if link == "comma" and "and" in by.links[:i]:  # "from Washington and London, Pakistan ...": the list ended
            by, after = Chain(by.ents[:i + 1], by.links[:i], by.commas[:i]), Chain(by.ents[i + 1:], by.links[i + 1:],
                                                                                   by.commas[i + 1:])
            break
    comma = s.text.find(",", by.end)
    if after is None:
        after = next((ch for ch in s.chains if comma >= 0 and ch.start > comma), None)
    if after is not None and _words(s.text[comma:after.start]) <= 2 and s.clause(after.start) == cue.clause:
        pressed = after
    else:  # the phrase follows its subject: "Pakistan, under pressure from the US, ..."
        before = [ch for ch in s.chains if ch.end <= cue.start and ch is not by]
        pressed = before[-1] if before and _words(s.text[before[-1].end:cue.start]) <= 3 else None
    for a in by.members() if pressed is not None else ():
        for t in pressed.members():
            s.add(a, t, cue.relation, cue, source=a)
    return True


def _read_cue(s: _Sentence, cue: _Cue) -> None:
    between = s.between(cue)
    if between is not None:
        cue.argued = True
        _read_between(s, cue, between)
        return
    actor = s.left(cue)
    target, passive = s.right(cue)
    if passive:
        # the patient of a passive is right before it ("Palestine was recognised by Spain"), not an
        # earlier noun's modifier ("a conference for Ukraine co-hosted by the Netherlands")
        actor, target = target, actor
        if target is None and cue.relation in _VENUE_OK:
            target = s.left(cue, venues=True)
        if target is not None and not _AUX_GAP.match(s.text[target.end:cue.start]):
            target = None
    elif target is None and cue.relation == "conflict":
        target = s.place_after(cue)  # "bombarding homes ... in Ukraine"
    elif actor is None and target is not None and _OF_GAP.match(s.text, cue.end, target.start):
        counterpart = s.counterpart(target)
        if counterpart is not None:  # "the visit of the Chinese president to Japan"
            actor, target = target, counterpart
    cue.argued = actor is not None or target is not None
    if actor is not None and target is not None:  # cues inside the predicate are read with it
        lo, hi = min(actor.end, target.end), max(actor.start, target.start)
        for other in s.cues:
            if other is not cue and lo <= other.start < hi:
                other.used = True
    if actor is not None and target is None and not passive and cue.relation != "mediation" and not cue.role:
        member = s.joiner(actor)
        if member is not None:  # "Italy joined China's Belt and Road Initiative": Italy and China
            cue.argued = True
            for m in member.members():
                for o in actor.members():
                    s.add(m, o, cue.relation, cue, source=m)
            return
    if _UNDER.search(s.text, max(0, cue.start - 30), cue.start) and _read_under_pressure(s, cue, actor, target):
        return
    if cue.role == "accords":
        for ch in (actor, target):
            for e in ch.members() if ch is not None else ():
                if e.iso != "ISR" and e.via != "coreference":
                    s.add(e, Ent(e.start, e.end, "ISR", "implied"), "normalisation", cue, source=e)
        return
    if cue.role == "host":
        _read_host(s, cue, actor, target)
        return
    if cue.role == "visit" and actor is not None and _TRAVELLERS.search(s.text, max(0, actor.start - 30), cue.start):
        return  # "Russian troops arrived in Syria": not a visit
    if cue.relation == "mediation":
        _read_mediation(s, cue, actor, target)
        return
    if actor is not None and target is not None:
        if len(target.members()) >= 2 and _JOINT.search(s.text, actor.end, target.start):
            return  # "signed a joint statement with Canada and Finland": one document of three (TIES.md s6)
        for a in actor.members():
            for t in target.members():
                s.add(a, t, cue.relation, cue, source=a)
        return
    only = actor if actor is not None else target
    if only is not None and "pair" in only.links and not only.is_pair():
        for i, link in enumerate(only.links):  # "the U.S.-Japan and U.S.-ROK alliances"
            if link == "pair":
                s.add(only.ents[i], only.ents[i + 1], cue.relation, cue)
        return
    if actor is not None and actor.is_pair():
        x, y = actor.members()
        s.add(x, y, cue.relation, cue)
    elif target is not None and target.is_pair() and not _TO_COUNTERPART.search(s.text[cue.end:target.start]):
        x, y = target.members()
        s.add(x, y, cue.relation, cue)


def read_sentence(text: str, ents: list[Ent], cues, *, accords: bool | frozenset[str] = False
                  ) -> tuple[list[Row], list[Chain]]:
    """Read the ties of one sentence.

    Parameters
    ----------
    text : str
        The sentence.
    ents : list of Ent
        Its entities (offsets relative to ``text``).
    cues : CueScanner
        The compiled cue table (``_cues._compiled(table)``).
    accords : bool or frozenset of str
        Whether the sentence names the Abraham Accords (a treaty with Israel is then a
        normalisation); a set of ISO3 codes limits that to treaties between Israel and them
        (the Accords' members).

    Returns
    -------
    rows : list of Row
        One row per pair and relation (the best status kept).
    chains : list of Chain
        The sentence's coordination chains (for coreference and ``co_member``).
    """
    s = _Sentence(text, ents, cues, accords)
    if len({e.iso for e in s.ents}) < 2 or not s.cues:
        return [], s.chains
    for cue in s.cues:
        if not cue.used:
            _read_cue(s, cue)
    # cues without arguments lend their relation to the pairs their clause's cues found
    found = [(r, s.clause(r.cue)) for r in s.rows if r.relation != "mediation"]
    for cue in s.cues:
        if cue.used or cue.role or cue.argued:
            continue
        for r, clause in found:
            near = min(abs(cue.start - p) for p in (r.cue, r.x.start, r.x.end, r.y.start, r.y.end))
            if clause == cue.clause and r.relation != cue.relation and near <= LEND_CHARS \
                    and s.status(cue) != r.status:  # a lent cue adds its modality, not a rival relation
                s.rows.append(Row(r.x, r.y, cue.relation, s.status(cue), r.source if cue.relation in DIRECTED else None,
                                  cue.start))
    best: dict[tuple[str, str, str], Row] = {}
    for r in s.rows:
        x, y = (r.x, r.y) if r.x.iso < r.y.iso else (r.y, r.x)
        key = (x.iso, y.iso, r.relation)
        if key not in best or _STATUS_RANK[r.status] < _STATUS_RANK[best[key].status]:
            best[key] = Row(x, y, r.relation, r.status, r.source, r.cue)
    return list(best.values()), s.chains

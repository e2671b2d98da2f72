"""Reading one article: entities per sentence, coreference across sentences, output rows."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from itertools import combinations

import pandas as pd

from regionkit._boilerplate import boilerplate_spans
from regionkit.ties._actors import (
    EPITHET_WINDOW,
    FIRST_PERSON,
    GROUP_BACKREF,
    GROUP_PLURAL,
    GROUP_WINDOW,
    PAIR_PHRASE,
    PAIR_WINDOW,
    PRONOUN,
    PRONOUN_WINDOW,
    ACT_MADE,
    ACT_REF,
    ACT_WINDOW,
    EVENT_WINDOW,
    NAMED_ACTS,
    THEY,
    THEY_WINDOW,
    find_epithets,
    find_event_refs,
    find_introduced,
    find_officials,
    pair_class,
    find_speaker,
    quote_speakers,
)
from regionkit.ties._reading import Ent, build_chains, prepare_entities, read_sentence

_GROUP_NOUN = re.compile(r"\s+(?:countries|nations|states|republics|governments|leaders|partners)\b", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:said|says|say|stated|told|added|announced|noted|confirmed|reported|believes?|thinks?)\b")
_ACCORDS = re.compile(r"\bAbraham\s+Accords?\b", re.IGNORECASE)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: runs of text between line breaks, stripped."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        s, e = m.start() + lead, m.start() + len(piece.rstrip())
        if e > s:
            spans.append((s, e))
    return spans


class _Memory:
    """What earlier sentences said, for coreference (windows in sentences)."""

    def __init__(self) -> None:
        self.states: list[tuple[int, int, str]] = []  # (sentence, start, iso3)
        self.officials: list[tuple[int, int, str]] = []
        self.pairs: dict[tuple[str, str], list[int]] = {}  # pair -> [count, coordinated (0/1), last sentence]
        self.lists: list[tuple[int, list[str]]] = []  # (sentence, states of a list of two or more)
        self.acts: list[tuple[int, int, str | None, str]] = []  # (sentence, position, named act or None, iso3)
        self.made: list[tuple[int, str | None]] = []  # ACT_MADE matches of the article: (position, named act)
        self.meetings: list[tuple[int, tuple[str, str]]] = []  # (sentence, pair) of meeting ties

    def meeting(self, si: int) -> tuple[str, str] | None:
        """The pair of the latest meeting tie of the previous EVENT_WINDOW sentences."""
        for s, pair in reversed(self.meetings):
            if s < si - EVENT_WINDOW:
                return None
            if s < si:
                return pair
        return None

    def act(self, si: int, pos: int, noun: str) -> str | None:
        """The state that made the act a definite act noun at ``pos`` refers to (see ``ACT_REF``)."""
        noun = re.sub(r"\s+", " ", noun.lower())
        for s, p, named, iso in reversed(self.acts):
            if p >= pos:
                continue
            if noun in NAMED_ACTS:
                if named == noun:
                    return iso
            elif s < si - ACT_WINDOW:
                return None
            else:
                return iso
        return None

    def they(self, si: int) -> list[str] | None:
        """The latest list of two or more states of the previous sentence(s) (``THEY_WINDOW``)."""
        if self.lists and self.lists[-1][0] >= si - THEY_WINDOW:
            return self.lists[-1][1]
        return None

    def named_list(self, si: int, states: list[str]) -> list[str] | None:
        """The latest list of two or more of ``states`` named in the last sentences ("the five ..." points back)."""
        for s, isos in reversed(self.lists):
            if s < si - GROUP_WINDOW:
                break
            common = [i for i in isos if i in states]
            if len(common) >= 2:
                return common
        return None

    def epithet(self, si: int, pos: int, states: frozenset[str], here: list[Ent]) -> str | None:
        for e in sorted(here, key=lambda e: -e.start):
            if e.end <= pos and e.iso in states:
                return e.iso
        for s, _, iso in reversed(self.states):
            if s < si - EPITHET_WINDOW:
                break
            if iso in states:
                return iso
        return None

    def pronoun(self, si: int, pos: int, here: list[Ent]) -> str | None:
        for e in sorted(here, key=lambda e: -e.start):
            if e.end <= pos and e.via in ("leader", "official"):
                return e.iso
        for s, _, iso in reversed(self.officials):
            if s < si - PRONOUN_WINDOW:
                break
            return iso
        return None

    def _acts(self, si: int, ents: list[Ent], text: str, ss: int) -> None:
        """Remember who made the acts of this sentence (the nearest state before the verb, same clause)."""
        for pos, noun in _within(self.made, ss, ss + len(text)):
            before = [e for e in ents if e.end <= pos and pos - e.end <= 150 and e.via != "coreference"
                      and ";" not in text[e.end - ss:pos - ss]]
            if before:
                actor = max(before, key=lambda e: e.end)
                self.acts.append((si, pos, re.sub(r"\s+", " ", noun.lower()) if noun else None, actor.iso))

    def pair(self, si: int, exclude: frozenset[str] = frozenset(),
             allowed: frozenset[str] | None = None) -> tuple[str, str] | None:
        """The most salient pair of the last PAIR_WINDOW sentences; failing that, of the article (tied twice).

        Salient: tied or listed most often; at equal counts a pair the text coordinated ("Armenia and
        Azerbaijan") outranks an actor and its target; then the latest. Pairs with an ``exclude``
        state, or a state outside ``allowed`` (a class word's states), are skipped.
        """
        def ok(p: tuple[str, str]) -> bool:
            return not exclude & set(p) and (allowed is None or set(p) <= allowed)

        live = [(c, coord, last, p) for p, (c, coord, last) in self.pairs.items() if last >= si - PAIR_WINDOW and ok(p)]
        if not live:
            live = [(c, coord, last, p) for p, (c, coord, last) in self.pairs.items() if c >= 2 and ok(p)]
        return max(live)[3] if live else None

    def remember(self, si: int, ents: list[Ent], pairs: list[tuple[str, str]], lists: list[list[str]],
                 text: str = "", ss: int = 0, coordinated: tuple[tuple[str, str], ...] = ()) -> None:
        self.lists += [(si, isos) for isos in lists]
        if self.made:
            self._acts(si, ents, text, ss)
        for e in ents:
            if e.via in ("leader", "official"):
                self.officials.append((si, e.start, e.iso))
            elif e.via not in ("coreference", "group"):
                self.states.append((si, e.start, e.iso))
        for p in dict.fromkeys(pairs):
            entry = self.pairs.setdefault(p, [0, 0, si])
            entry[0] += 1
            entry[2] = si
        for p in coordinated:
            self.pairs[p][1] = 1


def _coreference(text: str, ss: int, se: int, si: int, here: list[Ent], memory: _Memory,
                 epithets: list, pair_phrases: list, pronouns: list,
                 here_pair: Callable[[int, frozenset[str] | None], tuple[str, str] | None]) -> list[Ent]:
    """Entities for the epithets, pair phrases and pronouns of sentence ``si`` (absolute offsets)."""
    out = []
    for s, e, states in _within(epithets, ss, se):
        iso = memory.epithet(si, s, states, here)
        if iso:
            out.append(Ent(s, e, iso, "coreference"))
    for s, e in _within(pronouns, ss, se):
        iso = memory.pronoun(si, s, here)
        if iso:
            out.append(Ent(s, e, iso, "coreference"))
    for s, e in _within(pair_phrases, ss, se):
        # a state named on its own before the phrase is not one of "the two sides" ("the US envoy urged
        # both sides"), unless it only reports ("Moscow said the two sides ..."); a class word limits the pair
        # ("the two Caucasus nations")
        allowed = pair_class(text[s:e])
        apart = frozenset(x.iso for x in here if x.end <= s and x.via != "coreference"
                          and not _REPORTING.search(text, x.end, s))
        pair = here_pair(s, allowed) or memory.pair(si, apart, allowed)
        if pair:
            out += [Ent(s, e, pair[0], "coreference"), Ent(s, e, pair[1], "coreference")]
    return out


_ACHIEVEMENT = re.compile(r"[\s\u2022\-\u2013\u2014*\u25aa\u00b7]*(?:\d{1,3}[.)]\s+)?(?P<verb>(?-i:[A-Z])[a-z]+ed)\b(?!\s+(?:States|Kingdom|Nations|Arab|Republic))")


def _main_official(officials: list[tuple[int, int, str, str]]) -> str | None:
    """The state of the office-holder a text names most (at least twice), for implicit subjects."""
    counts: dict[str, int] = {}
    for _, _, iso, via in officials:
        if via == "leader":
            counts[iso] = counts.get(iso, 0) + 1
    if not counts:
        return None
    iso, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return iso if n >= 2 and sum(counts.values()) - n < n else None


def _main_state(mentions: list[tuple[int, int, str, str]]) -> str | None:
    """The state an article names most (at least 3 times and a quarter of its state mentions)."""
    counts: dict[str, int] = {}
    for _, _, iso, kind in mentions:
        if kind != "place":
            counts[iso] = counts.get(iso, 0) + 1
    if not counts:
        return None
    iso, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return iso if n >= 3 and n * 4 >= sum(counts.values()) else None


def _in(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def read_article(
    art_id: str,
    text: str,
    when: pd.Timestamp | None,
    mentions: list[tuple[int, int, str, str]],
    groups: list[tuple[int, int, str]],
    *,
    spans: list[tuple[int, int]],
    sections: tuple[str, ...],
    cues,
    include: frozenset[str],
    unit: str,
    members: Callable[[str, pd.Timestamp | None], list[str]],
    expand: set[str] | None,
    meta_speaker: str | None = None,
    officials=None,
) -> list[tuple]:
    """Rows of ``extract_ties`` for one article (see :func:`regionkit.extract_ties`).

    ``mentions`` are ``(start, end, iso3, kind)`` of direct country mentions,
    ``groups`` ``(start, end, group_id)`` of group mentions: those in ``expand``
    (``None``: all) are read as the list of their members; the others stand for
    a list named earlier only when they point back to it ("the five Central
    Asian countries" after the five were named, within ``GROUP_WINDOW``
    sentences). ``meta_speaker`` is the state of the author named by the
    article's metadata (title / source), used when the text names no speaker;
    ``officials`` the office-holder index (``_actors.officials_index``).
    """
    art = _Article(art_id, text, when, mentions, groups, spans, members, expand, meta_speaker, officials)
    rows: list[tuple] = []
    for si, (ss, se) in enumerate(spans):
        section = "boilerplate" if _in(art.noise, art.noise_starts, ss) else "body"
        if section in sections:
            rows += art.sentence_rows(si, ss, se, cues, include, unit)
    if "co_mention" in include and unit == "paragraph":
        rows += _paragraph_co_mentions(art_id, text, mentions, rows, art.noise, art.noise_starts, sections)
    return rows


class _Article:
    """One article prepared for reading: entities by sentence, coreference phrases and memory."""

    def __init__(self, art_id, text, when, mentions, groups, spans, members, expand, meta_speaker,
                 index=None) -> None:
        self.art_id, self.text, self.when, self.members = art_id, text, when, members
        self.noise = boilerplate_spans(text)
        self.noise_starts = [s for s, _ in self.noise]
        self.starts = [s for s, _ in spans]
        officials = find_officials(text, when, index)
        officials = sorted(officials + find_introduced(text, mentions, officials))
        self.epithets = find_epithets(text)
        low = text.lower()  # literal pre-checks: a regex led by \b tries every position of the text
        self.pair_phrases = [(m.start(), m.end()) for m in PAIR_PHRASE.finditer(text)] \
            if "two" in low or "both" in low else []
        self.pronouns = [(m.start(), m.end()) for m in PRONOUN.finditer(text)]
        self.they = [(m.start(), m.end()) for m in THEY.finditer(text)] if "hey" in text or "hem" in text else []
        self.act_refs = [(m.start(), m.end(), m.group("noun")) for m in ACT_REF.finditer(text)]
        self.event_refs = find_event_refs(text)
        self.memory = _Memory()
        self.memory.made = [(m.start(), m.group("noun")) for m in ACT_MADE.finditer(text)] if self.act_refs else []
        self.by_sentence: dict[int, list[Ent]] = {}
        for s, e, iso, kind in mentions:
            self.by_sentence.setdefault(self.sentence_of(s), []).append(Ent(s, e, iso, kind))
        for s, e, iso, via in officials:
            self.by_sentence.setdefault(self.sentence_of(s), []).append(Ent(s, e, iso, via))
        self.group_ents: dict[int, list[Ent]] = {}
        self.backrefs: list[tuple[int, int, str]] = []
        self._groups(groups, expand)
        speaker = find_speaker(text, spans, officials) or meta_speaker
        self.first_person = _first_person(text, mentions, officials, speaker)
        self.main_actor = speaker or _main_official(officials) or _main_state(mentions)
        #: members of the Abraham Accords at the date when the article names them (for ``_reading``)
        named = "abraham" in low and _ACCORDS.search(text)
        self.accord_members = frozenset(members("abraham_accords", when)) if named else frozenset()

    def sentence_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def _groups(self, groups: list[tuple[int, int, str]], expand: set[str] | None) -> None:
        text = self.text
        for s, e, g in groups:
            if expand is None or g in expand:
                for iso in self.members(g, self.when):
                    self.group_ents.setdefault(self.sentence_of(s), []).append(Ent(s, e, iso, "group:" + g))
            else:
                m = GROUP_BACKREF.search(text[max(0, s - 60):s])
                # "the five Central Asian countries", "the Central Asian countries": points back to a named list
                if m and (re.search(r"\d|two|three|four|five|six|seven|eight|nine|ten", m.group(), re.IGNORECASE)
                          or GROUP_PLURAL.match(text, e)):
                    self.backrefs.append((s, e, g))

    def entities(self, si: int, ss: int, se: int, sentence: str, cues, accords: frozenset[str]) -> list[Ent]:
        """Every entity of sentence ``si`` (absolute offsets): names, officials, groups, coreference."""
        text, here = self.text, self.by_sentence.get(si, [])

        def here_pair(pos: int, allowed: frozenset[str] | None) -> tuple[str, str] | None:
            """The latest pair tied earlier in this sentence (a first reading without pair phrases).

            Not a pair one of whose states is named again on its own between its tie and the phrase
            ("talks between Zinni and Sharon, a day after the US envoy threatened ... the two sides").
            """
            local = [Ent(e.start - ss, e.end - ss, e.iso, e.via) for e in here if e.end <= pos]
            first, _ = read_sentence(sentence, local, cues, accords=accords)
            p = pos - ss
            good = []
            for r in first:
                if r.relation == "mediation" or (allowed is not None and not {r.x.iso, r.y.iso} <= allowed):
                    continue
                last = max(r.x.end, r.y.end)
                again = [x for x in local if last <= x.start and x.end <= p and x.iso in (r.x.iso, r.y.iso)
                         and x.via != "coreference" and not _REPORTING.search(sentence, x.end, p)]
                if not again:
                    good.append(r)
            if not good:
                return None
            r = max(good, key=lambda r: r.cue)
            return (r.x.iso, r.y.iso)

        ents = here + self.group_ents.get(si, []) + _coreference(
            text, ss, se, si, here, self.memory, self.epithets, self.pair_phrases, self.pronouns, here_pair)
        ents += [Ent(s, e, who, "coreference") for s, e, who in _within(self.first_person, ss, se)]
        if self.main_actor:
            m = _ACHIEVEMENT.match(text, ss, se)
            if m and not any(e.start <= m.start("verb") < e.end for e in ents):
                # "Brokered peace between Armenia and Azerbaijan.": the list's implicit subject (TIES.md s8)
                ents.append(Ent(m.start("verb"), m.start("verb"), self.main_actor, "coreference"))
        ents += self._they_and_acts(si, ss, se, sentence, here)
        for s, e, g in self.backrefs:
            if ss <= s < se:
                named = self.memory.named_list(si, self.members(g, self.when))
                noun = _GROUP_NOUN.match(text, e)
                end = noun.end() if noun else e
                ents += [Ent(s, end, iso, "coreference") for iso in named or ()]
        return ents

    def _they_and_acts(self, si: int, ss: int, se: int, sentence: str, here: list[Ent]) -> list[Ent]:
        """"they" / "them" as a list named just before, definite act nouns as their author's state, and
        "the talks" / "the meeting" as the pair of the latest meeting."""
        out = []
        for s, e in _within(self.they, ss, se):
            local = [Ent(x.start - ss, x.end - ss, x.iso, x.via) for x in here if x.end <= s]
            chains = [c for c in build_chains(sentence, prepare_entities(sentence, local)) if len(c.members()) >= 2]
            isos = [x.iso for x in chains[-1].members()] if chains else self.memory.they(si)
            out += [Ent(s, e, iso, "coreference") for iso in isos or ()]
        for s, e, noun in _within(self.act_refs, ss, se):
            iso = self.memory.act(si, s, noun)
            if iso:
                out.append(Ent(s, e, iso, "coreference"))
        for s, e in _within(self.event_refs, ss, se):
            pair = self.memory.meeting(si)
            if pair:
                out += [Ent(s, e, pair[0], "coreference"), Ent(s, e, pair[1], "coreference")]
        return out

    def sentence_rows(self, si: int, ss: int, se: int, cues, include: frozenset[str], unit: str) -> list[tuple]:
        """Read sentence ``si``: its rows, and what it leaves in memory for later coreference."""
        sentence = self.text[ss:se]
        # a treaty between Israel and a member of the Abraham Accords, in an article naming them, is their normalisation
        accords = self.accord_members
        ents = self.entities(si, ss, se, sentence, cues, accords)
        if not ents:
            return []
        if len({e.iso for e in ents}) < 2:  # one state: nothing to tie, only remembered for coreference
            self.memory.remember(si, ents, [], [], sentence, ss)
            return []
        local = [Ent(e.start - ss, e.end - ss, e.iso, e.via) for e in ents]
        ties, chains = read_sentence(sentence, local, cues, accords=accords)
        rows, tied = [], set()
        for r in ties:
            tied.add((r.x.iso, r.y.iso))
            target = None if r.source is None else (r.y.iso if r.source == r.x.iso else r.x.iso)
            rows.append(_row(self.art_id, si, ss, se, sentence, r.x, r.y, r.source, target, r.relation, r.status))
        rows += _pairs_not_tied(self.art_id, si, ss, se, sentence, ents, chains, tied, include, unit)
        self.memory.meetings += [(si, (r.x.iso, r.y.iso)) for r in ties if r.relation == "meeting"]
        coordinated = tuple(tuple(sorted(e.iso for e in ch.members())) for ch in chains if ch.is_pair())
        pairs = [(r.x.iso, r.y.iso) for r in ties] + list(coordinated)
        lists = [[e.iso for e in ch.members()] for ch in chains
                 if len(ch.members()) >= 2 and not any(e.via.startswith("group:") for e in ch.ents)]
        self.memory.remember(si, ents, pairs, lists, sentence, ss, coordinated)  # ents: article offsets
        return rows


def _within(spans: list, lo: int, hi: int) -> list:
    """The items of ``spans`` (sorted tuples starting with a position) that start in ``[lo, hi)``."""
    if not spans:
        return []
    i = bisect.bisect_left(spans, (lo,))
    j = bisect.bisect_left(spans, (hi,), i)
    return spans[i:j]


def _first_person(text: str, mentions, officials, speaker: str | None) -> list[tuple[int, int, str]]:
    """I / we / my / our with the state they stand for: the quote's speaker inside a quote, else the text's."""
    states = sorted([(s, e, iso) for s, e, iso, _ in mentions] + [(s, e, iso) for s, e, iso, _ in officials])
    quotes = quote_speakers(text, states) if ("\u201c" in text or '"' in text) else []
    out = []
    for m in FIRST_PERSON.finditer(text):
        who = next((iso for q0, q1, iso in quotes if q0 <= m.start() < q1), speaker)
        if who:
            out.append((m.start(), m.end(), who))
    return out


def _pairs_not_tied(art_id, si, ss, se, sentence, ents, chains, tied, include, unit) -> list[tuple]:
    """``co_member`` and ``co_mention`` rows, when asked for, of pairs the sentence did not tie."""
    rows = []
    if "co_member" in include:
        for ch in chains:
            mem = ch.members()
            if len(mem) >= 3 and ("comma" in ch.links or any(e.via.startswith("group:") for e in mem)):
                for x, y in combinations(sorted(mem, key=lambda e: e.iso), 2):
                    if (x.iso, y.iso) not in tied:
                        rows.append(_row(art_id, si, ss, se, sentence, x, y, None, None, "co_member", "stated"))
                        tied.add((x.iso, y.iso))
    if "co_mention" in include and unit == "sentence":
        local = [Ent(e.start - ss, e.end - ss, e.iso, e.via) for e in ents]
        direct = sorted({e.iso: e for e in local if e.via in _DIRECT}.values(), key=lambda e: e.iso)
        for x, y in combinations(direct, 2):
            if (x.iso, y.iso) not in tied:
                rows.append(_row(art_id, si, ss, se, sentence, x, y, None, None, "co_mention", "stated"))
    return rows


_DIRECT = frozenset({"name", "demonym", "capital", "metonym", "place"})


def _row(art_id, si, ss, se, sentence, x: Ent, y: Ent, source, target, relation, status) -> tuple:
    group = ";".join(dict.fromkeys(e.via[6:] for e in (x, y) if e.via.startswith("group:"))) or None
    via = ["group" if e.via.startswith("group:") else e.via for e in (x, y)]
    return (art_id, si, x.iso, y.iso, source, target, relation, status, status in ("negated", "reported_denied"),
            sentence, ss, se, *_span(x, ss), *_span(y, ss),
            via[0], via[1], group)


def _span(e: Ent, ss: int) -> tuple[int | None, int | None]:
    """A party's span in the article; none for a party implied by a rule or an implicit subject."""
    if e.via == "implied" or e.end <= e.start:
        return None, None
    return e.start + ss, e.end + ss


def _paragraph_co_mentions(art_id, text, mentions, rows, noise, noise_starts, sections) -> list[tuple]:
    tied = {(r[2], r[3]) for r in rows}
    out = []
    paras = paragraph_spans(text)
    starts = [s for s, _ in paras]
    by_para: dict[int, dict[str, Ent]] = {}
    for s, e, iso, kind in mentions:
        pi = max(bisect.bisect_right(starts, s) - 1, 0)
        by_para.setdefault(pi, {}).setdefault(iso, Ent(s, e, iso, kind))
    for pi, found in sorted(by_para.items()):
        ps, pe = paras[pi]
        section = "boilerplate" if _in(noise, noise_starts, ps) else "body"
        if section not in sections:
            continue
        for x, y in combinations(sorted(found.values(), key=lambda e: e.iso), 2):
            if (x.iso, y.iso) not in tied:
                out.append(_row(art_id, pi, ps, pe, text[ps:pe], Ent(x.start - ps, x.end - ps, x.iso, x.via),
                                Ent(y.start - ps, y.end - ps, y.iso, y.via), None, None, "co_mention", "stated"))
    return out

"""Disambiguation rules as data: named :class:`Rule` objects applied in a documented order.

The extractor finds every gazetteer key in the text (one Aho-Corasick pass), then
asks the rules whether each candidate really is a mention. :func:`rules` lists them
with their docs; ``extract_mentions(..., rules=...)`` runs another list.

>>> import regionkit as rk
>>> [r.id for r in rk.rules()][:4]
['word_boundary', 'case', 'blocker', 'url']
>>> rk.extract_mentions("A turkey for Thanksgiving: Turkey pardons", rules=rk.rules().without("turkey_bird"))["iso3"].tolist()
['TUR']

Two stages
----------
``match`` rules are built into the scanner and can only be switched off:
``word_boundary`` (R1), ``case`` (R2), ``blocker`` (R3, which also makes longer
group names win: "Latin America", "the Minsk process" - R10) and ``url`` (R4).
``context`` rules judge one candidate at a time, in this order (a rule that drops
the candidate, or accepts it finally, ends the chain; a re-targeted candidate goes
on to the next rules as its new entry):

``us_pronoun`` (R2), ``person_name`` (R5), ``georgia_us_state`` (R6: accepts
Georgia as the USA, finally), ``turkey_bird`` (R7), ``language`` (R8) and ``currency_code``
(:mod:`regionkit._rules_language`), ``name_of_thing`` (R9), ``washington_name`` (R9), then the English rules of
:mod:`regionkit._rules_en`: ``town_in_state`` (R11), ``census_person`` (R12),
``named_thing`` (R13), and ``town_described`` (R14, :mod:`regionkit._rules_towns`, right after
``town_in_state``).
R11 and R12 remember their reading for the article (a ``finish`` step).

A sentence, for every rule, is a span of :func:`regionkit.extract.sentence_spans`
(the same spans the ``sentence`` column numbers).

Writing a rule
--------------
A rule is ``Rule(id, doc, check, kinds=..., keys=..., words=...)``. ``check`` gets a
:class:`Candidate` (``.entry``, ``.text``, ``.start``, ``.end``, ``.surface``,
``.key`` = surface lower-cased, ``.words(name)``, ``.regex(name)``,
``.prev_word()``, ``.next_word()``, ``.is_name_word(word, allowed)``,
``.all_caps_line()``, ``.sentence()``, ``.sentence_text()``, ``.article.memo(key,
build)`` for per-article facts, ``.retarget(iso3, kind, source)``) and returns:

* ``None`` - no objection, the next rule looks;
* :data:`DROP` - not a mention, no row;
* an :class:`~regionkit.gazetteer.Entry` - re-target: later rules judge the candidate as this entry;
* ``accept(entry)`` - record the candidate as this entry, stop.

``kinds`` and ``keys`` say which candidates the rule is about (None: all); give
them whenever you can, because candidates that no rule is about skip the chain
(that is what keeps extraction fast). ``keys`` may be the name of a word list.
Word lists live in ``data/gazetteer/rules/<name>.csv`` (columns ``word, source``;
``farm*`` matches any word starting with "farm" in :meth:`Candidate.regex`), are
read from the gazetteer (``candidate.words(name)``), and so travel with
:meth:`regionkit.Gazetteer.to_disk` and to Dask workers.

Use a rule once: ``extract_mentions(text, rules=rk.rules().plus(my_rule, after="language"))``.
Ship a rule: put it in its own module (importing only :mod:`regionkit._rule_base`),
add it to ``_default_rules()`` here (``DEFAULT_RULES``) at its place in the order, add its word lists,
and a test that switches it off (``rules().without(id)``) and shows what it guards
against. If it changes outputs, regenerate the golden files
(``tests/data/golden/regen.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from regionkit._entry import Entry
from regionkit._rule_base import (DROP, END, LOWER, SPACE, UPPER, Article, Candidate, Final, Many, ResolvedTrigger, Rule,
                                  Trigger, Verdict, Word, WordChars, accept, words_regex)

if TYPE_CHECKING:
    import pandas as pd

    from regionkit.gazetteer import Gazetteer

__all__ = ["Rule", "Candidate", "Article", "DROP", "accept", "Final", "Verdict", "RuleSet", "rules", "resolve_rules", "Chain",
           "compile_rules", "words_regex", "Trigger", "Many", "Word", "WordChars", "UPPER", "LOWER", "SPACE", "END"]  # and DEFAULT_RULES (module __getattr__)

WORD_BOUNDARY = Rule(
    "word_boundary",
    """A match must not touch a letter or digit ("Oman" in "woman", "Mali" in "Somali", "Niger" in
    "Nigeria"). Hyphens and apostrophes are boundaries, so "Armenian-American" and "Russia's" match.""",
    stage="match", label="R1",
)
CASE = Rule(
    "case",
    """Abbreviations (US, UK, UAE, EU) match only as written ("us" the pronoun never does); other names
    need a capital first letter or an all-caps line ("turkey" the bird, "china" the porcelain never
    match). The case each alias needs is its ``case`` column (exact, title, any).""",
    stage="match", label="R2",
)
BLOCKER = Rule(
    "blocker",
    """Longer phrases that contain a country word but mean something else win by length and produce
    no row (blockers.csv: "Indian Ocean", "Persian Gulf", "Middle East Eye", "Georgia Tech", "the Minsk
    process"); the same longest-match rule makes "Latin America" a region, not the USA (R10).""",
    stage="match", label="R3",
)
URL = Rule(
    "url",
    """Nothing inside a web address, domain or e-mail address counts ("commonspace.eu", "www.gov.uk").""",
    stage="match", label="R4",
)

@cache
def _default_rules() -> tuple[Rule, ...]:
    """The shipped rules, in the order they apply (the rule modules load on first use, not at import).

    town_in_state and census_person run before person_name: their readings ("Jordan School District",
    "Israel Adesanya", "Michael Jordan") are remembered for the article, person_name's are not.
    """
    from regionkit._rules_context import (GEORGIA_US_STATE, LANGUAGE, NAME_OF_THING, PERSON_NAME, TURKEY_BIRD,
                                          US_PRONOUN, WASHINGTON_NAME)
    from regionkit._rules_en import CENSUS_PERSON, NAMED_THING, TOWN_IN_STATE
    from regionkit._rules_language import CURRENCY_CODE
    from regionkit._rules_towns import TOWN_DESCRIBED

    return (WORD_BOUNDARY, CASE, BLOCKER, URL, US_PRONOUN, TOWN_IN_STATE, TOWN_DESCRIBED, CENSUS_PERSON, PERSON_NAME,
            GEORGIA_US_STATE, TURKEY_BIRD, LANGUAGE, CURRENCY_CODE, NAME_OF_THING, WASHINGTON_NAME, NAMED_THING)


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_RULES":  # the shipped rules, in order: a tuple of Rule
        return _default_rules()
    raise AttributeError(f"module 'regionkit.rules' has no attribute {name!r}")


class RuleSet(tuple):
    """An ordered, immutable list of rules (what :func:`rules` returns and ``rules=`` takes)."""

    __slots__ = ()

    def __new__(cls, items: Iterable[Rule] = ()) -> RuleSet:
        items = tuple(items)
        for r in items:
            if not isinstance(r, Rule):
                raise TypeError(f"a rule list holds regionkit.rules.Rule objects, not {type(r).__name__}")
        ids = [r.id for r in items]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"rule ids must be unique; repeated: {', '.join(dup)}")
        return super().__new__(cls, items)

    @property
    def ids(self) -> list[str]:
        """The rule ids, in order."""
        return [r.id for r in self]

    def get(self, rule_id: str) -> Rule:
        """The rule with this id (ValueError listing the ids when there is none)."""
        for r in self:
            if r.id == rule_id:
                return r
        raise ValueError(f"unknown rule {rule_id!r}; rules are: {', '.join(self.ids)}")

    def without(self, *rule_ids: str) -> RuleSet:
        """The same rules minus these ids (each must exist)."""
        for i in rule_ids:
            self.get(i)
        return RuleSet(r for r in self if r.id not in rule_ids)

    def plus(self, rule: Rule, *, before: str | None = None, after: str | None = None) -> RuleSet:
        """The same rules with ``rule`` added: at the end, or just before/after the rule with that id."""
        items = list(self)
        if before is not None and after is not None:
            raise ValueError("give before= or after=, not both")
        anchor = before or after
        if anchor is None:
            return RuleSet([*items, rule])
        k = self.ids.index(self.get(anchor).id) + (1 if after else 0)
        return RuleSet([*items[:k], rule, *items[k:]])

    def to_frame(self) -> pd.DataFrame:
        """One row per rule: ``order, id, stage, label, kinds, keys, words, doc``."""
        import pandas as pd

        return pd.DataFrame([{"order": i + 1, "id": r.id, "stage": r.stage, "label": r.label,
                              "kinds": ", ".join(sorted(r.kinds)) if r.kinds else "all",
                              "keys": (r.keys if isinstance(r.keys, str) else ", ".join(sorted(r.keys)))
                              if r.keys else "all",
                              "words": ", ".join(r.words), "doc": r.doc} for i, r in enumerate(self)])

    def __repr__(self) -> str:
        return "\n".join(f"{i + 1:>2}. {r.id} [{r.stage}{', ' + r.label if r.label else ''}]: {r.doc}"
                         for i, r in enumerate(self))

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)


def rules() -> RuleSet:
    """The shipped disambiguation rules, in the order they apply, each with its doc.

    Returns
    -------
    RuleSet
        A tuple of :class:`Rule`; ``.without(id)``, ``.plus(rule, after=id)`` give
        variants to pass as ``extract_mentions(..., rules=...)``; ``.to_frame()`` a table.
    """
    return _default_set()


def resolve_rules(value: Iterable[Rule | str] | None) -> RuleSet:
    """``rules=`` as the extractor takes it: None (the shipped rules) or rules / shipped rule ids, in order."""
    if value is None:
        return _default_set()
    if isinstance(value, RuleSet):
        return value
    if isinstance(value, (str, Rule)):
        value = [value]
    return RuleSet(_default_set().get(v) if isinstance(v, str) else v for v in value)


@cache
def _default_set() -> RuleSet:
    return RuleSet(_default_rules())


class Chain:
    """A rule list compiled against one gazetteer: the scanner's switches and the context checks."""

    def __init__(self, ruleset: RuleSet, gazetteer: Gazetteer) -> None:
        ids = set(ruleset.ids)
        self.bounded = "word_boundary" in ids
        self.case = "case" in ids
        self.blockers = "blocker" in ids
        self.urls = "url" in ids
        self.gazetteer = gazetteer
        self.context = tuple((r, r.kinds, r.key_set(gazetteer)) for r in ruleset if r.stage == "context")
        #: per context rule (same order): its triggers resolved against the gazetteer, or None (no trigger)
        self.triggers = tuple(None if r.trigger is None else tuple(t.resolve(gazetteer) for t in r.trigger)
                              for r, _, _ in self.context)
        finishers: list[Callable] = []
        for r in ruleset:
            if r.finish is not None and r.finish not in finishers:
                finishers.append(r.finish)
        self.finishers = tuple(finishers)
        from regionkit._rules_en import GUARDED, _tables, may_fire

        # R11-R13 also have may_fire, a finer static guard in Python (after their triggers)
        self._guarded = tuple(r.id in GUARDED for r, _, _ in self.context)
        self.guard_kinds = frozenset().union(*(r.kinds or () for r, _, _ in self.context if r.id in GUARDED))
        self._may_fire = may_fire
        self._en_tables = _tables(gazetteer) if self.guard_kinds else {}
        self._plans: dict[tuple[str, str], Any] = {}
        #: every trigger with an after/before part, numbered for the compiled kernel (its bit in a candidate's mask)
        self.local_triggers: list[ResolvedTrigger] = []
        for trig in self.triggers:
            for t in trig or ():
                if t.local and all(t is not u for u in self.local_triggers):
                    self.local_triggers.append(t)
        self._bit = {id(t): i for i, t in enumerate(self.local_triggers[:63])}  # as _scan_triggers.MAX_TRIGGERS

    def plan(self, kind: str, key: str) -> Any:
        """What the context rules need for a candidate of this kind and lower-cased surface (memoised).

        None: no rule is about it; True: a rule without trigger is; else a tuple of
        ``(trigger or None, guarded)`` per trigger of the rules about it (None: a
        guarded rule without trigger, for which only ``may_fire`` decides).
        """
        got = self._plans.get((kind, key), False)
        if got is not False:
            return got
        plan: Any = None
        parts: list[tuple[ResolvedTrigger | None, bool]] = []
        for (_rule, kinds, keys), trig, guarded in zip(self.context, self.triggers, self._guarded):
            if (kinds is not None and kind not in kinds) or (keys is not None and key not in keys):
                continue
            if trig is None:
                if not guarded:
                    plan = True
                    break
                parts.append((None, True))
            else:
                parts.extend((t, guarded) for t in trig if t.keys is None or key in t.keys)
        if plan is None and parts:
            plan = tuple(parts)
        if len(self._plans) < 200_000:
            self._plans[(kind, key)] = plan
        return plan

    def wants(self, kind: str, key: str) -> bool:
        """True when some context rule is about a candidate of this kind and lower-cased surface."""
        return self.plan(kind, key) is not None

    def _holds(self, t: ResolvedTrigger, text: str, start: int, end: int, bits: int | None) -> bool:
        """``t.holds(text, start, end)``, read from ``bits`` (the batch's evaluation, bit per local trigger) when given."""
        if bits is not None:
            i = self._bit.get(id(t))
            if i is not None:
                return (bits >> i) & 1 == 1
        return t.holds(text, start, end)

    def wants_at(self, text: str, start: int, end: int, kind: str, key: str, cues: dict | None = None,
                 bits: int | None = None) -> bool:
        """True unless every context rule about ``text[start:end]`` is proven not to fire there (triggers, may_fire).

        ``cues`` is a per-article dict for the triggers' article cues; None (``text``
        is not one article): a cue is taken to be there. ``bits``: the local triggers
        already evaluated at this place (:func:`regionkit._scan_triggers.trigger_bits`).
        """
        plan = self.plan(kind, key)
        if plan is None or plan is True:
            return plan is True
        fire = None
        for trig, guarded in plan:
            if trig is not None and not (self._holds(trig, text, start, end, bits) and self._cue(trig, text, cues)):
                continue
            if not guarded:
                return True
            if fire is None:
                fire = self._may_fire(text, start, end, kind, key, self._en_tables)
            if fire:
                return True
        return False

    def _cue(self, trig: ResolvedTrigger, text: str, cues: dict | None) -> bool:
        if trig.cue is None or cues is None:
            return True
        hit = cues.get((trig.cue, trig.cue_flags))
        if hit is None:
            gaz, name, flags = self.gazetteer, trig.cue, trig.cue_flags
            rx = gaz.memo(("rules.regex", name, flags), lambda: words_regex(gaz.words(name), flags=flags))
            hit = cues[(name, flags)] = rx.search(text) is not None
        return hit

    def judge(self, candidate: Candidate, bits: int | None = None) -> Entry | None:
        """Run the context rules on one candidate: the entry to record, or None for no row.

        A rule none of whose triggers holds is not called (it is proven to return None);
        ``bits`` as for :meth:`wants_at`.
        """
        key = candidate.key
        cues = None
        for (rule, kinds, keys), trig in zip(self.context, self.triggers):
            if (kinds is not None and candidate.entry.kind not in kinds) or (keys is not None and key not in keys):
                continue
            if trig is not None:
                if cues is None:
                    cues = candidate.article.memo("rules.cues", dict)
                text, start, end = candidate.text, candidate.start, candidate.end
                if not any((t.keys is None or key in t.keys) and self._holds(t, text, start, end, bits)
                           and self._cue(t, text, cues) for t in trig):
                    continue
            verdict = rule.check(candidate)  # type: ignore[misc]
            if verdict is None:
                continue
            if verdict is DROP:
                return None
            if isinstance(verdict, Final):
                return verdict.entry
            candidate.entry = verdict  # type: ignore[assignment]  # re-targeted: later rules judge the new entry
        return candidate.entry

    def finish(self, found: list[tuple[Entry, int, int]], article: Article | None) -> list[tuple[Entry, int, int]]:
        """Run the rules' article-level ``finish`` steps (each distinct function once, in rule order)."""
        if article is None:
            return found
        for fn in self.finishers:
            found = fn(found, article)
        return found

    def resolver(self) -> Callable[[str, str], Entry | None]:
        """``resolve(key, surface)``: the first entry of ``key`` that the case and blocker rules let through."""
        gaz = self.gazetteer
        keys = gaz.by_key
        case, blockers = self.case, self.blockers
        cache: dict[Any, Any] = gaz.case_cache if case and blockers else gaz.memo(("rules.cache", case, blockers), dict)

        def resolve(key: str, surface: str) -> Entry | None:
            hit = cache.get((key, surface), False)
            if hit is False:
                hit = next((e for e in keys[key] if (blockers or e.kind != "blocker") and (not case or e.case_ok(surface))),
                           None)
                if len(cache) > 500_000:
                    cache.clear()
                cache[(key, surface)] = hit
            return hit
        return resolve


def compile_rules(value: Iterable[Rule | str] | None, gazetteer: Gazetteer) -> Chain:
    """The :class:`Chain` for ``rules=`` and a gazetteer (built once per pair and kept on the gazetteer)."""
    ruleset = resolve_rules(value)
    return gazetteer.memo(("rules.chain", ruleset), lambda: Chain(ruleset, gazetteer))

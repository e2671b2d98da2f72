"""Rule triggers are necessary conditions: where no trigger of a rule holds, the rule never changes the candidate.

The scanners skip a rule (and, in the compiled kernel, the whole Python chain) where its
triggers do not hold, so a trigger that misses a case the rule would catch changes outputs.
Checked on the demo corpus, the dev texts, the seed page and hypothesis texts built from the
rules' own words; and the batch (numpy) and compiled evaluations against the Python one.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionkit import _match, _scan, _scan_triggers
from regionkit._rule_base import _CI_EXTRA, END, SPACE, Article, Candidate, Many, Trigger, Word
from regionkit.gazetteer import fold, gazetteer
from regionkit.rules import compile_rules, rules


def _candidates(text: str, gaz, chain):
    return list(_match._matches(gaz.automaton, gaz.by_key, text, fold(text), 0, len(text), resolve=chain.resolver()))


def _check_necessary(texts) -> tuple[int, int]:
    """For every candidate and rule about it whose triggers all fail: check() returns None. Returns (skipped, fired)."""
    gaz = gazetteer()
    chain = compile_rules(None, gaz)
    skipped = fired = 0
    for text in texts:
        article = Article(text)
        cues = article.memo("rules.cues", dict)
        for entry, start, end in _candidates(text, gaz, chain):
            if entry.kind == "blocker":
                continue
            key = text[start:end].lower()
            for (rule, kinds, keys), trig in zip(chain.context, chain.triggers):
                if trig is None or (kinds is not None and entry.kind not in kinds) or (keys is not None and key not in keys):
                    continue
                holds = any((t.keys is None or key in t.keys) and t.holds(text, start, end) and chain._cue(t, text, cues)
                            for t in trig)
                verdict = rule.check(Candidate(entry, text, start, end, gaz, article))
                if verdict is not None:
                    fired += 1
                if not holds:
                    skipped += 1
                    assert verdict is None, (rule.id, text[max(0, start - 30):end + 30])
    return skipped, fired


def test_every_shipped_context_rule_but_us_pronoun_has_a_trigger():
    missing = [r.id for r in rules() if r.stage == "context" and r.trigger is None]
    assert missing == ["us_pronoun"]  # its cue ("a line in capitals") is no character class; 'us' is rare


def test_triggers_are_necessary_on_the_test_corpora(demo_articles, dev_gold, seed_text):
    texts = [t for t in demo_articles["text"].tolist() if isinstance(t, str)] + [d["text"] for d in dev_gold] + [seed_text]
    skipped, fired = _check_necessary(texts)
    assert skipped > 1000 and fired > 10  # the triggers prune, and the rules do fire on these texts


_WORDS = ["Russian", "Georgia", "Georgian", "Jordan", "Moscow", "Turkey", "Washington", "China", "Kenya", "Ireland",
          "Lebanon", "Peru", "Chad", "Israel", "Thai", "Persian", "Afghan", "Mexico", "Paris", "London", "Nairobi",
          "French", "Baku", "Tehran", "Indian", "India", "Canada", "speaking", "language", "speakers", "SPEAKING",
          "in", "into", "written", "speaks", "and", "or", "as", "to", "fluently", "Post", "Times", "Nationals",
          "Club", "Palace", "Kitchen", "cat", "hound", "geese", "County", "Township", "School", "District", "Twp.",
          "Pa.", "Ind.", "N.Y.", "PA", "NY", "Idaho", "Ont.", "Ontario", "Texas", "Kathy", "Moore", "Michael",
          "Denzel", "Smith", "Energy", "Week", "Gov.", "Atlanta", "Thanksgiving", "pardoned", "roast", "Tbilisi",
          "US", "JOIN", "the", "The", "Mr.", "Sofia", "Santiago", "Holland", "Tom", "Energy", "Airways", "x",
          "Arabic", "Hebrew", "fluent", "taught", "translated", "from", "word", "U.S.", "25", "hands", "Japanese"]
_SEPS = [" ", ", ", ",", "-", "\u00a0", ". ", "\n", "  ", "\u2019s ", "'s ", " (", ") ", "\u2009", ": ", ",\u00a0", "",
         "$", " $", "\t", " and ", ", and "]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), min_size=1, max_size=14))
def test_triggers_are_necessary_on_texts_made_of_the_rules_words(parts):
    _check_necessary(["".join(w + s for w, s in parts)])


def _bits_python(chain, text: str, cands) -> list[int]:
    out = []
    for _, s, e in cands:
        out.append(sum(1 << i for i, t in enumerate(chain.local_triggers[:_scan_triggers.MAX_TRIGGERS])
                       if t.holds(text, s, e)))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), min_size=1, max_size=8),
                min_size=1, max_size=4))
def test_batch_trigger_bits_equal_the_python_triggers(articles):
    """The numpy evaluation over joined articles (NUL between them) equals the per-article Python one."""
    gaz = gazetteer()
    chain = compile_rules(None, gaz)
    texts = ["".join(w + s for w, s in parts) for parts in articles]
    joined = _scan.SEP.join(texts)
    bounds = np.cumsum([0] + [len(t) + 1 for t in texts]).astype(np.int64)
    starts, ends, arts, want = [], [], [], []
    for a, text in enumerate(texts):
        cands = _candidates(text, gaz, chain)
        want += _bits_python(chain, text, cands)
        starts += [s + int(bounds[a]) for _, s, _ in cands]
        ends += [e + int(bounds[a]) for _, _, e in cands]
        arts += [a] * len(cands)
    start, end, art = (np.array(x, dtype=np.int64) for x in (starts, ends, arts))
    got = _scan_triggers.trigger_bits(chain, joined, bounds, start, end, art, np.arange(len(start)))
    assert got.tolist() == want
    k = _scan.kernel()
    if k is not None:
        from regionkit._scan_kernel import kernel_trigger_bits

        assert kernel_trigger_bits(k, chain, joined, bounds, start, end, art).tolist() == want


def test_space_and_ignorecase_classes_are_those_of_re():
    assert {chr(c) for c in range(0x110000) if re.match(r"\s", chr(c))} == set(SPACE)
    letters = re.compile("[a-z]", re.IGNORECASE)
    extra = {chr(c) for c in range(0x110000) if letters.match(chr(c)) and not chr(c).isascii()}
    assert extra == set("".join(_CI_EXTRA.values()))


def test_a_trigger_that_could_miss_is_refused():
    with pytest.raises(ValueError, match="overlaps"):
        Trigger(after=(Many(" "), " ,"))
    with pytest.raises(ValueError, match="END"):
        Trigger(after=(END, "a"))
    with pytest.raises(ValueError, match="Word"):
        Trigger(after=(Word({"Post"}), " "))
    with pytest.raises(ValueError):
        Many(END)

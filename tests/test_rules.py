"""Rules as data: every rule is listed with its doc, and switching it off shows what it guards against."""

from __future__ import annotations

import pandas as pd
import pytest

import regionkit as rk
from regionkit.rules import DROP, Rule

# rule id -> (text, the false mention that appears only when the rule is off: (iso3, surface)).
# Rules overlap (blockers, person_name and census_person all catch "Michael Jordan"); each text
# here is one that only its rule catches.
GUARDS = {
    "word_boundary": ("Chadwick starred in the film.", ("TCD", "Chad")),
    "case": ("She bought a turkey and fine china.", ("TUR", "turkey")),
    "blocker": ("Ships crossed the Indian Ocean.", ("IND", "Indian")),
    "url": ("Background: https://en.wikipedia.org/wiki/Armenia (in English).", ("ARM", "Armenia")),
    "us_pronoun": ("JOIN US FOR THE WEEKLY NEWSLETTER", ("USA", "US")),
    "town_in_state": ("The fair in Moscow, Idaho drew farmers.", ("RUS", "Moscow")),
    "town_described": ("Cairo is the southernmost city in Illinois.", ("EGY", "Cairo")),
    "census_person": ("Kathy Ireland hosted the show.", ("IRL", "Ireland")),
    "person_name": ("Lebanon Hanover played their new album.", ("LBN", "Lebanon")),  # census_person misses it
    "georgia_us_state": ("Georgia Gov. Brian Kemp met voters in Atlanta county offices.", ("GEO", "Georgia")),
    "turkey_bird": ("A turkey named Turkey was pardoned before Thanksgiving.", ("TUR", "Turkey")),
    "language": ("The memoir was written in Russian.", ("RUS", "Russian")),
    "currency_code": ("A gift card for US$25 is on sale.", ("USA", "US")),
    "name_of_thing": ("The Baku Energy Week opened on Monday.", ("AZE", "Baku")),
    "washington_name": ("The Washington Nationals won again.", ("USA", "Washington")),
    "named_thing": ("We ordered from Thai Kitchen again.", ("THA", "Thai")),
}


def _pairs(m: pd.DataFrame) -> set[tuple]:
    return set(zip(m["iso3"].astype(object).where(m["iso3"].notna(), None), m["surface"]))


def test_every_rule_is_listed_with_a_doc_and_has_a_guard_test():
    listed = rk.rules()
    assert listed.ids == list(GUARDS)  # the documented order, and a case below for each
    for rule in listed:
        assert len(rule.doc) > 60 and rule.doc.lstrip("\"")[0].isupper() and rule.doc.endswith("."), rule.id
        assert rule.stage in {"match", "context"}
    table = listed.to_frame()
    assert list(table["id"]) == listed.ids and table["doc"].str.len().min() > 60
    assert "turkey_bird" in repr(listed)


@pytest.mark.parametrize("rule_id", list(GUARDS))
def test_switching_a_rule_off_lets_its_trap_through(rule_id):
    text, false_hit = GUARDS[rule_id]
    on = rk.extract_mentions(text)
    off = rk.extract_mentions(text, rules=rk.rules().without(rule_id))
    assert false_hit not in _pairs(on), (rule_id, on)
    assert false_hit in _pairs(off), (rule_id, off)
    for row in off.itertuples():  # offsets stay exact, whatever the rules
        assert text[row.start:row.end] == row.surface


def test_georgia_rule_retargets_rather_than_drops():
    text, _ = GUARDS["georgia_us_state"]
    m = rk.extract_mentions(text)
    row = m[m["surface"] == "Georgia"].iloc[0]
    assert (row["iso3"], row["kind"]) == ("USA", "place")


def test_rules_accept_ids_and_reject_unknown_or_repeated():
    assert rk.extract_mentions("Michael Jordan", rules=["word_boundary", "case"])["iso3"].tolist() == ["JOR"]
    with pytest.raises(ValueError, match="unknown rule 'no_such_rule'; rules are: word_boundary"):
        rk.rules().without("no_such_rule")
    with pytest.raises(ValueError, match="repeated: case"):
        rk.extract_mentions("x", rules=[*rk.rules(), rk.rules().get("case")])
    with pytest.raises(ValueError, match="needs a check"):
        Rule("broken", "A context rule without a check function.")


def _no_islands(c):
    """A user rule: 'the X Islands' style mentions are dropped (only for this test)."""
    return DROP if c.text[c.end:c.end + 8] == " Islands" else None


def test_adding_a_rule_runs_it_in_its_place():
    text = "Cook Islands and Fiji met; Solomon Islands too."
    base = rk.extract_mentions(text)
    rule = Rule("no_islands", "Drops names followed by ' Islands' (a test rule).", _no_islands, kinds={"name"})
    assert rk.rules().plus(rule, after="language").ids.index("no_islands") == rk.rules().ids.index("language") + 1
    got = rk.extract_mentions(text, rules=rk.rules().plus(rule, before="person_name"))
    assert set(got["surface"]) <= set(base["surface"])
    assert "Fiji" in set(got["surface"])


def test_a_rule_reads_its_words_from_the_gazetteer():
    text = "The turkey, Turkey, came with gravy."
    assert ("TUR", "Turkey") in _pairs(rk.extract_mentions(text))
    g = rk.default_gazetteer().with_words("bird_cues", ["gravy"])
    assert ("TUR", "Turkey") not in _pairs(rk.extract_mentions(text, gazetteer=g))
    assert "gravy" in g.words("bird_cues") and "gravy" not in rk.default_gazetteer().words("bird_cues")


def test_every_word_list_a_rule_names_is_shipped():
    g = rk.default_gazetteer()
    for rule in rk.rules():
        for name in rule.words:
            assert len(g.words(name)) >= 3, (rule.id, name)
        if isinstance(rule.keys, str):
            assert g.words(rule.keys), rule.id

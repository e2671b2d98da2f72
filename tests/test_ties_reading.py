"""Ties that read who did what with whom (issue 15): arguments, actors, coreference, status.

Sentences are short real-news patterns; the dev gold (TIES.md annotations of 41 real texts)
is scored as a whole at the end, against the naive sentence co-occurrence baseline.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import regionkit as rk
from regionkit._resources import data_path

ROOT = Path(__file__).resolve().parents[1]


def ties(text: str, date: str = "2025-06-01", **kw) -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["x"], "text": [text], "date": [pd.Timestamp(date)]})
    return rk.extract_ties(arts, **kw)


def pairs(t: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(t["a"], t["b"], t["relation"]))


# ----------------------------------------------------------------------------------
# arguments, not neighbours
# ----------------------------------------------------------------------------------


def test_venue_is_not_a_party():
    t = ties("The foreign ministers of Kazakhstan and Uzbekistan met in Geneva.")
    assert pairs(t) == {("KAZ", "UZB", "meeting")}
    t = ties("Talks between Armenia and Turkey were held at the summit in Baku.")
    assert set(zip(t["a"], t["b"])) == {("ARM", "TUR")}


def test_each_cue_labels_only_its_own_arguments():
    t = ties("Armenia and Azerbaijan signed a peace deal, while Russia's war against Ukraine continued.")
    assert pairs(t) == {("ARM", "AZE", "treaty"), ("RUS", "UKR", "conflict")}
    t = ties("Russia invaded Ukraine in 2022 and China bought oil from Iran.")
    assert pairs(t) == {("RUS", "UKR", "conflict"), ("CHN", "IRN", "trade_energy")}


def test_list_of_signatories_ties_each_to_the_other_party():
    t = ties("Kazakhstan, Uzbekistan and Kyrgyzstan signed agreements with China.")
    assert pairs(t) == {("CHN", "KAZ", "treaty"), ("CHN", "UZB", "treaty"), ("CHN", "KGZ", "treaty")}
    t = ties("The United States and Israel agreed to partner with Sudan.")  # TIES.md s4 (d007)
    assert set(zip(t["a"], t["b"])) == {("ISR", "SDN"), ("SDN", "USA")}


def test_parallel_actors_and_descriptions_give_nothing():
    assert ties("Qatar exports gas, Oman exports oil.").empty
    assert ties("Egypt, Jordan, Sudan and Morocco attended the ceremony.").empty
    # geography is not a tie (TIES.md s4)
    assert ties("Wedged between Russia to the north and Iran to the south, Azerbaijan occupies a critical link.").empty


def test_between_pairs_and_mediator():
    t = ties("Turkey brokered peace between Azerbaijan and Armenia, Cambodia and Thailand.")
    got = pairs(t)
    assert {("ARM", "AZE", "treaty"), ("KHM", "THA", "treaty")} <= got
    assert {("ARM", "TUR", "mediation"), ("AZE", "TUR", "mediation"), ("KHM", "TUR", "mediation")} <= got
    assert not {("ARM", "KHM"), ("AZE", "THA")} & set(zip(t["a"], t["b"]))
    row = t[(t["a"] == "ARM") & (t["b"] == "TUR")].iloc[0]
    assert (row["source"], row["target"]) == ("TUR", "ARM")


def test_passive_and_possessive():
    t = ties("Palestine was recognised by Spain.")
    assert pairs(t) == {("ESP", "PSE", "normalisation")}
    assert t.iloc[0]["source"] == "ESP"
    t = ties("Azerbaijan's conflict with its neighbour Armenia has lasted decades.")
    assert pairs(t) == {("ARM", "AZE", "conflict")}


def test_hyphen_pairs():
    t = ties("They praised the ironclad U.S.-Japan and U.S.-ROK alliances.")
    assert set(zip(t["a"], t["b"])) == {("JPN", "USA"), ("KOR", "USA")}


def test_strikes_against_a_group_in_a_country_and_a_war_named_after_a_place():
    assert ties("The United States ordered strikes against ISIS leadership in Nigeria.").empty  # TIES.md s2
    assert ties("Egypt supports efforts to end the war in Gaza.").empty


def unordered(*codes: tuple[str, str]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for p in codes}


@pytest.mark.parametrize(
    ("text", "actor", "listed"),
    [
        ("The United States restricts the entry of nationals from 4 countries found to pose a high risk: "
         "Afghanistan, Chad, Haiti and Yemen.", "USA", ("AFG", "TCD", "HTI", "YEM")),
        ("Washington imposed sanctions on three countries: Iran, Syria and North Korea.", "USA", ("IRN", "SYR", "PRK")),
        ("Russia has signed agreements with four countries in the region: Kazakhstan, Uzbekistan, Kyrgyzstan and "
         "Tajikistan.", "RUS", ("KAZ", "UZB", "KGZ", "TJK")),
    ],
)
def test_a_list_after_a_colon_stands_for_the_count_it_spells_out(text, actor, listed):
    t = ties(text)
    assert set(zip(t["a"], t["b"])) == unordered(*((actor, c) for c in listed))
    directed = t[t["relation"] != "treaty"]  # a treaty has no direction
    assert set(directed["source"]) <= {actor}


@pytest.mark.parametrize(
    "text",
    [
        "The summit brought together twelve countries: Kazakhstan, Uzbekistan, Kyrgyzstan and Tajikistan.",
        "Three countries border Kazakhstan: Russia, China and Uzbekistan.",  # geography
        "Officials from five countries attended the talks in Geneva: Kazakhstan, Uzbekistan, Kyrgyzstan, "
        "Tajikistan and Turkmenistan.",  # co-attendees of a multilateral meeting
        "Turkey sanctioned two countries: Syria, Iraq, Iran and Armenia.",  # the count does not match the list
    ],
)
def test_a_list_after_a_colon_without_an_actor_or_count_gives_nothing(text):
    assert ties(text).empty


def test_balancing_relations_ties_the_actor_to_each_power_only():
    t = ties("Kazakhstan has sought to balance relations between Russia, China, and other powers, "
             "including the United States.")
    assert set(zip(t["a"], t["b"], t["relation"])) == {("KAZ", "RUS", "other"), ("CHN", "KAZ", "other"),
                                                       ("KAZ", "USA", "other")}
    t = ties("Tashkent is balancing relations between Moscow and Beijing.")
    assert set(zip(t["a"], t["b"])) == {("CHN", "UZB"), ("RUS", "UZB")}
    t = ties("Uzbekistan balances its ties with Russia and China.")
    assert set(zip(t["a"], t["b"])) == {("CHN", "UZB"), ("RUS", "UZB")}
    # no actor: three parties in one relation are not paired (TIES.md s5)
    assert ties("Relations between Russia, China and India have improved.").empty
    # "and other partners, such as X" continues the list of targets
    t = ties("Kazakhstan trades with Russia, China, and other partners, such as Turkey.")
    assert set(zip(t["a"], t["b"])) == {("CHN", "KAZ"), ("KAZ", "RUS"), ("KAZ", "TUR")}


@pytest.mark.parametrize(
    ("text", "host", "guests"),
    [
        ("It's an honor to welcome everyone to the White House for this very historic peace summit between "
         "Armenia and Azerbaijan.", "USA", ("ARM", "AZE")),
        ("Erdogan welcomed the delegations to Istanbul for talks between Russia and Ukraine.", "TUR", ("RUS", "UKR")),
        ("Trump welcomed the leaders of Armenia and Azerbaijan to the White House.", "USA", ("ARM", "AZE")),
    ],
)
def test_the_state_that_welcomes_two_parties_hosts_and_mediates(text, host, guests):
    t = ties(text)
    med = t[t["relation"] == "mediation"]
    assert set(zip(med["a"], med["b"])) == unordered(*((host, g) for g in guests))
    assert set(med["source"]) == {host}
    assert tuple(sorted(guests)) in set(zip(t["a"], t["b"]))


def test_welcoming_without_hosting_is_not_mediation():
    # a party welcoming the other meets it; welcoming a plan is a word aimed at its author (other)
    t = ties("Kazakhstan welcomed Chinese investors to Astana for talks on trade between China and Kazakhstan.")
    assert "mediation" not in set(t["relation"])
    t = ties("Armenia welcomes President Donald J. Trump's leadership.")
    assert pairs(t) == {("ARM", "USA", "other")}
    # one guest received is a meeting; "received investments" is not a meeting
    assert pairs(ties("Putin received Tokayev in the Kremlin.")) == {("KAZ", "RUS", "meeting")}
    assert "meeting" not in set(ties("Kazakhstan received investments from China and Russia.")["relation"])


def test_pairs_after_between_may_share_a_party():
    t = ties("The agreement between the UAE and Israel, and Israel and Bahrain, marks a first step.")
    assert set(zip(t["a"], t["b"])) == {("ARE", "ISR"), ("BHR", "ISR")}
    t = ties("The deals between Kazakhstan and China, and Russia and Belarus were signed.")
    assert set(zip(t["a"], t["b"])) == {("CHN", "KAZ"), ("BLR", "RUS")}


def test_a_ceasefire_is_a_treaty():  # TIES.md s3
    assert pairs(ties("Russia and Ukraine agreed to a ceasefire.")) == {("RUS", "UKR", "treaty")}


def test_plural_noun_after_between_points_back_to_the_list_of_its_sentence():
    t = ties("Two years ago, the United States brokered a peace agreement with the State of Israel, the United Arab "
             "Emirates, and Bahrain, normalizing diplomatic relations between Israel and major Muslim nations.")
    assert set(zip(t["a"], t["b"], t["relation"])) >= {("ARE", "ISR", "normalisation"), ("BHR", "ISR", "normalisation")}
    assert ("ARE", "BHR") not in set(zip(t["a"], t["b"]))  # the list's other members are not tied to each other
    t = ties("Washington brokered deals with Israel, Morocco and Sudan, normalising relations between Israel and "
             "the Arab states.")
    assert {("ISR", "MAR"), ("ISR", "SDN")} <= set(zip(t["a"], t["b"]))
    # nothing to point back to: a group is never expanded (TIES.md s2)
    assert ties("Relations between Israel and Arab states have improved.").empty


def test_joint_document_with_two_others_is_multilateral():
    # TIES.md s6 (dev09): three signatories of one statement are not tied to each other
    assert ties("The United States signed a joint statement of intent with Canada and Finland.").empty
    assert ties("Japan held a trilateral summit with South Korea and China.").empty
    # one partner, or separate agreements, are bilateral ties
    assert pairs(ties("Kazakhstan signed a joint declaration with Uzbekistan.")) == {("KAZ", "UZB", "treaty")}
    t = ties("The United States signed agreements with Japan and South Korea.")
    assert set(zip(t["a"], t["b"])) == {("JPN", "USA"), ("KOR", "USA")}


@pytest.mark.parametrize(
    ("text", "mediator", "parties"),
    [
        ("Established a U.S.-backed framework to end the Ukraine\u2013Russia war.", "USA", ("RUS", "UKR")),
        ("Qatar-led talks between Rwanda and the Democratic Republic of the Congo resumed.", "QAT", ("COD", "RWA")),
        ("The Turkish-sponsored peace process between Azerbaijan and Armenia stalled.", "TUR", ("ARM", "AZE")),
    ],
)
def test_a_state_backed_process_makes_the_state_mediator(text, mediator, parties):
    t = ties(text)
    med = t[t["relation"] == "mediation"]
    assert set(zip(med["a"], med["b"])) == unordered(*((mediator, p) for p in parties))
    assert parties in set(zip(t["a"], t["b"]))


def test_non_state_bodies_and_named_wars_are_not_parties():
    # TIES.md s2: branches of a movement, militants, parties are not their state
    assert ties("Designated the Egyptian and Jordanian branches of the Muslim Brotherhood as terrorists "
                "for supporting Hamas.").empty
    assert ties("Palestinian militants and Lebanese rebels attacked Israel.").empty
    assert pairs(ties("Egyptian and Jordanian officials met in Cairo.")) == {("EGY", "JOR", "meeting")}
    # a war named after one place ties nobody to it; a state's war in a place does
    assert ties("We welcome the Plan to End the Gaza Conflict proposed by the U.S. President.").empty
    assert pairs(ties("Russia's war in Ukraine continues.")) == {("RUS", "UKR", "conflict")}
    assert pairs(ties("Israel's renewed offensive in Gaza killed hundreds.")) == {("ISR", "PSE", "conflict")}
    assert ties("Egypt supports efforts to end the war in Gaza.").empty
    # "in line with X's vision" does not make X the cue's object
    t = ties("Armenia and Azerbaijan can turn the page on a conflict in line with President Trump's vision.")
    assert set(zip(t["a"], t["b"])) == {("ARM", "AZE")}


def test_words_aimed_at_the_author_of_a_plan_and_at_a_relationship():
    # "welcome the plan ... proposed by X" is aimed at X (TIES.md s3 other), even some words away
    t = ties("Azerbaijan welcomes the announcement of the Comprehensive Plan to End the Gaza Conflict proposed by "
             "the U.S. President Donald J. Trump.")
    assert pairs(t) == {("AZE", "USA", "other")}
    assert pairs(ties("Germany is grateful to US President Donald Trump for his efforts.")) == {("DEU", "USA", "other")}
    assert pairs(ties("We must make certain that the U.S.-Israel relationship remains strong.")) == {("ISR", "USA", "other")}
    assert pairs(ties("The relationship between Russia and China has deepened.")) == {("CHN", "RUS", "other")}
    # the window stays short without an author: a far name is not the object
    assert ties("Azerbaijan welcomes the announcement of the long awaited plan for the whole region near Iran.").empty


def test_a_reporter_after_a_comma_is_not_one_more_party():
    assert ties("Egypt condemned the attack on civilians carried out by militants in Sinai, Israel said.").empty
    t = ties("Russia, Belarus and Kazakhstan signed a deal with China, Moscow said.")
    assert set(zip(t["a"], t["b"])) == {("BLR", "CHN"), ("CHN", "KAZ"), ("CHN", "RUS")}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Pressured Panamanian President José Raúl Mulino to withdraw from China\u2019s Belt and Road Initiative.",
         ("CHN", "PAN")),
        ("Italy joined China's Belt and Road Initiative in 2019.", ("CHN", "ITA")),
        ("Uzbekistan has pulled out of Russia's energy corridor.", ("RUS", "UZB")),
    ],
)
def test_joining_or_leaving_what_a_state_owns_ties_the_two(text, pair):
    t = ties(text)
    assert set(zip(t["a"], t["b"])) == {pair}
    assert set(t["relation"]) == {"trade_energy"}


def test_owner_of_a_thing_praised_is_not_joined():
    assert pairs(ties("Kazakhstan praised Russia's trade policy.")) == {("KAZ", "RUS", "other")}


@pytest.mark.parametrize(
    ("text", "pressed", "by"),
    [
        ("Under pressure from Washington and London, Pakistan arrested dozens of militants.", "PAK", ("USA", "GBR")),
        ("Under US pressure, Pakistan froze the group's assets.", "PAK", ("USA",)),
        ("Pakistan, under heavy pressure from the United States, banned the groups.", "PAK", ("USA",)),
    ],
)
def test_under_pressure_from_a_state(text, pressed, by):
    t = ties(text)
    assert set(zip(t["a"], t["b"])) == unordered(*((pressed, b) for b in by))
    assert set(t["source"]) == set(by) and set(t["relation"]) == {"other"}


def test_pressure_without_a_state_and_venues_after_from():
    # pressure at home is nobody's; the meeting is still read
    assert pairs(ties("Under pressure at home, Pakistan's leader met India's prime minister.")) == {("IND", "PAK", "meeting")}
    assert ties("The government is under pressure to cut taxes, Kenya said.").empty
    # a capital after "from" is a venue unless something comes from its government
    assert pairs(ties("The statement issued from Paris was signed by Armenia and Azerbaijan.")) == {("ARM", "AZE", "treaty")}
    assert pairs(ties("Australia has expressed sympathy with Israel after the bombing.")) == {("AUS", "ISR", "other")}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Pakistan's president arrived in Washington for talks.", ("PAK", "USA")),
        ("Kazakh President Tokayev travelled to Beijing.", ("CHN", "KAZ")),
        ("Putin flew to Tehran on Tuesday.", ("IRN", "RUS")),
        ("The planned visit of the Chinese president to Japan was cancelled.", ("CHN", "JPN")),
        ("The meeting of the Russian foreign minister with his Turkish counterpart took place in Ankara.", ("RUS", "TUR")),
    ],
)
def test_a_visit_ties_the_visitor_to_the_state_visited(text, pair):
    t = ties(text)
    assert pairs(t) == {(*pair, "meeting")}


def test_travellers_who_are_not_envoys_do_not_visit():
    assert ties("Russian troops arrived in Syria.").empty
    assert ties("Refugees from Syria arrived in Turkey.").empty
    assert ties("Flights from Moscow landed in Antalya.").empty


@pytest.mark.parametrize(
    ("text", "pair", "relation"),
    [
        ("Japan has yet to sign a peace treaty with Russia.", ("JPN", "RUS"), "treaty"),
        ("Washington refused to recognise the Taliban government in Afghanistan.", ("AFG", "USA"), "normalisation"),
        ("The planned visit of the Chinese president to Japan was cancelled.", ("CHN", "JPN"), "meeting"),
        ("Israel has no diplomatic relations with Saudi Arabia.", ("ISR", "SAU"), "normalisation"),
    ],
)
def test_ties_not_made_are_negated(text, pair, relation):
    t = ties(text)
    assert pairs(t) == {(*pair, relation)}
    assert t["negated"].all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poland summoned the Russian ambassador.", {("POL", "RUS", "other")}),
        ("Poland expelled 45 Russian diplomats.", {("POL", "RUS", "conflict")}),
        ("India and Pakistan exchanged fire across the border.", {("IND", "PAK", "conflict")}),
        ("Iran shot down a US drone.", {("IRN", "USA", "conflict")}),
        ("Israel recalled its ambassador from Turkey.", {("ISR", "TUR", "normalisation")}),
        ("China remains Pakistan's closest ally.", {("CHN", "PAK", "other")}),
        ("Russia launched strikes on Ukraine overnight.", {("RUS", "UKR", "conflict")}),
        ("Israeli-Palestinian violence continued.", {("ISR", "PSE", "conflict")}),
        ("Israeli troops killed two Palestinians in Gaza.", {("ISR", "PSE", "conflict")}),
        ("Pakistan vowed to retaliate against India.", {("IND", "PAK", "conflict")}),
    ],
)
def test_common_news_acts_between_two_states(text, expected):
    assert pairs(ties(text)) == expected


def test_common_news_acts_near_misses():
    assert ties("Kazakhstan is Russia's neighbour.").empty  # geography, not a tie (TIES.md s4)
    assert ties("The bombing in Kabul killed dozens, Pakistan said.").empty  # a reporter, a venue
    assert ties("Israeli troops killed three Palestinian militants.").empty  # militants are not their state


# ----------------------------------------------------------------------------------
# actors
# ----------------------------------------------------------------------------------


def test_leaders_stand_for_their_state_only_in_office():
    t = ties("Tokayev will host Mirziyoyev next month.", date="2025-06-01")
    row = t.iloc[0]
    assert (row["a"], row["b"], row["relation"], row["status"]) == ("KAZ", "UZB", "meeting", "planned")
    assert (row["source"], row["a_via"], row["b_via"]) == ("KAZ", "leader", "leader")
    assert t.iloc[0]["evidence"][row["a_start"]:row["a_end"]] == "Tokayev"
    # leaders.csv: Tokayev head of state since 2019 - in 2010 he does not stand for Kazakhstan
    assert ties("Tokayev will host Mirziyoyev next month.", date="2010-06-01").empty


def test_leaders_table_is_sourced():
    with open(data_path("ties", "leaders.csv"), newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    assert all(r["source_url"].startswith("http") for r in rows)
    assert {"iso3", "office", "person", "aliases", "start", "end", "source_url"} <= set(rows[0])


def test_metonym_actor_versus_venue():
    t = ties("The Kremlin said it would sanction Ukraine.")
    assert pairs(t) == {("RUS", "UKR", "conflict")}
    assert t.iloc[0]["a_via"] == "metonym" and t.iloc[0]["status"] == "planned"
    t = ties("Azerbaijan and Israel held talks in Moscow.")
    assert set(zip(t["a"], t["b"])) == {("AZE", "ISR")}


def test_speaker_of_a_quote():
    text = "Canadian Prime Minister Mark Carney: \u201cWe welcome the agreement and we thank Egypt for its mediation.\u201d"
    t = ties(text)
    assert ("CAN", "EGY") in set(zip(t["a"], t["b"]))


# ----------------------------------------------------------------------------------
# coreference
# ----------------------------------------------------------------------------------


def test_the_two_countries():
    t = ties("Armenia and Azerbaijan fought a war in 2020. The two countries signed a peace deal in 2025.")
    second = t[t["sentence"] == 1]
    assert pairs(second) == {("ARM", "AZE", "treaty")}
    assert set(second["a_via"]) == {"coreference"}


def test_epithet_resolves_to_the_nearest_state_of_its_class():
    t = ties("Saudi Arabia hosted the summit. The kingdom has said it would not recognise Israel.")
    row = t[t["sentence"] == 1].iloc[0]
    assert (row["a"], row["b"], row["status"], row["negated"]) == ("ISR", "SAU", "negated", True)
    assert row["b_via"] == "coreference"
    # "the Kingdom of Saudi Arabia" is a name, not an epithet pointing back
    t = ties("Jordan spoke first. Then the Kingdom of Saudi Arabia welcomed Egypt's plan.")
    assert set(zip(t["a"], t["b"])) == {("EGY", "SAU")}


def test_group_points_back_to_a_named_list_only():
    text = ("Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan met. "
            "They praised the partnership between the five Central Asian countries and the United States.")
    t = ties(text)
    assert set(zip(t["a"], t["b"])) == {(c, "USA") if c < "USA" else ("USA", c)
                                         for c in ("KAZ", "KGZ", "TJK", "TKM", "UZB")}
    assert ties("They praised the partnership between Central Asian countries and the United States.").empty


# ----------------------------------------------------------------------------------
# modality and negation
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Saudi Arabia refused to recognise Israel.", "negated"),
        ("Talks in Baku between Armenia and Turkey were postponed.", "negated"),
        ("The talks between Turkey and Armenia collapsed.", "negated"),
        ("Israel and Saudi Arabia could normalise relations if a peace deal is signed.", "conditional"),
        ("Baku denied that it had held talks with Israel.", "reported_denied"),
        ("Israel and the UAE will fully normalize their diplomatic relations.", "planned"),
        ("Israel and the UAE normalized their diplomatic relations.", "stated"),
        # held back until a condition is met is negated (TIES.md s7); a plain "if" is conditional
        ("Kazakhstan would only join the Abraham Accords once Israel stops the war.", "negated"),
        ("Saudi Arabia will normalise ties with Israel only if a Palestinian state is created.", "negated"),
        ("Armenia and Azerbaijan failed to reach an agreement.", "negated"),
        ("Japan and South Korea are unlikely to sign a deal soon.", "negated"),
        ("Russia only met Iran once.", "stated"),
    ],
)
def test_status(text, status):
    t = ties(text)
    assert len(set(zip(t["a"], t["b"]))) == 1
    assert status in set(t["status"])
    assert t["negated"].tolist() == [s in ("negated", "reported_denied") for s in t["status"]]


def test_tie_table_status_and_directed():
    text = ("Saudi Arabia refused to recognise Israel. Turkey sanctioned Syria. Syria attacked Turkey. "
            "Turkey imposed new sanctions on Syria.")
    t = ties(text)
    w = rk.tie_table(t).set_index(["a", "b"])
    assert w.loc[("ISR", "SAU"), "status"] == "negated" and w.loc[("ISR", "SAU"), "negated"] == 1
    assert w.loc[("SYR", "TUR"), "conflict"] == 3 and w.loc[("SYR", "TUR"), "status"] == "stated"
    d = rk.tie_table(t, directed=True).set_index(["source", "target"])
    assert d.loc[("TUR", "SYR"), "weight"] == 2 and d.loc[("SYR", "TUR"), "weight"] == 1
    per_article = rk.tie_table(t, by_article=True)
    assert list(per_article.columns[:3]) == ["article_id", "a", "b"]


def test_tie_table_primary_relation_of_a_mediator():
    # a mediator's meetings and words are part of its mediation (TIES.md s7) ...
    text = ("Turkey hosted Armenia and Azerbaijan for peace talks. Turkey praised Armenia. "
            "Turkish diplomats met Armenia's foreign minister again.")
    w = rk.tie_table(ties(text)).set_index(["a", "b"])
    assert w.loc[("ARM", "TUR"), "dominant"] == "mediation"
    # ... but a specific relation stated more often than the mediation is what the pair is about
    text = ("Turkey brokered talks between Syria and Iraq. Turkey sanctioned Syria. Turkey attacked Syria.")
    w = rk.tie_table(ties(text)).set_index(["a", "b"])
    assert w.loc[("SYR", "TUR"), "dominant"] == "conflict"
    assert w.loc[("IRQ", "TUR"), "dominant"] == "mediation"


def test_include_co_mention_and_co_member_only_when_asked():
    text = "Egypt, Jordan, Sudan and Morocco attended. Qatar exports gas, Oman exports oil."
    assert ties(text).empty
    t = ties(text, include=("co_mention", "co_member"))
    assert set(t["relation"]) == {"co_mention", "co_member"}
    assert ("EGY", "JOR", "co_member") in pairs(t) and ("OMN", "QAT", "co_mention") in pairs(t)
    with pytest.raises(ValueError, match="valid: co_mention, co_member"):
        ties(text, include="everything")


# ----------------------------------------------------------------------------------
# the dev gold, scored (regression guard: rules are judged on unseen text)
# ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evaluation():
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    import eval_ties

    return eval_ties


def test_dev_gold_beats_sentence_co_occurrence(evaluation, capsys):
    res = evaluation.run("dev")
    ours, naive = res["ours"], res["naive"]
    # development numbers (the rules were written against this set): a regression guard, not a claim
    assert ours["precision"] >= 0.93
    assert ours["recall"] >= 0.75
    assert ours["f1"] > naive["f1"] + 0.4
    assert ours["relation"] >= 0.85


def test_held_out_set_is_well_formed_and_scored(evaluation):
    texts = evaluation.load_texts()
    for line in (ROOT / "tests" / "data" / "ties_heldout.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for tie in rec["ties"]:
            assert tie["a"] < tie["b"]
            assert tie["evidence"] in texts[rec["id"]]["text"]
    res = evaluation.run("held")
    assert res["ours"]["precision"] >= 0.8

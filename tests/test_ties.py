"""Ties from the record and from text, on the real seed page and demo corpus."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import regionkit as rk
from regionkit._resources import data_path
from regionkit.cli import main
from regionkit.extract import sentence_spans
from regionkit.ties import CUE_RELATIONS, RELATIONS, TIES_META, _is_negated, cue_table

SEED = str(data_path("articles", "000_882ee92918b85e76.txt"))
DEMO = str(data_path("articles", "demo_articles.jsonl"))
ACCORDS_SENTENCE = (
    "The original Abraham Accords, inked between Israel and the United Arab Emirates, Bahrain, Morocco and Sudan, "
    "were centred on restoration of ties."
)


@pytest.fixture(scope="module")
def seed_articles():
    return rk.read_articles(SEED)


@pytest.fixture(scope="module")
def seed_ties(seed_articles):
    return rk.extract_ties(seed_articles)


@pytest.fixture(scope="module")
def demo_articles():
    return rk.read_articles(DEMO)


@pytest.fixture(scope="module")
def demo_ties(demo_articles):
    return rk.extract_ties(demo_articles)


def relations_of(ties: pd.DataFrame, a: str, b: str, *, evidence: str | None = None, negated: bool | None = None):
    a, b = sorted((a, b))
    rows = ties[(ties["a"] == a) & (ties["b"] == b)]
    if evidence is not None:
        rows = rows[rows["evidence"].str.contains(evidence, regex=False)]
    if negated is not None:
        rows = rows[rows["negated"] == negated]
    return set(rows["relation"])


# ----------------------------------------------------------------------------------
# acceptance on the seed page
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize("other", ["ARE", "BHR", "MAR", "SDN"])
def test_accords_members_tie_to_israel_as_normalisation(seed_ties, other):
    rels = relations_of(seed_ties, "ISR", other, evidence=ACCORDS_SENTENCE)
    assert "normalisation" in rels
    assert "co_member" not in rels


def test_listed_accords_members_are_only_co_members(seed_articles, seed_ties):
    # co-members are not ties: by default they are not there at all, and only co_member when asked
    assert not relations_of(seed_ties, "ARE", "BHR")
    asked = rk.extract_ties(seed_articles, include="co_member")
    assert relations_of(asked, "ARE", "BHR") == {"co_member"}
    for a, b in [("ARE", "MAR"), ("BHR", "SDN"), ("MAR", "SDN")]:
        assert relations_of(asked, a, b, evidence=ACCORDS_SENTENCE) == {"co_member"}
    assert "normalisation" in relations_of(asked, "ARE", "ISR", evidence=ACCORDS_SENTENCE)


def test_armenia_azerbaijan_conflict_and_treaty(seed_ties):
    rels = relations_of(seed_ties, "ARM", "AZE", negated=False)
    assert {"conflict", "treaty"} <= rels
    at_loggerheads = seed_ties[seed_ties["evidence"].str.contains("at loggerheads")]
    # "The two countries, which ... have been at loggerheads": the pair comes by coreference
    assert set(zip(at_loggerheads["a"], at_loggerheads["b"])) == {("ARM", "AZE")}
    assert "conflict" in set(at_loggerheads["relation"])
    assert "coreference" in set(at_loggerheads["a_via"]) | set(at_loggerheads["b_via"])


def test_saudi_restore_ties_with_israel(seed_ties):
    assert "normalisation" in relations_of(seed_ties, "ISR", "SAU", evidence="restore ties with Israel", negated=False)


def test_israel_azerbaijan_present(seed_ties):
    assert relations_of(seed_ties, "AZE", "ISR")


def test_no_boilerplate_unless_asked(seed_articles, seed_ties):
    teaser = {"UKR", "NLD", "MDA"}
    assert not (set(seed_ties["a"]) | set(seed_ties["b"])) & teaser
    assert not seed_ties["evidence"].str.contains("Claims Commission").any()
    both = rk.extract_ties(seed_articles, sections=("body", "boilerplate"), include="co_mention")
    assert relations_of(both, "RUS", "UKR")
    assert both["evidence"].str.contains("Claims Commission").any()


def test_negated_cues(seed_ties):
    # "The kingdom has repeatedly said it would not recognise Israel ..."
    assert relations_of(seed_ties, "ISR", "SAU", evidence="would not recognise") == {"normalisation"}
    assert relations_of(seed_ties, "ISR", "SAU", evidence="would not recognise", negated=True) == {"normalisation"}
    row = seed_ties[seed_ties["evidence"].str.contains("would not recognise") & (seed_ties["b"] == "SAU")].iloc[0]
    assert (row["source"], row["target"], row["b_via"], row["status"]) == ("SAU", "ISR", "coreference", "negated")
    # "... there is no guarantee a deal will be reached, particularly with slow progress in talks between ..."
    assert relations_of(seed_ties, "ARM", "AZE", evidence="no guarantee", negated=True) == {"treaty"}
    assert relations_of(seed_ties, "ARM", "AZE", evidence="no guarantee", negated=False) == {"meeting"}


def test_groups_are_not_expanded(seed_ties):
    # headline: "Trump aims to bring Azerbaijan, Central Asian nations into Abraham Accords";
    # "Azerbaijan and every country in Central Asia ... already have longstanding relations with Israel"
    named = set(seed_ties["a"]) | set(seed_ties["b"])
    assert not {"TJK", "TKM", "KGZ", "UZB"} & named
    assert relations_of(seed_ties, "AZE", "ISR", evidence="longstanding relations") == {"normalisation"}


def test_mediator_gets_only_mediation(seed_ties):
    # "... agreed to normalise diplomatic relations with Israel after U.S. mediation."
    assert relations_of(seed_ties, "ISR", "USA", evidence="after U.S. mediation") == {"mediation"}


def test_evidence_is_the_sentence_and_spans_are_the_parties(seed_articles, seed_ties):
    text = seed_articles["text"].iloc[0]
    spans = sentence_spans(text)
    mentions = rk.extract_mentions(seed_articles)
    direct = mentions[mentions["kind"].isin(rk.DIRECT_KINDS)]
    starts = dict(zip(direct["start"], direct["iso3"]))
    for row in seed_ties.itertuples():
        start, end = spans[row.sentence]
        assert row.evidence == text[start:end] == text[row.evidence_start:row.evidence_end]
        assert row.a < row.b
        for iso, s, e, via in ((row.a, row.a_start, row.a_end, row.a_via), (row.b, row.b_start, row.b_end, row.b_via)):
            assert start <= s < e <= end
            if via in rk.DIRECT_KINDS:  # the span starts at a mention of that country
                assert starts[s] == iso
        if pd.notna(row.source):
            assert {row.source, row.target} == {row.a, row.b}


def test_output_columns_and_dtypes(seed_ties):
    assert list(seed_ties.columns) == list(TIES_META.columns)
    assert seed_ties.dtypes.equals(TIES_META.dtypes)
    assert set(seed_ties["relation"]) <= set(RELATIONS)
    assert not seed_ties.duplicated(["article_id", "sentence", "a", "b", "relation"]).any()


def test_mentions_input_gives_the_same_ties(seed_articles, seed_ties):
    mentions = rk.extract_mentions(seed_articles)
    again = rk.extract_ties(mentions, articles=seed_articles)
    pd.testing.assert_frame_equal(again, seed_ties)
    with pytest.raises(ValueError, match="articles="):
        rk.extract_ties(mentions)


def test_raw_string_and_list_input():
    text = "Armenia and Azerbaijan signed a peace deal in Washington."
    t = rk.extract_ties(text)
    assert relations_of(t, "ARM", "AZE") == {"treaty"}
    assert set(t["article_id"]) == {"0"}
    lst = rk.extract_ties([text, "Japan is far away."])
    assert set(lst["article_id"]) == {"0"}


def test_paragraph_unit_links_across_sentences(seed_articles, seed_ties):
    para = rk.extract_ties(seed_articles, unit="paragraph", include="co_mention")
    # "Azerbaijani officials ... nearby Kazakhstan ..." and, next sentence, "... Uzbekistan, Turkmenistan ..."
    assert relations_of(para, "AZE", "UZB")
    assert not relations_of(seed_ties, "AZE", "UZB")
    assert para["evidence"].str.contains("\n").sum() == 0


def test_expand_groups_as_of_article_date():
    arts = pd.DataFrame(
        {
            "article_id": ["early", "late"],
            "date": pd.to_datetime(["2020-12-01", "2022-01-01"]),
            "text": ["Azerbaijan welcomed the Abraham Accords."] * 2,
        }
    )
    t = rk.extract_ties(arts, expand_groups=["abraham_accords"], include="co_member")
    early = t[t["article_id"] == "early"]
    late = t[t["article_id"] == "late"]
    # Sudan signed 2021-01-06 (data/reference/groups.csv): a member in 2022, not in 2020
    assert relations_of(late, "AZE", "SDN") == {"other"}  # "welcomed" the members, one by one
    assert not relations_of(early, "AZE", "SDN")
    assert relations_of(early, "BHR", "ISR") == {"co_member"}
    assert set(t["via_group"].dropna()) == {"abraham_accords"}
    assert not rk.extract_ties(arts)["a"].size  # without expansion one country, no pair


# ----------------------------------------------------------------------------------
# demo corpus
# ----------------------------------------------------------------------------------


def test_demo_broker_and_list(demo_ties):
    d017 = demo_ties[demo_ties["article_id"] == "d017"]
    brokered = "the United States brokered a peace agreement"
    assert not relations_of(d017, "ARE", "BHR", evidence=brokered)
    assert relations_of(d017, "ISR", "USA", evidence=brokered) == {"mediation"}
    row = d017[(d017["a"] == "ARE") & (d017["b"] == "USA") & (d017["relation"] == "mediation")].iloc[0]
    assert (row["source"], row["target"]) == ("USA", "ARE")
    # "Sudan and Morocco have normalized their relations with Israel and Turkey has resumed diplomatic
    # relations with Jerusalem": three ties, no MAR-TUR
    resumed = "Turkey has resumed"
    assert relations_of(d017, "ISR", "TUR", evidence=resumed) == {"normalisation"}
    assert relations_of(d017, "ISR", "MAR", evidence=resumed) == {"normalisation"}
    assert not relations_of(d017, "MAR", "TUR") and not relations_of(d017, "MAR", "SDN")


def test_demo_normalise_and_treaty(demo_ties):
    d003 = demo_ties[demo_ties["article_id"] == "d003"]
    assert relations_of(d003, "ARE", "ISR", evidence="will fully normalize") == {"normalisation"}
    assert "treaty" in relations_of(d003, "ISR", "JOR", evidence="Israel-Jordan peace treaty")


def test_demo_mediated_by(demo_ties):
    # "A cease-fire agreement mediated by the Russian Federation ..."
    d010 = demo_ties[demo_ties["article_id"] == "d010"]
    assert relations_of(d010, "ARM", "RUS", evidence="mediated by the Russian Federation") == {"mediation"}
    assert relations_of(d010, "AZE", "RUS", evidence="mediated by the Russian Federation") == {"mediation"}
    assert "conflict" in relations_of(d010, "ARM", "AZE", evidence="decades-old conflict between Azerbaijan and Armenia")


def test_demo_list_with_abbreviation_in_brackets(demo_ties):
    # "We, the leaders of Japan, the Republic of Korea (ROK), and the United States, convened": no pair
    d025 = demo_ties[demo_ties["article_id"] == "d025"]
    assert not relations_of(d025, "JPN", "KOR", evidence="Republic of Korea (ROK), and the United States")


# ----------------------------------------------------------------------------------
# negation and cues
# ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cue", "negated"),
    [
        ("Riyadh would not recognise Israel.", "recognise", True),
        ("There is no guarantee a deal will be reached.", "deal", True),
        ("Baku refused to sign the memorandum.", "sign", True),
        ("The talks collapsed in May.", "talks", True),
        ("Both sides have since said they want to sign a treaty.", "sign", False),
        ("They not only met, but also signed a deal.", "met", False),
        ("Officials did not comment, but the two sides signed a deal.", "signed", False),
    ],
)
def test_negation_window(sentence, cue, negated):
    start = sentence.index(cue)
    assert _is_negated(sentence, start, start + len(cue)) is negated


def test_every_cue_example_matches_its_pattern():
    table = cue_table()
    assert set(table["relation"]) == set(CUE_RELATIONS)
    for row in table.itertuples():
        assert re.search(r"\b(?:" + row.pattern + ")", row.example, re.IGNORECASE), row.pattern


def test_recognise_needs_a_state_after_it():
    t = rk.extract_ties("Kazakhstan and Uzbekistan recognized the importance of regional trade.")
    assert "normalisation" not in relations_of(t, "KAZ", "UZB")
    t = rk.extract_ties("Canada and Australia recognized Palestine.")
    assert relations_of(t, "CAN", "PSE") == relations_of(t, "AUS", "PSE") == {"normalisation"}
    assert not relations_of(t, "AUS", "CAN")  # parallel actors


def test_custom_cues(tmp_path):
    cues = pd.DataFrame({"relation": ["trade_energy"], "pattern": ["wheat"]})
    t = rk.extract_ties("Kazakhstan sold wheat to Uzbekistan.", cues=cues)
    assert relations_of(t, "KAZ", "UZB") == {"trade_energy"}
    bad = tmp_path / "cues.csv"
    bad.write_text("relation,pattern\nfriendship,hug\n")
    with pytest.raises(ValueError, match="valid relations: normalisation"):
        rk.extract_ties("Kazakhstan and Uzbekistan.", cues=bad)


# ----------------------------------------------------------------------------------
# errors
# ----------------------------------------------------------------------------------


def test_bad_arguments_list_valid_values(seed_articles, seed_ties):
    with pytest.raises(ValueError, match="valid units: sentence, paragraph"):
        rk.extract_ties(seed_articles, unit="clause")
    with pytest.raises(ValueError, match="valid sections: body, boilerplate"):
        rk.extract_ties(seed_articles, sections=("main",))
    with pytest.raises(ValueError, match="valid groups: .*central_asia"):
        rk.extract_ties(seed_articles, expand_groups=["centralasia"])
    with pytest.raises(ValueError, match="valid relations: normalisation, treaty"):
        rk.tie_table(seed_ties, relations=["peace"])
    with pytest.raises(ValueError, match="valid weights: sentences, articles"):
        rk.tie_table(seed_ties, weight="mentions")


# ----------------------------------------------------------------------------------
# tie_table
# ----------------------------------------------------------------------------------


def test_tie_table_counts_on_seed(seed_ties):
    w = rk.tie_table(seed_ties)
    assert (w["a"] < w["b"]).all()
    assert not w.duplicated(["a", "b"]).any()
    row = w[(w["a"] == "ARM") & (w["b"] == "AZE")].iloc[0]
    arm_aze = seed_ties[(seed_ties["a"] == "ARM") & (seed_ties["b"] == "AZE")]
    assert row["sentences"] == arm_aze["sentence"].nunique() == row["weight"]
    assert row["articles"] == 1
    assert row["conflict"] == arm_aze[(arm_aze["relation"] == "conflict") & ~arm_aze["negated"]]["sentence"].nunique()
    assert row["negated"] == 1  # "no guarantee a deal"
    assert row["status"] == "stated" and row["stated"] >= 1
    by_pair = w.set_index(["a", "b"])
    assert ("ARE", "BHR") not in by_pair.index  # co-members are not ties
    assert by_pair.loc[("ISR", "SAU"), "dominant"] == "normalisation"
    # the kingdom "would not recognise Israel" (negated); the US goal to convince it (planned): a refusal
    assert by_pair.loc[("ISR", "SAU"), "status"] == "negated"
    assert by_pair.loc[("SAU", "USA"), "dominant"] == "mediation"
    assert w["weight"].is_monotonic_decreasing


def test_tie_table_is_direction_free_and_filters(seed_ties):
    swapped = seed_ties.rename(columns={"a": "b", "b": "a"})
    pd.testing.assert_frame_equal(rk.tie_table(swapped), rk.tie_table(seed_ties))
    only = rk.tie_table(seed_ties, relations="conflict")
    assert set(only["dominant"]) == {"conflict"}
    assert (only[["normalisation", "co_member"]] == 0).all().all()
    by_article = rk.tie_table(seed_ties, weight="articles")
    assert (by_article["weight"] == 1).all()


def test_tie_table_empty():
    w = rk.tie_table(TIES_META)
    assert w.empty and "dominant" in w.columns


# ----------------------------------------------------------------------------------
# reference ties
# ----------------------------------------------------------------------------------


def test_reference_ties_record():
    ref = rk.reference_ties()
    assert list(ref.columns) == ["source", "target", "type", "start", "end", "source_url", "note"]
    accords = ref[ref["type"].str.startswith("abraham_accords")]
    # the US is the broker, never a member
    assert set(accords.loc[accords["source"] == "USA", "type"]) == {"abraham_accords_broker"}
    assert "USA" not in set(accords["target"].dropna())
    kaz = accords[accords["source"] == "KAZ"].set_index("type")["start"].to_dict()
    assert kaz == {"abraham_accords_announced": "2025-11-06", "abraham_accords_joined": "2025-11-07"}
    rel = ref[(ref["source"] == "ISR") & ref["note"].str.startswith("status: ")].set_index("target")  # israel_relations.csv
    assert len(rel) == 18 and rel.index.is_unique
    assert rel.loc["AZE", "start"] == "1992-04-07"
    assert rel.loc["KGZ", "start"] == "1992-03"  # reduced precision kept as in the source
    # unconfirmed stays empty
    assert pd.isna(rel.loc["SAU", "start"]) and rel.loc["SAU", "type"] == "no_diplomatic_relations"
    assert pd.isna(rel.loc["SDN", "start"])
    assert ref["source_url"].notna().all()
    offensive = ref[(ref["type"] == "conflict") & (ref["start"] == "2023-09-19")]
    assert set(zip(offensive["source"], offensive["target"])) == {("AZE", "ARM")}
    recognitions = ref[(ref["type"] == "recognition") & ref["start"].str.startswith("2025-09")]
    assert {"GBR", "CAN", "AUS", "PRT", "FRA"} <= set(recognitions["source"])


def test_reference_ties_as_of():
    ref = rk.reference_ties(as_of="2020-09-01")
    accords = ref[ref["type"].str.startswith("abraham_accords")]
    assert list(zip(accords["source"], accords["type"])) == [("ARE", "abraham_accords_announced")]
    assert ref["start"].notna().all()
    assert (ref["start"].str[:10] <= "2020-09-01").all()


def test_reference_ties_extra(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("source,target,type,start,note\nAZE,KAZ,summit,2024-08-22,my own row\n")
    ref = rk.reference_ties(extra=path)
    assert ((ref["source"] == "AZE") & (ref["target"] == "KAZ") & (ref["note"] == "my own row")).sum() == 1
    assert len(ref) == len(rk.reference_ties()) + 1
    frame = pd.DataFrame({"source": ["Azerbaijan"], "type": ["summit"], "start": ["2024-08-22"]})
    with pytest.raises(ValueError, match="not an ISO3 code"):
        rk.reference_ties(extra=frame)
    with pytest.raises(ValueError, match="accepted columns: source, target, type"):
        rk.reference_ties(extra=frame.assign(country="AZE"))
    with pytest.raises(ValueError, match="bad date"):
        rk.reference_ties(extra=frame.assign(source="AZE", start="22/08/2024"))


# ----------------------------------------------------------------------------------
# command line
# ----------------------------------------------------------------------------------


def test_cli_writes_ties(tmp_path, seed_ties):
    out = tmp_path / "ties.csv"
    assert main(["ties", SEED, "-o", str(out)]) == 0
    got = pd.read_csv(out)
    assert len(got) == len(seed_ties)
    assert list(got.columns) == list(TIES_META.columns)
    table = tmp_path / "pairs.parquet"
    assert main(["ties", SEED, DEMO, "-o", str(table), "--table"]) == 0
    pairs = pd.read_parquet(table)
    assert {"a", "b", "weight", "dominant"} <= set(pairs.columns)
    # the demo texts' Abraham Accords ties (ARE-BHR, never stated, is not one: TIES.md s4)
    assert ((pairs["a"] == "ARE") & (pairs["b"] == "ISR")).any() and ((pairs["a"] == "BHR") & (pairs["b"] == "ISR")).any()
    assert not ((pairs["a"] == "ARE") & (pairs["b"] == "BHR")).any()


def test_cli_stdout_and_errors(tmp_path, capsys):
    assert main(["ties", SEED, "--unit", "paragraph"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("article_id,sentence,a,b,source,target,relation,status,negated,evidence,")
    assert "tie rows" in captured.err
    assert main(["ties", SEED, "-o", str(tmp_path / "ties.xlsx")]) == 2
    assert "use one of .csv, .parquet, .jsonl" in capsys.readouterr().err
    assert main(["ties", str(tmp_path / "missing.txt")]) == 2


def test_expand_groups_keeps_direct_pairs(seed_articles):
    t = rk.extract_ties(seed_articles, expand_groups=True)
    # "The original Abraham Accords, inked between Israel and the United Arab Emirates, ...": the group
    # mention adds Kazakhstan (a member today) as co-member, but Israel-UAE keeps its own relation
    assert "normalisation" in relations_of(t, "ARE", "ISR", evidence=ACCORDS_SENTENCE)
    assert not relations_of(t, "ARE", "BHR", evidence=ACCORDS_SENTENCE)
    kaz = t[(t["evidence"] == ACCORDS_SENTENCE) & ((t["a"] == "KAZ") | (t["b"] == "KAZ"))]
    assert kaz.empty  # the group is the subject of "were centred on restoration of ties": no argument


def test_cli_include_and_directed(tmp_path, capsys):
    out = tmp_path / "ties.csv"
    assert main(["ties", SEED, "-o", str(out)]) == 0
    plain = pd.read_csv(out)
    assert not plain["relation"].isin(["co_mention", "co_member"]).any()
    assert main(["ties", SEED, "-o", str(out), "--include", "co_member,co_mention"]) == 0
    both = pd.read_csv(out)
    assert {"co_member", "co_mention"} <= set(both["relation"])
    assert len(both) > len(plain)
    directed = tmp_path / "directed.csv"
    assert main(["ties", SEED, "-o", str(directed), "--directed"]) == 0
    d = pd.read_csv(directed)
    assert list(d.columns[:2]) == ["source", "target"]
    row = d[(d["source"] == "SAU") & (d["target"] == "ISR")].iloc[0]  # "The kingdom ... would not recognise Israel"
    assert row["negated"] >= 1
    capsys.readouterr()
    assert main(["ties", SEED, "--include", "everything"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "use one of co_mention, co_member" in err

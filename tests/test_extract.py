"""extract_mentions(): the contract, the seed page, the annotated development texts."""

from __future__ import annotations

import pandas as pd
import pytest

import regionkit as rk
from regionkit.extract import sentence_spans

SEED_BODY = {"ARE", "ARM", "AZE", "BHR", "CAN", "FRA", "GBR", "IRN", "ISR", "KAZ", "KGZ", "MAR", "PSE", "RUS",
             "SAU", "SDN", "TJK", "TKM", "USA", "UZB"}


def _countries(m, section=None):
    m = m[m["kind"].isin(rk.DIRECT_KINDS)]
    if section:
        m = m[m["section"] == section]
    return set(m["iso3"].dropna())


def test_columns_and_dtypes_match_contract(seed_text):
    m = rk.extract_mentions(seed_text)
    assert list(m.columns) == list(rk.MENTIONS_META.columns)
    assert m.dtypes.equals(rk.MENTIONS_META.dtypes)
    empty = rk.extract_mentions("No country here at all.")
    assert empty.empty and empty.dtypes.equals(rk.MENTIONS_META.dtypes)


def test_offsets_slice_back(seed_text):
    m = rk.extract_mentions(seed_text)
    assert len(m) > 50
    assert all(seed_text[s:e] == surf for s, e, surf in zip(m["start"], m["end"], m["surface"]))


def test_seed_page_body_and_boilerplate(seed_text):
    m = rk.extract_mentions(seed_text)
    body = _countries(m, "body")
    assert body == SEED_BODY
    assert _countries(m, "boilerplate") - body == {"MDA", "NLD", "UKR"}
    groups = set(m.loc[m["kind"] == "group", "group"])
    assert {"central_asia", "caucasus", "abraham_accords"} <= groups
    assert "soviet_union" in set(m.loc[m["kind"] == "historical", "group"])
    # commonspace.eu is a web address, Middle East Eye a newspaper
    assert not ((m["group"] == "european_union") & (m["section"] == "body")).any()
    assert not (m["surface"].str.contains("Middle East")).any()


def test_sections_filter(seed_text):
    body_only = rk.extract_mentions(seed_text, sections=("body",))
    assert set(body_only["section"]) == {"body"}
    assert _countries(body_only) == SEED_BODY
    with pytest.raises(ValueError, match="unknown sections"):
        rk.extract_mentions(seed_text, sections=("footer",))


def test_kinds_on_seed(seed_text):
    m = rk.extract_mentions(seed_text)
    kinds = dict(zip(m["surface"], m["kind"]))
    assert kinds["Azerbaijani"] == "demonym"
    assert kinds["Baku"] == "capital" and kinds["Yerevan"] == "capital"
    assert kinds["White House"] == "metonym" and kinds["State Department"] == "metonym"
    assert kinds["Gaza"] == "place" and kinds["Nagorno-Karabakh"] == "place"
    assert kinds["Trump"] == "person"
    # a person alone never makes a country count
    assert m.loc[m["kind"] == "person", "iso3"].notna().all()


def test_input_types(seed_text):
    texts = ["Kazakhstan and Uzbekistan.", "Nothing here.", None, float("nan"), "The Kremlin said."]
    m = rk.extract_mentions(texts)
    assert m["article_id"].tolist() == ["0", "0", "4"]
    s = pd.Series(texts, index=["a", "b", "c", "d", "e"])
    ms = rk.extract_mentions(s)
    assert ms["article_id"].tolist() == ["a", "a", "e"]
    df = pd.DataFrame({"doc": ["x1", "x2"], "body": ["Israel and Morocco.", "Bahrain"]})
    md = rk.extract_mentions(df, text_column="body", id_column="doc")
    assert md["article_id"].tolist() == ["x1", "x1", "x2"]
    with pytest.raises(ValueError, match="no text column 'text'"):
        rk.extract_mentions(df)
    with pytest.raises(TypeError, match="takes a str"):
        rk.extract_mentions(42)


def test_iterator_of_chunks_streams(demo_articles):
    whole = rk.extract_mentions(demo_articles)
    chunks = (demo_articles.iloc[i:i + 7] for i in range(0, len(demo_articles), 7))
    parts = list(rk.extract_mentions(chunks))
    assert len(parts) == 5
    assert pd.concat(parts, ignore_index=True).equals(whole)


def test_sentence_numbers_follow_a_real_splitter():
    text = "Dr. Smith met U.S. officials in Baku on Monday. Then Gen. Jones flew to Yerevan.\nTbilisi waited."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Dr. Smith met U.S. officials in Baku on Monday.", "Then Gen. Jones flew to Yerevan.", "Tbilisi waited."]
    m = rk.extract_mentions(text)
    assert dict(zip(m["surface"], m["sentence"])) == {"U.S.": 0, "Baku": 0, "Yerevan": 1, "Tbilisi": 2}


def test_sentence_ends_after_abbreviation():
    text = "The deal was praised by the U.S. The talks in Astana went on."
    assert len(sentence_spans(text)) == 2


def test_dev_gold_precision_and_recall(dev_gold):
    """Eleven hand-annotated real texts (tests/data/dev_gold.jsonl): (article, country) pairs."""
    tp = fp = fn = 0
    for doc in dev_gold:
        got = _countries(rk.extract_mentions(doc["text"]))
        gold = set(doc["countries"])
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall


def test_dev_gold_traps_are_not_countries(dev_gold):
    by_id = {d["id"]: d for d in dev_gold}
    georgia = rk.extract_mentions(by_id["dev10"]["text"])  # Georgia the US state
    assert "GEO" not in _countries(georgia)
    assert "USA" in set(georgia.loc[georgia["surface"] == "Georgia", "iso3"])
    turkey = rk.extract_mentions(by_id["dev11"]["text"])  # turkey the bird, National Turkey Federation
    assert "TUR" not in _countries(turkey)
    policy = rk.extract_mentions(by_id["dev09"]["text"])  # Mexico City Policy
    assert "MEX" not in _countries(policy) and "CHE" not in _countries(policy)


def test_every_demo_article_accounted_for(demo_articles):
    m = rk.extract_mentions(demo_articles)
    counts = rk.country_counts(m, demo_articles)
    assert set(counts["article_id"]) == set(demo_articles["article_id"])
    per_country = rk.country_counts(m, demo_articles, by="country")
    assert per_country.attrs["n_articles"] == len(demo_articles)
    assert per_country["share"].between(0, 1).all()
    empty = rk.country_counts(rk.extract_mentions(["Nothing."]), ["0", "1"])
    assert empty["mentions"].tolist() == [0, 0] and empty["iso3"].isna().all()


def test_demo_corpus_against_hand_annotation(demo_articles):
    """34 official texts + the seed page, annotated by reading (tests/data/demo_gold.csv)."""
    from conftest import TESTDATA

    lines = [ln for ln in (TESTDATA / "demo_gold.csv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    gold = {row.split(",")[0]: set(filter(None, row.split(",")[1].split(";"))) for row in lines[1:]}
    m = rk.extract_mentions(demo_articles, sections=("body",))
    got = rk.article_countries(m, demo_articles).set_index("article_id")["countries"].map(set).to_dict()
    assert set(got) == set(gold)
    tp = sum(len(got[a] & gold[a]) for a in gold)
    fp = sum(len(got[a] - gold[a]) for a in gold)
    fn = sum(len(gold[a] - got[a]) for a in gold)
    assert tp / (tp + fp) >= 0.98 and tp / (tp + fn) >= 0.95, (tp, fp, fn)
    assert got["000_882ee92918b85e76"] == SEED_BODY

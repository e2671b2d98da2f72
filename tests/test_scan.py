"""The batched scan (regionkit._scan) against the article-by-article reference, row for row."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regionkit as rk
from regionkit import _scan
from regionkit import extract as ex

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
import _corpus


def _same(articles, **kw) -> pd.DataFrame:
    new = rk.extract_mentions(articles, **kw)
    ref = ex._extract_reference(articles, **kw)
    pd.testing.assert_frame_equal(new, ref)
    return new


def test_demo_corpus_row_for_row(demo_articles):
    m = _same(demo_articles)
    assert len(m) > 500


def test_seed_page_row_for_row_with_filters(seed_text):
    _same(seed_text)
    _same([seed_text, seed_text[:5000]], sections=("body",))
    _same(seed_text, sections="boilerplate", kinds=("name", "group"))


def test_dev_texts_row_for_row(dev_gold):
    m = _same(pd.DataFrame({"article_id": [d["id"] for d in dev_gold], "text": [d["text"] for d in dev_gold]}))
    assert m["article_id"].nunique() >= 8


def test_shuffled_corpus_in_small_batches(monkeypatch):
    """Sentences of the bundled texts shuffled into 300 KB of articles, cut into many small batches."""
    df = _corpus.frame(300_000, seed=11)
    whole = _same(df)
    monkeypatch.setattr(_scan, "BATCH_CHARS", 3_000)
    pd.testing.assert_frame_equal(rk.extract_mentions(df), whole)


def test_failed_candidates_are_repaired_like_the_reference():
    """Candidates that fail R1/R2 are redone: a shorter key, or a key at a later word inside them."""
    texts = [
        "The Washington Statehouse and the Western Sahara talks.",
        "A woman from Oman and a Somali man. the United states, United States of America.",
        "Trade with the U.S.A and the U.S.S.R. ended; us and US; South Sudanese and Papua New Guineans.",
        "JOIN US FOR THE US AND IRAN TALKS TODAY IN WASHINGTON",
    ]
    m = _same(texts)
    assert {"OMN", "USA"} <= set(m["iso3"].dropna())


WORDS = ["Georgia", "Jordan", "US", "us", "U.S.", "Niger", "Nigeria", "Sudan", "South Sudan", "Oman", "woman",
         "Gaza", "Kremlin", "Indian Ocean", "commonspace.eu", "Türkiye", "İstanbul", "Armenian-American", "’s",
         "\u0000", "\u202e", "\n\n", "Related articles\n", ". ", "ß", "ﬁ", "👍🏽", "Kazakhstan", "KAZAKHSTAN",
         "Russian", "speaking", "language", "in", "and", "Baku", "Energy", "Week", "Michael", "Atlanta", "Tbilisi",
         "Turkey", "Thanksgiving", "www.gov.uk", "Chad", "Smith", "Washington", "Post", "Dr.", "Mr.", "U.S.-Georgia"]
texts = st.one_of(st.text(), st.lists(st.sampled_from(WORDS) | st.text(max_size=5), max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=6))
def test_any_texts_row_for_row(values):
    """Articles never leak into each other in a joined batch, whatever they hold (NULs included)."""
    _same(values)


def test_rules_off_fall_back_to_the_reference(seed_text):
    """With a match-stage rule switched off the batched scan steps aside; with a context rule off it follows."""
    for rules in (rk.rules().without("word_boundary"), rk.rules().without("case"), rk.rules().without("turkey_bird"),
                  rk.rules().without("url"), rk.rules().without("blocker")):
        _same([seed_text, "Thanksgiving Turkey roast; a woman from Oman; www.gov.uk; JOIN US"], rules=rules)


@pytest.mark.parametrize("n_articles", [1, 40])
def test_one_long_article_and_many_short_agree(n_articles):
    unit = "Azerbaijan and Armenia met in Washington; the Kremlin said nothing. Russian-speaking Georgians.\n"
    text = unit * (2000 // n_articles)
    _same([text] * n_articles)


# ------------------------------------------------------------ compiled kernel
def _need_kernel():
    if _scan.kernel() is None:
        if os.environ.get("CI"):
            pytest.fail("the compiled kernel is not built in CI (pip install -e . should build it: see hatch_build.py)")
        pytest.skip("compiled kernel not built here (pip install -e . builds it)")


def _pure(articles, monkeypatch, **kw):
    with monkeypatch.context() as m:
        m.setenv("REGIONKIT_PURE_PYTHON", "1")
        assert _scan.kernel() is None
        return rk.extract_mentions(articles, **kw)


def test_compiled_and_pure_paths_agree_row_for_row(monkeypatch, demo_articles, dev_gold, seed_text):
    _need_kernel()
    dev = pd.DataFrame({"article_id": [d["id"] for d in dev_gold], "text": [d["text"] for d in dev_gold]})
    for articles in (demo_articles, dev, seed_text, _corpus.frame(300_000, seed=3)):
        compiled = rk.extract_mentions(articles)
        pd.testing.assert_frame_equal(compiled, _pure(articles, monkeypatch))
        pd.testing.assert_frame_equal(compiled, ex._extract_reference(articles))


# Texts where only a position-guarded rule (town_in_state, census_person, named_thing) changes the
# reading: the kernel's memo knows kinds and keys, not neighbours, so these are the ones it could miss.
_GUARDED_TEXTS = [
    "He was born in Peru, Ind., and played football in college.",
    "MOSCOW, Idaho (AP) \u2014 Police in Moscow said Thursday they had no suspect yet.",
    "The family moved to Mexico, Mo., in 1998. Mexico schools open in August.",
    "Kenya Moore and Israel Adesanya were at the game in Atlanta.",
    "The China Club reopened on Friday; a Persian cat won the show.",
    "Kenya Airways flew to Nairobi; Peru and Chile signed a deal.",
]


def test_compiled_and_pure_agree_where_only_guarded_rules_fire(monkeypatch):
    _need_kernel()
    compiled = rk.extract_mentions(_GUARDED_TEXTS)
    pd.testing.assert_frame_equal(compiled, _pure(_GUARDED_TEXTS, monkeypatch))
    pd.testing.assert_frame_equal(compiled, ex._extract_reference(_GUARDED_TEXTS))
    assert "PER" not in set(compiled.loc[compiled.article_id == 0, "iso3"].dropna())


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=6))
def test_compiled_kernel_on_any_texts(monkeypatch, values):
    """Sentence cuts, folding of any character (İ, ß, ﬁ, NUL, emoji) and boundaries in C equal the numpy path."""
    _need_kernel()
    pd.testing.assert_frame_equal(rk.extract_mentions(values), _pure(values, monkeypatch))


def test_kernel_sentence_numbers_equal_the_splitter():
    _need_kernel()
    from regionkit._scan_kernel import sentence_spec

    texts = ["Dr. Smith met U.S. officials in Baku. Then he left.", "He said: \"Go!\" The end… Yes.\n\nNo. 5 is Mr. X.",
             "Talks with the U.S. The talks (in Baku.) Ended. e.g. Fine. A.B.C. Done! 3 more.", "x" * 50 + ". Y"]
    spec = sentence_spec()
    assert spec is not None
    joined = _scan.SEP.join(texts)
    lens = [len(t) for t in texts]
    bounds = [0]
    for n in lens:
        bounds.append(bounds[-1] + n + 1)
    pos, want = [], []
    for a, t in enumerate(texts):
        spans = ex.sentence_spans(t)
        for k, (s, e) in enumerate(spans):
            pos.append(bounds[a] + s)
            want.append(k)
    import numpy as np

    got = _scan.kernel().sentence_numbers(joined, np.array(bounds, dtype=np.int64), np.array(pos, dtype=np.int64), *spec)
    assert got.tolist() == want


def test_show_versions_names_the_active_path(monkeypatch):
    import io

    info = rk.show_versions(file=io.StringIO())
    assert info["scan"] == ("compiled" if _scan.kernel() is not None else "pure-python")
    monkeypatch.setenv("REGIONKIT_PURE_PYTHON", "1")
    buf = io.StringIO()
    assert rk.show_versions(file=buf)["scan"] == "pure-python" and "REGIONKIT_PURE_PYTHON" in buf.getvalue()

"""Property tests: extract_mentions never raises and offsets always slice back to the surface."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regionkit as rk

WORDS = ["Georgia", "Jordan", "US", "us", "U.S.", "Niger", "Nigeria", "Sudan", "South Sudan", "Oman", "woman",
         "Gaza", "Kremlin", "Indian Ocean", "commonspace.eu", "Türkiye", "İstanbul", "Armenian-American", "’s",
         "\u0000", "\u202e", "\n\n", "Related articles\n", ". ", "ß", "ﬁ", "👍🏽", "Kazakhstan", "KAZAKHSTAN"]

texts = st.one_of(st.text(), st.lists(st.sampled_from(WORDS) | st.text(max_size=5), max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_offsets_slice_back(text):
    m = rk.extract_mentions(text)
    assert m.dtypes.equals(rk.MENTIONS_META.dtypes)
    for s, e, surface in zip(m["start"], m["end"], m["surface"]):
        assert text[s:e] == surface


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.just(float("nan")), texts), max_size=8))
def test_columns_with_missing_values(values):
    m = rk.extract_mentions(pd.Series(values, dtype=object))
    assert set(m["article_id"]) <= {str(i) for i in range(len(values))}


def test_five_megabytes_in_one_article():
    unit = "Azerbaijan and Armenia met in Washington; the Kremlin \u0007 said nothing.\n"
    text = unit * (5_000_000 // len(unit))
    m = rk.extract_mentions(text)
    assert len(m) == 4 * (5_000_000 // len(unit))
    last = m.iloc[-1]
    assert text[last["start"]:last["end"]] == last["surface"]

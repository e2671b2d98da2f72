"""Mojibake inside extraction (regionkit/_mojibake.py, issue 10 class 5): repaired before the scan,
offsets reported on the text as given, the same on the batched, compiled and article-by-article paths."""

from __future__ import annotations

import pandas as pd
import pytest

import regionkit as rk
from regionkit import _scan
from regionkit import extract as ex
from regionkit._mojibake import looks_broken, repair

# UTF-8 read as Windows-1252, as scraped news pages print it
BROKEN = [
    "The UK\u00e2\u20ac\u2122s trade minister said the Ukraine\u00e2\u20ac\u201cRussia talks in Geneva had stalled.",
    "Officials in M\u00c3\u00a9xico and Per\u00c3\u00ba welcomed the C\u00c3\u00b4te d\u00e2\u20ac\u2122Ivoire delegation.",
    "\u00e2\u20ac\u0153We will go to Japan,\u00e2\u20ac\u009d she said. Germany\u00e2\u20ac\u2122s coach agreed.",
]


def _pairs(m: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(m["surface"], m["iso3"]))


def test_names_glued_to_mojibake_are_found_with_offsets_in_the_original():
    m = rk.extract_mentions(BROKEN)
    for row in m.itertuples():
        assert BROKEN[int(row.article_id)][row.start:row.end] == row.surface
    by_text = {i: set(m.loc[m.article_id.astype(int) == i, "iso3"]) for i in range(3)}
    assert by_text[0] == {"GBR", "UKR", "RUS", "CHE"}
    assert by_text[1] == {"MEX", "PER", "CIV"}
    assert by_text[2] == {"JPN", "DEU"}
    assert ("M\u00c3\u00a9xico", "MEX") in _pairs(m)  # the surface as written


def test_without_repair_the_names_are_lost():
    # the same words, as the scan saw them before: "UK" glued to a letter has no word boundary
    assert "GBR" not in set(rk.extract_mentions(BROKEN[0].replace("UK\u00e2", "UK\u00e2x"))["iso3"])


def test_batched_and_article_by_article_paths_agree():
    pd.testing.assert_frame_equal(rk.extract_mentions(BROKEN), ex._extract_reference(BROKEN))


def test_compiled_and_pure_paths_agree(monkeypatch):
    if _scan.kernel() is None:
        pytest.skip("compiled kernel not built here")
    compiled = rk.extract_mentions(BROKEN)
    with monkeypatch.context() as mp:
        mp.setenv("REGIONKIT_PURE_PYTHON", "1")
        assert _scan.kernel() is None
        pd.testing.assert_frame_equal(compiled, rk.extract_mentions(BROKEN))


@pytest.mark.parametrize("text", ["Plain ASCII about France.", "Z\u00fcrich, \u041c\u043e\u0441\u043a\u0432\u0430 and S\u00e3o Paulo",
                                  "S\u00c3O PAULO \u2014 caf\u00e9 \u00ab\u00a0menu\u00a0\u00bb"])
def test_clean_text_is_left_alone(text):
    assert repair(text) == (text, None)


def test_cheap_check_never_fires_on_ascii():
    assert not looks_broken("UK's Ukraine-Russia talks " * 1000)
    assert looks_broken("UK\u00e2\u20ac\u2122s")


def test_offset_map_round_trip():
    text = "A M\u00c3\u00a9xico B \u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2 C Per\u00c3\u00ba"  # one double-encoded run
    fixed, back = repair(text)
    assert fixed == "A M\u00e9xico B \u2019 C Per\u00fa"
    for word in ("A", "M\u00e9xico", "B", "C", "Per\u00fa"):
        s = fixed.index(word)
        a, b = back.start(s), back.end(s + len(word))
        assert text[a:b].replace("\u00c3\u00a9", "\u00e9").replace("\u00c3\u00ba", "\u00fa") == word

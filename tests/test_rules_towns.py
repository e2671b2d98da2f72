"""R14 town_described (regionkit/_rules_towns.py): a town the text describes as lying in a US state
or Canadian province is a place there, not the country or capital it is named after."""

from __future__ import annotations

import pandas as pd
import pytest

import regionkit as rk
from regionkit import _scan
from regionkit import extract as ex


def pairs(text: str, rules=None) -> set[tuple[str, str]]:
    m = rk.extract_mentions(text) if rules is None else rk.extract_mentions(text, rules=rules)
    m = m[m["kind"].isin(rk.DIRECT_KINDS)]
    return set(zip(m["surface"], m["iso3"]))


# the opening sentences of gazetteer-style articles about US towns named after countries and capitals
@pytest.mark.parametrize("text, town", [
    ("Lima is a city in and the county seat of Allen County, Ohio, United States.", "Lima"),
    ("Paris is a city in and the county seat of Lamar County, Texas, United States.", "Paris"),
    ("Athens is a consolidated city-county in the U.S. state of Georgia.", "Athens"),
    ("Cairo is the southernmost city in Illinois and the county seat of Alexander County.", "Cairo"),
    ("Berlin is a city in Coos County, New Hampshire, United States.", "Berlin"),
    ("Mexico is a city in Audrain County, Missouri, United States.", "Mexico"),
    ("Jordan is a city in Scott County, Minnesota, United States.", "Jordan"),
    ("Warsaw was a small town in Kosciusko County, Indiana, before the railroad came.", "Warsaw"),
    ("Vienna, a town in Fairfax County, Virginia, voted on Tuesday.", "Vienna"),
])
def test_described_town_is_a_place_in_the_usa(text, town):
    got = pairs(text)
    assert (town, "USA") in got
    assert all(iso3 == "USA" for _, iso3 in got)
    off = pairs(text, rules=rk.rules().without("town_described"))
    assert any(s == town and iso3 != "USA" for s, iso3 in off)  # what the rule guards against


def test_later_bare_mentions_follow_the_description():
    text = "Moscow is a city in Latah County, Idaho. Moscow is the home of the University of Idaho."
    m = rk.extract_mentions(text)
    assert list(m.loc[m.surface == "Moscow", "iso3"]) == ["USA", "USA"]


def test_a_sentence_that_names_the_country_keeps_it():
    text = "Dublin is the capital of Ireland; Dublin, Ohio is a suburb. Dublin is a city in Franklin County, Ohio."
    m = rk.extract_mentions(text)
    assert m.loc[m.surface == "Dublin", "iso3"].tolist()[0] == "IRL"


@pytest.mark.parametrize("text, iso3", [
    ("Lima is a city in Peru.", "PER"),
    ("Lima is the capital and largest city of Peru.", "PER"),
    ("Berlin is a city where artists thrive, unlike New York.", "DEU"),
    ("Havana is a city of two million people.", "CUB"),
    ("Batumi is a city in Georgia on the Black Sea.", "GEO"),
    ("Kyiv, a city of three million, came under attack as Ohio lawmakers debated aid.", "UKR"),
    ("Mexico is a country in North America bordering Texas.", "MEX"),
])
def test_towns_described_elsewhere_stay(text, iso3):
    first = text.split()[0].rstrip(",")
    assert (first, iso3) in pairs(text)


def test_both_scan_paths_agree(monkeypatch):
    texts = ["Lima is a city in Allen County, Ohio. Lima police made two arrests.",
             "Vienna, a town in Fairfax County, Virginia, is near Washington.", "Lima is a city in Peru."]
    new = rk.extract_mentions(texts)
    pd.testing.assert_frame_equal(new, ex._extract_reference(texts))
    if _scan.kernel() is not None:
        with monkeypatch.context() as mp:
            mp.setenv("REGIONKIT_PURE_PYTHON", "1")
            pd.testing.assert_frame_equal(new, rk.extract_mentions(texts))

"""Language names and currency codes are not countries (regionkit/_rules_language.py, issue 10 class 4).

The decision (guideline: "Language names, currency codes and airport codes are not countries"):
a demonym that names a language gives no row; one that qualifies a noun of the nation stays the
country. Each language case has a near miss that keeps the country.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import regionkit as rk

DATA = Path(__file__).parent / "data"


def countries(text: str, rules=None) -> set[str]:
    m = rk.extract_mentions(text) if rules is None else rk.extract_mentions(text, rules=rules)
    return set(m.loc[m["kind"].isin(rk.DIRECT_KINDS), "iso3"].dropna())


@pytest.mark.parametrize("text", [
    "The film is subtitled in Greek.",
    "A Polish-language edition will follow next year.",
    "She taught Japanese at a high school.",
    "The novel was translated from the Dutch by Sam Garrett.",
    "Translated from the Russian by Marian Schwartz.",
    "He speaks fluent Russian and some Ukrainian.",
    "Signs are in Russian and Hebrew.",
    "The menu is printed in English, French and Spanish.",
    "He has a degree in Chinese from Yale.",
    "He answered in halting Portuguese.",
    "She switched to Spanish when the reporters left.",
    "Her Japanese is better than her English.",
    "The movie is in Korean with English subtitles.",
    "A native speaker of Russian, she moved away.",
    "Russian is widely spoken there.",
    "The textbook is in simplified Chinese.",
    "They read the Russian word for peace aloud.",
])
def test_language_names_give_no_row(text):
    assert countries(text) == set()


@pytest.mark.parametrize("text, iso3", [
    ("Japanese officials said on Monday the plant was safe.", {"JPN"}),
    ("A Dutch court ruled against the company.", {"NLD"}),
    ("The city is in Russian and Chinese hands.", {"RUS", "CHN"}),  # a list with a noun after it
    ("Wars left the region in Russian and Iranian hands.", {"RUS", "IRN"}),
    ("The deal was reported in French and German media.", {"FRA", "DEU"}),
    ("She was born in Italian territory.", {"ITA"}),
    ("They sold it to German buyers.", {"DEU"}),
    ("Europe switched to Russian gas in the 1970s.", {"RUS"}),
    ("Her Chinese counterpart arrived on Monday.", {"CHN"}),
    ("He speaks for Russian interests.", {"RUS"}),
    ("A protest from the Dutch was expected.", {"NLD"}),  # "the" only after translated/translation from
])
def test_demonyms_of_the_nation_stay(text, iso3):
    assert countries(text) == iso3


def test_list_ends_at_a_word_that_is_neither_demonym_nor_language():
    # "Kurds" ends the list, so "Turkish" is judged by the comma after it: a language
    assert "TUR" not in countries("In Turkish, the word has two meanings.")
    assert countries("Speaking in Russian, Ukrainian officials said the talks failed.") >= {"UKR"}


def test_real_passage_translated_into_english_from_the_arabic():
    # leebg140 of tests/data/news_en_real.jsonl: "English" is the language, not the UK
    doc = next(json.loads(line) for line in (DATA / "news_en_real.jsonl").read_text(encoding="utf-8").splitlines()
               if '"leebg140"' in line)
    assert "translated into English from the Arabic" in doc["text"]
    assert countries(doc["text"]) == set(doc["countries"])
    assert "GBR" in countries(doc["text"], rules=rk.rules().without("language"))


@pytest.mark.parametrize("text", ["A gift card for US$25 is on sale.", "He can cash checks of up to $US 1,000."])
def test_currency_code_is_not_the_country(text):
    assert countries(text) == set()


def test_us_dollar_spelled_out_still_names_the_country():
    assert countries("The US dollar fell against the yen.") == {"USA"}
    assert countries("US troops and US$ aid arrived.") == {"USA"}


def test_language_lists_are_data():
    gaz = rk.default_gazetteer()
    assert {"arabic", "hebrew", "hindi"} <= gaz.words("language_names")  # CLDR via babel
    assert "fluent" in gaz.words("language_modifiers")
    smaller = gaz.with_words("language_before", sorted(gaz.words("language_before") - {"taught"}), replace=True)
    m = rk.extract_mentions("She taught Japanese at a high school.", gazetteer=smaller)
    assert set(m["iso3"].dropna()) == {"JPN"}

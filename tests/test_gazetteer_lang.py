"""The language tables (``lang/*.csv``: names in the region's languages, exonyms, traps) are part of the Gazetteer value."""

from __future__ import annotations

import shutil

import pytest

import regionkit as rk
from regionkit.gazetteer import Gazetteer, default_gazetteer

TEXT = "Делегация Поднебесной прибыла в Москву. Поднебесная и Казахстан подписали соглашение."
MIXED = ["Президент Казахстана встретился с премьером Армении в Ереване.",
         "Türkiye ve Azerbaycan heyetleri Bakü'de görüştü.", "Iran and Israel traded threats."]


def _rows(frame) -> list[tuple]:
    return list(frame[["article_id", "surface", "iso3", "kind", "start", "end", "language"]].itertuples(index=False))


def test_the_shipped_language_tables_are_tables_of_the_default_value():
    g = default_gazetteer()
    assert {"lang/generated.csv", "lang/curated.csv", "lang/traps.csv", "lang/exonyms.csv"} <= set(g.tables)
    assert (g.tables["lang/curated.csv"]["lang"] == "ru").any()


def test_native_names_change_the_scan_and_normalize_of_that_value_only():
    g = default_gazetteer().with_native_names({"Поднебесная": "CHN"}, lang="ru")
    got = rk.extract_mentions(TEXT, gazetteer=g)
    assert got["surface"].tolist() == ["Поднебесной", "Москву", "Поднебесная", "Казахстан"]
    assert got["iso3"].tolist() == ["CHN", "RUS", "CHN", "KAZ"]
    assert "CHN" not in set(rk.extract_mentions(TEXT)["iso3"])  # the default value is unchanged
    assert rk.normalize("Поднебесная", gazetteer=g) == "CHN" and rk.normalize("Поднебесная") is None
    assert g.fingerprint != default_gazetteer().fingerprint


def test_native_names_are_checked():
    g = default_gazetteer()
    with pytest.raises(rk.SchemaError, match="unknown language 'xx'"):
        g.with_native_names({"Foo": "CHN"}, lang="xx")
    with pytest.raises(rk.SchemaError, match="unknown language"):
        g.with_native_names({"Foo": "CHN"})  # no lang given
    with pytest.raises(rk.UnknownCountryError, match="Atlantis"):
        g.with_native_names({"Атлантида": "Atlantis"}, lang="ru")


def test_language_tables_round_trip_through_a_folder(tmp_path):
    g = default_gazetteer().with_native_names({"Поднебесная": "China"}, lang="ru")
    back = Gazetteer.from_disk(g.to_disk(tmp_path / "gaz"))
    assert (tmp_path / "gaz" / "lang" / "curated.csv").is_file()
    assert back == g
    assert _rows(rk.extract_mentions([TEXT, *MIXED], gazetteer=back)) == _rows(rk.extract_mentions([TEXT, *MIXED], gazetteer=g))


def test_a_folder_without_language_tables_uses_the_shipped_ones(tmp_path):
    folder = default_gazetteer().to_disk(tmp_path / "gaz")
    shutil.rmtree(folder / "lang")
    old = Gazetteer.from_disk(folder)
    assert not any(name.startswith("lang/") for name in old.tables)
    assert _rows(rk.extract_mentions(MIXED, gazetteer=old)) == _rows(rk.extract_mentions(MIXED))
    assert rk.normalize("Қазақстан", gazetteer=old) == "KAZ"

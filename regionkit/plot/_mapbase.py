"""Map machinery shared by regionkit's maps: frames and projections, country paths, fills, outlines, dots.

Private module: the public names (``FRAMES``, ``Frame``, ``FOCUS_STATES``) are
re-exported by :mod:`regionkit.plot.maps`. Nothing here classifies values or
reads groups; it only turns boundaries into drawn artists. Labels live in
:mod:`regionkit.plot._maplabels`, insets in :mod:`regionkit.plot._insets`, the
legend in :mod:`regionkit.plot._maplegend`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from regionkit.plot import _style as st

#: The states regionkit is built around: South Caucasus, Central Asia, Abraham Accords parties.
FOCUS_STATES = ("ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB", "ISR", "ARE", "BHR", "MAR", "SDN")


@dataclass(frozen=True)
class Frame:
    """A map frame: the area shown (lon/lat bounding box) and the projection used for it.

    Attributes
    ----------
    name
        Frame id (``"world"``, ``"focus"`` ... or ``"bbox"``).
    bbox
        ``(lon_min, lat_min, lon_max, lat_max)`` in degrees; the axes always cover it.
    crs
        A PROJ string or EPSG code understood by pyproj.
    description
        One line for humans (shown in error messages).
    labels
        ISO3 codes labelled by default in this frame.
    """

    name: str
    bbox: tuple[float, float, float, float]
    crs: str
    description: str
    labels: tuple[str, ...] = field(default=())

    @property
    def is_world(self) -> bool:
        return self.bbox[2] - self.bbox[0] >= 300


#: Named frames. Pass one of these names, or a ``(lon_min, lat_min, lon_max, lat_max)`` tuple, as ``frame=``.
FRAMES: dict[str, Frame] = {
    "world": Frame("world", (-180.0, -58.0, 180.0, 84.0), "EPSG:8857", "the world without Antarctica, Equal Earth"),
    "focus": Frame(
        "focus",
        (-18.0, 7.5, 89.0, 56.0),
        "+proj=aea +lat_0=32 +lon_0=36 +lat_1=20 +lat_2=46 +datum=WGS84 +units=m",
        "Morocco and Sudan to Kazakhstan: North Africa, Middle East, Caucasus, Central Asia; Albers equal-area",
        FOCUS_STATES,
    ),
    "caucasus": Frame(
        "caucasus",
        (38.5, 37.8, 51.2, 44.2),
        "+proj=laea +lat_0=41 +lon_0=45 +datum=WGS84 +units=m",
        "the South Caucasus and its neighbours; Lambert azimuthal equal-area",
        ("ARM", "AZE", "GEO", "TUR", "IRN", "RUS"),
    ),
    "central_asia": Frame(
        "central_asia",
        (46.0, 34.5, 88.0, 55.8),
        "+proj=aea +lat_0=45 +lon_0=67 +lat_1=38 +lat_2=52 +datum=WGS84 +units=m",
        "the five Central Asian states; Albers equal-area",
        ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "IRN", "CHN", "RUS"),
    ),
    "middle_east": Frame(
        "middle_east",
        (24.0, 12.0, 63.5, 42.5),
        "+proj=laea +lat_0=28 +lon_0=44 +datum=WGS84 +units=m",
        "Egypt to Iran, Türkiye to Yemen; Lambert azimuthal equal-area",
        ("ISR", "ARE", "BHR", "SAU", "IRN", "IRQ", "SYR", "JOR", "EGY", "TUR", "QAT", "KWT", "OMN", "YEM", "LBN", "PSE"),
    ),
}


def _frame(frame) -> Frame:
    if isinstance(frame, Frame):
        return frame
    if isinstance(frame, str):
        if frame not in FRAMES:
            raise ValueError(
                f"unknown frame {frame!r}; valid frames: {', '.join(FRAMES)}, or a (lon_min, lat_min, lon_max, lat_max) tuple"
            )
        return FRAMES[frame]
    try:
        x0, y0, x1, y1 = (float(v) for v in frame)
    except (TypeError, ValueError):
        raise ValueError(
            f"frame must be one of {', '.join(FRAMES)} or a (lon_min, lat_min, lon_max, lat_max) tuple, got {frame!r}"
        ) from None
    if not (-180 <= x0 < x1 <= 180 and -90 <= y0 < y1 <= 90):
        raise ValueError(f"bad frame bbox {frame!r}: need -180 <= lon_min < lon_max <= 180, -90 <= lat_min < lat_max <= 90")
    if x1 - x0 >= 300:
        return Frame("bbox", (x0, y0, x1, y1), "EPSG:8857", "bounding box, Equal Earth")
    lon0, lat0 = (x0 + x1) / 2, (y0 + y1) / 2
    if x1 - x0 > 120 or y1 - y0 > 90:
        crs = f"+proj=eqearth +lon_0={lon0} +datum=WGS84 +units=m"
    else:
        crs = f"+proj=laea +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m"
    return Frame("bbox", (x0, y0, x1, y1), crs, "bounding box, Lambert azimuthal equal-area")


# --------------------------------------------------------------------------- geometry


def _rect(x0, y0, x1, y1, n=60):
    from shapely.geometry import Polygon

    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    ring = (
        [(x, y0) for x in xs] + [(x1, y) for y in ys[1:]] + [(x, y1) for x in xs[::-1][1:]] + [(x0, y) for y in ys[::-1][1:]]
    )
    return Polygon(ring)


@dataclass
class _Projected:
    frame: Frame
    world: Any  # GeoDataFrame in the frame CRS, clipped; columns iso3, name, geometry, area, lx, ly
    extent: tuple[float, float, float, float]  # projected xmin, ymin, xmax, ymax covering the bbox
    outline: Any  # shapely geometry of the map's outline (world frames) or None
    cache: dict = field(default_factory=dict)  # paths, unions: computed on first use


def _ensure_points(proj: _Projected, iso3s) -> None:
    """Fill the label points (pole of inaccessibility of the largest part) of these countries, once."""
    g = proj.world
    for i in g.index[g["iso3"].isin(list(iso3s)) & g["lx"].isna()]:
        g.loc[i, "lx"], g.loc[i, "ly"] = _label_point(g.at[i, "geometry"])


def _world_paths(proj: _Projected) -> list:
    if "paths" not in proj.cache:
        proj.cache["paths"] = _paths(proj.world.geometry.values)
    return proj.cache["paths"]


def _project(frame: Frame, world) -> _Projected:
    import geopandas as gpd
    import shapely

    x0, y0, x1, y1 = frame.bbox
    if frame.is_world:
        cx0, cy0, cx1, cy1 = x0, y0, x1, y1
    else:
        w, h = x1 - x0, y1 - y0
        cx0, cx1 = max(-180.0, x0 - max(15.0, w * 0.4)), min(180.0, x1 + max(15.0, w * 0.4))
        cy0, cy1 = max(-89.0, y0 - max(10.0, h * 0.4)), min(89.0, y1 + max(10.0, h * 0.4))
    g = world[["iso3", "name", "geometry"]].copy()
    g["geometry"] = shapely.clip_by_rect(g.geometry.values, cx0, cy0, cx1, cy1)
    g = g[~g.geometry.is_empty].to_crs(frame.crs)
    g["geometry"] = shapely.orient_polygons(shapely.make_valid(g.geometry.values))
    g = g[~g.geometry.is_empty & g.geometry.notna()]
    g["area"] = g.geometry.area
    g["lx"] = np.nan  # label points: filled on demand by _ensure_points
    g["ly"] = np.nan
    box = gpd.GeoSeries([_rect(x0, y0, x1, y1)], crs="EPSG:4326").to_crs(frame.crs).iloc[0]
    bx0, by0, bx1, by1 = box.bounds
    outline = box if frame.is_world else None
    if not frame.is_world:
        pad = 0.01 * max(bx1 - bx0, by1 - by0)
        bx0, by0, bx1, by1 = bx0 - pad, by0 - pad, bx1 + pad, by1 + pad
    return _Projected(frame, g.reset_index(drop=True), (bx0, by0, bx1, by1), outline)


def _label_point(geom) -> tuple[float, float]:
    from shapely.ops import polylabel

    parts = list(getattr(geom, "geoms", [geom]))
    polys = [p for p in parts if p.geom_type == "Polygon"]
    if not polys:
        c = geom.representative_point()
        return c.x, c.y
    big = max(polys, key=lambda p: p.area)
    tol = max(np.sqrt(big.area) / 50, 1.0)
    p = polylabel(big, tolerance=tol)
    return p.x, p.y


@cache
def _project_shipped(frame: Frame) -> _Projected:
    from regionkit.geo import world

    return _project(frame, world())


def _projected(frame: Frame, world) -> _Projected:
    if world is None:
        return _project_shipped(frame)
    if not hasattr(world, "geometry"):
        from regionkit.geo import world as load

        world = load(world)
    if "iso3" not in world.columns:
        raise ValueError(f"world GeoDataFrame needs an 'iso3' column (has: {', '.join(map(str, world.columns))})")
    if "name" not in world.columns:
        world = world.assign(name=world["iso3"])
    if world.crs is None:
        world = world.set_crs("EPSG:4326")
    return _project(frame, world.to_crs("EPSG:4326"))


def _paths(geoms):
    """One matplotlib Path per (Multi)Polygon, holes kept (rings oriented for the nonzero rule)."""
    from matplotlib.path import Path

    out = []
    for geom in geoms:
        verts, codes = [], []
        for poly in getattr(geom, "geoms", [geom]):
            if poly.geom_type != "Polygon" or poly.is_empty:
                continue
            for ring in (poly.exterior, *poly.interiors):
                xy = np.asarray(ring.coords)[:, :2]
                if len(xy) < 3:
                    continue
                c = np.full(len(xy), Path.LINETO, dtype=np.uint8)
                c[0], c[-1] = Path.MOVETO, Path.CLOSEPOLY
                verts.append(xy)
                codes.append(c)
        out.append(Path(np.concatenate(verts), np.concatenate(codes)) if verts else Path(np.zeros((1, 2))))
    return out


# --------------------------------------------------------------------------- base map


def _new_axes(ax, proj: _Projected, figsize=None):
    import matplotlib.pyplot as plt

    if ax is None:
        x0, y0, x1, y1 = proj.extent
        aspect = (y1 - y0) / (x1 - x0)
        width = 9.0 if proj.frame.is_world else 7.5
        fig, ax = plt.subplots(figsize=figsize or (width, max(2.5, width * aspect)), layout=None)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.98)
    ax._regionkit = {"frame": proj.frame, "colors": {}, "credits": [st_credit()], "markers": {}}
    return ax


def st_credit() -> str:
    from regionkit.geo import BOUNDARIES_CREDIT

    return BOUNDARIES_CREDIT


def _setup(ax, proj: _Projected):
    from matplotlib.patches import PathPatch

    x0, y0, x1, y1 = proj.extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    if proj.outline is not None:
        ax.set_facecolor("none")
        (ocean,) = _paths([proj.outline])
        ax.add_patch(PathPatch(ocean, facecolor=st.OCEAN, edgecolor="#9aa7b0", lw=0.5, zorder=0, gid="regionkit-ocean"))
        for s in ax.spines.values():
            s.set_visible(False)
    else:
        ax.set_facecolor(st.OCEAN)
        for s in ax.spines.values():
            s.set_edgecolor("#9aa7b0")
            s.set_linewidth(0.6)


def _draw_countries(ax, proj: _Projected, colors: dict[str, str], *, default=st.NO_DATA, gid="regionkit-countries", hatches=None):
    """Draw every country: listed iso3 in their colour, the rest in *default*; return the collection."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch

    g = proj.world
    face = [colors.get(i, default) if isinstance(i, str) else default for i in g["iso3"].tolist()]
    patches = [PathPatch(p) for p in _world_paths(proj)]
    coll = PatchCollection(
        patches, facecolors=face, edgecolors=st.BORDER, linewidths=0.35, zorder=1, gid=gid, match_original=False
    )
    coll._regionkit_iso3 = g["iso3"].fillna("").tolist()  # type: ignore[attr-defined]  # row order of the face colours
    ax.add_collection(coll, autolim=False)
    from matplotlib.colors import to_hex

    ax._regionkit["colors"].update({i: to_hex(colors[i]) for i in g["iso3"].dropna() if i in colors})
    # zero-valued countries get a visible outline so white on pale water still reads as land
    return coll


def _outline(ax, proj: _Projected, iso3s, *, color, lw=1.4, ls="-", gid=None, zorder=3):
    import shapely
    from matplotlib.patches import PathPatch

    key = ("union", tuple(sorted(set(iso3s))))
    if key not in proj.cache:
        g = proj.world[proj.world["iso3"].isin(list(iso3s))]
        proj.cache[key] = None if g.empty else _paths([shapely.union_all(shapely.buffer(g.geometry.values, 0))])[0]
    path = proj.cache[key]
    if path is None:
        return None
    patch = PathPatch(path, facecolor="none", edgecolor=color, lw=lw, ls=ls, zorder=zorder, gid=gid, joinstyle="round")
    ax.add_patch(patch)
    return patch


def _visible(proj: _Projected) -> set[str]:
    """ISO3 of the countries that show inside the frame's extent."""
    import shapely

    x0, y0, x1, y1 = proj.extent
    g = proj.world
    hit = shapely.intersects(g.geometry.values, shapely.box(x0, y0, x1, y1))
    return set(g.loc[hit, "iso3"].dropna())


def _small(proj: _Projected, iso3s) -> list[str]:
    """The countries among *iso3s* too small to see at this frame's scale (drawn as dots)."""
    x0, y0, x1, y1 = proj.extent
    # a country whose area is below a square of this side is a few pixels at print size: draw a dot
    side = (0.0045 if proj.frame.is_world else 0.008) * max(x1 - x0, y1 - y0)
    g = proj.world
    tiny = g.loc[g["iso3"].isin(list(iso3s)) & (g["area"] < side * side), "iso3"].tolist()
    _ensure_points(proj, tiny)
    g = g[g["iso3"].isin(tiny)]
    inside = (g["lx"] >= x0) & (g["lx"] <= x1) & (g["ly"] >= y0) & (g["ly"] <= y1)
    return g.loc[inside, "iso3"].tolist()


def _dots(ax, proj: _Projected, iso3s, colors: dict[str, str], *, edge: dict[str, str] | None = None, size=30):
    """Draw small countries as dots in their colour; return the PathCollection (or None)."""
    iso3s = list(iso3s)
    if not iso3s:
        return None
    _ensure_points(proj, iso3s)
    g = proj.world.set_index("iso3").loc[iso3s]
    edge = edge or {}
    xs, ys = g["lx"].to_numpy(float).copy(), g["ly"].to_numpy(float).copy()
    # each dot stays at its own country's representative point (inside it); dots that would
    # cover each other (Israel and Palestine on a world map) are drawn smaller instead of moved
    x0, y0, x1, y1 = proj.extent
    fig = ax.get_figure(root=True)
    width_in = max(ax.get_position().width * fig.get_size_inches()[0], 1.0)
    diam = 1.1 * np.sqrt(size) / 72.0 / width_in * (x1 - x0)  # data units
    sizes = np.full(len(xs), float(size))
    for i in range(len(xs)):
        for j in range(i):
            if np.hypot(xs[i] - xs[j], ys[i] - ys[j]) < diam:
                sizes[i] = sizes[j] = size * 0.45
    sc = ax.scatter(
        xs,
        ys,
        s=sizes,
        c=[colors[i] for i in iso3s],
        edgecolors=[edge.get(i, "#333333") for i in iso3s],
        linewidths=[1.2 if i in edge else 0.6 for i in iso3s],
        zorder=4,
        gid="regionkit-small-states",
    )
    sc._regionkit_iso3 = iso3s
    from matplotlib.colors import to_hex

    ax._regionkit["markers"].update({i: to_hex(colors[i]) for i in iso3s})
    return sc


def _outline_each(ax, proj: _Projected, iso3s):
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch

    g = proj.world[proj.world["iso3"].isin(list(iso3s))]
    if g.empty:
        return
    coll = PatchCollection(
        [PathPatch(p) for p in _paths(g.geometry.values)], facecolors="none", edgecolors="#8a8a8a", linewidths=0.5, zorder=2
    )
    coll.set_gid("regionkit-zero-outline")
    ax.add_collection(coll, autolim=False)


def anchors_names() -> dict[str, str]:
    """ISO3 -> Natural Earth short name, for every country (also those outside the frame)."""
    from regionkit.geo import anchors

    a = anchors()
    return dict(zip(a["iso3"], a["name"], strict=True))

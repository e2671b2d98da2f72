"""Maps: choropleths of per-country values, group membership, and ties between countries.

Every function draws on a regional projection chosen by ``frame=`` (see
:data:`FRAMES`), returns the matplotlib ``Axes``, accepts ``ax=`` and never
calls ``plt.show()``. Export with :func:`regionkit.plot.save`, which adds the
credit line ("Boundaries: Natural Earth" plus the values' source).

What was drawn is recorded on ``ax._regionkit`` (a dict: ``frame``,
``colors`` iso3 -> hex face colour, ``classes``, ``credits`` ...), so tests and
notebooks can check a map without reading pixels.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from regionkit.plot import _style as st

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from matplotlib.axes import Axes

__all__ = ["FRAMES", "INSETS", "Frame", "FOCUS_STATES", "choropleth", "groups_map", "tie_map"]

#: The states regionkit is built around: South Caucasus, Central Asia, Abraham Accords parties.
FOCUS_STATES = ("ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB", "ISR", "ARE", "BHR", "MAR", "SDN")
_SHORT = {
    "United Arab Emirates": "UAE",
    "United States of America": "USA",
    "United Kingdom": "UK",
    "Dem. Rep. Congo": "DR Congo",
    "Central African Rep.": "CAR",
    "Bosnia and Herz.": "Bosnia",
    "Turkey": "Türkiye",
}
_VALUE_TITLES = {
    "articles": "Articles mentioning the country",
    "mentions": "Mentions of the country",
    "share": "Share of articles mentioning the country",
}
_SCHEMES = {
    "fisher_jenks": "FisherJenks",
    "natural_breaks": "NaturalBreaks",
    "quantiles": "Quantiles",
    "equal_interval": "EqualInterval",
    "head_tail_breaks": "HeadTailBreaks",
    "jenks_caspall": "JenksCaspall",
    "max_p": "MaxP",
    "maximum_breaks": "MaximumBreaks",
    "percentiles": "Percentiles",
    "std_mean": "StdMean",
    "user_defined": "UserDefined",
}


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
    coll._regionkit_iso3 = g["iso3"].fillna("").tolist()  # row order of the face colours
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
    # dodge dots that would sit on each other (Israel and Palestine on a world map)
    x0, y0, x1, y1 = proj.extent
    fig = ax.get_figure(root=True)
    width_in = max(ax.get_position().width * fig.get_size_inches()[0], 1.0)
    diam = 1.25 * np.sqrt(size) / 72.0 / width_in * (x1 - x0)  # data units
    for i in range(len(xs)):
        for j in range(i):
            d = np.hypot(xs[i] - xs[j], ys[i] - ys[j])
            if d < diam:
                dy = np.sqrt(max(diam * diam - (xs[i] - xs[j]) ** 2, 0.0))
                ys[i] = ys[j] + (dy if ys[i] >= ys[j] else -dy)
    sc = ax.scatter(
        xs,
        ys,
        s=size,
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


def _short_name(name: str) -> str:
    return _SHORT.get(name, name)


def _labels(ax, proj: _Projected, iso3s, *, fontsize=None, codes=False):
    """Label countries at their pole of inaccessibility, then push overlapping labels apart (with leaders)."""
    iso3s = [i for i in dict.fromkeys(iso3s) if isinstance(i, str)]
    import shapely

    _ensure_points(proj, iso3s)
    g = proj.world[proj.world["iso3"].isin(iso3s)].drop_duplicates("iso3").copy()
    x0, y0, x1, y1 = proj.extent
    outside = ~((g["lx"] > x0) & (g["lx"] < x1) & (g["ly"] > y0) & (g["ly"] < y1))
    if outside.any():  # label the part that shows: pole of inaccessibility of the clipped shape
        mx, my = 0.04 * (x1 - x0), 0.04 * (y1 - y0)
        clipped = shapely.clip_by_rect(g.loc[outside, "geometry"].values, x0 + mx, y0 + my, x1 - mx, y1 - my)
        pts = [_label_point(c) if not c.is_empty else (np.nan, np.nan) for c in clipped]
        g.loc[outside, "lx"] = [p[0] for p in pts]
        g.loc[outside, "ly"] = [p[1] for p in pts]
    g = g[(g["lx"] > x0) & (g["lx"] < x1) & (g["ly"] > y0) & (g["ly"] < y1)]
    texts = []
    for row in g.itertuples():
        t = ax.text(
            row.lx,
            row.ly,
            row.iso3 if codes else _short_name(row.name),
            fontsize=fontsize or st.FONT_SIZES["label"],
            color=st.TEXT,
            ha="center",
            va="center",
            zorder=6,
            path_effects=st.halo(),
            gid=f"regionkit-label-{row.iso3}",
        )
        t._regionkit_anchor = (row.lx, row.ly)
        texts.append(t)

    def relayout():
        _place_labels(ax, texts)

    ax._regionkit["labels"] = texts
    ax._regionkit["relayout"] = relayout
    relayout()
    return texts


def _place_labels(ax, texts):
    """Resolve label overlaps greedily: try positions around the anchor, nearest first; add a leader when moved."""
    if not texts:
        return
    fig = ax.get_figure(root=True)
    for t in texts:
        t.set_position(t._regionkit_anchor)
        t.set_ha("center")
        leader = getattr(t, "_regionkit_leader", None)
        if leader is not None:
            leader.remove()
            t._regionkit_leader = None
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    placed = []  # display-space bboxes
    axbox = ax.get_window_extent(renderer)
    # markers (small states) are obstacles too
    obstacles = []
    for coll in ax.collections:
        if coll.get_gid() == "regionkit-small-states":
            for x, y in ax.transData.transform(coll.get_offsets()):
                obstacles.append((x - 4, y - 4, x + 4, y + 4))

    for p in ax.patches:  # the outline of an inset's area, and the inset itself
        if p.get_gid() == "regionkit-inset-extent":
            e = p.get_window_extent(renderer)
            obstacles.append((e.x0, e.y0, e.x1, e.y1))
    for child in ax.child_axes:
        e = child.get_window_extent(renderer)
        obstacles.append((e.x0, e.y0, e.x1, e.y1))
    dpi_scale = fig.dpi / 72.0
    pad = 3 * dpi_scale
    anchor_boxes = {}
    for t in texts:  # other countries' label points are obstacles: a label must not hide a neighbour
        x, y = ax.transData.transform(t._regionkit_anchor)
        anchor_boxes[id(t)] = (x - pad, y - pad, x + pad, y + pad)

    def overlaps(b, own=None):
        others = [v for k, v in anchor_boxes.items() if k != own]
        for o in placed + obstacles + others:
            if b[0] < o[2] and b[2] > o[0] and b[1] < o[3] and b[3] > o[1]:
                return True
        return b[0] < axbox.x0 or b[2] > axbox.x1 or b[1] < axbox.y0 or b[3] > axbox.y1

    # largest text first is a poor order; place in order of anchor y (top to bottom) for stable layouts
    order = sorted(texts, key=lambda t: -ax.transData.transform(t._regionkit_anchor)[1])
    for t in order:
        ax_, ay_ = ax.transData.transform(t._regionkit_anchor)
        bb = t.get_window_extent(renderer)
        w, h = bb.width + 2 * dpi_scale, bb.height + 1 * dpi_scale
        chosen = None
        for r in (0, 8, 14, 20, 28, 38, 50, 64, 80):
            for ang in ((0,) if r == 0 else (90, 270, 45, 135, 315, 225, 0, 180, 30, 150, 330, 210)):
                dx = r * dpi_scale * np.cos(np.radians(ang))
                dy = r * dpi_scale * np.sin(np.radians(ang))
                cx, cy = ax_ + dx, ay_ + dy
                # anchor the text box on the side facing away from the point
                if r == 0 or abs(dx) < 1e-9:
                    b = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                elif dx > 0:
                    b = (cx, cy - h / 2, cx + w, cy + h / 2)
                else:
                    b = (cx - w, cy - h / 2, cx, cy + h / 2)
                if not overlaps(b, id(t)):
                    chosen = (b, r)
                    break
            if chosen:
                break
        if chosen is None:
            b = (ax_ - w / 2, ay_ - h / 2, ax_ + w / 2, ay_ + h / 2)
            chosen = (b, 0)
        b, r = chosen
        placed.append(b)
        centre = to_data.transform(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
        t.set_position(centre)
        if r > 10:
            # leader from the anchor to the nearest edge of the label box
            ex = min(max(ax_, b[0]), b[2])
            ey = min(max(ay_, b[1]), b[3])
            end = to_data.transform((ex, ey))
            (leader,) = ax.plot(
                [t._regionkit_anchor[0], end[0]],
                [t._regionkit_anchor[1], end[1]],
                color="#444444",
                lw=0.5,
                zorder=5,
                gid="regionkit-leader",
                solid_capstyle="round",
            )
            t._regionkit_leader = leader


#: Default insets per frame: (inset frame name, [x0, y0, width, height] in axes fraction, ISO3 labelled in it).
INSETS: dict[str, tuple[str, tuple[float, float, float, float], tuple[str, ...]]] = {
    # lower left of the focus frame is the western Sahara/Sahel: no focus state is drawn there
    "focus": ("caucasus", (0.006, 0.012, 0.30, 0.36), ("ARM", "AZE", "GEO")),
    # the southern Indian Ocean, between Africa and Australia, is empty on an Equal Earth world map
    "world": ("caucasus", (0.652, 0.035, 0.135, 0.30), ("ARM", "AZE", "GEO")),
}


def _inset(ax, proj: _Projected, inset, world, colors: dict[str, str], *, default=st.NO_DATA, outlines=(), zero=(), hatch=None,
           label=True):  # fmt: skip
    """Draw a zoomed inset (e.g. the Caucasus inside the focus frame) with the same colours; return its Axes."""
    from matplotlib.patches import PathPatch

    if inset is False or inset is None:
        return None
    if inset == "auto":
        spec = INSETS.get(proj.frame.name)
        if spec is None:
            return None
    else:
        spec = inset if isinstance(inset, tuple) and len(inset) == 3 else (inset, (0.006, 0.012, 0.30, 0.36), ())
    name, bounds, labels = spec
    fr = _frame(name)
    sub = _projected(fr, world)
    iax = ax.inset_axes(list(bounds), zorder=7)
    iax._regionkit = {"frame": fr, "colors": {}, "credits": [], "markers": {}}
    _setup(iax, sub)
    for s_ in iax.spines.values():
        s_.set_edgecolor("#333333")
        s_.set_linewidth(0.7)
    _draw_countries(iax, sub, colors, default=default)
    if len(zero):
        _outline_each(iax, sub, zero)
    if hatch:
        hatch(iax, sub)
    for members, col, ls in outlines:
        _outline(iax, sub, members, color=col, ls=ls, lw=1.0)
    if labels and label:
        small = proj.frame.is_world  # a thumbnail: ISO3 codes cover less of the countries than names
        _labels(iax, sub, labels, fontsize=st.FONT_SIZES["label"] - (1.0 if small else 0.5), codes=small)
    # where the inset is on the main map
    import geopandas as gpd

    x0, y0, x1, y1 = fr.bbox
    box = gpd.GeoSeries([_rect(x0, y0, x1, y1, n=20)], crs="EPSG:4326").to_crs(proj.frame.crs).iloc[0]
    (path,) = _paths([box])
    ax.add_patch(PathPatch(path, facecolor="none", edgecolor="#333333", lw=0.6, zorder=5, gid="regionkit-inset-extent"))
    iax.set_gid(f"regionkit-inset-{name}")
    ax._regionkit["inset"] = iax
    return iax


# --------------------------------------------------------------------------- values


def _normalize_keys(keys) -> pd.Series:
    """ISO3 for each key (ISO3 kept as is, names normalised with rk.normalize)."""
    from regionkit.geo import world

    codes = set(world()["iso3"].dropna())
    keys = pd.Series(list(keys), dtype=object)
    out = pd.Series([k.upper() if isinstance(k, str) and k.upper() in codes else None for k in keys], dtype=object)
    todo = out.isna() & keys.notna()
    if todo.any():
        from regionkit.normalize import normalize

        out[todo] = [None if pd.isna(v) else str(v) for v in normalize([str(k) for k in keys[todo]])]
    return out.astype(object).where(out.notna(), None)


def _values(values, value: str | None) -> tuple[pd.Series, str]:
    """Turn the accepted inputs into a float Series indexed by iso3, and the value's name."""
    if isinstance(values, pd.Series):
        s = pd.to_numeric(values, errors="coerce")
        name = value or (str(values.name) if values.name is not None else "value")
        keys = values.index
    elif isinstance(values, pd.DataFrame):
        df = values
        if {"surface", "kind", "article_id"} <= set(df.columns):  # a mentions table: count it first
            from regionkit.countries import country_counts

            df = country_counts(df, by="country")
        elif "article_id" in df.columns and "iso3" in df.columns:  # per-article counts: aggregate
            agg = {"articles": ("article_id", "nunique")}
            if "mentions" in df.columns:
                agg["mentions"] = ("mentions", "sum")
            df = df.dropna(subset=["iso3"]).groupby("iso3", as_index=False).agg(**agg)
        numeric = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
        if value is None:
            value = next((c for c in ("articles", "mentions", "share") if c in numeric), None)
            if value == "articles" and "mentions" in numeric and len(df) and df["articles"].max() <= 1:
                value = "mentions"  # a single article: how often each country is named says more
            if value is None:
                if len(numeric) != 1:
                    raise ValueError(f"say which column to map with value=; numeric columns: {', '.join(numeric) or 'none'}")
                value = numeric[0]
        if value not in df.columns:
            raise ValueError(f"no column {value!r} to map; numeric columns: {', '.join(map(str, numeric)) or 'none'}")
        if value not in numeric:
            raise ValueError(f"column {value!r} is not numeric; numeric columns: {', '.join(map(str, numeric)) or 'none'}")
        s = pd.to_numeric(df[value], errors="coerce")
        name = value
        if "iso3" in df.columns:
            keys = df["iso3"]
        elif "country" in df.columns:
            keys = df["country"]
        else:
            keys = df.index
    else:
        raise TypeError(f"values must be a pandas Series or DataFrame keyed by iso3 or country name, got {type(values).__name__}")
    keys = pd.Series(list(keys), dtype=object)
    iso = _normalize_keys(keys)
    bad = [str(k) for k, i in zip(keys, iso, strict=True) if i is None and k is not None and not pd.isna(k)]
    if bad:
        raise ValueError(f"cannot match {', '.join(map(repr, bad[:5]))} to a country; use ISO3 codes or country names")
    out = pd.Series(np.asarray(s, dtype=float), index=pd.Index(iso, dtype=object))
    out = out[out.index.notna() & np.isfinite(out.to_numpy())]
    if out.index.duplicated().any():
        dups = sorted(set(out.index[out.index.duplicated()]))
        raise ValueError(f"several values for {', '.join(dups[:5])}: give one value per country")
    return out, name


def _is_int(a) -> bool:
    a = np.asarray(a, dtype=float)
    return bool(len(a)) and bool(np.all(np.isclose(a, np.round(a))))


def _fmt(v: float, integer: bool, percent: bool) -> str:
    if percent:
        return f"{v * 100:.0f}%" if v * 100 >= 10 or v == 0 else f"{v * 100:.1g}%"
    if integer:
        return f"{int(round(v)):,}"
    return f"{v:.3g}"


def _fisher_jenks(values, k: int) -> np.ndarray:
    """Upper bounds of the optimal *k* classes (Fisher 1958; same result as ``mapclassify.FisherJenks``).

    Exact dynamic programme over the sorted values, O(k n²) with numpy; used for the
    default scheme so the first map does not pay mapclassify's scipy import.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    k = max(1, min(k, n))
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def cost(i, j):  # sum of squared deviations of x[i:j+1], vectorised over i
        cnt = j - i + 1
        a = s1[j + 1] - s1[i]
        return (s2[j + 1] - s2[i]) - a * a / cnt

    dp = np.full((k, n), np.inf)
    back = np.zeros((k, n), dtype=int)
    dp[0] = cost(np.zeros(n, dtype=int), np.arange(n))
    for m in range(1, k):
        for j in range(m, n):
            i = np.arange(m, j + 1)  # first index of the last class
            c = dp[m - 1, i - 1] + cost(i, j)
            b = int(np.argmin(c))
            dp[m, j], back[m, j] = c[b], i[b]
    ub, j = [], n - 1
    for m in range(k - 1, -1, -1):
        ub.append(x[j])
        j = back[m, j] - 1
    return np.unique(ub)


def _classify(s: pd.Series, scheme: str | None, k: int, bins, percent: bool):
    """Return (class index per value, upper bounds, legend labels) for the non-zero values."""
    vals = s.to_numpy(dtype=float)
    uniq = np.unique(vals)
    integer = _is_int(vals)
    if bins is not None:
        ub = np.asarray(sorted(bins), dtype=float)
        if ub[-1] < vals.max():
            raise ValueError(f"bins must reach the largest value ({vals.max():g}); last bin is {ub[-1]:g}")
    elif scheme is None and len(uniq) <= k:
        ub = uniq
    elif (scheme or "fisher_jenks").lower().replace("-", "_") in ("fisher_jenks", "fisherjenks"):
        ub = _fisher_jenks(vals, min(k, len(uniq)))
    else:
        import warnings

        import mapclassify

        name = _SCHEMES.get((scheme or "fisher_jenks").lower().replace("-", "_").replace(" ", "_"))
        if name is None and scheme in _SCHEMES.values():
            name = scheme
        if name is None:
            raise ValueError(f"unknown scheme {scheme!r}; valid schemes: {', '.join(_SCHEMES)}")
        if name == "UserDefined":
            raise ValueError("scheme='user_defined' needs bins=[...] (the upper bounds of the classes)")
        kk = min(k, len(uniq))
        kw = {} if name in ("HeadTailBreaks", "StdMean", "MaxP") else {"k": kk}
        with warnings.catch_warnings():  # "Numba not installed. Using slow pure python version."
            warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
            # quantiles on few distinct values: mapclassify lowers k itself and says so; the legend shows the result
            warnings.filterwarnings("ignore", message="Not enough unique values", category=UserWarning)
            ub = np.unique(np.asarray(getattr(mapclassify, name)(vals, **kw).bins, dtype=float))
    idx = np.searchsorted(ub, vals, side="left")
    idx = np.clip(idx, 0, len(ub) - 1)
    labels = []
    lo = vals.min()
    for i, hi in enumerate(ub):
        a = lo if i == 0 else ub[i - 1]
        if bins is not None and i == 0:  # user classes: the same labels whatever the data (small multiples)
            labels.append(f"≤ {_fmt(hi, integer, percent)}")
        elif integer and not percent:
            a_int = int(np.floor(a)) + (1 if i > 0 else 0)
            hi_int = int(np.floor(hi + 1e-9))
            labels.append(_fmt(hi_int, True, False) if a_int >= hi_int else f"{_fmt(a_int, True, False)}–{_fmt(hi_int, True, False)}")
        elif i == 0 and np.isclose(a, hi):
            labels.append(_fmt(hi, integer, percent))
        else:
            labels.append(f"{_fmt(a, integer, percent)}–{_fmt(hi, integer, percent)}")
    if bins is not None:  # keep every user class, so legends and colours agree across maps
        return idx, ub, labels
    used = sorted(set(idx.tolist()))
    remap = {old: new for new, old in enumerate(used)}
    return np.array([remap[i] for i in idx]), ub[used], [labels[i] for i in used]


# --------------------------------------------------------------------------- groups


def _group_ids() -> list[str]:
    from regionkit.groups import list_groups

    return list(list_groups()["group_id"])


def _group_name(group: str) -> str:
    from regionkit.groups import list_groups

    t = list_groups()
    names = t.loc[t["group_id"] == group, "group_name"]
    return _clean_group_name(str(names.iloc[0])) if len(names) else group


def _clean_group_name(name: str) -> str:
    """Drop a trailing note with numbers, e.g. "Council of Europe (46 members since 2022-03-16)" -> "Council of Europe"."""
    import re

    return re.sub(r"\s*\([^()]*\d[^()]*\)$", "", name).strip() or name


def _members(group: str, as_of) -> list[str]:
    from regionkit.groups import group_members

    return list(group_members(group, pd.Timestamp(as_of or _dt.date.today())))


def _resolve_highlight(highlight, as_of) -> list[tuple[str, list[str]]]:
    """[(legend label, iso3 list)] for each group id; plain countries are collected into one entry."""
    if highlight is None:
        return []
    if isinstance(highlight, str):
        highlight = [highlight]
    from regionkit.groups import list_groups

    table = list_groups()
    groups = list(table["group_id"])
    names = dict(zip(table["group_id"], table["group_name"], strict=True))
    out: list[tuple[str, list[str]]] = []
    singles: list[str] = []
    for h in highlight:
        if h in groups:
            out.append((_clean_group_name(str(names[h])), _members(h, as_of)))
            continue
        iso = _normalize_keys([h]).iloc[0]
        if iso is None:
            raise ValueError(f"cannot highlight {h!r}: not a group id or a country; valid groups: {', '.join(groups)}")
        singles.append(iso)
    if singles:
        out.append(("Highlighted", singles))
    return out


# --------------------------------------------------------------------------- public maps


def choropleth(
    values,
    *,
    value: str | None = None,
    frame="focus",
    highlight=None,
    scheme: str | None = None,
    k: int = 5,
    bins=None,
    cmap: str = st.SEQUENTIAL,
    labels=None,
    inset="auto",
    as_of=None,
    legend: bool = True,
    legend_title: str | None = None,
    missing_label: str | None = None,
    world=None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw a per-country value on a map, classed with mapclassify.

    Parameters
    ----------
    values
        The output of ``rk.country_counts(..., by="country")``, a mentions table
        (counted with ``rk.country_counts``), or any Series/DataFrame keyed by ISO3
        (an ``iso3`` column or the index) or by country names (a ``country``
        column or the index; normalised with ``rk.normalize``).
    value
        Column to map. Default: ``articles``, else ``mentions``, else ``share``,
        else the only numeric column.
    frame
        A name in :data:`FRAMES` (``world``, ``focus``, ``caucasus``,
        ``central_asia``, ``middle_east``) or a ``(lon_min, lat_min, lon_max, lat_max)`` tuple.
    highlight
        Group ids (``"central_asia"``, ``"south_caucasus"``, ...) and/or countries
        to outline; each group gets its own outline colour and legend entry.
    scheme
        mapclassify scheme (``fisher_jenks``, ``quantiles``, ``equal_interval``,
        ``natural_breaks``, ``head_tail_breaks``, ...). Default: one class per
        distinct value when there are at most *k* of them, else Fisher–Jenks.
    k
        Number of classes.
    bins
        Upper bounds of user-defined classes (overrides *scheme*; the last must
        reach the largest value). Every class is in the legend, used or not, so
        maps drawn with the same *bins* share colours and legend.
    cmap
        Sequential colormap (colour-blind-safe ColorBrewer ``YlGnBu`` by default).
    labels
        ISO3 codes to label; ``None`` labels the frame's default countries
        (the focus states in regional frames, none on the world map); ``False`` for none.
    inset
        ``"auto"`` adds the frame's default zoomed inset (the Caucasus, lower
        left of the ``focus`` frame; see :data:`INSETS`); a frame name for
        another inset there; ``False`` for none.
    as_of
        Date for group membership in *highlight* (default: today).
    legend, legend_title, missing_label
        Show the legend; its title (default says what is shown, e.g. "Articles
        mentioning the country"); the label for countries without a value
        (default "not mentioned" for counts, else "no data").
    world
        Your own boundaries (path or GeoDataFrame with ``iso3``); default the shipped Natural Earth.
    ax, figsize
        Axes to draw on (a new figure otherwise) and the new figure's size.

    Returns
    -------
    matplotlib.axes.Axes
        Zero is drawn white with a grey outline and "no data" in grey, so the two
        never look alike; countries too small to see are drawn as dots.
    """
    fr = _frame(frame)
    s, name = _values(values, value)
    percent = name == "share" and (s.empty or s.max() <= 1.0)
    proj = _projected(fr, world)
    ax = _new_axes(ax, proj, figsize)
    _setup(ax, proj)

    drawn = set(proj.world["iso3"].dropna())
    nonneg = bool((s >= 0).all())
    zero = s[(s == 0)] if nonneg else s.iloc[0:0]
    pos = s.drop(zero.index)
    colors: dict[str, str] = {}
    entries: list[tuple[str, dict]] = []
    classes: list[str] = []
    if len(zero):
        colors.update({i: st.ZERO for i in zero.index})
        entries.append(("0", {"facecolor": st.ZERO, "edgecolor": "#8a8a8a"}))
        classes.append("0")
    if len(pos):
        idx, ub, labs = _classify(pos, scheme, k, bins, percent)
        palette = st.class_colors(len(ub), cmap)
        colors.update({i: palette[c] for i, c in zip(pos.index, idx, strict=True)})
        entries += [(lab, {"facecolor": col, "edgecolor": "none"}) for lab, col in zip(labs, palette, strict=True)]
        classes += labs
    coll = _draw_countries(ax, proj, colors)
    if len(zero):
        _outline_each(ax, proj, zero.index)
    ax._regionkit.update({"value": name, "classes": classes, "values": s})

    hl = _resolve_highlight(highlight, as_of)
    hl_colors = ["#1a1a1a", "#D55E00", "#CC79A7", "#0072B2", "#E69F00"]
    hl_styles = ["-", (0, (3, 1.5)), (0, (1, 1)), "-.", "-"]
    edge: dict[str, str] = {}
    hl_entries = []
    for j, (label, members) in enumerate(hl):
        col, ls = hl_colors[j % len(hl_colors)], hl_styles[j % len(hl_styles)]
        _outline(ax, proj, members, color=col, ls=ls, lw=1.2, gid=f"regionkit-highlight-{j}")
        for m in members:
            edge.setdefault(m, col)
        hl_entries.append((label, col, ls))
    ax._regionkit["highlight"] = {label: list(m) for label, m in hl}
    iax = _inset(ax, proj, inset, world, colors, zero=list(zero.index), label=labels is not False,
                 outlines=[(m, c, ls) for (_, m), (_, c, ls) in zip(hl, hl_entries, strict=True)])  # fmt: skip
    inset_labelled = set(INSETS[fr.name][2]) if iax is not None and inset == "auto" and fr.name in INSETS else set()

    small = _small(proj, [i for i in s.index if i in drawn] + list(edge))
    _dots(ax, proj, small, {i: colors.get(i, st.NO_DATA) for i in small}, edge=edge)

    if labels is None:
        labels = [] if fr.is_world else list(fr.labels) + [m for _, ms in hl for m in ms]
        labels = [i for i in labels if i not in inset_labelled]  # named in the inset instead
    if labels is not False:
        _labels(ax, proj, labels)

    visible = _visible(proj)
    missing = [i for i in s.index if i not in visible]
    ax._regionkit["not_drawn"] = missing
    if legend:
        if missing_label is None:
            missing_label = "not mentioned" if name in ("articles", "mentions", "share") else "no data"
        entries.append((missing_label, {"facecolor": st.NO_DATA, "edgecolor": "none"}))
        title = legend_title or _VALUE_TITLES.get(name, name.replace("_", " ").capitalize())
        extra = []
        if small:
            extra.append(("small country (dot)", "dot"))
        if missing:
            more = f" +{len(missing) - 6}" if len(missing) > 6 else ""
            extra.append((f"outside the map: {', '.join(missing[:6])}{more}", "none"))
        _legend(ax, fr, title, entries, hl_entries, extra)
    del coll
    return ax


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


def _legend(ax, fr: Frame, title: str, entries, hl_entries=(), extra=(), *, patch_kw=None):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, texts = [], []
    for label, kw in entries:
        handles.append(Patch(linewidth=0.6, **{**(patch_kw or {}), **kw}))
        texts.append(label)
    for label, col, ls in hl_entries:
        handles.append(Line2D([], [], color=col, ls=ls, lw=1.5))
        texts.append(f"{label} (outline)")
    for label, kind in extra:
        if kind == "dot":
            handles.append(Line2D([], [], marker="o", ls="none", markersize=4.5, markerfacecolor=st.MUTED, markeredgecolor="#333333", markeredgewidth=0.6))
        else:
            handles.append(Patch(facecolor="none", edgecolor="none"))
        texts.append(label)
    loc = {"loc": "lower left", "bbox_to_anchor": (0.005, 0.02)} if fr.is_world else {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
    leg = ax.legend(
        handles,
        texts,
        title=title,
        fontsize=st.FONT_SIZES["legend"],
        title_fontsize=st.FONT_SIZES["legend_title"],
        frameon=fr.is_world,
        framealpha=0.92,
        edgecolor="none",
        borderaxespad=0.3,
        handlelength=1.6,
        handleheight=1.0,
        alignment="left",
        **loc,
    )
    leg.set_gid("regionkit-legend")
    _fit_legend(ax, fr)
    return leg


def _fit_legend(ax, fr: Frame) -> None:
    """On a world map the legend sits in the South Pacific; if it is too wide for that, move it below the map."""
    if not fr.is_world:
        return
    from regionkit.plot._export import _legend_below

    fig = ax.get_figure(root=True)
    r = fig.canvas.get_renderer()
    if ax.get_legend().get_window_extent(r).width > 0.22 * ax.get_window_extent(r).width:
        _legend_below(ax, fig.get_size_inches()[0])


def groups_map(
    as_of=None,
    *,
    groups=("south_caucasus", "central_asia", "abraham_accords"),
    frame="focus",
    labels=None,
    inset="auto",
    colors=None,
    world=None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Map who belongs to which group on a date; a country in several groups is hatched.

    Parameters
    ----------
    as_of
        Date (``"2026-01-01"``, ``datetime.date`` ...) at which membership is
        read (``member_since``/``until`` in ``data/reference/groups.csv``);
        default today. Kazakhstan is in the Abraham Accords from 2025-11-07.
    groups
        Group ids (see ``rk.list_groups()``), drawn in this order.
    frame
        A name in :data:`FRAMES` or a bounding box.
    labels
        ISO3 codes to label; default every member shown (none on the world map); ``False`` for none.
    inset
        As in :func:`choropleth` (the Caucasus inset in the ``focus`` frame).
    colors
        One colour per group (default colour-blind-safe Okabe–Ito).
    world, ax, figsize
        As in :func:`choropleth`.

    Returns
    -------
    matplotlib.axes.Axes
        The fill is the first listed group; a country also in later groups is
        hatched in their colours, and the legend lists those overlaps by name.
    """
    fr = _frame(frame)
    if isinstance(groups, str):
        groups = [groups]
    valid = _group_ids()
    for g in groups:
        if g not in valid:
            raise ValueError(f"unknown group {g!r}; valid groups: {', '.join(valid)}")
    day = pd.Timestamp(as_of or _dt.date.today())
    default = ["#009E73", "#E69F00", "#0072B2", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
    cols = list(colors) if colors is not None else [default[i % len(default)] for i in range(len(groups))]
    if len(cols) < len(groups):
        raise ValueError(f"need one colour per group ({len(groups)}), got {len(cols)}")
    members = {g: _members(g, day.strftime("%Y-%m-%d")) for g in groups}
    proj = _projected(fr, world)
    ax = _new_axes(ax, proj, figsize)
    _setup(ax, proj)
    where: dict[str, list[int]] = {}
    for j, g in enumerate(groups):
        for m in members[g]:
            where.setdefault(m, []).append(j)
    face = {m: cols[js[0]] for m, js in where.items()}
    _draw_countries(ax, proj, face)
    overlaps = {m: js for m, js in where.items() if len(js) > 1}
    hatches = ["////", "\\\\\\\\", "xxxx"]

    def hatch(target, pj):
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import PathPatch

        for m, js in overlaps.items():
            geom = pj.world.loc[pj.world["iso3"] == m, "geometry"]
            if geom.empty:
                continue
            for n, j in enumerate(js[1:]):
                (path,) = _paths(geom.values)
                coll = PatchCollection(
                    [PathPatch(path)], facecolors="none", edgecolors="none", hatch=hatches[n % 3], zorder=2,
                    gid=f"regionkit-overlap-{m}",
                )  # fmt: skip
                if hasattr(coll, "set_hatchcolor"):  # matplotlib >= 3.10
                    coll.set_hatchcolor(cols[j])
                    coll.set_hatch_linewidth(1.6)
                else:  # older matplotlib draws hatches in the edge colour
                    coll.set_edgecolor(cols[j])
                    coll.set_linewidth(0)
                target.add_collection(coll, autolim=False)

    hatch(ax, proj)
    for j, g in enumerate(groups):
        _outline(ax, proj, members[g], color="#333333", lw=0.6, gid=f"regionkit-group-{g}", zorder=3)
    allm = list(where)
    small = _small(proj, allm)
    _dots(ax, proj, small, face, edge={m: cols[js[1]] for m, js in overlaps.items() if m in small})
    iax = _inset(ax, proj, inset, world, face, hatch=hatch, label=labels is not False,
                 outlines=[(members[g], "#333333", "-") for g in groups])  # fmt: skip
    if labels is None:
        skip = set(INSETS[fr.name][2]) if iax is not None and inset == "auto" and fr.name in INSETS else set()
        labels = [] if fr.is_world else [m for m in allm if m not in skip]
    if labels is not False:
        _labels(ax, proj, labels)
    ax._regionkit.update({"groups": members, "overlaps": {m: [groups[j] for j in js] for m, js in overlaps.items()}, "as_of": day})

    from matplotlib.patches import Patch

    handles, texts = [], []
    for j, g in enumerate(groups):
        handles.append(Patch(facecolor=cols[j], edgecolor="#333333", linewidth=0.6))
        texts.append(f"{_group_name(g)} ({len(members[g])})")
    names = anchors_names()
    combos: dict[tuple[int, ...], list[str]] = {}
    for m, js in overlaps.items():
        combos.setdefault(tuple(js), []).append(_short_name(names.get(m, m)))
    for js, who in combos.items():  # one entry per combination of groups, naming its countries
        handles.append(Patch(facecolor=cols[js[0]], edgecolor=cols[js[1]], hatch=hatches[0], linewidth=0))
        listed = ", ".join(sorted(who)[:6]) + (f" +{len(who) - 6}" if len(who) > 6 else "")
        texts.append(" + ".join(_group_name(groups[j]) for j in js) + f": {listed}")
    if small:
        handles.append(Line2D_dot())
        texts.append("small country (dot)")
    loc = {"loc": "lower left", "bbox_to_anchor": (0.005, 0.02)} if fr.is_world else {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
    leg = ax.legend(
        handles,
        texts,
        title=f"Membership on {day:%Y-%m-%d}",
        fontsize=st.FONT_SIZES["legend"],
        title_fontsize=st.FONT_SIZES["legend_title"],
        frameon=fr.is_world,
        edgecolor="none",
        alignment="left",
        handlelength=1.6,
        handleheight=1.2,
        **loc,
    )
    leg.set_gid("regionkit-legend")
    _fit_legend(ax, fr)
    return ax


def anchors_names() -> dict[str, str]:
    """ISO3 -> Natural Earth short name, for every country (also those outside the frame)."""
    from regionkit.geo import anchors

    a = anchors()
    return dict(zip(a["iso3"], a["name"], strict=True))


def Line2D_dot():
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="none", markersize=4.5, markerfacecolor=st.MUTED, markeredgecolor="#333333", markeredgewidth=0.6)


def tie_map(
    ties: pd.DataFrame,
    *,
    weight: str | None = None,
    relation: str | bool | None = None,
    frame="focus",
    labels=None,
    inset="auto",
    curvature: float = 0.18,
    max_width: float = 5.0,
    min_width: float = 0.7,
    colors: dict[str, str] | None = None,
    world=None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw ties between countries as curved arcs between their anchor points (capitals).

    Parameters
    ----------
    ties
        DataFrame with columns ``a`` and ``b`` (ISO3 or country names) and
        optionally a weight and a relation column, e.g. the output of
        ``rk.tie_table(...)`` (``a, b, articles, sentences, weight, relation``).
    weight
        Column giving the line width (linear in the value). Default ``weight``
        when the table has it; without one every tie has the same width.
    relation
        Column giving the colour (the colours of ``_style.RELATION_COLORS``,
        the same as in the network chart). Default ``relation``, else
        ``dominant`` (the dominant relation in ``rk.tie_table`` output), when
        present; ``False`` draws every tie in one colour.
    frame
        A name in :data:`FRAMES` or a bounding box.
    labels
        ISO3 codes to label; default every country in a tie (regional frames)
        or none (world); ``False`` for none.
    inset
        ``"auto"``: when a tie ends in the South Caucasus, draw the Caucasus
        inset of the ``focus`` and ``world`` frames with those ties; ``False`` for none.
    curvature
        Bend of each arc as a fraction of its length (0 for straight lines).
    max_width, min_width
        Line widths in points for the largest and smallest weight.
    colors
        ``{relation: colour}`` overrides.
    world, ax, figsize
        As in :func:`choropleth`.

    Returns
    -------
    matplotlib.axes.Axes
        Arcs are quadratic Bézier curves in the map projection, so they never
        wrap around the antimeridian; the legend shows relations and widths.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch

    from regionkit.geo import anchors

    if not isinstance(ties, pd.DataFrame) or not {"a", "b"} <= set(ties.columns):
        cols = ", ".join(map(str, getattr(ties, "columns", []))) or "none"
        raise ValueError(f"tie_map needs a DataFrame with columns 'a' and 'b' (ISO3 or names); got columns: {cols}")
    if weight is None:
        weight = "weight" if "weight" in ties.columns else None
    if relation is None:
        relation = next((c for c in ("relation", "dominant") if c in ties.columns), None)
    elif relation is False:
        relation = None
    for col, what in ((weight, "weight"), (relation, "relation")):
        if col is not None and col not in ties.columns:
            raise ValueError(f"no {what} column {col!r}; columns: {', '.join(map(str, ties.columns))}")
    fr = _frame(frame)
    t = ties.copy()
    t["a"] = list(_normalize_keys(t["a"]))
    t["b"] = list(_normalize_keys(t["b"]))
    t = t.dropna(subset=["a", "b"])
    t = t[t["a"] != t["b"]]
    has_w = weight is not None and weight in t.columns
    has_r = relation is not None and relation in t.columns
    w = pd.to_numeric(t[weight], errors="coerce").fillna(0).to_numpy(float) if has_w else np.ones(len(t))
    rel = t[relation].astype(object).where(t[relation].notna(), "other").astype(str).to_numpy() if has_r else np.array(["tie"] * len(t))
    order = np.argsort(w, kind="stable")  # heaviest drawn last (on top)

    proj = _projected(fr, world)
    ax = _new_axes(ax, proj, figsize)
    ends = set(t["a"]) | set(t["b"])
    ax._regionkit["credits"].append("Capitals: GeoNames")
    a = anchors().set_index("iso3")
    missing = sorted(i for i in ends if i not in a.index)
    if missing:
        raise ValueError(f"no anchor point for {', '.join(missing)}; anchors exist for the countries of rk.anchors()")

    known = list(st.RELATION_COLORS)
    cats = sorted(set(rel), key=lambda r: (known.index(r) if r in known else len(known), r in ("other", "tie"), r))
    unknown = [c for c in cats if c not in st.RELATION_COLORS]
    spare = [c for c in st.OKABE_ITO if c.upper() not in {v.upper() for v in st.RELATION_COLORS.values()}]
    spare += [c for c in st.OKABE_ITO if c not in spare]
    palette = {c: st.RELATION_COLORS[c] for c in cats if c in st.RELATION_COLORS}
    palette.update({c: ("#0072B2" if not has_r else spare[i % len(spare)]) for i, c in enumerate(unknown)})
    palette.update(colors or {})
    wmax, wmin = (float(w.max()), float(w.min())) if len(w) else (1.0, 1.0)

    def width(v):
        if not has_w or wmax == wmin:
            return (min_width + max_width) / 2 if has_w else 1.6
        return min_width + (max_width - min_width) * (v - wmin) / (wmax - wmin)

    def draw(target, pj: _Projected, label_list, *, scale=1.0, codes=False):
        """Countries, arcs, anchor dots and labels of the ties on one axes (the map or its inset)."""
        import pyproj

        _setup(target, pj)
        _draw_countries(target, pj, {i: "#c9d3dc" for i in ends}, default="#e4e4e4")
        tr = pyproj.Transformer.from_crs("EPSG:4326", pj.frame.crs, always_xy=True)
        xs, ys = tr.transform(a["lon"].to_numpy(), a["lat"].to_numpy())
        pos = {i: (x, y) for i, x, y in zip(a.index, xs, ys, strict=True)}
        arcs = []
        for k in order:
            row = t.iloc[k]
            p0, p1 = np.array(pos[row["a"]]), np.array(pos[row["b"]])
            if tuple(p0) > tuple(p1):  # the same pair always bends the same way
                p0, p1 = p1, p0
            arc = FancyArrowPatch(
                tuple(p0), tuple(p1), connectionstyle=f"arc3,rad={curvature}", arrowstyle="-",
                linestyle="--" if rel[k] == "co_member" else "-", color=palette[rel[k]], lw=width(w[k]) * scale,
                alpha=0.85, zorder=3, shrinkA=2, shrinkB=2, capstyle="round", gid=f"regionkit-tie-{row['a']}-{row['b']}",
            )  # fmt: skip
            arc._regionkit_tie = (row["a"], row["b"], float(w[k]), rel[k])
            target.add_patch(arc)
            arcs.append(arc)
        pts = np.array([pos[i] for i in sorted(ends)]) if ends else np.zeros((0, 2))
        sc = target.scatter(pts[:, 0], pts[:, 1], s=9 * scale, c="#222222", zorder=4, gid="regionkit-anchors", linewidths=0)
        sc._regionkit_iso3 = sorted(ends)
        texts = []
        x0, y0, x1, y1 = pj.extent
        for i in label_list:  # labels sit at the anchor points (capitals), so they name the arc ends
            if i not in pos or not (x0 < pos[i][0] < x1 and y0 < pos[i][1] < y1):
                continue
            txt = target.text(
                *pos[i], i if codes else _short_name(str(a.loc[i, "name"])), fontsize=st.FONT_SIZES["label"] - (1 - scale) * 2,
                color=st.TEXT, ha="center", va="center", zorder=6, path_effects=st.halo(), gid=f"regionkit-label-{i}",
            )  # fmt: skip
            txt._regionkit_anchor = pos[i]
            texts.append(txt)
        target._regionkit["labels"] = texts
        target._regionkit["relayout"] = lambda: _place_labels(target, texts)
        _place_labels(target, texts)
        return arcs

    # a zoomed inset (the Caucasus in the focus and world frames) when a tie ends there
    spec = INSETS.get(fr.name) if inset == "auto" else None
    in_inset: set[str] = set()
    if spec is not None:
        ix0, iy0, ix1, iy1 = _frame(spec[0]).bbox
        in_inset = {i for i in ends if ix0 < a.loc[i, "lon"] < ix1 and iy0 < a.loc[i, "lat"] < iy1}
    if labels is None:
        labels = [] if fr.is_world else sorted(ends - in_inset)
    arcs = draw(ax, proj, [] if labels is False else list(labels))
    if in_inset:
        sub = _projected(_frame(spec[0]), world)
        iax = ax.inset_axes(list(spec[1]), zorder=7)
        iax._regionkit = {"frame": sub.frame, "colors": {}, "credits": [], "markers": {}}
        draw(iax, sub, [] if labels is False else sorted(in_inset), scale=0.8, codes=fr.is_world)
        for s_ in iax.spines.values():
            s_.set_edgecolor("#333333")
            s_.set_linewidth(0.7)
        import geopandas as gpd
        from matplotlib.patches import PathPatch

        box = gpd.GeoSeries([_rect(ix0, iy0, ix1, iy1, n=20)], crs="EPSG:4326").to_crs(fr.crs).iloc[0]
        ax.add_patch(PathPatch(_paths([box])[0], facecolor="none", edgecolor="#333333", lw=0.6, zorder=5,
                               gid="regionkit-inset-extent"))  # fmt: skip
        ax._regionkit["inset"] = iax
    ax._regionkit.update({"ties": [arc._regionkit_tie for arc in arcs], "relation_colors": palette})

    handles, texts = [], []
    if has_r:
        for c in cats:
            handles.append(Line2D([], [], color=palette[c], lw=2.5, ls="--" if c == "co_member" else "-"))
            texts.append(st.RELATION_LABELS.get(c, str(c).replace("_", " ")))
    if has_w and wmax > wmin:
        mid = (wmin + wmax) / 2
        if _is_int(w):
            mid = float(round(mid))
        for v in np.unique([wmin, mid, wmax]):
            handles.append(Line2D([], [], color="#555555", lw=width(v)))
            texts.append(f"{weight} {_fmt(v, _is_int([v]), False)}")
    if handles:
        parts = [x for x, ok in (("colour: relation", has_r), (f"width: {weight}", has_w and wmax > wmin)) if ok]
        title = f"Ties ({', '.join(parts)})"
        loc = {"loc": "lower left", "bbox_to_anchor": (0.005, 0.02)} if fr.is_world else {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}
        leg = ax.legend(
            handles, texts, title=title, fontsize=st.FONT_SIZES["legend"], title_fontsize=st.FONT_SIZES["legend_title"],
            frameon=fr.is_world, edgecolor="none", alignment="left", handlelength=2.2, **loc,
        )  # fmt: skip
        leg.set_gid("regionkit-legend")
        _fit_legend(ax, fr)
    del Patch
    return ax

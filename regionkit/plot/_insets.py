"""Zoomed insets on maps (the Caucasus inside the focus and world frames): the one inset builder.

Private module of :mod:`regionkit.plot`; :data:`INSETS` is public through
:mod:`regionkit.plot.maps`. :func:`inset_axes` makes the inset (its axes, frame,
projection, border, and the outline of its area on the main map); the maps draw
their own content into it (:func:`_inset` for the filled maps, ``tie_map`` for arcs).
"""

from __future__ import annotations

from regionkit.plot import _style as st
from regionkit.plot._mapbase import _draw_countries, _frame, _outline, _outline_each, _paths, _projected, _Projected, _rect, _setup
from regionkit.plot._maplabels import _labels

#: Default insets per frame: (inset frame name, [x0, y0, width, height] in axes fraction, ISO3 labelled in it).
INSETS: dict[str, tuple[str, tuple[float, float, float, float], tuple[str, ...]]] = {
    # lower left of the focus frame is the western Sahara/Sahel: no focus state is drawn there
    "focus": ("caucasus", (0.006, 0.012, 0.30, 0.36), ("ARM", "AZE", "GEO")),
    # the southern Indian Ocean, between Africa and Australia, is empty on an Equal Earth world map
    "world": ("caucasus", (0.652, 0.035, 0.135, 0.30), ("ARM", "AZE", "GEO")),
}
_DEFAULT_BOUNDS = (0.006, 0.012, 0.30, 0.36)


def inset_spec(proj: _Projected, inset) -> tuple[str, tuple[float, float, float, float], tuple[str, ...]] | None:
    """``(frame name, bounds, labelled ISO3)`` of the inset asked for by ``inset=`` (None: no inset).

    ``"auto"`` is the frame's default (:data:`INSETS`), a frame name puts that
    frame at the default place, a full triple is used as given; ``False``/None: none.
    """
    if inset is False or inset is None:
        return None
    if inset == "auto":
        return INSETS.get(proj.frame.name)
    return inset if isinstance(inset, tuple) and len(inset) == 3 else (inset, _DEFAULT_BOUNDS, ())


def auto_labelled(proj: _Projected, inset, iax) -> set[str]:
    """The countries the default inset names (so the main map need not name them too)."""
    name = proj.frame.name
    return set(INSETS[name][2]) if iax is not None and inset == "auto" and name in INSETS else set()


def inset_axes(ax, proj: _Projected, name: str, bounds, world):
    """Add the inset axes for frame *name* at *bounds* (axes fraction) of the map *ax*; return ``(iax, projected)``.

    The inset gets its projection, water and a dark border; the main map gets the
    outline of the inset's area. The caller draws the inset's content.
    """
    import geopandas as gpd
    from matplotlib.patches import PathPatch

    fr = _frame(name)
    sub = _projected(fr, world)
    iax = ax.inset_axes(list(bounds), zorder=7)
    iax._regionkit = {"frame": fr, "colors": {}, "credits": [], "markers": {}}
    _setup(iax, sub)
    for s_ in iax.spines.values():
        s_.set_edgecolor("#333333")
        s_.set_linewidth(0.7)
    # where the inset is on the main map
    x0, y0, x1, y1 = fr.bbox
    box = gpd.GeoSeries([_rect(x0, y0, x1, y1, n=20)], crs="EPSG:4326").to_crs(proj.frame.crs).iloc[0]
    (path,) = _paths([box])
    ax.add_patch(PathPatch(path, facecolor="none", edgecolor="#333333", lw=0.6, zorder=5, gid="regionkit-inset-extent"))
    iax.set_gid(f"regionkit-inset-{name}")
    ax._regionkit["inset"] = iax
    return iax, sub


def _inset(ax, proj: _Projected, inset, world, colors: dict[str, str], *, default=st.NO_DATA, outlines=(), zero=(), hatch=None,
           label=True):  # fmt: skip
    """Draw a zoomed inset (e.g. the Caucasus inside the focus frame) with the same colours; return its Axes."""
    spec = inset_spec(proj, inset)
    if spec is None:
        return None
    name, bounds, labels = spec
    iax, sub = inset_axes(ax, proj, name, bounds, world)
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
    return iax

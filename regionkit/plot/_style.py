"""Palettes and shared styling for regionkit's maps and charts (stable API; charts import it too).

Everything here is plain data or tiny helpers; importing this module loads
matplotlib only inside the functions that need it.

Public names (keep stable):

``OKABE_ITO``
    Tuple of 8 hex colours (Okabe & Ito 2008), safe for the common forms of
    colour blindness. Use for categories: groups, relations, series.
``SEQUENTIAL``
    Default colormap name for ordered values (ColorBrewer ``YlGnBu``, colour-blind safe).
``SEQUENTIAL_OK``
    Colormap names accepted by :func:`class_colors` without a warning-free check
    (all ColorBrewer sequential maps plus viridis/cividis).
``NO_DATA``, ``ZERO``, ``OCEAN``, ``BORDER``, ``TEXT``, ``MUTED``
    Colours for "no data" land, zero values, water, borders, text, and muted grey.
``FONT_SIZES``
    Dict of font sizes in points: ``label``, ``legend``, ``legend_title``, ``credit``.
``categorical_colors(n)``
    The first *n* Okabe–Ito colours (black last), cycling if *n* > 8.
``class_colors(n, cmap=SEQUENTIAL)``
    *n* hex colours sampled from a sequential colormap, skipping its palest end
    so the lowest class stays distinct from ``NO_DATA`` and ``ZERO``.
``RELATION_COLORS``, ``RELATION_LABELS``
    Colour and legend wording per tie relation of ``regionkit.ties.RELATIONS``
    (Okabe–Ito; ``co_mention`` and ``co_member`` in greys). Maps and charts use
    the same colour for the same relation.
``GROUP_COLORS``, ``group_colors(groups)``
    Fill colour per group (Paul Tol "light", colour-blind safe). The three home
    groups always get the same colour — South Caucasus blue, Central Asia orange,
    Abraham Accords green — in every map and chart; other groups take the
    remaining colours in order.
``halo(width=2.5)``
    A list of path effects that draws a white halo behind text (for labels on maps).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "SEQUENTIAL",
    "SEQUENTIAL_OK",
    "NO_DATA",
    "ZERO",
    "OCEAN",
    "BORDER",
    "TEXT",
    "MUTED",
    "FONT_SIZES",
    "RELATION_COLORS",
    "RELATION_LABELS",
    "categorical_colors",
    "GROUP_COLORS",
    "group_colors",
    "class_colors",
    "halo",
]

#: Okabe & Ito (2008) colour-blind-safe qualitative palette, ordered so neighbours contrast
#: (blue, vermillion, bluish green, reddish purple, orange, sky blue, yellow, black).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
SEQUENTIAL = "YlGnBu"
SEQUENTIAL_OK = (
    "YlGnBu", "YlGn", "GnBu", "BuGn", "PuBu", "PuBuGn", "BuPu", "RdPu", "PuRd", "OrRd", "YlOrRd",
    "YlOrBr", "Blues", "Greens", "Greys", "Oranges", "Purples", "Reds", "viridis", "cividis",
)  # fmt: skip
#: Fill colours for groups (Paul Tol "light", colour-blind safe); the first three are the home groups'.
GROUP_COLORS = ("#77AADD", "#EE8866", "#44BB99", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00")
_FIXED_GROUP_COLORS = {"south_caucasus": GROUP_COLORS[0], "central_asia": GROUP_COLORS[1], "abraham_accords": GROUP_COLORS[2]}


def group_colors(groups) -> dict[str, str]:
    """One fill colour per group id: fixed for the home groups, the rest in palette order."""
    out = {g: _FIXED_GROUP_COLORS[g] for g in groups if g in _FIXED_GROUP_COLORS}
    free = [c for c in GROUP_COLORS if c not in out.values()]
    for g in groups:
        if g not in out:
            out[g] = free[len([x for x in out if x not in _FIXED_GROUP_COLORS]) % len(free)]
    return out


#: Colour per tie relation (same in tie maps and network charts).
RELATION_COLORS = {
    "normalisation": "#009E73",  # bluish green
    "treaty": "#0072B2",  # blue
    "conflict": "#D55E00",  # vermillion
    "meeting": "#E69F00",  # orange
    "mediation": "#CC79A7",  # reddish purple
    "trade_energy": "#56B4E9",  # sky blue
    "other": "#000000",  # black: support, criticism, partnership, aid (TIES.md "other")
    "co_mention": "#B0B0B0",  # grey
    "co_member": "#606060",  # dark grey
}
#: Legend wording per tie relation.
RELATION_LABELS = {
    "normalisation": "normalisation",
    "treaty": "treaty, agreement",
    "conflict": "conflict",
    "meeting": "meeting, talks",
    "mediation": "mediation",
    "trade_energy": "trade, energy",
    "other": "other (support, criticism, aid)",
    "co_mention": "named together (no cue)",
    "co_member": "listed together (co-members)",
}
NO_DATA = "#d9d9d9"
ZERO = "#ffffff"
OCEAN = "#eef3f7"
BORDER = "#ffffff"
TEXT = "#222222"
MUTED = "#777777"
FONT_SIZES = {"label": 7.0, "legend": 7.5, "legend_title": 8.0, "credit": 6.0}


def categorical_colors(n: int) -> list[str]:
    """Return *n* colour-blind-safe categorical colours (Okabe–Ito, cycling past 8)."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def class_colors(n: int, cmap: str = SEQUENTIAL) -> list[str]:
    """Return *n* hex colours from a sequential colormap, light to dark, avoiding its palest end."""
    import matplotlib as mpl
    from matplotlib.colors import to_hex

    if cmap not in mpl.colormaps:
        raise ValueError(f"unknown colormap {cmap!r}; colour-blind-safe choices: {', '.join(SEQUENTIAL_OK)}")
    cm = mpl.colormaps[cmap]
    if n <= 0:
        return []
    if n == 1:
        return [to_hex(cm(0.65))]
    lo, hi = 0.22, 0.95
    return [to_hex(cm(lo + (hi - lo) * i / (n - 1))) for i in range(n)]


def halo(width: float = 2.5) -> list:
    """Return path effects drawing a white halo behind text, for labels on busy maps."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white", alpha=0.9)]


# --------------------------------------------------------------------------------------
# helpers shared by every chart and map (one place, so plot modules import no other plot module
# for them: no charts <-> _timeline circle)
# --------------------------------------------------------------------------------------

#: Default figure width in inches: a two-column page, the width of ``rk.plot.save(..., preset="paper-double")``.
PAGE_WIDTH = 7.2
#: Fill of countries in no highlighted group (charts).
OTHER = "#DDDDDD"
INK = TEXT


def font_scale(fig) -> float:
    """The font scale of the preset *fig* is being saved at (``rk.plot.save`` sets it), else 1."""
    return float(getattr(fig, "_regionkit_font_scale", 1.0))


def new_ax(ax, size, *, layout: str | None = "constrained"):
    """*ax*, or the Axes of a new figure of *size* inches."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout=layout)
    return ax


def check_groups(groups, *, countries: bool = False, to_iso=None) -> list[str]:
    """Validate group ids (one validator for every plot and map): return them as a list.

    ``None`` gives ``[]``; a string is one group. Unknown ids raise
    :class:`ValueError` listing the valid ones; with ``countries=True`` a country
    (ISO3 or name) is accepted too and returned as its ISO3 code, read by *to_iso*
    (default :func:`regionkit.normalize`; a map passes its own, which also knows the
    boundaries' codes).
    """
    from regionkit.groups import list_groups

    if groups is None:
        return []
    groups = [groups] if isinstance(groups, str) else list(groups)
    valid = sorted(list_groups()["group_id"].astype(str).unique())
    out = []
    for g in groups:
        if g in valid:
            out.append(g)
            continue
        iso = None
        if countries:
            from regionkit.normalize import normalize

            iso = (to_iso or normalize)(str(g))
        if iso is None:
            what = "not a group id or a country" if countries else "unknown group"
            raise ValueError(f"{what} {g!r}; valid groups: {', '.join(valid)}")
        out.append(iso)
    return out


def clean_group_name(name: str) -> str:
    """Drop a trailing note with numbers: "Council of Europe (46 members since 2022-03-16)" -> "Council of Europe"."""
    import re

    return re.sub(r"\s*\([^()]*\d[^()]*\)$", "", name).strip() or name


def group_names(groups) -> dict[str, str]:
    """Group id -> display name, for the legend."""
    from regionkit.groups import list_groups

    table = list_groups()
    names = dict(zip(table["group_id"].astype(str), table["group_name"].astype(str)))
    return {g: names.get(g, g).split(" (")[0] for g in groups}  # "Abraham Accords (parties)" -> "Abraham Accords"


def membership(groups, as_of=None) -> dict[str, list[str]]:
    """iso3 -> the given groups it belongs to (as of a date), in ``groups`` order."""
    from regionkit.groups import group_members

    out: dict[str, list[str]] = {}
    for g in groups:
        for iso in group_members(g, as_of=as_of):
            out.setdefault(str(iso), []).append(g)
    return out


def country_label(iso3: str) -> str:
    """Short display name of an ISO3 code ("ARE" -> "United Arab Emirates"); the code when unknown."""
    from regionkit.normalize import country_name

    try:
        name = country_name(iso3)
    except Exception:  # noqa: BLE001 - a display name is a nicety; the code is always right
        name = None
    return name or iso3


def place_legend(ax, handles, labels=None, *, where: str = "right", **kw):
    """Draw the one regionkit legend of *ax* at a standard place and mark it for ``rk.plot.save``.

    ``where``: ``"right"`` (beside a regional map), ``"inside"`` (lower left, framed: world maps),
    ``"below"`` (under a chart, centred). Sizes come from :data:`FONT_SIZES` unless given.
    """
    loc = {
        "right": {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "frameon": False},
        "inside": {"loc": "lower left", "bbox_to_anchor": (0.005, 0.02), "frameon": True, "framealpha": 0.92},
        "below": {"loc": "upper center", "bbox_to_anchor": (0.5, -0.02), "frameon": False},
    }[where]
    opts = {"fontsize": FONT_SIZES["legend"], "title_fontsize": FONT_SIZES["legend_title"], "edgecolor": "none",
            "alignment": "left", "handlelength": 1.6, **loc, **kw}
    leg = ax.legend(handles, labels, **opts) if labels is not None else ax.legend(handles=handles, **opts)
    leg.set_gid("regionkit-legend")
    return leg


def figure_of(artist: Any) -> Figure:
    """The root figure an axes or artist is drawn on (an error when it is on none)."""
    fig = artist.get_figure(root=True)
    if fig is None:
        raise ValueError(f"{type(artist).__name__} is not on a figure")
    return fig


def record(ax: Any) -> dict[str, Any]:
    """What regionkit drew on *ax* (``ax._regionkit``), created empty on first use."""
    meta = getattr(ax, "_regionkit", None)
    if meta is None:
        meta = ax._regionkit = {}
    return meta


def renderer(fig):
    """A renderer for measuring text on *fig*, also after pyplot closed it (its canvas is then a bare base)."""
    fig = fig.get_figure(root=True)
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()

"""Maps: choropleths of per-country values, group membership, and ties between countries.

Every function draws on a regional projection chosen by ``frame=`` (see
:data:`FRAMES`), returns the matplotlib ``Axes``, accepts ``ax=`` and never
calls ``plt.show()``. Export with :func:`regionkit.plot.save`, which adds the
credit line ("Boundaries: Natural Earth" plus the values' source).

What was drawn is recorded on ``ax._regionkit`` (a dict: ``frame``,
``colors`` iso3 -> hex face colour, ``classes``, ``credits`` ...), so tests and
notebooks can check a map without reading pixels.

The machinery lives in two private modules: :mod:`regionkit.plot._mapbase`
(frames, projection, paths, labels, dots, insets) and
:mod:`regionkit.plot._classify` (accepted inputs and classes).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from regionkit.plot import _style as st
from regionkit.plot._classify import _fisher_jenks  # noqa: F401  (re-exported: tests compare it with mapclassify)
from regionkit.plot._classify import _VALUE_TITLES, _classify, _fmt, _is_int, _normalize_keys, _values
from regionkit.plot._mapbase import (  # FRAMES, INSETS, Frame, FOCUS_STATES are public here
    FOCUS_STATES,
    FRAMES,
    INSETS,
    Frame,
    _Projected,
    _setup,
    Line2D_dot,
    _dots,
    _draw_countries,
    _frame,
    _inset,
    _labels,
    _new_axes,
    _outline,
    _outline_each,
    _paths,
    _place_labels,
    _projected,
    _rect,
    _short_name,
    _small,
    _visible,
    anchors_names,
)
from regionkit.plot._style import renderer as _renderer
from regionkit._gazetteer_arg import takes_gazetteer

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["FRAMES", "INSETS", "Frame", "FOCUS_STATES", "choropleth", "groups_map", "tie_map"]

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


_HL_COLORS = ("#1a1a1a", "#D55E00", "#CC79A7", "#0072B2", "#E69F00")
_HL_STYLES = ("-", (0, (3, 1.5)), (0, (1, 1)), "-.", "-")
_HL_FIXED = {"south_caucasus": 0, "central_asia": 1, "abraham_accords": 2}
_HL_KEYS: dict[str, str] = {}  # legend label -> group id, filled by _resolve_highlight


def _highlight_style(label: str, used: set[int]) -> tuple[str, object]:
    """Outline colour and dash of one highlighted group: fixed per group id, whatever the order passed."""
    gid = _HL_KEYS.get(label)
    if gid in _HL_FIXED:
        j = _HL_FIXED[gid]
    else:  # other groups and single countries: the first style not taken, in a stable order
        j = next((k for k in (3, 4, 0, 1, 2) if k not in used), 3)
    used.add(j)
    return _HL_COLORS[j], _HL_STYLES[j]


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
            _HL_KEYS[out[-1][0]] = h
            continue
        iso = _normalize_keys([h]).iloc[0]
        if iso is None:
            raise ValueError(f"cannot highlight {h!r}: not a group id or a country; valid groups: {', '.join(groups)}")
        singles.append(iso)
    if singles:
        out.append(("Highlighted", singles))
    return out


# --------------------------------------------------------------------------- public maps


@takes_gazetteer
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
    edge: dict[str, str] = {}
    taken = {_HL_FIXED[_HL_KEYS[lab]] for lab, _ in hl if _HL_KEYS.get(lab) in _HL_FIXED}
    hl_entries = []
    for j, (label, members) in enumerate(hl):
        col, ls = _highlight_style(label, taken)
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
        if fr.name == "bbox" and not fr.is_world:  # your own bounding box: name the countries with a value
            labels += [i for i in s.index if s[i] > 0]
        if not fr.is_world:  # a dot alone does not say which country it is: name the ones with a value
            labels += [i for i in small if i in s.index and s[i] > 0]
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
            for label, col, _ in hl_entries:  # the ring of a dot is its group's outline colour
                if any(edge.get(i) == col for i in small):
                    extra.append((f"dot ring: {label}", ("ring", col)))
        if missing:
            more = f" +{len(missing) - 6}" if len(missing) > 6 else ""
            extra.append((f"outside the map: {', '.join(missing[:6])}{more}", "none"))
        _legend(ax, fr, title, entries, hl_entries, extra)
    del coll
    return ax


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
        if isinstance(kind, tuple):
            handles.append(Line2D([], [], marker="o", ls="none", markersize=5, markerfacecolor="white",
                                  markeredgecolor=kind[1], markeredgewidth=1.4))
        elif kind == "dot":
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
    r = _renderer(fig)
    if ax.get_legend().get_window_extent(r).width > 0.22 * ax.get_window_extent(r).width:
        _legend_below(ax, fig.get_size_inches()[0])


@takes_gazetteer
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
    default = st.group_colors(groups)  # same colour per group as the charts
    cols = list(colors) if colors is not None else [default[g] for g in groups]
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


@takes_gazetteer
def tie_map(
    ties: pd.DataFrame,
    *,
    weight: str | None = None,
    relation: str | bool | None = None,
    relations=None,
    statuses=None,
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
    relations, statuses
        Which ties to draw (as in :func:`regionkit.plot.tie_network`): by default
        the ties the text states — ``co_mention`` / ``co_member`` rows only when
        ``relations`` lists them, negated or denied pairs only when ``statuses``
        does. The legend lists only what is drawn.
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
    from regionkit.plot._tiesel import drawn_ties

    fr = _frame(frame)
    t = drawn_ties(ties, relation, relations, statuses).copy()
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
    if not fr.is_world and len(t):  # a tie with both ends beyond the frame is not drawn (nor in the legend)
        import pyproj

        tr0 = pyproj.Transformer.from_crs("EPSG:4326", proj.frame.crs, always_xy=True)
        ex0, ey0, ex1, ey1 = proj.extent
        xs0, ys0 = tr0.transform(a.loc[sorted(ends), "lon"].to_numpy(), a.loc[sorted(ends), "lat"].to_numpy())
        seen = {i for i, x_, y_ in zip(sorted(ends), xs0, ys0) if ex0 < x_ < ex1 and ey0 < y_ < ey1}
        keep_rows = (t["a"].isin(seen) | t["b"].isin(seen)).to_numpy()
        if not keep_rows.all():
            t, w, rel = t[keep_rows], w[keep_rows], rel[keep_rows]
            order = np.argsort(w, kind="stable")
            ends = set(t["a"]) | set(t["b"])

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
        edge: list = []
        if scale == 1.0:  # the main map: name the partners whose arcs leave the frame, at the frame's edge
            target._regionkit["off_frame"] = _mark_off_frame(target, t, pos, pj.extent, a, edge)
        target._regionkit["labels"] = texts

        def relayout() -> None:
            _place_labels(target, texts)
            _place_edge_labels(target, edge)

        target._regionkit["relayout"] = relayout
        relayout()
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
    if ax._regionkit.get("off_frame"):
        handles.append(Line2D([], [], ls="", marker=r"$\rightarrow$", color=st.TEXT, markersize=9))
        texts.append("name at the edge: partner beyond the frame")
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


def _mark_off_frame(target, t: pd.DataFrame, pos: dict, extent, anchors_table, edge: list) -> list[str]:
    """Write the name of each partner outside the frame where its tie leaves the frame.

    The exit point is where the straight line from the end inside the frame to
    the partner crosses the frame (the arc bends a little, the label stays on the
    edge). Returns the ISO3 codes marked.
    """
    x0, y0, x1, y1 = extent
    inside = {i: (x0 < p[0] < x1 and y0 < p[1] < y1) for i, p in pos.items()}
    marked: dict[str, tuple[float, float]] = {}
    for a_, b_ in zip(t["a"], t["b"]):
        if inside.get(a_) == inside.get(b_):
            continue
        near, far = (a_, b_) if inside.get(a_) else (b_, a_)
        (px, py), (qx, qy) = pos[near], pos[far]
        ts = [(bound - px) / (qx - px) for bound in (x0, x1) if qx != px] + \
             [(bound - py) / (qy - py) for bound in (y0, y1) if qy != py]
        u = min(v for v in ts if v > 0) if any(v > 0 for v in ts) else 1.0
        ex, ey = px + u * (qx - px), py + u * (qy - py)
        mx, my = (x1 - x0) * 0.01, (y1 - y0) * 0.01
        marked.setdefault(far, (min(max(ex, x0 + mx), x1 - mx), min(max(ey, y0 + my), y1 - my)))
    for iso, (ex, ey) in sorted(marked.items()):
        ha = "right" if ex > (x0 + x1) / 2 else "left"
        arrow = "\u2192" if ha == "right" else "\u2190"
        name = _short_name(str(anchors_table.loc[iso, "name"]))
        label = f"{name} {arrow}" if ha == "right" else f"{arrow} {name}"
        txt = target.text(ex, ey, label, fontsize=st.FONT_SIZES["label"] - 1, color=st.TEXT, ha=ha, va="center",
                          zorder=6, style="italic", path_effects=st.halo(), gid=f"regionkit-offframe-{iso}")
        txt._regionkit_edge = (ex, ey)
        edge.append(txt)
    return sorted(marked)


def _place_edge_labels(ax, labels: list) -> None:
    """Keep the partner names at the frame's edge inside the frame and apart from each other.

    Each label starts where its tie leaves the frame; a label that sticks out is
    pushed back inside, and one that touches a label already placed moves below it
    (names of partners leaving at nearly the same point stack along the edge).
    Run again after every resize (``rk.plot.save`` presets).
    """
    if not labels:
        return
    renderer = _renderer(ax.get_figure(root=True))
    box = ax.get_window_extent(renderer)
    to_data = ax.transData.inverted()
    placed: list = []
    for txt in sorted(labels, key=lambda x: -x._regionkit_edge[1]):
        txt.set_position(txt._regionkit_edge)
        for _ in range(40):
            bb = txt.get_window_extent(renderer)
            dx = max(0.0, box.x0 + 2 - bb.x0) - max(0.0, bb.x1 - (box.x1 - 2))
            dy = max(0.0, box.y0 + 2 - bb.y0) - max(0.0, bb.y1 - (box.y1 - 2))
            clash = next((o for o in placed if bb.x0 < o.x1 and bb.x1 > o.x0 and bb.y0 < o.y1 and bb.y1 > o.y0), None)
            if clash is not None and dy <= 0:
                dy = -(bb.y1 - clash.y0 + 1)
            if dx == 0 and dy == 0:
                break
            x, y = ax.transData.transform(txt.get_position())
            txt.set_position(tuple(to_data.transform((x + dx, y + dy))))
        placed.append(txt.get_window_extent(renderer))

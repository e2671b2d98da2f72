"""The choropleth: a per-country value on a map, classed, with highlighted groups outlined.

Private module; :func:`choropleth` is public as ``rk.plot.choropleth`` (and in
:mod:`regionkit.plot.maps`). The steps: class the values into fill colours
(:func:`_fills`), outline the highlighted groups (:func:`_draw_highlights`), the
inset, dots for small countries, labels (:func:`_default_labels`), the legend
(:func:`_choropleth_legend`).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import pandas as pd

from regionkit._gazetteer_arg import takes_gazetteer
from regionkit.plot import _style as st
from regionkit.plot._classify import _VALUE_TITLES, _classify, _normalize_keys, _values
from regionkit.plot._insets import _inset, auto_labelled
from regionkit.plot._mapbase import Frame, _dots, _draw_countries, _frame, _new_axes, _outline, _outline_each, _projected
from regionkit.plot._mapbase import _setup, _small, _visible
from regionkit.plot._maplabels import _labels
from regionkit.plot._maplegend import dot_handle, map_legend, ring_handle

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["choropleth"]

_HL_COLORS = ("#1a1a1a", "#D55E00", "#CC79A7", "#0072B2", "#E69F00")
_HL_STYLES = ("-", (0, (3, 1.5)), (0, (1, 1)), "-.", "-")
#: Outline style per home group, whatever the order they are passed in.
_HL_FIXED = {"south_caucasus": 0, "central_asia": 1, "abraham_accords": 2}


def _highlight_style(gid: str | None, used: set[int]) -> tuple[str, object]:
    """Outline colour and dash of one highlighted group: fixed per group id, whatever the order passed."""
    if gid in _HL_FIXED:
        j = _HL_FIXED[gid]
    else:  # other groups and single countries: the first style not taken, in a stable order
        j = next((k for k in (3, 4, 0, 1, 2) if k not in used), 3)
    used.add(j)
    return _HL_COLORS[j], _HL_STYLES[j]


def _resolve_highlight(highlight, as_of) -> list[tuple[str, list[str], str | None]]:
    """[(legend label, iso3 list, group id)] per group; plain countries are collected into one entry (no id)."""
    from regionkit.groups import group_members, list_groups

    if highlight is None:
        return []
    items = [highlight] if isinstance(highlight, str) else list(highlight)
    asked = st.check_groups(items, countries=True, to_iso=lambda h: _normalize_keys([h]).iloc[0])
    table = list_groups()
    names = dict(zip(table["group_id"], table["group_name"], strict=True))
    day = pd.Timestamp(as_of or _dt.date.today())
    out: list[tuple[str, list[str], str | None]] = []
    singles: list[str] = []
    for h, iso in zip(items, asked, strict=True):
        if iso == h and h in names:
            out.append((st.clean_group_name(str(names[h])), list(group_members(h, day)), h))
        else:
            singles.append(iso)
    if singles:
        out.append(("Highlighted", singles, None))
    return out


def _fills(s: pd.Series, scheme, k: int, bins, cmap: str, percent: bool):
    """Fill colour per country, legend entries and class labels: zero in white, the rest classed."""
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
    return colors, entries, classes, list(zero.index)


def _fill_countries(ax, proj, s: pd.Series, name: str, **classing):
    """Fill every country in its class colour (zero white, outlined); return colours, legend entries, zeros."""
    percent = name == "share" and (s.empty or s.max() <= 1.0)
    colors, entries, classes, zero = _fills(s, classing["scheme"], classing["k"], classing["bins"], classing["cmap"], percent)
    _draw_countries(ax, proj, colors)
    if len(zero):
        _outline_each(ax, proj, zero)
    ax._regionkit.update({"value": name, "classes": classes, "values": s})
    return colors, entries, zero


def _draw_highlights(ax, proj, hl) -> tuple[dict[str, str], list[tuple[str, str, object]]]:
    """Outline each highlighted group; return the outline colour per member and the legend entries."""
    edge: dict[str, str] = {}
    taken = {_HL_FIXED[gid] for _, _, gid in hl if gid in _HL_FIXED}
    hl_entries = []
    for j, (label, members, gid) in enumerate(hl):
        col, ls = _highlight_style(gid, taken)
        _outline(ax, proj, members, color=col, ls=ls, lw=1.2, gid=f"regionkit-highlight-{j}")
        for m in members:
            edge.setdefault(m, col)
        hl_entries.append((label, col, ls))
    ax._regionkit["highlight"] = {label: list(m) for label, m, _ in hl}
    return edge, hl_entries


def _default_labels(fr: Frame, s: pd.Series, hl, small: list[str], inset_labelled: set[str]) -> list[str]:
    """Who is named when ``labels=None``: the frame's countries, highlighted ones, dots and boxes with a value."""
    labels = [] if fr.is_world else list(fr.labels) + [m for _, ms, _ in hl for m in ms]
    if fr.name == "bbox" and not fr.is_world:  # your own bounding box: name the countries with a value
        labels += [i for i in s.index if s[i] > 0]
    if not fr.is_world:  # a dot alone does not say which country it is: name the ones with a value
        labels += [i for i in small if i in s.index and s[i] > 0]
    return [i for i in labels if i not in inset_labelled]  # named in the inset instead


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
    proj = _projected(fr, world)
    ax = _new_axes(ax, proj, figsize)
    _setup(ax, proj)
    drawn = set(proj.world["iso3"].dropna())
    colors, entries, zero = _fill_countries(ax, proj, s, name, scheme=scheme, k=k, bins=bins, cmap=cmap)
    hl = _resolve_highlight(highlight, as_of)
    edge, hl_entries = _draw_highlights(ax, proj, hl)
    iax = _inset(ax, proj, inset, world, colors, zero=zero, label=labels is not False,
                 outlines=[(m, c, ls) for (_, m, _), (_, c, ls) in zip(hl, hl_entries, strict=True)])  # fmt: skip

    small = _small(proj, [i for i in s.index if i in drawn] + list(edge))
    _dots(ax, proj, small, {i: colors.get(i, st.NO_DATA) for i in small}, edge=edge)
    if labels is None:
        labels = _default_labels(fr, s, hl, small, auto_labelled(proj, inset, iax))
    if labels is not False:
        _labels(ax, proj, labels)

    missing = _not_drawn(ax, proj, s)
    if legend:
        title = legend_title or _VALUE_TITLES.get(name, name.replace("_", " ").capitalize())
        entries.append((_missing_label(name) if missing_label is None else missing_label, {"facecolor": st.NO_DATA, "edgecolor": "none"}))
        _choropleth_legend(ax, fr, title, entries, hl_entries, _extra_entries(small, edge, hl_entries, missing))
    return ax


def _not_drawn(ax, proj, s: pd.Series) -> list[str]:
    """The countries with a value that do not show in the frame (recorded on the axes, listed in the legend)."""
    visible = _visible(proj)
    missing = [i for i in s.index if i not in visible]
    ax._regionkit["not_drawn"] = missing
    return missing


def _missing_label(value_name: str) -> str:
    """Legend label of countries without a value: "not mentioned" for counts, else "no data"."""
    return "not mentioned" if value_name in ("articles", "mentions", "share") else "no data"


def _extra_entries(small, edge: dict[str, str], hl_entries, missing) -> list[tuple[str, object]]:
    """Legend lines after the classes: the dot, the rings of dots in a group, countries outside the map."""
    extra: list[tuple[str, object]] = []
    if small:
        extra.append(("small country (dot)", "dot"))
        for label, col, _ in hl_entries:  # the ring of a dot is its group's outline colour
            if any(edge.get(i) == col for i in small):
                extra.append((f"dot ring: {label}", ("ring", col)))
    if missing:
        more = f" +{len(missing) - 6}" if len(missing) > 6 else ""
        extra.append((f"outside the map: {', '.join(missing[:6])}{more}", "none"))
    return extra


def _choropleth_legend(ax, fr: Frame, title: str, entries, hl_entries=(), extra=()):
    """Classes as patches, highlighted groups as outline lines, then the extra entries."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list = []
    texts: list[str] = []
    for label, kw in entries:
        handles.append(Patch(linewidth=0.6, **kw))
        texts.append(label)
    for label, col, ls in hl_entries:
        handles.append(Line2D([], [], color=col, ls=ls, lw=1.5))
        texts.append(f"{label} (outline)")
    for label, kind in extra:
        if isinstance(kind, tuple):
            handles.append(ring_handle(kind[1]))
        elif kind == "dot":
            handles.append(dot_handle())
        else:
            handles.append(Patch(facecolor="none", edgecolor="none"))
        texts.append(label)
    return map_legend(ax, fr, handles, texts, title, framealpha=0.92, borderaxespad=0.3, handlelength=1.6,
                      handleheight=1.0)  # fmt: skip

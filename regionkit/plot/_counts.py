"""Charts of counts: a co-mention heatmap and a bar chart of the most-mentioned countries.

Re-exported by :mod:`regionkit.plot.charts`; see there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from regionkit.plot._style import OTHER as _OTHER
from regionkit.plot._style import PAGE_WIDTH as _PAGE_WIDTH
from regionkit.plot._style import check_groups as _groups
from regionkit.plot._style import country_label as _name
from regionkit.plot._style import font_scale as _font_scale
from regionkit.plot._style import group_colors
from regionkit.plot._style import membership as _membership
from regionkit.plot._style import group_names as _group_names
from regionkit.plot._style import new_ax as _new_ax
from regionkit.plot._style import record
from regionkit.plot._weights import as_weights as _as_weights
from regionkit._gazetteer_arg import takes_gazetteer

__all__ = ["comention_heatmap", "top_countries"]

DEFAULT_GROUPS = ("south_caucasus", "central_asia", "abraham_accords")


# --------------------------------------------------------------------------------------
# co-mention heatmap
# --------------------------------------------------------------------------------------


@takes_gazetteer
def comention_heatmap(
    weights: pd.DataFrame,
    *,
    ax: Axes | None = None,
    groups: Iterable[str] | str | None = DEFAULT_GROUPS,
    value: str = "weight",
    top: int | None = 30,
    annotate: bool | None = None,
    labels: str = "name",
    as_of: Any = None,
    cmap: str = "YlGnBu",
) -> Axes:
    """Draw a country-by-country matrix of how often pairs are named together, ordered by group.

    Parameters
    ----------
    weights : DataFrame
        Output of :func:`regionkit.tie_table` (or :func:`regionkit.extract_ties`).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    groups : group id or list of group ids
        Rows and columns are ordered by the first of these groups each country
        belongs to (then the rest); coloured strips on the axes mark the groups.
    value : str
        Column to show: ``weight`` (default), ``sentences``, ``articles`` or a
        relation count such as ``conflict``.
    top : int or None
        Keep the ``top`` countries with the largest total (default 30).
    annotate : bool, optional
        Write the value in each cell (default: when 20 countries or fewer).
    labels : {"name", "iso3"}
        Axis labels.
    as_of : date-like, optional
        Date for group membership.
    cmap : str
        Matplotlib colormap (default ``YlGnBu``: sequential, colour-blind safe,
        light for rare pairs). Zero cells are left white.

    Returns
    -------
    matplotlib.axes.Axes
    """
    w = _as_weights(weights)
    if value not in w.columns:
        raise ValueError(f"no column {value!r} in weights; columns: {', '.join(map(str, w.columns))}")
    if labels not in ("name", "iso3"):
        raise ValueError(f"unknown labels {labels!r}; valid: name, iso3")
    group_ids = _groups(groups)
    member = _membership(group_ids, as_of)
    order, mat = _pair_matrix(w, value, top, group_ids, member, labels)
    n = len(order)
    # a square matrix that fits a 7.2 in page: cells up to 0.3 in, fonts scaled to the cells
    cell = min(0.3, (_PAGE_WIDTH - 3.0) / max(n, 1))
    font = max(5.5, min(9.0, cell * 72 * 0.8))
    own = ax is None
    ax = _new_ax(ax, (_PAGE_WIDTH, cell * n + 3.2))
    if n == 0:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no pairs to draw", ha="center", va="center", transform=ax.transAxes)
        return ax
    im = _draw_matrix(ax, mat, cmap)
    names = [_name(c) if labels == "name" else c for c in order]
    codes = list(order)
    colors = group_colors(group_ids)
    firsts = [member.get(c, [None])[0] for c in order]
    _group_ticks(ax, names, firsts, colors, font)
    cells = _annotate(ax, mat, font) if (n <= 20 if annotate is None else annotate) else []
    cbar, leg = _heatmap_legends(ax, im, value, group_ids, firsts, colors)
    if own:
        def relayout() -> None:
            _fit_heatmap(ax, names, codes, cells, cbar, leg)

        record(ax)["relayout"] = relayout
    return ax


def _pair_matrix(w: pd.DataFrame, value: str, top: int | None, group_ids, member, labels: str):
    """The countries shown (the *top* by total, ordered by group, then name) and the symmetric matrix of *value*."""
    w = w.assign(a=w["a"].astype(str), b=w["b"].astype(str), v=w[value].astype(float))
    w = w[w["v"] > 0]
    totals = pd.concat([w.groupby("a")["v"].sum(), w.groupby("b")["v"].sum()]).groupby(level=0).sum()
    totals = totals.sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top] if top else totals.index)
    rank = {g: i for i, g in enumerate(group_ids)}

    def key(c: str):
        gs = member.get(c, [])
        return (rank[gs[0]] if gs else len(group_ids), _name(c) if labels == "name" else c)

    order = sorted(keep, key=key)
    idx = {c: i for i, c in enumerate(order)}
    n = len(order)
    mat = np.zeros((n, n))
    for a, b, v in zip(w["a"], w["b"], w["v"]):
        if a in idx and b in idx:
            mat[idx[a], idx[b]] += v
            mat[idx[b], idx[a]] += v
    return order, mat


def _draw_matrix(ax: Axes, mat: np.ndarray, cmap: str):
    """The cells (zero left white), a light grid and the grey diagonal; return the image."""
    from matplotlib.colors import ListedColormap

    masked = np.ma.masked_less_equal(mat, 0)
    base = plt.get_cmap(cmap)
    # skip the palest 20% so that a single co-mention is still visible against the white background
    cm = ListedColormap(base(np.linspace(0.2, 1.0, 256)), name=f"{base.name}_from20").with_extremes(bad="white")
    im = ax.imshow(masked, cmap=cm, vmin=0, vmax=max(mat.max(), 1), interpolation="nearest")
    return im


def _group_ticks(ax: Axes, names: list[str], firsts: list, colors: dict[str, str], font: float) -> None:
    """Country names on both axes on their group's colour, and lines between the group blocks."""
    n = len(names)
    ax.set_xticks(range(n), names, rotation=60, ha="right", rotation_mode="anchor", fontsize=font)
    ax.set_yticks(range(n), names, fontsize=font)
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
    ax.grid(which="minor", color="#F2F2F2", lw=0.5)
    ax.tick_params(which="minor", length=0)
    for i in range(n):
        ax.add_patch(plt.Rectangle((i - 0.5, i - 0.5), 1, 1, color="#E0E0E0", zorder=2))
    # group colour behind each tick label, and lines between the group blocks
    for labels_ in (ax.get_xticklabels(), ax.get_yticklabels()):
        for text, g in zip(labels_, firsts):
            text.set_bbox(dict(facecolor=colors.get(g, _OTHER), edgecolor="none", pad=1.5))
    for i in range(1, n):
        if firsts[i] != firsts[i - 1]:
            ax.axhline(i - 0.5, color="#333333", lw=1.0, zorder=4)
            ax.axvline(i - 0.5, color="#333333", lw=1.0, zorder=4)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="both", pad=4)


def _annotate(ax: Axes, mat: np.ndarray, font: float) -> list:
    """The value written in each non-empty cell off the diagonal (white on dark cells)."""
    cells = []
    vmax = mat.max()
    n = len(mat)
    for i in range(n):
        for j in range(n):
            if i != j and mat[i, j] > 0:
                cells.append(ax.text(j, i, f"{mat[i, j]:g}", ha="center", va="center", fontsize=min(7.5, font - 1),
                                     color="white" if mat[i, j] > 0.55 * vmax else "black", zorder=3))
    return cells


def _heatmap_legends(ax: Axes, im, value: str, group_ids, firsts: list, colors: dict[str, str]):
    """The colour bar (what a cell counts) and the legend of the name backgrounds (groups)."""
    for side in ax.spines.values():
        side.set_visible(False)
    cbar = ax.figure.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
    what = {"weight": "sentences naming both countries", "sentences": "sentences naming both countries",
            "articles": "articles naming both countries"}.get(value, f"sentences with relation '{value}'")
    cbar.set_label(what, fontsize=9)
    gnames = _group_names(group_ids)
    handles = [Patch(facecolor=colors[g], label=gnames[g]) for g in group_ids if g in firsts]
    if None in firsts:
        handles.append(Patch(facecolor=_OTHER, label="other countries"))
    leg = ax.legend(handles=handles, title="Name background: group", loc="lower left", bbox_to_anchor=(0.0, 1.01),
                    frameon=False, fontsize=8.5, title_fontsize=9.5, ncols=min(len(handles), 2), alignment="left")
    return cbar, leg


def _fit_heatmap(ax, names, codes, cells, cbar, leg) -> None:
    """Size fonts and the figure's height to its width: cells big enough to read, names or ISO3 codes.

    At a narrow width (one journal column) with many countries, full names would leave no room for
    the matrix: the axis labels switch to ISO3 codes then.
    """
    fig = ax.get_figure(root=True)
    width = fig.get_size_inches()[0]
    scale = _font_scale(fig)
    n = len(names)
    for labels in (names, codes):
        longest = max(len(x) for x in labels)
        for font in np.arange(9.0 * scale, 4.9, -0.25):
            label_in = longest * 0.6 * font / 72 + 0.15
            side = width - label_in - 0.9 * scale  # the colour bar and its label take the rest
            if side > 0 and side / n * 72 >= font * 1.25:
                break
        else:
            continue
        break
    ax.set_xticks(range(n), labels, rotation=60, ha="right", rotation_mode="anchor", fontsize=font)
    ax.set_yticks(range(n), labels, fontsize=font)
    for t in cells:
        t.set_fontsize(min(7.5 * scale, font - 1))
    cbar.ax.tick_params(labelsize=7.5 * scale)
    cbar.set_label(cbar.ax.get_ylabel(), fontsize=8 * scale)
    for t in leg.get_texts():
        t.set_fontsize(7.5 * scale)
    leg.get_title().set_fontsize(8 * scale)
    fig.set_size_inches(width, max(side, 1.0) + label_in * 0.87 + 0.9 * scale)


# --------------------------------------------------------------------------------------
# top countries
# --------------------------------------------------------------------------------------


@takes_gazetteer
def top_countries(
    counts: pd.DataFrame | pd.Series,
    n: int = 15,
    *,
    ax: Axes | None = None,
    value: str | None = None,
    groups: Iterable[str] | str | None = DEFAULT_GROUPS,
    as_of: Any = None,
    labels: str = "name",
) -> Axes:
    """Draw a horizontal bar chart of the most-mentioned countries, coloured by group.

    Parameters
    ----------
    counts : DataFrame or Series
        ``rk.country_counts(..., by="country")`` (columns ``iso3``, ``articles``,
        ``mentions``), the per-article ``rk.country_counts(...)`` table (summed
        per country), or a Series of values indexed by ISO3.
    n : int
        How many countries (default 15).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    value : str, optional
        Column to rank by: ``articles`` (default when present) or ``mentions``.
    groups : group id or list of group ids
        Bar colour = the first of these groups the country belongs to.
    as_of : date-like, optional
        Date for group membership.
    labels : {"name", "iso3"}
        Bar labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if labels not in ("name", "iso3"):
        raise ValueError(f"unknown labels {labels!r}; valid: name, iso3")
    if isinstance(counts, pd.Series):
        series = counts.astype(float)
        series.index = series.index.astype(str)
        value = value or (counts.name if isinstance(counts.name, str) else "count")
    else:
        if "iso3" not in counts.columns:
            raise ValueError("counts needs an iso3 column (rk.country_counts output) or an ISO3-indexed Series")
        if value is None:
            value = next((c for c in ("articles", "mentions") if c in counts.columns), None)
        if value is None or value not in counts.columns:
            raise ValueError(f"no column {value!r} in counts; columns: {', '.join(map(str, counts.columns))}")
        c = counts[counts["iso3"].notna()]
        series = c.groupby(c["iso3"].astype(str))[value].sum().astype(float)
    group_ids = _groups(groups)
    series = series[series > 0]
    top = series.sort_values(ascending=False, kind="stable")
    top = top.iloc[: n].iloc[::-1]  # largest at the top
    member = _membership(group_ids, as_of)
    colors = group_colors(group_ids)
    fills = [colors[member[c][0]] if member.get(c) else _OTHER for c in top.index]
    ax = _new_ax(ax, (_PAGE_WIDTH / 2, 1.7 + 0.2 * max(len(top), 3)))  # one column of a page
    names = [_name(c) if labels == "name" else c for c in top.index]
    bars = ax.barh(range(len(top)), top.to_numpy(), color=fills, edgecolor="#555555", linewidth=0.6)
    ax.set_yticks(range(len(top)), names, fontsize=8)
    ax.bar_label(bars, labels=[f"{v:g}" for v in top.to_numpy()], padding=2, fontsize=7.5)
    ax.set_xlabel({"articles": "articles mentioning the country",
                   "mentions": "mentions"}.get(value, str(value)), fontsize=8.5)
    ax.set_xlim(0, top.max() * 1.12 if len(top) else 1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    gnames = _group_names(group_ids)
    used = [g for g in group_ids if any(member.get(c, [None])[0] == g for c in top.index)]
    handles = [Patch(facecolor=colors[g], edgecolor="#555555", label=gnames[g]) for g in used]
    if any(not member.get(c) for c in top.index):
        handles.append(Patch(facecolor=_OTHER, edgecolor="#555555", label="other countries"))
    if handles:
        ax.legend(handles=handles, title="Bar colour: group", loc="upper center", bbox_to_anchor=(0.35, -0.16),
                  frameon=False, fontsize=7.5, title_fontsize=8, ncols=2, handlelength=1.4, columnspacing=1.0)
    ax.tick_params(axis="x", labelsize=8)
    return ax

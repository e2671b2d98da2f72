"""Charts of ties and counts: a tie network, a timeline of the record, a co-mention heatmap
and a bar chart of the most-mentioned countries.

Every function draws on ``ax=`` (or a new figure), returns the ``Axes`` and never
calls ``plt.show()``; export with :func:`regionkit.plot.save`. Colours are
colour-blind safe: relations (edges, markers) use the Okabe-Ito palette, groups
(node and bar fills) Paul Tol's "light" scheme, so the two never share a colour
meaning in one figure. The timeline is implemented in :mod:`regionkit.plot._timeline`
and re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from regionkit.plot._style import RELATION_COLORS, RELATION_LABELS  # shared with the tie maps

__all__ = [
    "RELATION_COLORS",
    "GROUP_COLORS",
    "DEFAULT_GROUPS",
    "tie_network",
    "timeline",
    "comention_heatmap",
    "top_countries",
]

from regionkit.plot._style import GROUP_COLORS, group_colors  # noqa: E402  (same group, same colour everywhere)
_OTHER = "#DDDDDD"
_INK = "#222222"
#: Default figure width in inches: a two-column page, the width of ``rk.plot.save(..., preset="paper-double")``.
#: Labels are placed for the figure's size when drawn; to export at another size, draw on an ``ax``
#: of that size rather than resizing afterwards.
_PAGE_WIDTH = 7.2
#: Groups highlighted when none are given.
DEFAULT_GROUPS = ("south_caucasus", "central_asia", "abraham_accords")


# --------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------


def _new_ax(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _groups(highlight: Iterable[str] | str | None) -> list[str]:
    import regionkit as rk

    if highlight is None:
        return []
    groups = [highlight] if isinstance(highlight, str) else list(highlight)
    valid = sorted(rk.list_groups()["group_id"].astype(str).unique())
    bad = [g for g in groups if g not in valid]
    if bad:
        raise ValueError(f"unknown group {', '.join(map(repr, bad))}; valid groups: {', '.join(valid)}")
    return groups


def _group_names(groups: list[str]) -> dict[str, str]:
    import regionkit as rk

    table = rk.list_groups()
    names = dict(zip(table["group_id"].astype(str), table["group_name"].astype(str)))
    out = {}
    for g in groups:
        name = names.get(g, g)
        out[g] = name.split(" (")[0]  # "Council of Europe (46 members since ...)" -> "Council of Europe"
    return out


def _membership(groups: list[str], as_of: Any) -> dict[str, list[str]]:
    """iso3 -> the highlighted groups it belongs to, in ``groups`` order."""
    import regionkit as rk

    out: dict[str, list[str]] = {}
    for g in groups:
        for iso in rk.group_members(g, as_of=as_of):
            out.setdefault(str(iso), []).append(g)
    return out


def _name(iso3: str) -> str:
    import regionkit as rk

    try:
        name = rk.country_name(iso3)
    except Exception:  # noqa: BLE001 - a display name is a nicety; the code is always right
        name = None
    return name or iso3


def _as_weights(weights: pd.DataFrame) -> pd.DataFrame:
    import regionkit as rk

    if "weight" not in weights.columns and "relation" in weights.columns:
        weights = rk.tie_table(weights)  # sentence-level ties given: aggregate them
    missing = [c for c in ("a", "b", "weight") if c not in weights.columns]
    if missing:
        raise ValueError(f"expected rk.tie_table output (columns a, b, weight, dominant); missing {missing}")
    return weights


# --------------------------------------------------------------------------------------
# tie network
# --------------------------------------------------------------------------------------


def _node_sizes(nodes: list[str], weights: pd.DataFrame, sizes: Any) -> tuple[dict[str, float], str]:
    if sizes is None:
        strength: dict[str, float] = {n: 0.0 for n in nodes}
        for a, b, w in zip(weights["a"], weights["b"], weights["weight"]):
            strength[a] += float(w)
            strength[b] += float(w)
        return strength, "total of its edge widths"
    if isinstance(sizes, pd.DataFrame):
        col = next((c for c in ("mentions", "articles") if c in sizes.columns), None)
        if col is None or "iso3" not in sizes.columns:
            raise ValueError("sizes= needs columns iso3 and mentions (rk.country_counts(..., by='country'))")
        series = sizes.groupby(sizes["iso3"].astype(str))[col].sum()
        label = col
    else:
        series = pd.Series(sizes)
        label = "mentions"
    return {n: float(series.get(n, 0.0)) for n in nodes}, label


def _area(value: float, vmax: float, lo: float = 60.0, hi: float = 1100.0) -> float:
    if vmax <= 0:
        return lo
    return lo + (hi - lo) * math.sqrt(max(value, 0.0) / vmax)


def _width(value: float, vmax: float, lo: float = 0.8, hi: float = 7.0) -> float:
    if vmax <= 0:
        return lo
    return lo + (hi - lo) * (max(value, 0.0) / vmax)


def _nice_steps(vmax: float) -> list[int]:
    """Sample values for a size/width legend: 1, a round middle value (1-2-5 series), the maximum."""
    top = max(int(round(vmax)), 1)
    half = top / 2
    if half < 1.5:
        mid = None
    else:
        mag = 10 ** int(math.floor(math.log10(half)))
        mid = max(m * mag for m in (1, 2, 5) if m * mag <= half)
    return sorted({1, top, *([mid] if mid and 1 < mid < top else [])})


def tie_network(
    weights: pd.DataFrame,
    highlight: Iterable[str] | str | None = DEFAULT_GROUPS,
    *,
    ax: Axes | None = None,
    seed: int = 7,
    sizes: Any = None,
    relation: str = "dominant",
    relations: Iterable[str] | None = None,
    min_weight: float = 1,
    top: int | None = 40,
    labels: str = "name",
    as_of: Any = None,
    legend: bool = True,
) -> Axes:
    """Draw country ties as a network: nodes coloured by group, edges by relation.

    Parameters
    ----------
    weights : DataFrame
        Output of :func:`regionkit.tie_table` (``a, b, weight, dominant``), or
        of :func:`regionkit.extract_ties` (aggregated first).
    highlight : group id or list of group ids
        Node fill colour = the first of these groups the country belongs to (as
        of ``as_of``); a coloured ring shows a second one. Others are grey.
        Unknown ids raise ``ValueError`` listing the valid ones.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    seed : int
        Seed of the layout (Kamada-Kawai from seeded random positions): the same data
        and seed give the same layout in every run; another seed gives another layout.
    sizes : DataFrame or Series, optional
        Node size: ``rk.country_counts(..., by="country")`` (uses ``mentions``)
        or a Series of values indexed by ISO3. Default: the node's total weight.
    relation : str
        Column of ``weights`` that colours the edges (default ``dominant``).
    relations : iterable of str, optional
        Draw only edges whose relation is in this list.
    min_weight : float
        Drop edges lighter than this.
    top : int or None
        Keep the ``top`` heaviest edges (default 40; None keeps all).
    labels : {"name", "iso3"}
        Node labels: short country names or ISO3 codes. Labels are moved apart
        with adjustText so they do not overlap.
    as_of : date-like, optional
        Date for group membership.
    legend : bool
        Draw the legends (groups, relations, edge widths, node sizes).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import networkx as nx

    from regionkit.ties import RELATIONS, _check_relations

    if labels not in ("name", "iso3"):
        raise ValueError(f"unknown labels {labels!r}; valid: name, iso3")
    w = _as_weights(weights)
    if relation not in w.columns:
        raise ValueError(f"no column {relation!r} in weights; columns: {', '.join(map(str, w.columns))}")
    groups = _groups(highlight)
    w = w[w["weight"] >= min_weight]
    if relations is not None:
        keep = _check_relations(relations)
        w = w[w[relation].isin(keep)]
    w = w.assign(a=w["a"].astype(str), b=w["b"].astype(str), weight=w["weight"].astype(float))
    w = w.sort_values(["weight", "a", "b"], ascending=[False, True, True], kind="stable")
    if top is not None:
        w = w.head(top)
    ax = _new_ax(ax, (_PAGE_WIDTH, 9.6))
    ax.set_axis_off()
    if w.empty:
        ax.text(0.5, 0.5, "no ties to draw", ha="center", va="center", transform=ax.transAxes)
        return ax

    nodes = sorted(set(w["a"]) | set(w["b"]))
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, b, wt in sorted(zip(w["a"], w["b"], w["weight"])):
        graph.add_edge(a, b, weight=1.0 + math.log(wt))
    pos = _layout(graph, seed)

    member = _membership(groups, as_of)
    colors = group_colors(groups)
    size_of, size_label = _node_sizes(nodes, w, sizes)
    smax = max(size_of.values()) if size_of else 0.0
    wmax = float(w["weight"].max())

    # edges: light first, so heavy ones are on top
    edges = w.sort_values("weight", kind="stable")
    for rel in RELATIONS:
        part = edges[edges[relation] == rel]
        if part.empty:
            continue
        segs = [(pos[a], pos[b]) for a, b in zip(part["a"], part["b"])]
        lc = LineCollection(
            segs,
            colors=RELATION_COLORS[rel],
            linewidths=[_width(v, wmax) for v in part["weight"]],
            linestyles="--" if rel == "co_member" else "-",
            alpha=0.85,
            zorder=1,
            capstyle="round",
        )
        ax.add_collection(lc)

    xy = np.array([pos[n] for n in nodes])
    fills = [colors[member[n][0]] if member.get(n) else _OTHER for n in nodes]
    rings = [colors[member[n][1]] if len(member.get(n, [])) > 1 else "#555555" for n in nodes]
    ring_w = [3.0 if len(member.get(n, [])) > 1 else 0.8 for n in nodes]
    ax.scatter(xy[:, 0], xy[:, 1], s=[_area(size_of[n], smax) for n in nodes], c=fills,
               edgecolors=rings, linewidths=ring_w, zorder=2)

    pad = 0.15
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)
    if legend:  # before the labels: the legend takes room from the axes, which moves the nodes on screen
        _network_legends(ax, groups, colors, member, nodes, edges[relation], wmax, smax, size_label)
    label_text = {n: (_name(n) if labels == "name" else n) for n in nodes}
    radius_pt = {n: math.sqrt(_area(size_of[n], smax)) / 2 for n in nodes}
    placed: list = []  # label texts and leader lines currently on the axes

    def place_labels() -> None:
        """(Re)place the labels for the figure's current size; rk.plot.save calls it after resizing."""
        for artist in placed:
            artist.remove()
        placed.clear()
        if ax.figure.get_layout_engine() is not None:
            ax.figure.draw_without_rendering()  # settle the axes size, so label offsets in pixels hold
        to_px, from_px = ax.transData, ax.transData.inverted()
        texts = []
        for n, (x, y) in zip(nodes, xy):
            # start just below the node (offset by its radius), then adjustText separates the labels
            px, py = to_px.transform((x, y))
            tx, ty = from_px.transform((px, py - radius_pt[n] * ax.figure.dpi / 72 - 3))
            texts.append(ax.text(tx, ty, label_text[n], fontsize=9, ha="center", va="top", color=_INK, zorder=4,
                                 in_layout=False,
                                 bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.75)))
        placed.extend(texts)
        placed.extend(_repel(ax, texts, xy))

    place_labels()
    ax._regionkit = {**getattr(ax, "_regionkit", {}), "relayout": place_labels, "labels": placed}
    return ax


def _layout(graph, seed: int) -> dict[str, np.ndarray]:
    """Seeded Kamada-Kawai layout per connected component, components packed left to right.

    The largest component fills a unit square; smaller ones are scaled by the
    square root of their size and stacked in a column to its right, so a
    two-country island does not squeeze the main network into a corner.
    """
    import networkx as nx

    comps = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    biggest = len(comps[0])
    pos: dict[str, np.ndarray] = {}
    x_side, y_side = 1.25, 1.0
    for i, comp in enumerate(comps):
        # a fresh graph in sorted order: graph.subgraph() iterates a set of names, whose order
        # changes from one Python process to the next (string hashing) and with it the layout
        sub = nx.Graph()
        sub.add_nodes_from(comp)
        sub.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in graph.subgraph(comp).edges(data=True)))
        if len(comp) == 1:
            local = {comp[0]: np.zeros(2)}
        elif len(comp) == 2:
            local = {comp[0]: np.array([-0.5, 0.0]), comp[1]: np.array([0.5, 0.0])}
        else:
            # Kamada-Kawai (nodes spaced by graph distance, so cliques stay readable) started from
            # seeded random positions: the seed picks the layout, and the same seed gives the same one.
            start = nx.random_layout(sub, seed=seed)
            local = nx.kamada_kawai_layout(sub, pos=start, weight=None)
        arr = np.array([local[n] for n in comp], dtype=float)
        arr -= arr.mean(axis=0)
        span = max(np.abs(arr).max(), 1e-9)
        arr = _spread(arr / span, min_dist=min(0.3, 1.2 / math.sqrt(len(comp)))) * span
        span = max(np.abs(arr).max(), 1e-9)
        if i == 0:
            scale = 1.0
            offset = np.zeros(2)
        else:
            scale = max(0.18, 0.5 * math.sqrt(len(comp) / biggest))
            offset = np.array([x_side, y_side - scale])
            y_side -= 2 * scale + 0.25
            if y_side < -1.0:  # start a new column
                x_side += 0.7
                y_side = 1.0
        for n, p in zip(comp, arr / span * scale + offset):
            pos[n] = p
    return pos


def _spread(arr: np.ndarray, min_dist: float, rounds: int = 300) -> np.ndarray:
    """Push apart nodes closer than ``min_dist`` (deterministic), so cliques stay legible."""
    arr = arr.copy()
    n = len(arr)
    if n < 3:
        return arr
    for _ in range(rounds):
        diff = arr[:, None, :] - arr[None, :, :]
        dist = np.sqrt((diff**2).sum(-1)) + np.eye(n)
        close = (dist < min_dist) & ~np.eye(n, dtype=bool)
        if not close.any():
            break
        push = np.where(close, (min_dist - dist) / 2 / dist, 0.0)
        arr += (diff * push[:, :, None]).sum(axis=1) * 0.5
    return arr


def _repel(ax: Axes, texts: list, xy: np.ndarray) -> list:
    """Move labels off each other and off the nodes (adjustText, run for a fixed number of steps).

    Returns the leader lines adjustText added.
    """
    try:
        from adjustText import adjust_text
    except ImportError:  # labels stay below their nodes
        return []
    result = adjust_text(
        texts,
        x=xy[:, 0],
        y=xy[:, 1],
        ax=ax,
        expand=(1.15, 1.3),
        arrowprops=dict(arrowstyle="-", color="#777777", lw=0.6),
        ensure_inside_axes=True,
        iter_lim=400,  # an iteration limit, not adjustText's default 1 s time limit: same result every run
    )
    return list(result[1]) if isinstance(result, tuple) and len(result) > 1 else []


def _header(text: str) -> Line2D:
    return Line2D([], [], ls="", marker=None, label=text, gid="header")


def _blank() -> Line2D:
    return Line2D([], [], ls="", marker=None, label=" ", gid="blank")


def _network_legends(ax, groups, colors, member, nodes, edge_relations, wmax, smax, size_label) -> None:
    """One legend under the network, one column per section: node colour, edge colour, width, size.

    A single legend (the axes' own) is what constrained layout and ``rk.plot.save(preset=...)``
    make room for, so the figure survives resizing. Blank rows keep the columns aligned and give
    the big size circles room.
    """
    names = _group_names(groups)
    col1: list = [_header("Node colour: group")]
    col1 += [Patch(facecolor=colors[g], edgecolor="#555555", label=names[g]) for g in groups]
    col1.append(Patch(facecolor=_OTHER, edgecolor="#555555", label="other countries"))
    if any(len(member.get(n, [])) > 1 for n in nodes):
        col1.append(Line2D([], [], marker="o", ls="", mfc="white", mec="#555555", mew=3, ms=10,
                           label="ring: also in a second group"))
    present = [r for r in RELATION_COLORS if r in set(edge_relations)]
    col2: list = [_header("Edge colour: main relation")]
    col2 += [Line2D([], [], color=RELATION_COLORS[r], lw=3, ls="--" if r == "co_member" else "-",
                    label=RELATION_LABELS[r]) for r in present]
    col3: list = [_header("Edge width: sentences")]
    col3 += [Line2D([], [], color="#555555", lw=_width(v, wmax), label=f"{v}") for v in _nice_steps(wmax)]
    col4: list = [_header(f"Node size: {size_label}")]
    row_pt = 9 * 1.4  # a legend row: font size x (1 + labelspacing), a little less for a margin
    prev = 0.0
    for v in _nice_steps(smax):
        ms = math.sqrt(_area(v, smax))
        col4 += [_blank() for _ in range(max(0, math.ceil((prev / 2 + ms / 2) / row_pt) - 1))]
        col4.append(Line2D([], [], marker="o", ls="", mfc=_OTHER, mec="#555555", ms=ms, label=f"{v}"))
        prev = ms
    col4 += [_blank() for _ in range(max(0, math.ceil(prev / 2 / row_pt) - 1))]
    # two columns (nodes | edges), so the legend stays narrower than a 7.2 in page
    columns = [[*col1, _blank(), *col4], [*col2, _blank(), *col3]]
    rows = max(len(c) for c in columns)
    handles = [h for col in columns for h in [*col, *(_blank() for _ in range(rows - len(col)))]]
    leg = ax.legend(handles=handles, ncols=len(columns), loc="upper center", bbox_to_anchor=(0.5, -0.01),
                    frameon=False, fontsize=9, handlelength=2.4, labelspacing=0.5, columnspacing=3.0,
                    borderaxespad=0.3)
    for handle, text in zip(leg.legend_handles, leg.get_texts()):
        if text.get_text() and handles[leg.get_texts().index(text)].get_gid() == "header":
            text.set_fontweight("bold")
            text.set_fontsize(10)
            text.set_x(-30)  # headers flush left, over the handles


# --------------------------------------------------------------------------------------
# co-mention heatmap
# --------------------------------------------------------------------------------------


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
    w = w.assign(a=w["a"].astype(str), b=w["b"].astype(str), v=w[value].astype(float))
    w = w[w["v"] > 0]
    totals = pd.concat([w.groupby("a")["v"].sum(), w.groupby("b")["v"].sum()]).groupby(level=0).sum()
    totals = totals.sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top] if top else totals.index)
    member = _membership(group_ids, as_of)
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
    # a square matrix that fits a 7.2 in page: cells up to 0.3 in, fonts scaled to the cells
    cell = min(0.3, (_PAGE_WIDTH - 3.0) / max(n, 1))
    font = max(5.5, min(9.0, cell * 72 * 0.8))
    ax = _new_ax(ax, (_PAGE_WIDTH, cell * n + 3.2))
    if n == 0:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no pairs to draw", ha="center", va="center", transform=ax.transAxes)
        return ax
    masked = np.ma.masked_less_equal(mat, 0)
    from matplotlib.colors import ListedColormap

    base = plt.get_cmap(cmap)
    # skip the palest 20% so that a single co-mention is still visible against the white background
    cm = ListedColormap(base(np.linspace(0.2, 1.0, 256)), name=f"{base.name}_from20").with_extremes(bad="white")
    im = ax.imshow(masked, cmap=cm, vmin=0, vmax=max(mat.max(), 1), interpolation="nearest")
    names = [_name(c) if labels == "name" else c for c in order]
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
    colors = group_colors(group_ids)
    gnames = _group_names(group_ids)
    firsts = [member.get(c, [None])[0] for c in order]
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
    if annotate is None:
        annotate = n <= 20
    if annotate:
        vmax = mat.max()
        for i in range(n):
            for j in range(n):
                if i != j and mat[i, j] > 0:
                    ax.text(j, i, f"{mat[i, j]:g}", ha="center", va="center", fontsize=min(7.5, font - 1),
                            color="white" if mat[i, j] > 0.55 * vmax else "black", zorder=3)
    for side in ax.spines.values():
        side.set_visible(False)
    cbar = ax.figure.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
    what = {"weight": "sentences naming both countries", "sentences": "sentences naming both countries",
            "articles": "articles naming both countries"}.get(value, f"sentences with relation '{value}'")
    cbar.set_label(what, fontsize=9)
    handles = [Patch(facecolor=colors[g], label=gnames[g]) for g in group_ids if g in firsts]
    if None in firsts:
        handles.append(Patch(facecolor=_OTHER, label="other countries"))
    ax.legend(handles=handles, title="Name background: group", loc="lower left", bbox_to_anchor=(0.0, 1.01),
              frameon=False, fontsize=8.5, title_fontsize=9.5, ncols=min(len(handles), 2), alignment="left")
    return ax


# --------------------------------------------------------------------------------------
# top countries
# --------------------------------------------------------------------------------------


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


# the timeline lives in its own module (it uses the helpers above, so it is imported last)
from regionkit.plot._timeline import timeline  # noqa: E402

"""Charts of ties and counts: a tie network, a timeline of the record, a co-mention heatmap
and a bar chart of the most-mentioned countries.

Every function draws on ``ax=`` (or a new figure), returns the ``Axes`` and never
calls ``plt.show()``; export with :func:`regionkit.plot.save`. Colours are
colour-blind safe: relations (edges, markers) use the Okabe-Ito palette, groups
(node and bar fills) Paul Tol's "light" scheme, so the two never share a colour
meaning in one figure. The timeline lives in :mod:`regionkit.plot._timeline`, the
heatmap and bar chart in :mod:`regionkit.plot._counts`; all are re-exported here.

Charts drawn on a new figure are laid out for the figure's size: ``rk.plot.save(...,
preset=...)`` resizes the figure and re-runs that layout (fonts, node sizes, label
places, legend columns), so the same chart reads at 3.5 in and at 13.3 in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from regionkit.plot._counts import comention_heatmap, top_countries
from regionkit.plot._style import GROUP_COLORS, RELATION_COLORS, RELATION_LABELS, group_colors
from regionkit.plot._style import INK as _INK
from regionkit.plot._style import OTHER as _OTHER
from regionkit.plot._style import PAGE_WIDTH as _PAGE_WIDTH
from regionkit.plot._style import check_groups as _groups
from regionkit.plot._style import country_label as _name
from regionkit.plot._style import font_scale as _font_scale
from regionkit.plot._style import group_names as _group_names
from regionkit.plot._style import membership as _membership
from regionkit.plot._style import figure_of as _figure_of
from regionkit.plot._style import record as _record
from regionkit.plot._style import renderer as _renderer
from regionkit.plot._timeline import timeline
from regionkit.plot._weights import as_weights as _as_weights
from regionkit._gazetteer_arg import takes_gazetteer

__all__ = [
    "RELATION_COLORS",
    "GROUP_COLORS",
    "DEFAULT_GROUPS",
    "tie_network",
    "timeline",
    "comention_heatmap",
    "top_countries",
]

#: Groups highlighted when none are given.
DEFAULT_GROUPS = ("south_caucasus", "central_asia", "abraham_accords")
_FONT = 8.0  # label and legend size in points at scale 1 (a 7.2 in page)


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


@takes_gazetteer
def tie_network(
    weights: pd.DataFrame,
    highlight: Iterable[str] | str | None = DEFAULT_GROUPS,
    *,
    ax: Axes | None = None,
    seed: int = 7,
    sizes: Any = None,
    relation: str = "dominant",
    relations: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
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
        of ``as_of``); a ring in a second group's colour shows a second membership
        (listed in the legend). Others are grey. Unknown ids raise ``ValueError``
        listing the valid ones.
    ax : matplotlib Axes, optional
        Where to draw; a new figure (a page wide, its height fitted to the
        network and the legend) when omitted.
    seed : int
        Seed of the layout (Kamada-Kawai from seeded random positions): the same data
        and seed give the same layout in every run; another seed gives another layout.
    sizes : DataFrame or Series, optional
        Node size: ``rk.country_counts(..., by="country")`` (uses ``mentions``)
        or a Series of values indexed by ISO3. Default: the node's total weight.
    relation : str
        Column of ``weights`` that colours the edges (default ``dominant``).
    relations : iterable of str, optional
        Draw only edges whose relation is in this list. Default: the ties the
        text states (every relation but ``co_mention`` and ``co_member``, which
        are drawn only when listed here).
    statuses : iterable of str, optional
        Pair statuses to draw when the table has a ``status`` column (default
        stated, planned, conditional: negated and denied ties are not drawn).
    min_weight : float
        Drop edges lighter than this.
    top : int or None
        Keep the ``top`` heaviest edges (default 40; None keeps all).
    labels : {"name", "iso3"}
        Node labels: short country names or ISO3 codes. Each label goes beside its
        node (below, above, right or left, whichever is free), never over another
        label or node.
    as_of : date-like, optional
        Date for group membership.
    legend : bool
        Draw the legend (groups, relations, edge widths, node sizes) under the network.

    Returns
    -------
    matplotlib.axes.Axes
        ``rk.plot.save(ax, path, preset=...)`` re-lays the chart out for the preset.
    """
    if labels not in ("name", "iso3"):
        raise ValueError(f"unknown labels {labels!r}; valid: name, iso3")
    w = _as_weights(weights)
    if relation not in w.columns:
        raise ValueError(f"no column {relation!r} in weights; columns: {', '.join(map(str, w.columns))}")
    groups = _groups(highlight)
    w = _network_edges(w, relation, relations, statuses, min_weight, top)
    own = ax is None
    if ax is None:
        fig = plt.figure(figsize=(_PAGE_WIDTH, _PAGE_WIDTH * 1.2))
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    if w.empty:
        ax.text(0.5, 0.5, "no ties to draw", ha="center", va="center", transform=ax.transAxes)
        return ax
    spec = _network_spec(w, seed, groups, as_of, sizes, relation, labels)
    spec.update({"legend": legend, "own": own})
    drawn: list = []

    def relayout() -> None:
        """(Re)draw for the figure's current size; rk.plot.save calls it after resizing."""
        _draw_network(ax, spec, drawn)

    relayout()
    _record(ax).update({"relayout": relayout, "labels": spec["texts"]})
    return ax


def _network_edges(w: pd.DataFrame, relation: str, relations, statuses, min_weight: float, top: int | None) -> pd.DataFrame:
    """The edges drawn: heavy enough, of the relations and statuses asked for, the *top* heaviest first."""
    from regionkit.plot._tiesel import drawn_ties

    w = w[w["weight"] >= min_weight]
    w = drawn_ties(w, relation, relations, statuses)
    w = w.assign(a=w["a"].astype(str), b=w["b"].astype(str), weight=w["weight"].astype(float))
    w = w.sort_values(["weight", "a", "b"], ascending=[False, True, True], kind="stable")
    return w.head(top) if top is not None else w


def _network_spec(w: pd.DataFrame, seed: int, groups: list[str], as_of: Any, sizes: Any, relation: str, labels: str) -> dict:
    """What the drawing step needs: nodes and their seeded layout, edges, group fills, sizes, label texts."""
    from regionkit.ties import RELATIONS

    nodes, _graph, pos = tie_graph(w, seed)
    size_of, size_label = _node_sizes(nodes, w, sizes)
    return {"nodes": nodes, "xy": np.array([pos[n] for n in nodes]),
            "edges": w.sort_values("weight", kind="stable"),  # light first, so heavy ones are on top
            "relation": relation, "relations": RELATIONS, "member": _membership(groups, as_of),
            "colors": group_colors(groups), "groups": groups, "size_of": size_of,
            "smax": max(size_of.values()) if size_of else 0.0, "wmax": float(w["weight"].max()),
            "size_label": size_label, "label_text": {n: (_name(n) if labels == "name" else n) for n in nodes}}


def _draw_network(ax: Axes, spec: dict, drawn: list) -> None:
    """Draw edges, nodes, legend and labels, sized for the figure (own figures get their height fitted)."""
    for artist in drawn:
        artist.remove()
    drawn.clear()
    fig = _figure_of(ax)
    width_in = fig.get_size_inches()[0] if spec["own"] else ax.get_position().width * fig.get_size_inches()[0]
    k = min(max(width_in / _PAGE_WIDTH, 0.42), 1.9)  # node and edge sizes follow the width
    font = _FONT * _font_scale(fig)
    nodes, xy, member, colors = spec["nodes"], spec["xy"], spec["member"], spec["colors"]
    area = {n: _area(spec["size_of"][n], spec["smax"]) * k * k for n in nodes}
    if spec["legend"]:
        wide = spec["own"] and width_in >= 9.0  # a slide: legend to the right of the network
        leg = _network_legends(ax, spec, font, k, width_in, right=wide)
        drawn.append(leg)
        if spec["own"]:
            fig.set_size_inches(width_in, 1.0)  # measure the legend at this width, then fit the height
            ext = leg.get_window_extent(_renderer(fig))
            w_leg, h_leg = ext.width / fig.dpi + 0.15, ext.height / fig.dpi + 0.1
            if wide:
                height = max(width_in * 9 / 16, h_leg + 0.2)
                fig.set_size_inches(width_in, height)
                ax.set_position((0.0, 0.0, 1.0 - w_leg / width_in, 1.0))
            else:
                net_h = width_in * (1.0 if width_in < 5 else 0.75)
                fig.set_size_inches(width_in, net_h + h_leg)
                ax.set_position((0.0, h_leg / (net_h + h_leg), 1.0, net_h / (net_h + h_leg)))
    elif spec["own"]:
        fig.set_size_inches(width_in, width_in * 0.75)
    edges, rel_col = spec["edges"], spec["relation"]
    pos = dict(zip(nodes, map(tuple, xy)))
    for rel in spec["relations"]:
        part = edges[edges[rel_col] == rel]
        if part.empty:
            continue
        lc = LineCollection(
            [(pos[a], pos[b]) for a, b in zip(part["a"], part["b"])], colors=RELATION_COLORS[rel],
            linewidths=[_width(v, spec["wmax"]) * max(k, 0.6) for v in part["weight"]],
            linestyles="--" if rel == "co_member" else "-", alpha=0.85, zorder=1, capstyle="round",
        )  # fmt: skip
        ax.add_collection(lc)
        drawn.append(lc)
    fills = [colors[member[n][0]] if member.get(n) else _OTHER for n in nodes]
    rings = [colors[member[n][1]] if len(member.get(n, [])) > 1 else "#555555" for n in nodes]
    ring_w = [3.0 * max(k, 0.6) if len(member.get(n, [])) > 1 else 0.8 for n in nodes]
    drawn.append(ax.scatter(xy[:, 0], xy[:, 1], s=[area[n] for n in nodes], c=fills, edgecolors=rings,
                            linewidths=ring_w, zorder=2))
    texts = _place_node_labels(ax, spec, area, font)
    drawn.extend(texts)
    spec["texts"] = texts
    if hasattr(ax, "_regionkit"):
        ax._regionkit["labels"] = texts


def _place_node_labels(ax: Axes, spec: dict, area: dict, font: float) -> list:
    """Put each label beside its node where it hits no other label or node, inside the axes.

    The axes limits leave a margin for the widest label; candidates are tried nearest
    first (below, above, right, left, the diagonals, then further out). Deterministic.
    """
    fig = _figure_of(ax)
    renderer = _renderer(fig)
    nodes, xy = spec["nodes"], spec["xy"]
    texts = [ax.text(0, 0, spec["label_text"][n], fontsize=font, ha="center", va="center", color=_INK, zorder=4,
                     bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.75)) for n in nodes]
    sizes = [t.get_window_extent(renderer) for t in texts]
    box = ax.get_window_extent(renderer)
    px_per_pt = fig.dpi / 72
    radius = {n: math.sqrt(area[n]) / 2 * px_per_pt for n in nodes}
    margin_x = max(s.width for s in sizes) / 2 + max(radius.values()) + 2
    margin_y = max(s.height for s in sizes) + max(radius.values()) + 2
    span_x = float(np.ptp(xy[:, 0])) or 1.0
    span_y = float(np.ptp(xy[:, 1])) or 1.0
    fx = span_x / max(box.width - 2 * margin_x, box.width * 0.3)
    fy = span_y / max(box.height - 2 * margin_y, box.height * 0.3)
    ax.set_xlim(xy[:, 0].min() - margin_x * fx, xy[:, 0].max() + margin_x * fx)
    ax.set_ylim(xy[:, 1].min() - margin_y * fy, xy[:, 1].max() + margin_y * fy)
    to_px, to_data = ax.transData, ax.transData.inverted()
    centres = to_px.transform(xy)
    obstacles = [(cx - radius[n] * 0.85, cy - radius[n] * 0.85, cx + radius[n] * 0.85, cy + radius[n] * 0.85)
                 for n, (cx, cy) in zip(nodes, centres)]
    placed: list[tuple[float, float, float, float]] = []

    def free(b) -> bool:
        if b[0] < box.x0 or b[2] > box.x1 or b[1] < box.y0 or b[3] > box.y1:
            return False
        return not any(b[0] < o[2] and b[2] > o[0] and b[1] < o[3] and b[3] > o[1] for o in placed + obstacles)

    order = sorted(range(len(nodes)), key=lambda i: (-area[nodes[i]], nodes[i]))
    gap = 1.5 * px_per_pt
    for i in order:
        (cx, cy), r, s = centres[i], radius[nodes[i]], sizes[i]
        w2, h2 = s.width / 2, s.height / 2
        chosen = None
        for extra in (0.0, 0.6, 1.4, 2.6, 4.0):
            d = r + gap + extra * s.height
            cands = [(cx, cy - d - h2), (cx, cy + d + h2), (cx + d + w2, cy), (cx - d - w2, cy),
                     (cx + (d + w2) * 0.75, cy - (d + h2) * 0.75), (cx - (d + w2) * 0.75, cy - (d + h2) * 0.75),
                     (cx + (d + w2) * 0.75, cy + (d + h2) * 0.75), (cx - (d + w2) * 0.75, cy + (d + h2) * 0.75)]
            for x, y in cands:
                b = (x - w2, y - h2, x + w2, y + h2)
                if free(b):
                    chosen = (x, y, b)
                    break
            if chosen:
                break
        if chosen is None:  # nothing free beside the node: the nearest free spot, joined to it by a leader line
            chosen = _nearest_free_spot(box, (cx, cy), (w2, h2), free)
            if chosen is not None:
                ax.plot(*to_data.transform([(cx, cy), (chosen[0], chosen[1])]).T, color=_INK, lw=0.4, alpha=0.6,
                        zorder=3.5, gid="label-leader")
        if chosen is None:  # the axes are full: below the node, clamped inside the axes
            x = min(max(cx, box.x0 + w2), box.x1 - w2)
            y = min(max(cy - r - gap - h2, box.y0 + h2), box.y1 - h2)
            chosen = (x, y, (x - w2, y - h2, x + w2, y + h2))
        x, y, b = chosen
        placed.append(b)
        tx, ty = to_data.transform((x, y))
        texts[i].set_position((tx, ty))
    return texts


def _nearest_free_spot(box, centre: tuple[float, float], half: tuple[float, float], free) -> tuple | None:
    """The free label box nearest to ``centre`` on a half-label grid over the axes (pixels), or None."""
    (cx, cy), (w2, h2) = centre, half
    xs = np.arange(box.x0 + w2, box.x1 - w2 + 1e-9, max(w2 / 2, 1.0))
    ys = np.arange(box.y0 + h2, box.y1 - h2 + 1e-9, max(h2, 1.0))
    if not len(xs) or not len(ys):
        return None
    gx, gy = np.meshgrid(xs, ys)
    for k in np.argsort(np.hypot(gx - cx, gy - cy), axis=None, kind="stable"):
        x, y = float(gx.flat[k]), float(gy.flat[k])
        b = (x - w2, y - h2, x + w2, y + h2)
        if free(b):
            return (x, y, b)
    return None


def tie_graph(w: pd.DataFrame, seed: int) -> tuple[list[str], Any, dict[str, np.ndarray]]:
    """The nodes, the weighted graph and the seeded layout of a tie table (shared by tie_network and explore)."""
    import networkx as nx

    nodes = sorted(set(w["a"]) | set(w["b"]))
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, b, wt in sorted(zip(w["a"], w["b"], w["weight"])):
        graph.add_edge(a, b, weight=1.0 + math.log(wt))
    return nodes, graph, _layout(graph, seed)


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


def _header(text: str) -> Line2D:
    return Line2D([], [], ls="", marker=None, label=text, gid="header")


def _blank() -> Line2D:
    return Line2D([], [], ls="", marker=None, label=" ", gid="blank")


def _network_legends(ax, spec: dict, font: float, k: float, width_in: float, *, right: bool = False):
    """One legend under the network, two columns (nodes | edges), or one when the page is too narrow.

    A single legend (the axes' own) survives resizing; blank rows keep the columns
    aligned and give the big size circles room. Returns the legend.
    """
    groups, colors, member, nodes = spec["groups"], spec["colors"], spec["member"], spec["nodes"]
    names = _group_names(groups)
    col1: list = [_header("Node colour: group")]
    col1 += [Patch(facecolor=colors[g], edgecolor="#555555", label=names[g]) for g in groups]
    col1.append(Patch(facecolor=_OTHER, edgecolor="#555555", label="other countries"))
    seconds = [g for g in groups if any(len(member.get(n, [])) > 1 and member[n][1] == g for n in nodes)]
    col1 += [Line2D([], [], marker="o", ls="", mfc="white", mec=colors[g], mew=2.5, ms=font * 1.1,
                    label=f"ring: also {names[g]}") for g in seconds]
    present = [r for r in RELATION_COLORS if r in set(spec["edges"][spec["relation"]])]
    col2: list = [_header("Edge colour: main relation")]
    col2 += [Line2D([], [], color=RELATION_COLORS[r], lw=2.5, ls="--" if r == "co_member" else "-",
                    label=RELATION_LABELS[r]) for r in present]
    col3: list = [_header("Edge width: sentences")]
    col3 += [Line2D([], [], color="#555555", lw=_width(v, spec["wmax"]) * max(k, 0.6), label=f"{v}")
             for v in _nice_steps(spec["wmax"])]
    col4: list = [_header(f"Node size: {spec['size_label']}")]
    row_pt = font * 1.45
    prev = 0.0
    for v in _nice_steps(spec["smax"]):
        ms = math.sqrt(_area(v, spec["smax"]) * k * k)
        col4 += [_blank() for _ in range(max(0, math.ceil((prev / 2 + ms / 2) / row_pt) - 1))]
        col4.append(Line2D([], [], marker="o", ls="", mfc=_OTHER, mec="#555555", ms=ms, label=f"{v}"))
        prev = ms
    col4 += [_blank() for _ in range(max(0, math.ceil(prev / 2 / row_pt) - 1))]
    renderer = _renderer(ax)
    leg = None
    one = [[*col1, _blank(), *col2, _blank(), *col3, _blank(), *col4]]
    where = {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0)} if right else \
        {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0)}
    for columns in ([one] if right else [[[*col1, _blank(), *col4], [*col2, _blank(), *col3]], one]):
        if leg is not None:
            leg.remove()
        rows = max(len(c) for c in columns)
        handles = [h for col in columns for h in [*col, *(_blank() for _ in range(rows - len(col)))]]
        leg = ax.legend(handles=handles, ncols=len(columns), **where,
                        frameon=False, fontsize=font, handlelength=max(2.2, prev / font + 0.4), labelspacing=0.45,
                        columnspacing=2.0, borderaxespad=0.2, borderpad=0.2)
        for handle, text in zip(handles, leg.get_texts()):
            if handle.get_gid() == "header":
                text.set_fontweight("bold")
                text.set_x(-font * 3.2)  # headers flush left, over the handles
        if leg.get_window_extent(renderer).width / ax.get_figure(root=True).dpi <= width_in - 0.05:
            break
    return leg

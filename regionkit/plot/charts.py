"""Charts of ties and counts: a tie network, a timeline of the record, a co-mention heatmap
and a bar chart of the most-mentioned countries.

Every function draws on ``ax=`` (or a new figure), returns the ``Axes`` and never
calls ``plt.show()``; export with :func:`regionkit.plot.save`. Colours are
colour-blind safe: relations (edges, markers) use the Okabe-Ito palette, groups
(node and bar fills) Paul Tol's "light" scheme, so the two never share a colour
meaning in one figure.
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

__all__ = [
    "RELATION_COLORS",
    "GROUP_COLORS",
    "DEFAULT_GROUPS",
    "tie_network",
    "timeline",
    "comention_heatmap",
    "top_countries",
]

#: Edge / marker colour per relation (Okabe & Ito 2008, colour-blind safe).
RELATION_COLORS = {
    "normalisation": "#009E73",  # bluish green
    "treaty": "#0072B2",  # blue
    "conflict": "#D55E00",  # vermillion
    "meeting": "#E69F00",  # orange
    "mediation": "#CC79A7",  # reddish purple
    "trade_energy": "#56B4E9",  # sky blue
    "co_mention": "#B0B0B0",  # grey
    "co_member": "#606060",  # dark grey (drawn dashed)
}
_RELATION_LABELS = {
    "normalisation": "normalisation",
    "treaty": "treaty, agreement",
    "conflict": "conflict",
    "meeting": "meeting, talks",
    "mediation": "mediation",
    "trade_energy": "trade, energy",
    "co_mention": "named together (no cue)",
    "co_member": "listed together (co-members)",
}
#: Fill colours for highlighted groups, in order (Paul Tol "light", colour-blind safe).
GROUP_COLORS = ("#77AADD", "#EE8866", "#44BB99", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00")
_OTHER = "#DDDDDD"
_INK = "#222222"
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
        return strength, "sentences with a tie"
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


def _area(value: float, vmax: float, lo: float = 120.0, hi: float = 1600.0) -> float:
    if vmax <= 0:
        return lo
    return lo + (hi - lo) * math.sqrt(max(value, 0.0) / vmax)


def _width(value: float, vmax: float, lo: float = 0.8, hi: float = 7.0) -> float:
    if vmax <= 0:
        return lo
    return lo + (hi - lo) * (max(value, 0.0) / vmax)


def _nice_steps(vmax: float) -> list[int]:
    """Three round sample values up to vmax for a size/width legend."""
    if vmax <= 1:
        return [1]
    top = int(vmax)
    steps = sorted({1, max(1, int(round(top / 2))), top})
    return steps


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
        Seed of the spring layout: the same data and seed give the same layout.
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
    ax = _new_ax(ax, (11, 8.5))
    ax.set_axis_off()
    if w.empty:
        ax.text(0.5, 0.5, "no ties to draw", ha="center", va="center", transform=ax.transAxes)
        return ax

    nodes = sorted(set(w["a"]) | set(w["b"]))
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for a, b, wt in sorted(zip(w["a"], w["b"], w["weight"])):
        graph.add_edge(a, b, weight=1.0 + math.log(wt))
    k = 2.2 / math.sqrt(len(nodes))
    pos = nx.spring_layout(graph, seed=seed, k=k, iterations=300, weight="weight")

    member = _membership(groups, as_of)
    colors = {g: GROUP_COLORS[i % len(GROUP_COLORS)] for i, g in enumerate(groups)}
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

    texts = []
    for n, (x, y) in zip(nodes, xy):
        label = _name(n) if labels == "name" else n
        texts.append(ax.text(x, y, label, fontsize=10, ha="center", va="center", color=_INK, zorder=3,
                             bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.7)))
    pad = 0.12
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)
    ax.set_aspect("equal", adjustable="datalim")
    _repel(ax, texts, xy)

    if legend:
        _network_legends(ax, groups, colors, member, nodes, edges[relation], wmax, smax, size_label)
    return ax


def _repel(ax: Axes, texts: list, xy: np.ndarray) -> None:
    """Move labels off each other and off the nodes (adjustText; deterministic)."""
    try:
        from adjustText import adjust_text
    except ImportError:  # labels stay centred on their nodes
        return
    np.random.seed(0)  # adjustText has no seed argument; keep its result identical run to run
    adjust_text(
        texts,
        x=xy[:, 0],
        y=xy[:, 1],
        ax=ax,
        expand=(1.15, 1.3),
        arrowprops=dict(arrowstyle="-", color="#777777", lw=0.6),
        ensure_inside_axes=True,
    )


def _network_legends(ax, groups, colors, member, nodes, edge_relations, wmax, smax, size_label) -> None:
    names = _group_names(groups)
    group_handles = [Patch(facecolor=colors[g], edgecolor="#555555", label=names[g]) for g in groups]
    if any(len(member.get(n, [])) > 1 for n in nodes):
        group_handles.append(Line2D([], [], marker="o", ls="", mfc="white", mec="#555555", mew=3, ms=11,
                                    label="ring: also in the group\nof the ring's colour"))
    group_handles.append(Patch(facecolor=_OTHER, edgecolor="#555555", label="other countries"))
    present = [r for r in RELATION_COLORS if r in set(edge_relations)]
    rel_handles = [Line2D([], [], color=RELATION_COLORS[r], lw=3, ls="--" if r == "co_member" else "-",
                          label=_RELATION_LABELS[r]) for r in present]
    width_handles = [Line2D([], [], color="#555555", lw=_width(v, wmax), label=f"{v}") for v in _nice_steps(wmax)]
    size_handles = [Line2D([], [], marker="o", ls="", mfc=_OTHER, mec="#555555",
                           ms=math.sqrt(_area(v, smax)), label=f"{v}") for v in _nice_steps(smax)]
    leg_kw = dict(loc="upper left", frameon=False, fontsize=9, title_fontsize=10, alignment="left")
    l1 = ax.legend(handles=group_handles, title="Node colour: group", bbox_to_anchor=(1.01, 1.0), **leg_kw)
    ax.add_artist(l1)
    l2 = ax.legend(handles=rel_handles, title="Edge colour: main relation", bbox_to_anchor=(1.01, 0.66), **leg_kw)
    ax.add_artist(l2)
    l3 = ax.legend(handles=width_handles, title="Edge width: sentences", bbox_to_anchor=(1.01, 0.33), **leg_kw)
    ax.add_artist(l3)
    ax.legend(handles=size_handles, title=f"Node size: {size_label}", bbox_to_anchor=(1.22, 0.33),
              labelspacing=1.6, borderpad=0.8, **leg_kw)


# --------------------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------------------

# category -> (types, marker, colour, label)
_TIMELINE_CATEGORIES = (
    ("accords", ("abraham_accords_announced", "abraham_accords_signed", "abraham_accords_joined",
                 "abraham_accords_broker"), "*", "#009E73", "Abraham Accords: announced, signed, joined"),
    ("relations", ("diplomatic_relations", "normalization"), "o", "#0072B2",
     "diplomatic relations established, normalisation"),
    ("treaty", ("treaty", "agreement"), "s", "#56B4E9", "treaty, agreement"),
    ("summit", ("summit",), "D", "#E69F00", "summit"),
    ("conflict", ("conflict", "displacement"), "X", "#D55E00", "conflict, displacement"),
    ("downgrade", ("diplomatic_downgrade", "diplomatic_break"), "v", "#CC79A7", "relations downgraded or broken"),
    ("other", (), ".", "#666666", "other events (independence, recognition, membership, ...)"),
)
_TYPE_CATEGORY = {t: c[0] for c in _TIMELINE_CATEGORIES for t in c[1]}
_CATEGORY_STYLE = {c[0]: c[2:] for c in _TIMELINE_CATEGORIES}


def _floor(value: Any) -> pd.Timestamp:
    from regionkit.ties import _date_floor

    return _date_floor(value)


def timeline(
    ref: pd.DataFrame,
    countries: Sequence[str] | None = None,
    *,
    ax: Axes | None = None,
    today: Any = None,
    since: Any = None,
    involving: str = "all",
    labels: bool = True,
) -> Axes:
    """Draw the record as one lane per country: Accords steps, relations established, events.

    Parameters
    ----------
    ref : DataFrame
        Output of :func:`regionkit.reference_ties` (``source, target, type,
        start``). Rows without a start date are not drawn.
    countries : list of ISO3, optional
        The lanes, top to bottom (default: every country in ``ref``, by first
        date).
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted.
    today : date-like, optional
        Where to draw the "today" line (default: today's date). Pass a fixed
        date for reproducible figures.
    since : date-like, optional
        Left end of the time axis (default: a year before the first row).
    involving : {"all", "any"}
        ``"all"``: draw a row only when every party of it is a lane (ties among
        the chosen countries); ``"any"``: draw every row that involves a lane,
        naming the other party next to the marker.
    labels : bool
        Write the other party's ISO3 next to markers whose counterpart is not a
        lane.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if involving not in ("all", "any"):
        raise ValueError(f"unknown involving {involving!r}; valid: all, any")
    missing = [c for c in ("source", "target", "type", "start") if c not in ref.columns]
    if missing:
        raise ValueError(f"expected rk.reference_ties output; missing columns {missing}")
    frame = ref.copy()
    frame["when"] = frame["start"].map(_floor)
    frame = frame[frame["when"].notna()]
    src = frame["source"].astype(object).where(frame["source"].notna(), None)
    tgt = frame["target"].astype(object).where(frame["target"].notna(), None)
    frame = frame.assign(source=src, target=tgt)
    if countries is None:
        firsts = pd.concat([frame[["source", "when"]].rename(columns={"source": "c"}),
                            frame[["target", "when"]].rename(columns={"target": "c"})]).dropna()
        countries = list(firsts.sort_values("when").drop_duplicates("c")["c"])
    countries = [str(c) for c in countries]
    lanes = {c: i for i, c in enumerate(countries)}
    today = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)

    def parties(row) -> list[str]:
        return [p for p in (row.source, row.target) if p]

    if involving == "all":
        use = frame[[all(p in lanes for p in parties(r)) for r in frame.itertuples()]]
    else:
        use = frame[[any(p in lanes for p in parties(r)) for r in frame.itertuples()]]
    if since is not None:
        use = use[use["when"] >= pd.Timestamp(since)]

    ax = _new_ax(ax, (12, 1.0 + 0.75 * max(len(countries), 2)))
    n = len(countries)
    for i in range(n):
        ax.axhline(i, color="#E6E6E6", lw=1, zorder=0)
    drawn_categories: set[str] = set()
    seen: set[tuple] = set()
    counterpart_labels: dict[tuple[int, pd.Timestamp], list[str]] = {}
    connectors = False
    for r in use.sort_values("when", kind="stable").itertuples():
        cat = _TYPE_CATEGORY.get(r.type, "other")
        marker, color, _ = _CATEGORY_STYLE[cat]
        ps = parties(r)
        in_lanes = [p for p in ps if p in lanes]
        if len(in_lanes) == 2 and in_lanes[0] != in_lanes[1]:
            y0, y1 = sorted(lanes[p] for p in in_lanes)
            ax.plot([r.when, r.when], [y0, y1], color=color, lw=1.2, alpha=0.6, zorder=1)
            connectors = True
        for p in in_lanes:
            key = (p, r.when, cat)
            if key not in seen:
                seen.add(key)
                ax.scatter([r.when], [lanes[p]], marker=marker, s=150 if marker == "*" else 70, color=color,
                           edgecolors="white", linewidths=0.6, zorder=3)
            drawn_categories.add(cat)
            others = [q for q in ps if q != p and q not in lanes]
            if labels and others:
                counterpart_labels.setdefault((lanes[p], r.when), []).extend(others)

    texts = []
    for (y, when), others in sorted(counterpart_labels.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        label = ", ".join(dict.fromkeys(others))
        texts.append(ax.annotate(label, (when, y), xytext=(0, 9), textcoords="offset points", fontsize=7.5,
                                 ha="center", va="bottom", color="#444444", rotation=60))

    first = use["when"].min() if len(use) else today - pd.DateOffset(years=5)
    left = pd.Timestamp(since) if since is not None else first - pd.DateOffset(years=1)
    right = max(today, use["when"].max() if len(use) else today) + pd.DateOffset(months=8)
    ax.set_xlim(left, right)
    ax.axvline(today, color=_INK, lw=1.2, ls="--", zorder=2)
    ax.annotate(f"today\n{today:%Y-%m-%d}", (today, n - 0.5), xytext=(4, 0), textcoords="offset points",
                fontsize=8.5, va="top", ha="left", color=_INK)
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{_name(c)} ({c})" for c in countries], fontsize=10)
    ax.set_ylim(n - 0.5, -0.7)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#EEEEEE", lw=0.8)
    ax.set_axisbelow(True)

    handles = [Line2D([], [], marker=_CATEGORY_STYLE[c][0], ls="", color=_CATEGORY_STYLE[c][1],
                      ms=12 if _CATEGORY_STYLE[c][0] == "*" else 8, label=_CATEGORY_STYLE[c][2])
               for c, *_ in _TIMELINE_CATEGORIES if c in drawn_categories]
    if connectors:
        handles.append(Line2D([], [], color="#777777", lw=1.2, label="line between lanes: a tie of the two countries"))
    if texts:
        handles.append(Line2D([], [], ls="", marker="$\\mathrm{ABC}$", color="#444444", ms=14,
                              label="ISO3 code: the other party"))
    handles.append(Line2D([], [], color=_INK, ls="--", lw=1.2, label="today"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9,
              title="Record (data/reference)", title_fontsize=10, alignment="left")
    return ax


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
    cmap: str = "viridis",
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
        Matplotlib colormap (default ``viridis``, colour-blind safe). Zero cells
        are left white.

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
    ax = _new_ax(ax, (3.2 + 0.32 * n, 2.4 + 0.32 * n))
    if n == 0:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no pairs to draw", ha="center", va="center", transform=ax.transAxes)
        return ax
    masked = np.ma.masked_less_equal(mat, 0)
    cm = plt.get_cmap(cmap).with_extremes(bad="white")
    im = ax.imshow(masked, cmap=cm, vmin=0, vmax=max(mat.max(), 1), interpolation="nearest")
    names = [_name(c) if labels == "name" else c for c in order]
    ax.set_xticks(range(n), names, rotation=60, ha="right", rotation_mode="anchor", fontsize=9)
    ax.set_yticks(range(n), names, fontsize=9)
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
    ax.grid(which="minor", color="#F2F2F2", lw=0.5)
    ax.tick_params(which="minor", length=0)
    for i in range(n):
        ax.add_patch(plt.Rectangle((i - 0.5, i - 0.5), 1, 1, color="#E0E0E0", zorder=2))
    # group strips and separators
    colors = {g: GROUP_COLORS[i % len(GROUP_COLORS)] for i, g in enumerate(group_ids)}
    gnames = _group_names(group_ids)
    blocks: list[tuple[str | None, int, int]] = []
    for i, c in enumerate(order):
        g = member.get(c, [None])[0]
        if blocks and blocks[-1][0] == g:
            blocks[-1] = (g, blocks[-1][1], i)
        else:
            blocks.append((g, i, i))
    for g, s, e in blocks:
        col = colors.get(g, _OTHER)
        ax.add_patch(plt.Rectangle((-1.6, s - 0.5), 0.8, e - s + 1, color=col, clip_on=False, zorder=3))
        ax.add_patch(plt.Rectangle((s - 0.5, n - 0.5 + 0.25), e - s + 1, 0.8, color=col, clip_on=False, zorder=3))
        if s > 0:
            ax.axhline(s - 0.5, color="#333333", lw=1.0, zorder=4)
            ax.axvline(s - 0.5, color="#333333", lw=1.0, zorder=4)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.tick_params(axis="y", pad=14)
    ax.tick_params(axis="x", pad=14)
    if annotate is None:
        annotate = n <= 20
    if annotate:
        vmax = mat.max()
        for i in range(n):
            for j in range(n):
                if i != j and mat[i, j] > 0:
                    ax.text(j, i, f"{mat[i, j]:g}", ha="center", va="center", fontsize=7.5,
                            color="white" if mat[i, j] < 0.6 * vmax else "black", zorder=3)
    for side in ax.spines.values():
        side.set_visible(False)
    cbar = ax.figure.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
    what = {"weight": "sentences naming both countries", "sentences": "sentences naming both countries",
            "articles": "articles naming both countries"}.get(value, f"sentences with relation '{value}'")
    cbar.set_label(what, fontsize=9)
    handles = [Patch(facecolor=colors[g], label=gnames[g]) for g in group_ids if any(b[0] == g for b in blocks)]
    if any(b[0] is None for b in blocks):
        handles.append(Patch(facecolor=_OTHER, label="other countries"))
    ax.legend(handles=handles, title="Axis strip: group", loc="upper left", bbox_to_anchor=(1.25, 1.0),
              frameon=False, fontsize=9, title_fontsize=10, alignment="left")
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
    colors = {g: GROUP_COLORS[i % len(GROUP_COLORS)] for i, g in enumerate(group_ids)}
    fills = [colors[member[c][0]] if member.get(c) else _OTHER for c in top.index]
    ax = _new_ax(ax, (8, 1.2 + 0.34 * max(len(top), 3)))
    names = [_name(c) if labels == "name" else c for c in top.index]
    bars = ax.barh(range(len(top)), top.to_numpy(), color=fills, edgecolor="#555555", linewidth=0.6)
    ax.set_yticks(range(len(top)), names, fontsize=10)
    ax.bar_label(bars, labels=[f"{v:g}" for v in top.to_numpy()], padding=3, fontsize=9)
    ax.set_xlabel({"articles": "articles mentioning the country",
                   "mentions": "mentions"}.get(value, str(value)), fontsize=10)
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
        ax.legend(handles=handles, title="Bar colour: group", loc="lower right", frameon=True, fontsize=9,
                  title_fontsize=10, framealpha=0.9)
    return ax

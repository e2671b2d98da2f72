"""The tie map: ties between countries as curved arcs between their anchor points (capitals).

Private module; :func:`tie_map` is public as ``rk.plot.tie_map`` (and in
:mod:`regionkit.plot.maps`). The steps: check the columns (:func:`_tie_columns`),
read the rows to draw (:func:`_tie_rows`, :func:`_keep_in_frame`), colours
(:func:`_relation_palette`), draw arcs, anchors and labels on the map and on the
Caucasus inset (:func:`_draw_ties`, :func:`_in_inset`), the legend (:func:`_tie_legend`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from regionkit._gazetteer_arg import takes_gazetteer
from regionkit.plot import _style as st
from regionkit.plot._classify import _fmt, _is_int, _normalize_keys
from regionkit.plot._insets import INSETS, inset_axes
from regionkit.plot._mapbase import Frame, _draw_countries, _frame, _new_axes, _projected, _Projected, _setup
from regionkit.plot._maplabels import _place_labels, _short_name
from regionkit.plot._maplegend import map_legend
from regionkit.plot._style import renderer as _renderer

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["tie_map"]


@dataclass
class _Ties:
    """What is drawn: the rows (ends normalised to ISO3), weights, relations, colours and the anchors."""

    t: pd.DataFrame
    w: np.ndarray
    rel: np.ndarray
    anchors: pd.DataFrame  # rk.anchors() indexed by iso3
    has_w: bool
    has_r: bool
    min_width: float
    max_width: float
    curvature: float
    palette: dict[str, str] = field(default_factory=dict)  # filled by _relation_palette
    cats: list[str] = field(default_factory=list)

    @property
    def ends(self) -> set[str]:
        return set(self.t["a"]) | set(self.t["b"])

    @property
    def order(self) -> np.ndarray:
        return np.argsort(self.w, kind="stable")  # heaviest drawn last (on top)

    @property
    def wrange(self) -> tuple[float, float]:
        return (float(self.w.max()), float(self.w.min())) if len(self.w) else (1.0, 1.0)

    def width(self, v: float) -> float:
        """Line width in points of weight *v* (linear between the smallest and the largest weight)."""
        wmax, wmin = self.wrange
        if not self.has_w or wmax == wmin:
            return (self.min_width + self.max_width) / 2 if self.has_w else 1.6
        return self.min_width + (self.max_width - self.min_width) * (v - wmin) / (wmax - wmin)


def _tie_columns(ties, weight, relation) -> tuple[str | None, str | None]:
    """The weight and relation columns to use (defaults filled in); a one-line error for a bad table."""
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
    return weight, relation


def _tie_rows(ties, weight, relation, relations, statuses, **widths) -> _Ties:
    """The ties to draw, with both ends as ISO3 codes and no tie of a country with itself."""
    from regionkit.geo import anchors
    from regionkit.plot._tiesel import drawn_ties

    t = drawn_ties(ties, relation, relations, statuses).copy()
    t["a"] = list(_normalize_keys(t["a"]))
    t["b"] = list(_normalize_keys(t["b"]))
    t = t.dropna(subset=["a", "b"])
    t = t[t["a"] != t["b"]]
    has_w = weight is not None and weight in t.columns
    has_r = relation is not None and relation in t.columns
    w = pd.to_numeric(t[weight], errors="coerce").fillna(0).to_numpy(float) if has_w else np.ones(len(t))
    rel = t[relation].astype(object).where(t[relation].notna(), "other").astype(str).to_numpy() if has_r else np.array(["tie"] * len(t))
    return _Ties(t, w, rel, anchors().set_index("iso3"), has_w, has_r, **widths)


def _keep_in_frame(d: _Ties, proj: _Projected) -> None:
    """Drop the ties with both ends beyond a regional frame (they are not drawn, nor in the legend)."""
    import pyproj

    a, ends = d.anchors, sorted(d.ends)
    tr0 = pyproj.Transformer.from_crs("EPSG:4326", proj.frame.crs, always_xy=True)
    ex0, ey0, ex1, ey1 = proj.extent
    xs0, ys0 = tr0.transform(a.loc[ends, "lon"].to_numpy(), a.loc[ends, "lat"].to_numpy())
    seen = {i for i, x_, y_ in zip(ends, xs0, ys0) if ex0 < x_ < ex1 and ey0 < y_ < ey1}
    keep_rows = (d.t["a"].isin(seen) | d.t["b"].isin(seen)).to_numpy()
    if not keep_rows.all():
        d.t, d.w, d.rel = d.t[keep_rows], d.w[keep_rows], d.rel[keep_rows]


def _relation_palette(d: _Ties, colors: dict[str, str] | None) -> None:
    """Relations in legend order and a colour for each: the shared relation colours, spare Okabe-Ito ones, overrides."""
    known = list(st.RELATION_COLORS)
    cats = sorted(set(d.rel), key=lambda r: (known.index(r) if r in known else len(known), r in ("other", "tie"), r))
    unknown = [c for c in cats if c not in st.RELATION_COLORS]
    spare = [c for c in st.OKABE_ITO if c.upper() not in {v.upper() for v in st.RELATION_COLORS.values()}]
    spare += [c for c in st.OKABE_ITO if c not in spare]
    palette = {c: st.RELATION_COLORS[c] for c in cats if c in st.RELATION_COLORS}
    palette.update({c: ("#0072B2" if not d.has_r else spare[i % len(spare)]) for i, c in enumerate(unknown)})
    palette.update(colors or {})
    d.cats, d.palette = cats, palette


def _draw_arcs(target, d: _Ties, pos: dict, scale: float) -> list:
    """One quadratic Bézier arc per tie, light first; the same pair always bends the same way."""
    from matplotlib.patches import FancyArrowPatch

    arcs = []
    for k in d.order:
        row = d.t.iloc[k]
        p0, p1 = np.array(pos[row["a"]]), np.array(pos[row["b"]])
        if tuple(p0) > tuple(p1):  # the same pair always bends the same way
            p0, p1 = p1, p0
        arc = FancyArrowPatch(
            tuple(p0), tuple(p1), connectionstyle=f"arc3,rad={d.curvature}", arrowstyle="-",
            linestyle="--" if d.rel[k] == "co_member" else "-", color=d.palette[d.rel[k]], lw=d.width(d.w[k]) * scale,
            alpha=0.85, zorder=3, shrinkA=2, shrinkB=2, capstyle="round", gid=f"regionkit-tie-{row['a']}-{row['b']}",
        )  # fmt: skip
        arc._regionkit_tie = (row["a"], row["b"], float(d.w[k]), d.rel[k])  # type: ignore[attr-defined]  # regionkit's record on the artist
        target.add_patch(arc)
        arcs.append(arc)
    return arcs


def _anchor_labels(target, d: _Ties, pos: dict, extent, label_list, scale: float, codes: bool) -> list:
    """Names (or ISO3 codes) at the anchor points inside the frame, so they name the arc ends."""
    texts = []
    x0, y0, x1, y1 = extent
    for i in label_list:  # labels sit at the anchor points (capitals), so they name the arc ends
        if i not in pos or not (x0 < pos[i][0] < x1 and y0 < pos[i][1] < y1):
            continue
        txt = target.text(
            *pos[i], i if codes else _short_name(str(d.anchors.loc[i, "name"])), fontsize=st.FONT_SIZES["label"] - (1 - scale) * 2,
            color=st.TEXT, ha="center", va="center", zorder=6, path_effects=st.halo(), gid=f"regionkit-label-{i}",
        )  # fmt: skip
        txt._regionkit_anchor = pos[i]
        texts.append(txt)
    return texts


def _draw_ties(target, pj: _Projected, d: _Ties, label_list, *, scale=1.0, codes=False) -> list:
    """Countries, arcs, anchor dots and labels of the ties on one axes (the map or its inset); return the arcs."""
    import pyproj

    ends = sorted(d.ends)
    _draw_countries(target, pj, {i: "#c9d3dc" for i in ends}, default="#e4e4e4")
    tr = pyproj.Transformer.from_crs("EPSG:4326", pj.frame.crs, always_xy=True)
    xs, ys = tr.transform(d.anchors["lon"].to_numpy(), d.anchors["lat"].to_numpy())
    pos = {i: (x, y) for i, x, y in zip(d.anchors.index, xs, ys, strict=True)}
    arcs = _draw_arcs(target, d, pos, scale)
    pts = np.array([pos[i] for i in ends]) if ends else np.zeros((0, 2))
    sc = target.scatter(pts[:, 0], pts[:, 1], s=9 * scale, c="#222222", zorder=4, gid="regionkit-anchors", linewidths=0)
    sc._regionkit_iso3 = ends
    texts = _anchor_labels(target, d, pos, pj.extent, label_list, scale, codes)
    edge: list = []
    if scale == 1.0:  # the main map: name the partners whose arcs leave the frame, at the frame's edge
        target._regionkit["off_frame"] = _mark_off_frame(target, d.t, pos, pj.extent, d.anchors, edge)
    target._regionkit["labels"] = texts

    def relayout() -> None:
        _place_labels(target, texts)
        _place_edge_labels(target, edge)

    target._regionkit["relayout"] = relayout
    relayout()
    return arcs


def _in_inset(fr: Frame, d: _Ties, inset) -> list[str]:
    """The tie ends inside the frame's default inset (``inset="auto"`` in the focus and world frames), sorted."""
    spec = INSETS.get(fr.name) if inset == "auto" else None
    if spec is None:
        return []
    ix0, iy0, ix1, iy1 = _frame(spec[0]).bbox
    a = d.anchors
    return sorted(i for i in d.ends if ix0 < a.loc[i, "lon"] < ix1 and iy0 < a.loc[i, "lat"] < iy1)


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
    weight, relation = _tie_columns(ties, weight, relation)
    fr = _frame(frame)
    d = _tie_rows(ties, weight, relation, relations, statuses, min_width=min_width, max_width=max_width,
                  curvature=curvature)  # fmt: skip
    proj = _projected(fr, world)
    ax = _new_axes(ax, proj, figsize)
    st.record(ax)["credits"].append("Capitals: GeoNames")
    missing = sorted(i for i in d.ends if i not in d.anchors.index)
    if missing:
        raise ValueError(f"no anchor point for {', '.join(missing)}; anchors exist for the countries of rk.anchors()")
    if not fr.is_world and len(d.t):  # a tie with both ends beyond the frame is not drawn (nor in the legend)
        _keep_in_frame(d, proj)
    _relation_palette(d, colors)

    # a zoomed inset (the Caucasus in the focus and world frames) when a tie ends there
    in_inset = _in_inset(fr, d, inset)
    if labels is None:
        labels = [] if fr.is_world else sorted(d.ends - set(in_inset))
    _setup(ax, proj)
    arcs = _draw_ties(ax, proj, d, [] if labels is False else list(labels))
    if in_inset:
        iax, sub = inset_axes(ax, proj, INSETS[fr.name][0], INSETS[fr.name][1], world)
        _draw_ties(iax, sub, d, [] if labels is False else in_inset, scale=0.8, codes=fr.is_world)
    st.record(ax).update({"ties": [arc._regionkit_tie for arc in arcs], "relation_colors": d.palette})
    _tie_legend(ax, fr, d, weight)
    return ax


def _tie_legend(ax, fr: Frame, d: _Ties, weight: str | None) -> None:
    """Relations (colour), the arrow of partners beyond the frame, and three widths (weight)."""
    from matplotlib.lines import Line2D

    handles, texts = [], []
    if d.has_r:
        for c in d.cats:
            handles.append(Line2D([], [], color=d.palette[c], lw=2.5, ls="--" if c == "co_member" else "-"))
            texts.append(st.RELATION_LABELS.get(c, str(c).replace("_", " ")))
    if st.record(ax).get("off_frame"):
        handles.append(Line2D([], [], ls="", marker=r"$\rightarrow$", color=st.TEXT, markersize=9))
        texts.append("name at the edge: partner beyond the frame")
    wmax, wmin = d.wrange
    if d.has_w and wmax > wmin:
        mid = (wmin + wmax) / 2
        if _is_int(d.w):
            mid = float(round(mid))
        for v in np.unique([wmin, mid, wmax]):
            handles.append(Line2D([], [], color="#555555", lw=d.width(v)))
            texts.append(f"{weight} {_fmt(v, _is_int([v]), False)}")
    if handles:
        parts = [x for x, ok in (("colour: relation", d.has_r), (f"width: {weight}", d.has_w and wmax > wmin)) if ok]
        map_legend(ax, fr, handles, texts, f"Ties ({', '.join(parts)})", framealpha=None, handlelength=2.2)


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

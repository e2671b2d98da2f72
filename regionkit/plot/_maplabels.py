"""Country labels on maps: placed at the pole of inaccessibility, then moved apart (with a leader when moved).

Private module of :mod:`regionkit.plot`. :func:`_labels` writes the labels of a
map and records a ``relayout`` step on ``ax._regionkit`` (``rk.plot.save`` runs it
again after every resize); :func:`_place_labels` is that step.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from regionkit.plot import _style as st
from regionkit.plot._mapbase import _ensure_points, _label_point, _Projected
from regionkit.plot._style import renderer as _renderer

_SHORT = {
    "United Arab Emirates": "UAE",
    "United States of America": "USA",
    "United Kingdom": "UK",
    "Dem. Rep. Congo": "DR Congo",
    "Central African Rep.": "CAR",
    "Bosnia and Herz.": "Bosnia",
    "Turkey": "Türkiye",
}
#: Distances (points) and directions (degrees) tried around a label's anchor, nearest first.
_RADII = (0, 8, 14, 20, 28, 38, 50, 64, 80)
_ANGLES = (90, 270, 45, 135, 315, 225, 0, 180, 30, 150, 330, 210)


def _short_name(name: str) -> str:
    return _SHORT.get(name, name)


def _label_points(proj: _Projected, iso3s: list[str]):
    """The rows of *iso3s* with their label point (``lx, ly``) inside the frame's extent.

    A country whose point lies outside the extent is labelled at the pole of
    inaccessibility of the part that shows.
    """
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
    return g[(g["lx"] > x0) & (g["lx"] < x1) & (g["ly"] > y0) & (g["ly"] < y1)]


def _labels(ax, proj: _Projected, iso3s, *, fontsize=None, codes=False):
    """Label countries at their pole of inaccessibility, then push overlapping labels apart (with leaders)."""
    iso3s = [i for i in dict.fromkeys(iso3s) if isinstance(i, str)]
    texts = []
    for row in _label_points(proj, iso3s).itertuples():
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


def _reset_labels(texts) -> None:
    """Put every label back on its anchor, visible, without a leader (before placing them again)."""
    for t in texts:
        t.set_position(t._regionkit_anchor)
        t.set_ha("center")
        t.set_visible(True)
        leader = getattr(t, "_regionkit_leader", None)
        if leader is not None:
            leader.remove()
            t._regionkit_leader = None


def _obstacles(ax, renderer) -> list[tuple[float, float, float, float]]:
    """Display-space boxes a label must not cover: small-state dots, the inset and its outline on the map."""
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
    return obstacles


def _box_at(cx: float, cy: float, dx: float, r: float, w: float, h: float) -> tuple[float, float, float, float]:
    """The label box at offset point (cx, cy), anchored on the side facing away from the anchor."""
    if r == 0 or abs(dx) < 1e-9:
        return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    if dx > 0:
        return (cx, cy - h / 2, cx + w, cy + h / 2)
    return (cx - w, cy - h / 2, cx, cy + h / 2)


def _free_box(anchor, size, dpi_scale: float, overlaps):
    """The nearest free box around *anchor* (display space) and its distance, or None when none is free."""
    ax_, ay_ = anchor
    w, h = size
    for r in _RADII:
        for ang in (0,) if r == 0 else _ANGLES:
            dx = r * dpi_scale * np.cos(np.radians(ang))
            dy = r * dpi_scale * np.sin(np.radians(ang))
            b = _box_at(ax_ + dx, ay_ + dy, dx, r, w, h)
            if not overlaps(b):
                return b, r
    return None


def _add_leader(ax, t, b, anchor_px) -> None:
    """A leader from the anchor to the nearest edge of the label box *b* (display space)."""
    to_data = ax.transData.inverted()
    ex = min(max(anchor_px[0], b[0]), b[2])
    ey = min(max(anchor_px[1], b[1]), b[3])
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


def _place_labels(ax, texts):
    """Resolve label overlaps greedily: try positions around the anchor, nearest first; add a leader when moved."""
    if not texts:
        return
    fig = ax.get_figure(root=True)
    _reset_labels(texts)
    renderer = _renderer(fig)
    to_data = ax.transData.inverted()
    placed: list = []  # display-space bboxes
    axbox = ax.get_window_extent(renderer)
    obstacles = _obstacles(ax, renderer)
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
        anchor_px = ax.transData.transform(t._regionkit_anchor)
        bb = t.get_window_extent(renderer)
        size = (bb.width + 2 * dpi_scale, bb.height + 1 * dpi_scale)
        chosen = _free_box(anchor_px, size, dpi_scale, partial(overlaps, own=id(t)))
        if chosen is None:  # no free place at this size (a thumbnail inset): leave it out, never overlap
            t.set_visible(False)
            continue
        b, r = chosen
        placed.append(b)
        t.set_position(to_data.transform(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)))
        if r > 10:
            _add_leader(ax, t, b, anchor_px)

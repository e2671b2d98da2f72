"""The groups map: who belongs to which group on a date; a country in several groups is hatched.

Private module; :func:`groups_map` is public as ``rk.plot.groups_map`` (and in
:mod:`regionkit.plot.maps`).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import pandas as pd

from regionkit._gazetteer_arg import takes_gazetteer
from regionkit.plot import _style as st
from regionkit.plot._insets import _inset, auto_labelled
from regionkit.plot._mapbase import Frame, _dots, _draw_countries, _frame, _new_axes, _outline, _paths, _projected, _setup
from regionkit.plot._mapbase import _small, anchors_names
from regionkit.plot._maplabels import _labels, _short_name
from regionkit.plot._maplegend import dot_handle, map_legend

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["groups_map"]

_HATCHES = ["////", "\\\\\\\\", "xxxx"]


def _group_name(group: str) -> str:
    """Display name of a group id in the legend (without a trailing note with numbers)."""
    from regionkit.groups import list_groups

    t = list_groups()
    names = t.loc[t["group_id"] == group, "group_name"]
    return st.clean_group_name(str(names.iloc[0])) if len(names) else group


def _where(groups, members: dict[str, list[str]]) -> dict[str, list[int]]:
    """ISO3 -> the positions in *groups* of the groups it belongs to."""
    where: dict[str, list[int]] = {}
    for j, g in enumerate(groups):
        for m in members[g]:
            where.setdefault(m, []).append(j)
    return where


def _hatcher(overlaps: dict[str, list[int]], cols: list[str]):
    """The step that hatches each country in several groups in its later groups' colours (map or inset)."""

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
                    [PathPatch(path)], facecolors="none", edgecolors="none", hatch=_HATCHES[n % 3], zorder=2,
                    gid=f"regionkit-overlap-{m}",
                )  # fmt: skip
                if hasattr(coll, "set_hatchcolor"):  # matplotlib >= 3.10
                    coll.set_hatchcolor(cols[j])
                    coll.set_hatch_linewidth(1.6)
                else:  # older matplotlib draws hatches in the edge colour
                    coll.set_edgecolor(cols[j])
                    coll.set_linewidth(0)
                target.add_collection(coll, autolim=False)

    return hatch


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
    from regionkit.groups import group_members

    fr = _frame(frame)
    groups = st.check_groups(groups)
    day = pd.Timestamp(as_of or _dt.date.today())
    default = st.group_colors(groups)  # same colour per group as the charts
    cols = list(colors) if colors is not None else [default[g] for g in groups]
    if len(cols) < len(groups):
        raise ValueError(f"need one colour per group ({len(groups)}), got {len(cols)}")
    members = {g: list(group_members(g, pd.Timestamp(day.strftime("%Y-%m-%d")))) for g in groups}
    proj = _projected(fr, world)
    ax = _new_axes(ax, proj, figsize)
    _setup(ax, proj)
    where = _where(groups, members)
    face = {m: cols[js[0]] for m, js in where.items()}
    _draw_countries(ax, proj, face)
    overlaps = {m: js for m, js in where.items() if len(js) > 1}
    hatch = _hatcher(overlaps, cols)
    hatch(ax, proj)
    for g in groups:
        _outline(ax, proj, members[g], color="#333333", lw=0.6, gid=f"regionkit-group-{g}", zorder=3)
    allm = list(where)
    small = _small(proj, allm)
    _dots(ax, proj, small, face, edge={m: cols[js[1]] for m, js in overlaps.items() if m in small})
    iax = _inset(ax, proj, inset, world, face, hatch=hatch, label=labels is not False,
                 outlines=[(members[g], "#333333", "-") for g in groups])  # fmt: skip
    if labels is None:
        skip = auto_labelled(proj, inset, iax)
        labels = [] if fr.is_world else [m for m in allm if m not in skip]
    if labels is not False:
        _labels(ax, proj, labels)
    st.record(ax).update({"groups": members, "overlaps": {m: [groups[j] for j in js] for m, js in overlaps.items()}, "as_of": day})
    _groups_legend(ax, fr, groups, members, cols, overlaps, bool(small), day)
    return ax


def _groups_legend(ax, fr: Frame, groups, members, cols, overlaps, small: bool, day) -> None:
    """One entry per group (with its size), one per combination of groups naming its countries, the dot."""
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
        handles.append(Patch(facecolor=cols[js[0]], edgecolor=cols[js[1]], hatch=_HATCHES[0], linewidth=0))
        listed = ", ".join(sorted(who)[:6]) + (f" +{len(who) - 6}" if len(who) > 6 else "")
        texts.append(" + ".join(_group_name(groups[j]) for j in js) + f": {listed}")
    if small:
        handles.append(dot_handle())
        texts.append("small country (dot)")
    map_legend(ax, fr, handles, texts, f"Membership on {day:%Y-%m-%d}", framealpha=None, handlelength=1.6,
               handleheight=1.2)  # fmt: skip

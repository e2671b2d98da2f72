"""The legend of a map: one placement for every map (beside a regional map, inside a world map).

Private module of :mod:`regionkit.plot`. Every map draws its legend with
:func:`map_legend`, which places it with :func:`regionkit.plot._style.place_legend`
(``"right"`` of a regional map, ``"inside"`` the South Pacific of a world map) and
moves it below a world map when it is too wide for that corner.
"""

from __future__ import annotations

from regionkit.plot import _style as st
from regionkit.plot._mapbase import Frame
from regionkit.plot._style import renderer as _renderer


def map_legend(ax, fr: Frame, handles, texts, title: str, **style):
    """Draw the regionkit legend of a map in *fr*; *style* are the map's own ``ax.legend`` options."""
    leg = st.place_legend(ax, handles, texts, where="inside" if fr.is_world else "right", title=title, **style)
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


def dot_handle():
    """Legend handle of a small country drawn as a dot."""
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="none", markersize=4.5, markerfacecolor=st.MUTED, markeredgecolor="#333333",
                  markeredgewidth=0.6)  # fmt: skip


def ring_handle(color: str):
    """Legend handle of a dot ringed in a group's outline colour."""
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="none", markersize=5, markerfacecolor="white", markeredgecolor=color,
                  markeredgewidth=1.4)  # fmt: skip

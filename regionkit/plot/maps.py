"""Maps: choropleths of per-country values, group membership, and ties between countries.

Every function draws on a regional projection chosen by ``frame=`` (see
:data:`FRAMES`), returns the matplotlib ``Axes``, accepts ``ax=`` and never
calls ``plt.show()``. Export with :func:`regionkit.plot.save`, which adds the
credit line ("Boundaries: Natural Earth" plus the values' source).

What was drawn is recorded on ``ax._regionkit`` (a dict: ``frame``,
``colors`` iso3 -> hex face colour, ``classes``, ``credits`` ...), so tests and
notebooks can check a map without reading pixels.

One module per map (:mod:`regionkit.plot._choropleth`, :mod:`regionkit.plot._groupsmap`,
:mod:`regionkit.plot._tiemap`), sharing the machinery of :mod:`regionkit.plot._mapbase`
(frames, projection, fills, outlines, dots), :mod:`regionkit.plot._maplabels` (labels),
:mod:`regionkit.plot._insets` (the one inset builder), :mod:`regionkit.plot._maplegend`
(the one legend placement) and :mod:`regionkit.plot._classify` (accepted inputs and classes).
"""

from __future__ import annotations

from regionkit.plot._choropleth import choropleth
from regionkit.plot._classify import _fisher_jenks  # noqa: F401  (re-exported: tests compare it with mapclassify)
from regionkit.plot._groupsmap import groups_map
from regionkit.plot._insets import INSETS
from regionkit.plot._mapbase import FOCUS_STATES, FRAMES, Frame
from regionkit.plot._tiemap import tie_map

__all__ = ["FRAMES", "INSETS", "Frame", "FOCUS_STATES", "choropleth", "groups_map", "tie_map"]

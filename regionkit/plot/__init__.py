"""Maps and charts (matplotlib + geopandas, imported only when this module is used).

Every function returns the matplotlib ``Axes``, accepts ``ax=``, and never calls
``plt.show()``. Export any of them with :func:`save`.

Maps live in :mod:`regionkit.plot.maps`, charts in :mod:`regionkit.plot.charts`,
the export helper in :mod:`regionkit.plot._export`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "choropleth": "regionkit.plot.maps",
    "groups_map": "regionkit.plot.maps",
    "tie_map": "regionkit.plot.maps",
    "FRAMES": "regionkit.plot.maps",
    "INSETS": "regionkit.plot.maps",
    "save": "regionkit.plot._export",
    "PRESETS": "regionkit.plot._export",
    "tie_network": "regionkit.plot.charts",
    "timeline": "regionkit.plot.charts",
    "comention_heatmap": "regionkit.plot.charts",
    "top_countries": "regionkit.plot.charts",
    "explore": "regionkit.plot._explore",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'regionkit.plot' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__

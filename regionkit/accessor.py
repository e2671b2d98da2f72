"""``DataFrame.rk``: a thin pandas accessor over regionkit's functions (delegations only).

>>> import regionkit as rk
>>> arts = rk.read_articles("data/articles")            # doctest: +SKIP
>>> mentions = arts.rk.mentions()                        # rk.extract_mentions(arts)  # doctest: +SKIP
>>> mentions.rk.countries()                              # rk.article_countries(mentions)  # doctest: +SKIP
>>> mentions.rk.counts().rk.choropleth()                 # rk.plot.choropleth(rk.country_counts(mentions))  # doctest: +SKIP

Every method calls one public function with the frame as its first argument and
passes the keywords through, so the functions' docs are the accessor's docs. Nothing
is computed or cached here.

The accessor is registered when pandas and regionkit are both loaded: at ``import
regionkit`` if pandas is already imported (the usual notebook order), else as soon
as regionkit loads its table schema (any reading, extraction or counting step).
``import regionkit.accessor`` registers it explicitly.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["RegionkitAccessor", "register"]


class RegionkitAccessor:
    """``df.rk``: regionkit's steps as methods of a DataFrame of articles, mentions or counts."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def mentions(self, **kwargs: Any) -> pd.DataFrame:
        """Articles -> mentions: :func:`regionkit.extract_mentions` (``gazetteer=``, ``rules=``, ... pass through)."""
        from regionkit.extract import extract_mentions

        return extract_mentions(self._frame, **kwargs)  # type: ignore[return-value]

    def countries(self, articles: Any = None, **kwargs: Any) -> pd.DataFrame:
        """Mentions -> one row per article with its countries: :func:`regionkit.article_countries`."""
        from regionkit.countries import article_countries

        return article_countries(self._frame, articles, **kwargs)

    def counts(self, articles: Any = None, **kwargs: Any) -> pd.DataFrame:
        """Mentions -> per-country counts: :func:`regionkit.country_counts`."""
        from regionkit.countries import country_counts

        return country_counts(self._frame, articles, **kwargs)

    def expand_groups(self, **kwargs: Any) -> pd.DataFrame:
        """Mentions -> mentions plus one row per group member: :func:`regionkit.expand_groups`."""
        from regionkit.groups import expand_groups

        return expand_groups(self._frame, **kwargs)

    def ties(self, **kwargs: Any) -> pd.DataFrame:
        """Articles (or mentions, with ``articles=``) -> ties: :func:`regionkit.extract_ties`."""
        from regionkit.ties import extract_ties

        return extract_ties(self._frame, **kwargs)

    def choropleth(self, **kwargs: Any) -> Any:
        """Counts (or any per-country values) -> a map: :func:`regionkit.plot.choropleth`; returns the Axes."""
        from regionkit.plot import choropleth

        return choropleth(self._frame, **kwargs)


def register() -> None:
    """Register ``DataFrame.rk`` (idempotent)."""
    if "rk" not in getattr(pd.DataFrame, "_accessors", set()):
        pd.api.extensions.register_dataframe_accessor("rk")(RegionkitAccessor)


register()

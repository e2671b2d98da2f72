"""The bundled demo corpus, from the installed package (no repository checkout needed).

>>> import regionkit as rk
>>> arts = rk.demo_articles()          # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["demo_articles", "DEMO_FILES"]

#: The files of the demo corpus in regionkit's data folder: 34 dated US-government texts
#: (public domain) and the seed page (a scraped news page with its navigation and teasers).
DEMO_FILES = ("demo_articles.jsonl", "000_882ee92918b85e76.txt")


def demo_articles(*, seed: bool = True) -> pd.DataFrame:
    """Return the demo corpus shipped with regionkit as an articles table.

    Works from any folder: the files are read from the installed package (or the
    checkout's ``data/articles`` in an editable install), not from the working directory.

    Parameters
    ----------
    seed : bool
        Include the seed page (``000_882ee92918b85e76.txt``: a scraped news page about
        the Abraham Accords and Central Asia, with navigation and a repeated teaser).

    Returns
    -------
    pandas.DataFrame
        Columns of :func:`regionkit.read_articles` (``article_id, title, date, source,
        path, text`` plus ``license, attribution``); 35 rows with the seed page.
        Provenance: ``data/provenance/articles.md`` in the package data.
    """
    from regionkit._resources import data_path
    from regionkit.articles import read_articles

    if seed:  # the whole folder: the same table as rk.read_articles("data/articles") in a checkout
        return read_articles(data_path("articles"))
    return read_articles(data_path("articles", DEMO_FILES[0]))

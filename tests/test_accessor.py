"""``DataFrame.rk`` delegates to the public functions, and registering it keeps ``import regionkit`` light."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

import regionkit as rk
import regionkit.accessor  # noqa: F401  (explicit registration)


def test_methods_are_the_functions(demo_articles):
    m = demo_articles.rk.mentions()
    pd.testing.assert_frame_equal(m, rk.extract_mentions(demo_articles))
    pd.testing.assert_frame_equal(m.rk.countries(), rk.article_countries(m))
    pd.testing.assert_frame_equal(m.rk.countries(demo_articles), rk.article_countries(m, demo_articles))
    pd.testing.assert_frame_equal(m.rk.counts(by="country"), rk.country_counts(m, by="country"))
    pd.testing.assert_frame_equal(m.rk.expand_groups(as_of="2026-01-01"), rk.expand_groups(m, as_of="2026-01-01"))
    head = demo_articles.head(4)
    pd.testing.assert_frame_equal(head.rk.ties(), rk.extract_ties(head))


def test_keywords_pass_through():
    frame = pd.DataFrame({"article_id": ["a"], "text": ["The Middle Kingdom and Kazakhstan met."]})
    g = rk.default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
    assert frame.rk.mentions(gazetteer=g)["iso3"].tolist() == ["CHN", "KAZ"]
    assert frame.rk.mentions(kinds="name", rules=rk.rules().without("person_name"))["iso3"].tolist() == ["KAZ"]


def test_choropleth_from_counts_returns_the_axes(demo_articles):
    import matplotlib

    counts = rk.country_counts(rk.extract_mentions(demo_articles), by="country")
    ax = counts.rk.choropleth(frame="caucasus")
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_xlim() == rk.plot.choropleth(counts, frame="caucasus").get_xlim()


def _fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_registration_is_lazy_and_happens_in_either_import_order():
    # import regionkit alone pulls neither pandas nor the accessor
    assert _fresh("import sys, regionkit; print('pandas' in sys.modules, 'regionkit.accessor' in sys.modules)") \
        == "False False"
    # pandas first (the usual notebook order): registered at import regionkit
    assert _fresh("import pandas as pd, regionkit; print(hasattr(pd.DataFrame(), 'rk'))") == "True"
    # regionkit first: registered on the first use of a regionkit step
    assert _fresh("import regionkit as rk, pandas as pd; rk.extract_mentions('Armenia'); "
                  "print(hasattr(pd.DataFrame(), 'rk'))") == "True"

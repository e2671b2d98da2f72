"""``regionkit demo PATH -o OUT``: the quickstart job — tables and figures for a corpus.

Reads the articles, extracts mentions, writes the tables, then (unless
``--no-figures``) draws the standard maps and charts into ``OUT/figures``.
Computing never draws: every table is written before the first figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from regionkit._errors import UsageError

FOCUS_GROUPS = ["south_caucasus", "central_asia", "abraham_accords"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the demo job: tables and figures for a corpus",
                       description="Read articles, extract mentions and ties, write tables and figures to OUT.")
    p.add_argument("paths", nargs="*", default=[], metavar="PATH",
                   help="article files or folders (default: the demo corpus bundled with regionkit)")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    p.add_argument("--no-figures", action="store_true", help="write the tables only")
    p.add_argument("--as-of", default="2026-01-01", help="date for group memberships on the groups map")
    p.set_defaults(run=run)


def _log(msg: str) -> None:
    print(f"[regionkit demo] {msg}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    rk = _steps()
    from regionkit.outputs import atomic_write, write_table

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"output {out} exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {out}: {exc.strerror or exc}") from None
    t0 = time.perf_counter()
    arts = rk.read_articles(args.paths) if args.paths else rk.demo_articles()
    m = rk.extract_mentions(arts)
    per_article = rk.country_counts(m, arts)
    per_country = rk.country_counts(m, arts, by="country")
    lists = rk.article_countries(m, arts)
    write_table(m, out / "mentions.csv")  # atomic: a complete file or none
    write_table(m, out / "mentions.parquet")
    write_table(per_article, out / "country_counts_by_article.csv")
    write_table(per_country, out / "country_counts.csv")
    write_table(lists.assign(countries=lists["countries"].map(";".join)), out / "article_countries.csv")
    written = ["mentions.csv", "mentions.parquet", "country_counts_by_article.csv", "country_counts.csv",
               "article_countries.csv"]
    ties = weights = None
    try:
        ties = rk.extract_ties(m, articles=arts)
        weights = rk.tie_table(ties)
        write_table(ties, out / "ties.csv")
        write_table(weights, out / "tie_table.csv")
        write_table(rk.reference_ties(), out / "reference_ties.csv")
        written += ["ties.csv", "tie_table.csv", "reference_ties.csv"]
    except (ImportError, AttributeError) as exc:  # ties module not installed in this build
        _log(f"ties skipped: {exc}")
    no_mention = int((lists["n_countries"] == 0).sum())
    summary = (
        f"articles read: {len(arts)}\n"
        f"articles with no country mention (body): {no_mention}\n"
        f"mentions: {len(m)} ({int((m['section'] == 'body').sum())} body, {int((m['section'] == 'boilerplate').sum())} boilerplate)\n"
        f"countries mentioned: {per_country['iso3'].nunique()}\n"
        f"top countries: {', '.join(f'{r.country} ({r.articles})' for r in per_country.head(8).itertuples())}\n"
    )
    atomic_write(out / "summary.txt", lambda fh: fh.write(summary), mode="w", encoding="utf-8")
    _log(f"tables written to {out}/ in {time.perf_counter() - t0:.1f} s: {', '.join(written)}")
    if not args.no_figures:
        figures = _figures(rk, out / "figures", per_country, weights, args.as_of)
        _log(f"figures written to {out}/figures/: {', '.join(figures)}")
        made = _interactive(rk, out, per_country, weights, m, arts)
        if made:
            _log(f"interactive map and network (offline HTML) written: {', '.join(made)}")
    t1 = time.perf_counter()
    rk.report(arts, out / "report.html", mentions=m, as_of=args.as_of, figures=not args.no_figures)
    _log(f"report written to {out}/report.html in {time.perf_counter() - t1:.1f} s (one self-contained file)")
    print(summary, end="")
    return 0


def _steps():
    """The steps this job runs, imported from their modules (not through ``import regionkit``: no import cycle)."""
    from types import SimpleNamespace

    from regionkit.articles import read_articles
    from regionkit.countries import article_countries, country_counts
    from regionkit.demo import demo_articles
    from regionkit.extract import extract_mentions
    from regionkit.plot import _export, charts, maps
    from regionkit.plot._explore import explore
    from regionkit.reporting import report
    from regionkit.ties import extract_ties, reference_ties, tie_table

    plot = SimpleNamespace(save=_export.save, choropleth=maps.choropleth, groups_map=maps.groups_map,
                           tie_map=maps.tie_map, tie_network=charts.tie_network, timeline=charts.timeline,
                           top_countries=charts.top_countries, explore=explore)
    return SimpleNamespace(read_articles=read_articles, demo_articles=demo_articles, extract_mentions=extract_mentions,
                           country_counts=country_counts, article_countries=article_countries,
                           extract_ties=extract_ties, tie_table=tie_table, reference_ties=reference_ties,
                           report=report, plot=plot)


def _interactive(rk, out: Path, per_country, weights, m, arts) -> list[str]:
    try:
        import plotly  # noqa: F401
    except ImportError:
        _log("interactive maps skipped: pip install 'regionkit[explore]' for them")
        return []
    rk.plot.explore(per_country, mentions=m, articles=arts, path=out / "explore_map.html")
    made = ["explore_map.html"]
    if weights is not None and len(weights):
        rk.plot.explore(weights, mentions=m, articles=arts, path=out / "explore_ties.html")
        made.append("explore_ties.html")
    return made


def _figures(rk, folder: Path, per_country, weights, as_of: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    import matplotlib

    from regionkit.outputs import save_figure

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    source = "Mentions: regionkit on the bundled demo corpus"
    made: list[str] = []

    def save(ax, name: str, **kw) -> None:
        save_figure(rk.plot.save, ax, folder / name, **kw)
        plt.close(ax.figure)
        made.append(name)

    ax = rk.plot.choropleth(per_country, value="articles", frame="world", highlight=FOCUS_GROUPS)
    save(ax, "mentions_world.png", preset="paper-double", data_source=source)
    ax = rk.plot.choropleth(per_country, value="articles", frame="focus", highlight=FOCUS_GROUPS)
    for ext in ("png", "svg", "pdf"):
        save_figure(rk.plot.save, ax, folder / f"mentions_focus.{ext}", preset="paper-double", data_source=source)
        made.append(f"mentions_focus.{ext}")
    plt.close(ax.figure)
    ax = rk.plot.groups_map(as_of=as_of)
    save(ax, "groups.png", preset="paper-double", data_source="Memberships: regionkit's groups table (a cited source per row)")
    ax = rk.plot.top_countries(per_country)
    save(ax, "top_countries.png", preset="paper-single", data_source=source)
    ax = rk.plot.timeline(rk.reference_ties(), countries=["ISR", "AZE", "KAZ", "ARE", "BHR", "MAR", "SDN"])
    save(ax, "timeline.png", preset="paper-double", data_source="Record: regionkit's reference tables (a cited source per row)")
    if weights is not None and len(weights):
        ax = rk.plot.tie_network(weights, highlight=FOCUS_GROUPS, seed=7)
        save(ax, "tie_network.png", preset="paper-double", data_source=source)
        strong = weights[weights["weight"] >= 2]  # pairs named together in 2+ sentences: a readable map
        ax = rk.plot.tie_map(strong if len(strong) else weights, frame="focus")
        save(ax, "tie_map.png", preset="paper-double", data_source=source + " (pairs in 2+ sentences)")
    return made

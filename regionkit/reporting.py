"""One self-contained HTML report of a corpus: :func:`report`.

Tables, maps and charts, the evidence sentences of the strongest ties with their
country mentions highlighted, and what was read and what was left out, in one file
with no external resource (figures are inlined PNG, styles inline): it opens offline,
in any browser, and prints (A4 or Letter) with page breaks between sections.
"""

from __future__ import annotations

import base64
import html
import io
import time
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["report"]

FOCUS_GROUPS = ("south_caucasus", "central_asia", "abraham_accords")
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;
margin-top:2.2rem}h3{font-size:1.05rem;margin-bottom:.3rem}
.meta{color:#666;font-size:.9rem}table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0;break-inside:avoid}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}mark{background:#ffe08a;padding:0 .1em;border-radius:2px}
mark.b{background:#b9e3ff}.ev{margin:.3rem 0 .8rem 0;padding:.4rem .6rem;border-left:3px solid #ccc;
background:#fafafa;font-size:.9rem;break-inside:avoid}.src{color:#777;font-size:.8rem}
nav ol{columns:2;font-size:.9rem}.note{font-size:.85rem;color:#555}
@media print{body{max-width:none;margin:0}h2{break-before:page}h2.first{break-before:avoid}nav{display:none}
a{color:inherit;text-decoration:none}}
"""


def report(
    articles: pd.DataFrame,
    path: str | Path = "report.html",
    *,
    mentions: pd.DataFrame | None = None,
    title: str = "regionkit report",
    as_of: Any = "2026-01-01",
    top_ties: int = 8,
    evidence: int = 3,
    figures: bool = True,
) -> Path:
    """Write one self-contained, printable HTML report of *articles*.

    Parameters
    ----------
    articles : DataFrame
        ``rk.read_articles(...)`` or ``rk.demo_articles()`` output.
    path : str or Path
        The HTML file to write (parent folders are created).
    mentions : DataFrame, optional
        ``rk.extract_mentions(articles)`` if already computed.
    title : str
        Heading of the report.
    as_of : date-like
        Date of the group memberships on the groups map.
    top_ties : int
        How many of the strongest ties get their evidence sentences.
    evidence : int
        Sentences shown per tie.
    figures : bool
        Draw the maps and charts (``False``: tables only, faster).

    Returns
    -------
    pathlib.Path
        The written file: no external resource (figures are inlined PNG), so it opens
        offline and prints.
    """
    from regionkit.countries import article_countries, country_counts
    from regionkit.extract import extract_mentions
    from regionkit.ties import extract_ties, reference_ties, tie_table

    t0 = time.perf_counter()
    if mentions is None:
        mentions = extract_mentions(articles)
    assert isinstance(mentions, pd.DataFrame)  # a DataFrame of articles in: a DataFrame of mentions out
    per_country = country_counts(mentions, articles, by="country")
    lists = article_countries(mentions, articles)
    ties = extract_ties(mentions, articles=articles)
    weights = tie_table(ties)
    parts = [f"<h1>{html.escape(title)}</h1>",
             f"<p class='meta'>{len(articles)} articles, {len(mentions)} mentions, "
             f"{per_country['iso3'].nunique()} countries, {len(weights)} country pairs. "
             f"Made with regionkit {_version()}.</p>", _nav()]
    parts.append(_read_section(articles, mentions, lists))
    parts.append(_countries_section(per_country))
    if figures:
        parts.append(_figures_section(per_country, weights, reference_ties(), as_of))
    parts.append(_ties_section(weights))
    parts.append(_evidence_section(weights, ties, mentions, articles, top_ties, evidence))
    parts.append(f"<p class='note'>Report written in {time.perf_counter() - t0:.1f} s. Boundaries: Natural Earth "
                 "(public domain). Capitals: GeoNames. Record: regionkit's reference tables, a cited source per row.</p>")
    doc = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
           "<meta name='viewport' content='width=device-width, initial-scale=1'>"
           f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
           + "\n".join(parts) + "</body></html>")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc, encoding="utf-8")
    return path


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("regionkit")
    except PackageNotFoundError:  # a checkout on sys.path, not installed
        return "(not installed)"


def _nav() -> str:
    items = [("read", "What was read"), ("countries", "Countries"), ("figures", "Maps and charts"),
             ("ties", "Ties"), ("evidence", "Evidence of the strongest ties")]
    return "<nav><ol>" + "".join(f"<li><a href='#{a}'>{t}</a></li>" for a, t in items) + "</ol></nav>"


def _table(df: pd.DataFrame, numeric: tuple[str, ...] = ()) -> str:
    head = "".join(f"<th class='{'n' if c in numeric else ''}'>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for r in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, r):
            text = "" if v is None or (isinstance(v, float) and pd.isna(v)) else (f"{v:.1%}" if c == "share" else str(v))
            cells.append(f"<td class='{'n' if c in numeric else ''}'>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _read_section(articles: pd.DataFrame, mentions: pd.DataFrame, lists: pd.DataFrame) -> str:
    from regionkit._schema import DIRECT_KINDS

    body = mentions[mentions["section"] == "body"]
    boiler = mentions[mentions["section"] == "boilerplate"]
    direct = body[body["kind"].isin(DIRECT_KINDS)]
    other_kinds = body[~body["kind"].isin(DIRECT_KINDS)]["kind"].value_counts()
    none = lists[lists["n_countries"] == 0]
    per = mentions.groupby(mentions["article_id"].astype(str))["section"].value_counts().unstack(fill_value=0)
    rows = []
    for a in articles.itertuples():
        aid = str(a.article_id)
        n_body = int(per.loc[aid, "body"]) if aid in per.index and "body" in per.columns else 0
        n_boil = int(per.loc[aid, "boilerplate"]) if aid in per.index and "boilerplate" in per.columns else 0
        countries = lists.loc[lists["article_id"].astype(str) == aid, "countries"]
        rows.append({"article": aid, "date": "" if pd.isna(a.date) else str(a.date)[:10],
                     "title": str(a.title)[:90], "source": str(a.source)[:40], "body mentions": n_body,
                     "skipped (boilerplate)": n_boil,
                     "countries": ", ".join(countries.iloc[0]) if len(countries) else ""})
    skipped = ", ".join(f"{k} {v}" for k, v in other_kinds.items()) or "none"
    out = [
        "<h2 id='read' class='first'>What was read</h2>",
        f"<p>{len(articles)} articles read; {len(none)} of them name no country in their body"
        + (f" ({', '.join(html.escape(str(x)) for x in none['article_id'])})" if len(none) else "") + ". "
        f"{len(mentions)} mentions found: <b>{len(direct)}</b> count for the countries (names, demonyms, "
        f"capitals, metonyms, places in the body); <b>{len(boiler)}</b> were skipped as boilerplate "
        "(navigation, related-article teasers, repeated blocks); mentions of other kinds are listed but "
        f"not counted as a country: {html.escape(skipped)}.</p>",
        _table(pd.DataFrame(rows), numeric=("body mentions", "skipped (boilerplate)")),
    ]
    return "\n".join(out)


def _countries_section(per_country: pd.DataFrame) -> str:
    cols = [c for c in ("iso3", "country", "articles", "mentions", "share") if c in per_country.columns]
    top = per_country[cols].head(30)
    return ("<h2 id='countries'>Countries</h2><p>The countries the articles refer to, by the number of "
            f"articles (first 30 of {len(per_country)}).</p>" + _table(top, numeric=("articles", "mentions", "share")))


def _png(ax, preset: str = "paper-double", **kw) -> str:
    import matplotlib.pyplot as plt

    from regionkit.plot._export import save

    buf = io.BytesIO()
    tmp = Path(_tmpdir()) / "figure.png"
    save(ax, tmp, preset=preset, dpi=150, **kw)
    buf.write(tmp.read_bytes())
    plt.close(ax.get_figure(root=True))
    return base64.b64encode(buf.getvalue()).decode("ascii")


_TMP: list = []


def _tmpdir() -> str:
    import tempfile

    if not _TMP:
        _TMP.append(tempfile.TemporaryDirectory(prefix="regionkit-report-"))
    return _TMP[0].name


def _figure(b64: str, caption: str) -> str:
    return (f"<figure><img alt='{html.escape(caption)}' src='data:image/png;base64,{b64}'>"
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def _figures_section(per_country, weights, ref, as_of) -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from types import SimpleNamespace

    from regionkit.plot import charts, maps

    plot = SimpleNamespace(choropleth=maps.choropleth, top_countries=charts.top_countries, groups_map=maps.groups_map,
                           tie_network=charts.tie_network, tie_map=maps.tie_map, timeline=charts.timeline)
    source = "Mentions: regionkit"
    out = ["<h2 id='figures'>Maps and charts</h2>"]
    out.append(_figure(_png(plot.choropleth(per_country, value="articles", frame="focus", highlight=list(FOCUS_GROUPS)),
                            data_source=source),
                       "Articles mentioning each country, North Africa to Central Asia (Caucasus inset)."))
    out.append(_figure(_png(plot.choropleth(per_country, value="articles", frame="world"), data_source=source),
                       "Articles mentioning each country, world."))
    out.append(_figure(_png(plot.top_countries(per_country), preset="paper-single", data_source=source),
                       "The most-mentioned countries, coloured by group."))
    out.append(_figure(_png(plot.groups_map(as_of=as_of),
                            data_source="Memberships: regionkit's groups table (a cited source per row)"),
                       f"Group membership on {as_of}."))
    if len(weights):
        out.append(_figure(_png(plot.tie_network(weights), data_source=source),
                           "Ties between countries named in one sentence: colour = main relation, width = sentences."))
        strong = weights[weights["weight"] >= 2]
        out.append(_figure(_png(plot.tie_map(strong if len(strong) else weights), data_source=source),
                           "Ties between capitals (pairs named together in 2+ sentences)."))
    out.append(_figure(_png(plot.timeline(ref, countries=["ISR", "AZE", "KAZ", "ARE", "BHR", "MAR", "SDN"]),
                            data_source="Record: regionkit's reference tables (a cited source per row)"),
                       "The record: Israel's relations with Azerbaijan and Kazakhstan, and the Abraham Accords."))
    return "\n".join(out)


def _ties_section(weights: pd.DataFrame) -> str:
    from regionkit.plot._style import country_label

    if weights.empty:
        return "<h2 id='ties'>Ties</h2><p>No two countries are named in one sentence.</p>"
    cols = [c for c in ("a", "b", "articles", "sentences", "weight", "dominant") if c in weights.columns]
    top = weights[cols].head(25).copy()
    top.insert(2, "pair", [f"{country_label(a)} – {country_label(b)}" for a, b in zip(top["a"], top["b"])])
    nums = ("articles", "sentences", "weight")
    return ("<h2 id='ties'>Ties</h2><p>Pairs of countries named in one sentence, strongest first (first 25 of "
            f"{len(weights)}); <i>dominant</i> is the most frequent relation the sentences state.</p>"
            + _table(top, numeric=nums))


def _evidence_section(weights, ties, mentions, articles, top_ties: int, per_tie: int) -> str:
    from regionkit.extract import sentence_spans
    from regionkit.plot._style import country_label

    out = ["<h2 id='evidence'>Evidence of the strongest ties</h2>",
           "<p>The sentences behind each of the strongest ties; the two countries' mentions are "
           "<mark>highlighted</mark> (other countries <mark class='b'>in blue</mark>).</p>"]
    texts = dict(zip(articles["article_id"].astype(str), articles["text"].astype(str)))
    titles = dict(zip(articles["article_id"].astype(str), articles["title"].astype(str)))
    spans: dict[str, list] = {}
    m = mentions[mentions["iso3"].notna()]
    key = (m["article_id"].astype(str), m["sentence"])
    by_sentence = {k: g for k, g in m.groupby(list(key))}
    for r in weights.head(top_ties).itertuples():
        a, b = str(r.a), str(r.b)
        rows = ties[(ties["a"].astype(str) == a) & (ties["b"].astype(str) == b)]
        rows = rows.drop_duplicates(["article_id", "sentence"]).head(per_tie)
        out.append(f"<h3>{html.escape(country_label(a))} – {html.escape(country_label(b))} "
                   f"<span class='src'>({r.weight:g} sentences, mostly {html.escape(str(getattr(r, 'dominant', '')))})"
                   "</span></h3>")
        for t in rows.itertuples():
            aid, sent = str(t.article_id), int(t.sentence)
            text = texts.get(aid)
            if text is None:
                continue
            sp = spans.setdefault(aid, list(sentence_spans(text)))
            if not 0 <= sent < len(sp):
                continue
            start, end = sp[sent]
            marks = by_sentence.get((aid, sent))
            shown = _marked(text, start, end, marks, {a, b})
            out.append(f"<div class='ev'>{shown}<br><span class='src'>{html.escape(titles.get(aid, aid))} "
                       f"({html.escape(aid)}, sentence {sent}, relation: {html.escape(str(t.relation))})</span></div>")
    return "\n".join(out)


def _marked(text: str, start: int, end: int, marks, pair: set[str]) -> str:
    spans = [] if marks is None else sorted(
        (int(s), int(e), str(i)) for s, e, i in zip(marks["start"], marks["end"], marks["iso3"]) if start <= s < e <= end)
    out, pos = [], start
    for s, e, iso in spans:
        if s < pos:
            continue
        cls = "" if iso in pair else " class='b'"
        out += [html.escape(text[pos:s]), f"<mark{cls}>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:end]))
    return " ".join("".join(out).split())

"""Interactive map and tie network for JupyterLab and saved HTML: :func:`explore` (plotly).

Why plotly: its JavaScript is bundled in the Python package, so a figure renders in
JupyterLab and in a saved HTML file with no network at all. folium and ipyleaflet draw
on web-map tiles fetched from a tile server, and plotly's own ``geo`` maps fetch their
base map (``world_110m.json``) from a CDN: measured in headless Chromium, both make a
request the browser test forbids. So the map here is drawn from regionkit's own
Natural Earth boundaries, projected like the static maps, as plain filled shapes.
plotly is imported only when :func:`explore` runs (``pip install 'regionkit[explore]'``).
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import pandas as pd

from regionkit.plot import _style as st

__all__ = ["explore"]

DEFAULT_GROUPS = ("south_caucasus", "central_asia", "abraham_accords")


def _plotly():
    try:
        import plotly.graph_objects as go
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("rk.plot.explore needs plotly: pip install 'regionkit[explore]'") from exc
    return go


def explore(
    data: pd.DataFrame | pd.Series,
    *,
    kind: str | None = None,
    mentions: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
    value: str | None = None,
    frame: Any = "focus",
    highlight: Any = DEFAULT_GROUPS,
    top: int | None = 40,
    seed: int = 7,
    as_of: Any = None,
    evidence: int = 3,
    path: str | Path | None = None,
):
    """An interactive map of counts or network of ties, with hover and zoom (plotly, offline).

    Parameters
    ----------
    data : DataFrame or Series
        Per-country values (``rk.country_counts(..., by="country")`` or a Series indexed
        by ISO3) for a map, or ties (``rk.tie_table(...)`` / ``rk.extract_ties(...)``)
        for a network.
    kind : {"map", "network"}, optional
        What to draw; default: a network when *data* has columns ``a`` and ``b``.
    mentions, articles : DataFrame, optional
        ``rk.extract_mentions`` output and the articles it came from: hovering a country
        (or a tie) then shows up to *evidence* sentences that name it.
    value : str, optional
        Column to colour a map by (default ``articles``, else ``mentions``).
    frame
        Map frame, as in :func:`regionkit.plot.choropleth` (``"focus"``, ``"world"`` ...).
    highlight : group ids
        Groups whose colour fills the network's nodes (as in :func:`tie_network`).
    top : int or None
        Network: keep the heaviest *top* ties.
    seed : int
        Network layout seed (the same layout as :func:`tie_network`).
    as_of : date-like, optional
        Date for group membership.
    evidence : int
        How many sentences to show on hover.
    path : str or Path, optional
        Also write a self-contained HTML file (plotly's JavaScript inlined, no network).

    Returns
    -------
    plotly.graph_objects.Figure
        Shown by JupyterLab when it is the last value of a cell; ``fig.write_html(...)``
        saves it (use ``include_plotlyjs=True`` to keep it offline, as *path* does).
    """
    if kind is None:
        kind = "network" if isinstance(data, pd.DataFrame) and {"a", "b"} <= set(data.columns) else "map"
    if kind not in ("map", "network"):
        raise ValueError(f"unknown kind {kind!r}; valid: map, network")
    sentences = _Sentences(mentions, articles) if mentions is not None and articles is not None else None
    if kind == "map":
        fig = _map(data, value, frame, sentences, evidence)
    else:
        fig = _network(data, highlight, top, seed, as_of, sentences, evidence)
    if path is not None:
        write_html(fig, path)
    return fig


def write_html(fig, path: str | Path) -> Path:
    """Write *fig* as one self-contained, offline HTML file (plotly.js inlined, no CDN)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.write_html(path, include_plotlyjs=True, full_html=True, include_mathjax=False,
                   config={"displaylogo": False, "responsive": True, "toImageButtonOptions": {"format": "svg"}})
    return path


class _Sentences:
    """Evidence sentences per country and per pair, from mentions and their articles."""

    def __init__(self, mentions: pd.DataFrame, articles: pd.DataFrame) -> None:
        from regionkit.extract import sentence_spans

        m = mentions[mentions["iso3"].notna()]
        if "section" in m.columns:
            m = m[m["section"] == "body"]
        texts = dict(zip(articles["article_id"].astype(str), articles["text"].astype(str)))
        self.by_country: dict[str, list[str]] = {}
        self.by_pair: dict[tuple[str, str], list[str]] = {}
        spans_of: dict[str, list] = {}
        for (aid, sent), part in m.groupby([m["article_id"].astype(str), "sentence"], sort=True):
            text = texts.get(aid)
            if text is None:
                continue
            spans = spans_of.setdefault(aid, list(sentence_spans(text)))
            if not 0 <= int(sent) < len(spans):
                continue
            start, end = spans[int(sent)]
            shown = _highlight(text, start, end, part)
            codes = sorted(set(part["iso3"].astype(str)))
            for c in codes:
                self.by_country.setdefault(c, []).append(shown)
            for i, a in enumerate(codes):
                for b in codes[i + 1:]:
                    self.by_pair.setdefault((a, b), []).append(shown)

    def country(self, iso3: str, n: int) -> str:
        return _join(self.by_country.get(iso3, []), n)

    def pair(self, a: str, b: str, n: int) -> str:
        return _join(self.by_pair.get((min(a, b), max(a, b)), []), n)


def _highlight(text: str, start: int, end: int, part: pd.DataFrame, limit: int = 220) -> str:
    """The sentence as hover HTML, its country mentions in bold; long sentences cut around the first one."""
    spans = sorted((int(s), int(e)) for s, e in zip(part["start"], part["end"]) if start <= s < e <= end)
    lo, hi = start, end
    if hi - lo > limit and spans:
        lo = max(start, spans[0][0] - limit // 3)
        hi = min(end, lo + limit)
    out, pos = [], lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        out += [html.escape(text[pos:s]), "<b>", html.escape(text[s:e]), "</b>"]
        pos = e
    out.append(html.escape(text[pos:hi]))
    body = " ".join("".join(out).split())
    return ("…" if lo > start else "") + body + ("…" if hi < end else "")


def _join(items: list[str], n: int) -> str:
    if not items or n <= 0:
        return ""
    # wrap long lines for the hover box
    lines = ["<br>".join(_wrap(s, 70)) for s in items[:n]]
    more = f"<br><i>+{len(items) - n} more sentences</i>" if len(items) > n else ""
    return "<br>—<br>".join(lines) + more


def _wrap(s: str, width: int) -> list[str]:
    words, lines, cur = s.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(_visible(w)) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return [*lines, cur] if cur else lines


def _visible(s: str) -> str:
    return s.replace("<b>", "").replace("</b>", "")


# ----------------------------------------------------------------------------- map


def _map(data, value, frame, sentences, evidence):
    from shapely.geometry import MultiPolygon, Polygon

    from regionkit.plot._classify import _VALUE_TITLES, _classify, _values
    from regionkit.plot._mapbase import _frame, _projected

    go = _plotly()
    s, name = _values(data, value)
    fr = _frame(frame)
    proj = _projected(fr, None)
    x0, y0, x1, y1 = proj.extent
    tol = 0.0015 * max(x1 - x0, y1 - y0)
    pos = s[s > 0]
    colour: dict[str, str] = {}
    label_of: dict[str, str] = {}
    labels: list[str] = []
    if len(pos):
        idx, _, labs = _classify(pos, None, 5, None, False)
        palette = st.class_colors(len(labs))
        colour = {i: palette[c] for i, c in zip(pos.index, idx)}
        label_of = {i: labs[c] for i, c in zip(pos.index, idx)}
        labels = list(labs)
    table = data.set_index(data["iso3"].astype(str)) if isinstance(data, pd.DataFrame) and "iso3" in data.columns else None
    traces = []
    shown_legend: set[str] = set()
    order = {lab: i for i, lab in enumerate(labels)}
    rows = sorted(proj.world.itertuples(), key=lambda r: (order.get(label_of.get(r.iso3, ""), -1), str(r.iso3)))
    for row in rows:
        geom = row.geometry.simplify(tol, preserve_topology=True)
        if geom.is_empty:
            continue
        polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom] if isinstance(geom, Polygon) else []
        xs: list = []
        ys: list = []
        for p in polys:
            cx, cy = p.exterior.coords.xy
            xs += [round(v) for v in cx] + [None]
            ys += [round(v) for v in cy] + [None]
        if not xs:
            continue
        iso = row.iso3 if isinstance(row.iso3, str) else None
        lab = label_of.get(iso, "zero or not mentioned" if iso in s.index else "not mentioned")
        hover = f"<b>{html.escape(str(row.name))}</b>" + (f" ({iso})" if iso else "")
        if iso in s.index:
            hover += f"<br>{name}: {s[iso]:g}"
            if table is not None:
                for col in ("articles", "mentions", "share"):
                    if col in table.columns and col != name and iso in table.index:
                        v = table.loc[iso, col]
                        v = v.iloc[0] if isinstance(v, pd.Series) else v
                        hover += f"<br>{col}: {v:.2f}" if col == "share" else f"<br>{col}: {v:g}"
        if sentences is not None and iso:
            ev = sentences.country(iso, evidence)
            if ev:
                hover += "<br><br>" + ev
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour.get(iso, st.NO_DATA),
            line={"color": "white", "width": 0.5}, hoveron="fills", text=hover, hoverinfo="text",
            name=lab, legendgroup=lab, showlegend=lab not in shown_legend, hoverlabel={"align": "left"},
        ))  # fmt: skip
        shown_legend.add(lab)
    fig = go.Figure(data=traces)
    fig.update_layout(
        title={"text": _VALUE_TITLES.get(name, name) + " (hover a country; drag to zoom, double-click to reset)",
               "font": {"size": 14}},
        xaxis={"visible": False, "range": [x0, x1]},
        yaxis={"visible": False, "range": [y0, y1], "scaleanchor": "x"},
        plot_bgcolor=st.OCEAN, paper_bgcolor="white", margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"title": {"text": name}, "itemclick": "toggle"}, height=620,
        annotations=[{"text": "Boundaries: Natural Earth", "xref": "paper", "yref": "paper", "x": 1, "y": 0,
                      "xanchor": "right", "yanchor": "bottom", "showarrow": False, "font": {"size": 10, "color": st.MUTED}}],
    )  # fmt: skip
    return fig


# ----------------------------------------------------------------------------- network


def _network(data, highlight, top, seed, as_of, sentences, evidence):
    from regionkit.plot._weights import as_weights
    from regionkit.plot.charts import tie_graph

    go = _plotly()
    w = as_weights(data)
    w = w.assign(a=w["a"].astype(str), b=w["b"].astype(str), weight=w["weight"].astype(float))
    w = w.sort_values(["weight", "a", "b"], ascending=[False, True, True], kind="stable")
    if top is not None:
        w = w.head(top)
    rel_col = "dominant" if "dominant" in w.columns else ("relation" if "relation" in w.columns else None)
    groups = st.check_groups(highlight)
    member = st.membership(groups, as_of)
    colors = st.group_colors(groups)
    names = st.group_names(groups)
    fig = go.Figure()
    if w.empty:
        fig.add_annotation(text="no ties to draw", showarrow=False)
        return fig
    nodes, graph, pos = tie_graph(w, seed)
    wmax = float(w["weight"].max())
    rels = list(w[rel_col].astype(str)) if rel_col else ["tie"] * len(w)
    mid_x, mid_y, mid_text, traces = [], [], [], []
    for rel in dict.fromkeys(rels):
        part = w[[r == rel for r in rels]]
        for a, b, wt in zip(part["a"], part["b"], part["weight"]):
            (xa, ya), (xb, yb) = pos[a], pos[b]
            traces.append(go.Scatter(
                x=[xa, xb], y=[ya, yb], mode="lines", hoverinfo="skip", legendgroup=rel,
                line={"color": st.RELATION_COLORS.get(rel, "#0072B2"), "width": 1 + 6 * wt / wmax,
                      "dash": "dash" if rel == "co_member" else "solid"},
                name=st.RELATION_LABELS.get(rel, rel), showlegend=(a, b) == (part["a"].iloc[0], part["b"].iloc[0]),
            ))  # fmt: skip
            mid_x.append((xa + xb) / 2)
            mid_y.append((ya + yb) / 2)
            hover = f"<b>{st.country_label(a)} – {st.country_label(b)}</b><br>sentences: {wt:g}<br>main relation: {rel}"
            if sentences is not None:
                ev = sentences.pair(a, b, evidence)
                hover += ("<br><br>" + ev) if ev else ""
            mid_text.append(hover)
    traces.append(go.Scatter(x=mid_x, y=mid_y, mode="markers", marker={"size": 9, "opacity": 0}, text=mid_text,
                             hoverinfo="text", showlegend=False, hoverlabel={"align": "left"}, name="ties"))
    strength = {n: 0.0 for n in nodes}
    for a, b, wt in zip(w["a"], w["b"], w["weight"]):
        strength[a] += wt
        strength[b] += wt
    smax = max(strength.values())
    hovers = []
    for n in nodes:
        partners = w[(w["a"] == n) | (w["b"] == n)].head(5)
        lines = [f"{st.country_label(b if a == n else a)}: {wt:g}" for a, b, wt in
                 zip(partners["a"], partners["b"], partners["weight"])]
        gs = ", ".join(names[g] for g in member.get(n, [])) or "—"
        text = f"<b>{st.country_label(n)}</b> ({n})<br>groups: {gs}<br>sentences with a partner: {strength[n]:g}"
        text += "<br>top partners:<br>" + "<br>".join(lines)
        if sentences is not None:
            ev = sentences.country(n, evidence)
            text += ("<br><br>" + ev) if ev else ""
        hovers.append(text)
    traces.append(go.Scatter(
        x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text",
        text=[st.country_label(n) for n in nodes], textposition="bottom center", hovertext=hovers, hoverinfo="text",
        marker={"opacity": 1.0, "size": [10 + 30 * math.sqrt(strength[n] / smax) for n in nodes],
                "color": [colors[member[n][0]] if member.get(n) else st.OTHER for n in nodes],
                "line": {"color": [colors[member[n][1]] if len(member.get(n, [])) > 1 else "#555555" for n in nodes],
                         "width": [4 if len(member.get(n, [])) > 1 else 1 for n in nodes]}},
        showlegend=False, hoverlabel={"align": "left"}, name="countries",
    ))  # fmt: skip
    fig = go.Figure(data=traces)
    fig.update_layout(
        title={"text": "Ties (hover a country or the middle of a tie; drag to zoom)", "font": {"size": 14}},
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"}, plot_bgcolor="white",
        height=680, margin={"l": 10, "r": 10, "t": 50, "b": 10}, legend={"title": {"text": "Edge colour: relation"}},
        annotations=[{"text": "Node colour: " + ", ".join(f"{names[g]}" for g in groups) + " (ring: a second group)",
                      "xref": "paper", "yref": "paper", "x": 0, "y": 0, "showarrow": False, "xanchor": "left",
                      "font": {"size": 11, "color": st.MUTED}}],
    )  # fmt: skip
    return fig

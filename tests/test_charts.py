"""Charts of ties and counts, drawn from the real seed page and demo corpus.

Assertions are on the drawn artists (colours, legend texts, label boxes) plus
an export smoke test; the layout is checked to be identical across processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import regionkit as rk  # noqa: E402
from regionkit._resources import data_path  # noqa: E402
from regionkit.plot import charts  # noqa: E402

TODAY = "2026-11-27"


@pytest.fixture(scope="module")
def corpus():
    arts = pd.concat(
        [rk.read_articles(data_path("articles", "demo_articles.jsonl")),
         rk.read_articles(data_path("articles", "000_882ee92918b85e76.txt"))],
        ignore_index=True,
    )
    mentions = rk.extract_mentions(arts)
    ties = rk.extract_ties(arts)
    return {
        "ties": ties,
        "ties_members": rk.extract_ties(arts, include="co_member"),
        "weights": rk.tie_table(ties),
        "counts": rk.country_counts(mentions, arts, by="country"),
    }


@pytest.fixture(autouse=True)
def _no_show(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("plot functions must not call plt.show()")

    monkeypatch.setattr(plt, "show", boom)


def _boxes(ax, texts):
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


def _overlaps(boxes) -> list[tuple[int, int]]:
    bad = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if boxes[i].overlaps(boxes[j]):
                bad.append((i, j))
    return bad


def _legend_texts(ax) -> list[str]:
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    return [t.get_text() for leg in legends for t in leg.get_texts()]


# ----------------------------------------------------------------------------------
# tie network
# ----------------------------------------------------------------------------------


def test_tie_network_colours_and_legend(corpus):
    fig, ax = plt.subplots(figsize=(11, 8.5), layout="constrained")
    with_members = rk.tie_table(corpus["ties_members"], relations=[*rk.ties.CUE_RELATIONS, "co_member"])
    out = charts.tie_network(with_members, highlight=["central_asia", "south_caucasus", "abraham_accords"],
                             ax=ax, sizes=corpus["counts"], labels="iso3",
                             relations=[*rk.ties.CUE_RELATIONS, "co_member"])  # co-members only when asked
    assert out is ax
    nodes = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)][0]
    labels = [t.get_text() for t in ax.texts]
    fill = dict(zip(labels, (to_hex(c) for c in nodes.get_facecolors())))
    ring = dict(zip(labels, (to_hex(c) for c in nodes.get_edgecolors())))
    caucasus, central, accords = charts.GROUP_COLORS[:3]  # fixed colour per home group, whatever the order
    assert fill["UZB"] == central.lower()
    assert fill["ARM"] == fill["AZE"] == caucasus.lower()
    assert fill["ISR"] == fill["ARE"] == accords.lower()
    assert fill["USA"] == "#dddddd"
    # Kazakhstan is in Central Asia and (since Nov 2025) in the Abraham Accords: fill + ring
    assert fill["KAZ"] == central.lower() and ring["KAZ"] == accords.lower()
    # edge colours: one LineCollection per relation, in the shared palette
    edge_colours = {to_hex(c.get_colors()[0]) for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection)}
    assert to_hex(rk.plot._style.RELATION_COLORS["co_member"]) in edge_colours
    assert to_hex(rk.plot._style.RELATION_COLORS["meeting"]) in edge_colours
    legend = _legend_texts(ax)
    for expected in ("Node colour: group", "Central Asia", "South Caucasus", "Abraham Accords", "other countries",
                     "Edge colour: main relation", "listed together (co-members)", "normalisation",
                     "Edge width: sentences", "Node size: mentions"):
        assert expected in legend


def test_tie_network_draws_stated_ties_by_default(corpus):
    # a table holding co-member and negated pairs: by default only the stated ties are drawn and in the legend
    table = rk.tie_table(corpus["ties_members"], relations=[*rk.ties.CUE_RELATIONS, "co_member"])
    assert (table["dominant"] == "co_member").any()
    table.loc[table.index[0], "status"] = "negated"
    ax = charts.tie_network(table, top=None)
    colours = {to_hex(c.get_colors()[0]) for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection)}
    assert to_hex(rk.plot._style.RELATION_COLORS["co_member"]) not in colours
    legend = _legend_texts(ax)
    assert "listed together (co-members)" not in legend
    drawn = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, matplotlib.collections.LineCollection))
    expected = table[(table["dominant"] != "co_member") & (table["status"] != "negated") & (table["weight"] >= 1)]
    assert drawn == len(expected)
    with pytest.raises(ValueError, match="valid statuses"):
        charts.tie_network(table, statuses=["maybe"])


def test_tie_network_edge_width_follows_weight(corpus):
    ax = charts.tie_network(corpus["weights"], top=None)
    widths = np.concatenate([c.get_linewidths() for c in ax.collections
                             if isinstance(c, matplotlib.collections.LineCollection)])
    w = corpus["weights"]["weight"]
    assert widths.max() == pytest.approx(7.0)  # the heaviest pair gets the widest line
    assert widths.min() == pytest.approx(0.8 + 6.2 * w.min() / w.max())


def test_tie_network_labels_do_not_overlap(corpus):
    ax = charts.tie_network(corpus["weights"])
    ax.figure.canvas.draw()
    assert _overlaps(_boxes(ax, ax.texts)) == []


LAYOUT_SCRIPT = """
import json, sys
import matplotlib; matplotlib.use("Agg")
import pandas as pd, regionkit as rk
weights = pd.read_json(sys.stdin, orient="records")
ax = rk.plot.tie_network(weights, seed=7, labels="iso3")
nodes = [c for c in ax.collections if type(c).__name__ == "PathCollection"][0]
labels = [t.get_text() for t in ax.texts]
print(json.dumps({"nodes": dict(zip(labels, nodes.get_offsets().tolist())),
                  "labels": {t.get_text(): list(t.get_position()) for t in ax.texts}}))
"""


def _layout_in_subprocess(weights: pd.DataFrame, hashseed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "MPLBACKEND": "Agg"}
    out = subprocess.run(
        [sys.executable, "-c", LAYOUT_SCRIPT], input=weights.to_json(orient="records"),
        capture_output=True, text=True, env=env, check=True, cwd=Path(__file__).resolve().parents[1],
    )
    return json.loads(out.stdout)


def test_tie_network_layout_is_the_same_in_every_run(corpus):
    # two processes with different string-hash seeds: set iteration order must not leak into the layout
    weights = corpus["weights"].astype({"a": str, "b": str, "dominant": str})
    first = _layout_in_subprocess(weights, "1")
    second = _layout_in_subprocess(weights, "2")
    assert len(first["nodes"]) >= 15  # a non-trivial network (20 nodes on the demo corpus in Nov 2026)
    assert first["nodes"].keys() == second["nodes"].keys()
    for key in first["nodes"]:
        assert first["nodes"][key] == pytest.approx(second["nodes"][key], abs=1e-9)
        assert first["labels"][key] == pytest.approx(second["labels"][key], abs=1e-9)


def test_tie_network_seed_changes_layout(corpus):
    def positions(seed):
        ax = charts.tie_network(corpus["weights"], seed=seed, legend=False)
        nodes = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)][0]
        return nodes.get_offsets().copy()

    assert np.allclose(positions(7), positions(7))
    assert not np.allclose(positions(7), positions(8), atol=1e-3)


def test_tie_network_errors(corpus):
    with pytest.raises(ValueError, match="valid groups: .*central_asia"):
        charts.tie_network(corpus["weights"], highlight=["central asia"])
    with pytest.raises(ValueError, match="valid relations: normalisation"):
        charts.tie_network(corpus["weights"], relations=["war"])
    with pytest.raises(ValueError, match="expected rk.tie_table output"):
        charts.tie_network(pd.DataFrame({"x": [1]}))


def test_tie_network_accepts_sentence_ties(corpus):
    ax = charts.tie_network(corpus["ties"], highlight=None, labels="iso3")
    assert "ARM" in {t.get_text() for t in ax.texts}


# ----------------------------------------------------------------------------------
# timeline
# ----------------------------------------------------------------------------------


def _timeline_labels(ax) -> list[str]:
    return [" ".join(t.get_text().split()) for t in ax.texts if t.get_gid() == "regionkit-timeline-label"]


def test_timeline_record_dates_and_no_today_by_default():
    ref = rk.reference_ties()
    ax = charts.timeline(ref, countries=["ISR", "AZE", "KAZ"])
    labels = _timeline_labels(ax)
    assert "Israel–Azerbaijan: diplomatic relations established" in labels
    assert "Kazakhstan: joins the Abraham Accords" in labels
    dates = [t.get_text() for t in ax.texts if t.get_gid() == "regionkit-timeline-date"]
    assert "7 Apr 1992" in dates and "7 Nov 2025" in dates
    # involving="all": Armenia is not chosen, so the 2023 offensive is not drawn
    assert not any("offensive" in t for t in labels)
    # no "today" unless asked: the figure does not change from one day to the next
    assert not any(t.get_text() == "today" for t in ax.texts)
    assert "today" not in _legend_texts(ax)
    assert "Abraham Accords: announced, signed, joined" in _legend_texts(ax)


def test_timeline_today_only_when_asked():
    ax = charts.timeline(rk.reference_ties(), countries=["ISR", "AZE", "KAZ"], today=TODAY)
    texts = [t.get_text() for t in ax.texts]
    assert "today" in texts and "27 Nov 2026" in texts
    assert "today" in _legend_texts(ax)
    assert ax._regionkit["today"] == pd.Timestamp(TODAY)


def test_timeline_merges_records_of_one_day_about_the_same_countries():
    ref = rk.reference_ties()
    # Kazakhstan's accession on 2025-11-06 is in two tables (Accords record, Israel's relations)
    both = ref[(ref["start"] == "2025-11-06") & (ref["source"] == "KAZ") & (ref["target"] == "ISR")]
    assert len(both) == 2
    ax = charts.timeline(ref, countries=["ISR", "KAZ"])
    events = [e for e in ax._regionkit["events"] if e["when"] == pd.Timestamp("2025-11-06")
              and not e["label"].startswith("C5+1")]
    assert len(events) == 1
    assert len(events[0]["records"]) == 2
    assert events[0]["label"] == "Kazakhstan: accession to the Abraham Accords announced (+1 record that day)"
    # distinct events of one day stay apart (the C5+1 summit is about other countries)
    ax = charts.timeline(ref, countries=["ISR", "KAZ", "USA", "KGZ", "TJK", "TKM", "UZB"], involving="any")
    day = [e["label"] for e in ax._regionkit["events"] if e["when"] == pd.Timestamp("2025-11-06")]
    assert any(lbl.startswith("C5+1 summit") for lbl in day) and len(day) == 2


def test_timeline_dense_period_gets_room_and_long_gaps_break():
    ref = rk.reference_ties()
    ax = charts.timeline(ref, countries=["ISR", "ARE", "BHR", "MAR", "SDN", "KAZ", "AZE", "ARM"])
    ax.figure.canvas.draw()
    labels = [t for t in ax.texts if t.get_gid() == "regionkit-timeline-label"]
    assert len(labels) > 25
    assert _overlaps(_boxes(ax, labels)) == []
    # every event has its own row: the labels' vertical order is the order of the dates
    ys = [t.get_position()[1] for t in labels]
    assert ys == sorted(ys)
    # the long quiet stretch (1992 -> 2020) is a break that says how long it is, not decades of empty axis
    whens = sorted(e["when"] for e in ax._regionkit["events"])
    gap = max((b - a).days / 365.25 for a, b in zip(whens, whens[1:]))
    assert gap > 20
    assert any(t.get_text() == f"{round(gap)} years without a record here" for t in ax.texts)
    # labels are wrapped, never cut
    assert not any("…" in t.get_text() for t in labels)
    fig_w = ax.figure.get_size_inches()[0] * ax.figure.dpi
    assert all(b.x1 <= fig_w + 1 for b in _boxes(ax, labels))


def test_timeline_uses_reduced_precision_and_skips_undated():
    ref = rk.reference_ties()
    ax = charts.timeline(ref, countries=["ISR", "KGZ", "SAU"])
    labels = _timeline_labels(ax)
    assert "Israel–Kyrgyzstan: diplomatic relations established" in labels
    assert "Mar 1992" in [t.get_text() for t in ax.texts]
    assert not any("Saudi" in t for t in labels)  # no relations: no date, nothing drawn


def test_timeline_errors():
    with pytest.raises(ValueError, match="valid: all, any"):
        charts.timeline(rk.reference_ties(), involving="some")


# ----------------------------------------------------------------------------------
# heatmap and bars
# ----------------------------------------------------------------------------------


def test_comention_heatmap_ordered_by_group(corpus):
    ax = charts.comention_heatmap(corpus["weights"], labels="iso3")
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[:3] == ["ARM", "AZE", "GEO"]
    assert names[3:8] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert set(names[8:13]) == {"ARE", "BHR", "ISR", "MAR", "SDN"}
    mat = ax.images[0].get_array()
    assert np.allclose(mat.filled(0), mat.filled(0).T)
    w = corpus["weights"].set_index(["a", "b"])["weight"]
    assert mat[names.index("ARM"), names.index("AZE")] == w[("ARM", "AZE")]
    # the group colour sits behind each name
    assert to_hex(ax.get_yticklabels()[0].get_bbox_patch().get_facecolor()) == charts.GROUP_COLORS[0].lower()
    assert "South Caucasus" in _legend_texts(ax)


def test_top_countries_bars(corpus):
    ax = charts.top_countries(corpus["counts"], n=10)
    bars = ax.patches[:10]
    values = [b.get_width() for b in bars]
    assert values == sorted(values)  # drawn bottom-up, so the largest is on top
    names = [t.get_text() for t in ax.get_yticklabels()]
    counts = corpus["counts"].set_index("country")["articles"]
    assert names[-1] == "United States" and values[-1] == counts["United States"]
    colour = {n: to_hex(b.get_facecolor()) for n, b in zip(names, bars)}
    assert colour["Kazakhstan"] == charts.GROUP_COLORS[1].lower()  # central_asia is 2nd in DEFAULT_GROUPS
    assert colour["United States"] == "#dddddd"
    with pytest.raises(ValueError, match="no column 'likes'"):
        charts.top_countries(corpus["counts"], value="likes")


# ----------------------------------------------------------------------------------
# export
# ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drawn(corpus):
    return [
        charts.tie_network(corpus["weights"]),
        charts.timeline(rk.reference_ties(), countries=["ISR", "AZE", "KAZ"], today=TODAY),
        charts.comention_heatmap(corpus["weights"], top=12),
        charts.top_countries(corpus["counts"]),
    ]


def test_charts_export_png(tmp_path, drawn):
    for i, ax in enumerate(drawn):
        path = rk.plot.save(ax, tmp_path / f"chart{i}.png")
        assert Path(path).read_bytes()[:4] == b"\x89PNG"
        assert Path(path).stat().st_size > 20_000


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_charts_export_vector(tmp_path, drawn, suffix, magic):
    path = rk.plot.save(drawn[0], tmp_path / f"network{suffix}")
    assert Path(path).read_bytes()[: len(magic)] == magic


@pytest.mark.parametrize("preset", ["paper-double", "slide"])
def test_labels_replaced_when_saved_at_another_size(tmp_path, corpus, preset):
    # rk.plot.save resizes the figure, then calls the chart's relayout hook; no warning (filterwarnings=error)
    network = charts.tie_network(corpus["weights"])
    line = charts.timeline(rk.reference_ties(), countries=["ISR", "ARE", "BHR", "MAR", "SDN", "KAZ"], today=TODAY)
    for name, ax in (("network", network), ("timeline", line)):
        rk.plot.save(ax, tmp_path / f"{name}.png", preset=preset, dpi=40)
        texts = [t for t in ax.texts if t.get_gid() not in ("regionkit-credit", "regionkit-timeline-date")
                 and t.get_text() not in ("today", "") and not t.get_text()[0].isdigit()]
        assert len(texts) > 10
        assert _overlaps(_boxes(ax, texts)) == [], name

"""Maps: assert on what was drawn (colours, legend, limits, credit), export smoke tests, a few pixel baselines."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import regionkit as rk
from regionkit.plot import FRAMES, PRESETS, choropleth, groups_map, save, tie_map
from regionkit.plot import _style as st
from regionkit.plot.maps import FOCUS_STATES

SEED_ISO3 = "ARE ARM AZE BHR CAN FRA GBR IRN ISR KAZ KGZ MAR PSE RUS SAU SDN TJK TKM USA UZB".split()


def _faces(ax) -> dict[str, str]:
    """iso3 -> face colour (hex) of the country patches actually drawn."""
    (coll,) = [c for c in ax.collections if c.get_gid() == "regionkit-countries"]
    return {i: to_hex(fc) for i, fc in zip(coll._regionkit_iso3, coll.get_facecolors(), strict=True) if i}


def _legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    vals = [3, 2, 4, 2, 1, 1, 1, 2, 5, 6, 1, 2, 1, 3, 1, 2, 1, 2, 5, 3]
    return pd.DataFrame({"iso3": SEED_ISO3, "articles": vals, "mentions": [2 * v for v in vals]})


@pytest.fixture(scope="module")
def seed_mentions():
    arts = rk.read_articles(rk._resources.data_path("articles", "000_882ee92918b85e76.txt"))
    return rk.extract_mentions(arts), arts


# ----------------------------------------------------------------------------- choropleth


def test_choropleth_returns_axes_and_never_shows(counts, monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: (_ for _ in ()).throw(AssertionError("plt.show called")))
    ax = choropleth(counts, frame="focus")
    assert isinstance(ax, matplotlib.axes.Axes)


def test_choropleth_draws_on_a_given_axes(counts):
    fig, (a1, a2) = plt.subplots(1, 2)
    out = choropleth(counts, frame="caucasus", ax=a2, legend=False)
    assert out is a2 and len(a1.collections) == 0


def test_choropleth_colours_follow_the_classes(counts):
    ax = choropleth(counts, value="articles", frame="focus", k=5)
    faces = _faces(ax)
    palette = st.class_colors(5)
    # six distinct values 1..6 in five Fisher-Jenks classes: 1 | 2 | 3 | 4 | 5-6
    assert _legend_texts(ax)[:5] == ["1", "2", "3", "4", "5–6"]
    assert faces["KAZ"] == faces["ISR"] == palette[4]  # 6 and 5
    assert faces["AZE"] == palette[3]  # 4
    assert faces["CAN"] == palette[0]  # 1
    assert faces["EGY"] == st.NO_DATA  # not in the table
    assert len(set(palette)) == 5


def test_highlight_outlines_groups_and_keeps_face_colours(counts):
    ax = choropleth(counts, frame="focus", highlight=["central_asia", "south_caucasus"], as_of="2026-01-01")
    faces = _faces(ax)
    plain = _faces(choropleth(counts, frame="focus"))
    assert {i: faces[i] for i in ("KAZ", "KGZ", "ARM", "GEO")} == {i: plain[i] for i in ("KAZ", "KGZ", "ARM", "GEO")}
    outlines = [p for p in ax.patches if (p.get_gid() or "").startswith("regionkit-highlight-")]
    assert len(outlines) == 2
    assert to_hex(outlines[0].get_edgecolor()) != to_hex(outlines[1].get_edgecolor())
    assert ax._regionkit["highlight"]["Central Asia"] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    texts = _legend_texts(ax)
    assert texts.index("Central Asia (outline)") < texts.index("South Caucasus (outline)")
    assert texts.index("not mentioned") < texts.index("Central Asia (outline)")


def test_legend_order_and_title_say_what_is_shown(counts):
    ax = choropleth(counts, value="mentions", frame="world")
    leg = ax.get_legend()
    assert leg.get_title().get_text() == "Mentions of the country"
    texts = _legend_texts(ax)
    classes = ax._regionkit["classes"]
    assert texts[: len(classes)] == classes
    assert texts[len(classes)] == "not mentioned"
    lows = [int(t.split("–")[0]) for t in classes]
    assert lows == sorted(lows)


def test_zero_is_drawn_differently_from_no_data():
    s = pd.Series({"ARM": 0, "AZE": 3, "GEO": 1, "TUR": 7})
    ax = choropleth(s, frame="caucasus", value="score")
    faces = _faces(ax)
    assert faces["ARM"] == st.ZERO
    assert faces["IRN"] == st.NO_DATA
    assert st.ZERO != st.NO_DATA
    texts = _legend_texts(ax)
    assert texts[0] == "0" and "no data" in texts
    assert any(c.get_gid() == "regionkit-zero-outline" for c in ax.collections)


def test_values_keyed_by_country_names():
    s = pd.Series({"Azerbaijan": 3, "Kazakhstan": 2, "Türkiye": 1})
    ax = choropleth(s, frame="focus")
    assert {"AZE", "KAZ", "TUR"} <= set(ax._regionkit["colors"])


def test_values_from_a_country_column():
    df = pd.DataFrame({"country": ["Holland", "Iran"], "score": [1.5, 0.25]})
    ax = choropleth(df, frame="world")
    assert set(ax._regionkit["colors"]) == {"NLD", "IRN"}
    assert ax.get_legend().get_title().get_text() == "Score"


def test_share_is_labelled_in_percent():
    df = pd.DataFrame({"iso3": ["ISR", "ARE", "BHR"], "share": [0.5, 0.25, 0.05]})
    ax = choropleth(df, frame="middle_east")
    assert all(t.endswith("%") for t in ax._regionkit["classes"])


def test_unknown_names_frames_columns_schemes_and_groups_are_clear_errors(counts):
    with pytest.raises(ValueError, match="cannot match 'Atlantis'"):
        choropleth(pd.Series({"Atlantis": 1}))
    with pytest.raises(ValueError, match="valid frames: world, focus, caucasus, central_asia, middle_east"):
        choropleth(counts, frame="moon")
    with pytest.raises(ValueError, match="numeric columns: articles, mentions"):
        choropleth(counts, value="nope")
    with pytest.raises(ValueError, match="valid schemes: fisher_jenks"):
        choropleth(counts, scheme="astrology")
    with pytest.raises(ValueError, match="valid groups: .*central_asia"):
        choropleth(counts, highlight=["nato_nonsense"])
    with pytest.raises(ValueError, match="several values for"):
        choropleth(pd.Series([1, 2], index=["ARM", "Armenia"]))


def test_default_scheme_matches_mapclassify_fisher_jenks():
    import warnings

    import mapclassify

    from regionkit.plot.maps import _fisher_jenks

    rng = np.random.default_rng(7)
    for _ in range(10):
        v = rng.lognormal(1, 1, size=int(rng.integers(12, 200)))
        k = int(rng.integers(2, 7))
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Numba not installed")
            expected = np.unique(mapclassify.FisherJenks(v, k=k).bins)
        np.testing.assert_allclose(_fisher_jenks(v, k), expected)


def test_quantiles_on_few_distinct_values_do_not_warn():
    s = pd.Series({"ARM": 1, "AZE": 1, "GEO": 2, "TUR": 2, "IRN": 3, "RUS": 3, "KAZ": 3})
    ax = choropleth(s, frame="caucasus", scheme="quantiles", k=5)  # filterwarnings=error would fail on a warning
    classes = ax._regionkit["classes"]
    assert 1 <= len(classes) <= 3 and classes[0].startswith("1") and classes[-1].endswith("3")


def test_user_bins_give_the_same_legend_and_colours_on_every_map():
    a = choropleth(pd.Series({"ARM": 0.15, "AZE": 0.5}), value="share", bins=[0.2, 0.4, 0.6, 0.8, 1.0], frame="caucasus")
    b = choropleth(pd.Series({"GEO": 0.9}), value="share", bins=[0.2, 0.4, 0.6, 0.8, 1.0], frame="caucasus")
    assert a._regionkit["classes"] == b._regionkit["classes"] == ["≤ 20%", "20%–40%", "40%–60%", "60%–80%", "80%–100%"]
    palette = st.class_colors(5)
    assert _faces(a)["ARM"] == palette[0] and _faces(a)["AZE"] == palette[2] and _faces(b)["GEO"] == palette[4]
    with pytest.raises(ValueError, match="bins must reach the largest value"):
        choropleth(pd.Series({"GEO": 3}), bins=[1, 2])


def test_integer_labels_have_no_comma_below_ten_thousand():
    from regionkit.plot._classify import _fmt

    assert [_fmt(v, True, False) for v in (7, 1949, 25000)] == ["7", "1949", "25,000"]


def test_other_schemes_go_through_mapclassify():
    s = pd.Series(np.arange(1, 41, dtype=float), index=rk.world()["iso3"].dropna().iloc[:40].tolist())
    ax = choropleth(s, frame="world", scheme="quantiles", k=4)
    assert ax._regionkit["classes"] == ["1–10", "11–20", "21–30", "31–40"]  # integer data: integer ranges


@pytest.mark.parametrize("name", list(FRAMES))
def test_axis_limits_cover_the_frame(counts, name):
    import pyproj

    fr = FRAMES[name]
    ax = choropleth(counts, frame=name, legend=False, labels=False)
    tr = pyproj.Transformer.from_crs("EPSG:4326", fr.crs, always_xy=True)
    x0, y0, x1, y1 = fr.bbox
    lons = np.r_[np.linspace(x0, x1, 25), np.linspace(x0, x1, 25), [x0] * 25, [x1] * 25]
    lats = np.r_[[y0] * 25, [y1] * 25, np.linspace(y0, y1, 25), np.linspace(y0, y1, 25)]
    xs, ys = tr.transform(lons, lats)
    (xa, xb), (ya, yb) = ax.get_xlim(), ax.get_ylim()
    assert xa <= xs.min() + 1 and xs.max() - 1 <= xb
    assert ya <= ys.min() + 1 and ys.max() - 1 <= yb
    assert ax.get_aspect() == 1.0


def test_bbox_frame_tuple(counts):
    ax = choropleth(counts, frame=(30, 25, 60, 45), legend=False)
    assert ax._regionkit["frame"].name == "bbox"
    with pytest.raises(ValueError, match="bad frame bbox"):
        choropleth(counts, frame=(60, 25, 30, 45))


def test_world_map_has_no_antimeridian_smear(counts):
    ax = choropleth(counts, frame="world")
    (coll,) = [c for c in ax.collections if c.get_gid() == "regionkit-countries"]
    width = np.diff(ax.get_xlim())[0]
    for iso3, path in zip(coll._regionkit_iso3, coll.get_paths(), strict=True):
        v, codes = path.vertices, path.codes
        jumps = np.abs(np.diff(v[:, 0]))
        draws = codes[1:] != 1  # a MOVETO starts a new ring: no line is drawn to it
        assert (jumps[draws] < 0.4 * width).all(), iso3


def test_focus_frame_has_a_caucasus_inset_with_the_same_colours(counts):
    ax = choropleth(counts, frame="focus", highlight=["south_caucasus"])
    inset = ax._regionkit["inset"]
    assert inset in ax.child_axes and inset._regionkit["frame"].name == "caucasus"
    main, sub = _faces(ax), _faces(inset)
    assert {i: sub[i] for i in ("ARM", "AZE", "GEO")} == {i: main[i] for i in ("ARM", "AZE", "GEO")}
    assert any(p.get_gid() == "regionkit-inset-extent" for p in ax.patches)
    assert choropleth(counts, frame="focus", inset=False)._regionkit.get("inset") is None


def test_bahrain_is_visible_as_a_dot_in_focus_and_world(counts):
    for frame in ("focus", "world"):
        ax = choropleth(counts, frame=frame)
        assert "BHR" in ax._regionkit["markers"]
        assert ax._regionkit["markers"]["BHR"] == _faces(ax)["BHR"]
        (dots,) = [c for c in ax.collections if c.get_gid() == "regionkit-small-states"]
        assert "BHR" in dots._regionkit_iso3
        assert "small country (dot)" in _legend_texts(ax)


def test_focus_labels_do_not_overlap(counts):
    ax = choropleth(counts, frame="focus", highlight=["central_asia", "south_caucasus"])
    inset = ax._regionkit["inset"]
    labels = ax._regionkit["labels"]
    named = {t.get_gid().removeprefix("regionkit-label-") for t in labels + inset._regionkit["labels"]}
    assert named >= set(FOCUS_STATES)  # the South Caucasus is named in its inset
    r = ax.get_figure().canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in labels] + [inset.get_window_extent(r)]
    labels = [*labels, inset]
    for i in range(len(boxes)):
        for j in range(i):
            assert not boxes[i].overlaps(boxes[j]), (labels[i], labels[j])


def test_countries_outside_the_frame_are_listed(counts):
    ax = choropleth(counts, frame="caucasus")
    assert "USA" in ax._regionkit["not_drawn"]
    assert any(t.startswith("outside the map: ") for t in _legend_texts(ax))


def test_seed_page_mentions_map(seed_mentions):
    mentions, arts = seed_mentions
    ax = choropleth(mentions, frame="focus")  # a mentions table is counted first
    faces = _faces(ax)
    counts = rk.country_counts(mentions, arts, by="country")
    assert ax._regionkit["value"] == "mentions"  # one article: mentions say more than articles
    top = counts.iloc[counts["mentions"].argmax()]["iso3"]
    assert faces[top] == st.class_colors(len(ax._regionkit["classes"]))[-1]
    assert set(counts["iso3"]) - set(ax._regionkit["not_drawn"]) <= set(ax._regionkit["colors"])
    assert "USA" in ax._regionkit["not_drawn"]  # Washington is far outside the focus frame
    assert "BHR" in ax._regionkit["markers"]


def test_per_article_counts_are_aggregated(seed_mentions):
    mentions, arts = seed_mentions
    per_article = rk.country_counts(mentions, arts)  # by="article": one row per (article_id, iso3)
    ax = choropleth(per_article, value="articles", frame="focus")
    assert ax._regionkit["value"] == "articles"
    assert ax._regionkit["classes"] == ["1"]  # one article: every mentioned country is in it once
    assert ax._regionkit["values"].to_dict() == dict.fromkeys(per_article["iso3"].dropna(), 1.0)


# ----------------------------------------------------------------------------- groups_map


def test_groups_map_kazakhstan_joins_the_accords_in_november_2025():
    before = groups_map(as_of="2025-06-01")
    after = groups_map(as_of="2026-01-01")
    assert "KAZ" not in before._regionkit["groups"]["abraham_accords"]
    assert "KAZ" in after._regionkit["groups"]["abraham_accords"]
    assert after._regionkit["overlaps"] == {"KAZ": ["central_asia", "abraham_accords"]}
    assert before._regionkit["overlaps"] == {}
    hatched = [c for c in after.collections if c.get_gid() == "regionkit-overlap-KAZ"]
    assert len(hatched) == 1 and hatched[0].get_hatch() == "////"
    texts = _legend_texts(after)
    assert texts[:3] == ["South Caucasus (3)", "Central Asia (5)", "Abraham Accords (parties) (6)"]
    assert texts[3] == "Central Asia + Abraham Accords (parties): Kazakhstan"
    assert after.get_legend().get_title().get_text() == "Membership on 2026-01-01"


def test_groups_map_fill_colours_and_bahrain_dot():
    ax = groups_map(as_of="2026-01-01")
    faces = _faces(ax)
    assert faces["ARM"] == faces["AZE"] == faces["GEO"]
    assert faces["UZB"] != faces["ARM"] != faces["ISR"]
    assert faces["KAZ"] == faces["UZB"]  # first group fills, later groups hatch
    assert ax._regionkit["markers"]["BHR"] == faces["ISR"]


def test_groups_map_overlaps_listed_once_per_combination():
    ax = groups_map(as_of="2026-01-01", groups=["gcc", "arab_league", "abraham_accords"], frame="middle_east")
    texts = _legend_texts(ax)
    assert texts[0] == "Gulf Cooperation Council (6)"  # the "(6)" note of the group name is not doubled
    combos = [t for t in texts if " + " in t]
    assert len(combos) == len(set(tuple(v) for v in ax._regionkit["overlaps"].values()))
    assert any(t.startswith("Gulf Cooperation Council + League of Arab States + Abraham Accords (parties): ") and "Bahrain" in t
               for t in combos)  # fmt: skip
    assert any("Morocco" in t for t in combos)  # named even though Morocco is outside this frame


def test_groups_map_unknown_group():
    with pytest.raises(ValueError, match="valid groups: .*south_caucasus"):
        groups_map(groups=["south_caucasus", "warsaw_pact"])


# ----------------------------------------------------------------------------- tie_map


@pytest.fixture(scope="module")
def ties() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": ["ISR", "ISR", "USA", "ARM", "Kazakhstan"],
            "b": ["ARE", "BHR", "KAZ", "AZE", "ISR"],
            "articles": [2, 1, 1, 3, 1],
            "sentences": [3, 1, 1, 4, 2],
            "weight": [4.0, 1.0, 2.0, 6.0, 3.0],
            "relation": ["normalisation", "normalisation", "diplomatic", "conflict", None],
        }
    )


def test_tie_map_arcs_width_and_colour(ties):
    ax = tie_map(ties, frame="focus")
    arcs = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("regionkit-tie-")}
    assert len(arcs) == 5
    w = {k: a.get_linewidth() for k, a in arcs.items()}
    assert w["regionkit-tie-ARM-AZE"] > w["regionkit-tie-ISR-ARE"] > w["regionkit-tie-USA-KAZ"] > w["regionkit-tie-ISR-BHR"]
    col = {k: to_hex(a.get_edgecolor()) for k, a in arcs.items()}
    assert col["regionkit-tie-ISR-ARE"] == col["regionkit-tie-ISR-BHR"] != col["regionkit-tie-ARM-AZE"]
    texts = _legend_texts(ax)
    # known relations first, in regionkit.ties.RELATIONS order and colours, then the rest alphabetically
    assert texts[:4] == ["normalisation", "conflict", "other (support, criticism, aid)", "diplomatic"]
    assert col["regionkit-tie-ISR-ARE"] == st.RELATION_COLORS["normalisation"].lower()
    assert texts[4] == "name at the edge: partner beyond the frame"  # the USA-KAZ tie leaves the focus frame
    assert texts[5:] == ["weight 1", "weight 4", "weight 6"]  # whole-number weights: a whole-number middle
    assert "Capitals: GeoNames" in ax._regionkit["credits"]


def test_tie_map_caucasus_inset_and_integer_weights(ties):
    t = ties.assign(weight=[4, 1, 2, 6, 3])
    ax = tie_map(t, frame="focus")
    inset = ax._regionkit["inset"]
    inset_arcs = [p.get_gid() for p in inset.patches if (p.get_gid() or "").startswith("regionkit-tie-")]
    assert "regionkit-tie-ARM-AZE" in inset_arcs
    assert {x.get_text() for x in inset._regionkit["labels"]} == {"Armenia", "Azerbaijan"}
    assert "Armenia" not in {x.get_text() for x in ax._regionkit["labels"]}  # named in the inset instead
    assert _legend_texts(ax)[-3:] == ["weight 1", "weight 4", "weight 6"]  # integer weights: integer middle
    assert tie_map(t, frame="focus", inset=False)._regionkit.get("inset") is None


def test_tie_map_marks_partners_beyond_the_frame_and_drops_invisible_ties():
    t = pd.DataFrame({"a": ["USA", "ARM", "COD"], "b": ["KAZ", "AZE", "RWA"], "weight": [5, 2, 4],
                      "dominant": ["meeting", "treaty", "conflict"], "status": ["stated", "stated", "stated"]})
    ax = tie_map(t, frame="focus")
    # the heaviest tie runs to the United States, outside the focus frame: named at the edge, said in the legend
    assert ax._regionkit["off_frame"] == ["USA"]
    edge = [x for x in ax.texts if x.get_gid() == "regionkit-offframe-USA"]
    assert len(edge) == 1 and edge[0].get_text().strip("\u2190\u2192 ") in ("USA", "United States")
    x0, y0, x1, y1 = ax.get_xlim()[0], ax.get_ylim()[0], ax.get_xlim()[1], ax.get_ylim()[1]
    ex, ey = edge[0].get_position()
    assert x0 <= ex <= x1 and y0 <= ey <= y1
    texts = _legend_texts(ax)
    assert "name at the edge: partner beyond the frame" in texts
    # Congo-Rwanda lies wholly outside the frame: not drawn, and its relation is not in the legend
    gids = {p.get_gid() for p in ax.patches}
    assert "regionkit-tie-COD-RWA" not in gids and "conflict" not in texts
    # co-mentions and negated pairs only when asked
    t2 = t.assign(dominant=["co_mention", "treaty", "conflict"], status=["stated", "negated", "stated"])
    ax2 = tie_map(t2, frame="focus")
    assert not [p for p in ax2.patches if (p.get_gid() or "").startswith("regionkit-tie-")]
    ax3 = tie_map(t2, frame="focus", relations=["co_mention", "treaty"], statuses=["stated", "negated"])
    assert {p.get_gid() for p in ax3.patches} >= {"regionkit-tie-USA-KAZ", "regionkit-tie-ARM-AZE"}


def test_tie_map_without_weight_or_relation():
    ax = tie_map(pd.DataFrame({"a": ["ARM"], "b": ["GEO"]}), frame="caucasus")
    assert ax.get_legend() is None
    assert len([p for p in ax.patches if (p.get_gid() or "").startswith("regionkit-tie-")]) == 1


def test_tie_map_needs_a_and_b():
    with pytest.raises(ValueError, match="columns 'a' and 'b'"):
        tie_map(pd.DataFrame({"from": ["ARM"], "to": ["AZE"]}))


# ----------------------------------------------------------------------------- export


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml"), (".pdf", b"%PDF-")])
def test_save_formats_have_the_right_magic_bytes(tmp_path, counts, suffix, magic):
    ax = choropleth(counts, frame="caucasus")
    path = save(ax, tmp_path / f"sub/map{suffix}", dpi=60)
    data = path.read_bytes()
    assert path.exists() and len(data) > 1000
    assert data.startswith(magic)
    if suffix == ".svg":
        assert b"<svg" in data[:2000]


def test_save_writes_the_credit_line(tmp_path, counts):
    ax = choropleth(counts, frame="focus")
    save(ax, tmp_path / "m.png", dpi=50, data_source="Reuters, 2025-11-07")
    credits = [t for t in ax.texts if t.get_gid() == "regionkit-credit"]
    assert len(credits) == 1
    assert credits[0].get_text() == "Boundaries: Natural Earth. Data: Reuters, 2025-11-07"
    save(ax, tmp_path / "m2.png", dpi=50, credit="Figure: regionkit")  # replaced, not stacked
    credits = [t for t in ax.texts if t.get_gid() == "regionkit-credit"]
    assert [t.get_text() for t in credits] == ["Boundaries: Natural Earth. Figure: regionkit"]


@pytest.mark.parametrize("preset", ["paper-single", "paper-double", "slide"])
def test_presets_set_the_width(tmp_path, counts, preset):
    from PIL import Image

    ax = groups_map(as_of="2026-01-01")
    path = save(ax, tmp_path / "g.png", preset=preset, dpi=100)
    with Image.open(path) as im:
        width = im.size[0] / 100
    assert width == pytest.approx(PRESETS[preset]["width"], abs=0.1)


def test_presets_scale_label_and_legend_fonts_without_compounding(tmp_path, counts):
    ax = choropleth(counts, frame="focus")
    label = ax._regionkit["labels"][0]
    size = label.get_fontsize()
    save(ax, tmp_path / "a.png", preset="slide", dpi=40)
    assert label.get_fontsize() == pytest.approx(size * PRESETS["slide"]["font_scale"])
    save(ax, tmp_path / "b.png", preset="paper-single", dpi=40)
    assert label.get_fontsize() == pytest.approx(size * PRESETS["paper-single"]["font_scale"])
    legend_size = ax.get_legend().get_texts()[0].get_fontsize()
    assert legend_size == pytest.approx(st.FONT_SIZES["legend"] * PRESETS["paper-single"]["font_scale"])


def test_save_rejects_unknown_suffix_and_preset(tmp_path, counts):
    ax = choropleth(counts, frame="caucasus")
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        save(ax, tmp_path / "m.jpg")
    with pytest.raises(ValueError, match="valid presets: paper-single, paper-double, slide"):
        save(ax, tmp_path / "m.png", preset="poster")


# ----------------------------------------------------------------------------- CLI


def test_cli_map_from_mentions_and_errors(tmp_path, seed_mentions, capsys):
    from regionkit.cli import main

    mentions, _ = seed_mentions
    src = tmp_path / "m.parquet"
    mentions.to_parquet(src)
    out = tmp_path / "map.svg"
    assert main(["map", str(src), "-o", str(out), "--frame", "focus", "--highlight", "central_asia"]) == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert main(["map", str(src), "-o", str(tmp_path / "x.png"), "--frame", "moon"]) == 2
    assert "valid frames: world, focus" in capsys.readouterr().err
    assert main(["map", str(src), "-o", str(tmp_path / "x.png"), "--value", "nope"]) == 2
    assert "numeric columns: articles, mentions, share" in capsys.readouterr().err
    assert main(["map", "-o", str(tmp_path / "g.png"), "--groups", "central_asia,gcc", "--as-of", "2026-01-01"]) == 0
    assert (tmp_path / "g.png").read_bytes().startswith(b"\x89PNG")


# ----------------------------------------------------------------------------- pixel baselines (compared with --mpl)

_MPL = {"baseline_dir": "baseline", "style": "default", "remove_text": True, "tolerance": 2}


@pytest.mark.mpl_image_compare(filename="groups_focus.png", **_MPL)
def test_baseline_groups_focus():
    ax = groups_map(as_of="2026-01-01", labels=False, figsize=(7.5, 3.5))
    ax.get_legend().remove()
    return ax.get_figure()


@pytest.mark.mpl_image_compare(filename="choropleth_world.png", **_MPL)
def test_baseline_choropleth_world(counts):
    ax = choropleth(counts, frame="world", legend=False, highlight=["central_asia"], figsize=(8, 4))
    return ax.get_figure()


@pytest.mark.mpl_image_compare(filename="ties_caucasus.png", **_MPL)
def test_baseline_ties_caucasus():
    ties = pd.DataFrame({"a": ["ARM", "ARM", "AZE"], "b": ["AZE", "GEO", "GEO"], "weight": [3, 1, 2],
                         "relation": ["conflict", "diplomatic", "diplomatic"]})  # fmt: skip
    ax = tie_map(ties, frame="caucasus", labels=False, figsize=(6, 4))
    ax.get_legend().remove()
    return ax.get_figure()


def test_small_country_dots_sit_inside_their_country_and_are_named():
    import pandas as pd
    import shapely

    from regionkit.plot._mapbase import _frame, _projected

    counts = pd.Series({"PSE": 5, "QAT": 3, "ISR": 8, "BHR": 6, "LBN": 2, "KWT": 1}, name="articles")
    for frame in ("world", "focus"):
        ax = rk.plot.choropleth(counts, frame=frame, highlight=["abraham_accords"])
        dots = [c for c in ax.collections if c.get_gid() == "regionkit-small-states"]
        assert dots, frame
        proj = _projected(_frame(frame), None)
        for iso, (x, y) in zip(dots[0]._regionkit_iso3, dots[0].get_offsets()):
            geom = proj.world.loc[proj.world["iso3"] == iso, "geometry"].iloc[0]
            assert shapely.contains_xy(geom, x, y), (frame, iso)  # never moved over a neighbour
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        if any(i in ("BHR", "ISR") for i in dots[0]._regionkit_iso3):  # members drawn as dots: ring explained
            assert any(t.startswith("dot ring: Abraham Accords") for t in legend), legend
    # regional frame: a dot with a value carries its name
    labelled = {t.get_gid() for t in ax._regionkit["labels"]}
    assert {f"regionkit-label-{i}" for i in dots[0]._regionkit_iso3} <= labelled


def test_group_outline_style_is_fixed_per_group_not_by_order():
    counts = pd.Series({"KAZ": 3, "ARM": 2, "ISR": 1}, name="articles")

    def styles(order):
        ax = rk.plot.choropleth(counts, frame="focus", highlight=order, inset=False)
        leg = ax.get_legend()
        return {t.get_text(): (to_hex(h.get_color()), str(h.get_linestyle())) for t, h in
                zip(leg.get_texts(), leg.legend_handles) if t.get_text().endswith("(outline)")}

    a = styles(["central_asia", "south_caucasus", "abraham_accords"])
    b = styles(["abraham_accords", "central_asia", "south_caucasus"])
    assert len(a) == 3 and a == b


def test_custom_bounding_box_labels_the_countries_with_a_value():
    counts = pd.Series({"IRN": 4, "IRQ": 2, "TUR": 1}, name="articles")
    ax = rk.plot.choropleth(counts, frame=(25, 25, 60, 45))
    names = {t.get_text() for t in ax._regionkit["labels"] if t.get_visible()}
    assert {"Iran", "Iraq", "Türkiye"} <= names


@pytest.mark.parametrize("preset", ["paper-single", "slide"])
def test_tie_map_edge_names_stay_inside_the_frame_and_apart(tmp_path, preset):
    # two partners beyond the frame whose ties leave it at nearly the same point (seen: "← Canada"
    # printed over "← USA" and cut by the frame's top at paper-single)
    import regionkit as rk

    t = pd.DataFrame({"a": ["USA", "CAN", "ARM"], "b": ["KAZ", "KAZ", "AZE"], "weight": [5, 3, 2],
                      "dominant": ["meeting", "meeting", "treaty"], "status": ["stated"] * 3})
    ax = tie_map(t, frame="focus")
    rk.plot.save(ax, tmp_path / "m.png", preset=preset)
    fig = ax.get_figure(root=True)
    r = fig.canvas.get_renderer()
    frame = ax.get_window_extent(r)
    boxes = [x.get_window_extent(r) for x in ax.texts if (x.get_gid() or "").startswith("regionkit-offframe-")]
    assert len(boxes) == 2
    for b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
    assert not boxes[0].overlaps(boxes[1])

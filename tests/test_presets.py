"""Every chart and map at every size preset: fast, no warning, labels inside the figure and apart.

``pytest.ini`` turns warnings into errors, so a "labels too long" or "constrained layout
collapsed" warning fails the test. Label boxes are measured on the saved figure.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import regionkit as rk  # noqa: E402
from regionkit._resources import data_path  # noqa: E402

PRESETS = ("paper-single", "paper-double", "slide")
SECONDS = 8.0  # CPU seconds to draw + save at the preset (wall time varies on the shared 2-core machine)


@pytest.fixture(scope="module")
def data():
    arts = rk.read_articles(data_path("articles"))
    m = rk.extract_mentions(arts)
    ties = rk.extract_ties(m, articles=arts)
    return {"counts": rk.country_counts(m, arts, by="country"), "weights": rk.tie_table(ties)}


FIGURES = {
    "choropleth_focus": lambda d: rk.plot.choropleth(d["counts"], frame="focus",
                                                     highlight=["central_asia", "south_caucasus", "abraham_accords"]),
    "choropleth_world": lambda d: rk.plot.choropleth(d["counts"], frame="world"),
    "choropleth_middle_east": lambda d: rk.plot.choropleth(d["counts"], frame="middle_east"),
    "groups_map": lambda d: rk.plot.groups_map(as_of="2026-01-01"),
    "tie_map": lambda d: rk.plot.tie_map(d["weights"][d["weights"]["weight"] >= 2]),
    "tie_network": lambda d: rk.plot.tie_network(d["weights"]),
    "timeline": lambda d: rk.plot.timeline(rk.reference_ties(), countries=["ISR", "AZE", "KAZ", "ARE", "BHR", "MAR",
                                                                            "SDN"]),
    "heatmap": lambda d: rk.plot.comention_heatmap(d["weights"]),
    "top_countries": lambda d: rk.plot.top_countries(d["counts"]),
}


def _texts(fig):
    """Every visible, non-empty text of the figure (axes, insets, legends), with its box in pixels."""
    r = fig.canvas.get_renderer()
    out = []
    for t in fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text().strip() and t.get_figure(root=True) is fig:
            out.append((t, t.get_window_extent(r)))
    return out


def _labels(ax) -> list:
    """Label texts the plot placed itself (country and node labels)."""
    meta = getattr(ax, "_regionkit", {})
    found = list(meta.get("labels", []))
    inset = meta.get("inset")
    if inset is not None:
        found += list(inset._regionkit.get("labels", []))
    return [t for t in found if t.get_visible() and t.get_figure(root=True) is not None]


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_at_preset(tmp_path, data, name, preset):
    t0 = time.process_time()
    ax = FIGURES[name](data)
    path = rk.plot.save(ax, tmp_path / f"{name}.png", preset=preset, dpi=100)
    seconds = time.process_time() - t0
    assert seconds < SECONDS, f"{name} at {preset}: {seconds:.1f} s"
    fig = ax.get_figure(root=True)
    # the saved file has the preset's width (tight bounding box)
    import PIL.Image

    with PIL.Image.open(path) as im:
        assert im.size[0] / 100 == pytest.approx(rk.plot.PRESETS[preset]["width"], abs=0.15)
    labels = _labels(ax)
    r = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in labels]
    clash = [(labels[i].get_text(), labels[j].get_text()) for i in range(len(boxes)) for j in range(i)
             if boxes[i].overlaps(boxes[j])]
    assert clash == [], f"{name} at {preset}: overlapping labels {clash[:5]}"
    # nothing is cut: texts kept out of the layout (labels) lie inside the saved (tight) area too
    tight = fig.get_tightbbox(r).transformed(fig.dpi_scale_trans)
    for t, box in _texts(fig):
        if not t.get_in_layout():
            inside = box.x0 >= tight.x0 - 1 and box.x1 <= tight.x1 + 1 and box.y0 >= tight.y0 - 1 and box.y1 <= tight.y1 + 1
            assert inside, f"{name} at {preset}: {t.get_text()!r} cut"

    plt.close(fig)

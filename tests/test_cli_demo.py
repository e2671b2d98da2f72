"""`regionkit demo`: the quickstart job writes its tables and figures."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DATA
from regionkit.cli import main


def test_demo_tables(tmp_path, capsys):
    assert main(["demo", str(DATA / "articles"), "-o", str(tmp_path), "--no-figures"]) == 0
    summary = capsys.readouterr().out
    assert "articles read: 35" in summary
    counts = pd.read_csv(tmp_path / "country_counts.csv")
    assert {"ISR", "AZE", "KAZ", "ARE", "BHR", "MAR", "SDN"} <= set(counts["iso3"])
    mentions = pd.read_parquet(tmp_path / "mentions.parquet")
    assert set(mentions["article_id"]) == set(pd.read_csv(tmp_path / "article_countries.csv")["article_id"])
    ties = pd.read_csv(tmp_path / "tie_table.csv")
    assert ((ties["a"] == "ARM") & (ties["b"] == "AZE")).any()
    assert not (tmp_path / "figures").exists()


@pytest.mark.slow
def test_demo_figures(tmp_path):
    assert main(["demo", str(DATA / "articles"), "-o", str(tmp_path)]) == 0
    magic = {".png": b"\x89PNG", ".pdf": b"%PDF", ".svg": b"<?xml"}
    names = {p.name for p in (tmp_path / "figures").iterdir()}
    assert {"mentions_world.png", "mentions_focus.png", "mentions_focus.svg", "mentions_focus.pdf", "groups.png",
            "tie_network.png", "tie_map.png", "timeline.png", "top_countries.png"} <= names
    for p in (tmp_path / "figures").iterdir():
        assert p.read_bytes().startswith(magic[p.suffix]), p.name
    # one self-contained report, and the interactive map and network as offline HTML
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert report.count("<img ") >= 6 and "data:image/png;base64," in report
    assert "src='http" not in report and 'src="http' not in report and "<link" not in report
    for name in ("explore_map.html", "explore_ties.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert "<script src=" not in page  # plotly.js inlined, no CDN


def test_demo_bad_output(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["demo", str(DATA / "articles"), "-o", str(target)]) == 2
    assert "is not a folder" in capsys.readouterr().err

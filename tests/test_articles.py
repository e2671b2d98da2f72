"""read_articles(): formats, stable ids, scraping noise, clear errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import regionkit as rk
from conftest import DATA, SEED
from regionkit._boilerplate import boilerplate_spans


def test_demo_corpus(demo_articles):
    a = demo_articles
    assert list(a.columns[:6]) == ["article_id", "title", "date", "source", "path", "text"]
    assert len(a) == 35 and a["article_id"].is_unique
    assert a.dtypes.loc[list(rk.ARTICLES_META.columns)].equals(rk.ARTICLES_META.dtypes)
    seed = a[a["article_id"] == "000_882ee92918b85e76"].iloc[0]
    assert seed["title"] == "Trump aims to bring Azerbaijan, Central Asian nations into Abraham Accords"
    assert pd.isna(seed["date"])  # the scraped page carries no date
    d = a[a["article_id"] == "d001"].iloc[0]
    assert str(d["date"].date()) == "2020-02-03" and d["source"] == "U.S. Department of State"


def test_seed_page_boilerplate_starts_after_the_story():
    text = SEED.read_text(encoding="utf-8")
    spans = boilerplate_spans(text)
    story_end = text.index("Photo: US President Donald Trump/AFP") + len("Photo: US President Donald Trump/AFP")
    assert spans and spans[0][0] > story_end
    assert text[spans[0][0]:].startswith("Related articles")
    assert spans[-1][1] == len(text)
    # the Council of Europe teaser appears twice, both copies are noise
    first = text.index("Council of Europe launches")
    assert first >= spans[0][0]


def test_repeated_block_in_body_is_boilerplate():
    para = "The two countries have been at loggerheads since the late 1980s.\n\nThe two leaders met again."
    story = "Armenia and Azerbaijan met in Abu Dhabi to discuss the text of a peace agreement."
    text = f"{story}\n\nShare this article\n\n{story}\n\nEnd."
    spans = boilerplate_spans(text)
    noise = [text[a:b] for a, b in spans]
    assert "Share this article" in noise and story in noise
    assert boilerplate_spans(para) == []
    assert boilerplate_spans("Subscribe to our newsletter\n\nStory.") == [(0, 27)]


def test_inline_teasers_are_boilerplate():
    text = "Armenia and Azerbaijan met.\nREAD MORE: Russia warns Georgia\nRelated: Iran talks stall\nThe talks went on in Baku."
    m = rk.extract_mentions(text)
    assert dict(zip(m["surface"], m["section"])) == {
        "Armenia": "body", "Azerbaijan": "body", "Russia": "boilerplate", "Georgia": "boilerplate",
        "Iran": "boilerplate", "Baku": "body"}


def test_ids_are_stable_when_files_are_added(tmp_path):
    (tmp_path / "b.txt").write_text("Title B\n\nKazakhstan.", encoding="utf-8")
    first = rk.read_articles(tmp_path).set_index("title")["article_id"]
    (tmp_path / "a.txt").write_text("Title A\n\nArmenia.", encoding="utf-8")
    second = rk.read_articles(tmp_path).set_index("title")["article_id"]
    assert second["Title B"] == first["Title B"]
    assert len(second) == 2


def test_csv_jsonl_parquet_and_dataframe(tmp_path):
    df = pd.DataFrame({"id": ["x", "y"], "body": ["Israel and Bahrain.", "Nothing."], "date": ["2020-09-15", "2021-01-06"]})
    df.to_csv(tmp_path / "a.csv", index=False)
    with open(tmp_path / "b.jsonl", "w", encoding="utf-8") as fh:
        for rec in df.to_dict("records"):
            fh.write(json.dumps(rec) + "\n")
    df.to_parquet(tmp_path / "c.parquet")
    for name in ("a.csv", "b.jsonl", "c.parquet"):
        a = rk.read_articles(tmp_path / name, text_column="body")
        assert a["article_id"].tolist() == ["x", "y"], name
        assert a["date"].dt.year.tolist() == [2020, 2021]
    a = rk.read_articles(df, text_column="body")
    assert a["text"].tolist() == df["body"].tolist()


def test_chunksize_returns_iterator(demo_articles):
    chunks = list(rk.read_articles(DATA / "articles", chunksize=10))
    assert [len(c) for c in chunks] == [10, 10, 10, 4, 1]
    assert pd.concat(chunks)["article_id"].tolist() == demo_articles["article_id"].tolist()


def test_errors_are_one_clear_line(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        rk.read_articles(tmp_path / "missing")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="has no article files"):
        rk.read_articles(empty)
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(ValueError, match="unknown file type .docx"):
        rk.read_articles(tmp_path / "x.docx")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Armenia \xff\xfe and Georgia")
    with pytest.raises(ValueError, match="bad.txt: not valid UTF-8"):
        rk.read_articles(bad)
    assert "Armenia" in rk.read_articles(bad, encoding_errors="replace")["text"][0]
    jl = tmp_path / "broken.jsonl"
    jl.write_text('{"text": "ok"}\n{"text": broken\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: malformed JSON"):
        rk.read_articles(jl)
    (tmp_path / "t.csv").write_text("title,body\na,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no text column 'text'.*columns are"):
        rk.read_articles(tmp_path / "t.csv")

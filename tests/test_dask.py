"""Dask: a LocalCluster with 2 worker processes gives the same rows and dtypes as the pandas path."""

from __future__ import annotations

import json
import pickle

import pandas as pd
import pytest

import regionkit as rk

from conftest import DATA

pytest.importorskip("distributed")

import regionkit.dask as rkd  # noqa: E402

pytestmark = pytest.mark.slow
KEY = ["article_id", "start", "end", "kind"]


def _canon(frame: pd.DataFrame, key=KEY) -> pd.DataFrame:
    return frame.sort_values(key).reset_index(drop=True)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def pandas_path():
    arts = rk.read_articles(DATA / "articles")
    return arts, rk.extract_mentions(arts)


def test_partition_function_keeps_exact_meta():
    empty = rkd._extract_partition(rk.ARTICLES_META.copy(), "text", "article_id", None, None)
    assert empty.dtypes.equals(rk.MENTIONS_META.dtypes) and list(empty.columns) == list(rk.MENTIONS_META.columns)
    ddf = rkd.extract_mentions(rkd.read_articles_dask(DATA / "articles"))
    assert ddf._meta.dtypes.equals(rk.MENTIONS_META.dtypes)


def test_gazetteer_is_not_shipped_in_the_graph():
    ddf = rkd.extract_mentions(rkd.read_articles_dask(DATA / "articles", blocksize="20KB"))
    graph = dict(ddf.__dask_graph__())
    assert len(ddf.__dask_graph__()) >= 2 * 5  # read + extract per partition
    size = len(pickle.dumps(graph))
    from regionkit.gazetteer import gazetteer

    gaz = len(pickle.dumps(gazetteer().by_key))
    assert size < gaz / 4, (size, gaz)


def test_local_cluster_matches_pandas(client, pandas_path):
    arts, expected = pandas_path
    ddf = rkd.read_articles_dask(DATA / "articles", blocksize="20KB")  # several byte ranges of the JSONL
    assert ddf.npartitions >= 4
    got_arts = ddf.compute()
    assert got_arts.dtypes.equals(rk.ARTICLES_META.dtypes)
    pd.testing.assert_frame_equal(_canon(got_arts, ["article_id"]),
                                  _canon(arts[list(rk.ARTICLES_META.columns)], ["article_id"]))
    got = rkd.extract_mentions(ddf).compute()
    assert got.dtypes.equals(expected.dtypes)
    pd.testing.assert_frame_equal(_canon(got), _canon(expected))
    # every worker built its own gazetteer (once), the tasks did not carry it
    built = client.run(lambda: bool(__import__("importlib").import_module("regionkit.gazetteer")._DEFAULT))
    assert len(built) == 2 and all(built.values())


def test_extract_to_folder_matches_streaming(client, tmp_path, pandas_path):
    _, expected = pandas_path
    out = tmp_path / "parts"
    summary = rkd.extract_to(DATA / "articles", out, client=client, partition_by="month", blocksize="20KB",
                             progress=False)
    assert summary.articles == 35 and summary.mentions == len(expected) and summary.no_mention == 0
    got = pd.read_parquet(out)
    pd.testing.assert_frame_equal(_canon(got.drop(columns="month")), _canon(expected))
    again = rkd.extract_to(DATA / "articles", out, client=client, partition_by="month", blocksize="20KB",
                           progress=False)
    assert again.parts_written == 0 and again.parts_reused == summary.parts_written


def test_to_parquet_roundtrip(client, tmp_path, pandas_path):
    _, expected = pandas_path
    rkd.to_parquet(rkd.extract_mentions(rkd.read_articles_dask(DATA / "articles")), tmp_path / "m")
    got = pd.read_parquet(tmp_path / "m")
    assert got.dtypes.equals(expected.dtypes)
    pd.testing.assert_frame_equal(_canon(got), _canon(expected))


def test_jsonl_byte_ranges_keep_line_numbers_and_ids(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": f"Story {i} about Armenia and Azerbaijan."}) for i in range(40)]
    lines.insert(25, "")  # a blank line counts as a line, not a record
    lines[31] = '{"id": "bad", "text": '
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    specs = rkd.partition_specs(path, blocksize=300)
    assert len(specs) > 5 and [s[0] for s in specs] == ["jsonl"] * len(specs)
    with pytest.raises(ValueError, match=r"feed\.jsonl, line 32: malformed JSON"):
        for spec in specs:
            rk.articles.read_block(spec, "text", None, "strict")
    lines[31] = json.dumps({"id": "fixed", "text": "Kazakhstan."})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = [rk.articles.read_block(s, "text", None, "strict") for s in rkd.partition_specs(path, blocksize=300)]
    got = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(got, rk.read_articles(path)[list(rk.ARTICLES_META.columns)])


def test_cli_workers_matches_pandas(tmp_path, capsys, pandas_path):
    from regionkit.cli import main

    _, expected = pandas_path
    out = tmp_path / "m.parquet"
    assert main(["extract", str(DATA / "articles"), "-o", str(out), "--workers", "2", "--blocksize", "20KB"]) == 0
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"regionkit extract: 35 articles read from 2 files, {len(expected):,} mentions; "
                                        "0 articles with no mention; 0 skipped"]
    got = pd.read_parquet(out)
    assert got.dtypes.equals(expected.dtypes)
    pd.testing.assert_frame_equal(_canon(got), _canon(expected))


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_idless_tables_split_in_blocks_keep_pandas_ids(tmp_path, suffix):
    """Content-derived ids count repeats of a text within its file: blocks must agree with one pass."""
    texts = [f"Report {i % 7} on Armenia and Azerbaijan." for i in range(60)]  # every text repeats
    path = tmp_path / f"feed{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        specs = rkd.partition_specs(path, blocksize=400)
    else:
        pd.DataFrame({"text": texts}).to_parquet(path, row_group_size=9)
        specs = rkd.partition_specs(path)
    assert len(specs) > 4
    got = pd.concat([rk.articles.read_block(s, "text", None, "strict") for s in specs], ignore_index=True)
    want = rk.read_articles(path)[list(rk.ARTICLES_META.columns)]
    assert got["article_id"].is_unique
    pd.testing.assert_frame_equal(got, want)


def test_relative_paths_work_on_workers_in_another_directory(client, tmp_path, monkeypatch, pandas_path):
    """Workers do not share the client's working directory (a real cluster never does)."""
    import shutil

    _, expected = pandas_path
    shutil.copytree(DATA / "articles", tmp_path / "news")
    monkeypatch.chdir(tmp_path)  # the cluster's workers stay where they were started
    summary = rkd.extract_to("news", "out.parquet", client=client, blocksize="20KB", progress=False)
    assert summary.articles == 35
    pd.testing.assert_frame_equal(_canon(pd.read_parquet(tmp_path / "out.parquet")), _canon(expected))
    got = rkd.read_articles_dask("news", blocksize="20KB").compute()
    want = rk.read_articles("news")[list(rk.ARTICLES_META.columns)]
    pd.testing.assert_frame_equal(_canon(got, ["article_id"]), _canon(want, ["article_id"]))
    assert "news/000_882ee92918b85e76.txt" in set(got["path"])  # the path as given, not made absolute

"""User aliases and groups reach a 2-process Dask LocalCluster, and each worker gets the value once."""

from __future__ import annotations

import pandas as pd
import pytest

import regionkit as rk
from regionkit.gazetteer import default_gazetteer



pytest.importorskip("distributed")

import regionkit.dask as rkd  # noqa: E402

pytestmark = pytest.mark.slow
KEY = ["article_id", "start", "end", "kind"]
TEXTS = ["The Middle Kingdom and the Corridor states met in Baku.",
         "Officials of the Middle Kingdom spoke.", "Nothing here.", "Corridor states again, and Armenia."] * 6


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


def _user_gazetteer():
    return (default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
            .with_groups({"my_corridor": ["KAZ", "AZE"]}, aliases={"Corridor states": "my_corridor"}))


def _canon(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEY).reset_index(drop=True)


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i:02d}" for i in range(len(TEXTS))], "text": TEXTS})


def test_user_gazetteer_reaches_workers_and_is_compiled_once_per_worker(client):
    import dask.dataframe as dd

    g = _user_gazetteer()
    ddf = dd.from_pandas(_frame(), npartitions=6)
    got = rkd.extract_mentions(ddf, gazetteer=g).compute()
    expected = rk.extract_mentions(_frame(), gazetteer=g)
    pd.testing.assert_frame_equal(_canon(got), _canon(expected))
    assert {"CHN"} <= set(got["iso3"].dropna()) and "my_corridor" in set(got["group"].dropna())
    # the value is one node of the graph, not a copy per task
    graph = dict(rkd.extract_mentions(ddf, gazetteer=g).__dask_graph__())
    copies = [k for k, v in graph.items() if isinstance(v, rk.Gazetteer) or
              isinstance(getattr(v, "value", None), rk.Gazetteer)]
    assert len(copies) == 1, copies
    compiled = client.run(lambda fp=g.fingerprint: __import__("regionkit.gazetteer").gazetteer.COMPILED.get(fp, 0))
    assert len(compiled) == 2 and all(n <= 1 for n in compiled.values()) and sum(compiled.values()) >= 1, compiled


def test_module_level_aliases_reach_workers(client):
    import dask.dataframe as dd

    ddf = dd.from_pandas(_frame(), npartitions=4)
    before = rkd.extract_mentions(ddf).compute()
    assert "CHN" not in set(before["iso3"].dropna())
    try:
        rk.add_aliases({"Middle Kingdom": "CHN"})
        rk.add_groups({"my_corridor": ["KAZ", "AZE"]}, aliases={"Corridor states": "my_corridor"})
        got = rkd.extract_mentions(ddf).compute()
        pd.testing.assert_frame_equal(_canon(got), _canon(rk.extract_mentions(_frame())))
    finally:
        rk.reset_gazetteer()
    assert "CHN" in set(got["iso3"].dropna()) and "my_corridor" in set(got["group"].dropna())


def test_extract_to_with_a_user_gazetteer(client, tmp_path):
    g = _user_gazetteer()
    src = tmp_path / "arts.jsonl"
    _frame().to_json(src, orient="records", lines=True)
    out = tmp_path / "m.parquet"
    rkd.extract_to(src, out, client=client, blocksize="200B", progress=False, gazetteer=g)
    got = pd.read_parquet(out)
    expected = rk.extract_mentions(rk.read_articles(src), gazetteer=g)
    assert set(got["iso3"].dropna()) == set(expected["iso3"].dropna()) and "CHN" in set(got["iso3"].dropna())
    assert len(got) == len(expected)
    # the shipped gazetteer gives other rows: the option really was used
    assert len(rk.extract_mentions(rk.read_articles(src))) < len(expected)
    assert default_gazetteer() is rk.current_gazetteer()



def test_native_names_reach_workers(client):
    """The language tables travel inside the value: a user's Russian name is found on the workers too."""
    import dask.dataframe as dd

    g = default_gazetteer().with_native_names({"Поднебесная": "CHN"}, lang="ru")
    texts = ["Делегация Поднебесной прибыла в Москву.", "Поднебесная и Казахстан подписали соглашение.",
             "Beijing and Astana signed."] * 4
    frame = pd.DataFrame({"article_id": [f"r{i:02d}" for i in range(len(texts))], "text": texts})
    got = rkd.extract_mentions(dd.from_pandas(frame, npartitions=4), gazetteer=g).compute()
    pd.testing.assert_frame_equal(_canon(got), _canon(rk.extract_mentions(frame, gazetteer=g)))
    assert (got["iso3"] == "CHN").sum() == 12
    assert "CHN" not in set(rkd.extract_mentions(dd.from_pandas(frame[:2], npartitions=1)).compute()["iso3"])

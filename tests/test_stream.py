"""Streaming extraction: chunked == unchunked, resume after a crash, stable ids across chunk sizes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import regionkit as rk
import regionkit.extract
import regionkit.stream
from regionkit.stream import MANIFEST, iter_mentions, stream_mentions

from conftest import DATA, SEED

KEY = ["article_id", "start", "end", "kind"]
_REAL_EXTRACT = regionkit.extract.extract_mentions


def _canon(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEY).reset_index(drop=True)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return rk.extract_mentions(rk.read_articles(DATA / "articles"))


@pytest.fixture
def one_part_per_chunk(monkeypatch):
    """No coalescing of small chunks: every chunk is its own part (to test resume with many parts)."""
    monkeypatch.setattr(regionkit.stream, "MIN_BLOCK_ARTICLES", 1)


def _crash_on_call(monkeypatch, n: int) -> list[int]:
    """Make the n-th call of extract_mentions raise (a crash half-way); return the call counter."""
    real = _REAL_EXTRACT
    calls: list[int] = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise RuntimeError("simulated crash")
        return real(*args, **kwargs)

    monkeypatch.setattr(regionkit.extract, "extract_mentions", flaky)
    return calls


@pytest.mark.parametrize("coalesce", [True, False])
@pytest.mark.parametrize("chunksize", [1, 7, 50_000])
def test_chunked_equals_unchunked(tmp_path, expected, chunksize, coalesce, monkeypatch):
    if not coalesce:
        monkeypatch.setattr(regionkit.stream, "MIN_BLOCK_ARTICLES", 1)
    out = tmp_path / "parts"
    summary = stream_mentions(DATA / "articles", out, chunksize=chunksize, progress=False)
    assert summary.articles == 35 and summary.mentions == len(expected)
    got = pd.read_parquet(out)
    assert got.dtypes.equals(rk.MENTIONS_META.dtypes)
    pd.testing.assert_frame_equal(_canon(got), _canon(expected))
    n_parts = len(list(out.glob("part-*.parquet")))
    if coalesce:  # 35 articles < MIN_BLOCK_ARTICLES: all chunks share one part
        assert n_parts == 1
    else:
        assert n_parts == -(-34 // chunksize) + -(-1 // chunksize)  # the JSONL chunks, then the seed page
    stream = pd.concat([m for _, m in iter_mentions(DATA / "articles", chunksize=chunksize)], ignore_index=True)
    pd.testing.assert_frame_equal(_canon(stream), _canon(expected))


def test_resume_after_crash_skips_finished_parts(tmp_path, monkeypatch, expected, one_part_per_chunk):
    clean = tmp_path / "clean"
    stream_mentions(DATA / "articles", clean, chunksize=5, partition_by="month", progress=False)
    out = tmp_path / "crashed"
    calls = _crash_on_call(monkeypatch, 4)
    with pytest.raises(RuntimeError, match="simulated crash"):
        stream_mentions(DATA / "articles", out, chunksize=5, partition_by="month", progress=False)
    manifest = json.loads((out / MANIFEST).read_text())
    assert not manifest["complete"] and len(manifest["chunks"]) == 3  # three chunks were finished before the crash
    written = {f for rec in manifest["chunks"].values() for f in rec["files"]}
    assert all((out / f).exists() for f in written)
    # debris a hard kill can leave: a temporary file and a part that never made it into the manifest
    (out / ".part-000009-x.parquet.1234.tmp").write_bytes(b"half")
    stray = out / "month=2099-01" / "part-000099-0000000000000000.parquet"
    stray.parent.mkdir()
    stray.write_bytes(b"half")

    calls.clear()
    monkeypatch.setattr(regionkit.extract, "extract_mentions", _counting(calls))
    summary = stream_mentions(DATA / "articles", out, chunksize=5, partition_by="month", progress=False)
    n_chunks = -(-34 // 5) + 1
    assert len(calls) == n_chunks - 3  # only the unfinished chunks were extracted again
    assert summary.parts_reused == 3 and summary.parts_written == n_chunks - 3
    assert summary.articles == 35 and summary.mentions == len(expected)
    assert "resumed: 3 finished parts reused" in summary.line()
    assert not stray.exists() and not list(out.rglob("*.tmp"))
    assert json.loads((out / MANIFEST).read_text())["complete"]
    # identical to an uninterrupted run: same part files, same rows
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("part-*")) == sorted(
        p.relative_to(clean).as_posix() for p in clean.rglob("part-*"))
    pd.testing.assert_frame_equal(_canon(pd.read_parquet(out)), _canon(pd.read_parquet(clean)))
    # a third run has nothing left to do
    calls.clear()
    again = stream_mentions(DATA / "articles", out, chunksize=5, partition_by="month", progress=False)
    assert calls == [] and again.parts_written == 0 and again.mentions == len(expected)


def _counting(calls: list[int]):
    def counted(*args, **kwargs):
        calls.append(1)
        return _REAL_EXTRACT(*args, **kwargs)

    return counted


def test_folder_of_another_run_is_refused(tmp_path):
    out = tmp_path / "parts"
    stream_mentions(SEED, out, chunksize=5, progress=False)
    with pytest.raises(ValueError, match=r"different run \(changed: chunksize\)"):
        stream_mentions(SEED, out, chunksize=6, progress=False)
    with pytest.raises(ValueError, match=r"changed: inputs"):
        stream_mentions(DATA / "articles", out, chunksize=5, progress=False)
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ValueError, match="not empty and has no _manifest.json"):
        stream_mentions(SEED, foreign, progress=False)


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_file_output_resumes_and_is_never_half_written(tmp_path, monkeypatch, expected, suffix,
                                                      one_part_per_chunk):
    out = tmp_path / f"m{suffix}"
    calls = _crash_on_call(monkeypatch, 3)
    with pytest.raises(RuntimeError):
        stream_mentions(DATA / "articles", out, chunksize=10, progress=False)
    assert not out.exists()  # no half-written file under the final name
    parts = tmp_path / f".m{suffix}.parts"
    assert len(json.loads((parts / MANIFEST).read_text())["chunks"]) == 2
    calls.clear()
    monkeypatch.setattr(regionkit.extract, "extract_mentions", _counting(calls))
    summary = stream_mentions(DATA / "articles", out, chunksize=10, progress=False)
    assert len(calls) == (-(-34 // 10) + 1) - 2  # 4 JSONL chunks and the seed page, minus the 2 finished
    assert summary.parts_reused == 2 and summary.mentions == len(expected)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # parts folder and temporary files gone
    if suffix == ".parquet":
        got = pd.read_parquet(out)
    elif suffix == ".csv":
        got = pd.read_csv(out, dtype=str, keep_default_na=False)
    else:
        got = pd.read_json(out, lines=True, dtype=False)
    assert len(got) == len(expected)
    # rows come in chunk order, the same as an uninterrupted run
    clean = tmp_path / "clean" / f"m{suffix}"
    stream_mentions(DATA / "articles", clean, chunksize=10, progress=False)
    assert clean.read_bytes() == out.read_bytes()


@pytest.mark.slow
def test_cli_killed_half_way_then_resumed(tmp_path, demo_articles):
    """A real SIGKILL of `regionkit extract` mid-run; the re-run reuses the finished parts and matches a clean run."""
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for copy in range(200):
            for rec in demo_articles[["article_id", "text"]].itertuples(index=False):
                fh.write(json.dumps({"id": f"{rec.article_id}-{copy}", "text": rec.text}) + "\n")
    out = tmp_path / "m.parquet"
    # chunks of MIN_BLOCK_ARTICLES are not coalesced: 7,000 articles, 70 parts
    cmd = [sys.executable, "-m", "regionkit", "extract", str(corpus), "-o", str(out), "--chunksize", "100"]
    manifest = tmp_path / ".m.parquet.parts" / MANIFEST
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(json.loads(manifest.read_text()).get("chunks", {})) >= 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    done = len(json.loads(manifest.read_text())["chunks"])
    assert 3 <= done < 70
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert f"resumed: {done} finished parts reused, {70 - done} parts written" in res.stderr
    clean = tmp_path / "clean.parquet"
    subprocess.run([*cmd[:5], "-o", str(clean), "--chunksize", "100"], capture_output=True, check=True)
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(clean))


# ------------------------------------------------------------------- ids
def _ids(source, chunksize):
    """article_id -> (path, text) over all chunks; a duplicate id fails."""
    out = {}
    for chunk in rk.read_articles(source, chunksize=chunksize):
        for i, path, text in zip(chunk["article_id"], chunk["path"], chunk["text"]):
            assert i not in out, f"duplicate id {i}"
            out[i] = (path, text)
    return out


@pytest.mark.parametrize("chunksize", [1, 3, 1000])
def test_ids_stable_across_chunk_sizes(tmp_path, chunksize):
    folder = tmp_path / "news"
    (folder / "2024").mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for i, para in enumerate(p for p in text.split("\n\n") if len(p) > 200):
        (folder / "2024" / f"story {i}.txt").write_text(para, encoding="utf-8")  # not id-like: path hash
    ids = _ids(folder, chunksize)
    assert ids == _ids(folder, 1000) and len(ids) > 3
    demo = _ids(DATA / "articles", chunksize)
    assert demo == _ids(DATA / "articles", 1000) and len(demo) == 35
    # adding a file does not renumber the others
    (folder / "2024" / "another.txt").write_text("Kazakhstan", encoding="utf-8")
    assert ids.items() <= _ids(folder, chunksize).items()


def test_ids_of_idless_jsonl_stable_across_chunk_sizes(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = ["Armenia and Azerbaijan signed.", "Armenia and Azerbaijan signed.", "Kazakhstan hosted the summit."]
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in rows), encoding="utf-8")
    assert _ids(path, 1) == _ids(path, 1000)


def test_dataframe_and_frame_iterator_sources(tmp_path, demo_articles, expected, one_part_per_chunk):
    out = tmp_path / "m.parquet"
    summary = stream_mentions(demo_articles, out, chunksize=8, progress=False)
    assert summary.articles == 35 and summary.parts_written == 5
    pd.testing.assert_frame_equal(_canon(pd.read_parquet(out)), _canon(expected))
    chunks = rk.read_articles(DATA / "articles", chunksize=12)
    summary = stream_mentions(chunks, tmp_path / "m.jsonl", progress=False)
    assert summary.articles == 35 and summary.mentions == len(expected)

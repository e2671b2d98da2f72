"""Fault injection: bad inputs, concurrent runs, kills and broken outputs (issue 13).

Each test reproduces one failure a user or an adversary met, through the library or
the real command line run as a subprocess. No sleep is longer than a second.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import regionkit as rk


def cli(*args: str, cwd=None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m regionkit ARGS`` and return the finished process (text mode)."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-m", "regionkit", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """Assert the run failed with exit 2 and exactly one line on stderr; return that line."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


# -- the error classes ------------------------------------------------------------------------------

def test_errors_are_value_errors_and_exported():
    for name in ("InputFileError", "MissingInputError", "SchemaError", "DuplicateIdError", "UnknownGroupError",
                 "UnknownCountryError", "OutputError", "OutputLockedError", "IncompleteOutputError"):
        cls = getattr(rk, name)
        assert issubclass(cls, rk.RegionkitError)
    assert issubclass(rk.RegionkitError, ValueError)
    assert issubclass(rk.MissingInputError, FileNotFoundError)
    err = rk.InputFileError("a.csv: empty file", path="a.csv")
    assert err.path == "a.csv" and str(err) == "a.csv: empty file"


def test_cli_usage_error_is_a_regionkit_error():
    from regionkit.cli import UsageError

    assert issubclass(UsageError, rk.RegionkitError)


def test_cli_missing_input_is_one_line(tmp_path):
    line = one_line_error(cli("extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.csv")))
    assert "nope.jsonl" in line


# -- 13.3: linear cost on one long article ----------------------------------------------------------

def _best_time(fn, repeat: int = 2) -> float:
    """Best CPU time of this process over ``repeat`` calls (CPU, not wall: other jobs share the cores).

    The garbage collector is paused while timing: late in a long test session a full collection
    walks every live object of the run, which is the suite's size, not the text's.
    """
    import gc
    import time

    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        finally:
            gc.enable()
    return best


def test_long_article_costs_linear_time():
    """The seed page repeated to 1 and 4 MB as one article: 4x the text, well under 7x the time.

    Before the fix the fallback rescans re-ran the automaton over the rest of the string
    (1 MB 0.2 s, 4 MB 2.6 s, 8 MB 91 s).
    """
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[1] / "data" / "articles" / "000_882ee92918b85e76.txt").read_text()
    small = (seed * 400)[: 2**20]
    big = (seed * 1600)[: 2**22]
    rk.extract_mentions(seed)
    t_small = _best_time(lambda: rk.extract_mentions(small))
    t_big = _best_time(lambda: rk.extract_mentions(big), repeat=2)
    assert t_big < 7 * t_small + 0.1, (t_small, t_big)
    # the same mentions, shifted, in every copy of the page (nothing lost or added by the windowing)
    one = rk.extract_mentions(seed)
    many = rk.extract_mentions(seed * 3)
    assert len(many) == 3 * len(one)
    assert many["surface"].tolist() == one["surface"].tolist() * 3


def test_many_web_addresses_without_tabs_are_linear():
    """Finding web addresses searched back to the text start for a tab on each one (quadratic)."""
    unit = "See example.com, news.example.org or mail@example.net for more on this.\n" * 9 + "Iran and Armenia met.\n"
    small, big = unit * 500, unit * 4_000
    rk.extract_mentions(small)
    t_small = _best_time(lambda: rk.extract_mentions(small))
    t_big = _best_time(lambda: rk.extract_mentions(big), repeat=2)
    assert t_big < 14 * t_small + 0.1, (t_small, t_big)  # 8x the text; quadratic was about 20x
    m = rk.extract_mentions(unit * 3)
    assert m["iso3"].tolist() == ["IRN", "ARM"] * 3


# -- helpers -----------------------------------------------------------------------------------------

def _jsonl(path, records) -> None:
    import json

    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _corpus(path, n: int, copies_of: str = "Armenia and Azerbaijan met in Baku. Kazakhstan hosted.") -> None:
    _jsonl(path, [{"id": f"a{i}", "text": f"Story {i}. {copies_of}"} for i in range(n)])


# -- 13.1: two runs on one output --------------------------------------------------------------------

def test_second_run_on_a_locked_output_refuses_and_touches_nothing(tmp_path):
    from regionkit.outputs import OutputLock

    src = tmp_path / "in.jsonl"
    _corpus(src, 20)
    out = tmp_path / "c.parquet"
    lock = OutputLock(out).acquire()  # another run holds the output
    try:
        line = one_line_error(cli("extract", str(src), "-o", str(out)))
        assert "another regionkit run is writing" in line and "c.parquet" in line
        assert not out.exists() and not (tmp_path / ".c.parquet.parts").exists()
    finally:
        lock.release()
    ok = cli("extract", str(src), "-o", str(out))
    assert ok.returncode == 0, ok.stderr
    assert len(pd_read(out)) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.parquet", "in.jsonl"]  # no lock file, no parts left


def pd_read(path):
    import pandas as pd

    return pd.read_parquet(path)


def test_two_concurrent_cli_runs_never_lose_the_output(tmp_path):
    """Run 2 starts while run 1 writes: run 2 refuses in one line, run 1 finishes with the file."""
    import time

    src = tmp_path / "big.jsonl"
    _corpus(src, 3000)
    out = tmp_path / "c.parquet"
    env = {**os.environ, "MPLBACKEND": "Agg"}
    first = subprocess.Popen([sys.executable, "-m", "regionkit", "extract", str(src), "-o", str(out),
                              "--chunksize", "50"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    manifest = tmp_path / ".c.parquet.parts" / "_manifest.json"
    deadline = time.monotonic() + 60
    while not manifest.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    second = cli("extract", str(src), "-o", str(out), "--chunksize", "50")
    _, err1 = first.communicate(timeout=120)
    assert first.returncode == 0, err1
    assert "3,000 articles read" in err1
    if second.returncode == 0:  # run 1 was already done: then run 2 redid it, also complete
        assert "3,000 articles read" in second.stderr
    else:
        assert "another regionkit run is writing" in one_line_error(second)
    got = pd_read(out)
    assert got["article_id"].nunique() == 3000


# -- 13.2: resume verifies reused parts --------------------------------------------------------------

def test_resume_redoes_a_truncated_part(tmp_path):
    import pandas as pd

    src = tmp_path / "in.jsonl"
    _corpus(src, 1000)  # chunks of MIN_BLOCK_ARTICLES (100) are not coalesced: 10 parts
    out = tmp_path / "parts"
    assert cli("extract", str(src), "-o", str(out), "--chunksize", "100").returncode == 0
    clean = pd.read_parquet(out)
    part = sorted(out.glob("part-*.parquet"))[3]
    part.write_bytes(part.read_bytes()[:50])  # truncated by a crash or a full disk
    res = cli("extract", str(src), "-o", str(out), "--chunksize", "100")
    assert res.returncode == 0, res.stderr
    assert "9 finished parts reused, 1 part written (1 damaged part written again)" in res.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(out).sort_values(["article_id", "start"]).reset_index(drop=True),
                                  clean.sort_values(["article_id", "start"]).reset_index(drop=True))
    # same size, other bytes: the checksum catches it too
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    res = cli("extract", str(src), "-o", str(out), "--chunksize", "100")
    assert "1 damaged part written again" in res.stderr
    assert len(pd.read_parquet(out)) == len(clean)


# -- 13.8: small chunks do not rewrite the manifest per chunk ------------------------------------------

def test_chunksize_one_saves_the_manifest_in_batches(tmp_path, monkeypatch):
    import regionkit.outputs as outputs
    import regionkit.stream as stream
    from regionkit.stream import stream_mentions

    saves = []
    real = outputs.PartStore.save

    def counted(self, **kw):
        saves.append(1)
        return real(self, **kw)

    monkeypatch.setattr(outputs.PartStore, "save", counted)
    monkeypatch.setattr(stream, "MIN_BLOCK_ARTICLES", 1)  # one part per chunk (no coalescing; see below)
    src = tmp_path / "in.jsonl"
    _corpus(src, 120)
    import time

    t = time.monotonic()
    summary = stream_mentions(src, tmp_path / "m.parquet", chunksize=1, progress=False)
    elapsed = time.monotonic() - t
    assert summary.articles == 120 and summary.parts_written == 120
    # about one save per second, plus start and end (it was one per chunk: 120+)
    assert len(saves) <= elapsed / outputs._SAVE_EVERY + 3 and len(saves) < 120, (len(saves), elapsed)


def test_chunksize_one_coalesces_small_chunks_into_few_parts(tmp_path):
    """--chunksize 1 on short articles: a few parts (not one per article), the same rows as --chunksize 2000."""
    import pandas as pd

    from regionkit.stream import MIN_BLOCK_ARTICLES

    src = tmp_path / "in.jsonl"
    _corpus(src, 350)
    small, big = tmp_path / "small", tmp_path / "big.parquet"
    res = cli("extract", str(src), "-o", str(small), "--chunksize", "1")
    assert res.returncode == 0, res.stderr
    assert cli("extract", str(src), "-o", str(big), "--chunksize", "2000").returncode == 0
    parts = sorted(small.glob("part-*.parquet"))
    assert len(parts) == -(-350 // MIN_BLOCK_ARTICLES) < 350 // 50, [p.name for p in parts]
    assert "350 articles" in res.stderr
    got = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)  # part order = article order
    pd.testing.assert_frame_equal(got, pd.read_parquet(big))
    # a re-run reuses every block: the keys are the same for the same input and chunksize
    again = cli("extract", str(src), "-o", str(small), "--chunksize", "1")
    assert again.returncode == 0 and f"{len(parts)} finished parts reused" in again.stderr, again.stderr


def test_coalesced_blocks_resume_after_a_crash(tmp_path, monkeypatch):
    import pandas as pd

    import regionkit.extract
    from regionkit.stream import stream_mentions

    src = tmp_path / "in.jsonl"
    _corpus(src, 450)
    clean = tmp_path / "clean.parquet"
    stream_mentions(src, clean, chunksize=3, progress=False)
    real, calls = regionkit.extract.extract_mentions, []

    def flaky(*args, **kwargs):
        calls.append(len(args[0]))
        if len(calls) == 3:
            raise RuntimeError("simulated crash")
        return real(*args, **kwargs)

    monkeypatch.setattr(regionkit.extract, "extract_mentions", flaky)
    out = tmp_path / "m.parquet"
    with pytest.raises(RuntimeError, match="simulated crash"):
        stream_mentions(src, out, chunksize=3, progress=False)
    assert calls[:2] == [102, 102]  # 34 chunks of 3 articles per block
    monkeypatch.setattr(regionkit.extract, "extract_mentions", real)
    summary = stream_mentions(src, out, chunksize=3, progress=False)
    assert summary.parts_reused == 2 and summary.parts_written == 3 and summary.articles == 450
    assert out.read_bytes() == clean.read_bytes()


# -- 13.10: clutter --------------------------------------------------------------------------------

def test_half_cleaned_parts_folder_does_not_block_the_next_run(tmp_path):
    src = tmp_path / "in.jsonl"
    _corpus(src, 30)
    out = tmp_path / "m.csv"
    # a kill during clean-up: parts left, manifest already gone; and a trash folder of an older clean-up
    parts = tmp_path / ".m.csv.parts"
    parts.mkdir()
    (parts / "part-000000-0123456789abcdef.parquet").write_bytes(b"PAR1 half")
    trash = tmp_path / ".m.csv.parts.trash-1234abcd"
    trash.mkdir()
    (trash / "part-000001-x.parquet").write_bytes(b"x")
    res = cli("extract", str(src), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "m.csv"]


def test_failed_run_on_bad_input_leaves_no_hidden_folder(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Iran"}\n{"id": "b", "text": ]\n', encoding="utf-8")
    for name in ("m.parquet", "m.csv", "m.jsonl"):
        one_line_error(cli("extract", str(src), "-o", str(tmp_path / name), "--chunksize", "1"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# -- 13.11: CSV formula injection ------------------------------------------------------------------

def test_csv_output_quotes_formula_cells(tmp_path):
    import csv

    src = tmp_path / "in.jsonl"
    _jsonl(src, [{"id": "=HYPERLINK(\"http://x\")", "text": "Iran and Iraq."},
                 {"id": "+1", "text": "Armenia."}, {"id": "@SUM(A1)", "text": "Georgia's capital Tbilisi."},
                 {"id": "-2", "text": "Peru."}, {"id": "plain", "text": "Chile."}])
    out = tmp_path / "m.csv"
    assert cli("extract", str(src), "-o", str(out)).returncode == 0
    with open(out, newline="", encoding="utf-8") as fh:
        ids = {row["article_id"] for row in csv.DictReader(fh)}
    assert ids == {"'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "'-2", "plain"}
    # Parquet keeps the values as they are
    assert cli("extract", str(src), "-o", str(tmp_path / "m.parquet")).returncode == 0
    assert "=HYPERLINK(\"http://x\")" in set(pd_read(tmp_path / "m.parquet")["article_id"])
    # stdout CSV too
    res = cli("extract", str(src))
    assert "'+1," in res.stdout and "\n+1," not in res.stdout


# -- 13.5: symlinks ----------------------------------------------------------------------------------

def test_symlinks_leaving_the_folder_are_skipped_and_counted(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0 Iran", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story-one.txt").write_text("Armenia and Georgia.", encoding="utf-8")
    (folder / "x.txt").symlink_to(outside / "secret.txt")
    (folder / "etc").symlink_to(outside, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / "story-one.txt")  # a link within the folder is fine
    res = cli("extract", str(folder), "-o", str(tmp_path / "m.csv"))
    assert res.returncode == 0, res.stderr
    assert "2 articles read from 2 files" in res.stderr
    assert "2 files: x.txt (symbolic link leaving" in res.stderr or "2 files: etc (symbolic link leaving" in res.stderr
    # a glob whose ** would walk into the linked folder
    res = cli("extract", f"{folder}/**/*.txt", "-o", str(tmp_path / "g.csv"))
    assert res.returncode == 0 and "secret" not in res.stderr.split("skipped")[0]
    assert "symbolic link leaving" in res.stderr
    arts = rk.read_articles(folder)
    assert "root:x" not in " ".join(arts["text"])
    followed = rk.read_articles(folder, follow_symlinks=True)
    assert sum("root:x" in t for t in followed["text"]) == 2  # x.txt and etc/secret.txt
    res = cli("extract", str(folder), "--follow-symlinks", "-o", str(tmp_path / "f.csv"))
    assert "4 articles read" in res.stderr


# -- 13.6: errors that name the file; one bad file skipped and counted ------------------------------

@pytest.mark.parametrize("name,content,reason", [
    ("empty.csv", b"", "no records"),
    ("empty.parquet", b"", "empty file"),
    ("scalar.json", b"42", "expected a JSON object"),
    ("bad.jsonl", b'{"id": "z", "text": ]\n', "line 1: malformed JSON"),
])
def test_one_bad_file_in_a_folder_is_skipped_and_counted(tmp_path, name, content, reason):
    folder = tmp_path / "news"
    folder.mkdir()
    _jsonl(folder / "good.jsonl", [{"id": "g1", "text": "Armenia."}, {"id": "g2", "text": "Peru."}])
    (folder / name).write_bytes(content)
    res = cli("extract", str(folder), "-o", str(tmp_path / "m.csv"))
    assert res.returncode == 0, res.stderr
    assert "2 articles read from 2 files" in res.stderr
    assert f"{name} (" in res.stderr and reason in res.stderr
    if reason != "no records":
        line = one_line_error(cli("extract", str(folder), "--strict", "-o", str(tmp_path / "s.csv")))
        assert name in line and reason.split(": ")[-1] in line
        line = one_line_error(cli("extract", str(folder / name), "-o", str(tmp_path / "t.csv")))  # named: stops
        assert name in line


def test_read_articles_none_and_unreadable_folder(tmp_path):
    with pytest.raises(rk.RegionkitError, match="needs a source"):
        rk.read_articles(None)
    if os.geteuid() == 0:
        pytest.skip("root reads folders without permission")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Iran", encoding="utf-8")
    locked.chmod(0)
    try:
        with pytest.raises(rk.InputFileError, match="cannot read folder .*locked.*ermission denied"):
            rk.read_articles(locked)
    finally:
        locked.chmod(0o755)


# -- 13.4: silent wrong inputs ----------------------------------------------------------------------

def test_csv_quote_spanning_rows_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('id,text,source\n1,"Iran and Iraq,x\n2,Oman,y\n3,Peru",z\n4,Chile,w\n', encoding="utf-8")
    with pytest.raises(rk.InputFileError, match=r"feed\.csv, line 2: malformed CSV: a quoted field runs from line 2"):
        rk.read_articles(path)
    line = one_line_error(cli("extract", str(path)))
    assert "feed.csv, line 2" in line
    ok = tmp_path / "ok.csv"  # a real multi-line text is fine
    ok.write_text('id,text\n1,"Iran said:\nthe talks, in Oman, went well"\n2,Peru\n', encoding="utf-8")
    assert rk.read_articles(ok)["article_id"].tolist() == ["1", "2"]
    short = tmp_path / "short.csv"
    short.write_text("id,text,source\n1,Iran\n", encoding="utf-8")
    with pytest.raises(rk.InputFileError, match=r"short\.csv, line 2: malformed CSV: 2 fields where the header has 3"):
        rk.read_articles(short)


@pytest.mark.parametrize("ids,what", [
    (["a", "b", "a"], "1 duplicate article ids (first: 'a')"),
    ([None, "b", "c"], "records without an article id"),
    (["", "b", "c"], "records without an article id"),
    ([float("nan"), "b", "c"], "records without an article id"),
])
def test_bad_ids_are_refused_with_count_and_first_ids(tmp_path, ids, what):
    import pandas as pd

    path = tmp_path / "feed.jsonl"
    _jsonl(path, [{"id": i, "text": t} for i, t in zip(ids, ["Iran.", "Iraq.", "Oman."])])
    with pytest.raises(rk.DuplicateIdError, match=what.replace("(", r"\(").replace(")", r"\)")):
        rk.read_articles(path)
    line = one_line_error(cli("extract", str(path)))
    assert "feed.jsonl" in line and "--keep-bad-ids" in line
    res = cli("extract", str(path), "--keep-bad-ids", "-o", str(tmp_path / "m.csv"))
    assert res.returncode == 0 and "3 articles read" in res.stderr
    assert "kept" in res.stderr or "replaced by content hashes" in res.stderr
    kept = rk.read_articles(path, on_bad_ids="keep")
    assert len(kept) == 3 and kept["article_id"].notna().all()
    frame = pd.DataFrame({"text": ["Iran.", "Iraq.", "Oman."]}, index=[0, 1, 0])  # a non-unique index
    with pytest.raises(rk.DuplicateIdError, match="the DataFrame: 1 duplicate article ids"):
        rk.read_articles(frame)


def test_numeric_dates_and_chunksize_zero_are_refused(tmp_path):
    path = tmp_path / "feed.jsonl"
    _jsonl(path, [{"id": "a", "text": "Iran.", "date": 1700000000}])
    with pytest.raises(rk.SchemaError, match="date column holds numbers .*1700000000.*unit='s'"):
        rk.read_articles(path)
    _jsonl(path, [{"id": "a", "text": "Iran.", "date": 2024}])  # a year is a date
    assert rk.read_articles(path)["date"].dt.year.tolist() == [2024]
    for bad in (0, -1, 2.5, True):
        with pytest.raises(rk.RegionkitError, match="chunksize must be a positive integer"):
            rk.read_articles(path, chunksize=bad)


def test_extract_inputs_nested_lists_and_iterators_of_strings():
    with pytest.raises(rk.InputTypeError, match="item 0 is a list"):
        rk.extract_mentions([["Iran", "Iraq"], "Iran"])
    with pytest.raises(TypeError):  # also a TypeError
        rk.extract_mentions([["Iran"]])
    chunks = list(rk.extract_mentions(iter(["Iran and Iraq.", "Peru.", "Chile and Peru."])))
    ids = [c["article_id"].unique().tolist() for c in chunks]
    assert ids == [["0"], ["1"], ["2"]]
    lists = list(rk.extract_mentions(iter([["Iran.", "Peru."], ["Chile."]])))
    assert [c["article_id"].tolist() for c in lists] == [["0", "1"], ["2"]]


@pytest.mark.parametrize("value,hint", [(b"Iran", "decode"), ({"a": "Iran"}, "list"), ({"Iran"}, "undefined")])
def test_normalize_refuses_bytes_dicts_sets_and_frames(value, hint):
    with pytest.raises(rk.InputTypeError, match=f"normalize\\(\\) takes a str.*{hint}"):
        rk.normalize(value)
    import pandas as pd

    with pytest.raises(rk.InputTypeError, match="df\\['country'\\]"):
        rk.normalize(pd.DataFrame({"country": ["Iran"]}))
    assert rk.normalize(iter(["Iran", "Peru"])).tolist() == ["IRN", "PER"]  # an iterator of names is fine


def test_alias_without_country_and_malformed_alias_csv(tmp_path):
    with pytest.raises(rk.SchemaError, match="alias 'Foo' has no country"):
        rk.default_gazetteer().with_aliases({"Foo": None})
    bad = tmp_path / "aliases.csv"
    bad.write_text('surface,iso3\n"Foo,IRN\nBar,PER\n', encoding="utf-8")
    with pytest.raises(rk.InputFileError, match="aliases.csv: malformed CSV"):
        rk.default_gazetteer().with_aliases(bad)


# -- 13.9: Dask workers killed again and again -------------------------------------------------------

class _KilledClient:
    """Stands in for a distributed.Client whose workers die on the 3rd block (as KilledWorker reports it)."""

    def __init__(self):
        self.calls = 0

    def run(self, fn):
        return {"w1": fn()}

    def scheduler_info(self):
        return {"workers": {"w1": {}}}

    def submit(self, fn, *args, key=None, pure=None):
        from distributed.scheduler import KilledWorker

        self.calls += 1
        calls = self.calls

        class Future:
            def result(self):
                if calls >= 3:
                    raise KilledWorker(key, None, 3)
                return fn(*args)

            def cancel(self):
                pass

        return Future()


def test_killed_workers_end_in_one_line_and_the_same_command_resumes(tmp_path):
    pytest.importorskip("distributed")
    from regionkit.dask import extract_to

    src = tmp_path / "in.jsonl"
    _corpus(src, 400)
    out = tmp_path / "m.parquet"
    with pytest.raises(rk.IncompleteOutputError, match="output .*m.parquet is incomplete.*run the same command again"):
        extract_to(src, out, client=_KilledClient(), blocksize=2000, progress=False)
    assert not out.exists()
    parts = tmp_path / ".m.parquet.parts"
    assert parts.is_dir()  # finished blocks are kept for the resume
    summary = extract_to(src, out, client=_FineClient(), blocksize=2000, progress=False)
    assert summary.parts_reused >= 1 and summary.articles == 400
    assert pd_read(out)["article_id"].nunique() == 400


class _FineClient(_KilledClient):
    def submit(self, fn, *args, key=None, pure=None):
        result = fn(*args)

        class Future:
            def result(self):
                return result

            def cancel(self):
                pass

        return Future()


def test_killed_worker_message_through_the_cli(tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    import regionkit.dask as rkd
    from regionkit.cli import main

    src = tmp_path / "in.jsonl"
    _corpus(src, 50)

    def fake_extract_to(*args, **kwargs):
        rkd._raise_if_killed(_killed(), rk.stream.StreamSummary(parts_written=2), tmp_path / "m.parquet")

    monkeypatch.setattr(rkd, "extract_to", fake_extract_to)
    code = main(["extract", str(src), "-o", str(tmp_path / "m.parquet"), "--workers", "2"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "incomplete" in err and "run the same command again to resume" in err


def _killed():
    from distributed.scheduler import KilledWorker

    return KilledWorker("regionkit-extract-x", None, 3)


# -- 13.7: ties, map and demo: atomic writes, one line, exit 2 ---------------------------------------

@pytest.mark.parametrize("command", ["ties", "map", "demo"])
def test_output_errors_of_ties_map_demo_are_one_line(tmp_path, command):
    src = tmp_path / "in.jsonl"
    _corpus(src, 3)
    folder = tmp_path / "taken"
    folder.mkdir()
    if command == "ties":
        cases = [["ties", str(src), "-o", str(folder)], ["ties", str(src), "-o", str(tmp_path / "no" / "t.csv")]]
    elif command == "map":
        cases = [["map", "--groups", "central_asia", "-o", str(tmp_path / "no" / "m.png")],
                 ["map", "--groups", "central_asia", "-o", str(tmp_path / "taken.png" / "")]]
        (tmp_path / "taken.png").mkdir()
    else:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        cases = [["demo", str(src), "--out", str(blocker / "sub"), "--no-figures"]]
    for args in cases:
        res = cli(*args)
        line = one_line_error(res)
        assert "error" in line
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.startswith(".")]
    assert leftovers == []


def test_ties_output_is_atomic_and_spreadsheet_safe(tmp_path):
    import csv

    src = tmp_path / "in.jsonl"
    _jsonl(src, [{"id": "=cmd", "text": "Armenia and Azerbaijan signed a peace treaty in Washington."}])
    out = tmp_path / "t.csv"
    res = cli("ties", str(src), "-o", str(out))
    assert res.returncode == 0, res.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["article_id"] == "'=cmd" for r in rows)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_one_long_line_costs_linear_time():
    """A page without newlines: the headline check scanned the whole line for every candidate (quadratic)."""
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[1] / "data" / "articles" / "000_882ee92918b85e76.txt").read_text()
    seed = seed.replace("\n", " ")
    small, big = (seed * 30)[: 2**17], (seed * 240)[: 2**20]  # 128 KB and 1 MB, one line each
    rk.extract_mentions(small)
    t_small = _best_time(lambda: rk.extract_mentions(small))
    t_big = _best_time(lambda: rk.extract_mentions(big), repeat=2)
    assert t_big < 14 * t_small + 0.1, (t_small, t_big)  # 8x the text (was 0.8 s vs 11 s for 0.25 vs 1 MB)


def test_a_folder_of_the_older_block_layout_is_refused_not_mixed(tmp_path):
    # folders written before small chunks were coalesced hold parts under other block keys: resuming
    # one would combine old and new parts (duplicate rows), so the manifest format changed and such a
    # folder is refused with one line
    import json

    from regionkit.outputs import MANIFEST

    src = tmp_path / "in.jsonl"
    _corpus(src, 30)
    out = tmp_path / "parts"
    assert cli("extract", str(src), "-o", str(out), "--chunksize", "1").returncode == 0
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["format"] = "regionkit-mentions/1"
    manifest["complete"] = False
    (out / MANIFEST).write_text(json.dumps(manifest))
    again = cli("extract", str(src), "-o", str(out), "--chunksize", "1")
    assert again.returncode == 2 and "different run" in again.stderr and len(again.stderr.strip().splitlines()) == 1

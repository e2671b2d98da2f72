"""`regionkit extract`: output formats, the summary line, and one-line errors for bad input (real files)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import regionkit as rk
from regionkit.cli import main

from conftest import DATA, SEED

KEY = ["article_id", "start", "end", "kind"]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def _canon(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEY).reset_index(drop=True)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return rk.extract_mentions(rk.read_articles(DATA / "articles"))


def _assert_one_error_line(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("regionkit extract: error:"), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


# ----------------------------------------------------------------- outputs
def test_parquet_output_equals_library_call(tmp_path, capsys, expected):
    out = tmp_path / "m.parquet"
    code, stdout, err = _run(capsys, DATA / "articles", "-o", out)
    assert code == 0 and stdout == ""
    got = pd.read_parquet(out)
    assert got.dtypes.equals(rk.MENTIONS_META.dtypes)
    pd.testing.assert_frame_equal(_canon(got), _canon(expected))
    # the summary is one line on stderr, with no progress bar (stderr is not a terminal here)
    assert err.strip().splitlines() == [f"regionkit extract: 35 articles read from 2 files, {len(expected):,} mentions; "
                                        "0 articles with no mention; 0 skipped"]


def test_csv_and_jsonl_outputs_hold_the_same_rows(tmp_path, capsys, expected):
    assert _run(capsys, DATA / "articles", "-o", tmp_path / "m.csv")[0] == 0
    assert _run(capsys, DATA / "articles", "-o", tmp_path / "m.jsonl")[0] == 0
    csv = pd.read_csv(tmp_path / "m.csv", dtype=str, keep_default_na=False)
    rows = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(csv) == len(rows) == len(expected)
    assert list(csv.columns) == list(rk.MENTIONS_META.columns) == list(rows[0])
    seed = expected[expected["article_id"] == SEED.stem]
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        if row["article_id"] == SEED.stem:
            assert text[row["start"]:row["end"]] == row["surface"]
    assert sorted(r["surface"] for r in rows if r["article_id"] == SEED.stem) == sorted(seed["surface"])
    assert set(csv["iso3"]) - {""} == set(expected["iso3"].dropna())


def test_stdout_csv_without_output(capsys, expected):
    code, stdout, err = _run(capsys, DATA / "articles" / "000_882ee92918b85e76.txt", "--sections", "body")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0] == ",".join(rk.MENTIONS_META.columns)
    seed = expected[(expected["article_id"] == SEED.stem) & (expected["section"] == "body")]
    assert len(lines) - 1 == len(seed)
    assert ",boilerplate" not in stdout
    assert "1 article read from 1 file" in err


def test_folder_output_partitioned_by_month(tmp_path, capsys, expected):
    out = tmp_path / "parts"
    assert _run(capsys, DATA / "articles", "-o", out, "--partition-by", "month", "--chunksize", "10")[0] == 0
    months = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert "month=2020-02" in months and "month=unknown" in months  # the seed page has no date
    got = pd.read_parquet(out)
    pd.testing.assert_frame_equal(_canon(got.drop(columns="month")), _canon(expected))


# ------------------------------------------------------------ summary counts
def test_summary_counts_no_mention_and_skipped(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "baku.txt").write_text("Talks in Baku\n\nAzerbaijan and Armenia signed a text.", encoding="utf-8")
    (folder / "weather.txt").write_text("Weather\n\nRain is expected over the weekend in most regions.", encoding="utf-8")
    (folder / "blank.txt").write_text("   \n", encoding="utf-8")
    (folder / "nothing.jsonl").write_text("", encoding="utf-8")
    code, stdout, err = _run(capsys, folder, "-o", tmp_path / "m.csv")
    assert code == 0
    line = err.strip()
    assert line.startswith("regionkit extract: 3 articles read from 4 files")
    assert "1 article with no mention" in line
    assert "2 skipped (1 article with empty text; 1 file: nothing.jsonl (no records))" in line
    got = pd.read_csv(tmp_path / "m.csv")
    assert set(got["iso3"]) == {"AZE", "ARM"}


# ---------------------------------------------------------------- errors
def test_missing_path(tmp_path, capsys):
    code, _, err = _run(capsys, tmp_path / "nope")
    _assert_one_error_line(code, err, "no such file or folder", "nope")


def test_empty_folder(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK")
    code, _, err = _run(capsys, tmp_path / "empty")
    _assert_one_error_line(code, err, "has no article files", ".txt")


def test_unknown_file_type(tmp_path, capsys):
    path = tmp_path / "story.docx"
    path.write_bytes(b"PK\x03\x04")
    code, _, err = _run(capsys, path)
    _assert_one_error_line(code, err, "unknown file type .docx", "story.docx", ".jsonl")


def test_missing_text_column(tmp_path, capsys):
    path = tmp_path / "news.csv"
    path.write_text("id,body\n1,Armenia and Azerbaijan\n", encoding="utf-8")
    code, _, err = _run(capsys, path)
    _assert_one_error_line(code, err, "no text column 'text'", "body")
    code, out, err = _run(capsys, path, "--text-column", "body")
    assert code == 0 and "ARM" in out and "AZE" in out


def test_undecodable_bytes_name_the_file(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Talks in Baku\n\nAzerbaijan's caf\u00e9 diplomacy.".encode("latin-1"))
    code, _, err = _run(capsys, path)
    _assert_one_error_line(code, err, "latin1.txt", "not valid UTF-8", "--replace-undecodable")
    code, out, err = _run(capsys, path, "--replace-undecodable")
    assert code == 0 and "AZE" in out


def test_malformed_jsonl_line_is_named(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "Armenia"}\n{"id": "b", "text": "Georgia"}\n{"id": "c", "text": oops}\n',
                    encoding="utf-8")
    code, _, err = _run(capsys, path)
    _assert_one_error_line(code, err, "feed.jsonl", "line 3", "malformed JSON")


def test_malformed_csv_line_is_reported(tmp_path, capsys):
    path = tmp_path / "feed.csv"
    path.write_text('id,text\n1,"Armenia"\n2,"Georgia","extra","fields"\n', encoding="utf-8")
    code, _, err = _run(capsys, path)
    _assert_one_error_line(code, err, "feed.csv", "malformed CSV", "line 3")


def test_bad_options(tmp_path, capsys):
    code, _, err = _run(capsys, DATA / "articles", "-o", tmp_path / "m.xlsx")
    _assert_one_error_line(code, err, "unknown output type '.xlsx'", ".parquet")
    code, _, err = _run(capsys, DATA / "articles", "--sections", "footer")
    _assert_one_error_line(code, err, "footer", "body")
    code, _, err = _run(capsys, DATA / "articles", "-o", tmp_path / "m.csv", "--partition-by", "month")
    _assert_one_error_line(code, err, "--partition-by needs an output folder")
    assert not (tmp_path / "m.csv").exists()


def test_failed_run_leaves_no_output_file(tmp_path, capsys):
    good = tmp_path / "in" / "a.jsonl"
    good.parent.mkdir()
    good.write_text('{"id": "a", "text": "Armenia"}\n{"id": "b", "text": ]\n', encoding="utf-8")
    out = tmp_path / "m.parquet"
    code, _, err = _run(capsys, good, "-o", out, "--chunksize", "1")
    _assert_one_error_line(code, err, "line 2")
    assert not out.exists()  # never a half-written file under the final name
    # bad input: fixing it changes the input fingerprint, so the parts could never be reused; nothing is left behind
    # (a crash or Ctrl-C keeps them for a resume: tests/test_stream.py)
    assert [p.name for p in tmp_path.glob(".m.parquet*")] == []

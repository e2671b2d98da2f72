"""Reading articles: folders of .txt/.md, CSV, JSON Lines, Parquet, or a DataFrame -> one tidy table.

Every article gets a stable ``article_id``: the record's own id when the file has
one (``id``/``article_id`` column), else a hash of the file path relative to the
folder read (for text files) or of the text itself. Ids never depend on row
order, so adding files does not renumber the others.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._schema import ARTICLE_COLUMNS, ARTICLES_META

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_articles", "iter_articles", "ARTICLES_META", "SUPPORTED_SUFFIXES", "ReadReport"]

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".json", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES
_ID_COLUMNS = ("article_id", "id", "doc_id", "uid")
_DATE_COLUMNS = ("date", "published", "published_at", "publish_date", "datetime", "time")


class ReadReport:
    """Counts of what a read did: files and articles read, and files skipped with the reason."""

    def __init__(self) -> None:
        self.files = 0
        self.articles = 0
        self.skipped: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        return f"ReadReport(files={self.files}, articles={self.articles}, skipped={len(self.skipped)})"


def _hash_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _expand(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[tuple[Path, Path]]:
    """Return (file, base folder) pairs; raise for a missing path or an empty folder."""
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not items:
        raise ValueError("no input path given")
    out: list[tuple[Path, Path]] = []
    for item in items:
        text = str(item)
        if any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches {text}")
            base = Path(text.split("*")[0]).parent if "*" in text else Path(text).parent
            out += [(Path(m), base) for m in matches if Path(m).is_file()]
            continue
        path = Path(item)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {path}")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not files:
                raise ValueError(f"folder {path} has no article files (accepted: {', '.join(SUPPORTED_SUFFIXES)})")
            out += [(f, path) for f in files]
        else:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise ValueError(f"unknown file type {path.suffix or '(none)'} for {path}; accepted: {', '.join(SUPPORTED_SUFFIXES)}")
            out.append((path, path.parent))
    return out


def _decode(raw: bytes, path: Path, errors: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return raw.decode("utf-8", errors="replace")
        raise ValueError(
            f"{path}: not valid UTF-8 at byte {exc.start}; pass encoding_errors='replace' (CLI: --replace-undecodable) to read it anyway"
        ) from None


def _relative(path: Path, base: Path) -> str:
    """The path of a file relative to the folder it was read from (what ids are derived from)."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def _read_text_file(path: Path, base: Path, errors: str) -> dict[str, Any]:
    text = _decode(path.read_bytes(), path, errors)
    title = next((line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), "")
    rel = _relative(path, base)
    return {"article_id": path.stem if _looks_like_id(path.stem) else _hash_id(rel), "title": title, "date": None,
            "source": None, "path": str(path), "text": text}


def _looks_like_id(stem: str) -> bool:
    return 4 <= len(stem) <= 64 and all(c.isalnum() or c in "-_" for c in stem)


def _parse_jsonl_line(raw: bytes, path: Path, lineno: int, errors: str) -> dict[str, Any]:
    """One JSON Lines record; a bad line raises a one-line error naming the file and line number."""
    line = _decode(raw, path, errors)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}, line {lineno}: malformed JSON ({exc.msg})") from None
    if not isinstance(rec, dict):
        raise ValueError(f"{path}, line {lineno}: expected a JSON object, got {type(rec).__name__}")
    return rec


def _read_jsonl(path: Path, errors: str) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if raw.strip():
                yield _parse_jsonl_line(raw, path, lineno, errors)


def _table_chunks(path: Path, chunksize: int | None, errors: str) -> Iterator[pd.DataFrame]:
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=chunksize,
                                 encoding_errors="replace" if errors == "replace" else "strict")
            if chunksize is None:
                yield reader
            else:
                yield from reader
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path}: not valid UTF-8 ({exc.reason}); pass encoding_errors='replace' to read it anyway") from None
        except pd.errors.ParserError as exc:
            raise ValueError(f"{path}: malformed CSV ({str(exc).strip()})") from None
    elif suffix in (".jsonl", ".ndjson"):
        batch: list[dict] = []
        for rec in _read_jsonl(path, errors):
            batch.append(rec)
            if chunksize and len(batch) >= chunksize:
                yield pd.DataFrame(batch)
                batch = []
        if batch or not chunksize:
            yield pd.DataFrame(batch)
    elif suffix == ".json":
        try:
            data = json.loads(_decode(path.read_bytes(), path, errors))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: malformed JSON at line {exc.lineno} ({exc.msg})") from None
        if isinstance(data, dict):
            data = data.get("articles", [data])
        yield pd.DataFrame(data)
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=chunksize or 65536):
            yield batch.to_pandas()


def _normalise_table(df: pd.DataFrame, path: str | None, text_column: str, id_column: str | None,
                     seen: dict[str, int] | None = None, key: str | None = None) -> pd.DataFrame:
    import pandas as pd

    if text_column not in df.columns:
        where = f" in {path}" if path else ""
        raise ValueError(f"no text column {text_column!r}{where}; columns are {list(df.columns)} (pass text_column=...)")
    out = pd.DataFrame(index=range(len(df)))
    text = df[text_column].astype(object).where(df[text_column].notna(), None)
    out["text"] = text.to_numpy()
    idcol = id_column or next((c for c in _ID_COLUMNS if c in df.columns), None)
    if idcol is not None and idcol not in df.columns:
        raise ValueError(f"no id column {idcol!r}; columns are {list(df.columns)}")
    if idcol is not None:
        out["article_id"] = df[idcol].astype(str).to_numpy()
    else:  # content-derived: hash of (file, text); the k-th repeat of a text in its file adds k
        seen = {} if seen is None else seen
        ids = []
        for t in text:
            base = _hash_id(key or path or "", "" if t is None else str(t))
            k = seen.get(base, 0)
            seen[base] = k + 1
            ids.append(base if k == 0 else _hash_id(base, str(k)))
        out["article_id"] = ids
    out["title"] = df["title"].astype(object).to_numpy() if "title" in df.columns else [
        (next((ln.strip() for ln in t.splitlines() if ln.strip()), "") if isinstance(t, str) else None) for t in text
    ]
    datecol = next((c for c in _DATE_COLUMNS if c in df.columns), None)
    out["date"] = df[datecol].to_numpy() if datecol else None
    out["source"] = df["source"].astype(object).to_numpy() if "source" in df.columns else None
    out["path"] = df["url"].astype(object).to_numpy() if "url" in df.columns else path
    for extra in df.columns:
        if extra not in out.columns and extra not in {text_column, idcol, datecol, "url"}:
            out[extra] = df[extra].to_numpy()
    return out


def _finish(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    if df.empty:
        base = ARTICLES_META.copy()
        for col in df.columns:
            if col not in base.columns:
                base[col] = pd.Series(dtype=object)
        return base
    for col, dtype in ARTICLE_COLUMNS.items():
        if col == "date":
            df[col] = pd.to_datetime(df[col], errors="coerce", utc=True, format="mixed").dt.tz_localize(None).astype("datetime64[ns]")
        else:
            df[col] = df[col].astype(object).where(df[col].notna(), None).astype(dtype)
    rest = [c for c in df.columns if c not in ARTICLE_COLUMNS]
    return df[list(ARTICLE_COLUMNS) + rest].reset_index(drop=True)


def iter_articles(
    paths: Any,
    *,
    chunksize: int = 10_000,
    text_column: str = "text",
    id_column: str | None = None,
    encoding_errors: str = "strict",
    report: ReadReport | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the articles of ``paths`` in DataFrames of at most ``chunksize`` rows (bounded memory).

    Parameters
    ----------
    paths
        A file, folder, glob, or list of them (see :func:`read_articles`).
    chunksize
        Maximum rows per yielded DataFrame.
    text_column, id_column
        Column names for table files (id auto-detected when None).
    encoding_errors
        ``"strict"`` (undecodable bytes raise a one-line error naming the file) or ``"replace"``.
    report
        A :class:`ReadReport` to fill with counts and skipped files.

    Yields
    ------
    pandas.DataFrame
        Chunks with the columns of :data:`ARTICLES_META` (plus any extra columns of the input).
    """
    import pandas as pd

    if encoding_errors not in {"strict", "replace"}:
        raise ValueError(f"encoding_errors must be 'strict' or 'replace', not {encoding_errors!r}")
    if chunksize is None or chunksize < 1:
        raise ValueError(f"chunksize must be a positive integer, not {chunksize!r}")
    report = report if report is not None else ReadReport()
    pending: list[dict[str, Any]] = []
    for path, base in _expand(paths):
        report.files += 1
        if path.suffix.lower() in TEXT_SUFFIXES:
            pending.append(_read_text_file(path, base, encoding_errors))
            if len(pending) >= chunksize:
                report.articles += len(pending)
                yield _finish(pd.DataFrame(pending))
                pending = []
            continue
        row = 0
        seen: dict[str, int] = {}
        key = _relative(path, base)
        for chunk in _table_chunks(path, chunksize, encoding_errors):
            if chunk.empty and not len(chunk.columns):
                continue
            table = _normalise_table(chunk, str(path), text_column, id_column, seen, key)
            row += len(chunk)
            report.articles += len(table)
            yield _finish(table)
        if row == 0:
            report.skipped.append((str(path), "no records"))
    if pending:
        report.articles += len(pending)
        yield _finish(pd.DataFrame(pending))


def read_articles(
    source: Any,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    chunksize: int | None = None,
    encoding_errors: str = "strict",
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """Read articles into one tidy table.

    Parameters
    ----------
    source
        A folder (every .txt, .md, .csv, .jsonl, .json and .parquet inside, recursively),
        a file, a glob ("news/**/*.txt"), a list of those, or a DataFrame with a text column.
        For .txt/.md files the title is the first non-empty line.
    text_column, id_column
        Column names for tables (the id column is auto-detected: article_id, id, ...).
    chunksize
        When given, return an iterator of DataFrames of at most this many rows instead
        of one DataFrame (for corpora larger than memory).
    encoding_errors
        ``"strict"`` (default; undecodable bytes raise an error naming the file) or ``"replace"``.

    Returns
    -------
    pandas.DataFrame or iterator of DataFrame
        Columns ``article_id, title, date, source, path, text`` (plus any extra input columns).

    Examples
    --------
    >>> arts = read_articles("data/articles")  # doctest: +SKIP
    >>> arts.columns[:6].tolist()  # doctest: +SKIP
    ['article_id', 'title', 'date', 'source', 'path', 'text']
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        table = _normalise_table(source.reset_index(drop=True), None, text_column, id_column)
        if id_column is None and not any(c in source.columns for c in _ID_COLUMNS):
            table["article_id"] = [str(i) for i in source.index]
        return _finish(table)
    chunks = iter_articles(source, chunksize=chunksize or 50_000, text_column=text_column,
                           id_column=id_column, encoding_errors=encoding_errors)
    if chunksize is not None:
        return chunks
    frames = list(chunks)
    if not frames:
        return ARTICLES_META.copy()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]

"""Low-level article readers shared by :mod:`regionkit.articles` and its block reader.

Path expansion (with the symlink rule), one reader per file type, id and date
normalisation. Every error names the file (and the line, when there is one).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._errors import DuplicateIdError, InputFileError, MissingInputError, RegionkitError, SchemaError
from regionkit._schema import ARTICLE_COLUMNS, ARTICLES_META

if TYPE_CHECKING:
    import pandas as pd

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
        self.bad_ids: Any = None  # the IdCheck of the read (counts of kept bad ids)

    def __repr__(self) -> str:
        return f"ReadReport(files={self.files}, articles={self.articles}, skipped={len(self.skipped)})"


def _hash_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


_LINK_OUT = "symbolic link leaving the input folder (pass follow_symlinks=True / --follow-symlinks to read it)"


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (resolved, following every link) lies inside ``root`` (resolved)."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


def _walk(folder: Path, follow_symlinks: bool, skipped: list[tuple[str, str]]) -> list[Path]:
    """Every supported file under ``folder``; links leaving it are skipped (and listed) unless followed."""
    files: list[Path] = []
    seen: set[str] = set()

    def fail(exc: OSError) -> None:
        if Path(exc.filename or "") == folder:
            raise InputFileError(f"cannot read folder {folder}: {exc.strerror or exc}", path=folder) from None
        skipped.append((str(exc.filename), (exc.strerror or str(exc)).lower()))

    for top, dirs, names in os.walk(folder, onerror=fail, followlinks=True):
        real = os.path.realpath(top)
        keep = []
        for d in sorted(dirs):
            sub = Path(top) / d
            if sub.is_symlink():
                target = os.path.realpath(sub)
                if not follow_symlinks and not _inside(sub, folder):
                    skipped.append((str(sub), _LINK_OUT))
                    continue
                if not follow_symlinks or target in seen or target == real:
                    continue  # inside the folder: its files are read through their real path (once)
            keep.append(d)
        dirs[:] = keep
        seen.add(real)
        for name in names:
            f = Path(top) / name
            if f.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if f.is_symlink() and not follow_symlinks and not _inside(f, folder):
                skipped.append((str(f), _LINK_OUT))
                continue
            if f.is_file():
                files.append(f)
    return sorted(files)


def expand_paths(paths: str | os.PathLike | Iterable[str | os.PathLike], *, follow_symlinks: bool = False,
                 skipped: list[tuple[str, str]] | None = None) -> list[tuple[Path, Path]]:
    """Return the (file, base folder) pairs that ``paths`` name, in reading order.

    Parameters
    ----------
    paths
        A file, folder (read recursively) or glob (``"news/**/*.txt"``), or a list of them.
    follow_symlinks
        Also read symbolic links that lead outside the folder or glob root. By
        default such links are not followed and are listed in ``skipped``.
    skipped
        A list to append ``(path, reason)`` to for every link or sub-folder left out.

    Returns
    -------
    list of (pathlib.Path, pathlib.Path)
        Each file and the folder its id is relative to.

    Raises
    ------
    regionkit.MissingInputError
        A path or glob that matches nothing.
    regionkit.InputFileError
        A folder without article files, an unreadable folder, an unknown file type.
    """
    if paths is None:
        raise RegionkitError("no input given: pass a file, folder, glob or list of them (or a DataFrame of articles)")
    skipped = [] if skipped is None else skipped
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not items:
        raise RegionkitError("no input path given")
    out: list[tuple[Path, Path]] = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise RegionkitError(f"input paths must be str or os.PathLike, not {type(item).__name__}")
        text = str(item)
        if any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise MissingInputError(f"no file matches {text}", path=text)
            base = Path(text.split("*")[0]).parent if "*" in text else Path(text).parent
            prefix = min((text.split(c)[0] for c in "*?["), key=len)
            root = Path(prefix) if prefix.endswith(("/", os.sep)) else Path(prefix).parent  # the glob's own folder
            for m in map(Path, matches):
                if not m.is_file():
                    continue
                if not follow_symlinks and not _inside(m, root):
                    skipped.append((str(m), _LINK_OUT))
                    continue
                out.append((m, base))
            continue
        path = Path(item)
        if not path.exists():
            raise MissingInputError(f"no such file or folder: {path}", path=path)
        if path.is_dir():
            files = _walk(path, follow_symlinks, skipped)
            if not files:
                raise InputFileError(f"folder {path} has no article files (accepted: {', '.join(SUPPORTED_SUFFIXES)})",
                                     path=path)
            out += [(f, path) for f in files]
        else:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InputFileError(f"unknown file type {path.suffix or '(none)'} for {path}; "
                                     f"accepted: {', '.join(SUPPORTED_SUFFIXES)}", path=path)
            out.append((path, path.parent))
    return out


_expand = expand_paths  # old private name


def _decode(raw: bytes, path: Path, errors: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return raw.decode("utf-8", errors="replace")
        raise InputFileError(
            f"{path}: not valid UTF-8 at byte {exc.start}; pass encoding_errors='replace' (CLI: --replace-undecodable) to read it anyway", path=path
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
        raise InputFileError(f"{path}, line {lineno}: malformed JSON ({exc.msg})", path=path) from None
    if not isinstance(rec, dict):
        raise InputFileError(f"{path}, line {lineno}: expected a JSON object, got {type(rec).__name__}", path=path)
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
        yield from _csv_chunks(path, chunksize, errors)
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
        raw = path.read_bytes()
        if not raw.strip():
            return  # an empty file: no records (counted as skipped)
        try:
            data = json.loads(_decode(raw, path, errors))
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{path}: malformed JSON at line {exc.lineno} ({exc.msg})", path=path) from None
        if isinstance(data, dict):
            data = data.get("articles", [data])
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            got = type(data).__name__ if not isinstance(data, list) else "a list holding non-objects"
            raise InputFileError(f"{path}: expected a JSON object, a list of objects or {{\"articles\": [...]}}, got {got}",
                                 path=path)
        yield pd.DataFrame(data)
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(path)
            for record_batch in pf.iter_batches(batch_size=chunksize or 65536):
                yield record_batch.to_pandas()
        except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError: empty or truncated file
            reason = "empty file" if path.stat().st_size == 0 else f"not a readable Parquet file ({str(exc).strip()})"
            raise InputFileError(f"{path}: {reason}", path=path) from None


def _csv_chunks(path: Path, chunksize: int | None, errors: str) -> Iterator[pd.DataFrame]:
    """CSV records checked one by one: every record must have the header's number of fields.

    A record of another length, a quote that is never closed, or a quoted field
    that swallows lines looking like records of their own (``2,Oman,...`` inside a
    text: an unclosed quote) raises an error naming the file and the line.
    """
    import csv
    import re

    import pandas as pd

    def bad(line: int, why: str) -> InputFileError:
        return InputFileError(f"{path}, line {line}: {why}", path=path)

    with open(path, encoding="utf-8-sig", errors="replace" if errors == "replace" else "strict", newline="") as fh:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                return  # an empty file: no records (counted as skipped)
            n = len(header)
            id_at = next((header.index(c) for c in _ID_COLUMNS if c in header), None)
            rows: list[list[str]] = []
            id_shape: re.Pattern | None = None
            start = reader.line_num + 1
            for rec in reader:
                if not rec:  # a blank line
                    start = reader.line_num + 1
                    continue
                if len(rec) != n:
                    raise bad(start, f"malformed CSV: {len(rec)} fields where the header has {n} (a stray comma or quote?)")
                if id_at is not None and reader.line_num > start:
                    id_shape = id_shape or _shape(rec[id_at])
                    _check_swallowed(rec, n, id_shape, start, reader.line_num, bad)
                rows.append(rec)
                start = reader.line_num + 1
                if chunksize and len(rows) >= chunksize:
                    yield pd.DataFrame(rows, columns=header, dtype=object)
                    rows = []
        except csv.Error as exc:
            raise bad(reader.line_num, f"malformed CSV ({exc})") from None
        except UnicodeDecodeError as exc:
            raise InputFileError(f"{path}: not valid UTF-8 ({exc.reason}); pass encoding_errors='replace' "
                                 f"(CLI: --replace-undecodable) to read it anyway", path=path) from None
    if rows or not chunksize:
        yield pd.DataFrame(rows, columns=header, dtype=object)


def _shape(value: str) -> Any:
    """A pattern for ids like ``value`` (digits stay digits, letters letters), for spotting swallowed records."""
    import re

    pattern = re.sub(r"[0-9]+", "[0-9]+", re.sub(r"[A-Za-z]+", "[A-Za-z]+", re.escape(value)))
    return re.compile(pattern + ",")


def _check_swallowed(rec: list[str], n: int, id_shape: Any, start: int, end: int, bad: Any) -> None:
    """Refuse a multi-line record whose field holds a line that parses as a record of its own."""
    import csv

    for value in rec:
        if "\n" not in value:
            continue
        for line in value.splitlines()[1:]:
            if id_shape.match(line) and len(next(csv.reader([line]), [])) >= n - 1:
                raise bad(start, f"malformed CSV: a quoted field runs from line {start} to line {end} and holds {line[:30]!r}, "
                                 f"which looks like a record of its own (an unclosed quote?)")


def _normalise_table(df: pd.DataFrame, path: str | None, text_column: str, id_column: str | None,
                     seen: dict[str, int] | None = None, key: str | None = None) -> pd.DataFrame:
    import pandas as pd

    if text_column not in df.columns:
        where = f" in {path}" if path else ""
        raise SchemaError(f"no text column {text_column!r}{where}; columns are {list(df.columns)} (pass text_column=...)")
    out = pd.DataFrame(index=range(len(df)))
    text = df[text_column].astype(object).where(df[text_column].notna(), None)
    out["text"] = text.to_numpy()
    idcol = id_column or next((c for c in _ID_COLUMNS if c in df.columns), None)
    if idcol is not None and idcol not in df.columns:
        raise SchemaError(f"no id column {idcol!r}; columns are {list(df.columns)}")
    if idcol is not None:  # missing ids (None, NaN, empty) stay missing: the id check reports them
        raw = df[idcol]
        ids = raw.astype(str).str.strip()
        missing = raw.isna().to_numpy() | (ids == "").to_numpy()
        out["article_id"] = ids.astype(object).where(~missing, None).to_numpy()
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
    if "language" not in df.columns or df["language"].isna().any():  # detected where not given (regionkit.lang)
        from regionkit.lang import detect_languages

        df["language"] = detect_languages(df["text"], df["language"] if "language" in df.columns else None)
    for col, dtype in ARTICLE_COLUMNS.items():
        if col == "date":
            df[col] = _check_dates(df[col])
            df[col] = pd.to_datetime(df[col], errors="coerce", utc=True, format="mixed").dt.tz_localize(None).astype("datetime64[ns]")
        else:
            df[col] = df[col].astype(object).where(df[col].notna(), None).astype(dtype)
    rest = [c for c in df.columns if c not in ARTICLE_COLUMNS]
    return df[list(ARTICLE_COLUMNS) + rest].reset_index(drop=True)




def _check_dates(values: pd.Series) -> pd.Series:
    """Refuse numeric dates (pandas would read 1700000000 as nanoseconds after 1970); years 1000-2999 are fine."""
    import numbers

    import pandas as pd

    nums = [v for v in values if isinstance(v, numbers.Real) and not isinstance(v, bool) and not pd.isna(v)]
    bad = [v for v in nums if not (float(v).is_integer() and 1000 <= float(v) <= 2999)]
    if bad:
        raise SchemaError(f"the date column holds numbers ({len(bad):,}, first: {bad[0]!r}); give dates as text "
                          f"(ISO 8601, e.g. 2024-05-01) or a year; convert Unix times first with "
                          f"pd.to_datetime(x, unit='s')")
    if nums:  # years
        return pd.Series([str(int(float(v))) if isinstance(v, numbers.Real) and not isinstance(v, bool) and not pd.isna(v)
                          else v for v in values], index=values.index, dtype=object)
    return values


class IdCheck:
    """Article ids must be present and unique across a whole read; count and name the bad ones.

    ``mode="raise"`` stops at the first chunk holding a bad id; ``"keep"`` keeps
    going: a missing id becomes a content hash (as for tables without ids), a
    duplicate stays as it is, and both are counted for the summary.
    """

    def __init__(self, mode: str = "raise") -> None:
        if mode not in {"raise", "keep"}:
            raise RegionkitError(f"on_bad_ids must be 'raise' or 'keep', not {mode!r}")
        self.mode = mode
        self._seen: set[int] = set()
        self.duplicates = 0
        self.missing = 0
        self.first_duplicates: list[str] = []
        self.first_missing: list[str] = []

    def check(self, frame: pd.DataFrame, where: str) -> pd.DataFrame:
        """Check one chunk (``where``: the file or 'the DataFrame'); return it, ids filled when keeping."""
        ids = frame["article_id"]
        missing = ids.isna().to_numpy()
        if missing.any():
            rows = [str(i) for i in frame.index[missing][:3]]
            if self.mode == "raise":
                raise _bad_ids(f"{where}: {int(missing.sum()):,} records without an article id (missing, empty or NaN; "
                               f"first at rows {', '.join(rows)} of the chunk)")
            self.missing += int(missing.sum())
            self.first_missing += [f"{where}#{r}" for r in rows][: 3 - len(self.first_missing)]
            texts = frame["text"].astype(object).where(frame["text"].notna(), "")
            filled = [_hash_id("missing-id", where, str(t), str(k)) for k, t in zip(frame.index[missing], texts[missing])]
            frame = frame.copy()
            frame.loc[missing, "article_id"] = filled
            ids = frame["article_id"]
        dups: list[str] = []
        for value in ids.astype(str):
            h = hash(value)
            if h in self._seen:
                dups.append(value)
            else:
                self._seen.add(h)
        if dups:
            if self.mode == "raise":
                shown = ", ".join(repr(d) for d in dict.fromkeys(dups))
                raise _bad_ids(f"{where}: {len(dups):,} duplicate article ids (first: {_cut(shown)}); ids must be unique")
            self.duplicates += len(dups)
            self.first_duplicates += [d for d in dict.fromkeys(dups)][: 3 - len(self.first_duplicates)]
        return frame

    def line(self) -> str:
        """'' or one sentence for the summary: how many bad ids were kept, with the first ones."""
        parts = []
        if self.duplicates:
            parts.append(f"{self.duplicates:,} duplicate ids kept (first: {', '.join(map(repr, self.first_duplicates))})")
        if self.missing:
            parts.append(f"{self.missing:,} missing ids replaced by content hashes")
        return "; ".join(parts)


def _cut(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _bad_ids(message: str) -> RegionkitError:
    return DuplicateIdError(f"{message}; pass on_bad_ids='keep' (CLI: --keep-bad-ids) to keep going and count them")

"""Blocks of articles: split inputs into independent blocks and read one block.

:func:`block_specs` describes the blocks (text files grouped by size, JSON Lines
byte ranges at line ends, Parquet row groups, whole CSV/JSON files);
:func:`read_block` reads one of them with the same readers as
:func:`regionkit.read_articles`, so ids are the same global, stable ids. Both are
public through :mod:`regionkit.articles`; the Dask driver uses them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._readers import (_ID_COLUMNS, TEXT_SUFFIXES, _finish, _hash_id, _normalise_table, _parse_jsonl_line,
                                _read_text_file, _relative, _table_chunks, expand_paths)
from regionkit._schema import ARTICLE_COLUMNS, ARTICLES_META

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["block_specs", "read_block", "parse_size", "DEFAULT_BLOCKSIZE"]

DEFAULT_BLOCKSIZE = 4 * 2**20


# ------------------------------------------------------------ partitions
def parse_size(value: int | str) -> int:
    if isinstance(value, int):
        return value
    text = str(value).strip().upper().replace("IB", "B")
    for unit, mult in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10), ("B", 1)):
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * mult)
    return int(text)


def block_specs(paths: Any, *, blocksize: int | str = DEFAULT_BLOCKSIZE, text_column: str = "text",
                id_column: str | None = None, follow_symlinks: bool = False) -> list[tuple]:
    """Split the input files into partition descriptions.

    Returns a list of tuples: ``("text", ((file, base, name), ...))``, ``("jsonl",
    file, name, key, start_byte, end_byte, first_line, seen)``, ``("parquet", file,
    name, key, row_group, seen)`` or ``("table", file, name, key)`` (a whole CSV or
    JSON file). ``file`` is absolute (workers may run in another directory),
    ``name`` is the path as given (for the ``path`` column and error messages),
    ``key`` the path relative to the folder read (what content-derived ids hash). For files without an id column, ``seen`` carries how often each
    repeated text occurred in the earlier blocks of the file, so the k-th repeat
    gets the same id as in :func:`regionkit.read_articles` (one client-side pass
    over the file's texts; only repeated texts are kept).
    """

    size_limit = parse_size(blocksize)
    specs: list[tuple] = []
    group: list[tuple[str, str, str]] = []  # (file, base, name) of the text files of the next block
    group_bytes = 0
    for path, base in expand_paths(paths, follow_symlinks=follow_symlinks):
        suffix = path.suffix.lower()
        name, file = str(path), str(path.resolve())
        if suffix in TEXT_SUFFIXES:
            group.append((file, str(base.resolve()), name))
            group_bytes += path.stat().st_size
            if group_bytes >= size_limit:
                specs.append(("text", tuple(group)))
                group, group_bytes = [], 0
            continue
        if group:  # keep the file order of the pandas reader
            specs.append(("text", tuple(group)))
            group, group_bytes = [], 0
        key = _relative(path, base)
        if suffix in (".jsonl", ".ndjson"):
            ranges = _jsonl_ranges(path, size_limit)
            seen = _seen_states(path, key, text_column, [r[2] for r in ranges]) \
                if len(ranges) > 1 and not _has_id(path, id_column) else [()] * len(ranges)
            specs.extend(("jsonl", file, name, key, a, b, line, st) for (a, b, _rec, line), st in zip(ranges, seen))
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            meta = pq.ParquetFile(path).metadata
            firsts, first = [], 0
            for rg in range(meta.num_row_groups):
                firsts.append(first)
                first += meta.row_group(rg).num_rows
            if meta.num_row_groups <= 1:
                specs.append(("table", file, name, key))
                continue
            seen = _seen_states(path, key, text_column, firsts) if not _has_id(path, id_column) else [()] * len(firsts)
            specs.extend(("parquet", file, name, key, rg, st) for rg, st in enumerate(seen))
        else:
            specs.append(("table", file, name, key))
    if group:
        specs.append(("text", tuple(group)))
    return specs


def _jsonl_ranges(path: Path, size_limit: int) -> list[tuple[int, int, int, int]]:
    """Byte ranges of about ``size_limit`` that end at a line end: (start, end, first record, first line)."""
    size = path.stat().st_size
    out: list[tuple[int, int, int, int]] = []
    start, record, line = 0, 0, 1
    with open(path, "rb") as fh:
        while start < size:
            fh.seek(start)
            block = fh.read(size_limit)
            if start + len(block) < size:
                block += fh.readline()  # finish the line the block cut
            end = start + len(block)
            out.append((start, end, record, line))
            lines = block.split(b"\n")
            if lines and lines[-1] == b"":
                lines.pop()
            record += sum(1 for ln in lines if ln.strip())
            line += len(lines)
            start = end
    return out or [(0, 0, 0, 1)]


def _has_id(path: Path, id_column: str | None) -> bool:
    """Whether the table's records carry an id (then ids never depend on other blocks)."""

    if id_column is not None:
        return True
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        names = set(pq.read_schema(path).names)
    else:
        names = set()
        with open(path, "rb") as fh:
            for raw in fh:
                if raw.strip():
                    try:
                        rec = json.loads(raw)
                    except ValueError:
                        return True  # malformed: the block reader reports the line
                    names = set(rec) if isinstance(rec, dict) else set()
                    break
    return any(c in names for c in _ID_COLUMNS)


def _iter_texts(path: Path, text_column: str) -> Iterator[Any]:
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        if text_column not in pf.schema_arrow.names:
            return
        for batch in pf.iter_batches(columns=[text_column]):
            yield from batch.column(0).to_pylist()
        return
    with open(path, "rb") as fh:
        for raw in fh:
            if raw.strip():
                try:
                    rec = json.loads(raw)
                except ValueError:
                    return  # the block reader raises the error with its line number
                yield rec.get(text_column) if isinstance(rec, dict) else None


def _seen_states(path: Path, key: str, text_column: str, firsts: list[int]) -> list[tuple]:
    """For each block starting at record ``firsts[i]``: counts of repeated texts in the records before it."""
    import numpy as np

    hashes = np.fromiter((int(_hash_id(key, "" if t is None else str(t)), 16) for t in _iter_texts(path, text_column)),
                         dtype=np.uint64)
    values, counts = np.unique(hashes, return_counts=True)
    repeated = values[counts > 1]
    if not len(repeated):
        return [()] * len(firsts)
    positions = np.flatnonzero(np.isin(hashes, repeated))
    states: list[tuple[tuple[str, int], ...]] = []
    seen: dict[str, int] = {}
    j = 0
    for first in firsts:
        while j < len(positions) and positions[j] < first:
            h = f"{int(hashes[positions[j]]):016x}"
            seen[h] = seen.get(h, 0) + 1
            j += 1
        states.append(tuple(sorted(seen.items())))
    return states


def read_block(spec: tuple, text_column: str = "text", id_column: str | None = None,
               encoding_errors: str = "strict") -> pd.DataFrame:
    """Read one block with the readers of :mod:`regionkit.articles`; columns of ``ARTICLES_META``."""
    import pandas as pd

    kind = spec[0]
    if kind == "text":
        rows = []
        for file, base, name in spec[1]:
            try:
                row = _read_text_file(Path(file), Path(base), encoding_errors)
            except ValueError as exc:  # name the file as the user gave it
                raise ValueError(str(exc).replace(file, name)) from None
            row["path"] = name
            rows.append(row)
        frame = _finish(pd.DataFrame(rows))
    elif kind == "jsonl":
        _, file, path, key, start, end, first_line, seen_before = spec
        records = []
        with open(file, "rb") as fh:
            fh.seek(start)
            data = fh.read(end - start)
        for offset, raw in enumerate(data.split(b"\n")):
            if not raw.strip():
                continue
            records.append(_parse_jsonl_line(raw, Path(path), first_line + offset, encoding_errors))
        frame = _table(pd.DataFrame(records), path, text_column, id_column, dict(seen_before), key)
    elif kind == "parquet":
        import pyarrow.parquet as pq

        _, file, path, key, rg, seen_before = spec
        table = pq.ParquetFile(file).read_row_group(rg).to_pandas()
        frame = _table(table, path, text_column, id_column, dict(seen_before), key)
    else:
        _, file, path, key = spec
        seen: dict[str, int] = {}
        try:
            frames = [_table(chunk, path, text_column, id_column, seen, key)
                      for chunk in _table_chunks(Path(file), None, encoding_errors)]
        except ValueError as exc:  # name the file as the user gave it
            raise ValueError(str(exc).replace(file, path)) from None
        frames = [f for f in frames if len(f)]
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else (frames[0] if frames else ARTICLES_META.copy())
    return _conform(frame)


def _table(df: pd.DataFrame, path: str, text_column: str, id_column: str | None, seen: dict[str, int],
           key: str) -> pd.DataFrame:
    if df.empty and not len(df.columns):
        return ARTICLES_META.copy()
    return _finish(_normalise_table(df, path, text_column, id_column, seen, key))


def _conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Exactly the columns and dtypes of ``ARTICLES_META`` (extra input columns dropped)."""
    if frame.empty:
        return ARTICLES_META.copy()
    return frame[list(ARTICLE_COLUMNS)].astype(ARTICLE_COLUMNS).reset_index(drop=True)



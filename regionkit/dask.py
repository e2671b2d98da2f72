"""Past one machine: the same extraction on Dask (``pip install "regionkit[dask]"``).

- :func:`read_articles_dask` reads files into a ``dask.dataframe`` with
  ``dd.from_map``: text files grouped into partitions of about ``blocksize`` bytes,
  big JSON Lines files split into byte ranges at line ends, Parquet files by row
  group, CSV and JSON one file per partition. Every partition uses the same
  readers as :func:`regionkit.read_articles`, so ``article_id``\\s are the same
  global, stable ids as in the pandas path (never a partition-local row number).
- :func:`extract_mentions` maps :func:`regionkit.extract_mentions` over the
  partitions with the exact ``meta`` (:data:`regionkit.MENTIONS_META`). The
  shipped gazetteer is not sent with the tasks: each worker process builds it once
  on first use (:func:`regionkit.default_gazetteer`). Any other gazetteer (user
  aliases and groups, ``gazetteer=``) is one node of the graph (``extract_mentions``)
  or scattered to every worker once (``extract_to``), so a worker receives and
  compiles it once, however many tasks it runs.
- :func:`extract_to` is what ``regionkit extract --workers N`` / ``--scheduler
  ADDRESS`` runs: the partitions go to the cluster as tasks, at most a few per
  worker in flight; each task writes its own Parquet part (atomically) and the
  client only keeps the manifest, so the outputs are those of
  :func:`regionkit.stream.stream_mentions` (file and folder outputs are
  resumable). Input and output paths must therefore be visible to the workers
  (a shared file system, as on one machine).

``gazetteer=None`` means the client's current gazetteer, so aliases added with
:func:`regionkit.add_aliases` reach the workers too.

Dask and distributed are imported only inside this module, never by ``import regionkit``.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask.dataframe as dd

from regionkit._schema import ARTICLE_COLUMNS, ARTICLES_META, MENTIONS_META

if TYPE_CHECKING:
    import pandas as pd

    from regionkit.gazetteer import Gazetteer
    from regionkit.stream import StreamSummary

__all__ = ["read_articles_dask", "extract_mentions", "to_parquet", "extract_to", "partition_specs",
           "MENTIONS_META", "ARTICLES_META"]

_DEFAULT_BLOCKSIZE = 4 * 2**20


# ------------------------------------------------------------ partitions
def _parse_size(value: int | str) -> int:
    if isinstance(value, int):
        return value
    text = str(value).strip().upper().replace("IB", "B")
    for unit, mult in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10), ("B", 1)):
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * mult)
    return int(text)


def partition_specs(paths: Any, *, blocksize: int | str = _DEFAULT_BLOCKSIZE, text_column: str = "text",
                    id_column: str | None = None) -> list[tuple]:
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
    from regionkit.articles import TEXT_SUFFIXES, _expand, _relative

    size_limit = _parse_size(blocksize)
    specs: list[tuple] = []
    group: list[tuple[str, str]] = []
    group_bytes = 0
    for path, base in _expand(paths):
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
    from regionkit.articles import _ID_COLUMNS

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

    from regionkit.articles import _hash_id

    hashes = np.fromiter((int(_hash_id(key, "" if t is None else str(t)), 16) for t in _iter_texts(path, text_column)),
                         dtype=np.uint64)
    values, counts = np.unique(hashes, return_counts=True)
    repeated = values[counts > 1]
    if not len(repeated):
        return [()] * len(firsts)
    positions = np.flatnonzero(np.isin(hashes, repeated))
    states, seen, j = [], {}, 0
    for first in firsts:
        while j < len(positions) and positions[j] < first:
            h = f"{int(hashes[positions[j]]):016x}"
            seen[h] = seen.get(h, 0) + 1
            j += 1
        states.append(tuple(sorted(seen.items())))
    return states


def _read_spec(spec: tuple, text_column: str, id_column: str | None, encoding_errors: str) -> pd.DataFrame:
    """Read one partition with the readers of :mod:`regionkit.articles`; columns of ``ARTICLES_META``."""
    import pandas as pd

    from regionkit import articles as A

    kind = spec[0]
    if kind == "text":
        rows = []
        for file, base, name in spec[1]:
            try:
                row = A._read_text_file(Path(file), Path(base), encoding_errors)
            except ValueError as exc:  # name the file as the user gave it
                raise ValueError(str(exc).replace(file, name)) from None
            row["path"] = name
            rows.append(row)
        frame = A._finish(pd.DataFrame(rows))
    elif kind == "jsonl":
        _, file, path, key, start, end, first_line, seen = spec
        records = []
        with open(file, "rb") as fh:
            fh.seek(start)
            data = fh.read(end - start)
        for offset, raw in enumerate(data.split(b"\n")):
            if not raw.strip():
                continue
            records.append(A._parse_jsonl_line(raw, Path(path), first_line + offset, encoding_errors))
        frame = _table(pd.DataFrame(records), path, text_column, id_column, dict(seen), key)
    elif kind == "parquet":
        import pyarrow.parquet as pq

        _, file, path, key, rg, seen = spec
        table = pq.ParquetFile(file).read_row_group(rg).to_pandas()
        frame = _table(table, path, text_column, id_column, dict(seen), key)
    else:
        _, file, path, key = spec
        seen: dict[str, int] = {}
        try:
            frames = [_table(chunk, path, text_column, id_column, seen, key)
                      for chunk in A._table_chunks(Path(file), None, encoding_errors)]
        except ValueError as exc:  # name the file as the user gave it
            raise ValueError(str(exc).replace(file, path)) from None
        frames = [f for f in frames if len(f)]
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else (frames[0] if frames else ARTICLES_META.copy())
    return _conform(frame)


def _table(df: pd.DataFrame, path: str, text_column: str, id_column: str | None, seen: dict[str, int],
           key: str) -> pd.DataFrame:
    from regionkit import articles as A

    if df.empty and not len(df.columns):
        return ARTICLES_META.copy()
    return A._finish(A._normalise_table(df, path, text_column, id_column, seen, key))


def _conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Exactly the columns and dtypes of ``ARTICLES_META`` (extra input columns dropped)."""
    if frame.empty:
        return ARTICLES_META.copy()
    return frame[list(ARTICLE_COLUMNS)].astype(ARTICLE_COLUMNS).reset_index(drop=True)


def read_articles_dask(
    paths: Any,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    encoding_errors: str = "strict",
    blocksize: int | str = _DEFAULT_BLOCKSIZE,
) -> dd.DataFrame:
    """Read articles into a Dask DataFrame (one partition per block of files or bytes).

    Parameters
    ----------
    paths
        Files, folders or globs, as :func:`regionkit.read_articles` takes them.
    text_column, id_column, encoding_errors
        As in :func:`regionkit.read_articles`.
    blocksize
        Target bytes per partition for text files and JSON Lines (e.g. ``"4MB"``, the default).

    Returns
    -------
    dask.dataframe.DataFrame
        Columns and dtypes of :data:`regionkit.ARTICLES_META` (extra input columns
        are dropped); the same rows with the same ``article_id``\\s as
        :func:`regionkit.read_articles`, in input-file order.

    Examples
    --------
    >>> arts = read_articles_dask("news/*.jsonl")  # doctest: +SKIP
    >>> mentions = extract_mentions(arts)  # doctest: +SKIP
    """
    specs = partition_specs(paths, blocksize=blocksize, text_column=text_column, id_column=id_column)
    return dd.from_map(_read_spec, specs, text_column=text_column, id_column=id_column,
                       encoding_errors=encoding_errors, meta=ARTICLES_META, enforce_metadata=False)


# ------------------------------------------------------------ extraction
def _extract_partition(df: pd.DataFrame, text_column: str, id_column: str,
                       sections: tuple[str, ...] | None, kinds: tuple[str, ...] | None,
                       gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    from regionkit.extract import extract_mentions as extract
    from regionkit.gazetteer import default_gazetteer

    gaz = default_gazetteer() if gazetteer is None else gazetteer  # None: the worker's own shipped one
    out = extract(df, text_column=text_column, id_column=id_column, sections=sections, kinds=kinds, gazetteer=gaz)
    return out.astype(MENTIONS_META.dtypes.to_dict())


def _user_gazetteer(gazetteer: Any) -> Gazetteer | None:
    """The gazetteer the tasks need, or None when it is the shipped one (each worker builds that itself)."""
    from regionkit.gazetteer import default_gazetteer, resolve_gazetteer

    gaz = resolve_gazetteer(gazetteer)
    return None if gaz is default_gazetteer() else gaz


def extract_mentions(
    ddf: dd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "article_id",
    sections: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    gazetteer: Any = None,
) -> dd.DataFrame:
    """:func:`regionkit.extract_mentions` on every partition of a Dask DataFrame of articles.

    Parameters
    ----------
    ddf
        A Dask DataFrame with a text column and an id column (e.g. from :func:`read_articles_dask`).
    text_column, id_column, sections, kinds
        As in :func:`regionkit.extract_mentions`.
    gazetteer
        A :class:`regionkit.Gazetteer` or folder; None: the client's current one. A
        non-default value is one node of the graph, sent to each worker once.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy mentions with ``meta=MENTIONS_META`` (exact columns and dtypes).
    """
    sections = None if sections is None else tuple([sections] if isinstance(sections, str) else sections)
    kinds = None if kinds is None else tuple([kinds] if isinstance(kinds, str) else kinds)
    if text_column not in ddf.columns:
        raise ValueError(f"no text column {text_column!r}; columns are {list(ddf.columns)} (pass text_column=...)")
    gaz = _user_gazetteer(gazetteer)
    if gaz is not None:
        import dask

        gaz = dask.delayed(gaz, pure=True)  # one graph node; tokenised by its fingerprint
    return ddf.map_partitions(_extract_partition, text_column, id_column, sections, kinds, gaz,
                              meta=MENTIONS_META, enforce_metadata=False, align_dataframes=False)


def to_parquet(mentions: dd.DataFrame, path: str | os.PathLike, **kwargs: Any) -> None:
    """Write a Dask mentions frame as a Parquet folder (``write_index=False``; other kwargs to ``to_parquet``)."""
    kwargs.setdefault("write_index", False)
    mentions.to_parquet(str(path), **kwargs)


def warm_workers(client: Any) -> None:
    """Build the gazetteer on every worker now (once per worker process), not inside the first tasks."""
    client.run(_warm)


def _warm() -> int:
    from regionkit.gazetteer import gazetteer

    return len(gazetteer().automaton)


# -------------------------------------------------------------- CLI driver
def _run_spec(spec: tuple, text_column: str, id_column: str | None, encoding_errors: str,
              sections: tuple[str, ...] | None, partition_by: str | None,
              out_dir: str | None = None, key: str = "", index: int = 0, gazetteer: Gazetteer | None = None) -> tuple:
    """Worker task: read one partition, extract, count.

    With ``out_dir`` the worker writes the part files itself (atomically) and
    returns only their names, so the client never handles the mentions; without
    it the mentions come back. Returns (mentions or None, stats, files or None, empty file).
    """
    from regionkit.stream import _partition_values, chunk_stats, write_part_files

    chunk = _read_spec(spec, text_column, id_column, encoding_errors)
    mentions = _extract_partition(chunk, "text", "article_id", sections, None, gazetteer)
    stats = chunk_stats(chunk, mentions)
    empty_file = spec[2] if spec[0] == "table" and chunk.empty else None
    if out_dir is None:
        return mentions, stats, None, empty_file
    values = _partition_values(chunk, mentions, partition_by) if partition_by else None
    files = write_part_files(out_dir, key, index, mentions, partition_by, values)
    return None, stats, files, empty_file


def _spec_key(spec: tuple, index: int) -> str:
    import hashlib

    return hashlib.sha1(f"{index}\x1e{spec!r}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def extract_to(
    paths: Any,
    output: str | os.PathLike | None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    text_column: str = "text",
    id_column: str | None = None,
    encoding_errors: str = "strict",
    sections: Iterable[str] | None = None,
    partition_by: str | None = None,
    blocksize: int | str = _DEFAULT_BLOCKSIZE,
    progress: bool | None = None,
    gazetteer: Any = None,
) -> StreamSummary:
    """Extract mentions on a Dask cluster and write them like :func:`regionkit.stream.stream_mentions`.

    Parameters
    ----------
    paths
        Files, folders or globs.
    output
        A ``.csv``/``.parquet``/``.jsonl`` file or a folder (both resumable), or None (stdout CSV).
    workers
        Start a local cluster with this many single-threaded worker processes.
    scheduler
        Address of an existing scheduler (``tcp://host:8786``); ``client`` may be given instead.
    client
        An existing ``distributed.Client``.
    text_column, id_column, encoding_errors, sections, partition_by
        As in :func:`regionkit.stream.stream_mentions`.
    blocksize
        Target input bytes per task (one resumable part per task).
    progress
        tqdm progress bar on stderr (None: only on a terminal).
    gazetteer
        A :class:`regionkit.Gazetteer` or folder; None: the client's current one. A
        non-default value is scattered to every worker once.

    Returns
    -------
    StreamSummary
        The same counts as the streaming path.
    """
    import sys

    from distributed import Client, LocalCluster

    from regionkit.articles import _expand
    from regionkit.stream import (FileSink, PartStore, StreamSummary, _advance, _progress_bar, close_output,
                                  input_fingerprint, open_output, output_kind)

    sections = None if sections is None else tuple([sections] if isinstance(sections, str) else sections)
    if encoding_errors not in {"strict", "replace"}:
        raise ValueError(f"encoding_errors must be 'strict' or 'replace', not {encoding_errors!r}")
    kind = output_kind(output, partition_by)
    files = _expand(paths)
    specs = partition_specs(paths, blocksize=blocksize, text_column=text_column, id_column=id_column)
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            import logging

            # errors come back to the client as one exception; keep the workers' own logs quiet
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.CRITICAL)
            client = Client(cluster)
    summary = StreamSummary(files=len(files))
    store: PartStore | None = None
    sink: FileSink | None = None
    bar = None
    try:
        user_gaz = _user_gazetteer(gazetteer)
        fingerprint = {"inputs": input_fingerprint(paths), "engine": "dask", "blocksize": _parse_size(blocksize),
                       "text_column": text_column, "id_column": id_column, "encoding_errors": encoding_errors,
                       "sections": list(sections) if sections else None, "partition_by": partition_by}
        if user_gaz is not None:  # a resumed run must use the same gazetteer
            fingerprint["gazetteer"] = user_gaz.fingerprint
        store, sink = open_output(output, kind, fingerprint, partition_by)
        bar = _progress_bar(paths, progress)
        gaz = user_gaz
        if gaz is None:
            warm_workers(client)
        else:  # one copy per worker, held for the whole run
            gaz = client.scatter(gaz, broadcast=True, hash=False)
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
        window = 2 * n_workers
        pending: deque = deque()
        todo = deque(enumerate(specs))

        def submit() -> None:
            while todo and len(pending) < window:
                index, spec = todo.popleft()
                key = _spec_key(spec, index)
                if store is not None:
                    stats = store.done(key)
                    if stats is not None:
                        summary.add(stats)
                        summary.parts_reused += 1
                        _advance(bar, stats["articles"])
                        continue
                out_dir = str(store.dir.resolve()) if store is not None else None
                fut = client.submit(_run_spec, spec, text_column, id_column, encoding_errors, sections, partition_by,
                                    out_dir, key, index, gaz, key=f"regionkit-extract-{key}-{index}", pure=False)
                pending.append((index, key, fut))

        submit()
        while pending:
            index, key, fut = pending.popleft()
            mentions, stats, files, empty_file = fut.result()
            fut.release()
            submit()
            summary.add(stats)
            if empty_file:
                summary.skipped_files.append((empty_file, "no records"))
            if store is not None:
                store.record(key, index, files, stats)
            else:
                sink.write(mentions)
            summary.parts_written += 1
            _advance(bar, stats["articles"])
        close_output(output, kind, store, sink)
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
    sys.stderr.flush()
    return summary

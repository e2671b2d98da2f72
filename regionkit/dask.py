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

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import dask.dataframe as dd

from regionkit._errors import IncompleteOutputError, RegionkitError
from regionkit._schema import ARTICLES_META, MENTIONS_META
from regionkit.articles import DEFAULT_BLOCKSIZE, block_specs, expand_paths, parse_size, read_block
from regionkit.outputs import open_sink, output_kind, part_checks, write_part_files
from regionkit.stream import (Block, BlockResult, StreamSummary, chunk_stats, input_fingerprint, partition_values,
                              progress_bar, run_blocks)

if TYPE_CHECKING:
    import pandas as pd

    from regionkit.gazetteer import Gazetteer

__all__ = ["read_articles_dask", "extract_mentions", "to_parquet", "extract_to", "partition_specs",
           "MENTIONS_META", "ARTICLES_META"]

_DEFAULT_BLOCKSIZE = DEFAULT_BLOCKSIZE
#: The block splitter, as :func:`regionkit.articles.block_specs` (kept under its old name).
partition_specs = block_specs


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
    return dd.from_map(read_block, specs, text_column=text_column, id_column=id_column,
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
              out_dir: str | None = None, key: str = "", index: int = 0,
              gazetteer: Gazetteer | None = None) -> BlockResult:
    """Worker task: read one block, extract, count.

    With ``out_dir`` the worker writes the part files itself (atomic, fsynced) and
    returns only their names and checksums, so the client never handles the
    mentions; without it the mentions come back.
    """
    chunk = read_block(spec, text_column, id_column, encoding_errors)
    mentions = _extract_partition(chunk, "text", "article_id", sections, None, gazetteer)
    stats = chunk_stats(chunk, mentions)
    skipped = [(spec[2], "no records")] if spec[0] == "table" and chunk.empty else []
    if out_dir is None:
        return BlockResult(stats, mentions, skipped=skipped)
    values = partition_values(chunk, mentions, partition_by) if partition_by else None
    files = write_part_files(out_dir, key, index, mentions, partition_by, values)
    return BlockResult(stats, files=files, checks=part_checks(out_dir, files), skipped=skipped)


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
    follow_symlinks: bool = False,
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
    sections = None if sections is None else tuple([sections] if isinstance(sections, str) else sections)
    if encoding_errors not in {"strict", "replace"}:
        raise RegionkitError(f"encoding_errors must be 'strict' or 'replace', not {encoding_errors!r}")
    output_kind(output, partition_by)
    skipped_links: list[tuple[str, str]] = []
    files = expand_paths(paths, follow_symlinks=follow_symlinks, skipped=skipped_links)
    specs = block_specs(paths, blocksize=blocksize, text_column=text_column, id_column=id_column,
                        follow_symlinks=follow_symlinks)
    user_gaz = _user_gazetteer(gazetteer)
    fingerprint = {"inputs": input_fingerprint(paths, follow_symlinks=follow_symlinks), "engine": "dask",
                   "blocksize": parse_size(blocksize), "text_column": text_column, "id_column": id_column,
                   "encoding_errors": encoding_errors, "sections": list(sections) if sections else None,
                   "partition_by": partition_by}
    if user_gaz is not None:  # a resumed run must use the same gazetteer
        fingerprint["gazetteer"] = user_gaz.fingerprint
    sink = open_sink(output, fingerprint, partition_by)  # locked from here on
    summary = StreamSummary(files=len(files), skipped_files=list(skipped_links))
    options = (text_column, id_column, encoding_errors, sections, partition_by)
    run = _ClusterRun(client, scheduler, workers)
    running = False  # once run_blocks runs, it closes or aborts the sink itself
    try:
        run.start(paths, progress)
        gaz = _ship_gazetteer(run.client, user_gaz)
        out_dir = str(sink.dir.resolve()) if hasattr(sink, "dir") else None

        def submit(block: Block) -> Any:
            return run.client.submit(_run_spec, block.payload, *options, out_dir, block.key, block.index, gaz,
                                     key=f"regionkit-extract-{block.key}-{block.index}", pure=False)

        blocks = (Block(i, _spec_key(spec, i), spec) for i, spec in enumerate(specs))
        running = True
        try:
            run_blocks(blocks, sink, submit, summary, window=2 * run.n_workers(), bar=run.bar)
        except Exception as exc:
            _raise_if_killed(exc, summary, output)
            raise
    except BaseException as exc:
        if not running:
            sink.abort(exc)
        raise
    finally:
        run.close()
    sys.stderr.flush()
    return summary


class _ClusterRun:
    """The client of one :func:`extract_to` run: the caller's, one to a scheduler, or a local cluster it owns."""

    def __init__(self, client: Any, scheduler: str | None, workers: int | None) -> None:
        self.client, self.scheduler, self.workers = client, scheduler, workers
        self.own = client is None
        self.cluster: Any = None
        self.bar: Any = None

    def start(self, paths: Any, progress: bool | None) -> None:
        """Connect (or start the local cluster) and open the progress bar."""
        from distributed import Client, LocalCluster

        if self.client is None:
            if self.scheduler:
                self.client = Client(self.scheduler)
            else:
                import logging

                # errors come back to the client as one exception; keep the workers' own logs quiet
                self.cluster = LocalCluster(n_workers=self.workers or 1, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", silence_logs=logging.CRITICAL)
                self.client = Client(self.cluster)
        self.bar = progress_bar(paths, progress)

    def n_workers(self) -> int:
        return max(len(self.client.scheduler_info().get("workers", {})), 1)

    def close(self) -> None:
        """Close the bar, and the client and cluster when this run started them."""
        if self.bar is not None:
            self.bar.close()
        if self.own and self.client is not None:
            self.client.close()
        if self.own and self.cluster is not None:
            self.cluster.close()


def _ship_gazetteer(client: Any, user_gaz: Gazetteer | None) -> Any:
    """The gazetteer argument of the tasks: None (each worker builds the shipped one now) or a scattered copy."""
    if user_gaz is None:
        warm_workers(client)
        return None
    return client.scatter(user_gaz, broadcast=True, hash=False)  # one copy per worker, held for the whole run


def _raise_if_killed(exc: BaseException, summary: StreamSummary, output: Any) -> None:
    """A worker that died again and again (out of memory, killed): one line saying the output is incomplete."""
    try:
        from distributed.scheduler import KilledWorker
    except ImportError:  # pragma: no cover
        return
    if isinstance(exc, KilledWorker):
        done = summary.parts_written + summary.parts_reused
        where = f" {output}" if output is not None else ""
        kept = f"{done:,} finished parts are kept; " if output is not None else ""
        raise IncompleteOutputError(
            f"a Dask worker died repeatedly while running a block (out of memory or killed), so the output{where} "
            f"is incomplete; {kept}run the same command again to resume"
            + (" (with a smaller --blocksize if memory ran out)" if output is not None else "")) from None

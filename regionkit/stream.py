"""Streaming extraction: corpora larger than memory, written incrementally and resumably.

The articles are read in chunks (:func:`regionkit.iter_articles`), each chunk goes
through :func:`regionkit.extract_mentions`, and its mentions are written before the
next chunk is read, so memory stays flat however large the corpus is.

Output
------
stdout (CSV), one file (``.csv``, ``.parquet``, ``.jsonl``) or a folder of Parquet
parts; see :mod:`regionkit.outputs` for the sinks and their guarantees (one
writer per output, verified resume, atomic files, no clutter). After a crash,
running the same command again skips every finished chunk and writes only the
rest; the result is identical to an uninterrupted run.

One runner
----------
:func:`run_blocks` is the only loop over blocks of articles: it asks the sink
whether a block is finished (resume), hands the others to an executor (in this
process for :func:`stream_mentions`, on a Dask cluster for
:func:`regionkit.dask.extract_to`), and writes each result to the sink in
block order. Both drivers share it, the sink interface and
:func:`regionkit.articles.expand_paths`.

Small chunks are coalesced: consecutive chunks are joined into one block until it
holds at least :data:`MIN_BLOCK_ARTICLES` articles or :data:`MIN_BLOCK_CHARS`
characters of text (so a block holds fewer than ``chunksize +`` that many), and each
block is one part. ``--chunksize 1`` then costs about what a large chunksize does
instead of one Parquet part, fsync and manifest entry per article; chunks that are
already that large pass through unchanged. Files are then also read
``MIN_BLOCK_ARTICLES`` articles at a time (a multiple of the chunksize, split into
chunks), as the readers cost per chunk: with a chunksize below
``MIN_BLOCK_ARTICLES``, up to about that many articles are in memory at once. Rows, their order and the counts are the
same as without coalescing.

Block keys are deterministic: a hash of the block's position and of the
``article_id``\\s in it (the same input and chunksize always give the same blocks), and the manifest stores a fingerprint of the inputs (path,
size, modification time of every file) and of the options, so a folder is never
resumed with different inputs or settings.

``article_id`` is global and stable: it comes from the reader (record id, path or
content hash), never from a chunk-local row number.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit.outputs import (FILE_SUFFIXES, MANIFEST, PARTITION_COLUMNS, PartStore, open_sink, output_kind,
                               write_part_files)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "stream_mentions",
    "iter_mentions",
    "StreamSummary",
    "Block",
    "BlockResult",
    "run_blocks",
    "chunk_stats",
    "chunk_key",
    "coalesce_chunks",
    "MIN_BLOCK_ARTICLES",
    "MIN_BLOCK_CHARS",
    "partition_values",
    "progress_bar",
    "input_fingerprint",
    "PartStore",
    "output_kind",
    "open_sink",
    "write_part_files",
    "FILE_SUFFIXES",
    "PARTITION_COLUMNS",
    "MANIFEST",
]


# ------------------------------------------------------------------ summary
@dataclass
class StreamSummary:
    """What a streaming run did: counts of articles, mentions and parts, and everything skipped."""

    files: int = 0
    articles: int = 0
    empty: int = 0
    no_mention: int = 0
    mentions: int = 0
    parts_written: int = 0
    parts_reused: int = 0
    parts_redone: int = 0
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    bad_ids: str = ""  # kept bad ids (on_bad_ids="keep"), one sentence

    def add(self, stats: dict[str, int]) -> None:
        """Add the counts of one chunk (keys ``articles, empty, no_mention, mentions``)."""
        self.articles += stats["articles"]
        self.empty += stats["empty"]
        self.no_mention += stats["no_mention"]
        self.mentions += stats["mentions"]

    def line(self) -> str:
        """One human-readable summary line (articles read, with no mention, skipped and why)."""
        text = (f"{_n(self.articles, 'article')} read from {_n(self.files, 'file')}, {_n(self.mentions, 'mention')}; "
                f"{_n(self.no_mention, 'article')} with no mention; ")
        skipped = self.empty + len(self.skipped_files)
        if not skipped:
            text += "0 skipped"
        else:
            why = []
            if self.empty:
                why.append(f"{_n(self.empty, 'article')} with empty text")
            if self.skipped_files:
                shown = ", ".join(f"{Path(p).name} ({r})" for p, r in self.skipped_files[:3])
                more = f" and {len(self.skipped_files) - 3} more" if len(self.skipped_files) > 3 else ""
                why.append(f"{_n(len(self.skipped_files), 'file')}: {shown}{more}")
            text += f"{skipped:,} skipped ({'; '.join(why)})"
        if self.parts_reused or self.parts_redone:
            text += (f"; resumed: {_n(self.parts_reused, 'finished part')} reused, "
                     f"{_n(self.parts_written, 'part')} written")
        if self.parts_redone:
            text += f" ({_n(self.parts_redone, 'damaged part')} written again)"
        if self.bad_ids:
            text += f"; {self.bad_ids}"
        return text


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def chunk_stats(chunk: pd.DataFrame, mentions: pd.DataFrame, *, text_column: str = "text") -> dict[str, int]:
    """Count articles, empty texts, articles without any mention row, and mention rows in one chunk."""
    text = chunk[text_column]
    empty = text.isna() | (text.astype("string").str.strip().fillna("") == "")
    found = set(mentions["article_id"].unique()) if len(mentions) else set()
    ids = chunk["article_id"].astype(str)
    no_mention = int((~empty & ~ids.isin(found)).sum())
    return {"articles": len(chunk), "empty": int(empty.sum()), "no_mention": no_mention, "mentions": len(mentions)}


def chunk_key(chunk: pd.DataFrame, index: int) -> str:
    """A deterministic key for one input chunk: its position and the ids it holds."""
    h = hashlib.sha1(f"{index}\x1e".encode())
    for i in chunk["article_id"].astype(str):
        h.update(i.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


#: A block (one part of the output) is closed once it holds at least this many articles ...
MIN_BLOCK_ARTICLES = 100
#: ... or at least this many characters of text, whichever comes first.
MIN_BLOCK_CHARS = 1 << 18


def coalesce_chunks(chunks: Iterable[pd.DataFrame], *, min_articles: int | None = None,
                    min_chars: int | None = None, text_column: str = "text") -> Iterator[pd.DataFrame]:
    """Join consecutive small chunks into blocks of at least ``min_articles`` articles or ``min_chars`` characters.

    Order is kept and every article is in exactly one block. A block is yielded as soon
    as it reaches either minimum, so it holds fewer than ``min_articles`` plus one chunk
    of articles (and fewer than ``min_chars`` plus one chunk of text): memory stays
    bounded. A chunk reaching a minimum by itself is yielded unchanged. Deterministic:
    the same chunks always give the same blocks.
    """
    import pandas as pd

    min_articles = MIN_BLOCK_ARTICLES if min_articles is None else min_articles
    min_chars = MIN_BLOCK_CHARS if min_chars is None else min_chars
    held: list[pd.DataFrame] = []
    n_articles = n_chars = 0
    for chunk in chunks:
        n_articles += len(chunk)
        n_chars += int(chunk[text_column].str.len().fillna(0).sum()) if len(chunk) else 0
        held.append(chunk)
        if n_articles >= min_articles or n_chars >= min_chars:
            yield held[0] if len(held) == 1 else pd.concat(held, ignore_index=True)
            held, n_articles, n_chars = [], 0, 0
    if held:
        yield held[0] if len(held) == 1 else pd.concat(held, ignore_index=True)


def _split(frames: Iterable[pd.DataFrame], size: int) -> Iterator[pd.DataFrame]:
    for frame in frames:
        if len(frame) <= size:
            yield frame
        else:
            for i in range(0, len(frame), size):
                yield frame.iloc[i:i + size].reset_index(drop=True)


# ------------------------------------------------------------ fingerprint
def input_fingerprint(paths: Any, **expand: Any) -> str:
    """Hash of every input file's path, size and modification time (what a resumed run must match)."""
    from regionkit.articles import expand_paths

    h = hashlib.sha1()
    for path, _base in expand_paths(paths, **expand):
        st = path.stat()
        h.update(f"{path.resolve()}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def estimate_articles(paths: Any, **expand: Any) -> int:
    """A quick estimate of the number of articles (for the progress bar's ETA).

    Text files count one each; Parquet files report their row count; CSV and JSON
    Lines are estimated by counting lines (exact for JSON Lines without blank lines).
    """
    from regionkit.articles import TEXT_SUFFIXES, expand_paths

    total = 0
    for path, _base in expand_paths(paths, **expand):
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES or suffix == ".json":
            total += 1
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        else:
            lines = 0
            with open(path, "rb") as fh:
                while block := fh.read(1 << 24):
                    lines += block.count(b"\n")
            total += max(lines - (suffix == ".csv"), 0)
    return total


def partition_values(chunk: pd.DataFrame, mentions: pd.DataFrame, partition_by: str) -> pd.Series:
    """The partition value (``YYYY-MM`` month or source) of each mention row, from its article."""
    import pandas as pd

    if partition_by == "month":
        per_article = pd.to_datetime(chunk["date"]).dt.strftime("%Y-%m")
    else:
        per_article = chunk["source"]
    lookup = dict(zip(chunk["article_id"].astype(str), per_article.astype(object).where(per_article.notna(), None)))
    return mentions["article_id"].astype(str).map(lookup).astype(object)


_partition_values = partition_values  # old private name


# ------------------------------------------------------------ the runner
@dataclass
class Block:
    """One unit of work: a block of articles (a DataFrame here, a block spec on Dask) at ``index``."""

    index: int
    key: str
    payload: Any


@dataclass
class BlockResult:
    """What processing a block gave: its counts and either its mentions or the part files a worker wrote."""

    stats: dict[str, int]
    mentions: pd.DataFrame | None = None
    partition_values: pd.Series | None = None
    files: list[str] | None = None
    checks: dict[str, list] | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)


def run_blocks(blocks: Iterable[Block], sink: Any, submit: Callable[[Block], Any], summary: StreamSummary, *,
               window: int = 1, bar: Any = None) -> StreamSummary:
    """The one loop over blocks of articles, shared by the streaming and the Dask drivers.

    Parameters
    ----------
    blocks
        Blocks in order; consumed lazily (at most ``window`` in flight).
    sink
        A sink of :mod:`regionkit.outputs` (``done / write / close / abort``).
    submit
        Starts work on a block and returns a handle whose ``result()`` is a
        :class:`BlockResult` (a Dask future, or a finished local result).
    summary
        Counts to update.
    window
        How many blocks may be in flight at once (1: one after the other).
    bar
        A tqdm progress bar or None.

    Returns
    -------
    StreamSummary
        ``summary``, updated. The sink is closed on success and aborted (keeping
        finished parts for a resume) on any error, which is re-raised.
    """
    pending: deque = deque()

    def finish(block: Block, handle: Any) -> None:
        result = handle.result()
        summary.add(result.stats)
        summary.skipped_files.extend(result.skipped)
        sink.write(block.key, block.index, result)
        summary.parts_written += 1
        _advance(bar, result.stats["articles"])

    try:
        for block in blocks:
            stats = sink.done(block.key)
            if stats is not None:
                summary.add(stats)
                summary.parts_reused += 1
                _advance(bar, stats["articles"])
                continue
            pending.append((block, submit(block)))
            while len(pending) >= window:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())
        summary.parts_redone = getattr(sink, "redone", 0)
        sink.close()
    except BaseException as exc:
        for _block, handle in pending:
            cancel = getattr(handle, "cancel", None)
            if cancel is not None:
                cancel()
        sink.abort(exc)
        raise
    return summary


class _Done:
    """A finished local result (the handle :func:`run_blocks` expects)."""

    def __init__(self, result: BlockResult) -> None:
        self._result = result

    def result(self) -> BlockResult:
        return self._result


# --------------------------------------------------------------- drivers
def iter_mentions(
    source: Any,
    *,
    chunksize: int = 2_000,
    text_column: str = "text",
    id_column: str | None = None,
    encoding_errors: str = "strict",
    sections: Iterable[str] | None = None,
    gazetteer: Any = None,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Yield ``(articles_chunk, mentions_chunk)`` pairs, reading at most ``chunksize`` articles at a time.

    Parameters
    ----------
    source
        Paths (anything :func:`regionkit.read_articles` reads) or an iterable of article DataFrames.
    chunksize, text_column, id_column, encoding_errors
        Passed to :func:`regionkit.iter_articles`.
    sections, gazetteer
        Passed to :func:`regionkit.extract_mentions` (e.g. ``("body",)``).

    Yields
    ------
    tuple of pandas.DataFrame
        The articles of one chunk and their mentions (dtypes of ``MENTIONS_META``).
    """
    from regionkit.articles import iter_articles
    from regionkit.extract import extract_mentions
    from regionkit.gazetteer import resolve_gazetteer

    gaz = resolve_gazetteer(gazetteer)
    chunks = source if _is_frame_iter(source) else iter_articles(
        source, chunksize=chunksize, text_column=text_column, id_column=id_column, encoding_errors=encoding_errors)
    for chunk in chunks:
        yield chunk, extract_mentions(chunk, text_column="text", id_column="article_id", sections=sections,
                                      gazetteer=gaz)


def _is_frame_iter(source: Any) -> bool:
    import pandas as pd

    if isinstance(source, (str, os.PathLike, pd.DataFrame)):
        return False
    return isinstance(source, Iterator) or (isinstance(source, (list, tuple)) and bool(source)
                                             and all(isinstance(s, pd.DataFrame) for s in source))


def stream_mentions(
    source: Any,
    output: str | os.PathLike | None,
    *,
    chunksize: int = 2_000,
    text_column: str = "text",
    id_column: str | None = None,
    encoding_errors: str = "strict",
    sections: Iterable[str] | None = None,
    partition_by: str | None = None,
    progress: bool | None = None,
    gazetteer: Any = None,
    **read: Any,
) -> StreamSummary:
    """Extract mentions from a corpus of any size, writing them chunk by chunk with bounded memory.

    Parameters
    ----------
    source
        Files, folders or globs (as :func:`regionkit.read_articles` takes), a
        DataFrame of articles, or an iterator of article DataFrames.
    output
        A ``.csv``, ``.parquet`` or ``.jsonl`` file; a folder of Parquet parts; or
        None for CSV on stdout. Files and folders are resumable: re-running after a
        crash skips the chunks already finished (a file's parts wait in a hidden
        ``.NAME.parts`` folder next to it until the file is complete).
    chunksize
        Articles per chunk (memory grows with it, not with the corpus).
    text_column, id_column, encoding_errors
        See :func:`regionkit.read_articles`.
    sections
        Keep only mentions in these sections, e.g. ``("body",)``.
    partition_by
        ``"month"`` (of the article date) or ``"source"``: Hive-partitioned folder output.
    progress
        tqdm progress bar on stderr (None: only when stderr is a terminal).
    gazetteer
        A :class:`regionkit.Gazetteer` or folder; None: the current one. A resumed
        run must use the same gazetteer (it is part of the output's fingerprint).
    **read
        Other options of :func:`regionkit.iter_articles` (``follow_symlinks``,
        ``on_error``, ``on_bad_ids``).

    Returns
    -------
    StreamSummary
        Counts of articles read, with no mention, skipped (and why), mentions, parts.

    Examples
    --------
    >>> s = stream_mentions("data/articles", "out/mentions", partition_by="month")  # doctest: +SKIP
    >>> print(s.line())  # doctest: +SKIP
    """
    from regionkit.articles import ReadReport
    from regionkit.extract import extract_mentions
    from regionkit.gazetteer import default_gazetteer, resolve_gazetteer

    gaz = resolve_gazetteer(gazetteer)
    sections = None if sections is None else tuple([sections] if isinstance(sections, str) else sections)
    output_kind(output, partition_by)  # bad options fail before any work
    report = ReadReport()
    read_options = dict(text_column=text_column, id_column=id_column, encoding_errors=encoding_errors, **read)
    source, chunks, from_paths = _source_chunks(source, chunksize, report, read_options)
    fingerprint = {
        "inputs": input_fingerprint(source, follow_symlinks=read.get("follow_symlinks", False)) if from_paths else None,
        "chunksize": chunksize, "text_column": text_column, "id_column": id_column,
        "encoding_errors": encoding_errors, "sections": list(sections) if sections else None,
        "partition_by": partition_by,
    }
    if gaz is not default_gazetteer():  # a resumed run must use the same gazetteer
        fingerprint["gazetteer"] = gaz.fingerprint
    sink = open_sink(output, fingerprint, partition_by)

    def process(block: Block) -> _Done:
        chunk = block.payload
        mentions = extract_mentions(chunk, text_column="text", id_column="article_id", sections=sections,
                                    gazetteer=gaz)
        values = partition_values(chunk, mentions, partition_by) if partition_by else None
        return _Done(BlockResult(chunk_stats(chunk, mentions), mentions, values))

    blocks = (Block(i, chunk_key(chunk, i), chunk) for i, chunk in enumerate(chunks))
    summary = StreamSummary()
    bar = progress_bar(source if from_paths else None, progress)
    try:
        run_blocks(blocks, sink, process, summary, bar=bar)
    finally:
        if bar is not None:
            bar.close()
    summary.files = report.files if from_paths else 0
    summary.skipped_files = list(report.skipped)
    summary.bad_ids = report.bad_ids.line() if report.bad_ids is not None else ""
    return summary


def _source_chunks(source: Any, chunksize: int, report: Any, read_options: dict) -> tuple[Any, Iterator, bool]:
    """``(source, chunks, from_paths)``: the chunks of articles of any accepted source.

    A DataFrame is normalised once and cut into chunks; paths are read chunk by chunk
    (a block's worth at a time when chunks are small); an iterator of DataFrames is
    used as it comes. Normalised articles (paths, a DataFrame) are coalesced into blocks.
    """
    import pandas as pd

    from regionkit.articles import iter_articles, read_articles

    frame_source = isinstance(source, pd.DataFrame)
    if frame_source:  # already in memory: normalise once, then go chunk by chunk
        frame = read_articles(source, text_column=read_options["text_column"], id_column=read_options["id_column"],
                              chunksize=None)  # fmt: skip
        source = (frame.iloc[i:i + chunksize] for i in range(0, len(frame), chunksize))
    from_paths = not _is_frame_iter(source)
    chunks: Iterator
    if from_paths and chunksize < MIN_BLOCK_ARTICLES:
        # the readers cost per chunk, not per article: read a whole block's worth (a multiple of chunksize,
        # so the chunks and the blocks are those of reading chunk by chunk) and split it into chunks
        read_size = chunksize * -(-MIN_BLOCK_ARTICLES // chunksize)
        chunks = _split(iter_articles(source, chunksize=read_size, report=report, **read_options), chunksize)
    elif from_paths:
        chunks = iter_articles(source, chunksize=chunksize, report=report, **read_options)
    else:
        chunks = iter(source)
    if from_paths or frame_source:  # normalised articles: small chunks share one block (one part)
        chunks = coalesce_chunks(chunks)
    return source, chunks, from_paths


def progress_bar(paths: Any, progress: bool | None) -> Any:
    """A tqdm bar on stderr sized by :func:`estimate_articles` (None when off or not a terminal)."""
    if progress is False:
        return None
    if progress is None and not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    total = estimate_articles(paths) if paths is not None else None
    return tqdm(total=total or None, unit=" articles", desc="extract", file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1, unit_scale=(total or 0) >= 100_000)


def _advance(bar: Any, n: int) -> None:
    if bar is None:
        return
    if bar.total is not None and bar.n + n > bar.total:
        bar.total = bar.n + n
    bar.update(n)


_progress_bar = progress_bar  # old private name

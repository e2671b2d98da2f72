"""Streaming extraction: corpora larger than memory, written incrementally and resumably.

The articles are read in chunks (:func:`regionkit.iter_articles`), each chunk goes
through :func:`regionkit.extract_mentions`, and its mentions are written before the
next chunk is read, so memory stays flat however large the corpus is.

Output
------
- stdout: CSV, written chunk by chunk.
- A file (``.csv``, ``.parquet``, ``.jsonl``): the chunks are written as Parquet
  parts into a hidden ``.NAME.parts`` folder next to it (resumable, as below);
  at the end they are combined in order into a temporary file that is renamed
  into place, and the parts are removed. No half-written file ever carries the
  final name.
- A folder: a Parquet dataset, one part file per input chunk
  (``part-000042-<key>.parquet``), optionally Hive-partitioned by ``month`` or
  ``source`` (``month=2024-05/part-...``). Each part is written to a temporary
  file and renamed (atomic), then recorded in ``_manifest.json``. After a crash,
  running the same command again skips every recorded chunk and writes only the
  rest; the result is identical to an uninterrupted run. Read it back with
  ``pandas.read_parquet(folder)`` (files starting with ``_`` or ``.`` are ignored).

Chunk keys are deterministic: a hash of the chunk's position and of the
``article_id``\\s in it, and the manifest stores a fingerprint of the inputs (path,
size, modification time of every file) and of the options, so a folder is never
resumed with different inputs or settings.

``article_id`` is global and stable: it comes from the reader (record id, path or
content hash), never from a chunk-local row number.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "stream_mentions",
    "iter_mentions",
    "StreamSummary",
    "PartStore",
    "output_kind",
    "write_part_files",
    "open_output",
    "close_output",
    "FILE_SUFFIXES",
    "PARTITION_COLUMNS",
]

#: Output suffixes written as one file.
FILE_SUFFIXES = (".csv", ".parquet", ".jsonl")
#: Values accepted by ``partition_by``.
PARTITION_COLUMNS = ("month", "source")
MANIFEST = "_manifest.json"
_FORMAT = "regionkit-mentions/1"
_NULL_PARTITION = "unknown"  # missing date or source (pyarrow cannot read back a null dictionary partition)


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
    skipped_files: list[tuple[str, str]] = field(default_factory=list)

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
        if self.parts_reused:
            text += (f"; resumed: {_n(self.parts_reused, 'finished part')} reused, "
                     f"{_n(self.parts_written, 'part')} written")
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


# ----------------------------------------------------------- output kinds
def output_kind(output: str | os.PathLike | None, partition_by: str | None = None) -> str:
    """Return ``"stdout"``, ``"file"`` or ``"folder"`` for an output path.

    A path ending in ``.csv``, ``.parquet`` or ``.jsonl`` is a file (unless it is an
    existing folder); an existing folder, a path ending in a slash or a path
    without a suffix is a folder of Parquet parts. ``partition_by`` needs a folder.
    """
    if partition_by is not None and partition_by not in PARTITION_COLUMNS:
        raise ValueError(f"unknown partition column {partition_by!r}; use one of {', '.join(PARTITION_COLUMNS)}")
    if output is None or str(output) == "-":
        if partition_by:
            raise ValueError("--partition-by needs an output folder (-o FOLDER)")
        return "stdout"
    path = Path(output)
    text = str(output)
    if path.is_dir() or text.endswith(("/", os.sep)) or not path.suffix:
        return "folder"
    if path.suffix.lower() not in FILE_SUFFIXES:
        raise ValueError(
            f"unknown output type {path.suffix!r} for {path}; use a file ending in {', '.join(FILE_SUFFIXES)} "
            f"or a folder (for partitioned, resumable Parquet)"
        )
    if partition_by:
        raise ValueError(f"--partition-by needs an output folder, not the file {path}")
    return "file"


# ------------------------------------------------------------ file sinks
class FileSink:
    """Append mention chunks to one CSV, Parquet or JSON Lines file (or stdout), atomically at close."""

    def __init__(self, output: str | os.PathLike | None) -> None:
        self.output = None if output is None or str(output) == "-" else Path(output)
        self.suffix = ".csv" if self.output is None else self.output.suffix.lower()
        self._tmp: Path | None = None
        self._fh: Any = None
        self._writer: Any = None
        self._rows = 0
        self._header = False
        if self.output is not None:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            for stale in self.output.parent.glob(f".{self.output.name}.*.tmp"):  # left by a killed run
                stale.unlink(missing_ok=True)
            self._tmp = self.output.with_name(f".{self.output.name}.{uuid.uuid4().hex[:8]}.tmp")

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk of mentions."""
        if self.suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._writer is None:
                self._writer = pq.ParquetWriter(self._tmp, table.schema)
            self._writer.write_table(table.cast(self._writer.schema))
        elif self.suffix == ".csv":
            if self._fh is None:
                self._fh = sys.stdout if self.output is None else open(self._tmp, "w", encoding="utf-8", newline="")
            frame.to_csv(self._fh, index=False, header=not self._header)
            self._header = True
        else:  # .jsonl
            if self._fh is None:
                self._fh = open(self._tmp, "w", encoding="utf-8")
            if len(frame):
                text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
                self._fh.write(text if text.endswith("\n") else text + "\n")
        self._rows += len(frame)

    def close(self, empty: pd.DataFrame) -> None:
        """Finish the file (writing ``empty`` first if nothing was written) and move it into place."""
        if self._writer is None and self._fh is None:
            self.write(empty)
        if self._writer is not None:
            self._writer.close()
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        elif self._fh is sys.stdout:
            sys.stdout.flush()
        if self._tmp is not None and self._tmp.exists():
            os.replace(self._tmp, self.output)

    def abort(self) -> None:
        """Drop the temporary file after an error (the final name is never touched)."""
        try:
            if self._writer is not None:
                self._writer.close()
            if self._fh is not None and self._fh is not sys.stdout:
                self._fh.close()
        finally:
            if self._tmp is not None and self._tmp.exists():
                self._tmp.unlink()


# ----------------------------------------------------------- folder store
def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _partition_dir(value: Any) -> str:
    from urllib.parse import quote

    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return _NULL_PARTITION
    name = quote(str(value), safe=" ,;()'&+-_.")
    if len(name.encode()) > 120:  # file systems cap a name at 255 bytes: keep it readable and unique
        digest = hashlib.sha1(str(value).encode("utf-8", "surrogatepass")).hexdigest()[:10]
        name = f"{name[:100].rstrip('%0123456789ABCDEF')}~{digest}"
    return name


def write_part_files(directory: str | os.PathLike, key: str, index: int, mentions: pd.DataFrame,
                     partition_by: str | None = None, partition_values: pd.Series | None = None) -> list[str]:
    """Write one chunk's mentions as ``part-<index>-<key>.parquet`` (one per partition), each atomically.

    Returns the written files relative to ``directory``. Safe to call from a Dask
    worker: it touches only this chunk's files, never the manifest.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(directory)
    name = f"part-{index:06d}-{key}.parquet"
    files: list[str] = []
    if partition_by is None:
        groups = [("", mentions)]
    else:
        dirs = partition_values.map(_partition_dir) if len(mentions) else partition_values
        groups = [(f"{partition_by}={d}", frame) for d, frame in mentions.groupby(dirs.to_numpy(), sort=True)]
    for sub, frame in groups:
        folder = root / sub if sub else root
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
        pq.write_table(pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False), tmp)
        os.replace(tmp, folder / name)
        files.append(f"{sub}/{name}" if sub else name)
    return files


class PartStore:
    """A folder of Parquet parts plus ``_manifest.json``: one part (per partition) per input chunk.

    Parameters
    ----------
    directory
        The output folder (created if missing). An existing folder must be empty or
        hold a manifest with the same ``fingerprint`` (then the run resumes).
    fingerprint
        JSON-serialisable description of inputs and options; a mismatch is an error.
    partition_by
        None, ``"month"`` or ``"source"`` (Hive-style sub-folders).
    private
        The folder is regionkit's own hidden cache (for a file output): a manifest
        of a different run is discarded instead of refused.
    """

    def __init__(self, directory: str | os.PathLike, *, fingerprint: dict[str, Any],
                 partition_by: str | None = None, private: bool = False) -> None:
        self.dir = Path(directory)
        self.partition_by = partition_by
        self.fingerprint = fingerprint
        manifest_path = self.dir / MANIFEST
        if self.dir.exists() and not self.dir.is_dir():
            raise ValueError(f"output {self.dir} exists and is not a folder")
        if manifest_path.exists():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            old = manifest.get("fingerprint", {})
            if (manifest.get("format") != _FORMAT or old != fingerprint) and private:
                import shutil  # our own hidden cache of an earlier, different run: start over

                shutil.rmtree(self.dir)
                manifest = {"chunks": {}}
                self.dir.mkdir(parents=True)
            elif manifest.get("format") != _FORMAT or old != fingerprint:
                changed = sorted(k for k in set(old) | set(fingerprint) if old.get(k) != fingerprint.get(k))
                raise ValueError(
                    f"output folder {self.dir} holds the results of a different run (changed: {', '.join(changed) or 'format'}); "
                    f"delete it or choose another output folder"
                )
            self.chunks: dict[str, dict[str, Any]] = manifest.get("chunks", {})
            if not self.chunks:
                self._save(complete=False)
        else:
            if self.dir.exists() and any(p for p in self.dir.iterdir() if not p.name.startswith(".")):
                raise ValueError(f"output folder {self.dir} is not empty and has no {MANIFEST}; "
                                 f"choose an empty or new folder")
            self.dir.mkdir(parents=True, exist_ok=True)
            self.chunks = {}
            self._save(complete=False)

    # manifest ---------------------------------------------------------
    def _save(self, *, complete: bool) -> None:
        manifest = {"format": _FORMAT, "fingerprint": self.fingerprint, "complete": complete, "chunks": self.chunks}
        _atomic_write_bytes(self.dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))

    def done(self, key: str) -> dict[str, int] | None:
        """The stats of a finished chunk whose part files all exist, else None."""
        rec = self.chunks.get(key)
        if rec is None or not all((self.dir / f).exists() for f in rec["files"]):
            return None
        return rec["stats"]

    def write(self, key: str, index: int, mentions: pd.DataFrame, stats: dict[str, int],
              partition_values: pd.Series | None = None) -> None:
        """Write the mentions of chunk ``index`` (atomically, one file per partition) and record it.

        ``partition_values`` is aligned with ``mentions`` and holds the partition
        column's value per row (needed when the store is partitioned).
        """
        files = write_part_files(self.dir, key, index, mentions, self.partition_by, partition_values)
        self.record(key, index, files, stats)

    def record(self, key: str, index: int, files: list[str], stats: dict[str, int]) -> None:
        """Record a chunk whose part files are already in place (written by :func:`write_part_files`)."""
        self.chunks[key] = {"index": index, "files": files, "stats": stats}
        self._save(complete=False)

    def finish(self) -> None:
        """Remove temporary files and parts of no recorded chunk, and mark the run complete."""
        keep = {f for rec in self.chunks.values() for f in rec["files"]}
        for path in self.dir.rglob("*"):
            rel = path.relative_to(self.dir).as_posix()
            if path.is_file() and (path.name.endswith(".tmp") or (path.name.startswith("part-") and rel not in keep)):
                path.unlink()
        self._save(complete=True)


# ------------------------------------------------------------ fingerprint
def input_fingerprint(paths: Any) -> str:
    """Hash of every input file's path, size and modification time (what a resumed run must match)."""
    from regionkit.articles import _expand

    h = hashlib.sha1()
    for path, _base in _expand(paths):
        st = path.stat()
        h.update(f"{path.resolve()}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def estimate_articles(paths: Any) -> int:
    """A quick estimate of the number of articles (for the progress bar's ETA).

    Text files count one each; Parquet files report their row count; CSV and JSON
    Lines are estimated by counting lines (exact for JSON Lines without blank lines).
    """
    from regionkit.articles import TEXT_SUFFIXES, _expand

    total = 0
    for path, _base in _expand(paths):
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


def _partition_values(chunk: pd.DataFrame, mentions: pd.DataFrame, partition_by: str) -> pd.Series:
    import pandas as pd

    if partition_by == "month":
        per_article = pd.to_datetime(chunk["date"]).dt.strftime("%Y-%m")
    else:
        per_article = chunk["source"]
    lookup = dict(zip(chunk["article_id"].astype(str), per_article.astype(object).where(per_article.notna(), None)))
    return mentions["article_id"].astype(str).map(lookup).astype(object)


# ------------------------------------------------------------ outputs
def parts_dir_for(output: str | os.PathLike) -> Path:
    """The hidden folder of Parquet parts behind a file output (removed once the file is complete)."""
    path = Path(output)
    return path.parent / f".{path.name}.parts"


def open_output(output: str | os.PathLike | None, kind: str, fingerprint: dict[str, Any],
                partition_by: str | None) -> tuple[PartStore | None, FileSink | None]:
    """Return the part store (folder and file outputs: resumable) or the stdout sink."""
    if kind == "folder":
        return PartStore(output, fingerprint=fingerprint, partition_by=partition_by), None
    if kind == "file":
        return PartStore(parts_dir_for(output), fingerprint=fingerprint, private=True), None
    return None, FileSink(None)


def close_output(output: str | os.PathLike | None, kind: str, store: PartStore | None, sink: FileSink | None) -> None:
    """Finish the output: mark a folder complete, or combine a file's parts in chunk order and drop them."""
    import shutil

    import pandas as pd

    from regionkit._schema import MENTIONS_META

    if kind == "stdout":
        sink.close(MENTIONS_META)
        return
    store.finish()
    if kind == "folder":
        return
    final = FileSink(output)
    try:
        for rec in sorted(store.chunks.values(), key=lambda r: r["index"]):
            for name in rec["files"]:
                final.write(pd.read_parquet(store.dir / name))
        final.close(MENTIONS_META)
    except BaseException:
        final.abort()
        raise
    shutil.rmtree(store.dir, ignore_errors=True)


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

    Returns
    -------
    StreamSummary
        Counts of articles read, with no mention, skipped (and why), mentions, parts.

    Examples
    --------
    >>> s = stream_mentions("data/articles", "out/mentions", partition_by="month")  # doctest: +SKIP
    >>> print(s.line())  # doctest: +SKIP
    """
    from regionkit.articles import ReadReport, iter_articles
    from regionkit.extract import extract_mentions
    from regionkit.gazetteer import default_gazetteer, resolve_gazetteer

    import pandas as pd

    gaz = resolve_gazetteer(gazetteer)

    sections = None if sections is None else tuple([sections] if isinstance(sections, str) else sections)
    kind = output_kind(output, partition_by)
    if isinstance(source, pd.DataFrame):  # already in memory: normalise once, then go chunk by chunk
        from regionkit.articles import read_articles

        frame = read_articles(source, text_column=text_column, id_column=id_column)
        source = (frame.iloc[i:i + chunksize] for i in range(0, len(frame), chunksize))
    report = ReadReport()
    from_paths = not _is_frame_iter(source)
    chunks = iter_articles(source, chunksize=chunksize, text_column=text_column, id_column=id_column,
                           encoding_errors=encoding_errors, report=report) if from_paths else iter(source)
    summary = StreamSummary()
    bar = _progress_bar(source if from_paths else None, progress)
    fingerprint = {
        "inputs": input_fingerprint(source) if from_paths else None,
        "chunksize": chunksize, "text_column": text_column, "id_column": id_column,
        "encoding_errors": encoding_errors, "sections": list(sections) if sections else None,
        "partition_by": partition_by,
    }
    if gaz is not default_gazetteer():  # a resumed run must use the same gazetteer
        fingerprint["gazetteer"] = gaz.fingerprint
    store, sink = open_output(output, kind, fingerprint, partition_by)
    try:
        for index, chunk in enumerate(chunks):
            if store is not None:
                key = chunk_key(chunk, index)
                stats = store.done(key)
                if stats is not None:
                    summary.add(stats)
                    summary.parts_reused += 1
                    _advance(bar, len(chunk))
                    continue
            mentions = extract_mentions(chunk, text_column="text", id_column="article_id", sections=sections,
                                        gazetteer=gaz)
            stats = chunk_stats(chunk, mentions)
            summary.add(stats)
            if store is not None:
                values = _partition_values(chunk, mentions, partition_by) if partition_by else None
                store.write(key, index, mentions, stats, values)
            else:
                sink.write(mentions)
            summary.parts_written += 1
            _advance(bar, len(chunk))
        if bar is not None:
            bar.close()
            bar = None
        close_output(output, kind, store, sink)
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
    summary.files = report.files if from_paths else 0
    summary.skipped_files = list(report.skipped)
    return summary


def _progress_bar(paths: Any, progress: bool | None) -> Any:
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

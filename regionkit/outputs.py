"""Where mention chunks go: one sink interface (``done / write / close / abort``) for every output.

- stdout: CSV, written chunk by chunk (:class:`StdoutSink`).
- A file (``.csv``, ``.parquet``, ``.jsonl``): the chunks are written as Parquet
  parts into a hidden ``.NAME.parts`` folder next to it (resumable); at the end
  they are combined in order into a temporary file that is fsynced and renamed
  into place, and the parts are removed (:class:`FileOutputSink`). No half-written
  file ever carries the final name.
- A folder: a Parquet dataset, one part file per input chunk, optionally
  Hive-partitioned (:class:`FolderSink`), recorded in ``_manifest.json``.

The atomic writes and the CSV quoting live in :mod:`regionkit._atomic`.

Guarantees (issue 13):

- **One writer per output.** A sink takes a lock on the final path
  (``.NAME.lock`` next to it, with ``filelock``); a second run on the same output
  stops at once with :class:`regionkit.OutputLockedError` and touches nothing.
- **Verified resume.** The manifest records each part's size and SHA-256; a
  resumed run reuses a part only when both match, and writes it again otherwise.
  Parts and the manifest are fsynced before they are renamed into place.
- **Cheap small chunks.** The manifest is saved at most about once a second (and
  always at the end, on an error and on Ctrl-C), not after every chunk.
- **No clutter.** A failed run removes a file output's hidden parts folder unless
  it holds finished parts to resume from; a half-removed parts folder (a kill
  during clean-up) is recognised and discarded by the next run.
- **Spreadsheet-safe CSV.** A CSV cell that starts with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return is written with a leading apostrophe (OWASP's advice
  against formula injection); Parquet and JSON Lines keep the text as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._atomic import _fsync_dir, _sha256, atomic_write, csv_safe, part_checks, save_figure, write_table
from regionkit._errors import IncompleteOutputError, OutputError, OutputLockedError, RegionkitError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FILE_SUFFIXES", "PARTITION_COLUMNS", "MANIFEST", "output_kind", "open_sink", "OutputLock",
    "StdoutSink", "FolderSink", "FileOutputSink", "FileSink", "PartStore", "write_part_files", "part_checks",
    "csv_safe", "atomic_write", "parts_dir_for", "write_table", "save_figure",
]

#: Output suffixes written as one file.
FILE_SUFFIXES = (".csv", ".parquet", ".jsonl")
#: Values accepted by ``partition_by``.
PARTITION_COLUMNS = ("month", "source")
MANIFEST = "_manifest.json"
_FORMAT = "regionkit-mentions/2"  # /2: small chunks coalesced into blocks (other block keys): /1 folders are not resumed
_NULL_PARTITION = "unknown"  # missing date or source (pyarrow cannot read back a null dictionary partition)
_SAVE_EVERY = 1.0  # seconds between manifest saves while a run goes on


# ----------------------------------------------------------- output kinds
def output_kind(output: str | os.PathLike | None, partition_by: str | None = None) -> str:
    """Return ``"stdout"``, ``"file"`` or ``"folder"`` for an output path.

    A path ending in ``.csv``, ``.parquet`` or ``.jsonl`` is a file (unless it is an
    existing folder); an existing folder, a path ending in a slash or a path
    without a suffix is a folder of Parquet parts. ``partition_by`` needs a folder.
    """
    if partition_by is not None and partition_by not in PARTITION_COLUMNS:
        raise RegionkitError(f"unknown partition column {partition_by!r}; use one of {', '.join(PARTITION_COLUMNS)}")
    if output is None or str(output) == "-":
        if partition_by:
            raise RegionkitError("--partition-by needs an output folder (-o FOLDER)")
        return "stdout"
    path = Path(output)
    text = str(output)
    if path.is_dir() or text.endswith(("/", os.sep)) or not path.suffix:
        return "folder"
    if path.suffix.lower() not in FILE_SUFFIXES:
        raise RegionkitError(
            f"unknown output type {path.suffix!r} for {path}; use a file ending in {', '.join(FILE_SUFFIXES)} "
            f"or a folder (for partitioned, resumable Parquet)"
        )
    if partition_by:
        raise RegionkitError(f"--partition-by needs an output folder, not the file {path}")
    return "file"


# ------------------------------------------------------------------ lock
class OutputLock:
    """An exclusive lock on one output path (``.NAME.lock`` next to it); refuses at once when taken."""

    def __init__(self, output: str | os.PathLike) -> None:
        from filelock import FileLock

        path = Path(output)
        self.output = path
        self.path = path.parent / f".{path.name.rstrip('/') or 'output'}.lock"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create folder {path.parent}: {exc.strerror or exc}", path=path) from None
        self._lock = FileLock(str(self.path), timeout=0)

    def acquire(self) -> OutputLock:
        """Take the lock or raise :class:`regionkit.OutputLockedError`."""
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise OutputLockedError(
                f"another regionkit run is writing {self.output} (lock {self.path.name}); "
                f"wait for it to finish or choose another output", path=self.output) from None
        except OSError as exc:
            raise OutputError(f"cannot lock {self.output}: {exc.strerror or exc}", path=self.output) from None
        return self

    def release(self) -> None:
        """Drop the lock (and its file: removed while still held, so no other run can hold a stale one)."""
        if self._lock.is_locked:
            self.path.unlink(missing_ok=True)
            self._lock.release()


# ------------------------------------------------------------ file writer
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
            if self.output.is_dir():
                raise OutputError(f"cannot write {self.output}: it is a folder", path=self.output)
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = self.output.with_name(f".{self.output.name}.{uuid.uuid4().hex[:8]}.tmp")

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk of mentions."""
        if self.suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._writer is None:
                self._fh = open(self._temporary(), "wb")
                self._writer = pq.ParquetWriter(self._fh, table.schema)
            self._writer.write_table(table.cast(self._writer.schema))
        elif self.suffix == ".csv":
            if self._fh is None:
                self._fh = sys.stdout if self.output is None else open(self._temporary(), "w", encoding="utf-8", newline="")
            csv_safe(frame).to_csv(self._fh, index=False, header=not self._header)
            self._header = True
        else:  # .jsonl
            if self._fh is None:
                self._fh = open(self._temporary(), "w", encoding="utf-8")
            if len(frame):
                text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
                self._fh.write(text if text.endswith("\n") else text + "\n")
        self._rows += len(frame)

    def close(self, empty: pd.DataFrame) -> None:
        """Finish the file (writing ``empty`` first if nothing was written), fsync it and move it into place."""
        if self._writer is None and self._fh is None:
            self.write(empty)
        if self._writer is not None:
            self._writer.close()
        if self._fh is sys.stdout:
            sys.stdout.flush()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        output = self._final()
        os.replace(self._temporary(), output)
        _fsync_dir(output.parent)
        if not output.is_file():  # never report success without the file
            raise OutputError(f"{output} is missing after it was written (removed by another program?)", path=output)

    def _temporary(self) -> Path:
        """The hidden temporary file the output is written to (file outputs only; stdout has none)."""
        if self._tmp is None:
            raise OutputError("stdout has no temporary file", path=None)
        return self._tmp

    def _final(self) -> Path:
        """The output file (file outputs only)."""
        if self.output is None:
            raise OutputError("stdout is not a file", path=None)
        return self.output

    def abort(self) -> None:
        """Drop the temporary file after an error (the final name is never touched)."""
        try:
            if self._writer is not None:
                self._writer.close()
            if self._fh is not None and self._fh is not sys.stdout:
                self._fh.close()
        except Exception:  # noqa: BLE001 - already failing; the temporary file goes anyway
            pass
        finally:
            if self._tmp is not None:
                self._tmp.unlink(missing_ok=True)


# ----------------------------------------------------------- part folder
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
    """Write one chunk's mentions as ``part-<index>-<key>.parquet`` (one per partition), each fsynced and atomic.

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
    elif partition_values is None:
        raise ValueError(f"partition_by={partition_by!r} needs partition_values (one per mention)")
    else:
        dirs = partition_values.map(_partition_dir) if len(mentions) else partition_values
        groups = [(f"{partition_by}={d}", frame) for d, frame in mentions.groupby(dirs.to_numpy(), sort=True)]
    for sub, frame in groups:
        folder = root / sub if sub else root
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
        atomic_write(folder / name, lambda fh, table=table: pq.write_table(table, fh))
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
        of a different run, or none at all (a half-removed folder), is discarded
        instead of refused.
    """

    def __init__(self, directory: str | os.PathLike, *, fingerprint: dict[str, Any],
                 partition_by: str | None = None, private: bool = False) -> None:
        self.dir = Path(directory)
        self.partition_by = partition_by
        self.fingerprint = fingerprint
        self.redone = 0  # reused parts that failed their check and were written again
        self._dirty = False
        self._saved_at = time.monotonic()
        manifest_path = self.dir / MANIFEST
        if self.dir.exists() and not self.dir.is_dir():
            raise OutputError(f"output {self.dir} exists and is not a folder", path=self.dir)
        manifest = _read_manifest(manifest_path)
        if manifest is not None and (manifest.get("format") != _FORMAT or manifest.get("fingerprint") != fingerprint):
            if not private:
                old = manifest.get("fingerprint") or {}
                changed = sorted(k for k in set(old) | set(fingerprint) if old.get(k) != fingerprint.get(k))
                raise RegionkitError(
                    f"output folder {self.dir} holds the results of a different run (changed: {', '.join(changed) or 'format'}); "
                    f"delete it or choose another output folder")
            manifest = None  # our own hidden cache of an earlier, different run: start over
            shutil.rmtree(self.dir)
        if manifest is None and self.dir.exists() and any(not p.name.startswith(".") for p in self.dir.iterdir()):
            if not private:
                raise RegionkitError(f"output folder {self.dir} is not empty and has no {MANIFEST}; "
                                     f"choose an empty or new folder")
            shutil.rmtree(self.dir)  # half-removed by a killed clean-up: nothing in it can be trusted
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create output folder {self.dir}: {exc.strerror or exc}", path=self.dir) from None
        self.chunks: dict[str, dict[str, Any]] = (manifest or {}).get("chunks", {})
        self.save(complete=False)

    # manifest ---------------------------------------------------------
    def save(self, *, complete: bool = False) -> None:
        """Write the manifest now (fsynced, atomic)."""
        manifest = {"format": _FORMAT, "fingerprint": self.fingerprint, "complete": complete, "chunks": self.chunks}
        data = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
        atomic_write(self.dir / MANIFEST, lambda fh: fh.write(data))
        self._dirty = False
        self._saved_at = time.monotonic()

    def flush(self) -> None:
        """Save the manifest if chunks were recorded since the last save."""
        if self._dirty:
            self.save(complete=False)

    def done(self, key: str) -> dict[str, int] | None:
        """The stats of a finished chunk whose part files all pass their size and checksum check, else None."""
        rec = self.chunks.get(key)
        if rec is None:
            return None
        checks = rec.get("checks") or {}
        for name in rec["files"]:
            path = self.dir / name
            want = checks.get(name)
            try:
                ok = path.is_file() and (want is None or (path.stat().st_size == want[0] and _sha256(path) == want[1]))
                if ok and want is None:  # a manifest without checks: at least the Parquet footer must read
                    import pyarrow.parquet as pq

                    pq.read_metadata(path)
            except Exception:  # noqa: BLE001 - unreadable: redo it
                ok = False
            if not ok:
                del self.chunks[key]
                self._dirty = True
                self.redone += 1
                return None
        return rec["stats"]

    def write(self, key: str, index: int, mentions: pd.DataFrame, stats: dict[str, int],
              partition_values: pd.Series | None = None) -> None:
        """Write the mentions of chunk ``index`` (atomically, one file per partition) and record it."""
        files = write_part_files(self.dir, key, index, mentions, self.partition_by, partition_values)
        self.record(key, index, files, stats, part_checks(self.dir, files))

    def record(self, key: str, index: int, files: list[str], stats: dict[str, int],
               checks: dict[str, list] | None = None) -> None:
        """Record a chunk whose part files are in place; the manifest is saved about once a second."""
        self.chunks[key] = {"index": index, "files": files, "stats": stats,
                            "checks": checks if checks is not None else part_checks(self.dir, files)}
        self._dirty = True
        if time.monotonic() - self._saved_at >= _SAVE_EVERY:
            self.save(complete=False)

    def finish(self) -> None:
        """Remove temporary files and parts of no recorded chunk, and mark the run complete."""
        keep = {f for rec in self.chunks.values() for f in rec["files"]}
        for path in self.dir.rglob("*"):
            rel = path.relative_to(self.dir).as_posix()
            if path.is_file() and (path.name.endswith(".tmp") or (path.name.startswith("part-") and rel not in keep)):
                path.unlink()
        self.save(complete=True)


def _read_manifest(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # a torn manifest cannot be trusted: treated as none
    return manifest if isinstance(manifest, dict) else None


def parts_dir_for(output: str | os.PathLike) -> Path:
    """The hidden folder of Parquet parts behind a file output (removed once the file is complete)."""
    path = Path(output)
    return path.parent / f".{path.name}.parts"


def _remove_tree(folder: Path) -> None:
    """Remove a folder so that a kill half-way never leaves it looking like a live one (rename, then delete)."""
    if not folder.exists():
        return
    trash = folder.with_name(f"{folder.name}.trash-{uuid.uuid4().hex[:8]}")
    try:
        os.replace(folder, trash)
    except OSError:
        trash = folder
    shutil.rmtree(trash, ignore_errors=True)


def _remove_trash(parent: Path, name: str) -> None:
    for old in parent.glob(f"{name}.trash-*"):  # left by a run killed while cleaning up
        shutil.rmtree(old, ignore_errors=True)


# ----------------------------------------------------------------- sinks
class StdoutSink:
    """CSV on stdout, chunk by chunk (not resumable)."""

    kind = "stdout"

    def __init__(self) -> None:
        self._file = FileSink(None)

    def done(self, key: str) -> dict[str, int] | None:
        """Always None: stdout cannot resume."""
        return None

    def write(self, key: str, index: int, result: Any) -> None:
        """Print the mentions of one block."""
        self._file.write(result.mentions)

    def close(self) -> None:
        """Flush stdout."""
        from regionkit._schema import MENTIONS_META

        self._file.close(MENTIONS_META)

    def abort(self, exc: BaseException | None = None) -> None:
        """Nothing to undo."""
        self._file.abort()


class FolderSink:
    """A folder of Parquet parts (resumable), locked for the run."""

    kind = "folder"

    def __init__(self, output: str | os.PathLike, fingerprint: dict[str, Any], partition_by: str | None,
                 *, private: bool = False) -> None:
        self.output = Path(output)
        self.lock = OutputLock(self.output).acquire()
        try:
            self.store = PartStore(self.output, fingerprint=fingerprint, partition_by=partition_by, private=private)
        except BaseException:
            self.lock.release()
            raise

    @property
    def dir(self) -> Path:
        """The folder the parts are written to (workers write there directly)."""
        return self.store.dir

    @property
    def redone(self) -> int:
        """Reused parts that failed their check and were written again."""
        return self.store.redone

    def done(self, key: str) -> dict[str, int] | None:
        """Stats of a finished, verified block, else None."""
        return self.store.done(key)

    def write(self, key: str, index: int, result: Any) -> None:
        """Write the block's parts (or record those a worker wrote)."""
        if result.files is not None:
            self.store.record(key, index, result.files, result.stats, result.checks)
        else:
            self.store.write(key, index, result.mentions, result.stats, result.partition_values)

    def close(self) -> None:
        """Mark the folder complete and release the lock."""
        try:
            self.store.finish()
        finally:
            self.lock.release()

    def abort(self, exc: BaseException | None = None) -> None:
        """Save what is finished (for a resume) and release the lock."""
        try:
            self.store.flush()
        finally:
            self.lock.release()


class FileOutputSink(FolderSink):
    """One file, built from resumable hidden parts and renamed into place at the end."""

    kind = "file"

    def __init__(self, output: str | os.PathLike, fingerprint: dict[str, Any]) -> None:
        self.final = Path(output)
        if self.final.is_dir():
            raise OutputError(f"cannot write {self.final}: it is a folder", path=self.final)
        parts = parts_dir_for(output)
        self.lock = OutputLock(self.final).acquire()
        try:
            _remove_trash(parts.parent, parts.name)
            self.store = PartStore(parts, fingerprint=fingerprint, private=True)
        except BaseException:
            self.lock.release()
            raise

    def close(self) -> None:
        """Combine the parts in block order into the final file, then drop them."""
        import pandas as pd

        from regionkit._schema import MENTIONS_META

        try:
            self.store.finish()
            final = FileSink(self.final)
            try:
                for rec in sorted(self.store.chunks.values(), key=lambda r: r["index"]):
                    for name in rec["files"]:
                        final.write(pd.read_parquet(self.store.dir / name))
                final.close(MENTIONS_META)
            except OSError as exc:
                final.abort()
                raise OutputError(f"cannot write {self.final}: {exc.strerror or exc}", path=self.final) from None
            except BaseException:
                final.abort()
                raise
            _remove_tree(self.store.dir)
        finally:
            self.lock.release()

    def abort(self, exc: BaseException | None = None) -> None:
        """Keep finished parts for a resume; remove the hidden folder when there is nothing to resume."""
        try:
            bad_input = isinstance(exc, RegionkitError) and not isinstance(exc, IncompleteOutputError)
            if not self.store.chunks or bad_input:
                _remove_tree(self.store.dir)  # bad input or output: the next run starts over anyway
            else:
                self.store.flush()
        finally:
            self.lock.release()


def open_sink(output: str | os.PathLike | None, fingerprint: dict[str, Any],
              partition_by: str | None = None) -> StdoutSink | FolderSink | FileOutputSink:
    """Return the sink for ``output`` (stdout, a file or a folder), locked when it is a path."""
    kind = output_kind(output, partition_by)
    if kind == "stdout" or output is None:
        return StdoutSink()
    if kind == "file":
        return FileOutputSink(output, fingerprint)
    return FolderSink(output, fingerprint, partition_by)

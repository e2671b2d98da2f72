"""Atomic, fsynced writes and spreadsheet-safe CSV (used by every output of :mod:`regionkit.outputs`)."""

from __future__ import annotations

import hashlib
import os
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regionkit._errors import OutputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["csv_safe", "atomic_write", "part_checks", "write_table", "save_figure"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------- helpers
def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with text cells that a spreadsheet would run as a formula prefixed by ``'``.

    Cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (OWASP "CSV injection"). Only for CSV output: the apostrophe is visible to
    programs that read the file back, which is the price of opening it safely in
    Excel or LibreOffice.
    """
    out = None
    for col in frame.columns:
        series = frame[col]
        if not (series.dtype == object or str(series.dtype).startswith("string")):
            continue
        text = series.astype("string")
        risky = text.str.startswith(_FORMULA_START).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            out = frame.copy() if out is None else out
            fixed = text.copy()
            fixed[risky] = "'" + text[risky]
            out[col] = fixed.astype(series.dtype) if series.dtype != object else fixed.astype(object)
    return frame if out is None else out


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike, write: Any, *, mode: str = "wb", **open_kwargs: Any) -> Path:
    """Write a file through ``write(fh)`` into a temporary name, fsync it, and rename it into place.

    On any error the temporary file is removed and the final name is untouched;
    an ``OSError`` (permission, full disk, a folder in the way) becomes one
    :class:`regionkit.OutputError` naming the path.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder (give a file name)", path=path)
    if not path.parent.exists():
        raise OutputError(f"cannot write {path}: folder {path.parent} does not exist", path=path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, mode, **open_kwargs) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}", path=path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def part_checks(directory: str | os.PathLike, files: list[str]) -> dict[str, list]:
    """``{file: [size, sha256]}`` for part files relative to ``directory`` (what a resume verifies)."""
    root = Path(directory)
    return {f: [(root / f).stat().st_size, _sha256(root / f)] for f in files}


# ------------------------------------------------------- whole tables
def write_table(frame: pd.DataFrame, path: str | os.PathLike | None) -> Path | None:
    """Write a whole table atomically as ``.csv`` (spreadsheet-safe), ``.parquet`` or ``.jsonl``; None: CSV on stdout.

    The file appears complete under its name or not at all (temporary file,
    fsync, rename); a full disk, a folder in the way or a missing parent folder
    raise one :class:`regionkit.OutputError` naming the path.
    """
    if path is None or str(path) == "-":
        csv_safe(frame).to_csv(sys.stdout, index=False)
        return None
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        atomic_write(path, lambda fh: csv_safe(frame).to_csv(fh, index=False), mode="w", encoding="utf-8", newline="")
    elif suffix == ".parquet":
        atomic_write(path, lambda fh: frame.to_parquet(fh, index=False))
    elif suffix == ".jsonl":
        atomic_write(path, lambda fh: frame.to_json(fh, orient="records", lines=True, force_ascii=False,
                                                     date_format="iso"), mode="w", encoding="utf-8")
    elif suffix == ".txt":
        atomic_write(path, lambda fh: fh.write(str(frame)), mode="w", encoding="utf-8")
    else:
        raise OutputError(f"unknown output type {path.suffix!r} for {path}; use .csv, .parquet or .jsonl", path=path)
    return path


def save_figure(save: Any, ax: Any, path: str | os.PathLike, **kwargs: Any) -> Path:
    """Run ``save(ax, tmp, **kwargs)`` on a temporary file with the same suffix, then rename it to ``path``."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder (give a file name)", path=path)
    if not path.parent.exists():
        raise OutputError(f"cannot write {path}: folder {path.parent} does not exist", path=path)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    try:
        save(ax, tmp, **kwargs)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}", path=path) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path

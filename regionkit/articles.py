"""Reading articles: folders of .txt/.md, CSV, JSON Lines, Parquet, or a DataFrame -> one tidy table.

Every article gets a stable ``article_id``: the record's own id when the file has
one (``id``/``article_id`` column), else a hash of the file path relative to the
folder read (for text files) or of the text itself. Ids never depend on row
order, so adding files does not renumber the others.

Every input article is accounted for: ids must be present and unique (or, with
``on_bad_ids="keep"``, bad ones are counted); a file inside a folder that cannot
be read is skipped and counted with its reason (``on_error="raise"``, CLI
``--strict``, stops instead); a file named explicitly always stops the read with
an error naming it. Symbolic links that lead out of the folder or glob root are
not followed unless ``follow_symlinks=True`` (counted as skipped).

:func:`block_specs` and :func:`read_block` split inputs into independent blocks
and read one block with the same readers (the Dask driver uses them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from regionkit._blocks import DEFAULT_BLOCKSIZE, block_specs, parse_size, read_block
from regionkit._errors import RegionkitError
from regionkit._readers import (_ID_COLUMNS, SUPPORTED_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, IdCheck, ReadReport,
                                _finish, _normalise_table, _read_text_file, _relative, _table_chunks, expand_paths)
from regionkit._schema import ARTICLES_META

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_articles", "iter_articles", "expand_paths", "block_specs", "read_block", "parse_size",
           "ARTICLES_META", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "TABLE_SUFFIXES", "DEFAULT_BLOCKSIZE",
           "ReadReport"]


def _check_chunksize(chunksize: Any, *, allow_none: bool = False) -> None:
    if chunksize is None and allow_none:
        return
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise RegionkitError(f"chunksize must be a positive integer{' or None' if allow_none else ''}, "
                             f"not {chunksize!r}")


def _explicit(paths: Any) -> set[str]:
    """The files named directly (not found in a folder or by a glob): an error in one of them always stops."""
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths or [])
    return {str(Path(p)) for p in items if isinstance(p, (str, os.PathLike)) and not any(c in str(p) for c in "*?[")
            and not Path(p).is_dir()}


def iter_articles(
    paths: Any,
    *,
    chunksize: int = 10_000,
    text_column: str = "text",
    id_column: str | None = None,
    encoding_errors: str = "strict",
    report: ReadReport | None = None,
    follow_symlinks: bool = False,
    on_error: str = "skip",
    on_bad_ids: str = "raise",
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
    follow_symlinks
        Read symbolic links that lead outside the folder or glob root (default:
        skip them and count them in ``report.skipped``).
    on_error
        ``"skip"`` (default): a file found in a folder or by a glob that cannot be
        read (empty, truncated, malformed) is skipped and listed in
        ``report.skipped`` with the reason; ``"raise"`` stops at it. A file named
        directly always raises.
    on_bad_ids
        ``"raise"`` (default): missing, empty, NaN or duplicate ids stop the read
        with a :class:`regionkit.DuplicateIdError` giving the count and the first
        ids; ``"keep"``: keep going (missing ids become content hashes) and count
        them in ``report.bad_ids``.

    Yields
    ------
    pandas.DataFrame
        Chunks with the columns of :data:`ARTICLES_META` (plus any extra columns of the input).
    """
    if encoding_errors not in {"strict", "replace"}:
        raise RegionkitError(f"encoding_errors must be 'strict' or 'replace', not {encoding_errors!r}")
    if on_error not in {"skip", "raise"}:
        raise RegionkitError(f"on_error must be 'skip' or 'raise', not {on_error!r}")
    _check_chunksize(chunksize)
    report = report if report is not None else ReadReport()
    ids = IdCheck(on_bad_ids)
    report.bad_ids = ids
    explicit = _explicit(paths)
    files = expand_paths(paths, follow_symlinks=follow_symlinks, skipped=report.skipped)
    for chunk in _read_files(files, chunksize, text_column, id_column, encoding_errors, report, on_error, explicit):
        yield ids.check(chunk, chunk["path"].iloc[0] if len(chunk) and chunk["path"].notna().iloc[0] else "input")


def _read_files(files: list[tuple[Path, Path]], chunksize: int, text_column: str, id_column: str | None,
                encoding_errors: str, report: ReadReport, on_error: str, explicit: set[str]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    pending: list[dict[str, Any]] = []
    for path, base in files:
        report.files += 1
        try:
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
                table = _finish(_normalise_table(chunk, str(path), text_column, id_column, seen, key))
                row += len(chunk)
                report.articles += len(table)
                yield table
            if row == 0:
                report.skipped.append((str(path), "no records"))
        except (RegionkitError, OSError) as exc:
            if on_error == "raise" or str(path) in explicit:
                if isinstance(exc, OSError):
                    from regionkit._errors import InputFileError

                    raise InputFileError(f"{path}: {exc.strerror or exc}", path=path) from None
                raise
            why = str(exc).replace(f"{path}: ", "").replace(f"{path}, ", "") if isinstance(exc, RegionkitError) \
                else (exc.strerror or str(exc)).lower()
            report.skipped.append((str(path), why if not row else f"{why}; after {row:,} records"))
    if pending:
        report.articles += len(pending)
        yield _finish(pd.DataFrame(pending))


@overload
def read_articles(source: Any, *, text_column: str = ..., id_column: str | None = ..., chunksize: None = None,
                  encoding_errors: str = ..., **options: Any) -> pd.DataFrame: ...


@overload
def read_articles(source: Any, *, text_column: str = ..., id_column: str | None = ..., chunksize: int,
                  encoding_errors: str = ..., **options: Any) -> Iterator[pd.DataFrame]: ...


def read_articles(
    source: Any,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    chunksize: int | None = None,
    encoding_errors: str = "strict",
    **options: Any,
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
    **options
        ``follow_symlinks``, ``on_error``, ``on_bad_ids``: see :func:`iter_articles`
        (``on_bad_ids`` applies to a DataFrame too).

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

    _check_chunksize(chunksize, allow_none=True)
    if isinstance(source, pd.DataFrame):
        unknown = set(options) - {"on_bad_ids"}
        if unknown:
            raise RegionkitError(f"read_articles(DataFrame) takes no {', '.join(sorted(unknown))}")
        table = _normalise_table(source.reset_index(drop=True), None, text_column, id_column)
        if id_column is None and not any(c in source.columns for c in _ID_COLUMNS):
            table["article_id"] = [str(i) for i in source.index]
        return IdCheck(options.get("on_bad_ids", "raise")).check(_finish(table), "the DataFrame")
    if source is None:
        raise RegionkitError("read_articles() needs a source: a file, folder, glob, list of them, or a DataFrame; got None")
    chunks = iter_articles(source, chunksize=chunksize or 50_000, text_column=text_column,
                           id_column=id_column, encoding_errors=encoding_errors, **options)
    if chunksize is not None:
        return chunks
    frames = list(chunks)
    if not frames:
        return ARTICLES_META.copy()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]

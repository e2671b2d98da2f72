"""``regionkit extract PATH... [-o FILE|FOLDER] [--text-column C] [--sections body] ...``.

Reads articles (folders of .txt/.md, CSV, JSON Lines, Parquet; see
``rk.read_articles``), finds every country mention and writes one row per
mention. The output type follows ``-o``: ``.csv``, ``.parquet`` or ``.jsonl`` for
one file, a folder for a resumable Parquet dataset (optionally partitioned by
month or source), CSV on stdout when ``-o`` is missing.

The corpus streams through in chunks (memory stays flat); with ``--workers N``
or ``--scheduler ADDRESS`` the work runs on Dask (``pip install "regionkit[dask]"``).
A summary line on stderr says how many articles were read, how many had no
mention and how many were skipped, and why.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["register", "run"]


def _size(value: str) -> str:
    import re

    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*", value, re.IGNORECASE):
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (use e.g. 16MB, 512KB, 1GB)")
    return value


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``extract`` subcommand to the ``regionkit`` parser."""
    parser = subparsers.add_parser(
        "extract",
        help="one row per country mention in the articles",
        description=(
            "Find every country (and group, organisation, historical state) the articles refer to, "
            "one row per mention with offsets, sentence number and section."
        ),
        epilog=(
            "examples:\n"
            "  regionkit extract data/articles -o mentions.parquet\n"
            "  regionkit extract news/ --sections body -o out/mentions --partition-by month   # resumable\n"
            "  regionkit extract big.jsonl -o out/mentions --workers 2                       # local Dask\n"
            "  regionkit extract big.jsonl -o out/mentions --scheduler tcp://10.0.0.5:8786     # your cluster"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files, folders or globs (.txt, .md, .csv, .jsonl, .ndjson, .json, .parquet)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="output .csv, .parquet or .jsonl file, or a folder of Parquet parts; both resume "
                             "after a crash (default: CSV on stdout)")
    parser.add_argument("--text-column", default="text", metavar="C", help="text column of tables (default: text)")
    parser.add_argument("--id-column", default=None, metavar="C",
                        help="id column of tables (default: article_id, id, doc_id or uid if present, else a hash)")
    parser.add_argument("--sections", default=None, metavar="LIST",
                        help="comma-separated sections to keep: body, boilerplate (default: both)")
    parser.add_argument("--replace-undecodable", action="store_true",
                        help="decode bytes that are not UTF-8 with U+FFFD instead of stopping with an error")
    parser.add_argument("--chunksize", type=int, default=2_000, metavar="N",
                        help="articles per chunk / output part (default: 2000); memory grows with it, not the corpus")
    parser.add_argument("--partition-by", choices=("month", "source"), default=None,
                        help="folder output partitioned by the article's month or source (Hive layout)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="run on a local Dask cluster with N worker processes (needs regionkit[dask])")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (needs regionkit[dask])")
    parser.add_argument("--blocksize", type=_size, default="4MB", metavar="SIZE",
                        help="with Dask: input bytes per task and output part (default: 4MB)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar (it is off anyway when stderr is not a terminal)")
    parser.add_argument("--gazetteer", default=None, metavar="FOLDER",
                        help="use the gazetteer tables in FOLDER (written by rk.Gazetteer.to_disk) instead of the shipped ones")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="also read symbolic links that lead outside the input folder or glob root "
                             "(default: skip them and count them in the summary)")
    parser.add_argument("--strict", action="store_true",
                        help="stop at the first file in a folder that cannot be read (default: skip it and count it)")
    parser.add_argument("--keep-bad-ids", action="store_true",
                        help="keep going when article ids are missing or duplicated (missing ones become content "
                             "hashes; both are counted in the summary); default: stop with an error")
    parser.set_defaults(run=run)
    return parser


def _sections(value: str | None) -> tuple[str, ...] | None:
    from regionkit._schema import SECTIONS
    from regionkit._errors import UsageError

    if value is None:
        return None
    items = tuple(s.strip() for s in value.split(",") if s.strip())
    bad = [s for s in items if s not in SECTIONS]
    if bad or not items:
        raise UsageError(f"unknown section(s) {', '.join(bad) or repr(value)}; use {' and/or '.join(SECTIONS)}")
    return items


def run(args: argparse.Namespace) -> int:
    """Run ``regionkit extract``; returns the exit status."""
    from regionkit._errors import OutputError
    from regionkit._errors import UsageError
    from regionkit.stream import output_kind, stream_mentions

    sections = _sections(args.sections)
    if args.chunksize < 1:
        raise UsageError(f"--chunksize must be a positive integer, not {args.chunksize}")
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be a positive integer, not {args.workers}")
    if args.workers is not None and args.scheduler:
        raise UsageError("give either --workers (a local cluster) or --scheduler (an existing one), not both")
    output_kind(args.output, args.partition_by)  # validate before any work
    progress = False if args.no_progress else None
    gazetteer = None
    if args.gazetteer is not None:
        from regionkit.gazetteer import Gazetteer

        gazetteer = Gazetteer.from_disk(args.gazetteer)  # a bad folder fails here, before any work
    options = dict(
        gazetteer=gazetteer,
        text_column=args.text_column,
        id_column=args.id_column,
        encoding_errors="replace" if args.replace_undecodable else "strict",
        sections=sections,
        partition_by=args.partition_by,
        progress=progress,
    )
    if not (args.workers is not None or args.scheduler):
        options["follow_symlinks"] = args.follow_symlinks
    try:
        if args.workers is not None or args.scheduler:
            try:
                from regionkit.dask import extract_to
            except ImportError as exc:  # the extra is missing
                raise UsageError(f"--workers/--scheduler need Dask: pip install 'regionkit[dask]' ({exc})") from None
            summary = extract_to(args.paths, args.output, workers=args.workers, scheduler=args.scheduler,
                                 blocksize=args.blocksize, follow_symlinks=args.follow_symlinks, **options)
        else:
                summary = stream_mentions(args.paths, args.output, chunksize=args.chunksize,
                                      on_error="raise" if args.strict else "skip",
                                      on_bad_ids="keep" if args.keep_bad_ids else "raise", **options)
    except BrokenPipeError:
        raise
    except OSError as exc:  # unwritable output, full disk, unreachable scheduler: one line, not a traceback
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        raise OutputError(f"{where}{exc.strerror or exc or type(exc).__name__}") from None
    print(f"regionkit extract: {summary.line()}", file=sys.stderr)
    return 0

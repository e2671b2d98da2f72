"""``regionkit ties PATH... [-o ties.csv] [--include co_mention] [--directed] [--table] ...``.

Reads articles (files, folders, JSONL ... whatever ``rk.read_articles`` reads),
reads the ties the text states with :func:`regionkit.extract_ties` and writes
them (or, with ``--table`` or ``--directed``, the pair counts of
:func:`regionkit.tie_table`) as CSV, Parquet or JSONL chosen by the output
suffix; CSV on stdout without ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run"]

_SUFFIXES = (".csv", ".parquet", ".jsonl")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``ties`` subcommand to the ``regionkit`` parser."""
    parser = subparsers.add_parser(
        "ties",
        help="ties the text states between countries (who did what with whom)",
        description=(
            "Read the ties between countries that the text states: the parties are the arguments of a "
            "relation cue (not every country in the sentence), with relation, direction, status "
            "(stated, planned, conditional, negated, reported_denied) and the sentence as evidence."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (as rk.read_articles reads)")
    parser.add_argument("-o", "--output", metavar="FILE", help="output .csv, .parquet or .jsonl (default: CSV on stdout)")
    parser.add_argument("--include", action="append", default=[], metavar="KIND",
                        help="also give pairs that are not ties: co_mention, co_member (repeat or comma-separate)")
    parser.add_argument("--directed", action="store_true",
                        help="write source -> target counts (rk.tie_table(..., directed=True))")
    parser.add_argument("--unit", choices=("sentence", "paragraph"), default="sentence",
                        help="window of co_mention pairs (default: sentence)")
    parser.add_argument("--sections", default="body", metavar="LIST",
                        help="comma-separated sections to use: body, boilerplate (default: body)")
    parser.add_argument("--expand-groups", action="store_true",
                        help="also link the members of group mentions (Central Asia, ...) as of the article date")
    parser.add_argument("--table", action="store_true", help="write pair weights (rk.tie_table) instead of sentence rows")
    parser.add_argument("--gazetteer", default=None, metavar="FOLDER",
                        help="use the gazetteer tables in FOLDER (written by rk.Gazetteer.to_disk) instead of the shipped ones")
    parser.set_defaults(run=run)
    return parser


def _write(frame, output: str | None) -> None:
    """Write atomically (CSV cells that a spreadsheet would run as formulas are quoted); stdout when None."""
    from regionkit.outputs import write_table

    if output is not None and Path(output).suffix.lower() not in _SUFFIXES:
        from regionkit._errors import UsageError

        raise UsageError(f"unknown output suffix {Path(output).suffix!r} for {output}; use one of {', '.join(_SUFFIXES)}")
    write_table(frame, output)


def run(args: argparse.Namespace) -> int:
    """Run ``regionkit ties``; returns the exit status."""
    import pandas as pd

    import regionkit as rk
    from regionkit._errors import UsageError

    if args.output and Path(args.output).suffix.lower() not in _SUFFIXES:
        raise UsageError(f"unknown output suffix {Path(args.output).suffix!r}; use one of {', '.join(_SUFFIXES)}")
    sections = tuple(s.strip() for s in args.sections.split(",") if s.strip())
    include = tuple(k.strip() for item in args.include for k in item.split(",") if k.strip())
    valid = ("co_mention", "co_member")
    bad = [k for k in include if k not in valid]
    if bad:
        raise UsageError(f"unknown --include {', '.join(map(repr, bad))}; use one of {', '.join(valid)}")
    gazetteer = None if args.gazetteer is None else rk.Gazetteer.from_disk(args.gazetteer)  # fails before any work
    frames = []
    for p in args.paths:
        if not Path(p).exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
        frames.append(rk.read_articles(p))
    articles = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    ties = rk.extract_ties(articles, include=include, unit=args.unit, sections=sections,
                           expand_groups=args.expand_groups, gazetteer=gazetteer)
    if args.table or args.directed:
        relations = None if not include else (*rk.ties.CUE_RELATIONS, *include)
        out = rk.tie_table(ties, relations=relations, directed=args.directed)
    else:
        out = ties
    _write(out, args.output)
    what = "pairs" if (args.table or args.directed) else "tie rows"
    print(f"regionkit ties: {len(articles)} articles, {len(out)} {what}", file=sys.stderr)
    return 0

"""``regionkit map MENTIONS_OR_COUNTS -o OUT.(png|svg|pdf) [--frame] [--highlight] [--value] [--as-of]``.

Reads a mentions table (the output of ``regionkit extract``: has ``surface``
and ``kind`` columns; counted with ``rk.country_counts``) or a counts table
(``iso3`` or ``country`` plus a numeric column) from CSV, Parquet or JSONL, and
draws a choropleth with :func:`regionkit.plot.choropleth`, saved with
:func:`regionkit.plot.save`. ``--groups`` draws a group-membership map instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register", "run"]

_READERS = (".csv", ".parquet", ".jsonl", ".json")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``map`` subcommand to the ``regionkit`` parser."""
    parser = subparsers.add_parser(
        "map",
        help="draw a map of country mentions or counts (PNG, SVG, PDF)",
        description=(
            "Draw a choropleth of how often countries are mentioned (from a mentions table) or of any "
            "per-country value (from a counts table), or with --groups a map of group membership."
        ),
    )
    parser.add_argument("input", nargs="?", metavar="MENTIONS_OR_COUNTS", help="mentions or counts as .csv, .parquet or .jsonl")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="output file: .png, .svg or .pdf")
    parser.add_argument("--frame", default="focus",
                        help="world, focus, caucasus, central_asia, middle_east, or LON_MIN,LAT_MIN,LON_MAX,LAT_MAX")
    parser.add_argument("--highlight", default=None, metavar="LIST",
                        help="comma-separated group ids or countries to outline (e.g. central_asia,south_caucasus)")
    parser.add_argument("--value", default=None, metavar="COLUMN",
                        help="column to map (default: articles, else mentions, else the only numeric column)")
    parser.add_argument("--scheme", default=None, help="mapclassify scheme: fisher_jenks, quantiles, equal_interval, ...")
    parser.add_argument("--as-of", default=None, metavar="DATE", help="date for group membership (default: today)")
    parser.add_argument("--groups", default=None, metavar="LIST",
                        help="draw group membership instead of values (e.g. south_caucasus,central_asia,abraham_accords)")
    parser.add_argument("--preset", default=None, help="paper-single, paper-double or slide")
    parser.add_argument("--dpi", type=float, default=None, help="PNG resolution (default 300, or the preset's)")
    parser.add_argument("--source", default=None, metavar="TEXT", help="data source for the credit line")
    parser.add_argument("--sections", default="body", metavar="LIST",
                        help="sections that count when input is mentions: body, boilerplate (default: body)")
    parser.set_defaults(run=run)
    return parser


def _read(path: Path):
    import pandas as pd

    suffix = path.suffix.lower()
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in (".jsonl", ".json"):
        return pd.read_json(path, lines=suffix == ".jsonl")
    raise ValueError(f"cannot read {path.name!r}: use a {', '.join(_READERS)} file")


def _frame(text: str):
    from regionkit.plot.maps import FRAMES

    if text in FRAMES:
        return text
    parts = text.split(",")
    if len(parts) == 4:
        try:
            return tuple(float(p) for p in parts)
        except ValueError:
            pass
    raise ValueError(f"unknown frame {text!r}; valid frames: {', '.join(FRAMES)}, or LON_MIN,LAT_MIN,LON_MAX,LAT_MAX")


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def run(args: argparse.Namespace) -> int:
    """Run ``regionkit map``; return the exit status."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from regionkit.outputs import save_figure
    from regionkit.plot import choropleth, groups_map, save

    out = Path(args.output)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ValueError(f"cannot write {out.name!r}: the output must end in .png, .svg or .pdf")
    if out.is_dir() or not out.parent.exists():  # fail before the (slow) drawing
        from regionkit._errors import OutputError

        why = "it is a folder" if out.is_dir() else f"folder {out.parent} does not exist"
        raise OutputError(f"cannot write {out}: {why}")
    frame = _frame(args.frame)
    if args.groups:
        ax = groups_map(as_of=args.as_of, groups=_split(args.groups), frame=frame)
    else:
        if not args.input:
            raise ValueError("give a mentions or counts file to map (or --groups LIST for a membership map)")
        table = _read(Path(args.input))
        if {"surface", "kind", "article_id"} <= set(table.columns):
            import regionkit as rk

            sections = tuple(_split(args.sections)) or None
            mentions = table.astype({c: "string" for c in ("article_id", "iso3", "country", "kind", "section") if c in table})
            table = rk.country_counts(mentions, by="country", sections=sections)
            print(f"regionkit map: {len(table)} countries mentioned", file=sys.stderr)
        elif not ({"iso3", "country"} & set(table.columns)):
            raise ValueError(
                f"{Path(args.input).name}: need an 'iso3' or 'country' column (a counts table) or a mentions table "
                f"(article_id, surface, kind, iso3 ...); columns found: {', '.join(map(str, table.columns))}"
            )
        ax = choropleth(table, value=args.value, frame=frame, highlight=_split(args.highlight) or None,
                        scheme=args.scheme, as_of=args.as_of)  # fmt: skip
    path = save_figure(save, ax, out, preset=args.preset, dpi=args.dpi, data_source=args.source)  # atomic
    plt.close(ax.get_figure(root=True))
    print(f"regionkit map: wrote {path}", file=sys.stderr)
    return 0

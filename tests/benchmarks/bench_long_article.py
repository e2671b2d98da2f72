"""Time of rk.extract_mentions on ONE long article: the cost must grow linearly with its length.

Run from the repository root (not collected by pytest)::

    python tests/benchmarks/bench_long_article.py            # 1, 4, 16 MB
    python tests/benchmarks/bench_long_article.py 1 2 4 8 16 32
    python tests/benchmarks/bench_long_article.py --one-line   # newlines replaced by spaces

The article is the seed page (data/articles/000_882ee92918b85e76.txt: a Reuters story
with its scraping noise) repeated to the size, as one string. Printed per size: CPU seconds
(best of ``--repeat``), MB/s, mentions, and the time per MB relative to the smallest size
(1.0 means linear; a quadratic scan doubles it with every doubling of the size).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "000_882ee92918b85e76.txt"


def long_article(megabytes: float, one_line: bool = False) -> str:
    """The seed page repeated to ``megabytes`` MiB of characters (as one line when ``one_line``)."""
    seed = SEED.read_text(encoding="utf-8")
    if one_line:
        seed = seed.replace("\n", " ")
    size = int(megabytes * 2**20)
    return (seed * (size // len(seed) + 1))[:size]


def main() -> None:
    import regionkit as rk

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 4, 16], help="sizes in MB (default: 1 4 16)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best is printed")
    parser.add_argument("--one-line", action="store_true", help="replace newlines by spaces (one huge line)")
    args = parser.parse_args()
    rk.extract_mentions("Iran and Iraq")  # build the gazetteer outside the timing
    base = None
    print(f"{'MB':>6} {'seconds':>8} {'MB/s':>6} {'mentions':>9} {'s/MB vs first':>14}")
    for mb in args.sizes:
        text = long_article(mb, args.one_line)
        best, rows = float("inf"), 0
        for _ in range(args.repeat):
            t = time.process_time()  # CPU time of this process: other jobs on the machine do not count
            rows = len(rk.extract_mentions(text))
            best = min(best, time.process_time() - t)
        per_mb = best / mb
        base = base or per_mb
        print(f"{mb:>6g} {best:>8.2f} {mb / best:>6.1f} {rows:>9,} {per_mb / base:>14.2f}", flush=True)


if __name__ == "__main__":
    main()

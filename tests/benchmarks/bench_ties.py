"""Speed of ``rk.extract_ties`` from a mentions table, beside the mention speed.

Run from the repository root::

    PYTHONPATH=$PWD python tests/benchmarks/bench_ties.py [--mb 5]

Builds the dense benchmark corpus of ``_corpus.py`` (sentences of the bundled
demo texts shuffled into articles: much denser in country names than general
news), extracts mentions once, then times ``extract_ties(mentions,
articles=...)``. Prints MB of article text per second (wall and CPU time of
this process) for mentions and for ties. Target: ties >= 1 MB/s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def main(argv: list[str] | None = None) -> int:
    import regionkit as rk
    from _corpus import frame

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of text (default 5)")
    args = ap.parse_args(argv)
    arts = frame(int(args.mb * 1_000_000))
    mb = arts["text"].str.len().sum() / 1_000_000  # characters ~ bytes for this corpus
    rk.extract_ties("Armenia and Azerbaijan signed a peace deal.")  # warm the caches (cue table, leaders)
    mentions, mw, mc = _timed(lambda: rk.extract_mentions(arts))
    ties, tw, tc = _timed(lambda: rk.extract_ties(mentions, articles=arts))
    print(f"dense benchmark corpus: {len(arts)} articles, {mb:.1f} MB, {len(mentions) / mb / 1000:.1f} mentions per KB")
    print(f"{'step':<10} {'wall s':>7} {'CPU s':>7} {'MB/s':>7} {'MB/s CPU':>9} {'rows':>8}")
    for name, w, c, n in (("mentions", mw, mc, len(mentions)), ("ties", tw, tc, len(ties))):
        print(f"{name:<10} {w:7.2f} {c:7.2f} {mb / w:7.2f} {mb / c:9.2f} {n:8d}")
    verdict = "OK" if mb / tc >= 1.0 else "BELOW TARGET"
    print(f"target: ties >= 1 MB/s from a mentions table: {verdict} ({mb / tc:.2f} MB/s of CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

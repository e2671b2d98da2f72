"""Throughput of rk.extract_mentions next to flashtext, a raw pyahocorasick scan and country_converter's regexes.

Run from the repository root (not collected by pytest)::

    python tests/benchmarks/bench_extract.py                 # 10 MB and 50 MB
    python tests/benchmarks/bench_extract.py --sizes 10,100,1000
    python tests/benchmarks/bench_extract.py --coco-python /tmp/coco-venv/bin/python

Every measurement runs in a fresh process (one core) on a deterministic corpus
built from the real texts in data/articles (see _corpus.py). Printed per size and
method: MB/s, articles/s, hits and the peak extra memory (resident set size
sampled every 5 ms during the run, minus the size before the run, i.e. on top
of the corpus already in memory).

- regionkit compiled / pure-python: ``rk.extract_mentions(DataFrame)`` - every rule, sentences, sections -
  with the Cython kernel, and with ``REGIONKIT_PURE_PYTHON=1`` (the numpy path).
- ahocorasick_rs raw: the same folded keys, leftmost-longest ``find_matches_as_indexes`` over ``t.lower()``.
- flashtext2: its ``KeywordProcessor`` with the same surface forms, ``extract_keywords_with_span``.
- flashtext: ``KeywordProcessor`` loaded with the same surface forms
  (``regionkit.gazetteer.gazetteer().table``), ``extract_keywords(span_info=True)``.
- pyahocorasick raw: the same folded keys in an automaton, ``iter()`` over the
  lower-cased text, no boundary check, no rules (the floor for any scan in Python).
- country_converter: its regex table (``country_data.tsv`` read with
  ``keep_default_na=False`` because coco 1.3.2 cannot load it under pandas 3),
  ``re.search`` of every pattern on every article - the way coco matches a name.
  It is slow on prose (~0.03 MB/s), so it runs on a small sample and the MB/s is
  extrapolated (printed as such).

Then ``rk.normalize`` on a 1,000,000-row Series with 10,000 distinct values against
country_converter's ``pandas_convert`` (real coco in another interpreter with
pandas<3 when ``--coco-python`` is given, else the same algorithm - unique()
then the regex table, then map - on coco's own table in this process).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import _corpus  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "regionkit-bench"
METHODS = ("regionkit compiled", "regionkit pure-python", "pyahocorasick raw", "ahocorasick_rs raw", "flashtext",
           "flashtext2", "country_converter regex")
CORPORA = ("dense", "news")


# -------------------------------------------------------------- measuring
class PeakRSS:
    """Sample this process's resident set size in a thread; ``peak`` is the maximum seen."""

    def __init__(self, interval: float = 0.005) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.base = self.peak = self.proc.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            time.sleep(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.proc.memory_info().rss)


def coco_table():
    """country_converter's regex table, read as PITFALLS.md says (keep_default_na=False)."""
    import country_converter
    import pandas as pd

    path = Path(country_converter.__file__).parent / "country_data.tsv"
    data = pd.read_csv(path, sep="\t", encoding="utf-8", keep_default_na=False)
    return [(re.compile(rx, re.IGNORECASE), iso3) for rx, iso3 in zip(data["regex"], data["ISO3"])]


def corpus_path(mb: int, corpus: str = "dense") -> Path:
    path = CACHE / (f"corpus-{mb}MB.parquet" if corpus == "dense" else f"{corpus}-{mb}MB.parquet")
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        make = _corpus.frame if corpus == "dense" else _corpus.news_frame
        make(mb * 10**6).to_parquet(path, index=False)
    return path


def measure(method: str, mb: int, sample_kb: int, corpus: str = "dense") -> dict:
    """Child process: load the corpus, prepare the method (untimed), then time one pass over the texts."""
    if method == "regionkit pure-python":
        os.environ["REGIONKIT_PURE_PYTHON"] = "1"
    import pandas as pd

    import regionkit as rk
    from regionkit.gazetteer import fold, gazetteer

    df = pd.read_parquet(corpus_path(mb, corpus))
    t0 = time.perf_counter()
    gaz = gazetteer()
    _ = gaz.automaton
    setup = time.perf_counter() - t0
    texts = df["text"].tolist()
    extrapolated = False
    if method.startswith("regionkit"):
        from regionkit._scan_kernel import active_path

        want = method.split()[1]
        if active_path() != want:
            return {"method": method, "skipped": f"{want} path not available (active: {active_path()})"}
        rk.extract_mentions(df.head(3))  # warm caches (regex compilation, imports)

        def run():
            return len(rk.extract_mentions(df))
    elif method == "ahocorasick_rs raw":
        import ahocorasick_rs

        t0 = time.perf_counter()
        ac = ahocorasick_rs.AhoCorasick(sorted({fold(s) for s in gaz.table["surface"]}),
                                        matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
                                        implementation=ahocorasick_rs.Implementation.DFA)
        setup = time.perf_counter() - t0

        def run():
            return sum(len(ac.find_matches_as_indexes(t.lower())) for t in texts)
    elif method == "flashtext2":
        from flashtext2 import KeywordProcessor as KP2

        t0 = time.perf_counter()
        kp2 = KP2(case_sensitive=False)
        for surface, iso3, kind in zip(gaz.table["surface"], gaz.table["iso3"], gaz.table["kind"]):
            kp2.add_keyword(surface, iso3 or kind)
        setup = time.perf_counter() - t0

        def run():
            return sum(len(kp2.extract_keywords_with_span(t)) for t in texts)
    elif method == "flashtext":
        from flashtext import KeywordProcessor

        t0 = time.perf_counter()
        kp = KeywordProcessor(case_sensitive=False)
        for surface, iso3, kind in zip(gaz.table["surface"], gaz.table["iso3"], gaz.table["kind"]):
            kp.add_keyword(surface, iso3 or kind)
        setup = time.perf_counter() - t0

        def run():
            return sum(len(kp.extract_keywords(t, span_info=True)) for t in texts)
    elif method == "pyahocorasick raw":
        import ahocorasick

        t0 = time.perf_counter()
        auto = ahocorasick.Automaton()
        for surface in set(gaz.table["surface"]):
            key = fold(surface)
            auto.add_word(key, key)
        auto.make_automaton()
        setup = time.perf_counter() - t0

        def run():
            n = 0
            for t in texts:
                for _ in auto.iter(t.lower()):
                    n += 1
            return n
    else:
        t0 = time.perf_counter()
        table = coco_table()
        setup = time.perf_counter() - t0
        sample, size = [], 0
        for t in texts:
            if size >= sample_kb * 1000:
                break
            sample.append(t)
            size += len(t.encode("utf-8"))
        texts_run, extrapolated = sample, True

        def run():
            return sum(1 for t in texts_run for rx, _ in table if rx.search(t))
    run_texts = texts_run if method == "country_converter regex" else texts
    nbytes = sum(len(t.encode("utf-8")) for t in run_texts)
    with PeakRSS() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        hits = run()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"method": method, "mb": nbytes / 1e6, "articles": len(run_texts), "seconds": seconds, "cpu": cpu, "hits": hits,
            "setup": setup, "extra_mb": (mem.peak - mem.base) / 2**20, "rss_mb": mem.peak / 2**20,
            "extrapolated": extrapolated}


def _rate(x: float) -> str:
    return f"{x:.3f}" if x < 0.1 else f"{x:.2f}"


def in_child(fn, *args):
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(fn, args)


# -------------------------------------------------------------- normalize
def normalize_values(n_distinct: int = 10_000, n_rows: int = 1_000_000, seed: int = 7) -> list[str]:
    """1,000,000 strings with 10,000 distinct values: real name variants from the gazetteer and codes, plus junk."""
    from regionkit.gazetteer import gazetteer

    gaz = gazetteer()
    names = sorted(set(gaz.table.loc[gaz.table["kind"].isin(["name", "demonym", "capital"]), "surface"]))
    codes = sorted(set(gaz.countries["iso3"]) | set(gaz.countries.get("iso2", [])))
    variants = set()
    for s in names + codes:
        variants.update({s, s.upper(), s.lower(), s.title(), f" {s} ", s.replace(" ", "  ")})
    rng = random.Random(seed)
    distinct = sorted(variants)
    rng.shuffle(distinct)
    distinct = distinct[: int(n_distinct * 0.8)]
    words = ["Region", "Province", "Unknown", "N/A", "Other", "Bloc", "Zone", "Area", "Territory", "Misc"]
    i = 0
    while len(distinct) < n_distinct:  # strings that must not match (one in five)
        distinct.append(f"{rng.choice(words)} {i}")
        i += 1
    return rng.choices(distinct, k=n_rows)


def bench_normalize_rk(values: list[str]) -> dict:
    import pandas as pd

    import regionkit as rk

    series = pd.Series(values, dtype="string")
    t0 = time.perf_counter()
    rk.normalize(["Holland"])
    warm = time.perf_counter() - t0
    with PeakRSS() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        out = rk.normalize(series)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": seconds, "cpu": cpu, "index_build": warm, "matched": int(out.notna().sum()), "extra_mb": (mem.peak - mem.base) / 2**20}


def bench_normalize_coco_emulated(values: list[str]) -> dict:
    import pandas as pd

    series = pd.Series(values, dtype=object)
    t0 = time.perf_counter()
    table = coco_table()
    setup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    mapping = {}
    for v in series.unique():
        hits = [iso3 for rx, iso3 in table if rx.search(v)]
        mapping[v] = hits[0] if len(hits) == 1 else (str(hits) if hits else "not found")
    out = series.map(mapping)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": seconds, "cpu": cpu, "setup": setup, "matched": int((out != "not found").sum()), "how": "emulated in-process"}


_COCO_SCRIPT = r"""
import json, sys, time, logging
logging.disable(logging.CRITICAL)
import pandas as pd
import country_converter as coco
s = pd.read_csv(sys.argv[1], keep_default_na=False, dtype=str)["v"]
t0 = time.perf_counter(); cc = coco.CountryConverter(); setup = time.perf_counter() - t0
t0, c0 = time.perf_counter(), time.process_time(); out = cc.pandas_convert(s, to="ISO3")
sec, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seconds": sec, "cpu": cpu, "setup": setup, "matched": int((out != "not found").sum()),
                  "how": f"country_converter {coco.__version__}, pandas {pd.__version__}"}))
"""


def bench_normalize_coco_real(values: list[str], python: str) -> dict:
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.csv"
        pd.DataFrame({"v": values}).to_csv(path, index=False)
        res = subprocess.run([python, "-c", _COCO_SCRIPT, str(path)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,50", help="corpus sizes in MB (default 10,50; e.g. 10,100,1000)")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset of: " + ", ".join(METHODS))
    parser.add_argument("--coco-sample-kb", type=int, default=150,
                        help="KB of text for country_converter's regexes (extrapolated; default 150)")
    parser.add_argument("--coco-python", default=os.environ.get("COCO_PYTHON"),
                        help="a Python with country_converter and pandas<3 for the real pandas_convert timing")
    parser.add_argument("--corpora", default=",".join(CORPORA),
                        help="dense (bundled diplomatic texts, ~12 mentions/KB) and/or news (real-density, ~2/KB)")
    parser.add_argument("--skip-normalize", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    methods = [m.strip() for m in args.methods.split(",")]
    import importlib.util

    corpora = [c.strip() for c in args.corpora.split(",")]
    for method, module in (("flashtext", "flashtext"), ("flashtext2", "flashtext2"),
                           ("country_converter regex", "country_converter")):
        if method in methods and importlib.util.find_spec(module) is None:
            print(f"{method}: skipped, {module} is not installed (pip install {module}; it is in the 'bench' extra)")
            methods.remove(method)

    import pandas as pd

    import regionkit as rk

    print(f"regionkit {rk.__version__} | Python {platform.python_version()} | pandas {pd.__version__} | "
          f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}) | one process per measurement, one core")
    t0 = time.perf_counter()
    for mb in sizes:
        for corpus in corpora:
            corpus_path(mb, corpus)
    print(f"corpora (seed {_corpus.SEED}, cached in {CACHE}, {time.perf_counter() - t0:.1f}s to build): dense = "
          f"sentences of data/articles shuffled; news = one sentence in eight from them, the rest real prose "
          f"without countries (CPython's pydoc topics)\n")
    header = (f"{'size':>6} {'method':<26} {'MB':>7} {'wall s':>7} {'CPU s':>7} {'MB/s':>7} {'MB/s CPU':>9} "
              f"{'articles/s':>11} {'hits':>10} {'hits/KB':>8} {'peak extra MB':>14}")
    print(header)
    print("-" * len(header))
    results = []
    for corpus in corpora:
        print(f"[{corpus}]")
        for mb in sizes:
            for method in methods:
                r = in_child(measure, method, mb, args.coco_sample_kb, corpus)
                if "skipped" in r:
                    print(f"{mb:>4}MB {method:<26} skipped: {r['skipped']}")
                    continue
                r["corpus"] = corpus
                results.append((mb, r))
                rate = r["mb"] / r["seconds"]
                note = " (extrapolated from a sample)" if r["extrapolated"] else ""
                print(f"{mb:>4}MB {method:<26} {r['mb']:>7.2f} {r['seconds']:>7.2f} {r['cpu']:>7.2f} {_rate(rate):>7} "
                      f"{_rate(r['mb'] / r['cpu']):>9} {r['articles'] / r['seconds']:>11,.1f} {r['hits']:>10,} "
                      f"{r['hits'] / (r['mb'] * 1000):>8.1f} {r['extra_mb']:>14.1f}{note}", flush=True)
    print("\nratios of CPU throughput in this run (x = regionkit MB/s / baseline MB/s; > 1 is faster):")
    for corpus in corpora:
        for mb in sizes:
            rows = {r["method"]: r["mb"] / r["cpu"] for m, r in results if m == mb and r["corpus"] == corpus}
            for mine in ("regionkit compiled", "regionkit pure-python"):
                if mine not in rows:
                    continue
                parts = [f"{rows[mine] / rows[b]:.2f}x {b}" for b in ("pyahocorasick raw", "ahocorasick_rs raw",
                                                                     "flashtext", "flashtext2") if b in rows]
                print(f"  {corpus:>5} {mb:>4}MB {mine:<22} " + ", ".join(parts))
    rk_rows = [(mb, r) for mb, r in results if r["method"] == "regionkit compiled" and r["corpus"] == corpora[0]]
    rk_rows = rk_rows or [(mb, r) for mb, r in results if r["method"].startswith("regionkit") and r["corpus"] == corpora[0]]
    if len(rk_rows) >= 2:
        (mb0, a), (mb1, b) = rk_rows[0], rk_rows[-1]
        print(f"\nlinearity ({a['method']}, {corpora[0]}): {mb1 / mb0:.1f}x the text took {b['cpu'] / a['cpu']:.2f}x the CPU time "
              f"({a['cpu'] / a['mb']:.3f} vs {b['cpu'] / b['mb']:.3f} CPU s/MB)")
    for mb, r in rk_rows:
        verdict = "meets" if r["mb"] / r["cpu"] >= 20 else "BELOW"
        print(f"target >= 20 MB/s per core at {mb} MB: {verdict} ({r['mb'] / r['cpu']:.2f} MB/s of CPU time, "
              f"{r['mb'] / r['seconds']:.2f} MB/s wall)")
    print("(MB/s CPU = text MB / CPU seconds of the measuring process: robust when other processes share the cores)")

    if not args.skip_normalize:
        print("\nnormalize: 1,000,000 rows, 10,000 distinct values (name variants, codes, 20% junk)")
        values = normalize_values()
        r = in_child(bench_normalize_rk, values)
        print(f"  rk.normalize(Series)                 {r['seconds']:7.2f} s wall {r['cpu']:7.2f} s CPU   "
              f"({r['index_build']:.2f} s to build the index first, not included; "
              f"{r['matched']:,} rows matched; peak extra {r['extra_mb']:.0f} MB)")
        try:
            if args.coco_python:
                c = bench_normalize_coco_real(values, args.coco_python)
            else:
                c = in_child(bench_normalize_coco_emulated, values)
            print(f"  country_converter pandas_convert     {c['seconds']:7.2f} s wall {c['cpu']:7.2f} s CPU   "
                  f"({c['how']}; {c['setup']:.2f} s setup, not included; "
                  f"{c['matched']:,} rows matched)")
            print(f"  regionkit is {c['cpu'] / r['cpu']:.1f}x faster (CPU time; {c['seconds'] / r['seconds']:.1f}x wall)")
        except Exception as exc:  # coco missing or broken: say so, keep the rest
            print(f"  country_converter: not measured ({type(exc).__name__}: {exc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

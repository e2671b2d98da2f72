"""Scale: peak memory of the streaming CLI at 100 MB vs 1 GB, and Dask on 2 local workers vs 1.

Run from the repository root (not collected by pytest; needs the ``dask`` extra and psutil)::

    python tests/benchmarks/bench_scale.py                      # 100 MB and 1 GB streamed (~30 min), Dask on 50 MB
    python tests/benchmarks/bench_scale.py --sizes 20,100 --dask-mb 20   # quicker
    python tests/benchmarks/bench_scale.py --linear 10,100 --sizes 10,100 --dask-mb 0   # linearity (issue 14)

1. Streaming: ``regionkit extract corpus.jsonl -o FOLDER --no-progress`` in a
   subprocess on JSON Lines corpora of each size (deterministic, built from the
   real texts in data/articles, see _corpus.py); the peak resident memory of the
   process is sampled every 50 ms. Flat memory means the peak does not grow
   with the corpus.
2. Dask: ``regionkit.dask.extract_to`` on a ``LocalCluster`` of 1 and then 2
   single-threaded worker processes (cluster start and gazetteer warm-up not
   timed), same corpus, same output, alternating 1 and 2 workers ``--repeat``
   times; the speed-up of the best runs is printed. The workers write the
   Parquet parts themselves; the client only keeps the manifest.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import _corpus  # noqa: E402


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def stream_run(corpus: Path, out: Path, chunksize: int) -> dict:
    """Run the CLI on ``corpus`` and sample its memory; returns wall time, peak RSS and the summary line."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "regionkit", "extract", str(corpus), "-o", str(out), "--no-progress",
           "--chunksize", str(chunksize)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=HERE.parents[1])
    ps = psutil.Process(proc.pid)
    peak, samples = 0, []
    while proc.poll() is None:
        rss = _tree_rss(ps)
        peak = max(peak, rss)
        samples.append(rss)
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().strip()
    if proc.returncode:
        raise RuntimeError(f"regionkit extract failed ({proc.returncode}): {err}")
    half = samples[len(samples) // 2:] or [peak]
    return {"wall": wall, "peak_mb": peak / 2**20, "late_mb": max(half) / 2**20, "summary": err.splitlines()[-1]}


def dask_run(corpus: Path, out: Path, workers: int, blocksize: str) -> dict:
    from distributed import Client, LocalCluster

    import regionkit.dask as rkd

    shutil.rmtree(out, ignore_errors=True)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        rkd.warm_workers(client)
        t0 = time.perf_counter()
        summary = rkd.extract_to(corpus, out, client=client, blocksize=blocksize, progress=False)
        wall = time.perf_counter() - t0
    return {"wall": wall, "summary": summary.line()}


def linear_run(mb: int) -> str:
    """CPU seconds per MB of ``extract_mentions`` on the same text as ~1 KB articles and as one article (this process)."""
    import regionkit as rk
    from regionkit._scan_kernel import active_path

    big = "\n\n".join(r["text"] for r in _corpus.iter_articles(mb * 10**6))
    small, cur, n = [], [], 0  # the same text cut at paragraph ends near 1,000 characters
    for para in big.split("\n\n"):
        cur.append(para)
        n += len(para) + 2
        if n >= 1000:
            small.append("\n\n".join(cur))
            cur, n = [], 0
    if cur:
        small.append("\n\n".join(cur))
    size = len(big.encode("utf-8")) / 1e6
    rk.extract_mentions("Armenia and Azerbaijan.")  # warm up
    out = []
    for label, arg in ((f"{len(small):,} articles of ~1 KB", small), ("one article", big)):
        c0 = time.process_time()
        rows = len(rk.extract_mentions(arg))
        out.append(f"{label}: {(time.process_time() - c0) / size:.3f} s/MB ({rows:,} rows)")
    return f"{size:6.1f} MB [{active_path()}]  " + " | ".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="streamed corpus sizes in MB (default 100,1000)")
    parser.add_argument("--chunksize", type=int, default=2000, help="articles per chunk for the CLI (default 2000)")
    parser.add_argument("--dask-mb", type=int, default=50, help="corpus size for the Dask comparison (0 to skip)")
    parser.add_argument("--blocksize", default="2MB", help="input bytes per Dask task (default 2MB: enough tasks to balance 2 workers)")
    parser.add_argument("--repeat", type=int, default=3, help="Dask runs per worker count; the best is compared")
    parser.add_argument("--linear", default="", help="also: CPU s/MB as 1 KB articles vs one article of these sizes in MB "
                        "(e.g. 10,100; in this process, no subprocess)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "regionkit-bench"),
                        help="where corpora (kept for re-runs) and outputs go")
    args = parser.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    print(f"Python {platform.python_version()} | {os.cpu_count()} CPUs | load average {os.getloadavg()[0]:.1f} "
          f"(other processes on the machine slow every number below)")

    if args.linear:
        print("\n0. one text as ~1 KB articles vs as one article: CPU seconds per MB (flat = linear)")
        for mb in [int(s) for s in args.linear.split(",") if s]:
            print("  " + linear_run(mb), flush=True)

    print("\n1. streaming CLI (regionkit extract corpus.jsonl -o FOLDER), peak resident memory of the process")
    print(f"{'size':>8} {'seconds':>8} {'MB/s':>7} {'peak RSS MB':>12} {'peak, 2nd half':>15}  summary")
    rows = []
    for mb in [int(s) for s in args.sizes.split(",") if s]:
        t0 = time.perf_counter()
        corpus = _corpus.write_jsonl(work / f"corpus-{mb}MB.jsonl", mb * 10**6)
        built = time.perf_counter() - t0
        r = stream_run(corpus, work / f"out-{mb}MB", args.chunksize)
        rows.append((mb, r))
        print(f"{mb:>6}MB {r['wall']:>8.1f} {mb / r['wall']:>7.2f} {r['peak_mb']:>12.0f} {r['late_mb']:>15.0f}  "
              f"{r['summary']}  (corpus built in {built:.0f}s)", flush=True)
    if len(rows) >= 2:
        (m0, a), (m1, b) = rows[0], rows[-1]
        print(f"memory: {m1 / m0:.0f}x the corpus, peak RSS {a['peak_mb']:.0f} MB -> {b['peak_mb']:.0f} MB "
              f"({b['peak_mb'] / a['peak_mb']:.2f}x)")

    if args.dask_mb:
        print(f"\n2. Dask LocalCluster, {args.dask_mb} MB JSON Lines, blocksize {args.blocksize}, folder output")
        corpus = _corpus.write_jsonl(work / f"corpus-{args.dask_mb}MB.jsonl", args.dask_mb * 10**6)
        times: dict[int, list[float]] = {1: [], 2: []}
        for rep in range(args.repeat):
            for n in (1, 2):  # alternate, so a burst of load from other processes hits both
                r = dask_run(corpus, work / f"out-dask-{n}", n, args.blocksize)
                times[n].append(r["wall"])
                print(f"  {n} worker{'s' if n > 1 else ' '}: {r['wall']:7.1f} s  {args.dask_mb / r['wall']:6.2f} MB/s   "
                      f"load {os.getloadavg()[0]:.1f}   {r['summary']}", flush=True)
        best1, best2 = min(times[1]), min(times[2])
        print(f"  speed-up 2 vs 1 workers: {best1 / best2:.2f}x on the best of {args.repeat} runs each "
              f"({best1:.1f} s vs {best2:.1f} s; target >= 1.7x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Monev of 1M, 3M and 10M Parquet rows on a Dask LocalCluster: time, memory per worker, merge.

Data: the Parquet files of :mod:`benchmarks.bench_monev` (the generated base,
converted once by ``sp4n convert`` and its row groups replicated with new
tracking ids), cached under ``benchmarks/.cache/``. For each size, the
evaluation runs on a ``LocalCluster`` of ``--workers`` single-threaded worker
processes, one task per row group (65,536 rows), each returning the
mergeable state of its pipeline; the client merges them.

Reported per size: wall time, rows per second, the peak RSS of each worker
(``ru_maxrss`` read on the workers after the run), the client's merge time
and the size of the states shipped. The local engine on the same file is
timed as the baseline (``--workers`` processes), so the ratio holds on a busy
machine; the ``--json`` of both is asserted equal.

Run: python -m benchmarks.bench_dask [--quick] [--sizes 1000000 3000000 10000000]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import time
from datetime import datetime
from pathlib import Path

from benchmarks.bench_monev import NOW, parquet_file


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(path: Path, workers: int) -> dict[str, object]:
    """One Dask evaluation of ``path`` and one local; their figures."""
    from distributed import Client, LocalCluster

    from sp4n.monev.engines import evaluate, merge
    from sp4n.monev.render_json import render_json
    from sp4n.monev.sources import MonevOptions, discover, plan_parts, run_part

    options = MonevOptions(now=NOW)
    parts = plan_parts(discover([path]))
    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    started = time.perf_counter() - start
    try:
        client.run(lambda: __import__("sp4n.monev.sources").monev.sources.build_pipeline(options))
        start = time.perf_counter()
        futures = client.map(run_part, parts, options=options, pure=False)
        results = client.gather(futures)
        tasks = time.perf_counter() - start
        start = time.perf_counter()
        outcome = merge(parts, results, options)
        merging = time.perf_counter() - start
        peaks = client.run(_peak_mb)
    finally:
        client.close()
        cluster.close()
    shipped = sum(len(pickle.dumps(r)) for r in results)
    start = time.perf_counter()
    local = evaluate([path], options, workers=workers)
    local_seconds = time.perf_counter() - start
    assert render_json(local.result) == render_json(outcome.result), "dask and local disagree"
    return {
        "rows": outcome.result.seen,
        "tasks": len(parts),
        "cluster_start_s": round(started, 1),
        "dask_s": round(tasks + merging, 1),
        "merge_s": round(merging, 3),
        "merge_ms_per_task": round(merging / len(parts) * 1000, 2),
        "state_kb_per_task": round(shipped / len(parts) / 1024, 1),
        "worker_peak_mb": sorted(round(v) for v in peaks.values()),
        "local_s": round(local_seconds, 1),
    }


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one 5,000-row file")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 3_000_000, 10_000_000])
    parser.add_argument("--base", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args(argv)
    sizes, base = (args.sizes, args.base) if not args.quick else ([5_000], 1_000)
    out: dict[str, object] = {}
    print(f"load average before: {os.getloadavg()}", flush=True)
    for rows in sizes:
        path = parquet_file(rows, base)
        figures = run(path, args.workers)
        rate = int(figures["rows"]) / float(figures["dask_s"] or 1)  # type: ignore[arg-type]
        print(f"{rows:>10} rows: {json.dumps(figures)}; {rate:.0f} rows/s on dask", flush=True)
        out[str(rows)] = figures
    print(f"load average after: {os.getloadavg()}  ({datetime.now().astimezone():%H:%M})")
    return out


if __name__ == "__main__":
    main()

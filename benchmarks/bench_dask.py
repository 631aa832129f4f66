"""Monev of 1M, 3M and 10M Parquet rows on a Dask LocalCluster: time, memory per worker, merge.

Data: the Parquet files of :mod:`benchmarks.bench_monev` (the generated base,
converted once by ``sp4n convert`` and its row groups replicated with new
tracking ids), cached under ``benchmarks/.cache/``. For each size, the
evaluation runs on a ``LocalCluster`` of ``--workers`` single-threaded worker
processes, one task per row group (65,536 rows), each returning the
mergeable state of its pipeline; the client merges them.

Reported per size: wall time, rows per second, the peak RSS of each worker
(``ru_maxrss`` read on the workers after the run) and the client's merge time
(states added as tasks finish, each dropped after). The local engine on the same file is
timed as the baseline (``--workers`` processes), so the ratio holds on a busy
machine; the ``--json`` of both is asserted equal.

Run: python -m benchmarks.bench_dask [--quick] [--sizes 1000000 3000000 10000000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from datetime import datetime
from pathlib import Path

from benchmarks.bench_monev import NOW, parquet_file


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(path: Path, workers: int) -> dict[str, object]:
    """One Dask evaluation of ``path`` (the CLI's engine) and one local; their figures."""
    from distributed import Client, LocalCluster

    from sp4n.monev.engines import evaluate
    from sp4n.monev.render_json import render_json
    from sp4n.monev.sources import MonevOptions, discover, plan_parts

    options = MonevOptions(now=NOW)
    tasks = len(plan_parts(discover([path])))
    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    started = time.perf_counter() - start
    try:
        start = time.perf_counter()
        dask = evaluate(
            [path], options, engine="dask", scheduler=cluster.scheduler_address, workers=workers
        )
        dask_seconds = time.perf_counter() - start
        peaks = client.run(_peak_mb)
    finally:
        client.close()
        cluster.close()
    start = time.perf_counter()
    local = evaluate([path], options, workers=workers)
    local_seconds = time.perf_counter() - start
    assert render_json(local.result) == render_json(dask.result), "dask and local disagree"
    return {
        "rows": dask.result.seen,
        "tasks": tasks,
        "cluster_start_s": round(started, 1),
        "dask_s": round(dask_seconds, 1),
        "merge_s": round(dask.merge_seconds, 3),
        "merge_ms_per_task": round(dask.merge_seconds / tasks * 1000, 2),
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

"""Monev over a large JSON Lines file: the streaming pipeline against a pandas group-by.

Data: ``--rows`` complaints (default 1,000,000) in one JSON Lines file. Generating
that many full histories takes long, so ``--base`` distinct complaints (default
50,000) are generated with :func:`sp4n.sample.generate_complaints` and their lines
replicated with new (Luhn-checked) tracking ids up to ``--rows`` lines. The file is
cached in the temp dir (``sp4n-bench-monev/``) and reused by later runs.

Both paths run in their own subprocess (so peak memory is each one's own
``ru_maxrss``) on the same file, as of the same ``now``:

- **streaming**: each line → ``Complaint.model_validate_json`` →
  :class:`sp4n.monev.MonevPipeline` (national, per province, per agency for the
  ranking; ``sla=False`` because the pandas path has no SLA engine either) →
  ``result()``. Memory stays flat: only counts are kept.
- **pandas**: each line → ``json.loads``, the same fields extracted (status,
  handling agency rolled up to its government, dispatch and first follow-up
  instants) into columns, one ``DataFrame``, then ``groupby`` for the follow-up
  rate, shares and day statistics per province and per agency — the hand-written
  equivalent.

The two paths do not do the same work: the streaming path *validates* every
line (pydantic) and *replays* its history through the scoring accumulators,
while the pandas path only parses JSON and *groups*; it trusts its input. The
time ratio is therefore the price of validation, not of streaming. The run
asserts that both paths give the same follow-up count and the same median
follow-up days. Each path runs ``--repeat`` times (default 2 with ``--quick``,
1 for the full run, whose 1M-row passes take minutes each); the best time and
the peak memory of that run are reported.

The SLA step (``sla=True``, :func:`sp4n.sla.deadlines` per report) is timed on
the first ``--sla-rows`` lines and reported per report.

Run: python -m benchmarks.bench_monev [--quick] [--rows N] [--base N]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sp4n._types import generate_tracking_id
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
_TRACKING = re.compile(rb'"tracking_id":"[0-9]+"')
LIMIT_MB = 500


def data_file(rows: int, base: int, seed: int = 0) -> Path:
    """The cached JSON Lines file of ``rows`` complaints (``base`` generated, then replicated)."""
    from sp4n.sample import generate_complaints, write_jsonl

    folder = Path(tempfile.gettempdir()) / "sp4n-bench-monev"
    folder.mkdir(exist_ok=True)
    path = folder / f"complaints-{rows}-{base}-{seed}.jsonl"
    if path.exists():
        return path
    source = folder / f"base-{base}-{seed}.jsonl"
    if not source.exists():
        start = time.perf_counter()
        write_jsonl(generate_complaints(base, seed=seed, now=NOW), source.with_suffix(".tmp"))
        source.with_suffix(".tmp").rename(source)
        print(f"generated {base} complaints in {time.perf_counter() - start:.1f} s")
    lines = source.read_bytes().splitlines()
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        for serial in range(rows):
            line = lines[serial % len(lines)]
            if serial >= len(lines):
                new = b'"tracking_id":"' + generate_tracking_id(10_000_000 + serial).encode() + b'"'
                line = _TRACKING.sub(new, line, count=1)
            out.write(line + b"\n")
    tmp.rename(path)
    return path


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return peak / 1024


def worker_streaming(path: Path, *, sla: bool, limit: int | None) -> dict[str, object]:
    """The streaming path; returns time, peak memory and a few figures to compare."""
    from sp4n.models import Complaint
    from sp4n.monev import MonevPipeline
    from sp4n.sample import sample_world

    graph = sample_world(0).graph
    start = time.perf_counter()
    pipeline = MonevPipeline(graph, now=NOW, sla=sla)
    with path.open("rb") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            pipeline.add(Complaint.model_validate_json(line))
    result = pipeline.result()
    seconds = time.perf_counter() - start
    ind = result.summary.complaints
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "rows": result.seen,
        "follow_up_rate": f"{ind.follow_up_rate.numerator}/{ind.follow_up_rate.denominator}",
        "median_days": str(ind.follow_up_days.median),
        "provinces": len(result.provinces),
    }


def worker_pandas(path: Path) -> dict[str, object]:
    """The hand-written pandas equivalent (no SLA), same rolled-up agencies and provinces."""
    import pandas as pd

    from sp4n.sample import sample_world
    from sp4n.scoring import rolled_up

    graph = sample_world(0).graph
    targets = {a.id for a in graph.agencies() if a.parent_id in (None, graph.national.id)}
    targets |= {a.id for a in graph.agencies() if a.kind.value in ("PROVINCE", "REGENCY", "CITY")}
    roll = rolled_up(graph, targets, agency_of=lambda agency_id: agency_id)  # type: ignore[arg-type,return-value]
    start = time.perf_counter()
    owner_of: dict[str | None, str | None] = {}
    province_of: dict[str | None, str | None] = {}
    status, agency, dispatched, followed = [], [], [], []
    handover = {"verify_and_dispatch", "redispatch", "forward_to_unit"}
    with path.open("rb") as handle:
        for line in handle:
            row = json.loads(line)
            handler = row.get("target_agency_id")
            d_at = f_at = None
            for event in row["history"]:
                kind = event["kind"]
                if kind in handover:
                    handler = event.get("agency_id") or event.get("unit_id")
                    if kind != "forward_to_unit" and f_at is None:
                        d_at = event["at"]
                elif kind == "post_follow_up" and f_at is None:
                    f_at = event["at"]
            if handler not in owner_of:
                owner_of[handler] = None if handler is None else roll(handler)
                owner = owner_of[handler]
                found = None if owner is None else graph.province_of(owner)
                province_of[handler] = None if found is None else found.id
            status.append(row["status"])
            agency.append(owner_of[handler])
            dispatched.append(d_at if f_at else None)
            followed.append(f_at)
    frame = pd.DataFrame({"status": status, "agency": agency, "d": dispatched, "f": followed})
    frame["province"] = frame["agency"].map(province_of.get)
    zone = "Asia/Jakarta"
    d = pd.to_datetime(frame["d"], utc=True).dt.tz_convert(zone).dt.normalize()
    f = pd.to_datetime(frame["f"], utc=True).dt.tz_convert(zone).dt.normalize()
    frame["days"] = (f - d).dt.days
    frame["followed"] = frame["status"].isin(
        ["IN_PROGRESS", "CLOSED_BY_REPORTER", "CLOSED_BY_SYSTEM"]
    )
    frame["closed"] = frame["status"].isin(["CLOSED_BY_REPORTER", "CLOSED_BY_SYSTEM"])
    frame["unverified"] = frame["status"].eq("SUBMITTED")
    per_province = frame.groupby("province").agg(
        reports=("status", "size"),
        follow_up=("followed", "mean"),
        closed=("closed", "mean"),
        unverified=("unverified", "mean"),
        days_mean=("days", "mean"),
        days_median=("days", "median"),
    )
    per_agency = frame.groupby("agency").agg(
        reports=("status", "size"), follow_up=("followed", "sum")
    )
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "rows": len(frame),
        "follow_up_rate": f"{int(frame['followed'].sum())}/{len(frame)}",
        "median_days": str(frame["days"].median()),
        "provinces": len(per_province),
        "agencies": len(per_agency),
    }


def _run_worker(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_monev", "--worker", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(repeat: int, *args: str) -> dict[str, object]:
    """The fastest of ``repeat`` runs of a worker (each in a fresh process)."""
    runs = [_run_worker(*args) for _ in range(max(1, repeat))]
    return min(runs, key=lambda r: float(str(r["seconds"])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 rows smoke run")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=50_000)
    parser.add_argument("--sla-rows", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, help="runs per path (best kept); 2 quick, 1 full")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, path = args.worker[0], Path(args.worker[1])
        if kind == "pandas":
            out = worker_pandas(path)
        else:
            limit = int(args.worker[2]) if len(args.worker) > 2 else None
            out = worker_streaming(path, sla=kind == "sla", limit=limit)
        print(json.dumps(out))
        return 0
    rows, base, sla_rows = args.rows, args.base, args.sla_rows
    if args.quick:
        rows, base, sla_rows = 5_000, 1_000, 300
    path = data_file(rows, base)
    print(f"data: {path} ({rows} lines, {base} generated then replicated with new tracking ids)")
    repeat = args.repeat or (2 if args.quick else 1)
    stream = _best(repeat, "streaming", str(path))
    pandas = _best(repeat, "pandas", str(path))
    for key in ("rows", "follow_up_rate"):
        assert str(stream[key]) == str(pandas[key]), f"paths disagree on {key}: {stream} {pandas}"
    medians = float(str(stream["median_days"])), float(str(pandas["median_days"]))
    assert medians[0] == medians[1], f"paths disagree on the median follow-up days: {medians}"
    sla = _run_worker("sla", str(path), str(sla_rows))
    for name, res in (("streaming (sp4n.monev)", stream), ("pandas group-by", pandas)):
        rate = rows / float(str(res["seconds"]))
        print(
            f"{name:24s} {res['seconds']:8.1f} s  {rate:9.0f} rows/s  peak {res['peak_mb']:7.1f} MB"
            f"  follow-up {res['follow_up_rate']}  median days {res['median_days']}"
        )
    ratio = float(str(stream["seconds"])) / float(str(pandas["seconds"]))
    print(f"time ratio streaming / pandas: {ratio:.2f}  (best of {repeat}; streaming validates)")
    mem_ratio = float(str(stream["peak_mb"])) / float(str(pandas["peak_mb"]))
    print(f"peak memory ratio streaming / pandas: {mem_ratio:.2f}")
    per = float(str(sla["seconds"])) / int(str(sla["rows"])) * 1000
    print(f"with SLA judging (sla=True) on {sla['rows']} rows: {per:.2f} ms per report")
    ok = float(str(stream["peak_mb"])) < LIMIT_MB
    print(f"streaming peak memory under {LIMIT_MB} MB: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

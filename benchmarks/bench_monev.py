"""Monev over 1,000,000 reports: `sp4n monev` on JSON Lines and on Parquet against polars.

Data: ``--rows`` reports (default 1,000,000) in one JSON Lines file. ``--base``
distinct reports (default 50,000) are generated with
:func:`sp4n.sample.generate_complaints` and their lines replicated with new
(Luhn-checked) tracking ids up to ``--rows`` lines. The same reports as
Parquet: the base is converted once by ``sp4n convert`` (validated, replayed)
and its row groups replicated with the same new tracking ids. Both files are
cached under ``benchmarks/.cache/`` (git-ignored) and reused.

Three runs, each a fresh process timed from outside (wall time, and the peak
RSS of the process and of its largest worker), interleaved ``--repeat`` times
(default 2; the best of each is kept), so a change of load on a shared machine
hits every side:

- **monev JSONL**: ``sp4n monev big.jsonl --json`` — the full evaluation:
  validation, lifecycle check, SLA (batch), per province, per agency, ranking,
  on ``--workers`` processes (default: the machine's cores);
- **monev Parquet**: ``sp4n monev big.parquet --json`` — the trusted columns;
- **polars**: a hand-written polars query on the same JSON Lines file computing
  the follow-up counts per province and per handling agency (rolled up to its
  government, as monev does): no validation, no SLA.

Asserted: both monev runs write the same JSON; polars and monev give the same
follow-up counts per province and per agency. Reported: the time ratios
monev JSONL / polars (floor 3, aim 1.5) and monev JSONL / monev Parquet (at
least 5), the peak memory (at most 1 GB per process), and the per-report cost
of each step (validation, single pass, batch SLA, accumulation) measured in
this run on ``--steps-rows`` reports, next to the first wave's path
(``check_history`` + scalar ``deadlines``), and what refusing repeated tracking
ids costs for 1,000,000 reports (:func:`claim_costs`).

Run: python -m benchmarks.bench_monev [--quick] [--rows N] [--base N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sp4n._types import generate_tracking_id
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
CACHE = Path(__file__).parent / ".cache"
_TRACKING = re.compile(rb'"tracking_id":"[0-9]+"')
LIMIT_MB = 1024
FOLLOW_UP = ("IN_PROGRESS", "CLOSED_BY_REPORTER", "CLOSED_BY_SYSTEM")


def _tag() -> str:
    """What the cached data depends on: the generator, the hierarchy and the rules.

    Cached files carry it in their names, so a change of any of them regenerates the data.
    """
    import hashlib
    import inspect

    from sp4n.hierarchy import AgencyGraph
    from sp4n.monev.parquet import hierarchy_fingerprint, rules_fingerprint
    from sp4n.rulebook import Rulebook
    from sp4n.sample import generator

    digest = hashlib.sha256(inspect.getsource(generator).encode())
    digest.update(hierarchy_fingerprint(AgencyGraph.indonesia()).encode())
    digest.update(rules_fingerprint(Rulebook.default()).encode())
    return digest.hexdigest()[:10]


def _new_id(serial: int) -> str:
    return generate_tracking_id(10_000_000 + serial)


def base_file(base: int, seed: int = 0) -> Path:
    """The generated reports (cached)."""
    from sp4n.sample import generate_complaints, write_jsonl

    CACHE.mkdir(exist_ok=True)
    source = CACHE / f"base-{base}-{seed}-{_tag()}.jsonl"
    if not source.exists():
        start = time.perf_counter()
        tmp = source.with_suffix(".tmp")
        write_jsonl(generate_complaints(base, seed=seed, now=NOW), tmp)
        tmp.rename(source)
        print(f"generated {base} reports in {time.perf_counter() - start:.1f} s", flush=True)
    return source


def data_file(rows: int, base: int, seed: int = 0) -> Path:
    """``rows`` JSON Lines: the base replicated with new tracking ids (cached)."""
    path = CACHE / f"complaints-{rows}-{base}-{seed}-{_tag()}.jsonl"
    if path.exists():
        return path
    lines = base_file(base, seed).read_bytes().splitlines()
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as out:
        for serial in range(rows):
            line = lines[serial % len(lines)]
            if serial >= len(lines):
                new = b'"tracking_id":"' + _new_id(serial).encode() + b'"'
                line = _TRACKING.sub(new, line, count=1)
            out.write(line + b"\n")
    tmp.rename(path)
    return path


def parquet_file(rows: int, base: int, seed: int = 0) -> Path:
    """The same ``rows`` reports as Parquet: the base converted once, row groups replicated."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sp4n.monev.parquet import METADATA_KEY, convert

    path = CACHE / f"complaints-{rows}-{base}-{seed}-{_tag()}.parquet"
    if path.exists():
        return path
    converted = CACHE / f"base-{base}-{seed}-{_tag()}.parquet"
    if not converted.exists():
        start = time.perf_counter()
        convert([base_file(base, seed)], converted)
        print(f"converted {base} reports in {time.perf_counter() - start:.1f} s", flush=True)
    table = pq.read_table(converted)
    claim = json.loads(pq.read_metadata(converted).metadata[METADATA_KEY])
    claim["rows"] = rows
    tmp = path.with_suffix(".tmp")
    schema = table.schema.with_metadata({METADATA_KEY: json.dumps(claim)})
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        done = 0
        while done < rows:
            chunk = table.slice(0, min(len(table), rows - done))
            if done:
                ids = pa.array([_new_id(done + i) for i in range(len(chunk))])
                # the report text carries the same new id as the column
                texts = [
                    _TRACKING.sub(
                        b'"tracking_id":"' + i.encode() + b'"', t.encode(), count=1
                    ).decode()
                    for t, i in zip(
                        chunk.column("report").to_pylist(), ids.to_pylist(), strict=True
                    )
                ]
                chunk = chunk.set_column(0, "tracking_id", ids)
                index = chunk.schema.get_field_index("report")
                chunk = chunk.set_column(index, "report", pa.array(texts, pa.large_string()))
            writer.write_table(
                chunk.replace_schema_metadata(schema.metadata), row_group_size=65_536
            )
            done += len(chunk)
    tmp.rename(path)
    return path


# -- the runs, each in its own process ------------------------------------------------------------


def _timed(argv: list[str]) -> dict[str, float]:
    """Run a command; its wall time and the peak RSS of it and of its largest child (MB)."""
    code = (
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': wall, 'peak_mb': peak, 'code': done.returncode}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        msg = f"{argv} exited with {result['code']}"
        raise RuntimeError(msg)
    return result


def _monev(path: Path, out: Path, workers: int) -> dict[str, float]:
    argv = [sys.executable, "-m", "sp4n", "monev", str(path), "--now", NOW.isoformat()]
    argv += ["--json", str(out), "--workers", str(workers)]
    return _timed(argv)


def polars_counts(
    path: Path, owners: Path, *, exclude_deleted: bool = True
) -> dict[str, dict[str, list[int]]]:
    """The hand-written polars query: follow-up counts per province and per handling agency.

    ``owners`` maps each handling agency to the government or central body it
    counts for and that one's province (from the hierarchy, as monev rolls up).
    """
    import polars as pl

    mapping = pl.read_json(owners)
    routes = pl.read_json(owners.with_name(owners.name.replace(".owners.json", ".routes.json")))
    history = pl.col("history")
    handover = history.list.eval(
        pl.element().struct.field("agency_id").fill_null(pl.element().struct.field("unit_id"))
    )
    frame = (
        pl.scan_ndjson(path, infer_schema_length=20_000)
        .select(
            pl.col("status"),
            pl.col("target_agency_id"),
            pl.col("category"),
            pl.col("location").struct.field("region_code").alias("region"),
            pl.col("submitted_at").str.slice(0, 10).alias("day"),
            history,
        )
        .with_columns(handover.list.drop_nulls().list.last().alias("last"))
        .join(routes.lazy(), on=["category", "region", "day"], how="left", nulls_equal=True)
        .select(
            pl.coalesce("last", "target_agency_id", "routed").alias("handler"),
            pl.col("status").is_in(FOLLOW_UP).cast(pl.Int64).alias("followed"),
            pl.col("status"),
        )
        .join(mapping.lazy(), on="handler", how="left")
    )
    if exclude_deleted:  # IND-EXCLUDE-DELETED: spam and abuse are no agency's workload
        frame = frame.filter(pl.col("status") != "DELETED")
    per_agency = (
        frame.filter(pl.col("owner").is_not_null())
        .group_by("owner")
        .agg(pl.col("followed").sum(), pl.len())
        .collect()
    )
    per_province = (
        frame.filter(pl.col("province").is_not_null())
        .group_by("province")
        .agg(pl.col("followed").sum(), pl.len())
        .collect()
    )
    return {
        "agencies": {r[0]: [r[1], r[2]] for r in per_agency.iter_rows()},
        "provinces": {r[0]: [r[1], r[2]] for r in per_province.iter_rows()},
    }


def _owners_file(path: Path, base: Path) -> Path:
    """Handling agency → (owner, province), from the pipeline's own roll-up; and where
    routing sends a report nobody addressed nor dispatched (IND-COUNT-UNDISPATCHED),
    per (category, region, day written in submitted_at) of the generated reports: routing
    follows the competence in force on the submission day (ROUTE-BY-DATE). Prepared
    before the timing.
    """
    from sp4n.models import Complaint
    from sp4n.monev.pipeline import _router
    from sp4n.monev.sources import MonevOptions, build_pipeline

    pipeline = build_pipeline(MonevOptions(now=NOW))
    rows = []
    handlers = {None, *[a.id for a in pipeline.graph.agencies()]}
    for handler in handlers:
        index = pipeline.owner(handler)
        owner = pipeline._owners[index]
        rows.append(
            {"handler": handler, "owner": owner, "province": pipeline._owner_province[index]}
        )
    route = _router(pipeline.graph)
    routes: dict[tuple[str, str | None, str], str | None] = {}
    with base.open("rb") as handle:
        for line in handle:
            c = Complaint.model_validate_json(line)
            region = None if c.location is None else c.location.region_code
            key = (c.category, region, c.submitted_at.isoformat()[:10])
            if key not in routes:
                routes[key] = route(c)
    out = path.with_suffix(".owners.json")
    out.write_text(json.dumps(rows))
    path.with_suffix(".routes.json").write_text(
        json.dumps(
            [
                {"category": k[0], "region": k[1], "day": k[2], "routed": v}
                for k, v in routes.items()
            ]
        )
    )
    return out


def monev_counts(result_json: Path) -> dict[str, dict[str, list[int]]]:
    """The same follow-up counts read from monev's --json."""
    data = json.loads(result_json.read_text("utf-8"))
    agencies = {
        e["agency_id"]: [e["rate"]["numerator"], e["rate"]["denominator"]]
        for e in data["ranking"]["entries"]
        if e["rate"]["denominator"]  # an agency with only deleted reports counts none
    }
    provinces = {
        r["province_id"]: [
            r["indicators"]["shares"]["follow_up_rate"]["numerator"],
            r["indicators"]["shares"]["follow_up_rate"]["denominator"],
        ]
        for r in data["provinces"]
        if r["indicators"]["total"]
    }
    return {"agencies": agencies, "provinces": provinces}


def worker_polars(path: Path, owners: Path, out: Path) -> None:
    from sp4n.rulebook import Rulebook

    exclude = Rulebook.default().settings.monev_exclude_deleted
    out.write_text(json.dumps(polars_counts(path, owners, exclude_deleted=exclude)))


def step_costs(path: Path, rows: int, repeat: int = 3) -> dict[str, float]:
    """Per-report CPU cost of each step (µs), before (first wave) and after, on ``rows`` lines.

    Every step runs as a part runs (`sp4n.monev._gc.rare_collections`), best
    of ``repeat``; the single pass and the batch count start from a fresh
    pipeline each time, as a part does.
    """
    from sp4n.lifecycle import check_history
    from sp4n.models import Complaint
    from sp4n.monev import MonevPipeline
    from sp4n.monev._gc import rare_collections
    from sp4n.monev.sources import MonevOptions, build_pipeline
    from sp4n.sla import deadlines

    lines = []
    with path.open("rb") as handle:
        for line in handle:
            lines.append(line)
            if len(lines) >= rows:
                break
    options = MonevOptions(now=NOW)
    pipeline = build_pipeline(options)
    graph, cal, book = pipeline.graph, pipeline.calendar, pipeline.config.rulebook

    def cpu(fn: object) -> float:
        best = float("inf")
        for _ in range(repeat):
            start = time.process_time()
            fn()  # type: ignore[operator]
            best = min(best, time.process_time() - start)
        return best / len(lines) * 1e6

    complaints = [Complaint.model_validate_json(line) for line in lines[:50]]
    for c in complaints:  # warm the caches (rulebooks per day, year tables)
        check_history(c, hierarchy=graph, calendar=cal)
    with rare_collections():
        out = {"validate": cpu(lambda: [Complaint.model_validate_json(x) for x in lines])}
        complaints = [Complaint.model_validate_json(line) for line in lines]
        out["before: check_history"] = cpu(
            lambda: [check_history(c, hierarchy=graph, calendar=cal) for c in complaints]
        )
        out["before: deadlines (scalar SLA)"] = cpu(
            lambda: [
                deadlines(c, now=NOW, rulebook=book, calendar=cal, hierarchy=graph)
                for c in complaints
            ]
        )

        def oracle() -> None:
            counted = MonevPipeline(graph, now=NOW, calendar=cal, sla=False)
            for c in complaints:
                counted.add(c)

        def single_pass() -> None:
            fresh = build_pipeline(options)
            for c in complaints:
                fresh.walk(c, check=True)

        out["before: accumulators"] = cpu(oracle)
        out["after: single pass (check + clocks)"] = cpu(single_pass)
        walked = [pipeline.walk(c, check=True) for c in complaints]
        out["after: batch SLA + grouped accumulation"] = cpu(
            lambda: build_pipeline(options).add_walked(walked)
        )
    return out


def claim_costs(ids: int = 1_000_000) -> dict[str, float]:
    """What refusing repeated tracking ids (INPUT-DUPLICATE) costs for ``ids`` reports.

    Measured on distinct ids (the normal case: no part is counted twice):
    the JSON Lines reader's claims (key of each id, claimed per batch of 4,096)
    per report; the caller's check of each part's claims against the earlier
    parts', for the ids cut into 8 parts (JSON Lines on 2 workers) and into
    200; the Parquet path's keys from the tracking-id column per row; the
    caller's memory for the claimed ids.
    """
    import numpy as np
    import pyarrow as pa

    from sp4n.monev._ids import SortedIds, key_of, keys_of
    from sp4n.monev.sources import MonevOptions, PartReader, build_pipeline

    texts = [generate_tracking_id(20_000_000 + i) for i in range(ids)]
    reader = PartReader(build_pipeline(MonevOptions(now=NOW)), 4096)
    start = time.process_time()
    for first in range(0, ids, 4096):
        reader.claim([key_of(t) for t in texts[first : first + 4096]])
    out = {"JSON Lines claims per report (µs)": (time.process_time() - start) / ids * 1e6}
    keys = np.array([key_of(t) for t in texts], dtype=np.int64)
    for parts in (8, 200):
        chunks = [np.sort(chunk) for chunk in np.array_split(keys, parts)]
        merged = SortedIds()
        start = time.process_time()
        for chunk in chunks:
            clash = merged.contains(chunk)
            merged.add(chunk[~clash])
        out[f"merge check, {parts} parts (s)"] = time.process_time() - start
    column = pa.array(texts)
    start = time.process_time()
    keys_of(column)
    out["Parquet keys per row (µs)"] = (time.process_time() - start) / ids * 1e6
    out["client memory (MB)"] = keys.nbytes / 1e6
    return out


def _show(name: str, run: dict[str, float]) -> None:
    print(f"{name:18s} {run['seconds']:8.1f} s  peak {run['peak_mb']:7.1f} MB", flush=True)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 rows smoke run")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--steps-rows", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds (best kept)")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_polars(Path(args.worker[0]), Path(args.worker[1]), Path(args.worker[2]))
        return {}
    rows, base, steps = args.rows, args.base, args.steps_rows
    if args.quick:
        rows, base, steps = 5_000, 1_000, 300
        args.repeat = 1
    jsonl = data_file(rows, base)
    parquet = parquet_file(rows, base)
    print(f"data: {jsonl.name}, {parquet.name} ({rows} reports, {base} generated)", flush=True)
    print(f"load average before: {os.getloadavg()}", flush=True)
    owners = _owners_file(jsonl, base_file(base))
    with tempfile.TemporaryDirectory() as tmp:
        out_j, out_p, out_pl = Path(tmp, "j.json"), Path(tmp, "p.json"), Path(tmp, "pl.json")
        polars_argv = [sys.executable, "-m", "benchmarks.bench_monev", "--worker"]
        runs: dict[str, list[dict[str, float]]] = {"polars": [], "jsonl": [], "parquet": []}
        for _ in range(max(1, args.repeat)):  # interleaved: a load change hits every side
            runs["polars"].append(_timed([*polars_argv, str(jsonl), str(owners), str(out_pl)]))
            runs["jsonl"].append(_monev(jsonl, out_j, args.workers))
            runs["parquet"].append(_monev(parquet, out_p, args.workers))
        polars_run, json_run, parquet_run = (
            min(runs[k], key=lambda r: r["seconds"]) for k in ("polars", "jsonl", "parquet")
        )
        _show("polars query", polars_run)
        _show("monev JSON Lines", json_run)
        _show("monev Parquet", parquet_run)
        assert out_j.read_text() == out_p.read_text(), "monev on JSONL and Parquet disagree"
        ours, theirs = monev_counts(out_j), json.loads(out_pl.read_text())
        for table in ("agencies", "provinces"):
            assert ours[table] == theirs[table], f"follow-up counts per {table} disagree"
        agencies, provinces = len(ours["agencies"]), len(ours["provinces"])
        print(f"same follow-up counts: {agencies} agencies, {provinces} provinces")
    ratio = json_run["seconds"] / polars_run["seconds"]
    speedup = json_run["seconds"] / parquet_run["seconds"]
    print(f"time ratio monev JSONL / polars: {ratio:.2f} (floor 3, aim 1.5)")
    print(f"Parquet speed-up over JSONL: {speedup:.1f}x (at least 5)")
    peak = max(json_run["peak_mb"], parquet_run["peak_mb"])
    print(f"peak RSS per process: {peak:.0f} MB (at most {LIMIT_MB})")
    per_j, per_p = rows / json_run["seconds"], rows / parquet_run["seconds"]
    print(f"rows per second, JSONL: {per_j:.0f}; Parquet: {per_p:.0f}")
    print(f"load average after: {os.getloadavg()}")
    print(f"per-report CPU cost of each step on {steps} reports (µs):")
    for name, value in step_costs(jsonl, steps).items():
        print(f"  {name:42s} {value:8.1f}")
    print("tracking-id claims for 1,000,000 distinct reports (INPUT-DUPLICATE):")
    for name, value in claim_costs().items():
        print(f"  {name:42s} {value:8.2f}")
    return {"vs_polars": ratio, "parquet_speedup": speedup, "peak_mb": peak}


if __name__ == "__main__":
    main()

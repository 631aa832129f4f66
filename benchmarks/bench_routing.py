"""Routing benchmark: jurisdiction resolution on the default hierarchy and with every kecamatan.

Resolves N generated (category, region) reports against the embedded default
graph, then against the same graph with one unit per district (kecamatan,
7,285 more nodes from benchmarks/data/districts.csv, affair ``umum``), and
prints the per-report cost and its ratio. Target: ratio <= 1.5. Also prints the
cold load time of the default graph.

Run: .venv/bin/python -m benchmarks.bench_routing [--quick] [--reports N]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

from benchmarks._timing import best_of
from sp4n.competence import CompetenceTable
from sp4n.hierarchy import AgencyGraph
from sp4n.hierarchy.default import indonesia, regency_id
from sp4n.models import Agency
from sp4n.regions import provinces, regencies
from sp4n.vocabulary import AgencyKind

DISTRICTS = Path(__file__).resolve().parent / "data" / "districts.csv"
TARGET_RATIO = 1.5


def load_time(repeat: int) -> float:
    """Best cold build time of the default graph, in seconds."""

    def build() -> None:
        indonesia.cache_clear()
        indonesia()

    return best_of(build, repeat=repeat)


def district_units(path: Path = DISTRICTS) -> list[Agency]:
    """One kecamatan unit per district, under its regency/city government."""
    kinds = {code: r.kind for code, r in regencies().items()}
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        Agency(
            id=f"{regency_id(row['regency_code'], kinds[row['regency_code']])}.kec-{row['code']}",
            name=f"Kecamatan {row['name']}",
            kind=AgencyKind.UNIT,
            region_code=row["code"],
            parent_id=regency_id(row["regency_code"], kinds[row["regency_code"]]),
            connected=True,
            affairs=("umum",),
        )
        for row in rows
    ]


def reports(n: int, districts: list[str], seed: int = 4) -> list[tuple[str, str | None]]:
    """N (category, region) pairs: every category, regions at all levels, some odd ones."""
    rng = random.Random(seed)
    cats = list(CompetenceTable.default().categories)
    provs = sorted(provinces())
    regs = sorted(regencies())
    out: list[tuple[str, str | None]] = []
    for _ in range(n):
        draw = rng.random()
        if draw < 0.35:
            region: str | None = rng.choice(regs)
        elif draw < 0.75:
            region = rng.choice(districts)
        elif draw < 0.90:
            region = f"{rng.choice(districts)}.{rng.randint(1001, 2020)}"
        elif draw < 0.96:
            region = rng.choice(provs)
        elif draw < 0.98:
            region = None
        else:
            region = "99.01"
        category = "unknown_topic" if rng.random() < 0.01 else rng.choice(cats)
        out.append((category, region))
    return out


def per_report_us(graph: AgencyGraph, batch: list[tuple[str, str | None]], repeat: int) -> float:
    """Best time per resolution over the batch, in microseconds."""
    resolve = graph.resolve_category

    def run() -> None:
        for category, region in batch:
            resolve(category, region)

    return best_of(run, repeat=repeat) / len(batch) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small smoke run (a few seconds)")
    parser.add_argument("--reports", type=int, default=None, help="reports to resolve")
    args = parser.parse_args(argv)
    n = args.reports or (5_000 if args.quick else 100_000)
    repeat = 1 if args.quick else 3

    load_s = load_time(repeat=1 if args.quick else 3)
    default = AgencyGraph.indonesia()
    start = time.perf_counter()
    units = district_units()
    with_districts = default.with_agencies(units)
    extend_s = time.perf_counter() - start
    batch = reports(n, [u.region_code or "" for u in units])

    # sanity: a district report for a general-government matter reaches its camat
    sample = with_districts.resolve_category("subdistrict_service", "16.07.01.2001")
    if sample.unit is None or sample.unit.region_code != "16.07.01":
        print(f"district unit not chosen: {sample}")
        return 1

    base = per_report_us(default, batch, repeat)
    more = per_report_us(with_districts, batch, repeat)
    ratio = more / base
    print(f"default graph: {len(default):,} agencies, cold load {load_s * 1000:.0f} ms")
    print(
        f"with districts: {len(with_districts):,} agencies (+{len(units):,} kecamatan), "
        f"built in {extend_s * 1000:.0f} ms"
    )
    print(f"reports resolved: {n:,} (best of {repeat})")
    print(f"  default        : {base:6.2f} us/report  ({n * base / 1e6:.2f} s total)")
    print(f"  with districts : {more:6.2f} us/report  ({n * more / 1e6:.2f} s total)")
    verdict = "OK" if ratio <= TARGET_RATIO else "TOO SLOW"
    print(f"  ratio          : {ratio:.2f}x (target <= {TARGET_RATIO}x) {verdict}")
    return 0 if ratio <= TARGET_RATIO or args.quick else 1


if __name__ == "__main__":
    sys.exit(main())

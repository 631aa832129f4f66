"""Scoring accumulator throughput: `IndicatorAccumulator` against a bare status count.

Measured in the same run on the same complaints (real `Complaint` objects, a
third of them with a dispatch and a first follow-up):

- baseline: a `collections.Counter` of statuses over the stream — the least
  any follow-up-rate computation does;
- `IndicatorAccumulator.add_all`: status shares plus calendar-day follow-up
  speed, scope and period filtering;
- `GroupedAccumulator.add_all`: the same per agency;
- chunked: four accumulators over quarters, merged (the distributed path).

The ratio is baseline time ÷ accumulator time (1.0 = as fast as counting
statuses). Run: python -m benchmarks.bench_scoring [--quick]
"""

import argparse
from collections import Counter
from datetime import timedelta

from tests.strategies.scoring import BASE, complaint

from benchmarks._timing import best_of_each
from sp4n.models import Complaint
from sp4n.scoring import GroupedAccumulator, IndicatorAccumulator, ScoringConfig
from sp4n.vocabulary import Status

STATUSES = list(Status)


def make_complaints(n: int) -> list[Complaint]:
    """``n`` complaints over 50 agencies; every third followed up after 0–20 days."""
    agencies = [f"kab-{i:02d}" for i in range(50)]
    out = []
    for i in range(n):
        followed = i % 3 == 0
        out.append(
            complaint(
                i,
                status=STATUSES[i % len(STATUSES)],
                agency_id=agencies[i % len(agencies)],
                submitted_at=BASE + timedelta(minutes=i),
                dispatch_after=timedelta(hours=5) if followed else None,
                follow_up_after=timedelta(days=i % 21) if followed else None,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run (seconds)")
    args = parser.parse_args(argv)
    n, repeat = (2_000, 2) if args.quick else (50_000, 5)
    data = make_complaints(n)
    config = ScoringConfig(scope={f"kab-{i:02d}" for i in range(40)})

    def baseline() -> object:
        return Counter(c.status for c in data)

    def single() -> object:
        return IndicatorAccumulator(config).add_all(data).result()

    def grouped() -> object:
        return GroupedAccumulator(config).add_all(data).results()

    def chunked() -> object:
        quarter = len(data) // 4
        parts = [
            IndicatorAccumulator(config).add_all(data[i : i + quarter])
            for i in range(0, len(data), quarter)
        ]
        acc = parts[0]
        for part in parts[1:]:
            acc = acc.merge(part)
        return acc.result()

    assert single() == chunked(), "chunked merge must equal the whole"
    times = best_of_each([baseline, single, grouped, chunked], repeat=repeat)
    base = times[0]
    print(f"scoring accumulators, {n} complaints, best of {repeat}")
    for name, t in zip(
        ["baseline Counter", "single", "grouped", "chunked+merge"], times, strict=True
    ):
        rate = n / t if t else float("inf")
        print(f"  {name:<18} {t * 1000:9.1f} ms  {rate:12,.0f} complaints/s  ratio {base / t:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Bulk deadline computation: sp4n's numpy path against bare numpy and a per-item holidays loop.

Run: `.venv/bin/python -m benchmarks.bench_workdays [--quick]`.

- sp4n bulk: `WorkingCalendar.add_working_days_bulk(starts, n)` on N start dates (2015-2025) with
  per-item limits from the rulebook (3, 5, 14, 60 working days), including the per-item
  `confirmed` flags. Target: at most 3x bare `numpy.busday_offset`.
- bare numpy: `numpy.busday_offset(starts, n, roll="backward", busdaycal=...)` on the same
  busdaycalendar, prebuilt (no coverage flags, no n == 0 handling).
- per-item loop: the usual Python loop over a prebuilt `holidays` object (step one day, skip
  weekends and holidays). Timed on a sample (20,000 items; 2,000 with --quick) and extrapolated
  linearly to N. Target: sp4n bulk at least 50x faster.
Answers are checked equal on the sample before timing (all three paths) and at full size
(sp4n bulk against bare numpy, `np.array_equal`).
"""

import argparse
from datetime import date, timedelta

import holidays
import numpy as np

from benchmarks._timing import best_of, best_of_each
from sp4n.rulebook import Rulebook
from sp4n.workdays import WorkingCalendar


def loop_over_holidays(starts: list[date], limits: list[int], table: object) -> list[date]:
    out = []
    for start, n in zip(starts, limits, strict=True):
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            if day.weekday() < 5 and day not in table:  # type: ignore[operator]
                counted += 1
        out.append(day)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    args = parser.parse_args(argv)
    size, sample_size, repeat = (20_000, 2_000, 2) if args.quick else (1_000_000, 20_000, 5)

    rng = np.random.default_rng(2024)
    first, last = np.datetime64("2015-01-01"), np.datetime64("2025-06-30")
    span = int((last - first).astype(int))
    starts = first + rng.integers(0, span, size=size).astype("timedelta64[D]")
    limits_rb = sorted({d.limit for d in Rulebook.default().deadlines if d.unit == "working_days"})
    n = rng.choice(np.array(limits_rb, dtype=np.int64), size=size)

    cal = WorkingCalendar.indonesia()
    warm = cal.add_working_days_bulk(starts, n)  # builds and caches the busdaycalendar
    assert warm.all_confirmed
    bdc = cal.busdaycalendar(2015, 2026)

    sample_starts = [d.item() for d in starts[:sample_size]]
    sample_n = [int(x) for x in n[:sample_size]]
    table = holidays.country_holidays(
        "ID", categories=("public", "government"), years=range(2015, 2027)
    )
    expected = loop_over_holidays(sample_starts, sample_n, table)
    ours = cal.add_working_days_bulk(starts[:sample_size], n[:sample_size]).days.tolist()
    bare = np.busday_offset(starts[:sample_size], n[:sample_size], roll="backward", busdaycal=bdc)
    assert ours == expected == bare.tolist(), "paths disagree"

    t_ours, t_bare = best_of_each(
        [
            lambda: cal.add_working_days_bulk(starts, n),
            lambda: np.busday_offset(starts, n, roll="backward", busdaycal=bdc),
        ],
        repeat=repeat,
    )
    full_ours = cal.add_working_days_bulk(starts, n).days
    full_bare = np.busday_offset(starts, n, roll="backward", busdaycal=bdc)
    assert np.array_equal(full_ours, full_bare), "sp4n bulk and bare numpy disagree at full size"
    t_loop_sample = best_of(lambda: loop_over_holidays(sample_starts, sample_n, table), repeat=2)
    t_loop = t_loop_sample * size / sample_size

    print(f"deadlines: {size:,} start dates 2015-2025, limits {limits_rb} working days")
    print(f"sp4n bulk (add_working_days_bulk):   {t_ours:8.4f} s")
    print(f"bare numpy.busday_offset:            {t_bare:8.4f} s")
    print(
        f"per-item loop over holidays:         {t_loop:8.4f} s ESTIMATE "
        f"(extrapolated linearly from {sample_size:,} items in {t_loop_sample:.4f} s)"
    )
    ratio_bare = t_ours / t_bare
    ratio_loop = t_loop / t_ours
    verdict_bare = "ok" if ratio_bare <= 3 else "MISSED"
    verdict_loop = "ok" if ratio_loop >= 50 else "MISSED"
    print(f"sp4n / bare numpy = {ratio_bare:.2f}x  (target <= 3x: {verdict_bare})")
    print(f"loop / sp4n       = {ratio_loop:.0f}x  (estimate; target >= 50x: {verdict_loop})")


if __name__ == "__main__":
    main()

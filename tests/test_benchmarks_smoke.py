"""Smoke runs of the benchmark scripts in --quick mode: they run and report ratios.

The figures themselves are claims of the benchmarks, not of the test suite: the
tests only make sure the scripts keep working.
"""

from benchmarks import bench_validation


def test_bench_validation_quick_runs() -> None:
    """The validation benchmark runs on a small sample and measures both ratios."""
    ratios = bench_validation.main(["--quick"])
    assert set(ratios) == {"vs_plain", "vs_jsonschema"}
    assert all(value > 0 for value in ratios.values())


def test_bench_monev_quick_runs() -> None:
    """The monev benchmark runs on 5,000 reports: JSONL, Parquet and polars agree."""
    from benchmarks import bench_monev

    figures = bench_monev.main(["--quick", "--workers", "1", "--steps-rows", "100"])
    assert figures["vs_polars"] > 0
    assert figures["parquet_speedup"] > 0


def test_bench_dask_quick_runs() -> None:
    """The Dask benchmark runs on 5,000 Parquet rows and matches the local engine."""
    from benchmarks import bench_dask

    figures = bench_dask.main(["--quick", "--workers", "2"])
    assert figures["5000"]["rows"] == 5000  # type: ignore[index]

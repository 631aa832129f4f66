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

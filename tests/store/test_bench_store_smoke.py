"""Smoke run of the load benchmark in --quick mode: it runs and its invariants hold."""

from __future__ import annotations

from benchmarks import bench_store_service


def test_bench_store_service_quick_runs() -> None:
    """100 submissions over HTTP from 8 clients: all acknowledged, stored once, chain intact."""
    [result] = bench_store_service.main(["--quick", "--backends", "sqlite"])
    assert (result["sent"], result["acknowledged"], result["failed"]) == (100, 100, 0)
    assert result["stored_equals_acknowledged"] is True
    assert result["audit_verifies"] is True
    assert float(result["throughput_per_s"]) > 0
    assert float(result["p95_ms"]) >= float(result["p50_ms"]) > 0
    assert float(result["http_vs_direct"]) > 0

"""Tests of the monev pipeline, its renderers and ``sp4n monev`` (sp4n.monev, sp4n.cli.monev)."""

import argparse
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from sp4n.cli import monev as monev_cli
from sp4n.cli import sample as sample_cli
from sp4n.errors import DataError
from sp4n.models import Complaint
from sp4n.monev import MonevPipeline, MonevResult, run_monev
from sp4n.monev.render_json import render_json, to_data
from sp4n.monev.render_text import render_text
from sp4n.sample import generate_complaints, sample_world, write_jsonl
from sp4n.scoring import (
    Rate,
    compute_connectivity,
    compute_grade,
    compute_indicators,
    compute_monev,
    rank_agencies,
)
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
SEED = 5


@pytest.fixture(scope="module")
def complaints() -> list[Complaint]:
    return list(generate_complaints(500, seed=SEED, now=NOW))


@pytest.fixture(scope="module")
def pipeline(complaints: list[Complaint]) -> MonevPipeline:
    return MonevPipeline(sample_world(SEED).graph, now=NOW, min_count=5).add_all(complaints)


@pytest.fixture(scope="module")
def result(pipeline: MonevPipeline) -> MonevResult:
    return pipeline.result()


def _rates(result: MonevResult) -> list[Rate]:
    s = result.summary
    found = [s.connectivity, *s.complaints.shares.values(), *s.complaints.on_time.values()]
    if s.activity is not None:
        found.append(s.activity)
    for row in result.provinces:
        found += [row.connectivity, *row.indicators.shares.values()]
        found += row.indicators.on_time.values()
    found += [e.rate for e in result.ranking.entries]
    return found


def test_rates_are_fractions_in_unit_interval_or_undefined(result: MonevResult) -> None:
    """Every rate of the report is in [0, 1], or undefined (no denominator), never invented."""
    rates = _rates(result)
    assert rates
    for rate in rates:
        if rate.defined:
            assert rate.value is not None
            assert Decimal(0) <= rate.value <= Decimal(1)
        else:
            assert rate.denominator == 0
            assert rate.value is None


def test_national_summary_agrees_with_scoring(
    pipeline: MonevPipeline, result: MonevResult, complaints: list[Complaint]
) -> None:
    """The streamed national summary equals scoring's indicators over the same reports."""
    assert result.summary.complaints == compute_indicators(complaints, pipeline.config)
    assert result.summary.connectivity == compute_connectivity(pipeline.governments)
    assert result.summary.grade == compute_grade(result.summary.complaints.follow_up_rate)


def test_province_report_agrees_with_compute_monev(complaints: list[Complaint]) -> None:
    """For a province, the report equals ``scoring.compute_monev`` of its governments."""
    pipeline = MonevPipeline(sample_world(SEED).graph, now=NOW, scope="61").add_all(complaints)
    result = pipeline.result()
    expected = compute_monev(complaints, agencies=pipeline.governments, config=pipeline.config)
    assert result.summary.complaints == expected.complaints
    assert result.summary.connectivity == expected.connectivity
    assert result.summary.grade == expected.grade


def test_ranking_agrees_with_scoring(
    pipeline: MonevPipeline, result: MonevResult, complaints: list[Complaint]
) -> None:
    """The fair ranking equals ``scoring.rank_agencies`` (Wilson lower bound) on the same data."""
    expected = rank_agencies(complaints, config=pipeline.config, min_count=5)
    assert result.ranking.entries == expected.entries
    adjusted = [e.adjusted for e in result.ranking.ranked]
    assert adjusted == sorted(adjusted, reverse=True)


def test_provinces_add_up_to_the_regional_reports(result: MonevResult) -> None:
    """Province totals never exceed the national total; there are 38 province rows."""
    assert len(result.provinces) == 38
    total = sum(row.indicators.total for row in result.provinces)
    assert 0 < total <= result.summary.complaints.total == result.seen


def test_breaches_match_on_time_rates(result: MonevResult) -> None:
    """Breached + met per agency stage equals the on-time rate's denominator."""
    for stage, rate in result.summary.complaints.on_time.items():
        decided = result.breaches.breached.get(stage, 0) + result.breaches.met.get(stage, 0)
        assert decided == rate.denominator
        assert result.breaches.met.get(stage, 0) == rate.numerator


def test_province_scope_counts_its_governments(complaints: list[Complaint]) -> None:
    """Scope 61 (Kalimantan Barat) evaluates its 15 governments and only reports handled there."""
    res = run_monev(complaints, graph=sample_world(SEED).graph, now=NOW, scope="61")
    assert res.summary.connectivity.denominator == 15
    assert res.summary.complaints.skipped_scope > 0
    assert [row.province_id for row in res.provinces] == ["prov-61"]
    assert res.provinces[0].indicators.total == res.summary.complaints.total


def test_period_filter_skips_reports_outside(complaints: list[Complaint]) -> None:
    """A half-year period skips the reports submitted outside it."""
    period = monev_cli.parse_period("2024-01-01..2024-06-30")
    res = run_monev(complaints, graph=sample_world(SEED).graph, now=NOW, period=period, sla=False)
    ind = res.summary.complaints
    assert ind.skipped_period > 0
    assert ind.total + ind.skipped_period == len(complaints)
    assert ind.on_time == {}


def test_unknown_scope_and_naive_now_are_refused() -> None:
    """An unknown region code or a naive ``now`` raises a DataError."""
    graph = sample_world(SEED).graph
    with pytest.raises(DataError):
        MonevPipeline(graph, now=NOW, scope="99")
    with pytest.raises(DataError):
        MonevPipeline(graph, now=datetime(2025, 1, 1))  # noqa: DTZ001 - naive on purpose


def test_json_rendering_parses_with_exact_rates(result: MonevResult) -> None:
    """The JSON text parses; rates keep numerator, denominator and a decimal value."""
    data = json.loads(render_json(result))
    assert data == json.loads(json.dumps(to_data(result)))
    rate = data["summary"]["complaints"]["shares"]["follow_up_rate"]
    assert rate["rule"] == "IND-FOLLOW-UP"
    assert Decimal(rate["value"]) == Decimal(rate["numerator"]) / Decimal(rate["denominator"])
    assert len(data["provinces"]) == 38


def test_text_rendering_has_every_section(result: MonevResult) -> None:
    """The rich rendering shows the summary, provinces, top and bottom and the SLA table."""
    from rich.console import Console

    console = Console(width=160, record=True)
    console.print(render_text(result))
    text = console.export_text()
    for title in ("summary", "per province", "top 5", "bottom 5", "SLA breaches"):
        assert title in text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    monev_cli.register(sub)
    sample_cli.register(sub)
    return parser


def test_monev_command_on_a_file_writes_json(tmp_path: Path, complaints: list[Complaint]) -> None:
    """``sp4n monev FILE --scope 61 --period 2024 --json`` prints the report and writes JSON."""
    data = tmp_path / "reports.jsonl"
    write_jsonl(complaints[:200], data)
    out = tmp_path / "out.json"
    args = _parser().parse_args(
        ["monev", str(data), "--scope", "61", "--period", "2024", "--json", str(out)]
    )
    assert args.handler(args) == 0
    parsed = json.loads(out.read_text("utf-8"))
    assert parsed["scope"] == "61"
    assert parsed["seen"] == 200


def test_monev_command_counts_refused_lines(tmp_path: Path, complaints: list[Complaint]) -> None:
    """A line that is not a valid Complaint is refused (exit 1), the rest is still reported."""
    data = tmp_path / "reports.jsonl"
    write_jsonl(complaints[:20], data)
    with data.open("a", encoding="utf-8") as handle:
        handle.write('{"type": "COMPLAINT"}\n')
    args = _parser().parse_args(["monev", str(data), "--now", "2025-01-14T12:00:00+07:00"])
    assert args.handler(args) == 1


def test_monev_command_needs_a_now_or_period(tmp_path: Path) -> None:
    """Without --now or --period the command refuses (the library never reads the clock)."""
    data = tmp_path / "reports.jsonl"
    data.write_text("", encoding="utf-8")
    args = _parser().parse_args(["monev", str(data)])
    with pytest.raises(DataError):
        args.handler(args)


def test_bad_period_is_a_usage_error() -> None:
    """A malformed period is refused by the argument parser (exit 2)."""
    with pytest.raises(SystemExit):
        _parser().parse_args(["monev", "x.jsonl", "--period", "2024-13"])


def test_sample_command_writes_the_same_file_for_a_seed(tmp_path: Path) -> None:
    """``sp4n sample --size 30 --seed 2 --out F`` twice writes identical files."""
    paths = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for path in paths:
        args = _parser().parse_args(["sample", "--size", "30", "--seed", "2", "--out", str(path)])
        assert args.handler(args) == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert len(paths[0].read_text("utf-8").splitlines()) == 30

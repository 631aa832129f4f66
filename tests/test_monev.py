"""Tests of the monev pipeline, its renderers and ``sp4n monev`` (sp4n.monev, sp4n.cli.monev)."""

import argparse
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from sp4n._types import generate_tracking_id
from sp4n.cli import monev as monev_cli
from sp4n.cli import sample as sample_cli
from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.lifecycle import apply, submit
from sp4n.models import (
    Actor,
    CloseEvent,
    Complaint,
    ComplaintSubmission,
    DeclareNotCompetentEvent,
    PostFollowUpEvent,
    RedispatchEvent,
    VerifyAndDispatchEvent,
)
from sp4n.monev import MonevPipeline, MonevResult, run_monev
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.render_json import render_json, to_data
from sp4n.monev.render_text import render_text
from sp4n.rulebook import Rulebook
from sp4n.sample import generate_complaints, sample_world, write_jsonl
from sp4n.scoring import (
    AGENCY_STAGES,
    Period,
    Rate,
    compute_by_group,
    compute_connectivity,
    compute_grade,
    compute_indicators,
    compute_ranking,
    compute_summary,
)
from sp4n.vocabulary import Channel, ReportType, Role, Stage
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
SEED = 5


@pytest.fixture(scope="module")
def complaints() -> list[Complaint]:
    return list(generate_complaints(500, seed=SEED, now=NOW))


@pytest.fixture(scope="module")
def pipeline(complaints: list[Complaint]) -> MonevPipeline:
    graph = sample_world(SEED).graph
    connected = ConnectedGovernments.from_hierarchy(graph)
    return MonevPipeline(graph, now=NOW, min_count=5, connected=connected).add_all(complaints)


@pytest.fixture(scope="module")
def result(pipeline: MonevPipeline) -> MonevResult:
    return pipeline.result()


def _rates(result: MonevResult) -> list[Rate]:
    s = result.summary
    assert s.connectivity is not None
    found = [s.connectivity, *s.complaints.shares.values(), *s.complaints.on_time.values()]
    if s.activity is not None:
        found.append(s.activity)
    for row in result.provinces:
        assert row.connectivity is not None
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


def test_province_report_agrees_with_compute_summary(complaints: list[Complaint]) -> None:
    """For a province, the report equals ``scoring.compute_summary`` of its governments."""
    graph = sample_world(SEED).graph
    connected = ConnectedGovernments.from_hierarchy(graph)
    pipeline = MonevPipeline(graph, now=NOW, scope="61", connected=connected)
    result = pipeline.add_all(complaints).result()
    expected = compute_summary(complaints, agencies=pipeline.governments, config=pipeline.config)
    assert result.summary.complaints == expected.complaints
    assert result.summary.connectivity == expected.connectivity
    assert result.summary.grade == expected.grade


def test_ranking_agrees_with_scoring(
    pipeline: MonevPipeline, result: MonevResult, complaints: list[Complaint]
) -> None:
    """The fair ranking equals ``scoring.compute_ranking`` (Wilson lower bound) on the same data."""
    counted = compute_by_group(complaints, pipeline.config)
    rates = {agency: result.follow_up_rate for agency, result in counted.items()}
    expected = compute_ranking(rates, scope=pipeline.config.scope, min_count=5)
    assert result.ranking.entries == expected.entries
    adjusted = [e.adjusted for e in result.ranking.ranked]
    assert adjusted == sorted(adjusted, reverse=True)


def test_provinces_add_up_to_the_regional_reports(result: MonevResult) -> None:
    """Province totals never exceed the national total; there are 38 province rows."""
    assert len(result.provinces) == 38
    total = sum(row.indicators.total for row in result.provinces)
    national = result.summary.complaints
    assert 0 < total <= national.total
    assert national.total + national.excluded_deleted == result.seen  # IND-EXCLUDE-DELETED


def test_breaches_match_on_time_rates(result: MonevResult) -> None:
    """Breached + met per agency stage equals the on-time rate's denominator."""
    for stage, rate in result.summary.complaints.on_time.items():
        decided = result.breaches.breached.get(stage, 0) + result.breaches.met.get(stage, 0)
        assert decided == rate.denominator
        assert result.breaches.met.get(stage, 0) == rate.numerator


def test_province_scope_counts_its_governments(complaints: list[Complaint]) -> None:
    """Scope 61 (Kalimantan Barat) evaluates its 15 governments and only reports handled there."""
    graph = sample_world(SEED).graph
    connected = ConnectedGovernments.from_hierarchy(graph)
    res = run_monev(complaints, hierarchy=graph, now=NOW, scope="61", connected=connected)
    assert res.summary.connectivity is not None
    assert res.summary.connectivity.denominator == 15
    assert res.summary.complaints.skipped_scope > 0
    assert [row.province_id for row in res.provinces] == ["prov-61"]
    assert res.provinces[0].indicators.total == res.summary.complaints.total


def test_period_filter_skips_reports_outside(complaints: list[Complaint]) -> None:
    """A half-year period skips the reports submitted outside it."""
    period = monev_cli.parse_period("2024-01-01..2024-06-30")
    res = run_monev(
        complaints, hierarchy=sample_world(SEED).graph, now=NOW, period=period, sla=False
    )
    ind = res.summary.complaints
    assert ind.skipped_period > 0
    assert ind.total + ind.excluded_deleted + ind.skipped_period == len(complaints)
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
    """The rich rendering shows the summary, provinces, rankings and the SLA table, per language."""
    from rich.console import Console

    console = Console(width=160, record=True)
    console.print(render_text(result, lang="en"))
    text = console.export_text()
    for title in ("Summary", "Per province", "The 5 with the most", "SLA: on time per stage"):
        assert title in text
    console = Console(width=160, record=True)
    console.print(render_text(result))  # Indonesian by default (#14)
    text = console.export_text()
    for title in ("Ringkasan", "Per provinsi", "5 teratas", "SLA: ketepatan waktu per tahap"):
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


# -- golden numbers of the spec, built through the lifecycle engine (review #10) -------------

_REPORTER = Actor(role=Role.REPORTER, user_id="warga")
_ADMIN = Actor(role=Role.NATIONAL_ADMIN, user_id="admin")


def _report(serial: int, government: str, outcome: str) -> Complaint:
    """A report addressed to ``government``: left SUBMITTED, IN_PROGRESS or CLOSED."""
    submitted = datetime(2024, 3, 4, 9, tzinfo=WIB) + timedelta(minutes=serial % 1000)
    submission = ComplaintSubmission(
        type=ReportType.COMPLAINT,
        title="Jalan provinsi rusak",
        body="Jalan provinsi berlubang di dekat pasar.",
        category="provincial_road",
        channel=Channel.WEB,
        target_agency_id=government,
        submitted_at=submitted,
    )
    c = submit(submission, tracking_id=generate_tracking_id(serial), actor=_REPORTER)
    if outcome == "unverified":
        return c
    liaison = Actor(role=Role.LIAISON, agency_id=government, user_id="penghubung")
    c = apply(
        c,
        VerifyAndDispatchEvent(
            at=submitted + timedelta(days=1), actor=_ADMIN, agency_id=government
        ),
    )
    c = apply(
        c, PostFollowUpEvent(at=submitted + timedelta(days=3), actor=liaison, text="Diproses")
    )
    if outcome == "closed":
        c = apply(c, CloseEvent(at=submitted + timedelta(days=4), actor=_REPORTER))
    return c


def _province(code: str, closed: int, in_progress: int, total: int, start: int) -> list[Complaint]:
    government = AgencyGraph.indonesia().government(code)
    assert government is not None
    plan = ["closed"] * closed + ["in_progress"] * in_progress
    plan += ["unverified"] * (total - len(plan))
    return [_report(start + i, government.id, o) for i, o in enumerate(plan)]


@pytest.fixture(scope="module")
def golden() -> MonevResult:
    reports = _province("62", 644, 26, 826, 1_000_000) + _province("15", 77, 12, 215, 2_000_000)
    return run_monev(reports, now=datetime(2024, 6, 1, tzinfo=WIB))


@pytest.mark.parametrize(
    ("province", "numerator", "denominator", "shown"),
    [("prov-62", 644 + 26, 826, "81%"), ("prov-15", 77 + 12, 215, "41%")],
)
def test_golden_follow_up_rate_kalimantan_tengah_and_jambi(
    golden: MonevResult, province: str, numerator: int, denominator: int, shown: str
) -> None:
    """Kalimantan Tengah (644+26)/826 = 81 % and Jambi (77+12)/215 = 41 % (standard.md §7)."""
    row = next(r for r in golden.provinces if r.province_id == province)
    rate = row.indicators.follow_up_rate
    assert (rate.numerator, rate.denominator) == (numerator, denominator)
    assert rate.display(0) == shown


def test_golden_scope_run_matches_the_province_row(golden: MonevResult) -> None:
    """A run scoped to Jambi (15) gives the same (77+12)/215 as its national row."""
    reports = _province("15", 77, 12, 215, 2_000_000)
    scoped = run_monev(reports, now=datetime(2024, 6, 1, tzinfo=WIB), scope="15")
    rate = scoped.summary.complaints.follow_up_rate
    assert (rate.numerator, rate.denominator, rate.display(0)) == (89, 215, "41%")
    # activity: the liaison acted in March, outside the one-month window before 1 June
    assert scoped.summary.activity.numerator == 0


# -- regressions of the review -----------------------------------------------------------------


def test_pipeline_rulebook_reaches_the_sla_engine(complaints: list[Complaint]) -> None:
    """A rulebook with 60-day limits changes the on-time rates and breaches (review #2)."""
    graph = sample_world(SEED).graph
    book = Rulebook.default().with_overrides(
        {"SLA-VERIFY": {"limit": 60}, "SLA-FIRST-FOLLOW-UP": {"limit": 60}}
    )
    base = MonevPipeline(graph, now=NOW).add_all(complaints[:150]).result()
    loose = MonevPipeline(graph, now=NOW, rulebook=book).add_all(complaints[:150]).result()
    first = base.breaches.breached.get(Stage.FIRST_FOLLOW_UP, 0)
    assert first > 0
    assert loose.breaches.breached.get(Stage.FIRST_FOLLOW_UP, 0) < first


def test_pipeline_calendar_follows_the_rulebook_week() -> None:
    """Without a calendar the pipeline uses the rulebook's working week (CAL-WEEK-DAYS)."""
    book = Rulebook.default().with_overrides({"CAL-WEEK-DAYS": {"value": 6}})
    pipe = MonevPipeline(sample_world(SEED).graph, now=NOW, rulebook=book)
    assert pipe.calendar.week_days == 6


def test_activity_credits_the_acting_agency_even_outside_the_period() -> None:
    """The admin who declared not competent is credited, not the final owner (review #4)."""
    graph = AgencyGraph.indonesia()
    wrong = graph.government("62.01")
    right = graph.government("62")
    assert wrong is not None
    assert right is not None
    now = datetime(2024, 3, 20, 12, tzinfo=WIB)
    submitted = datetime(2024, 3, 4, 9, tzinfo=WIB)
    submission = ComplaintSubmission(
        type=ReportType.COMPLAINT,
        title="Jalan provinsi rusak",
        body="Jalan provinsi berlubang di dekat pasar.",
        category="provincial_road",
        channel=Channel.WEB,
        submitted_at=submitted,
    )
    c = submit(submission, tracking_id=generate_tracking_id(3_000_000), actor=_REPORTER)
    wrong_admin = Actor(role=Role.AGENCY_ADMIN, agency_id=wrong.id, user_id="admin")
    c = apply(
        c,
        VerifyAndDispatchEvent(at=submitted + timedelta(days=1), actor=_ADMIN, agency_id=wrong.id),
    )
    c = apply(
        c,
        DeclareNotCompetentEvent(
            at=submitted + timedelta(days=2),
            actor=wrong_admin,
            reason="Bukan kewenangan kabupaten",
            suggested_agency_id=right.id,
        ),
        hierarchy=graph,
    )
    c = apply(
        c, RedispatchEvent(at=submitted + timedelta(days=3), actor=_ADMIN, agency_id=right.id)
    )
    pipe = MonevPipeline(graph, now=now, scope="62")
    pipe.add(c)
    assert pipe.result().summary.activity.numerator == 1
    assert set(pipe._logins) == {wrong.id}  # not the final owner, prov-62
    later = MonevPipeline(
        graph, now=now, scope="62", period=Period.from_dates(date(2025, 1, 1), date(2025, 12, 31))
    )
    assert later.add(c) is False  # outside the period ...
    assert later.result().summary.activity.numerator == 1  # ... but the admin still acted


def test_activity_window_comes_from_the_rulebook(golden: MonevResult) -> None:
    """IND-ACTIVITY-WINDOW of 6 months counts March actions at a 1 June evaluation."""
    reports = _province("15", 3, 0, 3, 2_000_000)
    book = Rulebook.default().with_overrides({"IND-ACTIVITY-WINDOW": {"value": 6}})
    now = datetime(2024, 6, 1, tzinfo=WIB)
    wide = MonevPipeline(AgencyGraph.indonesia(), now=now, scope="15", rulebook=book)
    assert wide.add_all(reports).result().summary.activity.numerator == 1
    narrow = run_monev(reports, now=now, scope="15")
    assert narrow.summary.activity.numerator == 0


def test_breach_table_shows_only_agency_stages(result: MonevResult) -> None:
    """Reply and hold windows expiring are no agency breach: not in the table (review #9)."""
    shown = set(result.breaches.breached) | set(result.breaches.met) | set(result.breaches.pending)
    assert shown
    assert shown <= AGENCY_STAGES


@pytest.mark.parametrize(
    "argv",
    [["--period", "9999"], ["--top", "-3"], ["--top", "0"], ["--period", "0000"]],
)
def test_monev_bad_options_are_usage_errors(argv: list[str]) -> None:
    """--period 9999 (was OverflowError) and --top below 1 are refused by the parser (review #6)."""
    with pytest.raises(SystemExit):
        _parser().parse_args(["monev", "x.jsonl", *argv])


@pytest.mark.parametrize("option", ["--json", "--html"])
def test_monev_unwritable_output_is_a_data_error(
    tmp_path: Path, complaints: list[Complaint], option: str
) -> None:
    """A missing directory is DataError OUTPUT-FILE, not FileNotFoundError (review #6)."""
    data = tmp_path / "reports.jsonl"
    write_jsonl(complaints[:10], data)
    target = tmp_path / "missing" / "out.file"
    args = _parser().parse_args(
        ["monev", str(data), "--now", "2025-01-14T12:00:00+07:00", option, str(target)]
    )
    with pytest.raises(DataError) as exc:
        args.handler(args)
    assert (exc.value.rule, exc.value.field) == ("OUTPUT-FILE", option[2:])

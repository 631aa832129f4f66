"""The monev report people read (#14): connectivity from data, drill-down, exports, language."""

import csv
import json
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.cli import main
from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.models import Complaint
from sp4n.monev import MonevPipeline, run_monev
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.details import RANKED_KINDS, RankingGroup
from sp4n.monev.drilldown import DIMENSIONS, Breakdown
from sp4n.monev.render_html import render_html
from sp4n.monev.tables import UNKNOWN, report_tables
from sp4n.monev.tiles import province_tiles
from sp4n.regions import provinces
from sp4n.sample import generate_complaints, sample_world, write_jsonl
from sp4n.scoring import handling_agency
from sp4n.vocabulary import AgencyKind
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
SEED = 3
KALBAR = "61"  # Kalimantan Barat: the province and its 14 regencies and cities (MENPAN-2020)


@pytest.fixture(scope="module")
def complaints() -> list[Complaint]:
    return list(generate_complaints(700, seed=SEED, now=NOW))


@pytest.fixture(scope="module")
def reports_file(tmp_path_factory: pytest.TempPathFactory, complaints: list[Complaint]) -> Path:
    path = tmp_path_factory.mktemp("monev") / "laporan.jsonl"
    write_jsonl(complaints, path)
    return path


def _kalbar_governments() -> list[str]:
    graph = AgencyGraph.indonesia()
    return [a.region_code or "" for a in MonevPipeline(graph, now=NOW, scope=KALBAR).governments]


def _connected_file(tmp_path: Path, codes: list[str]) -> Path:
    path = tmp_path / "terhubung.csv"
    path.write_text("region_code,connected\n" + "".join(f"{c},true\n" for c in codes), "utf-8")
    return path


def _run(reports: Path, out: Path, *extra: str) -> dict[str, object]:
    argv = ["monev", str(reports), "--period", "2024", "--now", NOW.isoformat()]
    assert main([*argv, "--json", str(out / "r.json"), *extra]) == 0
    data: dict[str, object] = json.loads((out / "r.json").read_text("utf-8"))
    return data


def test_IND_CONNECTIVITY_unknown_without_a_connected_file(
    reports_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --connected, connectivity is unknown: null in JSON, "tidak diketahui" and a hint."""
    html = tmp_path / "r.html"
    data = _run(reports_file, tmp_path, "--scope", KALBAR, "--html", str(html))
    capsys.readouterr()
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert summary["connectivity"] is None
    page = html.read_text("utf-8")
    assert "Keterhubungan tidak diketahui: berikan daftar" in page
    assert '<td class="num unknown">tidak diketahui</td>' in page


def test_IND_CONNECTIVITY_from_the_file_14_of_15(
    reports_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --connected listing 14 of Kalimantan Barat's 15 governments, connectivity is 14/15."""
    codes = _kalbar_governments()
    assert len(codes) == 15
    listed = _connected_file(tmp_path, codes[:-1])
    data = _run(reports_file, tmp_path, "--scope", KALBAR, "--connected", str(listed))
    capsys.readouterr()
    summary = data["summary"]
    assert isinstance(summary, dict)
    connectivity = summary["connectivity"]
    assert (connectivity["numerator"], connectivity["denominator"]) == (14, 15)
    details = data["details"]
    assert isinstance(details, dict)
    assert details["connectivity_source"] == "terhubung.csv"
    flags = {row["key"]: row["connected"] for row in details["agencies"]}
    assert sum(flags.values()) == 14
    assert len(flags) == 15


def test_IND_CONNECTIVITY_unlisted_or_false_is_not_connected() -> None:
    """Rows with connected=false and governments not listed count as not connected."""
    graph = AgencyGraph.indonesia()
    text = "agency_id,connected\nprov-61,ya\nkab-61.01,false\nkota-61.71,\n"
    found = ConnectedGovernments.from_csv_text(text, graph, source="x.csv")
    result = run_monev([], hierarchy=graph, now=NOW, scope=KALBAR, connected=found)
    assert result.summary.connectivity is not None
    assert (result.summary.connectivity.numerator, result.summary.connectivity.denominator) == (
        2,
        15,
    )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "region_code\n31.71\n",
            "ROUTE-DKI-ADMIN",
        ),  # DKI counts once: its cities are no governments
        ("region_code\n99.99\n", "REGION-CODE"),
        ("agency_id\nkab-61.01.dinas-pupr\n", "AGENCY-TREE"),  # a unit, not a government
        ("agency_id\nno-such-agency\n", "AGENCY-TREE"),
        ("name\nx\n", "INPUT-FILE"),
        ("region_code,connected\n61,maybe\n", "INPUT-FILE"),
    ],
)
def test_connected_file_rows_are_checked(text: str, rule: str) -> None:
    """A bad row of the connectivity file is a DataError naming the rule and the line."""
    with pytest.raises(DataError) as caught:
        ConnectedGovernments.from_csv_text(text, AgencyGraph.indonesia(), source="x.csv")
    assert caught.value.rule == rule


def test_ROUTE_DKI_ADMIN_dki_counts_once_in_the_connectivity_file() -> None:
    """Listing DKI's province connects one government of 546, not seven."""
    graph = AgencyGraph.indonesia()
    found = ConnectedGovernments.from_csv_text("region_code\n31\n", graph, source="x.csv")
    result = run_monev([], hierarchy=graph, now=NOW, scope="31", connected=found)
    assert result.summary.connectivity is not None
    assert (result.summary.connectivity.numerator, result.summary.connectivity.denominator) == (
        1,
        1,
    )


def test_a_missing_library_is_reported_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--xlsx without openpyxl fails at once (exit 2), before the input is even opened."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    missing = tmp_path / "not-read.jsonl"
    code = main(["monev", str(missing), "--period", "2024", "--xlsx", str(tmp_path / "r.xlsx")])
    assert code == 2
    err = capsys.readouterr().err
    assert "openpyxl" in err
    assert "not-read.jsonl" not in err
    assert not (tmp_path / "r.xlsx").exists()


def test_province_drill_down_lists_every_government_and_units(complaints: list[Complaint]) -> None:
    """A province's report has every regency/city (also those without reports) and their units."""
    graph = sample_world(SEED).graph
    result = run_monev(complaints, hierarchy=graph, now=NOW, scope=KALBAR)
    governments = result.details.governments()
    expected = {a.id for a in MonevPipeline(graph, now=NOW, scope=KALBAR).governments}
    assert next(r.key for r in governments) == "prov-61"  # the province first, then by code
    assert {r.key for r in governments} == expected
    assert len(governments) == 15
    assert sum(r.indicators.total for r in governments) == result.summary.complaints.total
    units = result.details.units
    assert {u.parent for u in units} <= {r.key for r in governments}
    assert sum(u.indicators.total for u in units) == result.summary.complaints.total


def test_drill_downs_add_up_to_the_scope(complaints: list[Complaint]) -> None:
    """Per category, channel and month the counts add up to the national total; trend is ordered."""
    result = run_monev(complaints, hierarchy=sample_world(SEED).graph, now=NOW, sla=False)
    total = result.summary.complaints.total
    details = result.details
    for rows in (details.categories, details.channels, details.trend):
        assert sum(r.indicators.total for r in rows) == total
    # Reports nobody handles and routing cannot place count nationally, for no agency.
    assert 0 < sum(r.indicators.total for r in details.agencies) <= total
    starts = [r.start for r in details.trend]
    assert starts == sorted(starts)
    assert details.granularity == "month"


def test_RANK_by_kind_never_mixes_kinds_nor_ranks_the_operator(complaints: list[Complaint]) -> None:
    """Each ranking holds one kind of agency; the national operator is in none."""
    graph = sample_world(SEED).graph
    result = run_monev(complaints, hierarchy=graph, now=NOW, min_count=3)
    assert set(result.details.rankings) == set(RankingGroup)
    for group, ranking in result.details.rankings.items():
        for entry in ranking.entries:
            assert graph.get(entry.agency_id).kind in RANKED_KINDS[group]
            assert graph.get(entry.agency_id).kind is not AgencyKind.NATIONAL
    provinces_ranked = result.details.rankings[RankingGroup.PROVINCES]
    assert len(provinces_ranked.entries) == 38
    assert result.name("prov-33") == "Pemerintah Provinsi Jawa Tengah"


@given(cut=st.integers(min_value=0, max_value=120))
def test_breakdown_merges_exactly(cut: int) -> None:
    """Two parts' breakdowns merged equal the breakdown of the whole, whatever the split."""
    reports = _few()
    pipeline = MonevPipeline(sample_world(SEED).graph, now=NOW, sla=False)
    whole = Breakdown(pipeline.config, unit_of=handling_agency)
    first = Breakdown(pipeline.config, unit_of=handling_agency)
    second = Breakdown(pipeline.config, unit_of=handling_agency)
    for i, complaint in enumerate(reports):
        whole.add(complaint)
        (first if i < cut else second).add(complaint)
    merged = first.merge(second)
    for dimension in DIMENSIONS:
        assert merged.results(dimension) == whole.results(dimension)


_FEW: list[Complaint] = []


def _few() -> list[Complaint]:
    if not _FEW:
        _FEW.extend(generate_complaints(120, seed=11, now=NOW))
    return _FEW


def test_short_period_trends_per_week(complaints: list[Complaint]) -> None:
    """A one-month period is trended per ISO week, every week of the month listed."""
    from sp4n.cli.monev import parse_period

    result = run_monev(
        complaints,
        hierarchy=sample_world(SEED).graph,
        now=NOW,
        period=parse_period("2024-03-01..2024-03-31"),
        sla=False,
    )
    assert result.details.granularity == "week"
    assert [r.key for r in result.details.trend] == [f"2024-W{w:02d}" for w in range(9, 14)]


def test_excel_holds_the_same_numbers_as_the_json(
    reports_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The .xlsx opens with openpyxl; summary, provinces, trend and ranking cells equal the JSON."""
    from openpyxl import load_workbook

    xlsx = tmp_path / "r.xlsx"
    data = _run(reports_file, tmp_path, "--xlsx", str(xlsx), "--lang", "en")
    capsys.readouterr()
    book = load_workbook(xlsx)
    assert book.sheetnames[0] == "report"
    summary = data["summary"]
    assert isinstance(summary, dict)
    follow = summary["complaints"]["shares"]["follow_up_rate"]
    rows = {row[0]: row for row in book["summary"].iter_rows(min_row=2, values_only=True)}
    excel = rows["Follow-up"]
    assert excel[2:4] == (follow["numerator"], follow["denominator"])
    assert excel[1] == pytest.approx(float(Decimal(follow["value"])), abs=1e-12)
    row_of = {c.value: c.row for c in book["summary"]["A"]}
    assert book["summary"].cell(row=row_of["Follow-up"], column=2).number_format == "0.0%"
    sheet = book["provinces"]
    head = [c.value for c in sheet[1]]
    by_code = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for province in data["provinces"]:  # type: ignore[union-attr]
        row = by_code[province["province_id"].removeprefix("prov-")]
        ind = province["indicators"]
        assert row[head.index("Reports")] == ind["total"]
        rate = ind["shares"]["follow_up_rate"]
        value = row[head.index("Follow-up")]
        assert (
            value is None
            if rate["value"] is None
            else value == pytest.approx(float(Decimal(rate["value"])), abs=1e-12)
        )
    trend = list(book["trend"].iter_rows(min_row=2, values_only=True))
    details = data["details"]
    assert isinstance(details, dict)
    assert [(r[0], r[2]) for r in trend] == [
        (t["key"], t["indicators"]["total"]) for t in details["trend"]
    ]
    rows_ = book["ranking_provinces"].iter_rows(min_row=2, values_only=True)
    ranked = [r for r in rows_ if r[1] is not None]  # the note under the table aside
    entries = details["rankings"]["provinces"]["entries"]
    assert [(r[0], r[1], r[3]) for r in ranked] == [
        (e["position"], e["agency_id"], e["rate"]["denominator"]) for e in entries
    ]


def test_csv_export_one_file_per_table(
    reports_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--csv DIR writes one CSV per table, with stable column keys and exact fractions."""
    folder = tmp_path / "tabel"
    data = _run(reports_file, tmp_path, "--scope", KALBAR, "--csv", str(folder))
    capsys.readouterr()
    names = sorted(p.name for p in folder.iterdir())
    assert "agencies.csv" in names
    assert "units.csv" in names
    assert "provinces.csv" not in names  # a province scope drills into governments
    with (folder / "agencies.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 15
    assert {r["connected"] for r in rows} == {"unknown"}
    details = data["details"]
    assert isinstance(details, dict)
    expected = {a["key"]: a["indicators"]["total"] for a in details["agencies"]}
    assert {r["agency_id"]: int(r["reports"]) for r in rows} == expected


def test_report_language_id_by_default_en_on_request(complaints: list[Complaint]) -> None:
    """Indonesian headings and number forms by default; English with lang="en"."""
    result = run_monev(complaints[:200], hierarchy=sample_world(SEED).graph, now=NOW)
    indonesian = render_html(result)
    english = render_html(result, lang="en")
    assert '<html lang="id">' in indonesian
    for word in ("Ringkasan", "Per provinsi", "<h2>Tren</h2>", "Peringkat yang adil", "Dievaluasi"):
        assert word in indonesian
        assert word not in english
    for word in ("Summary", "Per province", "Trend", "Fair ranking", "Evaluated as of"):
        assert word in english
    follow = result.summary.complaints.follow_up_rate.value
    assert follow is not None
    shown = f"{follow * 100:.1f}"
    assert f"{shown.replace('.', ',')}%" in indonesian
    assert f"{shown}%" in english


def test_every_table_row_has_as_many_cells_as_columns(complaints: list[Complaint]) -> None:
    """The table model is rectangular; unknown connectivity is UNKNOWN, never a number."""
    result = run_monev(complaints[:150], hierarchy=sample_world(SEED).graph, now=NOW, sla=False)
    for table in report_tables(result, "id"):
        for row in table.rows:
            assert len(row) == len(table.columns), table.key
    provinces_table = next(t for t in report_tables(result, "en") if t.key == "provinces")
    column = provinces_table.column("connectivity")
    assert {row[column] for row in provinces_table.rows} == {UNKNOWN}


def test_province_tiles_cover_every_province_once() -> None:
    """The tile-grid map has one tile per province, no two on the same cell."""
    tiles = province_tiles()
    assert sorted(t.code for t in tiles) == sorted(provinces())
    assert len({(t.row, t.col) for t in tiles}) == len(tiles)

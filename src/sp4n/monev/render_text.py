"""The monev report as rich tables for a terminal.

Percentages are rendered only here (rates stay exact fractions in the result);
an undefined rate (nothing counted) prints ``undefined``, never 0 %.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group, RenderableType
from rich.table import Table

from sp4n.monev.pipeline import MonevResult
from sp4n.scoring import DayStats, RankedEntry, Rate
from sp4n.vocabulary import Stage

__all__ = [
    "breach_table",
    "print_report",
    "province_table",
    "ranking_table",
    "render_text",
    "summary_table",
]

_AGENCY_STAGES = (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION)


def _pct(rate: Rate | None) -> str:
    return "not measured" if rate is None else rate.display(1)


def _frac(rate: Rate | None) -> str:
    return "" if rate is None else f"{rate.numerator}/{rate.denominator}"


def _num(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _speed(stats: DayStats | None) -> tuple[str, str]:
    if stats is None:
        return "not measured", ""
    return f"mean {_num(stats.mean)}, median {_num(stats.median)}", f"n={stats.count}"


def summary_table(result: MonevResult) -> Table:
    """National (scope-wide) summary: agency and complaint indicators with their counts."""
    s = result.summary
    ind = s.complaints
    table = Table(title=f"Ringkasan monev / summary — {result.scope_name}")
    table.add_column("indikator / indicator")
    table.add_column("nilai / value", justify="right")
    table.add_column("hitungan / counts", justify="right")
    table.add_column("rule")
    rows: list[tuple[str, Rate | None]] = [
        ("keterhubungan / connectivity", s.connectivity),
        ("keaktifan / activity (from recorded actions)", s.activity),
        ("tindak lanjut / follow-up rate", ind.follow_up_rate),
        ("selesai / closed share", ind.closed_share),
        ("proses / in-progress share", ind.in_progress_share),
        ("belum terverifikasi / unverified share", ind.unverified_share),
    ]
    for label, rate in rows:
        table.add_row(label, _pct(rate), _frac(rate), "" if rate is None else rate.rule or "")
    for label, stats in (
        ("laju tindak lanjut / days to first follow-up (calendar)", ind.follow_up_days),
        ("laju tindak lanjut / days to first follow-up (working)", ind.follow_up_working_days),
    ):
        value, count = _speed(stats)
        table.add_row(label, value, count, "" if stats is None else stats.rule or "")
    for stage in _AGENCY_STAGES:
        rate = ind.on_time.get(stage)
        table.add_row(
            f"tepat waktu / on time: {stage.value}", _pct(rate), _frac(rate), "IND-ON-TIME"
        )
    grade = "undefined" if s.grade is None else f"{s.grade.label_id} ({s.grade.grade})"
    table.add_row(f"predikat / grade of {s.grade_indicator}", grade, "", "")
    table.caption = (
        f"{result.seen} reports read, {ind.total} counted "
        f"({ind.skipped_period} outside the period, {ind.skipped_scope} outside the scope, "
        f"{ind.excluded_deleted} deleted left out); "
        f"as of {result.now.isoformat()}"
    )
    return table


def province_table(result: MonevResult) -> Table:
    """One line per province: connectivity, reports, follow-up, shares, speed, on time."""
    table = Table(title="Per provinsi / per province")
    for column in (
        "provinsi",
        "terhubung",
        "laporan",
        "tindak lanjut",
        "selesai",
        "proses",
        "belum verif.",
        "hari (median)",
        "tepat waktu TL1",
    ):
        table.add_column(column, justify="left" if column == "provinsi" else "right")
    for row in result.provinces:
        ind = row.indicators
        table.add_row(
            row.name,
            f"{_frac(row.connectivity)} {_pct(row.connectivity)}",
            str(ind.total),
            _pct(ind.follow_up_rate),
            _pct(ind.closed_share),
            _pct(ind.in_progress_share),
            _pct(ind.unverified_share),
            _num(ind.follow_up_days.median),
            _pct(ind.on_time.get(Stage.FIRST_FOLLOW_UP)),
        )
    return table


def ranking_table(result: MonevResult, entries: tuple[RankedEntry, ...], title: str) -> Table:
    """Ranked agencies with the columns that explain their place (counts, raw, Wilson bound)."""
    ranking = result.ranking
    table = Table(title=title)
    for column in ("#", "instansi / agency", "laporan", "tindak lanjut", "raw", "Wilson LB"):
        table.add_column(column, justify="left" if column == "instansi / agency" else "right")
    for e in entries:
        bound = "-" if e.adjusted is None else f"{e.adjusted * 100:.1f}%"
        table.add_row(
            str(e.position),
            result.name(e.agency_id),
            str(e.count),
            str(e.rate.numerator),
            e.rate.display(1),
            bound,
        )
    table.caption = (
        f"Ranked by the Wilson lower bound (z={ranking.z}) of {ranking.indicator} "
        f"({ranking.rule}); at least {ranking.min_count} reports (RANK-MIN-COUNT); "
        f"{len(ranking.excluded)} agencies not ranked (too few reports)."
    )
    return table


def breach_table(result: MonevResult) -> Table:
    """SLA outcomes per stage: breached, met, pending, and the on-time rate."""
    b = result.breaches
    table = Table(title="Pelanggaran SLA / SLA breaches by stage")
    for column in ("tahap / stage", "terlambat", "tepat", "berjalan", "on-time"):
        table.add_column(column, justify="left" if column.startswith("tahap") else "right")
    stages = [s for s in Stage if s in b.breached or s in b.met or s in b.pending]
    for stage in stages:
        rate = result.summary.complaints.on_time.get(stage)
        table.add_row(
            stage.value,
            str(b.breached.get(stage, 0)),
            str(b.met.get(stage, 0)),
            str(b.pending.get(stage, 0)),
            _pct(rate) if rate is not None else "-",
        )
    if not stages:
        table.caption = "SLA not measured."
    return table


def render_text(result: MonevResult, *, top: int = 5) -> RenderableType:
    """All the tables of the report, in reading order."""
    ranked = result.ranking.ranked
    bottom = tuple(reversed(ranked[-top:])) if len(ranked) > top else ()
    parts: list[RenderableType] = [
        summary_table(result),
        province_table(result),
        ranking_table(result, ranked[:top], f"Terbaik / top {top} (fair ranking)"),
    ]
    if bottom:
        parts.append(ranking_table(result, bottom, f"Terbawah / bottom {top} (fair ranking)"))
    parts.append(breach_table(result))
    return Group(*parts)


def print_report(console: Console, result: MonevResult, *, top: int = 5) -> None:
    """Print the report on ``console``."""
    console.print(render_text(result, top=top))

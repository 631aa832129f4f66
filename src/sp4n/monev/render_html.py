"""The monev report as one self-contained HTML file, in Indonesian (default) or English.

Rule: issue #14. The page a monev meeting works from: what was evaluated
(scope, period, instant, data source, rulebook version) at the top; the
summary; a tile-grid map and sorted bars of the follow-up rate against the
scope's average and the grade thresholds; the drill-down (per province for the
nation; per regency/city, every one of them, and per unit of each for a
province; per category and channel everywhere); the trend per month or week;
SLA on-time shares per stage with their limits and the agencies with the most
late stages; the fair ranking by kind of agency. Every chart has a title that
states its finding and its data table; every table comes from
[`sp4n.monev.tables.report_tables`][sp4n.monev.tables.report_tables], the same cells as the CSV and
Excel
exports.

The file opens offline: no script, font, stylesheet or image is fetched; the
charts are inline SVG drawn by matplotlib (the ``report`` extra: without it
[`render_html`][sp4n.monev.render_html] raises [`ConfigError`][sp4n.errors.ConfigError]). On screen
it
uses the full width; printed, it is laid out for A4 landscape.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs

from sp4n.i18n import Lang, label
from sp4n.monev.charts import (
    Tile,
    bar_chart,
    count_chart,
    grid_tiles,
    rate_bars,
    require_matplotlib,
    tile_map,
    trend_chart,
)
from sp4n.monev.details import GroupRow
from sp4n.monev.pipeline import NATIONAL, MonevResult
from sp4n.monev.tables import (
    UNKNOWN,
    Cell,
    Column,
    ReportSource,
    Table,
    breach_rows,
    cell_text,
    header_rows,
    limit_text,
    report_tables,
)
from sp4n.monev.texts import month_label, number, percent, short_date, text
from sp4n.monev.tiles import province_tiles
from sp4n.rulebook import GradeRule
from sp4n.scoring import AGENCY_STAGES, Rate
from sp4n.vocabulary import Stage

__all__ = ["CHART_KEYS", "render_html", "svg_charts"]

CHART_KEYS: Final = ("map", "follow_up", "trend", "sla", "breaches", "categories", "channels")
"""The charts of every report, in page order (each a ``<figure data-chart=KEY>``)."""

_TOP: Final = 10
_STAGES: Final = tuple(s for s in Stage if s in AGENCY_STAGES)

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
 padding:1.25rem 2rem 3rem;color:#1d2433;line-height:1.35;width:100%}
h1{font-size:1.55rem;margin:.2rem 0 .6rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;
 border-bottom:2px solid #d6dae1;padding-bottom:.2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 .6rem;
 font-size:.9rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.note{color:#4b5563;font-size:.82rem;margin:.3rem 0}.hint{color:#8a4b00;font-weight:600}
div.wide{overflow-x:auto;width:100%}
table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.8rem}
th,td{border:1px solid #d6dae1;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600}td.num{text-align:right;
 font-variant-numeric:tabular-nums;white-space:nowrap}th.num{text-align:right}
tr.group td{background:#f6f7f9;font-weight:600}
figure.chart{margin:.6rem 0 1.2rem;width:100%}figure.chart svg{width:100%;height:auto;display:block}
figure.chart h3{margin-top:.2rem}
details{margin:.2rem 0}summary{cursor:pointer;color:#0b57d0;font-size:.85rem}
.unknown{color:#8a4b00;font-style:italic}
@page{size:A4 landscape;margin:11mm 10mm}
@media print{body{padding:0;font-size:9pt}h2{break-after:avoid;margin-top:1rem}
 h3{break-after:avoid}figure.chart{break-inside:avoid}tr{break-inside:avoid}
 details{display:none}table{font-size:7.5pt}div.wide{overflow:visible}a{color:inherit;text-decoration:none}}
"""


@attrs.frozen
class _Chart:
    key: str
    title: str
    svg: str
    table: Table


def _esc(value: str) -> str:
    return html.escape(value, quote=True)


def _cell(column: Column, value: Cell, lang: Lang) -> str:
    css = ["num"] if column.numeric else []
    if value is UNKNOWN:
        css.append("unknown")
    attr = f' class="{" ".join(css)}"' if css else ""
    return f"<td{attr}>{_esc(cell_text(value, lang))}</td>"


def _table_html(table: Table, lang: Lang, *, group_by: str | None = None) -> str:
    """A table; ``group_by`` puts a heading row for each value of that column instead of it."""
    group = None if group_by is None else table.column(group_by)
    shown = [i for i in range(len(table.columns)) if i != group]
    head = "".join(
        f'<th{" class=num" if c.numeric else ""} scope="col">{_esc(c.title)}</th>'
        for c in (table.columns[i] for i in shown)
    )
    body = []
    current: Cell = None
    for row in table.rows:
        if group is not None and row[group] != current:
            current = row[group]
            body.append(
                f'<tr class="group"><td colspan="{len(shown)}">'
                f"{_esc(cell_text(current, lang))}</td></tr>"
            )
        body.append(
            "<tr>" + "".join(_cell(table.columns[i], row[i], lang) for i in shown) + "</tr>"
        )
    note = f'<p class="note">{_esc(table.note)}</p>' if table.note else ""
    return (
        f'<div class="wide"><table data-table="{_esc(table.key)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{note}"
    )


def _without(table: Table, keys: Sequence[str]) -> Table:
    keep = [i for i, c in enumerate(table.columns) if c.key not in keys]
    return attrs.evolve(
        table,
        columns=tuple(table.columns[i] for i in keep),
        rows=tuple(tuple(row[i] for i in keep) for row in table.rows),
    )


def _small(key: str, lang: Lang, head: str, rows: Sequence[tuple[str, Cell, Cell]]) -> Table:
    """The data table behind a chart: name, value, count."""
    return Table(
        key,
        "",
        (
            Column("name", head, numeric=False),
            Column("value", text("ui.monev.col.value", lang)),
            Column("reports", text("ui.monev.col.reports", lang)),
        ),
        tuple((name, value, count) for name, value, count in rows),
    )


def _threshold(grades: Sequence[GradeRule]) -> GradeRule | None:
    """The grade a chart title measures against: *Baik* (good) if in force, else the second best."""
    for grade in grades:
        if grade.grade == "BAIK":
            return grade
    return grades[1] if len(grades) > 1 else (grades[0] if grades else None)


def _short(name: str) -> str:
    for prefix in ("Pemerintah Provinsi ", "Pemerintah Kabupaten ", "Pemerintah "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


def _follow(row_rate: Rate | None) -> Rate:
    return row_rate if row_rate is not None else Rate(0, 0)


def _region_rows(result: MonevResult) -> list[tuple[str, str, Rate]]:
    """(key, label, follow-up rate) of the regions the scope drills into."""
    if result.scope == NATIONAL:
        return [
            (r.province_id, r.name, _follow(r.indicators.shares.get("follow_up_rate")))
            for r in result.provinces
        ]
    return [
        (r.key, _short(r.name), _follow(r.indicators.shares.get("follow_up_rate")))
        for r in result.details.governments()
    ]


def _finding_below(rows: Sequence[tuple[str, str, Rate]], result: MonevResult, lang: Lang) -> str:
    grade = _threshold(result.details.grades)
    measured = [r for r in rows if r[2].value is not None]
    if grade is None or not measured:
        return text("ui.monev.chart.none", lang)
    below = sum(1 for r in measured if (r[2].value or 0) < grade.min_rate)
    what = "provinces" if result.scope == NATIONAL else "governments"
    return text(
        "ui.monev.chart.below",
        lang,
        below=str(below),
        total=str(len(measured)),
        what=text(f"ui.monev.what.{what}", lang),
        threshold=percent(grade.min_rate, lang, 0),
        grade=text(f"label.grade.{grade.grade}", lang),
    )


def _map(result: MonevResult, lang: Lang) -> _Chart:
    rows = _region_rows(result)
    rates = {key: rate for key, _, rate in rows}
    if result.scope == NATIONAL:
        tiles = [
            Tile(t.abbreviation, t.row, t.col, rates.get(f"prov-{t.code}"))
            for t in province_tiles()
        ]
        finding_id = "ui.monev.chart.map"
    else:
        tiles = grid_tiles(
            [textwrap.fill(label_, 16) for _, label_, _ in rows], [rate for *_, rate in rows]
        )
        finding_id = "ui.monev.chart.map-governments"
    measured = sorted(
        (r for r in rows if r[2].value is not None), key=lambda r: (-(r[2].value or 0), r[1])
    )
    if measured:
        best, worst = measured[0], measured[-1]
        title = text(
            finding_id,
            lang,
            best=best[1],
            best_rate=percent(best[2].value or Decimal(0), lang),
            worst=worst[1],
            worst_rate=percent(worst[2].value or Decimal(0), lang),
        )
    else:
        title = text("ui.monev.chart.map-empty", lang)
    head = text(
        "ui.monev.col.province" if result.scope == NATIONAL else "ui.monev.col.government", lang
    )
    table = _small("map", lang, head, [(name, rate, rate.denominator) for _, name, rate in rows])
    return _Chart("map", title, tile_map(tiles, grades=result.details.grades, lang=lang), table)


def _bars(result: MonevResult, lang: Lang) -> _Chart:
    rows = _region_rows(result)
    average = result.summary.complaints.shares.get("follow_up_rate")
    svg = bar_chart(
        [name for _, name, _ in rows],
        [rate for *_, rate in rows],
        average=average,
        grades=result.details.grades,
        lang=lang,
    )
    head = text(
        "ui.monev.col.province" if result.scope == NATIONAL else "ui.monev.col.government", lang
    )
    ordered = sorted(rows, key=lambda r: (r[2].value is None, -(r[2].value or 0), r[1]))
    table = _small(
        "follow_up", lang, head, [(name, rate, rate.denominator) for _, name, rate in ordered]
    )
    return _Chart("follow_up", _finding_below(rows, result, lang), svg, table)


def _bucket_label(row: GroupRow, week: bool, lang: Lang) -> str:
    if row.start is None:
        return row.key
    return short_date(row.start, lang) if week else month_label(row.start, lang)


def _trend(result: MonevResult, lang: Lang, table: Table) -> _Chart:
    details = result.details
    week = details.granularity == "week"
    rows = details.trend
    labels = [_bucket_label(r, week, lang) for r in rows]
    short = [
        (
            r.start.strftime("%d/%m")
            if week
            else month_label(r.start, lang)[:3] + r.start.strftime(" %y")
        )
        if r.start is not None
        else r.key
        for r in rows
    ]
    rates = [_follow(r.indicators.shares.get("follow_up_rate")) for r in rows]
    follow = [r.numerator for r in rates]
    closed = [(r.indicators.shares.get("closed_share") or Rate(0, 0)).numerator for r in rows]
    svg = trend_chart(short, [r.indicators.total for r in rows], follow, closed, rates, lang=lang)
    measured = [(labels[i], rates[i]) for i in range(len(rows)) if rates[i].value is not None]
    if measured:
        (first, first_rate), (last, last_rate) = measured[0], measured[-1]
        title = text(
            "ui.monev.chart.trend",
            lang,
            first=percent(first_rate.value or Decimal(0), lang),
            first_bucket=first,
            last=percent(last_rate.value or Decimal(0), lang),
            last_bucket=last,
        )
    else:
        title = text("ui.monev.chart.trend-empty", lang)
    return _Chart("trend", title, svg, _without(table, ("bucket",)))


def _sla(result: MonevResult, lang: Lang, table: Table) -> _Chart:
    on_time = result.summary.complaints.on_time
    deadlines = result.details.deadlines
    labels = [f"{label(s, lang)}\n({limit_text(deadlines, s, lang)})" for s in _STAGES]
    rates = [on_time.get(s) for s in _STAGES]
    svg = rate_bars(labels, rates, grades=result.details.grades, lang=lang)
    decided = [(s, r) for s, r in zip(_STAGES, rates, strict=True) if r is not None and r.value]
    decided += [
        (s, r) for s, r in zip(_STAGES, rates, strict=True) if r is not None and r.value == 0
    ]
    if decided:
        stage, rate = min(decided, key=lambda item: item[1].value or 0)
        title = text(
            "ui.monev.chart.sla",
            lang,
            stage=label(stage, lang),
            share=percent(rate.value or Decimal(0), lang),
            limit=limit_text(deadlines, stage, lang),
        )
    else:
        title = text("ui.monev.chart.sla-empty", lang)
    return _Chart("sla", title, svg, table)


def _breaches(result: MonevResult, lang: Lang, table: Table) -> _Chart:
    top = breach_rows(result)[:_TOP]
    svg = count_chart(
        [textwrap.shorten(_short(row.name), 48) for row, _, _ in top],
        [late for _, late, _ in top],
        [f"({percent(Rate(late, decided).value or Decimal(0), lang)})" for _, late, decided in top],
        axis=text("ui.monev.axis.late", lang),
        lang=lang,
    )
    if top:
        row, late, _ = top[0]
        title = text("ui.monev.chart.breaches", lang, agency=row.name, count=number(late, lang))
    else:
        title = text("ui.monev.chart.none", lang)
    return _Chart("breaches", title, svg, attrs.evolve(table, rows=table.rows[:_TOP]))


def _counts(key: str, result: MonevResult, lang: Lang, table: Table) -> _Chart:
    total = result.summary.complaints.total
    column = table.column("reports")
    names = [str(row[0]) for row in table.rows[:_TOP]]
    counts = [_int(row[column]) for row in table.rows[:_TOP]]
    svg = count_chart(
        [textwrap.shorten(name, 48) for name in names],
        counts,
        [f"({percent(Rate(count, total).value or Decimal(0), lang)})" for count in counts],
        axis=text("ui.monev.axis.reports", lang),
        lang=lang,
    )
    if counts and key == "categories":
        title = text(
            "ui.monev.chart.categories", lang, category=names[0], count=number(counts[0], lang)
        )
    elif counts:
        share = Rate(counts[0], total).value or Decimal(0)
        title = text("ui.monev.chart.channels", lang, share=percent(share, lang), channel=names[0])
    else:
        title = text("ui.monev.chart.none", lang)
    return _Chart(key, title, svg, _without(table, _WIDE))


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


_WIDE: Final = (
    "in_progress_share",
    "unverified_share",
    "median_days",
    *(f"on_time_{s.value.lower()}" for s in _STAGES),
)
_DETAIL: Final = (
    "in_progress_share",
    "on_time_verification",
    "on_time_resolution",
)
"""Columns the page leaves to the CSV and Excel files (the tables stay readable on A4)."""


def _charts(result: MonevResult, lang: Lang, tables: dict[str, Table]) -> list[_Chart]:
    return [
        _map(result, lang),
        _bars(result, lang),
        _trend(result, lang, tables["trend"]),
        _sla(result, lang, tables["sla"]),
        _breaches(result, lang, tables["breaches"]),
        _counts("categories", result, lang, tables["categories"]),
        _counts("channels", result, lang, tables["channels"]),
    ]


def svg_charts(result: MonevResult, *, lang: Lang = "id") -> dict[str, str]:
    """Every chart as an SVG text, by [`CHART_KEYS`][sp4n.monev.render_html.CHART_KEYS].

    Raises:
        ConfigError: matplotlib is not installed (the ``report`` extra).
    """
    require_matplotlib()
    tables = {t.key: t for t in report_tables(result, lang)}
    return {chart.key: chart.svg for chart in _charts(result, lang, tables)}


def _figure(chart: _Chart, lang: Lang) -> str:
    return (
        f'<figure class="chart" data-chart="{chart.key}"><h3>{_esc(chart.title)}</h3>'
        f"{chart.svg}<details><summary>{_esc(text('ui.monev.data-table', lang))}</summary>"
        f"{_table_html(chart.table, lang)}</details></figure>"
    )


def _section(key: str, title: str, *parts: str) -> str:
    return f'<section id="{key}"><h2>{_esc(title)}</h2>{"".join(parts)}</section>'


def _header(result: MonevResult, lang: Lang, source: ReportSource | None) -> str:
    scope = "Indonesia" if result.scope == NATIONAL else _short(result.scope_name)
    title = text("ui.monev.title", lang, scope=scope)
    meta = "".join(
        f"<dt>{_esc(name)}</dt><dd>{_esc(value)}</dd>"
        for name, value in header_rows(result, lang, source)
    )
    notes = []
    if result.details.connected_source is None:
        notes.append(f'<p class="note hint">{_esc(text("ui.monev.connectivity-hint", lang))}</p>')
    if result.scope in (NATIONAL, "31"):
        notes.append(f'<p class="note">{_esc(text("ui.monev.dki-note", lang))}</p>')
    return f'<header><h1>{_esc(title)}</h1><dl class="meta">{meta}</dl>{"".join(notes)}</header>'


def render_html(
    result: MonevResult, *, lang: Lang = "id", source: ReportSource | None = None, top: int = _TOP
) -> str:
    """The whole report as a self-contained HTML document in ``lang``.

    Args:
        result: The evaluation.
        lang: ``"id"`` (default: the report's readers are Indonesian officials) or ``"en"``.
        source: The input files and counts, for the header.
        top: Rows of the breach chart (the tables list every agency).

    Raises:
        ConfigError: matplotlib is not installed (the ``report`` extra).
    """
    require_matplotlib()
    del top  # the charts show the top ten; every table is complete
    tables = {t.key: t for t in report_tables(result, lang)}
    charts = {c.key: c for c in _charts(result, lang, tables)}
    tables = {key: _without(t, _DETAIL) for key, t in tables.items()}
    national = result.scope == NATIONAL
    body = [
        _header(result, lang, source),
        _section("summary", tables["summary"].title, _table_html(tables["summary"], lang)),
        _section(
            "map",
            text("ui.monev.section.map", lang),
            _figure(charts["map"], lang),
            _figure(charts["follow_up"], lang),
        ),
    ]
    if national:
        body.append(
            _section("provinces", tables["provinces"].title, _table_html(tables["provinces"], lang))
        )
        if any(row[3] is None for row in tables["agencies"].rows):
            agencies = attrs.evolve(
                tables["agencies"],
                rows=tuple(row for row in tables["agencies"].rows if row[3] is None),
            )
            body.append(
                _section(
                    "agencies",
                    text("ui.monev.section.central", lang),
                    _table_html(_without(agencies, ("connected",)), lang),
                )
            )
    else:
        governments = attrs.evolve(
            tables["agencies"],
            rows=tuple(row for row in tables["agencies"].rows if row[3] is not None),
        )
        body.append(
            _section("governments", tables["agencies"].title, _table_html(governments, lang))
        )
        units = _without(tables["units"], ("government_id", "unit_id"))
        body.append(_section("units", units.title, _table_html(units, lang, group_by="government")))
    body += [
        _section("trend", tables["trend"].title, _figure(charts["trend"], lang)),
        _section(
            "sla",
            tables["sla"].title,
            _figure(charts["sla"], lang),
            f"<h3>{_esc(tables['breaches'].title)}</h3>",
            _figure(charts["breaches"], lang),
        ),
        _section(
            "categories",
            tables["categories"].title,
            _figure(charts["categories"], lang),
            _table_html(tables["categories"], lang),
        ),
        _section(
            "channels",
            tables["channels"].title,
            _figure(charts["channels"], lang),
            _table_html(tables["channels"], lang),
        ),
    ]
    rankings = [
        f"<h3>{_esc(t.title)}</h3>{_table_html(t, lang)}"
        for key, t in tables.items()
        if key.startswith("ranking_")
    ]
    body.append(_section("ranking", text("ui.monev.section.ranking", lang), *rankings))
    body.append(
        f'<footer><p class="note">{_esc(text("ui.monev.rates-note", lang))} '
        f"{_esc(text('ui.monev.print-note', lang))}</p></footer>"
    )
    title = text(
        "ui.monev.title",
        lang,
        scope="Indonesia" if national else _short(result.scope_name),
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>",
            *body,
            "</body></html>",
        ]
    )

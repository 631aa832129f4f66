"""The monev report as tables: one model behind the HTML, CSV, Excel and terminal reports.

Rule: issue #14. Each table has a stable ``key`` (its CSV file and Excel
sheet name), a title and column titles in the reader's language, and typed
cells, so every output shows the same numbers: a [`Rate`][sp4n.scoring.Rate]
stays a rate (a percentage on screen, a number with a percent format in Excel,
the exact fraction in CSV), a count an ``int``, days a ``Decimal``, a date a
``date``; ``None`` is "not applicable / not measured" and [`UNKNOWN`][sp4n.monev.tables.UNKNOWN] is
"not known" (connectivity without data: never a number).

[`report_tables`][sp4n.monev.tables.report_tables] lists every table of a result, in report order;
renderers pick the ones they show.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from sp4n.i18n import Lang, format_datetime, label
from sp4n.monev.details import GroupRow, RankingGroup
from sp4n.monev.pipeline import NATIONAL, MonevResult
from sp4n.monev.texts import days, month_label, number, rate_text, short_date, text
from sp4n.rulebook import DeadlineRule
from sp4n.scoring import AGENCY_STAGES, ComplaintIndicators, Ranking, Rate
from sp4n.vocabulary import AgencyKind, Channel, Stage
from sp4n.workdays import WIB

_STAGES: Final = tuple(s for s in Stage if s in AGENCY_STAGES)

__all__ = [
    "UNKNOWN",
    "Cell",
    "Column",
    "ReportSource",
    "SourceFile",
    "Table",
    "breach_rows",
    "cell_text",
    "header_rows",
    "limit_text",
    "report_tables",
]


class _Unknown(enum.Enum):
    UNKNOWN = "unknown"


UNKNOWN: Final = _Unknown.UNKNOWN
"""A value the report cannot know (connectivity without ``--connected``)."""

Cell: TypeAlias = str | int | Decimal | Rate | date | bool | _Unknown | None
"""A table cell: text, count, days, rate, date, yes/no, not applicable, unknown."""


@attrs.frozen
class Column:
    """A column: its stable key (CSV header id), its title, and whether it holds numbers."""

    key: str
    title: str
    numeric: bool = True


@attrs.frozen
class Table:
    """One table of the report.

    Attributes:
        key: Stable name: the CSV file (``<key>.csv``) and the Excel sheet.
        title: The heading in the reader's language.
        columns: The columns.
        rows: The cells, one tuple per row, as many as columns.
        note: A line under the table (how it was computed), may be empty.
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""

    def column(self, key: str) -> int:
        """The index of the column ``key``.

        Raises:
            KeyError: no such column.
        """
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)


@attrs.frozen
class SourceFile:
    """An input file of the report: its name and the reports read and refused."""

    name: str
    read: int
    refused: int = 0


@attrs.frozen
class ReportSource:
    """Where the reports came from, for the report's header.

    Attributes:
        files: Input files (name, read, refused).
        generated: ``(count, seed)`` for generated sample reports (``sp4n demo``).
    """

    files: tuple[SourceFile, ...] = ()
    generated: tuple[int, int] | None = None


def cell_text(cell: Cell, lang: Lang) -> str:  # noqa: PLR0911 - one return per cell type
    """A cell as people read it in ``lang``."""
    if cell is UNKNOWN:
        return text("ui.unknown", lang)
    if cell is None:
        return "–"
    if isinstance(cell, bool):
        return text("ui.monev.yes" if cell else "ui.monev.no", lang)
    if isinstance(cell, Rate):
        return rate_text(cell, lang)
    if isinstance(cell, int):
        return number(cell, lang)
    if isinstance(cell, Decimal):
        return days(cell, lang)
    if isinstance(cell, date):
        return short_date(cell, lang)
    return str(cell)


def _c(key: str, msgid: str, lang: Lang, *, numeric: bool = True, **params: str) -> Column:
    return Column(key, text(msgid, lang, **params), numeric)


def limit_text(rules: Sequence[DeadlineRule], stage: Stage, lang: Lang) -> str:
    """The SLA limit of a stage as people read it: ``3 hari kerja`` or a range by report type."""
    limits = sorted({r.limit for r in rules if r.stage is stage and r.unit == "working_days"})
    if not limits:
        return "–"
    if len(limits) == 1:
        return text("ui.working-days", lang, count=limits[0])
    return text("ui.monev.limit-range", lang, low=str(limits[0]), high=str(limits[-1]))


def _kind_label(kind: AgencyKind | None, lang: Lang) -> str:
    return "" if kind is None else label(kind, lang)


def _category_name(row: GroupRow, lang: Lang) -> str:
    """The competence table's label: an Indonesian term (the table has no English labels)."""
    del lang
    return row.name


def _scope_text(result: MonevResult, lang: Lang) -> str:
    if result.scope == NATIONAL:
        return text("ui.monev.scope-national", lang)
    return f"{result.scope_name} ({result.scope})"


def _local_day(instant: datetime) -> date:
    return instant.astimezone(WIB).date()


def _period_text(result: MonevResult, lang: Lang) -> str:
    period = result.period
    if period.start is None and period.end is None:
        return text("ui.monev.period-all", lang)
    start = "…" if period.start is None else short_date(_local_day(period.start), lang)
    if period.end is None:
        end = "…"
    else:  # the end is exclusive: the period's last day is the day before
        end = short_date(_local_day(period.end) - timedelta(days=1), lang)
    return text("ui.monev.period-range", lang, start=start, end=end)


def header_rows(
    result: MonevResult, lang: Lang, source: ReportSource | None = None
) -> tuple[tuple[str, str], ...]:
    """What the report is about, as (label, value) lines: scope, period, instant, source, rules."""
    ind = result.summary.complaints
    rows = [
        (text("ui.monev.scope", lang), _scope_text(result, lang)),
        (text("ui.monev.period", lang), _period_text(result, lang)),
        (text("ui.monev.as-of", lang), format_datetime(result.now, lang)),
    ]
    if source is not None:
        parts = [
            text(
                "ui.monev.source-file",
                lang,
                name=f.name,
                read=number(f.read, lang),
                refused=number(f.refused, lang),
            )
            for f in source.files
        ]
        if source.generated is not None:
            count, seed = source.generated
            parts.append(
                text("ui.monev.source-generated", lang, count=number(count, lang), seed=str(seed))
            )
        rows.append((text("ui.monev.source", lang), "; ".join(parts)))
    rows.append(
        (
            text("ui.monev.counted", lang),
            text(
                "ui.monev.counted-detail",
                lang,
                counted=number(ind.total, lang),
                read=number(result.seen, lang),
                outside_period=number(ind.skipped_period, lang),
                outside_scope=number(ind.skipped_scope, lang),
                deleted=number(ind.excluded_deleted, lang),
            ),
        )
    )
    details = result.details
    if details.connected_source is None:
        connected = text("ui.unknown", lang)
    elif not details.connected_rows:  # from a hierarchy's flags, not a file
        connected = details.connected_source
    else:
        connected = text(
            "ui.monev.connectivity-file",
            lang,
            name=details.connected_source,
            rows=number(details.connected_rows, lang),
        )
    rows.append((text("ui.monev.connectivity-data", lang), connected))
    rows.append((text("ui.monev.rulebook", lang), details.rulebook_version))
    return tuple(rows)


def _summary(result: MonevResult, lang: Lang) -> Table:
    s = result.summary
    ind = s.complaints
    rows: list[tuple[Cell, ...]] = []

    def rate_row(name: str, rate: Rate | None, rule: str) -> None:
        if rate is None:
            rows.append((name, UNKNOWN, UNKNOWN, UNKNOWN, rule))
        else:
            rows.append((name, rate, rate.numerator, rate.denominator, rate.rule or rule))

    rows.append((text("ui.monev.row.reports", lang), ind.total, None, None, ""))
    rate_row(text("label.indicator.connectivity", lang), s.connectivity, "IND-CONNECTIVITY")
    rate_row(text("label.indicator.activity", lang), s.activity, "IND-ACTIVITY")
    for indicator in ("follow_up_rate", "closed_share", "in_progress_share", "unverified_share"):
        if indicator in ind.shares:
            share = ind.shares[indicator]
            rate_row(text(f"label.indicator.{indicator}", lang), share, share.rule or "")
    speed = ind.follow_up_days
    rows.append(
        (text("ui.monev.row.speed-mean", lang), speed.mean, None, speed.count, speed.rule or "")
    )
    rows.append(
        (text("ui.monev.row.speed-median", lang), speed.median, None, speed.count, speed.rule or "")
    )
    working = ind.follow_up_working_days
    if working is not None:
        rows.append(
            (
                text("ui.monev.row.speed-working", lang),
                working.median,
                None,
                working.count,
                working.rule or "",
            )
        )
    for stage in _STAGES:
        name = text(
            "ui.monev.row.on-time",
            lang,
            stage=label(stage, lang),
            limit=limit_text(result.details.deadlines, stage, lang),
        )
        on_time = ind.on_time.get(stage)
        if on_time is None:
            rows.append((name, None, None, None, "IND-ON-TIME"))
        else:
            rows.append((name, on_time, on_time.numerator, on_time.denominator, "IND-ON-TIME"))
    grade = s.grade
    rows.append(
        (
            text("ui.monev.row.grade", lang),
            text("ui.undefined", lang)
            if grade is None
            else text(f"label.grade.{grade.grade}", lang),
            None,
            None,
            "" if grade is None else grade.rule,
        )
    )
    return Table(
        "summary",
        text("ui.monev.section.summary", lang),
        (
            _c("indicator", "ui.monev.col.indicator", lang, numeric=False),
            _c("value", "ui.monev.col.value", lang),
            _c("numerator", "ui.monev.col.numerator", lang),
            _c("denominator", "ui.monev.col.denominator", lang),
            _c("rule", "ui.monev.col.rule", lang, numeric=False),
        ),
        tuple(rows),
        text("ui.monev.rates-note", lang),
    )


def _indicator_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        _c("reports", "ui.monev.col.reports", lang),
        _c("followed_up", "ui.monev.col.followed-up", lang),
        Column("follow_up_rate", text("label.indicator.follow_up_rate", lang)),
        Column("closed_share", text("label.indicator.closed_share", lang)),
        Column("in_progress_share", text("label.indicator.in_progress_share", lang)),
        Column("unverified_share", text("label.indicator.unverified_share", lang)),
        _c("median_days", "ui.monev.col.median-days", lang),
        *(
            _c(
                f"on_time_{stage.value.lower()}",
                "ui.monev.col.on-time",
                lang,
                stage=label(stage, lang),
            )
            for stage in _STAGES
        ),
    )


def _share(ind: ComplaintIndicators, name: str) -> Rate | None:
    return ind.shares.get(name)


def _indicator_cells(ind: ComplaintIndicators) -> tuple[Cell, ...]:
    follow = _share(ind, "follow_up_rate")
    return (
        ind.total,
        None if follow is None else follow.numerator,
        follow,
        _share(ind, "closed_share"),
        _share(ind, "in_progress_share"),
        _share(ind, "unverified_share"),
        ind.follow_up_days.median,
        *(ind.on_time.get(stage) for stage in _STAGES),
    )


def _provinces(result: MonevResult, lang: Lang) -> Table:
    known = result.details.connected_source is not None
    rows = []
    for row in result.provinces:
        c = row.connectivity
        connected: tuple[Cell, ...] = (
            (c.numerator, c.denominator, c) if c is not None else (UNKNOWN, UNKNOWN, UNKNOWN)
        )
        if not known:
            connected = (UNKNOWN, UNKNOWN, UNKNOWN)
        rows.append(
            (
                row.province_id.removeprefix("prov-"),
                row.name,
                *connected,
                *_indicator_cells(row.indicators),
            )
        )
    return Table(
        "provinces",
        text("ui.monev.section.provinces", lang),
        (
            _c("code", "ui.monev.col.code", lang, numeric=False),
            _c("province", "ui.monev.col.province", lang, numeric=False),
            _c("governments_connected", "ui.monev.col.connected-count", lang),
            _c("governments", "ui.monev.col.governments", lang),
            Column("connectivity", text("label.indicator.connectivity", lang)),
            *_indicator_columns(lang),
        ),
        tuple(rows),
    )


def _connected_cell(row: GroupRow, known: bool) -> Cell:
    if not known:
        return UNKNOWN
    return row.connected


def _agencies(
    result: MonevResult, lang: Lang, rows: Sequence[GroupRow], key: str, title: str
) -> Table:
    known = result.details.connected_source is not None
    return Table(
        key,
        title,
        (
            _c("agency_id", "ui.monev.col.code", lang, numeric=False),
            _c("name", "ui.monev.col.agency", lang, numeric=False),
            _c("kind", "ui.monev.col.kind", lang, numeric=False),
            _c("connected", "ui.monev.col.connected", lang, numeric=False),
            *_indicator_columns(lang),
        ),
        tuple(
            (
                r.key,
                r.name,
                _kind_label(r.kind, lang),
                _connected_cell(r, known) if r.kind in _GOVERNMENT else None,
                *_indicator_cells(r.indicators),
            )
            for r in rows
        ),
    )


_GOVERNMENT: Final = frozenset({AgencyKind.PROVINCE, AgencyKind.REGENCY, AgencyKind.CITY})


def _units(result: MonevResult, lang: Lang) -> Table:
    names = {r.key: r.name for r in result.details.agencies}
    rows = []
    for r in result.details.units:
        parent = r.parent or ""
        unit = text("ui.monev.directly", lang) if r.key == r.parent else r.name
        rows.append(
            (
                parent,
                names.get(parent, result.name(parent)),
                r.key,
                unit,
                *_indicator_cells(r.indicators),
            )
        )
    return Table(
        "units",
        text("ui.monev.section.units", lang),
        (
            _c("government_id", "ui.monev.col.code", lang, numeric=False),
            _c("government", "ui.monev.col.agency", lang, numeric=False),
            _c("unit_id", "ui.monev.col.code", lang, numeric=False),
            _c("unit", "ui.monev.col.unit", lang, numeric=False),
            *_indicator_columns(lang),
        ),
        tuple(rows),
    )


def _groups(
    key: str,
    *,
    title: str,
    head: Column,
    rows: Sequence[tuple[str, ComplaintIndicators]],
    total: int,
    lang: Lang,
) -> Table:
    return Table(
        key,
        title,
        (
            head,
            _c("share_of_reports", "ui.monev.col.share-of-reports", lang),
            *_indicator_columns(lang),
        ),
        tuple((name, Rate(ind.total, total), *_indicator_cells(ind)) for name, ind in rows),
    )


def _channel_name(code: str, lang: Lang) -> str:
    try:
        return label(Channel(code), lang)
    except ValueError:
        return code


def _trend(result: MonevResult, lang: Lang) -> Table:
    details = result.details
    week = details.granularity == "week"
    rows = []
    for r in details.trend:
        start = r.start or date.min
        name = short_date(start, lang) if week else month_label(start, lang)
        ind = r.indicators
        follow = _share(ind, "follow_up_rate")
        closed = _share(ind, "closed_share")
        rows.append(
            (
                r.key,
                name,
                ind.total,
                None if follow is None else follow.numerator,
                None if closed is None else closed.numerator,
                follow,
            )
        )
    return Table(
        "trend",
        text("ui.monev.section.trend", lang),
        (
            Column("bucket", "ISO", numeric=False),
            _c(
                "period", "ui.monev.col.week" if week else "ui.monev.col.month", lang, numeric=False
            ),
            _c("reports", "ui.monev.col.reports", lang),
            _c("followed_up", "ui.monev.col.followed-up", lang),
            _c("closed", "ui.monev.col.closed", lang),
            Column("follow_up_rate", text("label.indicator.follow_up_rate", lang)),
        ),
        tuple(rows),
    )


def _sla(result: MonevResult, lang: Lang) -> Table:
    b = result.breaches
    rows = []
    for stage in _STAGES:
        rows.append(
            (
                label(stage, lang),
                limit_text(result.details.deadlines, stage, lang),
                b.met.get(stage, 0),
                b.breached.get(stage, 0),
                b.pending.get(stage, 0),
                result.summary.complaints.on_time.get(stage),
            )
        )
    return Table(
        "sla",
        text("ui.monev.section.sla", lang),
        (
            _c("stage", "ui.monev.col.stage", lang, numeric=False),
            _c("limit", "ui.monev.col.limit", lang, numeric=False),
            _c("met", "ui.monev.col.met", lang),
            _c("breached", "ui.monev.col.breached", lang),
            _c("pending", "ui.monev.col.pending", lang),
            Column("on_time", text("label.indicator.on_time_rate", lang)),
        ),
        tuple(rows),
    )


def breach_rows(result: MonevResult) -> tuple[tuple[GroupRow, int, int], ...]:
    """Agencies with at least one late agency stage: (row, late, decided), most late first."""
    found = []
    for row in result.details.agencies:
        on_time = row.indicators.on_time
        decided = sum(on_time[s].denominator for s in _STAGES if s in on_time)
        late = decided - sum(on_time[s].numerator for s in _STAGES if s in on_time)
        if late:
            found.append((row, late, decided))
    found.sort(key=lambda item: (-item[1], -item[2], item[0].key))
    return tuple(found)


def _breaches(result: MonevResult, lang: Lang) -> Table:
    return Table(
        "breaches",
        text("ui.monev.section.breaches", lang),
        (
            _c("agency_id", "ui.monev.col.code", lang, numeric=False),
            _c("agency", "ui.monev.col.agency", lang, numeric=False),
            _c("breached", "ui.monev.col.breached", lang),
            _c("decided", "ui.monev.col.decided", lang),
            _c("breach_share", "ui.monev.col.breach-share", lang),
        ),
        tuple(
            (row.key, row.name, late, decided, Rate(late, decided))
            for row, late, decided in breach_rows(result)
        ),
    )


def _ranking(result: MonevResult, group: RankingGroup, ranking: Ranking, lang: Lang) -> Table:
    names = {r.key: r.name for r in result.details.agencies}
    rows = []
    for e in ranking.entries:
        if e.position is not None:
            note = ""
        elif e.count == 0:
            note = text("ui.monev.rank.no-reports", lang)
        else:
            note = text("ui.monev.rank.too-few", lang, count=ranking.min_count)
        rows.append(
            (
                e.position,
                e.agency_id,
                names.get(e.agency_id, result.name(e.agency_id)),
                e.count,
                e.rate.numerator,
                e.rate,
                e.adjusted,
                note,
            )
        )
    return Table(
        f"ranking_{group.value}",
        text(f"ui.monev.ranking.{group.value}", lang),
        (
            _c("rank", "ui.monev.col.rank", lang),
            _c("agency_id", "ui.monev.col.code", lang, numeric=False),
            _c("agency", "ui.monev.col.agency", lang, numeric=False),
            _c("reports", "ui.monev.col.reports", lang),
            _c("followed_up", "ui.monev.col.followed-up", lang),
            Column("follow_up_rate", text("label.indicator.follow_up_rate", lang)),
            _c("wilson_lower_bound", "ui.monev.col.wilson", lang),
            _c("note", "ui.monev.col.note", lang, numeric=False),
        ),
        tuple(rows),
        text(
            "ui.monev.ranking-note",
            lang,
            z=ranking.z,  # a number: "1,96" in Indonesian
            min_count=ranking.min_count,
        ),
    )


def report_tables(result: MonevResult, lang: Lang) -> tuple[Table, ...]:
    """Every table of the report, in reading order (see the module docstring).

    ``provinces`` is there for a national scope, ``governments`` (every
    government in scope, with no report too) and ``units`` always; one
    ``ranking_<kind>`` per kind of agency present.
    """
    details = result.details
    tables = [_summary(result, lang)]
    if result.scope == NATIONAL:
        tables.append(_provinces(result, lang))
    tables.append(
        _agencies(
            result,
            lang,
            details.agencies,
            "agencies",
            text("ui.monev.section.governments", lang),
        )
    )
    tables.append(_units(result, lang))
    total = result.summary.complaints.total
    tables.append(
        _groups(
            "categories",
            title=text("ui.monev.section.categories", lang),
            head=_c("category", "ui.monev.col.category", lang, numeric=False),
            rows=[(_category_name(r, lang), r.indicators) for r in details.categories],
            total=total,
            lang=lang,
        )
    )
    tables.append(
        _groups(
            "channels",
            title=text("ui.monev.section.channels", lang),
            head=_c("channel", "ui.monev.col.channel", lang, numeric=False),
            rows=[(_channel_name(r.key, lang), r.indicators) for r in details.channels],
            total=total,
            lang=lang,
        )
    )
    tables.append(_trend(result, lang))
    tables.append(_sla(result, lang))
    tables.append(_breaches(result, lang))
    for group, ranking in details.rankings.items():
        tables.append(_ranking(result, group, ranking, lang))
    return tuple(tables)

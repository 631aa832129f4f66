"""The words of the monev report, in Bahasa Indonesia (default) and English — *teks laporan*.

Rule: issue #14 ("Indonesian by default") and STYLE "Text people read". Every
heading, column, note and chart title of the HTML, CSV, Excel and terminal
reports is a catalogue entry of [`sp4n.i18n`][sp4n.i18n] (``ui.monev.*``, declared
here in English, translated in ``locale/id/LC_MESSAGES/sp4n.po``); indicator,
grade, stage and channel labels are the catalogue's ``label.*`` entries.
Numbers, percentages and dates go through Babel (``52,4%``, ``31 Desember 2024``).

>>> text("ui.monev.section.trend", "id"), text("ui.monev.section.trend", "en")
('Tren', 'Trend')
>>> from decimal import Decimal
>>> percent(Decimal("0.524"), "id"), month_label(date(2024, 3, 1), "id")
('52,4%', 'Maret 2024')
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from sp4n.i18n import Lang, Param, format_date, format_number, format_percent, translate
from sp4n.i18n._format import babel_locale
from sp4n.i18n._message import declare, declare_plural
from sp4n.scoring import Rate

__all__ = [
    "MESSAGES",
    "days",
    "month_label",
    "number",
    "percent",
    "rate_text",
    "text",
]

MESSAGES: Final = (
    # Header
    declare("ui.monev.title", "SP4N-LAPOR! monev report — {scope}"),
    declare("ui.monev.scope", "Scope"),
    declare("ui.monev.scope-national", "Indonesia (national)"),
    declare("ui.monev.period", "Period"),
    declare("ui.monev.period-range", "{start} to {end}"),
    declare("ui.monev.period-all", "all reports read"),
    declare("ui.monev.as-of", "Evaluated as of"),
    declare("ui.monev.source", "Data source"),
    declare("ui.monev.source-file", "{name}: {read} read, {refused} refused"),
    declare("ui.monev.source-generated", "{count} generated sample reports (seed {seed})"),
    declare("ui.monev.counted", "Reports counted"),
    declare(
        "ui.monev.counted-detail",
        "{counted} of {read} read ({outside_period} outside the period, "
        "{outside_scope} outside the scope, {deleted} deleted left out)",
    ),
    declare("ui.monev.rulebook", "Rulebook"),
    declare("ui.monev.connectivity-data", "Connectivity data"),
    declare("ui.monev.connectivity-file", "{name} ({rows} rows)"),
    declare(
        "ui.monev.connectivity-hint",
        "Connectivity is unknown: give the connected governments with --connected FILE "
        "(a CSV with a column region_code or agency_id).",
    ),
    declare(
        "ui.monev.dki-note",
        "DKI Jakarta counts once: it is one autonomous government; its administrative "
        "cities and regency are governed by the province (UU 29/2007).",
    ),
    declare(
        "ui.monev.rates-note",
        "Rates are exact fractions of the counts shown; a rate with nothing to count is "
        "undefined, never 0%.",
    ),
    declare("ui.monev.empty", "No report in this scope and period."),
    declare("ui.monev.data-table", "Data behind the chart"),
    declare("ui.monev.print-note", "Prints on A4 landscape."),
    # Sections
    declare("ui.monev.section.summary", "Summary"),
    declare("ui.monev.section.map", "Map"),
    declare("ui.monev.section.provinces", "Per province"),
    declare("ui.monev.section.governments", "Per government"),
    declare("ui.monev.section.units", "Per unit (OPD) of each government"),
    declare("ui.monev.section.central", "Central bodies: ministries, agencies and SOEs"),
    declare("ui.monev.section.categories", "Per category"),
    declare("ui.monev.section.channels", "Per channel"),
    declare("ui.monev.section.trend", "Trend"),
    declare("ui.monev.section.sla", "SLA: on time per stage"),
    declare("ui.monev.section.breaches", "Agencies with the most SLA breaches"),
    declare("ui.monev.section.ranking", "Fair ranking by kind of agency"),
    declare("ui.monev.ranking.provinces", "Provincial governments"),
    declare("ui.monev.ranking.regencies_cities", "Regency and city governments"),
    declare("ui.monev.ranking.ministries_agencies", "Ministries and agencies"),
    declare("ui.monev.ranking.soes", "State-owned enterprises (BUMN)"),
    declare(
        "ui.monev.ranking-note",
        "Ordered by the Wilson lower bound of the follow-up rate (z = {z}), not the raw rate; "
        "at least {min_count} reports to be ranked (RANK-MIN-COUNT). The national operator "
        "is not ranked.",
    ),
    declare("ui.monev.rank.no-reports", "no reports"),
    declare_plural(
        "ui.monev.rank.too-few", "fewer than {count} report", "fewer than {count} reports"
    ),
    # Columns
    declare("ui.monev.col.indicator", "Indicator"),
    declare("ui.monev.col.value", "Value"),
    declare("ui.monev.col.numerator", "Numerator"),
    declare("ui.monev.col.denominator", "Denominator"),
    declare("ui.monev.col.rule", "Rule"),
    declare("ui.monev.col.province", "Province"),
    declare("ui.monev.col.code", "Code"),
    declare("ui.monev.col.government", "Government"),
    declare("ui.monev.col.agency", "Agency"),
    declare("ui.monev.col.kind", "Kind"),
    declare("ui.monev.col.unit", "Unit"),
    declare("ui.monev.col.category", "Category"),
    declare("ui.monev.col.channel", "Channel"),
    declare("ui.monev.col.month", "Month"),
    declare("ui.monev.col.week", "Week of"),
    declare("ui.monev.col.stage", "Stage"),
    declare("ui.monev.col.limit", "Limit"),
    declare("ui.monev.col.connected", "Connected"),
    declare("ui.monev.col.connected-count", "Governments connected"),
    declare("ui.monev.col.governments", "Governments"),
    declare("ui.monev.col.reports", "Reports"),
    declare("ui.monev.col.share-of-reports", "Share of reports"),
    declare("ui.monev.col.followed-up", "Followed up"),
    declare("ui.monev.col.closed", "Closed"),
    declare("ui.monev.col.median-days", "Median days to follow-up"),
    declare("ui.monev.col.on-time", "On time: {stage}"),
    declare("ui.monev.col.met", "On time"),
    declare("ui.monev.col.breached", "Late"),
    declare("ui.monev.col.pending", "Still running"),
    declare("ui.monev.col.decided", "Decided"),
    declare("ui.monev.col.breach-share", "Late share"),
    declare("ui.monev.col.rank", "Rank"),
    declare("ui.monev.col.wilson", "Wilson lower bound"),
    declare("ui.monev.col.note", "Note"),
    # Summary rows
    declare("ui.monev.row.speed-mean", "Days to first follow-up, mean (calendar)"),
    declare("ui.monev.row.speed-median", "Days to first follow-up, median (calendar)"),
    declare("ui.monev.row.speed-working", "Days to first follow-up, median (working days)"),
    declare("ui.monev.row.on-time", "On time: {stage} (limit {limit})"),
    declare("ui.monev.row.grade", "Grade of the follow-up rate"),
    declare("ui.monev.row.reports", "Reports counted"),
    # Values
    declare("ui.monev.yes", "yes"),
    declare("ui.monev.no", "no"),
    declare("ui.monev.not-measured", "not measured"),
    declare("ui.monev.directly", "(the government itself)"),
    declare("ui.monev.limit-range", "{low}–{high} working days by report type"),
    # Charts: titles that state the finding
    declare(
        "ui.monev.chart.below",
        "{below} of {total} {what} below {threshold} follow-up ({grade})",
    ),
    declare("ui.monev.what.provinces", "provinces"),
    declare("ui.monev.what.governments", "governments"),
    declare(
        "ui.monev.chart.map",
        "Follow-up by province: highest {best} ({best_rate}), lowest {worst} ({worst_rate})",
    ),
    declare(
        "ui.monev.chart.map-governments",
        "Follow-up by government: highest {best} ({best_rate}), lowest {worst} ({worst_rate})",
    ),
    declare("ui.monev.chart.map-empty", "Follow-up map: no report yet"),
    declare(
        "ui.monev.chart.trend",
        "Follow-up rate {first} in {first_bucket}, {last} in {last_bucket}",
    ),
    declare("ui.monev.chart.trend-empty", "Reports per period: no report yet"),
    declare(
        "ui.monev.chart.sla",
        "{stage} is late most often: {share} on time (limit {limit})",
    ),
    declare("ui.monev.chart.sla-empty", "SLA: no stage decided yet"),
    declare("ui.monev.chart.categories", "Most reports: {category} ({count})"),
    declare("ui.monev.chart.channels", "{share} of reports came through {channel}"),
    declare("ui.monev.chart.breaches", "{agency} has the most late stages ({count})"),
    declare("ui.monev.chart.none", "Nothing to show yet"),
    declare("ui.monev.legend.average", "Scope average {value}"),
    declare("ui.monev.legend.no-data", "No reports"),
    declare("ui.monev.legend.grade", "{grade}: {threshold} or more"),
    declare("ui.monev.legend.grade-below", "{grade}: below {threshold}"),
    declare("ui.monev.axis.follow-up", "Follow-up rate"),
    declare("ui.monev.axis.on-time", "On time"),
    declare("ui.monev.axis.reports", "Reports"),
    declare("ui.monev.axis.late", "Late stages"),
    declare("ui.monev.hint.top", "The {count} with the most"),
)
"""The ids of the report's own texts."""


def text(msgid: str, lang: Lang, **params: Param) -> str:
    """A report text in ``lang`` (a catalogue message)."""
    return translate(msgid, lang, **params)


def percent(value: Decimal, lang: Lang, digits: int = 1) -> str:
    """A fraction as a percentage for ``lang``: ``52,4%`` / ``52.4%``."""
    return format_percent(value, lang, digits=digits)


def rate_text(rate: Rate | None, lang: Lang, digits: int = 1) -> str:
    """A rate for people: a percentage, *undefined* when nothing was counted, *not measured*."""
    if rate is None:
        return text("ui.monev.not-measured", lang)
    if rate.value is None:
        return text("ui.undefined", lang)
    return percent(rate.value, lang, digits)


def number(value: int, lang: Lang) -> str:
    """A count with the language's grouping: ``12.345`` / ``12,345``."""
    return format_number(value, lang)


def days(value: Decimal | int | None, lang: Lang) -> str:
    """A number of days with one decimal; ``–`` when there is none."""
    if value is None:
        return "–"
    return format_number(Decimal(value), lang, digits=1)


def month_label(first: date, lang: Lang) -> str:
    """A month as people name it: ``Maret 2024`` / ``March 2024``."""
    from babel.dates import format_skeleton  # noqa: PLC0415 - Babel loads on first use

    return str(format_skeleton("yMMMM", first, locale=babel_locale(lang)))


def short_date(day: date, lang: Lang) -> str:
    """A day in short form: ``26 Feb 2024``."""
    return format_date(day, lang, style="medium")

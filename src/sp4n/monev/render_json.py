"""Machine-readable monev results: plain JSON types, exact rates.

A rate is ``{"numerator", "denominator", "value", "percent", "rule"}`` where
``value`` is the exact fraction as a decimal string (``null`` when the
denominator is 0: undefined, never 0) and ``percent`` the display string.
Day statistics keep their full distribution (``counts``: days → reports), so a
consumer can recompute any quantile. Connectivity is ``null`` when unknown (no
connectivity data). ``details`` holds the drill-down: per agency (every
government in scope, with no report too), unit, category, channel and month or
week, and the fair rankings by kind of agency (issue #14).
"""

from __future__ import annotations

import json
from fractions import Fraction

from sp4n.monev.details import GroupRow, ReportDetails
from sp4n.monev.pipeline import MonevResult
from sp4n.scoring import ComplaintIndicators, DayStats, Ranking, Rate

__all__ = ["render_json", "to_data"]

JSONValue = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]


def _rate(rate: Rate | None) -> JSONValue:
    if rate is None:
        return None
    value = rate.value
    return {
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "value": None if value is None else str(value),
        "percent": rate.display(),
        "rule": rate.rule,
    }


def _days(stats: DayStats | None) -> JSONValue:
    if stats is None:
        return None
    return {
        "count": stats.count,
        "mean": None if stats.mean is None else str(round(stats.mean, 4)),
        "median": None if stats.median is None else str(stats.median),
        "p90": stats.quantile(Fraction(9, 10)),
        "counts": {str(day): n for day, n in stats.counts.items()},
        "rule": stats.rule,
    }


def _indicators(ind: ComplaintIndicators) -> JSONValue:
    return {
        "total": ind.total,
        "status_counts": {str(s): n for s, n in ind.status_counts.items()},
        "shares": {name: _rate(rate) for name, rate in ind.shares.items()},
        "follow_up_days": _days(ind.follow_up_days),
        "follow_up_working_days": _days(ind.follow_up_working_days),
        "on_time": {str(stage): _rate(rate) for stage, rate in ind.on_time.items()},
        "skipped_period": ind.skipped_period,
        "skipped_scope": ind.skipped_scope,
        "excluded_deleted": ind.excluded_deleted,
    }


def _group(row: GroupRow) -> JSONValue:
    data: dict[str, JSONValue] = {"key": row.key, "name": row.name}
    if row.kind is not None:
        data["kind"] = row.kind.value
    if row.parent is not None:
        data["parent"] = row.parent
    if row.connected is not None:
        data["connected"] = row.connected
    if row.start is not None:
        data["start"] = row.start.isoformat()
    data["indicators"] = _indicators(row.indicators)
    return data


def _ranking(ranking: Ranking) -> JSONValue:
    return {
        "indicator": ranking.indicator,
        "rule": ranking.rule,
        "min_count": ranking.min_count,
        "z": str(ranking.z),
        "cutoff": None if ranking.cutoff is None else ranking.cutoff.isoformat(),
        "entries": [
            {
                "agency_id": e.agency_id,
                "position": e.position,
                "rate": _rate(e.rate),
                "wilson_lower_bound": None if e.adjusted is None else str(e.adjusted),
                "excluded": e.excluded,
            }
            for e in ranking.entries
        ],
    }


def _details(details: ReportDetails) -> JSONValue:
    """The drill-down (#14): every table the HTML, CSV and Excel reports show."""
    return {
        "connectivity_source": details.connected_source,
        "connectivity_rows": details.connected_rows,
        "rulebook_version": details.rulebook_version,
        "granularity": details.granularity,
        "agencies": [_group(r) for r in details.agencies],
        "units": [_group(r) for r in details.units],
        "categories": [_group(r) for r in details.categories],
        "channels": [_group(r) for r in details.channels],
        "trend": [_group(r) for r in details.trend],
        "rankings": {group.value: _ranking(r) for group, r in details.rankings.items()},
    }


def to_data(result: MonevResult) -> dict[str, JSONValue]:
    """The report as JSON-ready data (dicts, lists, strings, numbers)."""
    summary = result.summary
    period = result.period
    return {
        "scope": result.scope,
        "scope_name": result.scope_name,
        "period": {
            "start": None if period.start is None else period.start.isoformat(),
            "end": None if period.end is None else period.end.isoformat(),
        },
        "now": result.now.isoformat(),
        "seen": result.seen,
        "summary": {
            "agencies": summary.agencies,
            "connectivity": _rate(summary.connectivity),
            "activity": _rate(summary.activity),
            "grade": None if summary.grade is None else summary.grade.grade,
            "grade_indicator": summary.grade_indicator,
            "complaints": _indicators(summary.complaints),
        },
        "provinces": [
            {
                "province_id": row.province_id,
                "name": row.name,
                "connectivity": _rate(row.connectivity),
                "indicators": _indicators(row.indicators),
            }
            for row in result.provinces
        ],
        "ranking": {
            "indicator": result.ranking.indicator,
            "rule": result.ranking.rule,
            "min_count": result.ranking.min_count,
            "z": str(result.ranking.z),
            "cutoff": None if result.ranking.cutoff is None else result.ranking.cutoff.isoformat(),
            "entries": [
                {
                    "agency_id": e.agency_id,
                    "name": result.name(e.agency_id),
                    "position": e.position,
                    "rate": _rate(e.rate),
                    "wilson_lower_bound": None if e.adjusted is None else str(e.adjusted),
                    "excluded": e.excluded,
                    "explanation": e.explain(),
                }
                for e in result.ranking.entries
            ],
        },
        "sla": {
            "breached": {str(s): n for s, n in result.breaches.breached.items()},
            "met": {str(s): n for s, n in result.breaches.met.items()},
            "pending": {str(s): n for s, n in result.breaches.pending.items()},
        },
        "details": _details(result.details),
    }


def render_json(result: MonevResult, *, indent: int | None = 2) -> str:
    """The report as a JSON text (see [`to_data`][sp4n.monev.render_json.to_data] for the shape)."""
    return json.dumps(to_data(result), ensure_ascii=False, indent=indent)

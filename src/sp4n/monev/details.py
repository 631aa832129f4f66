"""The drill-down part of a monev result: tables per agency, unit, category, channel and period.

Built once at the end of an evaluation from the [`Breakdown`][sp4n.monev.drilldown.Breakdown]
counts ([`build_details`][sp4n.monev.details.build_details]); the renderers (HTML, JSON, CSV, Excel,
text)
only read it. Rankings are fair *by kind* (issue #14): provincial governments
are ranked among themselves, regency and city governments among themselves,
ministries and central agencies among themselves, SOEs among themselves; the
national operator is not ranked (it is the one that evaluates).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Final

import attrs

from sp4n.hierarchy import AgencyGraph
from sp4n.models import Agency
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.drilldown import Breakdown, Granularity, bucket_start, buckets_between
from sp4n.rulebook import DeadlineRule, GradeRule, Rulebook
from sp4n.scoring import AGENCY_STAGES, ComplaintIndicators, Period, Ranking, Rate, compute_ranking
from sp4n.vocabulary import AgencyKind
from sp4n.workdays import WIB

__all__ = [
    "RANKED_KINDS",
    "GroupRow",
    "RankingGroup",
    "ReportDetails",
    "build_details",
]


class RankingGroup(enum.StrEnum):
    """A table of the fair ranking: agencies of comparable kinds only."""

    PROVINCES = "provinces"
    REGENCIES_CITIES = "regencies_cities"
    MINISTRIES_AGENCIES = "ministries_agencies"
    SOES = "soes"


RANKED_KINDS: Final[Mapping[RankingGroup, frozenset[AgencyKind]]] = MappingProxyType(
    {
        RankingGroup.PROVINCES: frozenset({AgencyKind.PROVINCE}),
        RankingGroup.REGENCIES_CITIES: frozenset({AgencyKind.REGENCY, AgencyKind.CITY}),
        RankingGroup.MINISTRIES_AGENCIES: frozenset(
            {AgencyKind.MINISTRY, AgencyKind.AGENCY, AgencyKind.PUBLIC_BODY}
        ),
        RankingGroup.SOES: frozenset({AgencyKind.SOE}),
    }
)
"""The kinds ranked in each table; ``NATIONAL`` (the operator) is in none."""

_GOVERNMENT_KINDS: Final = (
    RANKED_KINDS[RankingGroup.PROVINCES] | RANKED_KINDS[RankingGroup.REGENCIES_CITIES]
)


@attrs.frozen
class GroupRow:
    """One line of a drill-down table: a group and its indicators.

    Attributes:
        key: The group: an agency id, a category key, a channel code or a trend bucket.
        name: Its name as people read it in Indonesian: the agency's full name
            ("Pemerintah Provinsi Jawa Tengah"), the category's label, or the
            bucket's first day (renderers format dates and English labels).
        indicators: The complaint indicators of its reports (zero counts and
            undefined rates for a group with none).
        kind: The agency's kind, for agency rows.
        parent: The government or central body a unit belongs to, for unit rows.
        connected: Whether the government is connected; ``None`` when unknown
            (no connectivity data) or not an agency row.
        start: The bucket's first day, for trend rows.
    """

    key: str
    name: str
    indicators: ComplaintIndicators
    kind: AgencyKind | None = None
    parent: str | None = None
    connected: bool | None = None
    start: date | None = None


@attrs.frozen
class ReportDetails:
    """Everything a monev meeting drills into, for one scope and period.

    Attributes:
        agencies: Every government in scope (including those with no report),
            then every central body with reports, by kind and id.
        units: Per handling agency (unit or government) with reports, grouped
            under its government (``parent``).
        categories: Per category with reports, most reports first.
        channels: Per channel with reports, most reports first.
        trend: Per month or week of the period, in order, empty ones included.
        granularity: ``month`` or ``week``.
        rankings: The fair ranking per kind of agency.
        connected_source: Where connectivity came from (file name), ``None`` = unknown.
        connected_rows: Rows of the connectivity file.
        rulebook_version: The rulebook the report was computed with.
        grades: The grade thresholds in force (GRADE-*), best first.
        deadlines: The agency-stage deadline rules in force (the SLA limits).
    """

    agencies: tuple[GroupRow, ...]
    units: tuple[GroupRow, ...]
    categories: tuple[GroupRow, ...]
    channels: tuple[GroupRow, ...]
    trend: tuple[GroupRow, ...]
    granularity: Granularity
    rankings: Mapping[RankingGroup, Ranking]
    connected_source: str | None
    connected_rows: int
    rulebook_version: str
    grades: tuple[GradeRule, ...]
    deadlines: tuple[DeadlineRule, ...]

    def governments(self) -> tuple[GroupRow, ...]:
        """The agency rows that are regional governments (province, regency, city)."""
        return tuple(r for r in self.agencies if r.kind in _GOVERNMENT_KINDS)

    def units_of(self, parent: str) -> tuple[GroupRow, ...]:
        """The unit rows of one government or central body."""
        return tuple(r for r in self.units if r.parent == parent)


def _by_size(rows: Iterable[GroupRow]) -> tuple[GroupRow, ...]:
    return tuple(sorted(rows, key=lambda r: (-r.indicators.total, r.key)))


def _trend(
    breakdown: Breakdown, period: Period, now: datetime, empty: ComplaintIndicators
) -> tuple[GroupRow, ...]:
    counted = breakdown.results("trend")
    keys = sorted(counted)
    last_day = now.astimezone(WIB).date()
    if period.end is not None:
        last_day = min(last_day, (period.end - timedelta(microseconds=1)).astimezone(WIB).date())
    if period.start is not None:
        first_day: date | None = period.start.astimezone(WIB).date()
    else:
        first_day = bucket_start(keys[0]) if keys else None
    if first_day is None:
        return ()
    if keys:
        last_day = max(last_day, bucket_start(keys[-1]))
    every = list(buckets_between(first_day, last_day, breakdown.granularity))
    every += [k for k in keys if k not in set(every)]
    return tuple(
        GroupRow(
            key=key,
            name=bucket_start(key).isoformat(),
            indicators=counted.get(key, empty),
            start=bucket_start(key),
        )
        for key in sorted(every, key=bucket_start)
    )


def build_details(
    *,
    graph: AgencyGraph,
    governments: tuple[Agency, ...],
    breakdown: Breakdown,
    rank_rates: Mapping[str, Rate],
    rulebook: Rulebook,
    connected: ConnectedGovernments | None,
    now: datetime,
    min_count: int | None,
    rank_cutoff: datetime | None,
    category_label: Callable[[str], str],
    owner_of: Callable[[str], str | None],
) -> ReportDetails:
    """The drill-down tables and rankings of an evaluation (see `ReportDetails`).

    Args:
        graph: The hierarchy (names, kinds, owners of units).
        governments: The governments in scope (the connectivity denominator).
        breakdown: The groupings counted.
        rank_rates: Follow-up rate per government or central body over the
            ranking's period (before the cut-off).
        rulebook: Rules in force (grades, SLA limits, RANK-*).
        connected: Connectivity data; ``None`` = unknown.
        now: Evaluation instant (the trend's last bucket).
        min_count: Override of RANK-MIN-COUNT.
        rank_cutoff: The ranking's cut-off (recorded in each ranking).
        category_label: Category key → its label.
        owner_of: Agency id → the government or central body it counts for.
    """
    empty = breakdown.empty()
    by_owner = breakdown.results("government")

    def flag(agency: Agency) -> bool | None:
        return None if connected is None else connected.is_connected(agency)

    rows = [
        GroupRow(
            key=a.id,
            name=a.name,
            indicators=by_owner.get(a.id, empty),
            kind=a.kind,
            connected=flag(a),
        )
        for a in governments
    ]
    listed = {a.id for a in governments}
    for owner, indicators in by_owner.items():
        agency = graph.find(owner)
        if owner in listed or agency is None:
            continue
        rows.append(GroupRow(owner, agency.name, indicators, kind=agency.kind))
    kind_order = {kind: i for i, kind in enumerate(AgencyKind)}
    rows.sort(key=lambda r: (kind_order.get(r.kind, 99) if r.kind else 99, r.key))
    units = []
    for handler, indicators in breakdown.results("unit").items():
        agency = graph.find(handler)
        if agency is None:
            continue
        units.append(
            GroupRow(handler, agency.name, indicators, kind=agency.kind, parent=owner_of(handler))
        )
    units.sort(key=lambda r: (r.parent or "", r.key != r.parent, -r.indicators.total, r.key))
    categories = _by_size(
        GroupRow(key, category_label(key), ind)
        for key, ind in breakdown.results("category").items()
    )
    channels = _by_size(
        GroupRow(key, key, ind) for key, ind in breakdown.results("channel").items()
    )
    kinds = {r.key: r.kind for r in rows}
    rankings = {}
    for group, members in RANKED_KINDS.items():
        scope = sorted(key for key, kind in kinds.items() if kind in members)
        if not scope:
            continue
        rankings[group] = compute_ranking(
            {k: rank_rates[k] for k in scope if k in rank_rates},
            scope=scope,
            rulebook=rulebook,
            min_count=min_count,
            cutoff=rank_cutoff,
        )
    return ReportDetails(
        agencies=tuple(rows),
        units=tuple(units),
        categories=categories,
        channels=channels,
        trend=_trend(breakdown, breakdown.config.period, now, empty),
        granularity=breakdown.granularity,
        rankings=MappingProxyType(rankings),
        connected_source=None if connected is None else connected.source,
        connected_rows=0 if connected is None else connected.rows,
        rulebook_version=rulebook.version,
        grades=rulebook.grades,
        deadlines=tuple(d for d in rulebook.deadlines if d.stage in AGENCY_STAGES),
    )

"""Drill-down groupings of a monev report: per government, unit, category, channel and period.

Rule: standard.md §7 and issue #14 ("drill-down", "trend"). A provincial
Ombudsman officer reads a province's report per regency/city and per unit
(*OPD*) within each; a KemenPANRB analyst per province, category and channel;
both want the trend over the period. Each grouping is one
[`GroupedAccumulator`][sp4n.scoring.GroupedAccumulator] over the same scope and period as the
report, so every count follows the scoring rules (statuses, IND-EXCLUDE-DELETED,
follow-up days, on-time rates) and merges exactly:
[`Breakdown.merge`][sp4n.monev.drilldown.Breakdown.merge] of
two parts equals the breakdown of the whole, whatever the split.

Groups ([`DIMENSIONS`][sp4n.monev.drilldown.DIMENSIONS]):

* ``government`` — who the report counts for (its handler rolled up to a
  government or central body, as the ranking counts it, without the cut-off);
* ``unit`` — the agency handling it (a unit, or the government itself);
* ``category`` and ``channel`` — as the reporter filed it;
* ``trend`` — its submission month (``2024-03``) or ISO week (``2024-W09``) in
  WIB, the zone of the report's period ([`bucket_of`][sp4n.monev.drilldown.bucket_of]).

>>> from datetime import datetime
>>> from sp4n.workdays import WIB
>>> bucket_of(datetime(2024, 3, 1, 1, tzinfo=WIB), "month"), bucket_of(
...     datetime(2024, 3, 1, 1, tzinfo=WIB), "week")
('2024-03', '2024-W09')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Final, Literal

from sp4n.errors import ScoringError
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.scoring import (
    ComplaintIndicators,
    GroupedAccumulator,
    IndicatorAccumulator,
    Period,
    ScoringConfig,
)
from sp4n.scoring.accumulate import Facts, Marginals
from sp4n.workdays import WIB

__all__ = [
    "DIMENSIONS",
    "SHORT_PERIOD_DAYS",
    "Breakdown",
    "Dimension",
    "Granularity",
    "bucket_of",
    "bucket_start",
    "buckets_between",
    "granularity_for",
]

Dimension = Literal["government", "unit", "category", "channel", "trend"]
"""A drill-down grouping (see the module docstring)."""

DIMENSIONS: Final[tuple[Dimension, ...]] = ("government", "unit", "category", "channel", "trend")
"""Every grouping of a [`Breakdown`][sp4n.monev.drilldown.Breakdown], in report order."""

Granularity = Literal["month", "week"]
"""How the trend groups submission dates."""

SHORT_PERIOD_DAYS: Final = 92
"""A period of at most this many days (about a quarter) is trended per week, longer per month."""


def granularity_for(period: Period) -> Granularity:
    """``week`` for a bounded period of at most `SHORT_PERIOD_DAYS` days, else ``month``.

    >>> granularity_for(Period.from_dates(date(2024, 3, 1), date(2024, 3, 31)))
    'week'
    >>> granularity_for(Period()), granularity_for(Period.from_dates(date(2024, 1, 1),
    ...     date(2024, 12, 31)))
    ('month', 'month')
    """
    if period.start is None or period.end is None:
        return "month"
    return "week" if period.end - period.start <= timedelta(days=SHORT_PERIOD_DAYS) else "month"


def bucket_of(instant: datetime, granularity: Granularity) -> str:
    """The trend bucket of an instant, read in WIB: ``2024-03`` or ISO week ``2024-W09``."""
    local = instant.astimezone(WIB).date()
    if granularity == "month":
        return f"{local.year:04d}-{local.month:02d}"
    year, week, _ = local.isocalendar()
    return f"{year:04d}-W{week:02d}"


def bucket_start(bucket: str) -> date:
    """The first day of a bucket: the 1st of the month, or the Monday of the ISO week.

    Raises:
        ScoringError: not a bucket of [`bucket_of`][sp4n.monev.drilldown.bucket_of].

    >>> bucket_start("2024-03"), bucket_start("2024-W09")
    (datetime.date(2024, 3, 1), datetime.date(2024, 2, 26))
    """
    try:
        if "-W" in bucket:
            year, week = bucket.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        year, month = bucket.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise ScoringError(
            Message(
                "error.drilldown.trend-bucket-bucket",
                "not a trend bucket: {bucket}",
                bucket=repr(bucket),
            ),
            field="bucket",
        ) from None


def _next(start: date, granularity: Granularity) -> date:
    if granularity == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def buckets_between(first: date, last: date, granularity: Granularity) -> Iterator[str]:
    """Every bucket from the one holding ``first`` to the one holding ``last``, in order.

    >>> list(buckets_between(date(2024, 11, 20), date(2025, 1, 2), "month"))
    ['2024-11', '2024-12', '2025-01']
    """
    at = bucket_start(
        bucket_of(datetime(first.year, first.month, first.day, tzinfo=WIB), granularity)
    )
    while at <= last:
        yield bucket_of(datetime(at.year, at.month, at.day, tzinfo=WIB), granularity)
        at = _next(at, granularity)


def _category(complaint: Complaint) -> str:
    return complaint.category


def _channel(complaint: Complaint) -> str:
    return complaint.channel.value


def _month(complaint: Complaint) -> str:
    return bucket_of(complaint.submitted_at, "month")


def _week(complaint: Complaint) -> str:
    return bucket_of(complaint.submitted_at, "week")


def _keys(
    agency_of: Callable[[Complaint], str | None],
    unit_of: Callable[[Complaint], str | None],
    granularity: Granularity,
) -> Mapping[Dimension, Callable[[Complaint], str | None]]:
    """The group key of each dimension: the same functions in every breakdown (they merge)."""
    return {
        "government": agency_of,
        "unit": unit_of,
        "category": _category,
        "channel": _channel,
        "trend": _month if granularity == "month" else _week,
    }


class Breakdown:
    """The drill-down groupings of one evaluation, streaming and mergeable.

    Args:
        config: What to count: the report's own configuration (scope, period,
            ``agency_of``), so each grouping adds up to the report's totals.
        unit_of: The agency handling a report (default: ``config.agency_of``
            is for the government; pass
            [`sp4n.scoring.handling_agency`][sp4n.scoring.handling_agency]).
        granularity: Of the trend (default:
            [`granularity_for`][sp4n.monev.drilldown.granularity_for] the period).
    """

    __slots__ = ("_groups", "config", "granularity")

    def __init__(
        self,
        config: ScoringConfig,
        *,
        unit_of: Callable[[Complaint], str | None],
        granularity: Granularity | None = None,
    ) -> None:
        self.config = config
        self.granularity: Granularity = granularity or granularity_for(config.period)
        keys = _keys(config.agency_of, unit_of, self.granularity)
        self._groups: dict[Dimension, GroupedAccumulator[str]] = {
            dimension: GroupedAccumulator(config, key=keys[dimension]) for dimension in DIMENSIONS
        }

    def add(self, complaint: Complaint) -> bool:
        """Count one report in every grouping; ``False`` when outside the period or scope."""
        counted = False
        for grouped in self._groups.values():
            counted = grouped.add(complaint) or counted
        return counted

    def add_facts(self, dimension: Dimension, key: str | None, facts: Facts, weight: int) -> None:
        """Count ``weight`` reports with these facts in one group (the columnar path).

        Period and scope are the caller's to apply first, as
        [`sp4n.scoring.IndicatorAccumulator.add_facts`][sp4n.scoring.IndicatorAccumulator.add_facts]
        expects.
        """
        grouped = self._groups[dimension]
        if key is None:
            grouped.add_ungrouped(weight)
        else:
            grouped.group(key).add_facts(facts, weight)

    def add_marginals(
        self, dimension: Dimension, key: str | None, marginals: Marginals, weight: int
    ) -> None:
        """`add_facts` for ``weight`` reports given by their facts' totals (the columnar path)."""
        grouped = self._groups[dimension]
        if key is None:
            grouped.add_ungrouped(weight)
        else:
            grouped.group(key).add_marginals(marginals)

    def state(self) -> dict[str, object]:
        """The counts as plain JSON-compatible data (per grouping), to merge elsewhere."""
        return {dimension: self._groups[dimension].state() for dimension in DIMENSIONS}

    def merge_state(self, state: Mapping[str, object]) -> None:
        """Add the counts of a `state` of another part of the same evaluation.

        Raises:
            ScoringError: a malformed state.
        """
        for dimension in DIMENSIONS:
            part = state.get(dimension, {"groups": {}, "skipped": {}, "ungrouped": 0})
            if not isinstance(part, Mapping):
                raise ScoringError(
                    Message(
                        "error.drilldown.drill-down-state-dimension",
                        "drill-down state {dimension} must be a mapping",
                        dimension=repr(dimension),
                    ),
                    field="state",
                )
            self._groups[dimension].merge_state(part, str)

    def merge(self, other: Breakdown) -> Breakdown:
        """A new breakdown counting both inputs' reports (exact: counts add).

        Raises:
            ScoringError: the two were configured differently.
        """
        if other.config != self.config or other.granularity != self.granularity:
            raise ScoringError(
                Message(
                    "error.drilldown.cannot-merge-breakdowns-different",
                    "cannot merge breakdowns with different configurations or granularities",
                ),
                field="config",
            )
        merged = object.__new__(Breakdown)
        merged.config, merged.granularity = self.config, self.granularity
        merged._groups = {d: self._groups[d].merge(other._groups[d]) for d in DIMENSIONS}
        return merged

    def results(self, dimension: Dimension) -> Mapping[str, ComplaintIndicators]:
        """Indicators per group of one grouping (groups with at least one report)."""
        return self._groups[dimension].results()

    def empty(self) -> ComplaintIndicators:
        """The indicators of a group with no report (undefined rates, zero counts)."""
        return IndicatorAccumulator(self.config).result()

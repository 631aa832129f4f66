"""Monev indicators and their inputs — *indikator monitoring dan evaluasi*.

The KemenPANRB regional reviews (standard.md §7 [R], MENPAN-2020) judge an
agency, a province with its regencies and cities, or the nation, by:

======================  =============================================  =====================
indicator               formula                                        rule
======================  =============================================  =====================
connectivity            agencies with an SK team ÷ agencies in scope   IND-CONNECTIVITY
activity                agencies with an admin login in the last       IND-ACTIVITY
                        month ÷ agencies in scope
follow-up rate          (closed + in progress) ÷ all reports           IND-FOLLOW-UP
closed share            closed ÷ all reports                           IND-CLOSED-SHARE
in-progress share       in progress ÷ all reports                      IND-IN-PROGRESS-SHARE
unverified share        not yet verified ÷ all reports                 IND-UNVERIFIED-SHARE
follow-up speed         days from dispatch to the first follow-up      IND-FOLLOW-UP-SPEED
on-time rate per stage  stages met ÷ stages decided                    IND-ON-TIME
======================  =============================================  =====================

The formulas are rows of the rulebook (``indicators``); the statuses each
share counts are the row's ``numerator_statuses``, never a status ladder in
code. This module holds the agency-level indicators (connectivity, activity)
and the plain inputs the complaint-level ones need: a :class:`Period`, a scope
(a set of agency ids), who handles a complaint (:func:`handling_agency`) and
day counters. Nothing here imports the hierarchy, calendar or SLA engines: they
are passed in as callables or data.

>>> from sp4n.models import Agency
>>> from sp4n.vocabulary import AgencyKind
>>> govs = [Agency(id=f"g{i}", name=f"Gov {i}", kind=AgencyKind.REGENCY, parent_id="p",
...                connected=i < 11) for i in range(12)]
>>> compute_connectivity(govs).display(0)
'92%'
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

import attrs
from dateutil.relativedelta import relativedelta

from sp4n.errors import ScoringError
from sp4n.models import (
    Agency,
    Complaint,
    ForwardToUnitEvent,
    PostFollowUpEvent,
    RedispatchEvent,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import IndicatorRule, Rulebook
from sp4n.scoring.rates import Rate

__all__ = [
    "AgencyOf",
    "AgencyTree",
    "CalendarDayCounter",
    "DayCounter",
    "Period",
    "compute_activity",
    "compute_connectivity",
    "dispatch_to_first_follow_up",
    "handling_agency",
    "indicator_rule",
    "province_key",
    "rolled_up",
    "scope_of",
]

DEFAULT_ZONE = "Asia/Jakarta"
"""WIB: the zone for calendar dates when an agency's own zone is not given."""

AgencyOf = Callable[[Complaint], str | None]
"""Who a complaint counts for: an agency id, or ``None`` (not counted)."""


def indicator_rule(rulebook: Rulebook, indicator: str) -> IndicatorRule:
    """The rulebook row of ``indicator`` (e.g. ``"follow_up_rate"`` → IND-FOLLOW-UP).

    Raises:
        ScoringError: the rulebook in force has no such indicator.

    >>> indicator_rule(Rulebook.default(), "connectivity").rule
    'IND-CONNECTIVITY'
    """
    for row in rulebook.indicators:
        if row.indicator == indicator:
            return row
    msg = f"no indicator {indicator!r} in force in rulebook {rulebook.version}"
    raise ScoringError(msg, field="indicator")


def _aware(value: datetime | None, field: str) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        msg = f"{field} must be timezone-aware"
        raise ScoringError(msg, rule="TIMESTAMP-AWARE", field=field)
    return value


# --- period and scope -----------------------------------------------------------------------


@attrs.frozen
class Period:
    """The submission window of an evaluation: ``start <= submitted_at < end``.

    Either end may be open (``None``). Instants are timezone-aware; use
    :meth:`from_dates` for whole local days.

    >>> p = Period.from_dates(date(2020, 1, 1), date(2020, 12, 31))
    >>> p.start.isoformat(), p.end.isoformat()
    ('2020-01-01T00:00:00+07:00', '2021-01-01T00:00:00+07:00')
    """

    start: datetime | None = attrs.field(default=None)
    end: datetime | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _aware(self.start, "start")
        _aware(self.end, "end")
        if self.start is not None and self.end is not None and self.end < self.start:
            msg = "a period ends after it starts"
            raise ScoringError(msg, field="end")

    @classmethod
    def from_dates(cls, first: date, last: date, *, zone: str = DEFAULT_ZONE) -> Period:
        """The local days ``first`` to ``last`` inclusive, in ``zone`` (WIB by default)."""
        tz = ZoneInfo(zone)
        return cls(
            datetime.combine(first, time(), tz),
            datetime.combine(last + timedelta(days=1), time(), tz),
        )

    def contains(self, instant: datetime) -> bool:
        """Whether ``instant`` falls in the period."""
        return (self.start is None or self.start <= instant) and (
            self.end is None or instant < self.end
        )

    def until(self, cutoff: datetime | None) -> Period:
        """This period ending no later than ``cutoff`` (the cut-off date of fair rankings)."""
        if cutoff is None:
            return self
        _aware(cutoff, "cutoff")
        end = cutoff if self.end is None else min(self.end, cutoff)
        start = self.start if self.start is None or self.start <= end else end
        return Period(start, end)


@runtime_checkable
class AgencyTree(Protocol):
    """What scoring needs from a hierarchy (e.g. ``sp4n.hierarchy.AgencyGraph``)."""

    def descendants(self, agency_id: str) -> Iterable[object]:
        """Ids (or objects with an ``id``) of every agency below ``agency_id``."""
        ...  # pragma: no cover - protocol


def _id_of(item: object) -> str:
    if isinstance(item, str):
        return item
    ident = getattr(item, "id", None)
    if not isinstance(ident, str):
        msg = f"cannot tell the agency id of {item!r}"
        raise ScoringError(msg, field="scope")
    return ident


def scope_of(tree: AgencyTree, root: str, *, include_root: bool = True) -> frozenset[str]:
    """An agency and everything below it: a province with its regencies, cities and units.

    >>> class Tree:
    ...     def descendants(self, agency_id):
    ...         return {"kalbar": ["pontianak", "sambas"]}.get(agency_id, [])
    >>> print(*sorted(scope_of(Tree(), "kalbar")))
    kalbar pontianak sambas
    """
    ids = {_id_of(item) for item in tree.descendants(root)}
    if include_root:
        ids.add(root)
    return frozenset(ids)


def province_key(
    tree: object, agency_of: AgencyOf | None = None
) -> Callable[[Complaint], str | None]:
    """A group key complaint → province, from a hierarchy with a province query.

    For per-province grouping (``key=`` of :class:`~sp4n.scoring.GroupedAccumulator`):
    the province of the agency the complaint counts for (``agency_of``,
    default :func:`handling_agency`). The tree answers ``province_of(agency_id)``
    (``sp4n.hierarchy.AgencyGraph``: the provincial government's ``Agency``,
    keyed by its id) or ``province(agency_id)`` (a code or id). An agency
    outside any province (a ministry) or unknown to the tree maps to ``None``
    (counted as ungrouped).

    Raises:
        ScoringError: the object has neither query.
    """
    query = getattr(tree, "province_of", None) or getattr(tree, "province", None)
    if not callable(query):
        msg = "the hierarchy given has no province_of(agency_id) or province(agency_id) query"
        raise ScoringError(msg, field="tree")
    who = agency_of or handling_agency

    def key(complaint: Complaint) -> str | None:
        agency_id = who(complaint)
        if agency_id is None:
            return None
        try:
            found = query(agency_id)
        except LookupError:  # e.g. UnknownAgency: not in this hierarchy
            return None
        return None if found is None else _id_of(found)

    return key


# --- who handles a complaint --------------------------------------------------------------

_HANDOVER_EVENTS = (VerifyAndDispatchEvent, RedispatchEvent, ForwardToUnitEvent)
_DISPATCH_EVENTS = (VerifyAndDispatchEvent, RedispatchEvent)


def handling_agency(complaint: Complaint) -> str | None:
    """The agency a complaint counts for: the last one it was handed to [D].

    The latest dispatch, redispatch or forward to a unit in the history;
    before any dispatch, the agency the citizen addressed (``target_agency_id``);
    ``None`` if neither (counted only in an unscoped evaluation). Pass your own
    ``agency_of`` to count by another rule (e.g. the addressed agency only).
    """
    for event in reversed(complaint.history):
        if isinstance(event, VerifyAndDispatchEvent | RedispatchEvent):
            return event.agency_id
        if isinstance(event, ForwardToUnitEvent):
            return event.unit_id
    return complaint.target_agency_id


def rolled_up(
    tree: object, targets: Collection[str], agency_of: AgencyOf | None = None
) -> AgencyOf:
    """An ``agency_of`` that counts a complaint for the nearest of ``targets`` above it [D].

    A report handled by a unit (a regency's Dinas) then counts for the
    government that owns it, which is how the reviews rank regencies and
    cities. The agency itself is used if it is a target; else its nearest
    ancestor among ``targets`` (``tree.ancestors(agency_id)``, nearest first,
    as ``sp4n.hierarchy.AgencyGraph`` gives); else ``None`` (not counted).

    Raises:
        ScoringError: the object has no ``ancestors`` query.

    >>> class Tree:
    ...     def ancestors(self, agency_id):
    ...         return {"dinas-pu": ["kab-a", "prov"]}.get(agency_id, [])
    >>> owner = rolled_up(Tree(), {"kab-a", "kab-b"}, agency_of=lambda c: "dinas-pu")
    >>> owner(None)
    'kab-a'
    """
    query = getattr(tree, "ancestors", None)
    if not callable(query):
        msg = "the hierarchy given has no ancestors(agency_id) query"
        raise ScoringError(msg, field="tree")
    wanted = frozenset(targets)
    who = agency_of or handling_agency

    def owner(complaint: Complaint) -> str | None:
        agency_id = who(complaint)
        if agency_id is None or agency_id in wanted:
            return agency_id
        try:
            chain = query(agency_id)
        except LookupError:  # e.g. UnknownAgency: not in this hierarchy
            return None
        return next((i for i in map(_id_of, chain) if i in wanted), None)

    return owner


def dispatch_to_first_follow_up(complaint: Complaint) -> tuple[datetime, datetime] | None:
    """The instants from which follow-up speed is measured (IND-FOLLOW-UP-SPEED).

    The first follow-up (*tindak lanjut*), and the last dispatch or redispatch
    before it: a redispatch restarts the agency's clock (standard.md §5).
    ``None`` when there is no follow-up yet (not measured, not 0).
    """
    dispatched: datetime | None = None
    for event in complaint.history:
        if isinstance(event, _DISPATCH_EVENTS):
            dispatched = event.at
        elif isinstance(event, PostFollowUpEvent):
            return None if dispatched is None else (dispatched, event.at)
    return None


# --- day counters ------------------------------------------------------------------------------


class DayCounter(Protocol):
    """Counts days between two instants for an agency (``agency_id`` may be ``None``).

    The working-day counter comes from ``sp4n.workdays`` (or any calendar);
    following standard.md §5 it counts the days strictly after the local date
    of ``start`` up to and including the local date of ``end``.
    """

    def __call__(self, start: datetime, end: datetime, agency_id: str | None, /) -> int:
        """Days from ``start`` to ``end`` for that agency."""
        ...  # pragma: no cover - protocol


def _frozen_zones(zones: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(zones))


@attrs.frozen
class CalendarDayCounter:
    """Calendar days between the local dates of two instants [D].

    Local dates are taken in the agency's zone (``zone_of``, else ``zones``:
    agency id → IANA name) or ``default_zone`` (WIB). A follow-up later the
    same local day is 0.

    >>> from datetime import UTC
    >>> count = CalendarDayCounter()
    >>> dispatched = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)  # 08:00 WIB
    >>> count(dispatched, datetime(2024, 4, 1, 16, 0, tzinfo=UTC), None)  # 23:00 WIB
    0
    >>> count(dispatched, datetime(2024, 4, 1, 17, 0, tzinfo=UTC), None)  # 00:00 WIB next day
    1
    """

    zones: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_zones)
    default_zone: str = DEFAULT_ZONE
    zone_of: Callable[[str | None], tzinfo] | None = None
    """Optional agency id → zone (e.g. ``sp4n.workdays.zone_for_agency`` over a graph);
    consulted before ``zones``."""

    def _zone(self, agency_id: str | None) -> tzinfo:
        if self.zone_of is not None:
            return self.zone_of(agency_id)
        name = self.zones.get(agency_id, self.default_zone) if agency_id else self.default_zone
        return ZoneInfo(name)

    def __call__(self, start: datetime, end: datetime, agency_id: str | None, /) -> int:
        """Calendar days from the local date of ``start`` to that of ``end``."""
        zone = self._zone(agency_id)
        return (end.astimezone(zone).date() - start.astimezone(zone).date()).days


# --- agency-level indicators -------------------------------------------------------------


def _in_scope(agencies: Iterable[Agency], scope: Collection[str] | None) -> dict[str, Agency]:
    chosen: dict[str, Agency] = {}
    for agency in agencies:
        if scope is None or agency.id in scope:
            chosen[agency.id] = agency
    if scope is not None:
        unknown = sorted(set(scope) - set(chosen))
        if unknown:
            msg = f"agencies in scope but not given: {', '.join(unknown[:5])}"
            raise ScoringError(msg, rule="IND-CONNECTIVITY", field="scope")
    return chosen


def compute_connectivity(
    agencies: Iterable[Agency],
    *,
    scope: Collection[str] | None = None,
    rulebook: Rulebook | None = None,
) -> Rate:
    """Connectivity (*keterhubungan*): agencies with an SK team ÷ agencies in scope.

    Rule: standard.md §7 [R] (MENPAN-2020), IND-CONNECTIVITY. An agency is
    connected when a decree names its SP4N team (``Agency.connected``).
    Kalimantan Tengah 15/15 = 100 %; Jambi 11/12 = 92 %.

    Args:
        agencies: The agencies evaluated (e.g. a province and its 14 regencies
            and cities), or more, narrowed by ``scope``.
        scope: Agency ids evaluated; ``None`` = all given.
        rulebook: Rules in force (default: the package's).

    Raises:
        ScoringError: an id in ``scope`` has no ``Agency`` among ``agencies``.
    """
    row = indicator_rule(rulebook or Rulebook.default(), "connectivity")
    chosen = _in_scope(agencies, scope)
    return Rate(sum(a.connected for a in chosen.values()), len(chosen), rule=row.rule)


def compute_activity(
    agency_ids: Iterable[str],
    last_logins: Mapping[str, datetime],
    *,
    now: datetime,
    since: datetime | None = None,
    rulebook: Rulebook | None = None,
) -> Rate:
    """Activity (*keaktifan*): agencies with an admin login in the last month ÷ in scope.

    Rule: standard.md §7 [R] (MENPAN-2020), IND-ACTIVITY. "The last month" is
    ``[now − 1 calendar month, now]`` by default [D]; pass ``since`` for
    another window. A login after ``now`` is not counted (the evaluation is
    as of ``now``). Kalimantan Tengah 10/15 = 67 %; Jambi 10/12 = 83 %.

    Args:
        agency_ids: The agencies in scope (each counted once).
        last_logins: Agency id → instant of the last admin login (aware).
        now: The evaluation instant.
        since: Start of the window; default ``now`` minus one month.
        rulebook: Rules in force (default: the package's).

    Raises:
        ScoringError: a naive instant.
    """
    row = indicator_rule(rulebook or Rulebook.default(), "activity")
    _aware(now, "now")
    start = _aware(since, "since") or now - relativedelta(months=1)
    scope = set(agency_ids)
    active = 0
    for agency_id in scope:
        login = last_logins.get(agency_id)
        if login is None:
            continue
        _aware(login, "last_logins")
        if start <= login <= now:
            active += 1
    return Rate(active, len(scope), rule=row.rule)

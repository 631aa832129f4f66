"""Monev indicators and their inputs — *indikator monitoring dan evaluasi*.

The KemenPANRB regional reviews (standard.md §7 [R], MENPAN-2020) judge an
agency, a province with its regencies and cities, or the nation, by:

| indicator | formula | rule |
|---|---|---|
| connectivity | agencies with an SK team ÷ agencies in scope | IND-CONNECTIVITY |
| activity | agencies with an admin login in the last month ÷ agencies in scope | IND-ACTIVITY |
| follow-up rate | (closed + in progress) ÷ all reports | IND-FOLLOW-UP |
| closed share | closed ÷ all reports | IND-CLOSED-SHARE |
| in-progress share | in progress ÷ all reports | IND-IN-PROGRESS-SHARE |
| unverified share | not yet verified ÷ all reports | IND-UNVERIFIED-SHARE |
| follow-up speed | days from dispatch to the first follow-up | IND-FOLLOW-UP-SPEED |
| on-time rate per stage | stages met ÷ stages decided | IND-ON-TIME |

The formulas are rows of the rulebook (``indicators``); the statuses each
share counts are the row's ``numerator_statuses``, never a status ladder in
code. This module holds the agency-level indicators (connectivity, activity)
and the plain inputs the complaint-level ones need: a [`Period`][sp4n.scoring.Period], a scope
(a set of agency ids), who handles a complaint ([`handling_agency`][sp4n.scoring.handling_agency])
and
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

from sp4n._guards import boundary
from sp4n.errors import ScoringError
from sp4n.i18n import Message
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
from sp4n.workdays.zones import iana_zone

__all__ = [
    "AgencyLookup",
    "AgencyOf",
    "AgencyTree",
    "AncestorTree",
    "CalendarDayCounter",
    "DayCounter",
    "Period",
    "ProvinceOfTree",
    "ProvinceTree",
    "compute_activity",
    "compute_connectivity",
    "dispatch_to_first_follow_up",
    "handling_agency",
    "ids_of",
    "indicator_rule",
    "province_key",
    "rolled_up",
    "routed_or_handling",
    "scope_of",
]

DEFAULT_ZONE = "Asia/Jakarta"
"""WIB: the zone for calendar dates when an agency's own zone is not given."""

AgencyOf = Callable[[Complaint], str | None]
"""Who a complaint counts for: an agency id, or ``None`` (not counted)."""

AgencyLookup = Callable[[str], Agency | None]
"""Agency id → its [`Agency`][sp4n.models.Agency] (or ``None`` if unknown), e.g.
``AgencyGraph.find`` or ``{a.id: a for a in agencies}.get``; gives each agency's zone."""

ACTIVITY_WINDOW = relativedelta(months=1)
"""Default activity window: one calendar month before ``now`` (IND-ACTIVITY [D])."""


def ids_of(value: object, field: str, rule: str | None = None) -> frozenset[str]:
    """Agency ids as a frozenset, refusing a plain string (``"kab-a"`` is not ``{"kab-a"}``).

    A ``str`` is iterable, so passing one where a collection is expected would
    silently count its letters as agency ids; that is an error here.

    Raises:
        ScoringError: a string, bytes, a non-iterable or a non-string member.

    >>> sorted(ids_of(["b", "a"], "scope"))
    ['a', 'b']
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ScoringError(
            Message(
                "error.indicators.field-collection-agency-ids",
                "{field} must be a collection of agency ids, not {type} {value}",
                field=str(field),
                type=str(type(value).__name__),
                value=repr(value),
            ),
            rule=rule,
            field=field,
        )
    ids = frozenset(value)
    bad = [i for i in ids if not isinstance(i, str)]
    if bad:
        raise ScoringError(
            Message(
                "error.indicators.field-holds-non-string",
                "{field} holds non-string agency ids: {bad}",
                field=str(field),
                bad=repr(bad[:3]),
            ),
            rule=rule,
            field=field,
        )
    return ids


def _check_month(year: object, month: object) -> None:
    """A year in 1–9998 (its period ends within Python's dates) and a month in 1–12."""
    for name, value, low, high in (("year", year, 1, 9998), ("month", month, 1, 12)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ScoringError(
                Message(
                    "error.indicators.name-integer-low-high",
                    "{name} must be an integer from {low} to {high}, not {value}",
                    name=str(name),
                    low=str(low),
                    high=str(high),
                    value=repr(value),
                ),
                field=name,
            )


def _zone_named(name: str, field: str) -> ZoneInfo:
    """The IANA zone ``name``; an unknown or malformed name is a `ScoringError`."""
    found = iana_zone(name)  # a pathological name too: never a RecursionError
    if found is None:
        raise ScoringError(
            Message(
                "CAL-DEFAULT-ZONE.unknown-time-zone-name",
                "unknown time zone {name}",
                name=repr(str(name)[:64]),
            ),
            rule="CAL-DEFAULT-ZONE",
            field=field,
        )
    return found


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
    known = ", ".join(sorted(r.indicator for r in rulebook.indicators)) or "none"
    raise ScoringError(
        Message(
            "error.indicators.no-indicator-indicator-force",
            "no indicator {indicator} in force in rulebook {version} (indicators in force: "
            "{known})",
            indicator=repr(indicator),
            version=str(rulebook.version),
            known=str(known),
        ),
        field="indicator",
    )


def _rule_in_force(rulebook: Rulebook, indicator: str) -> str | None:
    """The rule id of ``indicator`` if in force, else ``None`` (absent, not an error)."""
    return next((r.rule for r in rulebook.indicators if r.indicator == indicator), None)


def _aware(value: datetime | None, field: str) -> datetime | None:
    given: object = value  # callers may pass anything at run time
    if given is not None and not isinstance(given, datetime):
        raise ScoringError(
            Message(
                "TIMESTAMP-AWARE.field-timezone-aware-datetime",
                "{field} must be a timezone-aware datetime, got {type} {value}",
                field=str(field),
                type=str(type(value).__name__),
                value=repr(value),
            ),
            rule="TIMESTAMP-AWARE",
            field=field,
        )
    if value is not None and value.utcoffset() is None:
        raise ScoringError(
            Message(
                "TIMESTAMP-AWARE.field-timezone-aware",
                "{field} must be timezone-aware",
                field=str(field),
            ),
            rule="TIMESTAMP-AWARE",
            field=field,
        )
    return value


# --- period and scope -----------------------------------------------------------------------


@attrs.frozen
class Period:
    """The submission window of an evaluation: ``start <= submitted_at < end``.

    Either end may be open (``None``). Instants are timezone-aware; use
    [`from_dates`][sp4n.scoring.Period.from_dates] for whole local days.

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
            raise ScoringError(
                Message(
                    "error.indicators.period-ends-after-starts", "a period ends after it starts"
                ),
                field="end",
            )

    @classmethod
    @boundary(zone=None, refuse_as=ScoringError)
    def from_dates(cls, first: date, last: date, *, zone: str | tzinfo = DEFAULT_ZONE) -> Period:
        """The local days ``first`` to ``last`` inclusive, in ``zone`` (WIB by default).

        Raises:
            ScoringError: an unknown zone name, or ``last`` before ``first``.
        """
        tz = zone if isinstance(zone, tzinfo) else _zone_named(zone, "zone")
        return cls(
            datetime.combine(first, time(), tz),
            datetime.combine(last + timedelta(days=1), time(), tz),
        )

    @classmethod
    def year(cls, year: int, *, zone: str | tzinfo = DEFAULT_ZONE) -> Period:
        """The calendar year ``year`` in local time (WIB by default; give the scope's zone).

        Reports are grouped by their submission date in the scope's local time
        (standard.md §7): a report filed at 00:30 WIB on 1 January belongs to the
        new year, although it is still 31 December in UTC.

        >>> from datetime import UTC
        >>> p = Period.year(2024)
        >>> p.start.isoformat(), p.end.isoformat()
        ('2024-01-01T00:00:00+07:00', '2025-01-01T00:00:00+07:00')
        >>> p.contains(datetime(2023, 12, 31, 17, 30, tzinfo=UTC))  # 00:30 WIB, 1 January
        True
        >>> Period.year(2024, zone="Asia/Jayapura").start.isoformat()
        '2024-01-01T00:00:00+09:00'

        Raises:
            ScoringError: an unknown zone, or a year outside 1–9998.
        """
        _check_month(year, 1)
        return cls.from_dates(date(year, 1, 1), date(year, 12, 31), zone=zone)

    @classmethod
    def month(cls, year: int, month: int, *, zone: str | tzinfo = DEFAULT_ZONE) -> Period:
        """One calendar month in local time (WIB by default), e.g. ``Period.month(2024, 3)``.

        >>> Period.month(2024, 2).end.isoformat()
        '2024-03-01T00:00:00+07:00'

        Raises:
            ScoringError: an unknown zone, a month outside 1–12 or a year outside 1–9998.
        """
        _check_month(year, month)
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return cls.from_dates(date(year, month, 1), last, zone=zone)

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


@runtime_checkable
class ProvinceOfTree(Protocol):
    """A hierarchy answering ``province_of(agency_id)`` (``sp4n.hierarchy.AgencyGraph``)."""

    def province_of(self, agency_id: str, /) -> object:
        """The province (an ``Agency``, an id, or ``None``) of an agency."""
        ...  # pragma: no cover - protocol


@runtime_checkable
class ProvinceTree(Protocol):
    """A hierarchy answering ``province(agency_id)`` (a code, an id, or ``None``)."""

    def province(self, agency_id: str, /) -> object:
        """The province of an agency."""
        ...  # pragma: no cover - protocol


@runtime_checkable
class AncestorTree(Protocol):
    """A hierarchy answering ``ancestors(agency_id)``, nearest first (``AgencyGraph``)."""

    def ancestors(self, agency_id: str, /) -> Iterable[object]:
        """Ids (or objects with an ``id``) above ``agency_id``, nearest first."""
        ...  # pragma: no cover - protocol


def _id_of(item: object) -> str:
    if isinstance(item, str):
        return item
    ident = getattr(item, "id", None)
    if not isinstance(ident, str):
        raise ScoringError(
            Message(
                "error.indicators.cannot-tell-agency-id",
                "cannot tell the agency id of {item}",
                item=repr(item),
            ),
            field="scope",
        )
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
    tree: ProvinceOfTree | ProvinceTree, agency_of: AgencyOf | None = None
) -> Callable[[Complaint], str | None]:
    """A group key complaint → province, from a hierarchy with a province query.

    For per-province grouping (``key=`` of [`GroupedAccumulator`][sp4n.scoring.GroupedAccumulator]):
    the province of the agency the complaint counts for (``agency_of``,
    default [`handling_agency`][sp4n.scoring.handling_agency]). The tree answers
    ``province_of(agency_id)``
    (``sp4n.hierarchy.AgencyGraph``: the provincial government's ``Agency``,
    keyed by its id) or ``province(agency_id)`` (a code or id). An agency
    outside any province (a ministry) or unknown to the tree maps to ``None``
    (counted as ungrouped).

    Raises:
        ScoringError: the object has neither query.
    """
    query: Callable[[str], object]
    given: object = tree
    if isinstance(given, ProvinceOfTree):
        query = given.province_of
    elif isinstance(given, ProvinceTree):
        query = given.province
    else:
        raise ScoringError(
            Message(
                "error.indicators.hierarchy-given-has-no-2",
                "the hierarchy given has no province_of(agency_id) or province(agency_id) query",
            ),
            field="tree",
        )
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


def routed_or_handling(route: AgencyOf, agency_of: AgencyOf | None = None) -> AgencyOf:
    """An ``agency_of`` that counts a report nobody addressed nor dispatched where routing sends it.

    Rule IND-COUNT-UNDISPATCHED [D]: LAPOR! lets the reporter choose the target
    agency; a report with none and no dispatch yet would count in no regional
    scope, hiding a region's unverified backlog. It then counts for
    ``route(complaint)`` — e.g. the competent agency of
    ``sp4n.hierarchy.AgencyGraph.resolve`` (category × location), when decided.
    Every other report counts as ``agency_of`` (default
    [`handling_agency`][sp4n.scoring.handling_agency]) says.

    >>> count = routed_or_handling(lambda c: "kab-16.07", agency_of=lambda c: None)
    >>> count(None)
    'kab-16.07'
    """
    who = agency_of or handling_agency

    def counted(complaint: Complaint) -> str | None:
        agency_id = who(complaint)
        return route(complaint) if agency_id is None else agency_id

    return counted


def rolled_up(
    tree: AncestorTree, targets: Collection[str], agency_of: AgencyOf | None = None
) -> AgencyOf:
    """An ``agency_of`` that counts a complaint for the nearest of ``targets`` above it [D].

    A report handled by a unit (a regency's Dinas) then counts for the
    government that owns it, which is how the reviews rank regencies and
    cities. The agency itself is used if it is a target; else its nearest
    ancestor among ``targets`` (``tree.ancestors(agency_id)``, nearest first,
    as ``sp4n.hierarchy.AgencyGraph`` gives); else ``None`` (not counted).

    Raises:
        ScoringError: the object has no ``ancestors`` query, or ``targets``
            is a plain string.

    >>> class Tree:
    ...     def ancestors(self, agency_id):
    ...         return {"dinas-pu": ["kab-a", "prov"]}.get(agency_id, [])
    >>> owner = rolled_up(Tree(), {"kab-a", "kab-b"}, agency_of=lambda c: "dinas-pu")
    >>> owner(None)
    'kab-a'
    """
    given: object = tree
    if not isinstance(given, AncestorTree):
        raise ScoringError(
            Message(
                "error.indicators.hierarchy-given-has-no",
                "the hierarchy given has no ancestors(agency_id) query",
            ),
            field="tree",
        )
    query = given.ancestors
    wanted = ids_of(targets, "targets")
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
    frozen = MappingProxyType(dict(zones))
    for agency_id, name in frozen.items():
        _zone_named(name, f"zones[{agency_id!r}]")
    return frozen


def _check_zone_name(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    _zone_named(value, attribute.name)


def zone_from_lookup(lookup: AgencyLookup) -> Callable[[str | None], tzinfo]:
    """Agency id → the zone of that agency's province, from an agency lookup.

    Rule: standard.md §5 [R] (Keppres 41/1987): local dates are those of the
    agency's zone — ``Agency.time_zone``, else its region's province, else
    WIB (CAL-DEFAULT-ZONE [D]); via ``sp4n.workdays.zone_for_agency``. An id
    the lookup does not know counts in WIB.

    >>> from sp4n.models import Agency
    >>> from sp4n.vocabulary import AgencyKind
    >>> jayapura = Agency(id="kota-91.71", name="Kota Jayapura", kind=AgencyKind.CITY,
    ...                   region_code="91.71", parent_id="prov-91")
    >>> zone_from_lookup({jayapura.id: jayapura}.get)("kota-91.71").key
    'Asia/Jayapura'
    """
    from sp4n.workdays import zone_for_agency  # noqa: PLC0415 - scoring stays engine-free at import

    def zone(agency_id: str | None) -> tzinfo:
        return zone_for_agency(None if agency_id is None else lookup(agency_id))

    return zone


@attrs.frozen
class CalendarDayCounter:
    """Calendar days between the local dates of two instants [D].

    Rule: standard.md §5 [R]: local dates are in the agency's own zone (from
    its province). The zone of an agency is, in order: ``zone_of(agency_id)``;
    ``zones[agency_id]`` (IANA name); the zone of the agency found by
    ``agency_lookup`` (``sp4n.workdays.zone_for_agency``: its ``time_zone``,
    else its province's zone); else ``default_zone`` (WIB, CAL-DEFAULT-ZONE
    [D]). Without ``zone_of``, ``zones`` or ``agency_lookup`` every agency
    counts in WIB, which is wrong for WITA/WIT agencies:
    [`ScoringConfig`][sp4n.scoring.ScoringConfig]
    passes its ``agency_lookup`` here. A follow-up later the same local day is 0.

    >>> from datetime import UTC
    >>> count = CalendarDayCounter()
    >>> dispatched = datetime(2024, 4, 1, 1, 0, tzinfo=UTC)  # 08:00 WIB
    >>> count(dispatched, datetime(2024, 4, 1, 16, 0, tzinfo=UTC), None)  # 23:00 WIB
    0
    >>> count(dispatched, datetime(2024, 4, 1, 17, 0, tzinfo=UTC), None)  # 00:00 WIB next day
    1
    """

    zones: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_zones)
    default_zone: str = attrs.field(default=DEFAULT_ZONE, validator=_check_zone_name)
    zone_of: Callable[[str | None], tzinfo] | None = None
    """Optional agency id → zone (e.g. ``sp4n.workdays.zone_for_agency`` over a graph);
    consulted before ``zones``."""
    agency_lookup: AgencyLookup | None = attrs.field(default=None, kw_only=True)
    """Optional agency id → ``Agency``; its province gives the zone (after ``zones``)."""

    def _zone(self, agency_id: str | None) -> tzinfo:
        if self.zone_of is not None:
            return self.zone_of(agency_id)
        if agency_id is not None and agency_id in self.zones:
            return ZoneInfo(self.zones[agency_id])
        if self.agency_lookup is not None and agency_id is not None:
            return zone_from_lookup(self.agency_lookup)(agency_id)
        return ZoneInfo(self.default_zone)

    def __call__(self, start: datetime, end: datetime, agency_id: str | None, /) -> int:
        """Calendar days from the local date of ``start`` to that of ``end``.

        Raises:
            ScoringError: a naive (or non-datetime) instant (TIMESTAMP-AWARE).
        """
        _aware(start, "start")
        _aware(end, "end")
        zone = self._zone(agency_id)
        return (end.astimezone(zone).date() - start.astimezone(zone).date()).days


# --- agency-level indicators -------------------------------------------------------------


def _in_scope(agencies: Iterable[Agency], scope: Collection[str] | None) -> dict[str, Agency]:
    wanted = None if scope is None else ids_of(scope, "scope", "IND-CONNECTIVITY")
    chosen: dict[str, Agency] = {}
    for agency in agencies:
        if wanted is None or agency.id in wanted:
            chosen[agency.id] = agency
    if wanted is not None:
        unknown = sorted(wanted - chosen.keys())
        if unknown:
            raise ScoringError(
                Message(
                    "IND-CONNECTIVITY.agencies-scope-but-given",
                    "agencies in scope but not given: {join}",
                    join=str(", ".join(unknown[:5])),
                ),
                rule="IND-CONNECTIVITY",
                field="scope",
            )
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
        ScoringError: an id in ``scope`` has no ``Agency`` among ``agencies``,
            or ``scope`` is a plain string.
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
    window: relativedelta | timedelta = ACTIVITY_WINDOW,
) -> Rate:
    """Activity (*keaktifan*): agencies with an admin login in the last month ÷ in scope.

    Rule: standard.md §7 [R] (MENPAN-2020), IND-ACTIVITY. "The last month" is
    ``[now − window, now]``, both ends included, with ``window`` one calendar
    month by default [D] (a choice of this library: the reviews do not define
    the month; the lead may move it into the rulebook); pass ``window`` or
    ``since`` for another. A login after ``now`` is not counted (the
    evaluation is as of ``now``). Kalimantan Tengah 10/15 = 67 %; Jambi
    10/12 = 83 %.

    Args:
        agency_ids: The agencies in scope (each counted once); not a plain string.
        last_logins: Agency id → instant of the last admin login (aware datetime).
        now: The evaluation instant.
        since: Start of the window; wins over ``window``.
        rulebook: Rules in force (default: the package's).
        window: Length of the window before ``now`` [D]; default
            ``relativedelta(months=1)``.

    Raises:
        ScoringError: a naive instant or a login that is not a datetime
            (TIMESTAMP-AWARE), or ``agency_ids`` a plain string.
    """
    row = indicator_rule(rulebook or Rulebook.default(), "activity")
    _aware(now, "now")
    start = _aware(since, "since") or now - window
    scope = ids_of(agency_ids, "agency_ids", row.rule)
    active = 0
    for agency_id in scope:
        login = last_logins.get(agency_id)
        if login is None:
            continue
        _aware(login, "last_logins")
        if start <= login <= now:
            active += 1
    return Rate(active, len(scope), rule=row.rule)

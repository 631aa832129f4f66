"""Adapters from the calendar, SLA and hierarchy engines to scoring's plain inputs.

Scoring takes callables and data, not engines, so it imports none of
``sp4n.workdays``, ``sp4n.sla`` or ``sp4n.hierarchy``. These adapters are
typed by structure (protocols): anything that answers the same questions
works, including those modules' objects:

* [`working_day_counter`][sp4n.scoring.working_day_counter] — a
[`DayCounter`][sp4n.scoring.DayCounter] from a
  calendar with ``working_days_between(a, b)`` (``WorkingCalendar``) and a
  zone per agency;
* [`stage_outcomes_from`][sp4n.scoring.stage_outcomes_from] —
[`StageOutcomes`][sp4n.scoring.StageOutcomes] from a
  function giving each complaint's stage results (``sla.deadlines``);
* [`agency_zones`][sp4n.scoring.agency_zones] — agency id → zone from a hierarchy's ``find`` and a
  zone rule (``workdays.zone_for_agency``).

>>> from datetime import UTC, date, datetime
>>> class Weekdays:  # any calendar with working_days_between(a, b) over (a, b]
...     def working_days_between(self, a, b):
...         return sum((a.toordinal() + i) % 7 not in (6, 0) for i in range(1, (b - a).days + 1))
>>> count = working_day_counter(Weekdays())
>>> friday, monday = datetime(2024, 4, 5, 3, tzinfo=UTC), datetime(2024, 4, 8, 3, tzinfo=UTC)
>>> count(friday, monday, None)
1
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

from sp4n.errors import ScoringError
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.scoring.accumulate import StageOutcomes
from sp4n.scoring.indicators import DEFAULT_ZONE, AgencyLookup, DayCounter, zone_from_lookup
from sp4n.vocabulary import Stage

__all__ = [
    "AGENCY_STAGES",
    "agency_zones",
    "on_time_outcome",
    "stage_outcomes_from",
    "working_day_counter",
]

AGENCY_STAGES: frozenset[Stage] = frozenset(
    {Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION}
)
"""Stages that judge the handling side (on-time rates, IND-ON-TIME [D]).

The reply, hold and filing windows are the reporter's clocks: their expiry
is not an agency's delay, so they are left out by default."""


def on_time_outcome(state: object) -> bool | None:
    """Whether an SLA stage in ``state`` counts as on time: the one reading of IND-ON-TIME.

    Rule: standard.md §7 [D] (IND-ON-TIME): ``SlaState.MET`` → ``True``,
    ``SlaState.BREACHED`` → ``False``; any other state (pending, paused, not
    applicable) is undecided, ``None``, and left out of the rate. Accepts a
    [`sp4n.sla.SlaState`][sp4n.sla.SlaState] or its value (``"MET"``).

    Raises:
        ScoringError: not an SLA state (``field="state"``).

    >>> from sp4n.sla import SlaState
    >>> on_time_outcome(SlaState.MET), on_time_outcome("BREACHED"), on_time_outcome(SlaState.PAUSED)
    (True, False, None)
    """
    from sp4n.sla import SlaState  # noqa: PLC0415 - scoring stays engine-free at import

    try:
        known = SlaState(str(state))
    except ValueError:
        raise ScoringError(
            Message("IND-ON-TIME.sla-state-state", "not an SLA state: {state}", state=repr(state)),
            rule="IND-ON-TIME",
            field="state",
        ) from None
    if known is SlaState.MET:
        return True
    if known is SlaState.BREACHED:
        return False
    return None


class _Calendar(Protocol):
    def working_days_between(self, a: date, b: date, /) -> object:
        """Working days in ``(a, b]``: an int or an object with ``count``."""
        ...  # pragma: no cover - protocol


class _StageResult(Protocol):
    @property
    def stage(self) -> Stage:
        """The stage judged."""
        ...  # pragma: no cover - protocol

    @property
    def state(self) -> str:
        """An ``sp4n.sla.SlaState`` (a ``str`` enum): ``MET``, ``BREACHED`` or undecided."""
        ...  # pragma: no cover - protocol


class _Finder(Protocol):
    def find(self, agency_id: str, /) -> object:
        """The agency with that id, or ``None``."""
        ...  # pragma: no cover - protocol


def _as_count(answer: object) -> int:
    if isinstance(answer, int) and not isinstance(answer, bool):
        return answer
    count = getattr(answer, "count", None)
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    raise ScoringError(
        Message(
            "IND-FOLLOW-UP-SPEED.calendar-answered-answer-working",
            "a calendar answered {answer}, not a working-day count",
            answer=repr(answer),
        ),
        rule="IND-FOLLOW-UP-SPEED",
    )


def working_day_counter(
    calendar: _Calendar,
    zone_of: Callable[[str | None], tzinfo] | None = None,
    *,
    agency_lookup: AgencyLookup | None = None,
) -> DayCounter:
    """A working-day [`DayCounter`][sp4n.scoring.DayCounter] from a calendar.

    The days counted are those strictly after the local date of the start up
    to the local date of the end (standard.md §5 [D]), local to the agency's
    zone: ``zone_of``, else the zone of the agency ``agency_lookup`` finds
    (its province, standard.md §5 [R]), else WIB.

    Args:
        calendar: E.g. ``sp4n.workdays.WorkingCalendar.indonesia()``.
        zone_of: Agency id → its zone (see [`agency_zones`][sp4n.scoring.agency_zones]).
        agency_lookup: Agency id → ``Agency`` (e.g. ``AgencyGraph.find``),
            used when ``zone_of`` is not given.
    """
    default = ZoneInfo(DEFAULT_ZONE)
    if zone_of is None and agency_lookup is not None:
        zone_of = zone_from_lookup(agency_lookup)

    def count(start: datetime, end: datetime, agency_id: str | None, /) -> int:
        zone = default if zone_of is None else zone_of(agency_id)
        local_start, local_end = start.astimezone(zone).date(), end.astimezone(zone).date()
        return _as_count(calendar.working_days_between(local_start, local_end))

    return count


def stage_outcomes_from(
    results: Callable[[Complaint], Iterable[_StageResult]],
    *,
    stages: Collection[Stage] = AGENCY_STAGES,
) -> StageOutcomes:
    """[`StageOutcomes`][sp4n.scoring.StageOutcomes] from each complaint's SLA stage results.

    ``MET`` → on time, ``BREACHED`` → late, any other state → undecided (left
    out of the rate). A result with ``scope == "reporter"`` (the
    reporter-facing total after a redispatch) is skipped: the agency's own
    clock is the one judged.

    Args:
        results: Complaint → stage results, e.g.
            ``lambda c: sla.deadlines(c, now=now, calendar=cal)``.
        stages: Stages to rate (default [`AGENCY_STAGES`][sp4n.scoring.AGENCY_STAGES]).
    """
    chosen = frozenset(stages)

    def outcomes(complaint: Complaint) -> Iterator[tuple[Stage, bool | None]]:
        for result in results(complaint):
            if result.stage not in chosen or getattr(result, "scope", "agency") == "reporter":
                continue
            yield result.stage, on_time_outcome(result.state)

    return outcomes


def agency_zones(
    tree: _Finder, zone_for: Callable[[object], tzinfo]
) -> Callable[[str | None], tzinfo]:
    """Agency id → zone, from a hierarchy's ``find`` and a zone rule.

    Args:
        tree: E.g. ``sp4n.hierarchy.AgencyGraph`` (``find(id)`` → agency or ``None``).
        zone_for: Agency (or ``None``) → zone, e.g. ``sp4n.workdays.zone_for_agency``.
    """

    def zone(agency_id: str | None) -> tzinfo:
        return zone_for(None if agency_id is None else tree.find(agency_id))

    return zone

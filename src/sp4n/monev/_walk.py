"""One pass over a report's history: lifecycle check, SLA clock runs and monev facts together.

Reading a stored report used to walk its history three times: the lifecycle
replay ([`sp4n.lifecycle.check_history`][sp4n.lifecycle.check_history], which validates a new report
after every event), the SLA engine's replay, and the scoring accumulators'
own scans. `walk` reads each event once and, for each:

* makes every check [`sp4n.lifecycle.apply`][sp4n.lifecycle.apply] makes
  (`sp4n.lifecycle._engine.check_event`), on a light copy of the report
  as it stood before the event, and keeps the status the row leads to; the
  history must end in the stored status (HISTORY-STATUS), exactly as
  [`check_history`][sp4n.lifecycle.check_history] requires;
* steps the SLA clocks ([`sp4n.sla.batch.ReportClocks`][sp4n.sla.batch.ReportClocks], the scalar
  engine's own [`ClockReplay`][sp4n.sla.clocks.ClockReplay]), read up to ``now``;
* notes who handles the report, the dispatch before the first follow-up,
  and the admin and liaison events (activity).

Events after ``now`` have not happened yet (rule INPUT-AFTER-NOW): the
lifecycle check still reads the whole history (a broken later event makes the
line invalid, as in ``sp4n sla``), but the status, the handler, the follow-up
span, the clocks and the activity are those of the report as it stood at
``now`` — what `sp4n.lifecycle.replay` of the events up to ``now`` gives.

A property test checks the lifecycle verdict against ``check_history`` on
lawful and broken histories (``tests/test_monev_scale.py``).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from sp4n._types import tracking_id_problem
from sp4n.errors import DataError, InvalidTransition
from sp4n.i18n import Message
from sp4n.lifecycle import WIB, AgencyTree, WorkingDayCounter
from sp4n.lifecycle._engine import _rows_by_event, check_event, check_submitter
from sp4n.lifecycle._protocols import MemoTree
from sp4n.models import Agency, Complaint, Event
from sp4n.rulebook import DeadlineRule, Rulebook
from sp4n.sla.batch import HandlerZones, ReportClocks
from sp4n.sla.clocks import Run, StatusSteps
from sp4n.vocabulary import EventKind, Role, Stage, Status
from sp4n.workdays import WorkingCalendar
from sp4n.workdays.working_calendar import _prefix_count

__all__ = ["WalkContext", "Walked", "walk"]

_AGENCY_ROLES: Final = frozenset({Role.AGENCY_ADMIN, Role.LIAISON})
_DISPATCHES: Final = frozenset({"verify_and_dispatch", "redispatch"})
_SUBMIT_RULE: Final = "LC-SUBMIT"
_KINDS: Final = {kind.value: kind for kind in EventKind}


@functools.cache
def _eras() -> tuple[date, ...]:
    """The days on which the package rulebook's rows in force change, sorted.

    Between two of them every day selects the same rows (a row is in force
    from ``valid_from`` to ``valid_until``, both inclusive), hence the same rules.
    """
    from sp4n.rulebook import _all_rows, _package_file  # noqa: PLC0415 - the package file

    bounds: set[date] = set()
    for row in _all_rows(_package_file()):
        bounds.add(row.valid_from)
        if row.valid_until is not None and row.valid_until < date.max:
            bounds.add(row.valid_until + timedelta(days=1))
    return tuple(sorted(bounds))


@functools.lru_cache(maxsize=256)
def _book_from(first: date) -> Rulebook:
    return Rulebook.for_date(first)


def _book_on(day: date) -> Rulebook:
    """The package rules in force on a day (a report is judged by its submission date).

    [`Rulebook.for_date`][sp4n.rulebook.Rulebook.for_date], built once per span of days with the
    same rows
    (building one per day costs more than judging the reports of that day).
    """
    eras = _eras()
    era = bisect.bisect_right(eras, day)
    return _book_from(eras[era - 1] if era else day)


class _PrefixDays:
    """A calendar's working-day counts without the skipped-day lists (the check needs the count).

    Satisfies [`sp4n.lifecycle.WorkingDayCounter`][sp4n.lifecycle.WorkingDayCounter] with the
    calendar's
    own prefix counts
    ([`WorkingCalendar.working_days_between`][sp4n.workdays.WorkingCalendar.working_days_between]
    minus its
    explanation).
    """

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar

    def working_days_between(self, start: date, end: date, /) -> int:
        low, high, sign = (start, end, 1) if start <= end else (end, start, -1)
        return sign * _prefix_count(self.calendar, low, high)


def lifecycle_helpers(
    hierarchy: AgencyTree | None, calendar: WorkingDayCounter | None
) -> tuple[AgencyTree | None, WorkingDayCounter | None]:
    """Memoised stand-ins for an immutable hierarchy and a ``WorkingCalendar`` (else as given)."""
    from sp4n.hierarchy import AgencyGraph  # noqa: PLC0415 - hierarchy imports lifecycle

    tree = MemoTree(hierarchy) if isinstance(hierarchy, AgencyGraph) else hierarchy
    days = _PrefixDays(calendar) if isinstance(calendar, WorkingCalendar) else calendar
    return tree, days


@attrs.define
class WalkContext:
    """What a walk needs besides the report; one per pipeline (its memos are shared).

    Attributes:
        rulebook: The rules the SLA clocks follow (the pipeline's).
        stages: The SLA stages to run clocks for (``None``: no SLA).
        now: Events after it are not read by the clocks nor counted as activity
            (``None``: every event, as ``sp4n convert`` stores them).
        agency_lookup: Agency id → agency, for the zone of each clock.
        hierarchy: For the lifecycle check (scopes, dispatch targets).
        calendar: For the lifecycle check's timed transitions.
        lifecycle_rulebook: Rules of the lifecycle check; ``None``: those in force
            on each report's submission date, as [`sp4n.lifecycle.apply`][sp4n.lifecycle.apply]
            does.
    """

    rulebook: Rulebook
    stages: frozenset[Stage] | None
    now: datetime | None
    agency_lookup: Callable[[str], Agency | None] | None
    hierarchy: AgencyTree | None = None
    calendar: WorkingDayCounter | None = None
    lifecycle_rulebook: Rulebook | None = None
    zones: dict[tuple[str | None, str | None], ZoneInfo] = attrs.field(factory=dict)
    _helpers: tuple[AgencyTree | None, WorkingDayCounter | None] | None = None
    _rules: dict[tuple[object, object], tuple[DeadlineRule, ...]] = attrs.field(factory=dict)

    def lifecycle(self) -> tuple[AgencyTree | None, WorkingDayCounter | None]:
        """The hierarchy and calendar the lifecycle check uses (memoised stand-ins)."""
        if self._helpers is None:
            self._helpers = lifecycle_helpers(self.hierarchy, self.calendar)
        return self._helpers

    def rules_for(self, complaint: Complaint) -> tuple[DeadlineRule, ...]:
        """The deadline rows of the chosen stages that apply to a report's type."""
        key = (complaint.type, complaint.examination)
        rules = self._rules.get(key)
        if rules is None:
            stages = self.stages or frozenset()
            rules = self._rules[key] = tuple(
                r
                for r in self.rulebook.deadlines_for(complaint.type, complaint.examination)
                if r.stage in stages
            )
        return rules


@attrs.define
class Walked:
    """What one pass over a report yields.

    Attributes:
        complaint: The report.
        handler: The agency handling it now
            ([`sp4n.scoring.handling_agency`][sp4n.scoring.handling_agency]).
        span: The last dispatch before the first follow-up and that follow-up
            ([`sp4n.scoring.dispatch_to_first_follow_up`][sp4n.scoring.dispatch_to_first_follow_up]),
            or ``None``.
        runs: (rule, run) of each SLA clock that started, with the agency's clocks only.
        zones: The zone finder of this history (each run's zone is that of its start).
        agency_events: (actor agency, instant) of every admin or liaison event
            up to ``now``.
        last_event_at: The instant of the last event.
        status: The status at ``now`` (the stored status when no event is after it).
        truncated: Some events are after ``now`` and were left out (INPUT-AFTER-NOW).
    """

    complaint: Complaint
    handler: str | None
    span: tuple[datetime, datetime] | None
    runs: list[tuple[DeadlineRule, Run]]
    zones: HandlerZones
    agency_events: list[tuple[str, datetime]]
    last_event_at: datetime
    status: Status
    truncated: bool = False


def walk(complaint: Complaint, ctx: WalkContext, *, check: bool) -> Walked:
    """One pass over ``complaint``'s history (see the module docstring).

    Args:
        complaint: A validated report.
        ctx: The pipeline's context.
        check: Make the lifecycle check (the CLI readers do; a caller handing
            over reports it built itself with the engine may skip it).

    Raises:
        InvalidTransition: the history breaks the transition table, or ends in
            another status than the stored one (HISTORY-STATUS).
        PermissionDenied: an event's actor was not allowed.
        DataError: for the clocks, an event the transition table does not allow.
    """
    history = complaint.history
    now = ctx.now
    rules = ctx.rules_for(complaint) if ctx.stages else ()
    clocks = ReportClocks(rules, totals=False) if rules else None
    steps = StatusSteps(ctx.rulebook) if clocks is not None else None
    lifecycle = _Lifecycle(complaint, ctx) if check else None
    dispatched: datetime | None = None
    span: tuple[datetime, datetime] | None = None
    followed = False
    agency_events: list[tuple[str, datetime]] = []
    cut = _events_up_to(history, now)
    for index in range(cut):
        event = history[index]
        name = event.kind
        kind = _KINDS[name]
        if lifecycle is not None:
            lifecycle.step(index, event)
        at = event.at
        actor = event.actor
        if actor.role in _AGENCY_ROLES and actor.agency_id is not None:
            agency_events.append((actor.agency_id, at))
        if clocks is not None and steps is not None:
            clocks.step(name, at, steps.step(name))
        if not followed:
            if event.kind in _DISPATCHES:
                dispatched = at
            elif kind is EventKind.POST_FOLLOW_UP:
                followed = True
                span = None if dispatched is None else (dispatched, at)
    truncated = cut < len(history)  # the report as it stood at now (INPUT-AFTER-NOW)
    status = _status_at(complaint, cut, ctx, lifecycle) if truncated else complaint.status
    if lifecycle is not None:
        for index in range(cut, len(history)):  # later events are checked, not counted
            lifecycle.step(index, history[index])
        lifecycle.finish()
    zones = HandlerZones(complaint, now, ctx.agency_lookup, memo=ctx.zones)
    handler = zones.handler_at(now) if truncated and now is not None else zones.final_handler
    runs: list[tuple[DeadlineRule, Run]] = []
    if clocks is not None:
        for rule, found in zip(rules, clocks.finish(), strict=True):
            run = found[0][1]
            if run is not None:
                runs.append((rule, run))
    return Walked(
        complaint=complaint,
        handler=handler,
        span=span,
        runs=runs,
        zones=zones,
        agency_events=agency_events,
        last_event_at=history[-1].at,
        status=status,
        truncated=truncated,
    )


def _events_up_to(history: tuple[Event, ...], now: datetime | None) -> int:
    """How many events of a history happened by ``now`` (all of them when ``now`` is ``None``)."""
    if now is None or history[-1].at <= now:
        return len(history)
    return next(i for i, event in enumerate(history) if event.at > now)


def _status_at(
    complaint: Complaint, cut: int, ctx: WalkContext, lifecycle: _Lifecycle | None
) -> Status:
    """The status after the first ``cut`` events: the lifecycle's replay, or the table's.

    With the check on, the lifecycle has just stepped through those events;
    otherwise the transition table of the rules in force at submission (those
    `sp4n.lifecycle.replay` uses) is read event by event.
    """
    if cut == 0:  # submitted after now: not a report yet (the pipeline skips it)
        return Status.SUBMITTED
    if lifecycle is not None:
        return lifecycle.status
    book = ctx.lifecycle_rulebook
    if book is None:
        book = _book_on(complaint.submitted_at.astimezone(WIB).date())
    steps = StatusSteps(book)
    found = Status.SUBMITTED
    for event in complaint.history[:cut]:
        found = Status(steps.step(event.kind))
    return found


_new: Final = object.__new__
_set: Final = object.__setattr__


def _evolved(view: Complaint, updates: dict[str, object]) -> Complaint:
    """``view.model_copy(update=updates)``, without pydantic's generic copy machinery.

    The same result (a shallow copy of the fields, ``updates`` set, no
    validation), at a third of the cost: the check makes one per replayed
    event. ``tests/test_monev_scale.py`` compares it with ``model_copy``.
    """
    copied = _new(Complaint)
    fields = view.__dict__.copy()
    fields.update(updates)
    _set(copied, "__dict__", fields)
    _set(copied, "__pydantic_fields_set__", view.__pydantic_fields_set__ | updates.keys())
    _set(copied, "__pydantic_extra__", None)
    _set(copied, "__pydantic_private__", None)
    return copied


class _Lifecycle:
    """The lifecycle check of `sp4n.lifecycle.check_history`, event by event."""

    def __init__(self, complaint: Complaint, ctx: WalkContext) -> None:
        self.complaint, self.ctx = complaint, ctx
        book = ctx.lifecycle_rulebook
        if book is None:
            book = _book_on(complaint.submitted_at.astimezone(WIB).date())
        self.book = book
        self.view = complaint
        self.status = Status.SUBMITTED
        """The status after the events stepped so far."""
        self.tree, self.days = ctx.lifecycle()

    def step(self, index: int, event: object) -> None:
        complaint, book = self.complaint, self.book
        if index == 0:
            self._submit(event)
            if len(complaint.history) == 1:
                return
            self.view = _evolved(
                complaint,
                {
                    "status": Status.SUBMITTED,
                    "history": complaint.history[:1],
                    "summary_title": None,
                    "tags": (),
                },
            )
            return
        row, updates = check_event(
            self.view,
            complaint.history[index],
            rulebook=book,
            hierarchy=self.tree,
            calendar=self.days,
        )
        self.status = row.to
        if index + 1 < len(complaint.history):  # the last event's view is never read
            updates["status"] = row.to
            updates["history"] = complaint.history[: index + 1]
            self.view = _evolved(self.view, updates)

    def _submit(self, event: object) -> None:
        """What ``submit`` checks of the first event (the model checked it is a submit)."""
        complaint, book = self.complaint, self.book
        first = complaint.history[0]
        rows = _rows_by_event(book).get(EventKind.SUBMIT, [])
        rule = rows[0].rule if rows else _SUBMIT_RULE
        check_submitter(first.actor, rows, rule)
        # ``submit`` rebuilds the event from the submission: equal unless it carries a note
        # (its instant is submitted_at, which the model checked).
        if first.note is not None:
            raise InvalidTransition(
                Message(
                    "HISTORY-START.submit-event-submitted-history",
                    "the submit event must be at submitted_at [HISTORY-START]",
                ),
                rule="HISTORY-START",
                field="history",
            )
        _ = event

    def finish(self) -> None:
        complaint = self.complaint
        if len(complaint.history) > 1:
            problem = tracking_id_problem(complaint.tracking_id, {"rulebook": self.book})
            if problem is not None:
                settings = self.book.settings
                raise DataError(
                    Message(
                        "TRACKING-ID",
                        low=settings.tracking_id_min_digits,
                        high=settings.tracking_id_max_digits,
                    ),
                    rule="TRACKING-ID",
                    field="tracking_id",
                )
        replayed = self.status
        if replayed is not complaint.status:
            raise InvalidTransition(
                Message(
                    "HISTORY-STATUS.report-tracking-id-has-2",
                    "report {tracking_id} has status {status} but its history gives {replayed} "
                    "[HISTORY-STATUS]",
                    tracking_id=str(complaint.tracking_id),
                    status=str(complaint.status),
                    replayed=str(replayed),
                ),
                rule="HISTORY-STATUS",
                field="status",
            )

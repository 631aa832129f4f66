"""Deadlines of a report, replayed from its history — *batas waktu layanan*.

:func:`deadlines` is a pure function of (complaint history, rulebook, calendar,
``now``): nothing is stored, so replaying the same history gives the same
answer, and a changed calendar or rulebook gives new deadlines at once. This
rules out by design the recurring bugs of helpdesk SLA engines (standard.md,
peers): a report filed on a holiday (its date never counts), paused time lost
when a policy changes (pauses are re-derived from the history every time),
stale deadlines after a calendar change (nothing is cached per report).

Rule: standard.md §5 — the limits, clocks, pauses and escalation ladders are the
rulebook's deadline rows (SLA-VERIFY, SLA-FIRST-FOLLOW-UP, SLA-RESOLVE-*,
SLA-REPLY-WINDOW, SLA-HOLD-WINDOW, FILING-WINDOW). Counting: the *N* working
days are those strictly after the local date on which the clock starts; the
deadline is the end (23:59:59.999999 local) of the *N*-th working day in the
handling agency's time zone.

>>> from sp4n.models import Complaint
>>> c = Complaint.model_validate_json('''{"type": "COMPLAINT", "title": "Jalan rusak",
...   "body": "Jalan berlubang.", "category": "regency_road", "channel": "WEB",
...   "location": {"region_code": "16.07"}, "submitted_at": "2024-04-05T09:30:00+07:00",
...   "tracking_id": "0012345674", "status": "SUBMITTED",
...   "history": [{"kind": "submit", "at": "2024-04-05T09:30:00+07:00",
...                "actor": {"role": "REPORTER"}}]}''')
>>> verify = deadlines(c, now=datetime(2024, 4, 16, 9, tzinfo=WIB))[0]
>>> (verify.rule, verify.state, verify.due_date, verify.working_days_left)
('SLA-VERIFY', <SlaState.PENDING: 'PENDING'>, datetime.date(2024, 4, 18), 2)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final, Literal
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import numpy.typing as npt

from sp4n.errors import DataError, JurisdictionError
from sp4n.models import Agency, Complaint, Event
from sp4n.rulebook import DeadlineRule, EscalationTarget, Rulebook
from sp4n.vocabulary import EventKind, Stage, Status
from sp4n.workdays import (
    WIB,
    BulkWorkdays,
    NonWorkingDay,
    WorkingCalendar,
    zone_for_agency,
    zone_for_region,
    zone_name,
)

__all__ = [
    "Escalation",
    "SlaState",
    "StageDeadline",
    "bulk_due_dates",
    "deadlines",
    "escalations",
]

Scope = Literal["agency", "reporter"]


class SlaState(StrEnum):
    """Where a stage stands against its deadline."""

    PENDING = "PENDING"
    """Clock running, deadline not passed."""
    MET = "MET"
    """The stage ended on or before its deadline."""
    BREACHED = "BREACHED"
    """Ended after the deadline, or still open after it (for windows: expired)."""
    PAUSED = "PAUSED"
    """Clock paused (e.g. ON_HOLD); the remaining working days wait."""
    NOT_APPLICABLE = "NOT_APPLICABLE"
    """Clock not started (or stopped awaiting redispatch); nothing to judge."""


@attrs.frozen
class StageDeadline:
    """One stage's deadline and state as of ``now``.

    Attributes:
        rule: Rulebook id of the deadline row, e.g. ``SLA-VERIFY``.
        stage: The stage.
        scope: ``agency`` (restarts at redispatch) or ``reporter`` (the
            reporter-facing total from the first dispatch, shown after a redispatch).
        state: See :class:`SlaState`.
        limit: Working (or calendar) days allowed.
        unit: ``working_days`` or ``calendar_days``.
        time_zone: IANA zone the dates are local to.
        started_at: When the clock (last) started.
        due_date: Local date of the last allowed day; ``None`` while paused.
        due_at: End of ``due_date`` (23:59:59.999999 local); ``None`` while paused.
        ended_at: When the stage ended (or the agency left it), if it did.
        working_days_left: Working days after today up to the due date
            (PENDING), left in the budget (PAUSED) or to spare at the end (MET).
        working_days_overdue: Working days after the due date up to the end or today.
        skipped: Non-working dates counted over, with their reasons.
        explanation: How the deadline was found, one line each.
        escalation: The rulebook's escalation ladder for this stage.
        confirmed: All holiday data used is confirmed.
        warnings: Coverage and rule warnings (e.g. a late filing).
    """

    rule: str
    stage: Stage
    scope: Scope
    state: SlaState
    limit: int
    unit: str
    time_zone: str
    started_at: datetime | None = None
    due_date: date | None = None
    due_at: datetime | None = None
    ended_at: datetime | None = None
    working_days_left: int | None = None
    working_days_overdue: int | None = None
    skipped: tuple[NonWorkingDay, ...] = ()
    explanation: tuple[str, ...] = ()
    escalation: tuple[EscalationTarget, ...] = ()
    confirmed: bool = True
    warnings: tuple[str, ...] = ()


@attrs.frozen
class Escalation:
    """A breached or soon-due stage and whom to escalate it to.

    Attributes:
        tracking_id: The report.
        deadline: The stage's deadline.
        to: Rung of the rulebook ladder reached (``agency_admin``, ``parent_agency``,
            ``national_admin``).
        agency_id: The agency whose admin is alerted (``None`` for the national admin).
    """

    tracking_id: str
    deadline: StageDeadline
    to: EscalationTarget
    agency_id: str | None


# -- which events drive which clock (standard.md §4-§5) ------------------------------------


@attrs.frozen
class _ClockSpec:
    """What ends, voids and restarts a stage's clock (its start is the rulebook's ``clock``)."""

    ends: frozenset[EventKind]
    voids: frozenset[EventKind] = frozenset()
    restarts: bool = True
    end_at_last: EventKind | None = None


_START_EVENTS: Final[Mapping[str, frozenset[EventKind]]] = {
    "submission": frozenset({EventKind.SUBMIT}),
    "dispatch": frozenset({EventKind.VERIFY_AND_DISPATCH, EventKind.REDISPATCH}),
    "last_follow_up": frozenset({EventKind.POST_FOLLOW_UP}),
    "hold": frozenset({EventKind.HOLD}),
}
_LEAVES: Final = frozenset({EventKind.DECLARE_NOT_COMPETENT, EventKind.ARCHIVE, EventKind.DELETE})
_CLOSES: Final = frozenset({EventKind.CLOSE, EventKind.AUTO_CLOSE})

_CLOCKS: Final[Mapping[Stage, _ClockSpec]] = {
    Stage.VERIFICATION: _ClockSpec(
        ends=frozenset({EventKind.VERIFY_AND_DISPATCH}) | _LEAVES, restarts=False
    ),
    Stage.FIRST_FOLLOW_UP: _ClockSpec(ends=frozenset({EventKind.POST_FOLLOW_UP}), voids=_LEAVES),
    Stage.RESOLUTION: _ClockSpec(ends=_CLOSES, voids=_LEAVES, end_at_last=EventKind.POST_FOLLOW_UP),
    Stage.REPLY_WINDOW: _ClockSpec(ends=frozenset({EventKind.REPORTER_REPLY}) | _CLOSES),
    Stage.HOLD_WINDOW: _ClockSpec(
        ends=frozenset({EventKind.COMPLETE, EventKind.ARCHIVE, EventKind.DELETE})
    ),
}
_REPORTER_TOTAL: Final = _ClockSpec(
    ends=_CLOSES | {EventKind.ARCHIVE, EventKind.DELETE},
    restarts=False,
    end_at_last=EventKind.POST_FOLLOW_UP,
)


@attrs.define
class _Run:
    """A clock being replayed: running segments, pause, end."""

    started_at: datetime
    segments: list[tuple[datetime, datetime | None]]
    ended_at: datetime | None = None
    voided_at: datetime | None = None
    last_marker: datetime | None = None

    @property
    def paused(self) -> bool:
        return self.segments[-1][1] is not None

    @property
    def stopped(self) -> bool:
        return self.ended_at is not None or self.voided_at is not None


def _replay(
    history: Sequence[tuple[Event, Status]], spec: _ClockSpec, rule: DeadlineRule
) -> _Run | None:
    starts = _START_EVENTS[rule.clock]
    run: _Run | None = None
    for event, status in history:
        kind = EventKind(event.kind)
        if kind in starts and (run is None or spec.restarts):
            run = _Run(event.at, [(event.at, None)])
            continue
        if run is None or run.stopped:
            continue
        if spec.end_at_last is not None and kind is spec.end_at_last:
            run.last_marker = event.at
        if kind in spec.ends:
            use_marker = spec.end_at_last is not None and kind in _CLOSES
            run.ended_at = run.last_marker if use_marker and run.last_marker else event.at
        elif kind in spec.voids:
            run.voided_at = event.at
        elif status in rule.paused_in and not run.paused:
            run.segments[-1] = (run.segments[-1][0], event.at)
        elif status not in rule.paused_in and run.paused:
            run.segments.append((event.at, None))
    return run


def _statuses(
    complaint: Complaint, rulebook: Rulebook, now: datetime
) -> list[tuple[Event, Status]]:
    """Each event up to ``now`` with the status it led to (the rulebook's transition table)."""
    table: dict[tuple[EventKind, Status | None], Status] = {}
    for row in rulebook.transitions:
        for source in row.from_statuses or (None,):
            table.setdefault((row.event, source), row.to)
    out: list[tuple[Event, Status]] = []
    status: Status | None = None
    for event in complaint.history:
        if event.at > now:
            break
        kind = EventKind(event.kind)
        try:
            status = table[(kind, status)]
        except KeyError:
            msg = f"history: {kind} is not allowed from {status} in rulebook {rulebook.version}"
            raise DataError(msg, rule="HISTORY-TRANSITION", field="history") from None
        out.append((event, status))
    return out


# -- the engine ----------------------------------------------------------------------------


def deadlines(
    complaint: Complaint,
    *,
    now: datetime,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    time_zone: str | ZoneInfo | None = None,
    agency_lookup: Callable[[str], Agency | None] | None = None,
    strict: bool = False,
) -> tuple[StageDeadline, ...]:
    """Every deadline of the rulebook that applies to ``complaint``, as of ``now``.

    Args:
        complaint: The report with its history; events after ``now`` are ignored.
        now: The instant to judge at (timezone-aware).
        rulebook: Rules to apply; default the rules in force on the submission date.
        calendar: Working days; default the national calendar with the rulebook's week.
        time_zone: Zone to count in; default the handling agency's (via
            ``agency_lookup``), else the incident province's, else WIB (CAL-DEFAULT-ZONE [D]).
        agency_lookup: Agency id → :class:`~sp4n.models.Agency` (for its zone).
        strict: Raise instead of flagging when holiday data is not confirmed.

    Returns:
        One :class:`StageDeadline` per applicable rule, in rulebook order; a
        reporter-facing RESOLUTION total is added after a redispatch.

    Raises:
        DataError: ``now`` is naive, or the history breaks the transition table.
        CalendarError: ``strict`` and a deadline relies on unconfirmed holiday data.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        msg = "now must be timezone-aware"
        raise DataError(msg, rule="TIMESTAMP-AWARE", field="now")
    history_ok = [e for e in complaint.history if e.at <= now]
    zone, zone_warnings = _zone(complaint, history_ok, time_zone, agency_lookup)
    book = rulebook or Rulebook.for_date(complaint.submitted_at.astimezone(zone).date())
    cal = calendar or WorkingCalendar.from_rulebook(book)
    history = _statuses(complaint, book, now)
    ctx = _Ctx(cal, zone, now, strict, zone_warnings)
    dispatches = sum(1 for e, _ in history if EventKind(e.kind) in _START_EVENTS["dispatch"])
    out: list[StageDeadline] = []
    for rule in book.deadlines_for(complaint.type, complaint.examination):
        if rule.stage is Stage.FILING_WINDOW:
            out.append(_filing(complaint, rule, book, ctx))
            continue
        spec = _CLOCKS[rule.stage]
        out.append(_judge(rule, "agency", _replay(history, spec, rule), ctx))
        if rule.stage is Stage.RESOLUTION and dispatches > 1:
            out.append(_judge(rule, "reporter", _replay(history, _REPORTER_TOTAL, rule), ctx))
    return tuple(out)


@attrs.frozen
class _Ctx:
    calendar: WorkingCalendar
    zone: ZoneInfo
    now: datetime
    strict: bool
    warnings: tuple[str, ...]

    def local(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()

    def end_of(self, day: date) -> datetime:
        return datetime.combine(day, time.max, tzinfo=self.zone)


def _zone(
    complaint: Complaint,
    history: Sequence[Event],
    time_zone: str | ZoneInfo | None,
    agency_lookup: Callable[[str], Agency | None] | None,
) -> tuple[ZoneInfo, tuple[str, ...]]:
    if time_zone is not None:
        return (time_zone if isinstance(time_zone, ZoneInfo) else ZoneInfo(time_zone)), ()
    handling = complaint.target_agency_id
    for event in history:
        handling = getattr(event, "agency_id", handling)
    try:
        if agency_lookup is not None and handling is not None:
            agency = agency_lookup(handling)
            if agency is not None:
                return zone_for_agency(agency), ()
        if complaint.location is not None:
            return zone_for_region(complaint.location.region_code), ()
    except JurisdictionError as exc:
        return WIB, (f"CAL-DEFAULT-ZONE: {exc}; counting in WIB",)
    return WIB, ()


def _judge(rule: DeadlineRule, scope: Scope, run: _Run | None, ctx: _Ctx) -> StageDeadline:
    base = StageDeadline(
        rule=rule.rule,
        stage=rule.stage,
        scope=scope,
        state=SlaState.NOT_APPLICABLE,
        limit=rule.limit,
        unit=rule.unit,
        time_zone=ctx.zone.key,
        escalation=rule.escalation,
        warnings=ctx.warnings,
    )
    if run is None:
        return attrs.evolve(base, explanation=(f"clock not started ({rule.clock} not reached)",))
    cal, zone_label = ctx.calendar, zone_name(ctx.zone)
    start = ctx.local(run.started_at)
    lines = [
        f"clock starts {start.isoformat()} ({start:%a}, {zone_label}) at {rule.clock}; "
        "that date never counts"
    ]
    warnings: list[str] = list(ctx.warnings)
    skipped: list[NonWorkingDay] = []
    remaining, due = rule.limit, None
    for seg_start, seg_pause in run.segments:
        a = ctx.local(seg_start)
        if seg_pause is None:
            result = cal.add_working_days(a, remaining, strict=ctx.strict)
            due, skipped = result.day, [*skipped, *result.skipped]
            warnings.extend(result.warnings)
            break
        b = ctx.local(seg_pause)
        used = 0
        if b > a:
            between = cal.working_days_between(a, b - timedelta(days=1), strict=ctx.strict)
            used, skipped = between.count, [*skipped, *between.skipped]
            warnings.extend(between.warnings)
        if used >= remaining:
            result = cal.add_working_days(a, remaining, strict=ctx.strict)
            due = result.day
            lines.append(f"deadline {due.isoformat()} passed before the pause on {b.isoformat()}")
            break
        remaining -= used
        lines.append(
            f"paused on {b.isoformat()} ({', '.join(rule.paused_in)}): {used} working day(s) "
            f"used, {remaining} left; the pause date and the resume date never count"
        )
    state, left, overdue, ended = _state(run, due, remaining, ctx)
    if due is not None:
        lines.append(f"working day {rule.limit} is {due.isoformat()} ({due:%a}); due at 23:59:59")
    lines.extend(f"skipped {d}" for d in skipped)
    if run.voided_at is not None and state is SlaState.NOT_APPLICABLE:
        lines.append("agency clock stopped (not competent / archived); restarts at redispatch")
    unique = tuple(dict.fromkeys(warnings))
    return attrs.evolve(
        base,
        state=state,
        started_at=run.started_at,
        due_date=due,
        due_at=ctx.end_of(due) if due is not None else None,
        ended_at=ended,
        working_days_left=left,
        working_days_overdue=overdue,
        skipped=tuple(skipped),
        explanation=tuple(lines),
        confirmed=not unique,
        warnings=unique,
    )


def _state(  # noqa: PLR0911 - one return per state, read top-down
    run: _Run, due: date | None, remaining: int, ctx: _Ctx
) -> tuple[SlaState, int | None, int | None, datetime | None]:
    cal, today = ctx.calendar, ctx.local(ctx.now)
    end = run.ended_at or run.voided_at
    if due is None:  # paused with budget left
        if run.ended_at is not None:
            return SlaState.MET, remaining, None, run.ended_at
        if run.voided_at is not None:
            return SlaState.NOT_APPLICABLE, None, None, run.voided_at
        return SlaState.PAUSED, remaining, None, None
    due_at = ctx.end_of(due)
    if end is not None:
        if end > due_at:
            late = cal.working_days_between(due, ctx.local(end)).count
            return SlaState.BREACHED, None, late, end
        if run.ended_at is None:
            return SlaState.NOT_APPLICABLE, None, None, end
        spare = cal.working_days_between(ctx.local(end), due).count
        return SlaState.MET, spare, None, end
    if ctx.now > due_at:
        return SlaState.BREACHED, None, cal.working_days_between(due, today).count, None
    return SlaState.PENDING, cal.working_days_between(today, due).count, None, None


def _filing(complaint: Complaint, rule: DeadlineRule, book: Rulebook, ctx: _Ctx) -> StageDeadline:
    base = StageDeadline(
        rule=rule.rule,
        stage=rule.stage,
        scope="reporter",
        state=SlaState.NOT_APPLICABLE,
        limit=rule.limit,
        unit=rule.unit,
        time_zone=ctx.zone.key,
        escalation=rule.escalation,
    )
    if complaint.incident_date is None:
        return attrs.evolve(base, explanation=("no incident date given",))
    due = complaint.incident_date + timedelta(days=rule.limit)
    filed = ctx.local(complaint.submitted_at)
    late = (filed - due).days
    lines = (
        f"incident {complaint.incident_date.isoformat()} + {rule.limit} calendar days = "
        f"{due.isoformat()}; submitted {filed.isoformat()}",
    )
    warnings: tuple[str, ...] = ()
    if late > 0:
        mode = book.settings.filing_window_mode
        warnings = (f"{rule.rule}: filed {late} day(s) late (FILING-WINDOW-MODE {mode})",)
    return attrs.evolve(
        base,
        state=SlaState.BREACHED if late > 0 else SlaState.MET,
        started_at=datetime.combine(complaint.incident_date, time.min, tzinfo=ctx.zone),
        due_date=due,
        due_at=ctx.end_of(due),
        ended_at=complaint.submitted_at,
        explanation=lines,
        confirmed=True,
        warnings=warnings,
    )


# -- escalation ----------------------------------------------------------------------------


def escalations(
    complaints: Iterable[Complaint],
    *,
    now: datetime,
    horizon_working_days: int = 2,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    parent_of: Callable[[str], str | None] | None = None,
    agency_lookup: Callable[[str], Agency | None] | None = None,
) -> tuple[Escalation, ...]:
    """Breached or soon-due stages and whom to alert, most overdue first.

    Rule: standard.md §5 and the rulebook rows' ``escalation`` ladders. Rung
    choice is ESC-LADDER [D]: a stage due within ``horizon_working_days`` goes
    to the first rung; a breached one climbs one rung per
    ``horizon_working_days`` overdue (at least one rung), capped at the last.
    ``agency_admin`` is the handling agency's admin, ``parent_agency`` its
    parent's (``parent_of``; skipped when unknown), ``national_admin`` the
    national operator. Stages with an empty ladder (reply and hold windows,
    whose expiry triggers a system action) are left out.

    Raises:
        DataError: ``horizon_working_days`` is not positive.
    """
    if horizon_working_days < 1:
        msg = "horizon_working_days must be at least 1"
        raise DataError(msg, rule="ESC-LADDER", field="horizon_working_days")
    out: list[Escalation] = []
    for complaint in complaints:
        handling = complaint.target_agency_id
        for event in complaint.history:
            if event.at <= now:
                handling = getattr(event, "agency_id", handling)
        for row in deadlines(
            complaint, now=now, rulebook=rulebook, calendar=calendar, agency_lookup=agency_lookup
        ):
            if not row.escalation:
                continue
            if row.state is SlaState.BREACHED and row.ended_at is None:
                overdue = row.working_days_overdue or 0
                rung = max(1, -(-overdue // horizon_working_days))
            elif row.state is SlaState.PENDING and (row.working_days_left or 0) <= (
                horizon_working_days
            ):
                rung = 0
            else:
                continue
            out.append(_climb(complaint.tracking_id, row, rung, handling, parent_of))
    out.sort(key=lambda e: (-(e.deadline.working_days_overdue or -1), e.tracking_id))
    return tuple(out)


def _climb(
    tracking_id: str,
    row: StageDeadline,
    rung: int,
    handling: str | None,
    parent_of: Callable[[str], str | None] | None,
) -> Escalation:
    ladder = row.escalation
    for target in ladder[min(rung, len(ladder) - 1) :]:
        if target == "agency_admin" and handling is not None:
            return Escalation(tracking_id, row, target, handling)
        if target == "parent_agency" and handling is not None and parent_of is not None:
            parent = parent_of(handling)
            if parent is not None:
                return Escalation(tracking_id, row, target, parent)
        if target == "national_admin":
            return Escalation(tracking_id, row, target, None)
    return Escalation(tracking_id, row, "national_admin", None)


# -- bulk ----------------------------------------------------------------------------------


def bulk_due_dates(
    starts: Sequence[date] | npt.NDArray[np.datetime64],
    rule_id: str,
    *,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    strict: bool = False,
) -> BulkWorkdays:
    """Due dates of one deadline rule for many local start dates at once (numpy).

    Same answers as :func:`deadlines` for an uninterrupted clock: the
    ``limit``-th working day strictly after each start date.

    >>> r = bulk_due_dates([date(2024, 4, 5), date(2024, 4, 6)], "SLA-VERIFY")
    >>> r.days.tolist()
    [datetime.date(2024, 4, 18), datetime.date(2024, 4, 18)]

    Raises:
        ConfigError: no such deadline rule.
        CalendarError: ``strict`` and a date relies on unconfirmed holiday data.
    """
    book = rulebook or Rulebook.default()
    rule = book.deadline(rule_id)
    cal = calendar or WorkingCalendar.from_rulebook(book)
    if rule.unit == "calendar_days":
        arr: npt.NDArray[np.datetime64] = np.asarray(starts, dtype="datetime64[D]")
        arr = arr + np.timedelta64(rule.limit, "D")
        return BulkWorkdays(arr, np.ones(arr.shape, dtype=bool), ())
    return cal.add_working_days_bulk(starts, rule.limit, strict=strict)

"""The SLA engine: every deadline of a report as of an instant."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs

from sp4n.errors import DataError, JurisdictionError
from sp4n.models import Agency, Complaint, Event
from sp4n.rulebook import DeadlineRule, Rulebook
from sp4n.sla.clocks import CLOCKS, REPORTER_TOTAL, START_EVENTS, Run, replay, statuses
from sp4n.sla.results import Scope, SlaState, StageDeadline
from sp4n.vocabulary import EventKind, Stage
from sp4n.workdays import (
    WIB,
    NonWorkingDay,
    WorkingCalendar,
    zone_for_agency,
    zone_for_region,
    zone_name,
)

__all__ = ["deadlines"]


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
    history = statuses(complaint, book, now)
    ctx = _Ctx(cal, zone, now, strict, zone_warnings)
    dispatches = sum(1 for e, _ in history if EventKind(e.kind) in START_EVENTS["dispatch"])
    out: list[StageDeadline] = []
    for rule in book.deadlines_for(complaint.type, complaint.examination):
        if rule.stage is Stage.FILING_WINDOW:
            out.append(_filing(complaint, rule, book, ctx))
            continue
        spec = CLOCKS[rule.stage]
        out.append(_judge(rule, "agency", replay(history, spec, rule), ctx))
        if rule.stage is Stage.RESOLUTION and dispatches > 1:
            out.append(_judge(rule, "reporter", replay(history, REPORTER_TOTAL, rule), ctx))
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


def _judge(rule: DeadlineRule, scope: Scope, run: Run | None, ctx: _Ctx) -> StageDeadline:
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
    if run.provisional:
        lines.append(
            "provisionally ended at the last follow-up (awaiting the reporter); "
            "a reporter reply reopens it"
        )
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
    run: Run, due: date | None, remaining: int, ctx: _Ctx
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

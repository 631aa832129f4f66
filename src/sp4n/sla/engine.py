"""The SLA engine: every deadline of a report as of an instant."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

import attrs

from sp4n._guards import CHECKS, boundary
from sp4n.errors import DataError, JurisdictionError
from sp4n.i18n import Bilingual, Message
from sp4n.models import Agency, Complaint
from sp4n.rulebook import DeadlineRule, Rulebook
from sp4n.scoring import handling_agency
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
from sp4n.workdays.zones import iana_zone

__all__ = ["AgencyDirectory", "deadlines", "default_directory"]


@runtime_checkable
class AgencyDirectory(Protocol):
    """What the SLA engine asks of a hierarchy: an agency by id, and its parent.

    ``sp4n.hierarchy.AgencyGraph`` satisfies it (the embedded one is the default).
    """

    def find(self, agency_id: str, /) -> Agency | None:
        """The agency with this id, or ``None`` if the hierarchy does not know it."""
        ...

    def parent(self, agency_id: str, /) -> Agency | None:
        """The agency's parent (``None`` for the root); only asked of ids ``find`` knows."""
        ...


def default_directory() -> AgencyDirectory:
    """The embedded Indonesian hierarchy (``AgencyGraph.indonesia()``), built once per process."""
    from sp4n.hierarchy import AgencyGraph  # noqa: PLC0415 - builds the graph on first use

    return AgencyGraph.indonesia()


@boundary(hierarchy=CHECKS["directory"], zone=None)
def deadlines(
    complaint: Complaint,
    *,
    now: datetime,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    zone: str | tzinfo | None = None,
    hierarchy: AgencyDirectory | None = None,
    strict: bool = False,
) -> tuple[StageDeadline, ...]:
    """Every deadline of the rulebook that applies to ``complaint``, as of ``now``.

    Args:
        complaint: The report with its history; events after ``now`` are ignored.
        now: The instant to judge at (timezone-aware).
        rulebook: Rules to apply; default the rules in force on the submission date.
        calendar: Working days; default the national calendar with the rulebook's week.
        zone: Zone to count every clock in (an IANA name or a ``ZoneInfo``).
            Default, per clock, the zone of the agency handling the report when
            that clock starts (found in ``hierarchy``; before dispatch the
            addressed agency), else the incident province's, else WIB
            (CAL-DEFAULT-ZONE [D]); so a later dispatch never moves an earlier
            clock's dates.
        hierarchy: Where the handling agency is looked up (for its zone); by
            default the embedded Indonesian hierarchy.
        strict: Raise instead of flagging when holiday data is not confirmed.

    Each clock counts in its rule's ``unit``: working days of ``calendar`` or
    calendar days (then ``working_days_left``/``working_days_overdue`` are
    calendar days too).

    Returns:
        One [`StageDeadline`][sp4n.sla.StageDeadline] per applicable rule, in rulebook order; a
        reporter-facing RESOLUTION total is added after a redispatch.

    Raises:
        DataError: ``now`` is naive, ``zone`` is not an IANA zone, or the
            history breaks the transition table.
        CalendarError: ``strict`` and a deadline relies on unconfirmed holiday data.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise DataError(
            Message("TIMESTAMP-AWARE.now-timezone-aware", "now must be timezone-aware"),
            rule="TIMESTAMP-AWARE",
            field="now",
        )
    directory = hierarchy if hierarchy is not None else default_directory()
    zones = _Zones(complaint, now, _fixed_zone(zone), directory)
    first_zone, _ = zones.at(complaint.submitted_at)
    book = rulebook or Rulebook.for_date(complaint.submitted_at.astimezone(first_zone).date())
    cal = calendar or WorkingCalendar.from_rulebook(book)
    history = statuses(complaint, book, now)
    dispatches = sum(1 for e, _ in history if EventKind(e.kind) in START_EVENTS["dispatch"])
    out: list[StageDeadline] = []
    for rule in book.deadlines_for(complaint.type, complaint.examination):
        if rule.stage is Stage.FILING_WINDOW:
            ctx = _Ctx(cal, *zones.at(complaint.submitted_at), now, strict)
            out.append(_filing(complaint, rule, book, ctx))
            continue
        spec = CLOCKS[rule.stage]
        run = replay(history, spec, rule)
        ctx = _Ctx(cal, *zones.at(now if run is None else run.started_at), now, strict)
        out.append(_judge(rule, "agency", run, ctx))
        if rule.stage is Stage.RESOLUTION and dispatches > 1:
            total = replay(history, REPORTER_TOTAL, rule)
            ctx = _Ctx(cal, *zones.at(now if total is None else total.started_at), now, strict)
            out.append(_judge(rule, "reporter", total, ctx))
    return tuple(out)


def _fixed_zone(zone: str | tzinfo | None) -> ZoneInfo | None:
    if zone is None or isinstance(zone, ZoneInfo):
        return zone
    found = iana_zone(zone if isinstance(zone, str) else str(zone))  # a pathological name too
    if found is None:
        raise DataError(
            Message(
                "CAL-DEFAULT-ZONE.unknown-iana-time-zone",
                "unknown IANA time zone {zone}",
                zone=repr(str(zone)[:64]),
            ),
            rule="CAL-DEFAULT-ZONE",
            field="zone",
        )
    return found


@attrs.frozen
class _Ctx:
    calendar: WorkingCalendar
    zone: ZoneInfo
    warnings: tuple[Message, ...]
    now: datetime
    strict: bool

    def local(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()

    def end_of(self, day: date) -> datetime:
        return datetime.combine(day, time.max, tzinfo=self.zone)


@attrs.define
class _Zones:
    """The zone each clock counts in: that of the agency handling the report when it starts.

    Rule: standard.md §5 [D] (CAL-DEFAULT-ZONE). A clock's dates are local to the
    agency holding the report when the clock starts, and a later dispatch never moves
    them. Before any dispatch (verification, a hold before verification) that is the
    agency the reporter addressed, if any; else the zone of the incident's province;
    else WIB. The handling agency is [`sp4n.scoring.handling_agency`][sp4n.scoring.handling_agency]
    (the last
    dispatch, redispatch or forward to a unit) over the history up to the start.
    """

    complaint: Complaint
    now: datetime
    fixed: ZoneInfo | None
    directory: AgencyDirectory
    memo: dict[datetime, tuple[ZoneInfo, tuple[Message, ...]]] = attrs.field(factory=dict)

    def at(self, instant: datetime) -> tuple[ZoneInfo, tuple[Message, ...]]:
        """The zone (and any CAL-DEFAULT-ZONE warning) for a clock starting at ``instant``."""
        if self.fixed is not None:
            return self.fixed, ()
        if instant not in self.memo:
            self.memo[instant] = self._find(instant)
        return self.memo[instant]

    def _find(self, instant: datetime) -> tuple[ZoneInfo, tuple[Message, ...]]:
        complaint = self.complaint
        upto = tuple(e for e in complaint.history if e.at <= min(instant, self.now))
        if len(upto) != len(complaint.history):
            complaint = complaint.model_copy(update={"history": upto})
        handler = handling_agency(complaint)
        try:
            if handler is not None:
                agency = self.directory.find(handler)
                if agency is not None:
                    return zone_for_agency(agency), ()
            if complaint.location is not None:
                return zone_for_region(complaint.location.region_code), ()
        except JurisdictionError as exc:
            problem = exc.message or str(exc)
            return WIB, (
                Message(
                    "CAL-DEFAULT-ZONE.wib",
                    "CAL-DEFAULT-ZONE: {problem}; counting in WIB",
                    problem=problem,
                ),
            )
        return WIB, ()


@attrs.frozen
class _Unit:
    """Day arithmetic in a rule's unit: working days (the calendar) or calendar days."""

    calendar: WorkingCalendar
    working: bool
    strict: bool

    def add(self, start: date, n: int) -> tuple[date, list[NonWorkingDay], tuple[Message, ...]]:
        if not self.working:
            return start + timedelta(days=n), [], ()
        result = self.calendar.add_working_days(start, n, strict=self.strict)
        return result.day, list(result.skipped), result.notes

    def between(self, a: date, b: date) -> tuple[int, list[NonWorkingDay], tuple[Message, ...]]:
        if not self.working:
            return (b - a).days, [], ()
        result = self.calendar.working_days_between(a, b, strict=self.strict)
        return result.count, list(result.skipped), result.notes


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
        warnings=tuple(map(str, ctx.warnings)),
        warning_messages=ctx.warnings,
    )
    if run is None:
        return _explained(
            base,
            (
                Message(
                    "ui.sla.not-started",
                    "clock not started ({clock} not reached)",
                    clock=str(rule.clock),
                ),
            ),
        )
    unit = _Unit(ctx.calendar, rule.unit == "working_days", ctx.strict)
    noun = "ui.working-days" if unit.working else "ui.calendar-days"
    start = ctx.local(run.started_at)
    lines = [
        Message(
            "ui.sla.starts",
            "clock starts {start} ({weekday}, {zone}) at {clock}; that date never counts",
            start=start.isoformat(),
            weekday=_weekday(start),
            zone=zone_name(ctx.zone),
            clock=str(rule.clock),
        )
    ]
    warnings: list[Message] = list(ctx.warnings)
    skipped: list[NonWorkingDay] = []
    remaining, due = rule.limit, None
    for seg_start, seg_pause in run.segments:
        a = ctx.local(seg_start)
        if seg_pause is None:
            due, more, found = unit.add(a, remaining)
            skipped.extend(more)
            warnings.extend(found)
            break
        b = ctx.local(seg_pause)
        used = 0
        if b > a:
            used, more, found = unit.between(a, b - timedelta(days=1))
            skipped.extend(more)
            warnings.extend(found)
        if used >= remaining:
            due, _, _ = unit.add(a, remaining)
            lines.append(
                Message(
                    "ui.sla.passed-before-pause",
                    "deadline {due} passed before the pause on {paused}",
                    due=due.isoformat(),
                    paused=b.isoformat(),
                )
            )
            break
        remaining -= used
        lines.append(
            Message(
                "ui.sla.paused",
                "paused on {paused} ({statuses}): {used} used, {left} left; "
                "the pause date and the resume date never count",
                paused=b.isoformat(),
                statuses=", ".join(rule.paused_in),
                used=Message(noun, count=used),
                left=str(remaining),
            )
        )
    state, left, overdue, ended = _state(run, due, remaining, ctx, attrs.evolve(unit, strict=False))
    if due is not None:
        lines.append(
            Message(
                "ui.sla.due-working" if unit.working else "ui.sla.due-calendar",
                n=str(rule.limit),
                due=due.isoformat(),
                weekday=_weekday(due),
            )
        )
    lines.extend(
        Message(
            "ui.sla.skipped",
            "skipped {day} {weekday}: {name}",
            day=d.day.isoformat(),
            weekday=_weekday(d.day),
            name=Bilingual(d.name_id, d.name_en),
        )
        for d in skipped
    )
    if run.provisional:
        lines.append(
            Message(
                "ui.sla.provisional",
                "provisionally ended at the last follow-up (awaiting the reporter); "
                "a reporter reply reopens it",
            )
        )
    if run.voided_at is not None and state is SlaState.NOT_APPLICABLE:
        lines.append(
            Message(
                "ui.sla.voided",
                "agency clock stopped (not competent / archived); restarts at redispatch",
            )
        )
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
        explanation=tuple(map(str, lines)),
        explanation_messages=tuple(lines),
        confirmed=not unique,
        warnings=tuple(map(str, unique)),
        warning_messages=unique,
    )


_DUE: Final = (
    Message("ui.sla.due-working", "working day {n} is {due} ({weekday}); due at 23:59:59"),
    Message("ui.sla.due-calendar", "calendar day {n} is {due} ({weekday}); due at 23:59:59"),
)


def _weekday(day: date) -> Message:
    """The short weekday name as a message (``Fri`` / ``Jum``)."""
    msgid = f"ui.weekday.{day.weekday()}"
    return Message(msgid)


def _explained(base: StageDeadline, lines: tuple[Message, ...]) -> StageDeadline:
    return attrs.evolve(base, explanation=tuple(map(str, lines)), explanation_messages=lines)


def _state(  # noqa: PLR0911 - one return per state, read top-down
    run: Run, due: date | None, remaining: int, ctx: _Ctx, unit: _Unit
) -> tuple[SlaState, int | None, int | None, datetime | None]:
    today = ctx.local(ctx.now)
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
            late = unit.between(due, ctx.local(end))[0]
            return SlaState.BREACHED, None, late, end
        if run.ended_at is None:
            return SlaState.NOT_APPLICABLE, None, None, end
        spare = unit.between(ctx.local(end), due)[0]
        return SlaState.MET, spare, None, end
    if ctx.now > due_at:
        return SlaState.BREACHED, None, unit.between(due, today)[0], None
    return SlaState.PENDING, unit.between(today, due)[0], None, None


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
        return _explained(base, (Message("ui.sla.no-incident-date", "no incident date given"),))
    due = complaint.incident_date + timedelta(days=rule.limit)
    filed = ctx.local(complaint.submitted_at)
    late = (filed - due).days
    lines = (
        Message(
            "ui.sla.filing",
            "incident {incident} + {limit} calendar days = {due}; submitted {filed}",
            incident=complaint.incident_date.isoformat(),
            limit=str(rule.limit),
            due=due.isoformat(),
            filed=filed.isoformat(),
        ),
    )
    warnings: tuple[Message, ...] = ()
    if late > 0:
        mode = book.settings.filing_window_mode
        warnings = (
            Message(
                "ui.sla.filed-late",
                "{rule}: filed {late} day(s) late (FILING-WINDOW-MODE {mode})",
                rule=rule.rule,
                late=str(late),
                mode=str(mode),
            ),
        )
    return attrs.evolve(
        base,
        state=SlaState.BREACHED if late > 0 else SlaState.MET,
        started_at=datetime.combine(complaint.incident_date, time.min, tzinfo=ctx.zone),
        due_date=due,
        due_at=ctx.end_of(due),
        ended_at=complaint.submitted_at,
        explanation=tuple(map(str, lines)),
        explanation_messages=lines,
        confirmed=True,
        warnings=tuple(map(str, warnings)),
        warning_messages=warnings,
    )

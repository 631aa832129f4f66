"""SLA judged in batches: clock runs collected into arrays, days counted with numpy.

The scalar engine ([`sp4n.sla.deadlines`][sp4n.sla.deadlines]) judges one report at a time and
explains every day it skipped; monev over millions of reports needs only the
judgement. Here the per-report part is the clock replay itself (the same
[`ClockReplay`][sp4n.sla.clocks.ClockReplay] the scalar engine runs, so pauses, voids,
restarts and redispatches follow the same rows), which yields each clock's
local dates in the zone of the agency holding the report when it started. The
day arithmetic of many clocks is then done at once: ``numpy.busday_offset``
and ``numpy.busday_count`` over the calendar's ``busdaycalendar`` for rules
counted in working days, plain day differences for calendar days.

Rule: standard.md §5, the deadline rows of the rulebook (same reading as
[`sp4n.sla.engine`][sp4n.sla.engine]). The scalar engine is the oracle: a property test
(``tests/test_sla_batch.py``) asserts that [`batch_deadlines`][sp4n.sla.batch.batch_deadlines] gives
its
state, due date, days left and days overdue, start, end and zone for every
rule on generated histories (holds, redispatch, not competent, the three
zones, year ends, reply and hold windows).

>>> from datetime import datetime
>>> from sp4n.models import Complaint
>>> from sp4n.workdays import WIB
>>> c = Complaint.model_validate_json('''{"type": "COMPLAINT", "title": "Jalan rusak",
...   "body": "Jalan berlubang.", "category": "regency_road", "channel": "WEB",
...   "location": {"region_code": "16.07"}, "submitted_at": "2024-04-05T09:30:00+07:00",
...   "tracking_id": "0012345674", "status": "SUBMITTED",
...   "history": [{"kind": "submit", "at": "2024-04-05T09:30:00+07:00",
...                "actor": {"role": "REPORTER"}}]}''')
>>> verify = batch_deadlines([c], now=datetime(2024, 4, 16, 9, tzinfo=WIB))[0][0]
>>> (verify.rule, verify.state, verify.due_date, verify.working_days_left)
('SLA-VERIFY', <SlaState.PENDING: 'PENDING'>, datetime.date(2024, 4, 18), 2)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import numpy.typing as npt

from sp4n.errors import DataError, JurisdictionError
from sp4n.i18n import Message
from sp4n.models import Agency, Complaint
from sp4n.rulebook import DeadlineRule, Rulebook
from sp4n.sla.clocks import (
    CLOCKS,
    REPORTER_TOTAL,
    START_EVENTS,
    ClockReplay,
    Run,
    StatusSteps,
)
from sp4n.sla.engine import AgencyDirectory, _fixed_zone, default_directory
from sp4n.sla.results import Scope, SlaState
from sp4n.vocabulary import Stage
from sp4n.workdays import WIB, WorkingCalendar, zone_for_agency, zone_for_region

__all__ = [
    "NO_DAY",
    "STATE_CODES",
    "BatchDeadline",
    "HandlerZones",
    "Judged",
    "ReportClocks",
    "RunTable",
    "batch_deadlines",
    "count_working_days",
    "epoch_day",
    "judge_arrays",
]

NO_DAY: Final = int(np.iinfo(np.int32).min)
"""Sentinel for "no date" in the day arrays (days since 1970-01-01 otherwise)."""

STATE_CODES: Final = (
    SlaState.NOT_APPLICABLE,
    SlaState.PENDING,
    SlaState.PAUSED,
    SlaState.MET,
    SlaState.BREACHED,
)
"""Index → state in `Judged.state` (0 = not applicable)."""

_NA, _PENDING, _PAUSED, _MET, _BREACHED = range(5)
_ENDED, _VOIDED = 1, 2
_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
_DISPATCH: Final = frozenset(k.value for k in START_EVENTS["dispatch"])


def epoch_day(instant: datetime, zone: ZoneInfo) -> int:
    """The local date of ``instant`` in ``zone``, as days since 1970-01-01."""
    return instant.astimezone(zone).toordinal() - _EPOCH_ORDINAL


def _date_of(day: int) -> date:
    return date.fromordinal(day + _EPOCH_ORDINAL)


@attrs.define
class HandlerZones:
    """The zone a clock counts in, for clocks starting at any instant of one history.

    Rule: standard.md §5 [D] (CAL-DEFAULT-ZONE), as the scalar engine reads it:
    the zone of the agency handling the report at the clock's start (the last
    dispatch, redispatch or forward to a unit up to then; before any, the
    addressed agency), else the incident province's zone, else WIB. Built once
    per history; each question is a binary search over the event instants.

    Attributes:
        complaint: The report.
        now: Events after it are not read.
        lookup: Agency id → agency (for its zone), or ``None``.
        fixed: A zone that wins over everything (the ``time_zone`` argument).
        memo: Shared (handler, region code) → zone cache across reports.
    """

    complaint: Complaint
    now: datetime | None
    lookup: Callable[[str], Agency | None] | None
    fixed: ZoneInfo | None = None
    memo: dict[tuple[str | None, str | None], ZoneInfo] = attrs.field(factory=dict)
    _times: list[datetime] = attrs.field(init=False)
    _handlers: list[str | None] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        handler = self.complaint.target_agency_id
        times: list[datetime] = []
        handlers: list[str | None] = []
        for event in self.complaint.history:
            field = _HANDOVER.get(event.kind)
            target = None if field is None else vars(event)[field]
            if target is not None:
                handler = target
            times.append(event.at)
            handlers.append(handler)
        self._times, self._handlers = times, handlers

    @property
    def final_handler(self) -> str | None:
        """The agency handling the report after its last event (whatever ``now``)."""
        return self._handlers[-1] if self._handlers else self.complaint.target_agency_id

    def handler_at(self, instant: datetime) -> str | None:
        """The agency handling the report at ``instant`` (events after ``now`` unread)."""
        upto = instant if self.now is None else min(instant, self.now)
        index = bisect.bisect_right(self._times, upto) - 1
        return self.complaint.target_agency_id if index < 0 else self._handlers[index]

    def at(self, instant: datetime) -> ZoneInfo:
        """The zone of a clock starting at ``instant``."""
        if self.fixed is not None:
            return self.fixed
        handler = self.handler_at(instant)
        location = self.complaint.location
        region = None if location is None else location.region_code
        key = (handler, region)
        zone = self.memo.get(key)
        if zone is None:
            zone = self.memo[key] = self._find(handler, region)
        return zone

    def _find(self, handler: str | None, region: str | None) -> ZoneInfo:
        try:
            if self.lookup is not None and handler is not None:
                agency = self.lookup(handler)
                if agency is not None:
                    return zone_for_agency(agency)
            if region is not None:
                return zone_for_region(region)
        except JurisdictionError:
            return WIB
        return WIB


_HANDOVER: Final = {
    "verify_and_dispatch": "agency_id",
    "redispatch": "agency_id",
    "forward_to_unit": "unit_id",
}
"""Events that hand a report to an agency, and the field naming it."""


@attrs.define
class ReportClocks:
    """Every deadline clock of one report, stepped together over its history.

    The same [`ClockReplay`][sp4n.sla.clocks.ClockReplay] per rule as the scalar
    engine, plus the reporter-facing resolution total when the report was
    dispatched more than once (a redispatch); statuses come from the rulebook's
    transition table, read only up to ``now`` (`step_history`).

    Attributes:
        rules: The deadline rows that apply to the report (filing window excluded).
        totals: Also run the reporter-facing totals (monev reads only agency clocks).
    """

    rules: tuple[DeadlineRule, ...]
    totals: bool = True
    clocks: list[ClockReplay] = attrs.field(init=False)
    _totals: list[ClockReplay | None] = attrs.field(init=False)
    dispatches: int = attrs.field(init=False, default=0)

    def __attrs_post_init__(self) -> None:
        self.clocks = [ClockReplay(CLOCKS[rule.stage], rule) for rule in self.rules]
        self._totals = [
            ClockReplay(REPORTER_TOTAL, rule)
            if self.totals and rule.stage is Stage.RESOLUTION
            else None
            for rule in self.rules
        ]

    def step(self, kind: str, at: datetime, status: str) -> None:
        """Feed one event to every clock: its kind and the status it led to, as strings."""
        if kind in _DISPATCH:
            self.dispatches += 1
        for clock in self.clocks:
            clock.step(kind, at, status)
        for total in self._totals:
            if total is not None:
                total.step(kind, at, status)

    def finish(self) -> list[list[tuple[Scope, Run | None]]]:
        """Per rule (in the order given): the agency clock, then the reporter total if any."""
        out: list[list[tuple[Scope, Run | None]]] = []
        for clock, total in zip(self.clocks, self._totals, strict=True):
            runs: list[tuple[Scope, Run | None]] = [("agency", clock.finish())]
            if total is not None and self.dispatches > 1:
                runs.append(("reporter", total.finish()))
            out.append(runs)
        return out


@attrs.frozen(eq=False)
class Judged:
    """Judgements of a [`RunTable`][sp4n.sla.batch.RunTable], one entry per clock added.

    Attributes:
        state: Index into [`STATE_CODES`][sp4n.sla.batch.STATE_CODES].
        due: Due date (days since 1970-01-01) or [`NO_DAY`][sp4n.sla.batch.NO_DAY] (paused, not
            started).
        left: Working (or calendar) days left, or [`NO_DAY`][sp4n.sla.batch.NO_DAY].
        overdue: Days overdue, or [`NO_DAY`][sp4n.sla.batch.NO_DAY].
    """

    state: npt.NDArray[np.int8]
    due: npt.NDArray[np.int64]
    left: npt.NDArray[np.int64]
    overdue: npt.NDArray[np.int64]


class RunTable:
    """Clock runs of many reports in flat arrays, judged at once (`judge`).

    Each run is reduced to what the judgement reads: its rule's limit and unit,
    its zone, the local dates of its running segments (start, pause), and how
    and on which local date it stopped.
    """

    def __init__(self) -> None:
        self.limit: list[int] = []
        self.working: list[bool] = []
        self.zone: list[int] = []
        self.end_kind: list[int] = []
        self.end_day: list[int] = []
        self.seg_run: list[int] = []
        self.seg_from: list[int] = []
        self.seg_paused: list[int] = []
        self.zones: list[ZoneInfo] = []
        self._zone_index: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.limit)

    def zone_index(self, zone: ZoneInfo) -> int:
        """The index of ``zone`` in `zones` (added if new)."""
        index = self._zone_index.get(zone.key)
        if index is None:
            index = self._zone_index[zone.key] = len(self.zones)
            self.zones.append(zone)
        return index

    def add(self, rule: DeadlineRule, zone: ZoneInfo, run: Run) -> int:
        """Add a started clock; returns its index in the judgement."""
        index = len(self.limit)
        self.limit.append(rule.limit)
        self.working.append(rule.unit == "working_days")
        self.zone.append(self.zone_index(zone))
        if run.ended_at is not None:
            kind, end = _ENDED, epoch_day(run.ended_at, zone)
        elif run.voided_at is not None:
            kind, end = _VOIDED, epoch_day(run.voided_at, zone)
        else:
            kind, end = 0, NO_DAY
        self.end_kind.append(kind)
        self.end_day.append(end)
        for start, pause in run.segments:
            self.seg_run.append(index)
            self.seg_from.append(epoch_day(start, zone))
            self.seg_paused.append(NO_DAY if pause is None else epoch_day(pause, zone))
        return index

    def add_days(
        self,
        *,
        limit: int,
        working: bool,
        zone: str | ZoneInfo,
        end_kind: int,
        end_day: int,
        segments: Iterable[tuple[int, int]],
    ) -> int:
        """Add a clock already reduced to local days (e.g. read from a Parquet file)."""
        index = len(self.limit)
        self.limit.append(limit)
        self.working.append(working)
        self.zone.append(self.zone_index(zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)))
        self.end_kind.append(end_kind)
        self.end_day.append(end_day)
        for start, pause in segments:
            self.seg_run.append(index)
            self.seg_from.append(start)
            self.seg_paused.append(pause)
        return index

    def judge(self, *, now: datetime, calendar: WorkingCalendar) -> Judged:
        """State, due date, days left and overdue of every clock, as of ``now``."""
        return judge_arrays(
            limit=np.asarray(self.limit, dtype=np.int64),
            working=np.asarray(self.working, dtype=bool),
            zone=np.asarray(self.zone, dtype=np.int64),
            end_kind=np.asarray(self.end_kind, dtype=np.int8),
            end_day=np.asarray(self.end_day, dtype=np.int64),
            seg_run=np.asarray(self.seg_run, dtype=np.int64),
            seg_from=np.asarray(self.seg_from, dtype=np.int64),
            seg_paused=np.asarray(self.seg_paused, dtype=np.int64),
            today=np.asarray([epoch_day(now, z) for z in self.zones], dtype=np.int64),
            calendar=calendar,
        )


class _Days:
    """Day arithmetic per unit over a numpy ``busdaycalendar`` covering the dates asked."""

    def __init__(self, calendar: WorkingCalendar, days: npt.NDArray[np.int64], extra: int) -> None:
        self.calendar = calendar
        known = days[days != NO_DAY]
        low = int(known.min()) if known.size else 0
        high = int(known.max()) if known.size else 0
        self.first = _date_of(low).year - 1
        self.last = min(9999, _date_of(high).year + 1 + extra // 200)
        self.cal = calendar.busdaycalendar(self.first, self.last)

    def widen(self, top: npt.NDArray[np.int64]) -> bool:
        """Rebuild the numpy calendar if a result reached past it; ``True`` if rebuilt."""
        if not top.size or int(top.max()) < _days_since(date(self.last, 12, 31)):
            return False
        if self.last >= 9999:
            raise DataError(
                Message(
                    "CAL-COUNT.due-date-lies-after",
                    "a due date lies after 9999-12-31, the last date Python can represent",
                ),
                rule="CAL-COUNT",
                field="limit",
            )
        self.last = min(9999, self.last + 1 + (self.last - self.first))
        self.cal = self.calendar.busdaycalendar(self.first, self.last)
        return True

    def add(
        self, start: npt.NDArray[np.int64], n: npt.NDArray[np.int64], working: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.int64]:
        """The ``n``-th (working) day strictly after ``start``; ``start`` itself for 0."""
        out = start + n
        if working.any():
            while True:
                w_start = start[working].astype("datetime64[D]")
                shifted = np.busday_offset(w_start, n[working], roll="backward", busdaycal=self.cal)
                got = shifted.astype(np.int64)
                if not self.widen(got):
                    break
            out[working] = np.where(n[working] == 0, start[working], got)
        return out

    def between(
        self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], working: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.int64]:
        """(Working) days in ``(a, b]``; negative when ``b < a``."""
        out = b - a
        if working.any():
            lo = (a[working] + 1).astype("datetime64[D]")
            hi = (b[working] + 1).astype("datetime64[D]")
            out[working] = np.busday_count(lo, hi, busdaycal=self.cal)
        return out


def _days_since(day: date) -> int:
    return day.toordinal() - _EPOCH_ORDINAL


def judge_arrays(
    *,
    limit: npt.NDArray[np.int64],
    working: npt.NDArray[np.bool_],
    zone: npt.NDArray[np.int64],
    end_kind: npt.NDArray[np.int8],
    end_day: npt.NDArray[np.int64],
    seg_run: npt.NDArray[np.int64],
    seg_from: npt.NDArray[np.int64],
    seg_paused: npt.NDArray[np.int64],
    today: npt.NDArray[np.int64],
    calendar: WorkingCalendar,
) -> Judged:
    """Judge clocks given as arrays (see `RunTable`); segments sorted by run.

    The reading of `sp4n.sla.engine._judge` and ``_state``, per array:
    a segment paused after using the whole budget fixes the due date at the
    budget's end; a running segment spends what is left; a clock paused with
    budget left has no due date. The due instant is the end of the due date
    in the clock's zone, so "after the due instant" is "on a later local date".
    """
    n = limit.size
    state = np.zeros(n, dtype=np.int8)
    due = np.full(n, NO_DAY, dtype=np.int64)
    left = np.full(n, NO_DAY, dtype=np.int64)
    overdue = np.full(n, NO_DAY, dtype=np.int64)
    if n == 0:
        return Judged(state, due, left, overdue)
    days = _Days(calendar, np.concatenate([seg_from, seg_paused, end_day, today]), int(limit.max()))
    found, remaining = _due_dates(
        days,
        limit=limit,
        working=working,
        seg_run=seg_run,
        seg_from=seg_from,
        seg_paused=seg_paused,
        due=due,
    )
    # paused with budget left: no due date
    open_ = ~found
    state[open_ & (end_kind == _ENDED)] = _MET
    state[open_ & (end_kind == _VOIDED)] = _NA
    state[open_ & (end_kind == 0)] = _PAUSED
    keep = open_ & (end_kind != _VOIDED)
    left[keep] = remaining[keep]
    # stopped, with a due date
    ended = found & (end_kind != 0)
    late = ended & (end_day > due)
    if late.any():
        state[late] = _BREACHED
        overdue[late] = days.between(due[late], end_day[late], working[late])
    state[ended & ~late & (end_kind == _VOIDED)] = _NA
    met = ended & ~late & (end_kind == _ENDED)
    if met.any():
        state[met] = _MET
        left[met] = days.between(end_day[met], due[met], working[met])
    # still running, with a due date
    today_of = today[zone]
    running = found & (end_kind == 0)
    passed = running & (today_of > due)
    if passed.any():
        state[passed] = _BREACHED
        overdue[passed] = days.between(due[passed], today_of[passed], working[passed])
    pending = running & ~passed
    if pending.any():
        state[pending] = _PENDING
        left[pending] = days.between(today_of[pending], due[pending], working[pending])
    return Judged(state, due, left, overdue)


def _due_dates(
    days: _Days,
    *,
    limit: npt.NDArray[np.int64],
    working: npt.NDArray[np.bool_],
    seg_run: npt.NDArray[np.int64],
    seg_from: npt.NDArray[np.int64],
    seg_paused: npt.NDArray[np.int64],
    due: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Fill ``due`` segment by segment; returns (due found, budget remaining)."""
    n = limit.size
    remaining = limit.copy()
    found = np.zeros(n, dtype=bool)
    starts = np.searchsorted(seg_run, np.arange(n))
    counts = np.bincount(seg_run, minlength=n)
    for k in range(int(counts.max()) if counts.size else 0):
        live = np.flatnonzero((counts > k) & ~found)
        if not live.size:
            break
        seg = starts[live] + k
        a, b = seg_from[seg], seg_paused[seg]
        work = working[live]
        running = b == NO_DAY
        used = np.zeros(live.size, dtype=np.int64)
        paused = ~running & (b > a)
        if paused.any():
            used[paused] = days.between(a[paused], b[paused] - 1, work[paused])
        done = running | (~running & (used >= remaining[live]))
        if done.any():
            due[live[done]] = days.add(a[done], remaining[live[done]], work[done])
            found[live[done]] = True
        rest = ~done
        remaining[live[rest]] -= used[rest]
    return found, remaining


@attrs.frozen
class BatchDeadline:
    """The judgement of one deadline rule on one report (no explanation, no skipped days).

    The fields mean what they mean on [`StageDeadline`][sp4n.sla.StageDeadline].
    """

    rule: str
    stage: Stage
    scope: Scope
    state: SlaState
    time_zone: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    due_date: date | None = None
    working_days_left: int | None = None
    working_days_overdue: int | None = None


def _filing(complaint: Complaint, rule: DeadlineRule, zone: ZoneInfo) -> BatchDeadline:
    base = BatchDeadline(rule.rule, rule.stage, "reporter", SlaState.NOT_APPLICABLE, zone.key)
    if complaint.incident_date is None:
        return base
    due = complaint.incident_date + timedelta(days=rule.limit)
    late = (complaint.submitted_at.astimezone(zone).date() - due).days
    return attrs.evolve(
        base,
        state=SlaState.BREACHED if late > 0 else SlaState.MET,
        started_at=datetime.combine(complaint.incident_date, time.min, tzinfo=zone),
        ended_at=complaint.submitted_at,
        due_date=due,
    )


def batch_deadlines(
    complaints: Sequence[Complaint],
    *,
    now: datetime,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    zone: str | tzinfo | None = None,
    hierarchy: AgencyDirectory | None = None,
) -> list[tuple[BatchDeadline, ...]]:
    """`sp4n.sla.deadlines` for many reports at once: the judgements, not the explanations.

    Same arguments and the same answers (state, due date, days left and
    overdue, start, end, zone) as the scalar engine, which is its oracle; the
    day arithmetic of all reports is done together with numpy.

    Raises:
        DataError: ``now`` is naive, ``zone`` unknown, or a history breaks
            the transition table (rule HISTORY-TRANSITION).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise DataError(
            Message("TIMESTAMP-AWARE.now-timezone-aware", "now must be timezone-aware"),
            rule="TIMESTAMP-AWARE",
            field="now",
        )
    fixed = _fixed_zone(zone)
    directory = hierarchy if hierarchy is not None else default_directory()
    memo: dict[tuple[str | None, str | None], ZoneInfo] = {}
    books: dict[date, Rulebook] = {}
    table = RunTable()
    plans: list[list[_Planned]] = []
    cal = calendar
    for complaint in complaints:
        zones = HandlerZones(complaint, now, directory.find, fixed, memo)
        book = rulebook
        if book is None:
            day = complaint.submitted_at.astimezone(zones.at(complaint.submitted_at)).date()
            book = books.get(day) or books.setdefault(day, Rulebook.for_date(day))
        if cal is None:
            cal = WorkingCalendar.from_rulebook(book)
        rules = book.deadlines_for(complaint.type, complaint.examination)
        timed = tuple(r for r in rules if r.stage is not Stage.FILING_WINDOW)
        clocks = ReportClocks(timed)
        step_history(complaint, book, now, clocks)
        runs = iter(clocks.finish())  # one entry per timed rule, in order
        plan: list[_Planned] = []
        for rule in rules:
            if rule.stage is Stage.FILING_WINDOW:
                plan.append(_filing(complaint, rule, zones.at(complaint.submitted_at)))
                continue
            for scope, run in next(runs):
                if run is None:
                    zone = zones.at(now)
                    plan.append(
                        BatchDeadline(
                            rule.rule, rule.stage, scope, SlaState.NOT_APPLICABLE, zone.key
                        )
                    )
                else:
                    zone = zones.at(run.started_at)
                    plan.append((rule, scope, run, zone, table.add(rule, zone, run)))
        plans.append(plan)
    judged = table.judge(now=now, calendar=cal or WorkingCalendar.from_rulebook(Rulebook.default()))
    return [tuple(_answer(item, judged) for item in plan) for plan in plans]


_Planned = BatchDeadline | tuple[DeadlineRule, Scope, Run, ZoneInfo, int]


def _answer(item: _Planned, judged: Judged) -> BatchDeadline:
    if isinstance(item, BatchDeadline):
        return item
    rule, scope, run, zone, i = item

    def day(values: npt.NDArray[np.int64]) -> int | None:
        value = int(values[i])
        return None if value == NO_DAY else value

    due = day(judged.due)
    return BatchDeadline(
        rule=rule.rule,
        stage=rule.stage,
        scope=scope,
        state=STATE_CODES[int(judged.state[i])],
        time_zone=zone.key,
        started_at=run.started_at,
        ended_at=run.ended_at or run.voided_at,
        due_date=None if due is None else _date_of(due),
        working_days_left=day(judged.left),
        working_days_overdue=day(judged.overdue),
    )


def step_history(
    complaint: Complaint, rulebook: Rulebook, now: datetime | None, clocks: ReportClocks
) -> None:
    """Feed a report's events up to ``now`` to its clocks, with the status each led to.

    Raises:
        DataError: an event the transition table does not allow (HISTORY-TRANSITION).
    """
    steps = StatusSteps(rulebook)
    for event in complaint.history:
        if now is not None and event.at > now:
            break
        clocks.step(event.kind, event.at, steps.step(event.kind))


def count_working_days(
    calendar: WorkingCalendar, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Working days in ``(a, b]`` per pair of local days (days since 1970), with numpy.

    [`WorkingCalendar.working_days_between`][sp4n.workdays.WorkingCalendar.working_days_between] for
    arrays (negative when ``b < a``).
    """
    if not a.size:
        return np.zeros(0, dtype=np.int64)
    days = _Days(calendar, np.concatenate([a, b]), 0)
    return days.between(a, b, np.ones(a.size, dtype=bool))

"""The monev pipeline: an iterable of reports in, one evaluation report out, streaming.

[`MonevPipeline`][sp4n.monev.MonevPipeline] reads each [`Complaint`][sp4n.models.Complaint] once and
keeps
only counts (the mergeable accumulators of [`sp4n.scoring`][sp4n.scoring]), so a million
reports from a JSON Lines file fit in little memory. Per report it asks the
SLA engine ([`sp4n.sla.deadlines`][sp4n.sla.deadlines]) once, then feeds:

* the national (scope-wide) indicators — follow-up rate, closed, in-progress
  and unverified shares, follow-up speed in calendar and working days, on-time
  rate per SLA stage (standard.md §7, rows ``IND-*``);
* the same indicators per province ([`sp4n.scoring.province_key`][sp4n.scoring.province_key]);
* the same indicators per government or central body (a unit's reports count
  for the government that owns it, [`sp4n.scoring.rolled_up`][sp4n.scoring.rolled_up]), ranked by
  the Wilson lower bound ([`sp4n.scoring.compute_ranking`][sp4n.scoring.compute_ranking], RANK-*);
* SLA outcomes per agency stage ([`sp4n.scoring.AGENCY_STAGES`][sp4n.scoring.AGENCY_STAGES]: the
  reporter's reply and hold windows expiring is not an agency's breach), read
  through [`sp4n.scoring.on_time_outcome`][sp4n.scoring.on_time_outcome] like the on-time rates;
* the agencies that acted (for activity: an agency whose admin or liaison
  recorded an event in the window before ``now`` — IND-ACTIVITY-WINDOW, one
  month by default — logged in then; a lower bound, as logins without an event
  are not in the history). The event is credited to the actor's own agency,
  rolled up to its government or central body, whatever report it was on and
  even if that report is outside the period or scope.

Connectivity (IND-CONNECTIVITY) comes from ``connected``
([`ConnectedGovernments`][sp4n.monev.connected.ConnectedGovernments]: a file, or a hierarchy
whose flags were set); without it, it is unknown (``None``), never a number.
The drill-down groupings (per government, unit, category, channel and month or
week) are counted by [`Breakdown`][sp4n.monev.drilldown.Breakdown] beside the
national totals and summed up in `MonevResult.details`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import islice
from types import MappingProxyType
from typing import Final, cast
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import numpy.typing as npt
from dateutil.relativedelta import relativedelta

from sp4n.errors import DataError, ScoringError
from sp4n.hierarchy import GOVERNMENT_KINDS, AgencyGraph
from sp4n.i18n import Message
from sp4n.lifecycle import WIB, replay, submission_of
from sp4n.models import Agency, Complaint
from sp4n.monev._arguments import monev_boundary
from sp4n.monev._columns import (
    STATE_BREACHED,
    STATE_MET,
    STATE_WAITING,
    Columns,
    in_period,
    marginals,
)
from sp4n.monev._walk import WalkContext, Walked, walk
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.details import ReportDetails, build_details
from sp4n.monev.drilldown import Breakdown, Dimension, bucket_of
from sp4n.rulebook import GradeRule, Rulebook
from sp4n.scoring import (
    AGENCY_STAGES,
    CalendarDayCounter,
    ComplaintIndicators,
    GroupedAccumulator,
    IndicatorAccumulator,
    MonevSummary,
    Period,
    Ranking,
    Rate,
    ScoringConfig,
    agency_zones,
    compute_activity,
    compute_connectivity,
    compute_grade,
    compute_ranking,
    handling_agency,
    on_time_outcome,
    province_key,
    rolled_up,
    routed_or_handling,
    stage_outcomes_from,
    working_day_counter,
)
from sp4n.sla import SlaState, StageDeadline, deadlines
from sp4n.sla.batch import NO_DAY, STATE_CODES, RunTable, count_working_days, epoch_day
from sp4n.vocabulary import AgencyKind, Role, Stage, Status
from sp4n.workdays import WorkingCalendar, zone_for_agency

__all__ = [
    "NATIONAL",
    "MonevPipeline",
    "MonevResult",
    "ProvinceRow",
    "SlaBreaches",
    "run_monev",
]

NATIONAL = "national"
"""The scope name for the whole hierarchy."""

_CENTRAL_KINDS = frozenset(
    {
        AgencyKind.MINISTRY,
        AgencyKind.AGENCY,
        AgencyKind.PUBLIC_BODY,
        AgencyKind.SOE,
        AgencyKind.NATIONAL,
    }
)
_AGENCY_ROLES = frozenset({Role.AGENCY_ADMIN, Role.LIAISON})
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_US: Final = timedelta(microseconds=1)
_STATUS_CODE: Final = {status: i for i, status in enumerate(Status)}
STATE_FORMAT: Final = "sp4n.monev.state/2"
"""The version of `MonevPipeline.state`; a state of another format is refused."""
BATCH_SIZE: Final = 4096
"""Reports per batch on the columnar path (SLA judged and facts grouped per batch)."""


def micros(instant: datetime) -> int:
    """Microseconds since 1970-01-01 UTC: the integer instants of the columnar path."""
    return (instant - _EPOCH) // _US


@attrs.frozen
class ProvinceRow:
    """One province's line of the report.

    Attributes:
        province_id: The provincial government's agency id.
        name: Its name.
        connectivity: Its governments connected ÷ its governments
            (IND-CONNECTIVITY); ``None`` when unknown (no connectivity data).
        indicators: The complaint indicators of reports counted for its governments.
    """

    province_id: str
    name: str
    connectivity: Rate | None
    indicators: ComplaintIndicators


@attrs.frozen
class SlaBreaches:
    """SLA outcomes per agency stage over the reports counted (agency clocks).

    Only [`sp4n.scoring.AGENCY_STAGES`][sp4n.scoring.AGENCY_STAGES] (verification, first follow-up,
    resolution): the reply and hold windows are the reporter's clocks, whose
    expiry triggers a system action and is no agency's breach.

    Attributes:
        breached: Stage → reports whose stage is BREACHED as of ``now``.
        met: Stage → reports whose stage was MET.
        pending: Stage → reports whose stage clock still runs (or is paused).
    """

    breached: Mapping[Stage, int]
    met: Mapping[Stage, int]
    pending: Mapping[Stage, int]


@attrs.frozen
class MonevResult:
    """The monev report of one scope and period, as of ``now``.

    Attributes:
        scope: ``national`` or the region code evaluated.
        scope_name: The scope's name (the government's, or "Indonesia").
        period: The submission window counted.
        now: The evaluation instant (SLA states and activity are as of it).
        seen: Reports read.
        summary: Connectivity, activity, complaint indicators and grade of the scope.
        provinces: One row per province with reports or governments in scope.
        ranking: Governments and central bodies ranked by follow-up rate (Wilson lower bound).
        names: Agency id → name, for the ids in the ranking and provinces.
        breaches: SLA outcomes per stage.
        details: The drill-down tables (per government, unit, category,
            channel, month or week), the fair rankings by kind of agency, and
            what the report was computed with (connectivity source, rulebook).
    """

    scope: str
    scope_name: str
    period: Period
    now: datetime
    seen: int
    summary: MonevSummary
    provinces: tuple[ProvinceRow, ...]
    ranking: Ranking
    names: Mapping[str, str]
    breaches: SlaBreaches
    details: ReportDetails

    def name(self, agency_id: str) -> str:
        """The name of an agency of this report (its id if unknown)."""
        return self.names.get(agency_id, agency_id)


def _router(graph: AgencyGraph) -> Callable[[Complaint], str | None]:
    """Where routing (category × location) sends a report, if decided (IND-COUNT-UNDISPATCHED)."""

    @functools.lru_cache(maxsize=1 << 16)
    def decided(category: str, region: str | None, target: str | None, day: date) -> str | None:
        resolution = graph.resolve_category(category, region, target, on=day)
        return resolution.handler.id if resolution.is_decided else None

    def route(complaint: Complaint) -> str | None:
        # What ``graph.resolve`` reads of a report (ROUTE-BY-DATE: the day in WIB), memoised:
        # routing builds its explanation too, which costs more than the rest of a report's count.
        region = None if complaint.location is None else complaint.location.region_code
        day = complaint.submitted_at.astimezone(WIB).date()
        return decided(complaint.category, region, complaint.target_agency_id, day)

    return route


def _targets(graph: AgencyGraph) -> frozenset[str]:
    """Who reports count for: governments, and top-level central bodies."""
    national = graph.national.id
    return frozenset(
        a.id
        for a in graph.agencies()
        if a.kind in GOVERNMENT_KINDS
        or (a.kind in _CENTRAL_KINDS and a.parent_id in (None, national))
    )


def _scope_root(graph: AgencyGraph, scope: str) -> Agency | None:
    if scope == NATIONAL:
        return None
    government = graph.government(scope)
    if government is None:
        raise DataError(
            Message(
                "REGION-CODE.no-government-region-code",
                "no government for region code {scope} (use a province or regency code)",
                scope=repr(scope),
            ),
            rule="REGION-CODE",
            field="scope",
        )
    return government


class MonevPipeline:
    """Streaming evaluation: `add` or `add_all` reports, then `result`.

    Two paths count the same way. [`add`][sp4n.monev.MonevPipeline.add] judges one report with the
    scalar SLA engine and feeds the accumulators directly: the oracle.
    [`add_all`][sp4n.monev.MonevPipeline.add_all] walks each report once (`sp4n.monev._walk`),
    judges
    the SLA clocks of a batch with numpy ([`sp4n.sla.batch`][sp4n.sla.batch]) and counts
    each distinct row of facts once with its multiplicity: the fast path, which
    also reads columns ([`add_columns`][sp4n.monev.MonevPipeline.add_columns]) and merges partial
    results of other
    processes or machines ([`state`][sp4n.monev.MonevPipeline.state],
    [`merge_state`][sp4n.monev.MonevPipeline.merge_state]).

    Both judge each report as of ``now`` (rule INPUT-AFTER-NOW, see
    `add`). The pipeline counts what it is given: refusing a repeated
    tracking id (INPUT-DUPLICATE) is the readers' work
    (`sp4n.monev.sources`, ``sp4n monev``), which keep only ids, not reports.

    Args:
        hierarchy: The agency hierarchy (routing ids, provinces, connected
            flags); by default the embedded Indonesian one.
        now: Evaluation instant (timezone-aware).
        scope: ``national`` or a province/regency region code (e.g. ``61``).
        period: Submission window (default: all).
        calendar: Working days (default: the national calendar with the
            rulebook's week, CAL-WEEK-DAYS).
        rulebook: Rules in force (default: the package's); also the rules the
            SLA engine judges by.
        rank_cutoff: Reports submitted at or after it are not ranked (fair
            ranking cut-off, standard.md §7 [D]); default: none.
        min_count: Override of RANK-MIN-COUNT for the ranking.
        sla: Judge SLA stages (on-time rates, breaches); ``False`` skips the
            SLA engine, the costliest step (on-time rates and breaches are then
            not measured).
        connected: Which governments are connected (IND-CONNECTIVITY);
            ``None``: connectivity unknown.

    Raises:
        InvalidArgument: an argument of the wrong type or out of range
            (rule API-ARGUMENT), naming it; a naive ``now`` (TIMESTAMP-AWARE).
        DataError: a scope code of no government (REGION-CODE).
    """

    @monev_boundary
    def __init__(
        self,
        hierarchy: AgencyGraph | None = None,
        *,
        now: datetime,
        scope: str = NATIONAL,
        period: Period | None = None,
        calendar: WorkingCalendar | None = None,
        rulebook: Rulebook | None = None,
        rank_cutoff: datetime | None = None,
        min_count: int | None = None,
        sla: bool = True,
        connected: ConnectedGovernments | None = None,
    ) -> None:
        if now.tzinfo is None:
            raise DataError(
                Message("TIMESTAMP-AWARE.now-timezone-aware", "now must be timezone-aware"),
                rule="TIMESTAMP-AWARE",
                field="now",
            )
        graph = hierarchy if hierarchy is not None else AgencyGraph.indonesia()
        self.graph, self.now, self.scope = graph, now, scope
        book = rulebook or Rulebook.default()
        self.calendar = calendar or WorkingCalendar.from_rulebook(book)
        self.rank_cutoff, self.min_count = rank_cutoff, min_count
        self.connected = connected
        root = _scope_root(graph, scope)
        self.root = root
        targets = _targets(graph)
        if root is None:
            in_scope = targets
        else:
            below = {a.id for a in graph.descendants(root.id)} | {root.id}
            in_scope = frozenset(targets & below)
        self.governments = tuple(
            sorted(
                (a for a in map(graph.get, in_scope) if a.kind in GOVERNMENT_KINDS),
                key=lambda a: a.id,
            )
        )
        routed = (
            routed_or_handling(_router(graph))
            if book.settings.count_undispatched_by_routing
            else None
        )
        roll = rolled_up(graph, targets, routed)
        self._targets = targets
        self._actor_owner: dict[str, str | None] = {}
        owners: dict[str | None, str | None] = {}

        def agency_of(complaint: Complaint) -> str | None:
            handler = handling_agency(complaint)
            if handler is None and routed is not None:  # IND-COUNT-UNDISPATCHED: per report
                return roll(complaint)
            if handler not in owners:
                owners[handler] = roll(complaint)
            return owners[handler]

        def zone_for(agency: object) -> tzinfo:
            return zone_for_agency(agency if isinstance(agency, Agency) else None)

        zone_of = agency_zones(graph, zone_for)
        self._sla_memo: tuple[int, tuple[StageDeadline, ...]] = (-1, ())
        self.config = ScoringConfig(
            rulebook=book,
            scope=None if root is None else in_scope,
            period=period or Period(),
            agency_of=agency_of,
            calendar_days=CalendarDayCounter(zone_of=zone_of),
            working_days=working_day_counter(self.calendar, zone_of),
            stage_outcomes=stage_outcomes_from(self._deadlines) if sla else None,
        )
        self._national = IndicatorAccumulator(self.config)
        provinces: Callable[[Complaint], str | None] = province_key(graph, agency_of)
        self._provinces = GroupedAccumulator(self.config, key=provinces)
        self._agencies: GroupedAccumulator[str] = GroupedAccumulator(
            self.config
            if rank_cutoff is None
            else attrs.evolve(self.config, period=self.config.period.until(rank_cutoff))
        )
        self._breakdown = Breakdown(self.config, unit_of=routed or handling_agency)
        self._breached: Counter[Stage] = Counter()
        self._met: Counter[Stage] = Counter()
        self._pending: Counter[Stage] = Counter()
        self._logins: dict[str, datetime] = {}
        self.seen = 0
        self.after_now = 0
        """Reports skipped: submitted after ``now`` (INPUT-AFTER-NOW)."""
        self.as_of_now = 0
        """Reports counted as they stood at ``now``: later events left out (INPUT-AFTER-NOW)."""
        self._zone_of = zone_of
        self._columnar(targets, routed=routed is not None, sla=sla)

    def _columnar(self, targets: frozenset[str], *, routed: bool, sla: bool) -> None:
        """The state of the columnar path: owners met so far, the SLA rules, the walk."""
        graph, book = self.graph, self.config.rulebook
        self._route = _router(graph) if routed else None
        self._roll_handler = rolled_up(graph, targets, agency_of=cast("Callable[..., str]", _same))
        self.rules = tuple(rule for rule in book.deadlines if sla and rule.stage in AGENCY_STAGES)
        self._slot = {id(rule): i for i, rule in enumerate(self.rules)}  # rows hold dicts
        self._owners: list[str | None] = []
        self._owner_index: dict[str | None, int] = {}
        self._owner_province: list[str | None] = []
        self._owner_zone: list[ZoneInfo] = []
        # ``now`` in UTC, the zone of every validated instant: comparing two datetimes of
        # one zone skips the offset lookups (the walk compares per event).
        self._now_utc = self.now.astimezone(UTC)
        self._walk = WalkContext(
            rulebook=book,
            stages=frozenset(AGENCY_STAGES) if sla else None,
            now=self._now_utc,
            agency_lookup=graph.find,
            hierarchy=graph,
            calendar=self.calendar,
        )
        self._walk_all: WalkContext | None = None
        self._group_keys: tuple[list[str], ...] = tuple([] for _ in _COLUMN_GROUPS)
        self._group_index: tuple[dict[str, int], ...] = tuple({} for _ in _COLUMN_GROUPS)

    def group_code(self, column: int, key: str | None) -> int:
        """The code of a drill-down group key in column ``column`` of `Columns.groups`."""
        if key is None:
            return -1
        index = self._group_index[column]
        code = index.get(key)
        if code is None:
            code = index[key] = len(self._group_keys[column])
            self._group_keys[column].append(key)
        return code

    def bucket_codes(self, submitted_us: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The trend bucket codes of submission instants (µs since 1970), read in WIB."""
        day_us = 86_400_000_000
        days = (submitted_us + 7 * 3_600_000_000) // day_us  # WIB is UTC+7 all year
        unique, inverse = np.unique(days, return_inverse=True)
        codes = [
            self.group_code(
                3, bucket_of(_EPOCH + timedelta(days=int(d)), self._breakdown.granularity)
            )
            for d in unique.tolist()
        ]
        return np.asarray(codes, dtype=np.int64)[inverse.reshape(-1)]

    def group_codes(self, walked: Walked, handler: str | None) -> tuple[int, int, int, int]:
        """A walked report's drill-down codes: unit (``handler``), category, channel, bucket."""
        complaint = walked.complaint
        bucket = bucket_of(complaint.submitted_at, self._breakdown.granularity)
        return (
            self.group_code(0, handler),
            self.group_code(1, complaint.category),
            self.group_code(2, complaint.channel.value),
            self.group_code(3, bucket),
        )

    def _deadlines(self, complaint: Complaint) -> tuple[StageDeadline, ...]:
        """SLA results of a report, computed once although three accumulators ask."""
        key, cached = self._sla_memo
        if key == id(complaint):
            return cached
        found = deadlines(
            complaint,
            now=self.now,
            rulebook=self.config.rulebook,
            calendar=self.calendar,
            hierarchy=self.graph,
        )
        self._sla_memo = (id(complaint), found)
        return found

    @monev_boundary
    def add(self, complaint: Complaint) -> bool:
        """Count one report; ``False`` when it is outside the period or scope.

        The report is judged as of ``now`` (rule INPUT-AFTER-NOW): one submitted
        after ``now`` did not exist yet and is skipped (`after_now`); one
        with events after ``now`` is replayed from its submission and its events
        up to ``now`` (`sp4n.lifecycle.replay`) and counted in the status it
        had then (`as_of_now`).

        Agency activity is recorded first, for every report read: an admin or
        liaison who acted on a report outside the period or scope still logged in.

        Raises:
            InvalidTransition: a report with events after ``now`` whose earlier
                events do not replay.
        """
        if complaint.submitted_at > self.now:
            self.after_now += 1
            return False
        if complaint.history[-1].at > self.now:
            complaint = self._as_of_now(complaint)
            self.as_of_now += 1
        self.seen += 1
        self._record_activity(complaint)
        counted = self._national.add(complaint)
        if not counted:
            return False
        self._provinces.add(complaint)
        self._agencies.add(complaint)
        self._breakdown.add(complaint)
        for result in self._deadlines(complaint) if self.config.stage_outcomes else ():
            if result.scope != "agency" or result.stage not in AGENCY_STAGES:
                continue
            outcome = on_time_outcome(result.state)
            if outcome is True:
                self._met[result.stage] += 1
            elif outcome is False:
                self._breached[result.stage] += 1
            elif result.state in (SlaState.PENDING, SlaState.PAUSED):
                self._pending[result.stage] += 1
        self._sla_memo = (-1, ())
        return True

    def _as_of_now(self, complaint: Complaint) -> Complaint:
        """The report as it stood at ``now``: its events up to then, replayed."""
        return replay(
            submission_of(complaint),
            [event for event in complaint.history if event.at <= self.now],
            tracking_id=complaint.tracking_id,
            hierarchy=self.graph,
            calendar=self.calendar,
        )

    def _record_activity(self, complaint: Complaint) -> None:
        """Credit each admin/liaison event to the actor's (rolled-up) agency."""
        for event in complaint.history:
            actor = event.actor
            if actor.role not in _AGENCY_ROLES or actor.agency_id is None or event.at > self.now:
                continue
            self._login(actor.agency_id, event.at)

    def _owner_of(self, agency_id: str) -> str | None:
        """The government or central body an agency rolls up to (memoised)."""
        if agency_id not in self._actor_owner:
            owner: str | None = None
            if agency_id in self._targets:
                owner = agency_id
            elif self.graph.find(agency_id) is not None:
                owner = next(
                    (a.id for a in self.graph.ancestors(agency_id) if a.id in self._targets), None
                )
            self._actor_owner[agency_id] = owner
        return self._actor_owner[agency_id]

    @monev_boundary
    def add_all(self, complaints: Iterable[Complaint]) -> MonevPipeline:
        """Count every report of an iterable (read once, in batches); returns ``self``.

        The columnar path: same counts as [`add`][sp4n.monev.MonevPipeline.add] one by one.
        """
        items = iter(complaints)
        while batch := list(islice(items, BATCH_SIZE)):
            self.add_walked([self.walk(c, check=False) for c in batch])
        return self

    @monev_boundary
    def walk(self, complaint: Complaint, *, check: bool, every_event: bool = False) -> Walked:
        """One pass over a report (`sp4n.monev._walk.walk`), for `add_walked`.

        ``every_event`` reads events after ``now`` too (``sp4n convert`` stores
        them; monev cuts the clocks at its own instant).

        Raises:
            InvalidTransition: ``check`` and the history breaks the transition table.
            PermissionDenied: ``check`` and an actor was not allowed.
            DataError: an event the transition table does not allow (SLA clocks).
        """
        if every_event:
            if self._walk_all is None:
                self._walk_all = attrs.evolve(self._walk, now=None)
            return walk(complaint, self._walk_all, check=check)
        return walk(complaint, self._walk, check=check)

    def walk_validated(self, complaint: Complaint) -> Walked:
        """`walk` with the lifecycle check, for readers whose report was just validated.

        The part readers call it once per line: the argument check of the public
        `walk` would re-check a report pydantic built a moment ago.
        """
        return walk(complaint, self._walk, check=True)

    def owner(self, handler: str | None) -> int:
        """The index of who a report handled by ``handler`` counts for (memoised).

        The handler rolled up to its government or central body
        ([`sp4n.scoring.rolled_up`][sp4n.scoring.rolled_up]); also notes that owner's province and
        zone.
        """
        index = self._owner_index.get(handler)
        if index is None:
            owner = None if handler is None else self._roll_handler(cast("Complaint", handler))
            index = self._owner_index.get(owner) if owner != handler else None
            if index is None:
                index = len(self._owners)
                self._owners.append(owner)
                self._owner_province.append(self._province_of(owner))
                self._owner_zone.append(cast("ZoneInfo", self._zone_of(owner)))
                self._owner_index.setdefault(owner, index)
            self._owner_index[handler] = index
        return index

    def counted_handler(self, walked: Walked) -> str | None:
        """The agency a walked report counts for before the roll-up.

        Its handling agency; for a report nobody addressed nor dispatched, where
        routing sends it when IND-COUNT-UNDISPATCHED is on (as [`add`][sp4n.monev.MonevPipeline.add]
        counts).
        """
        if walked.handler is None and self._route is not None:
            return self._route(walked.complaint)
        return walked.handler

    def owner_zone(self, index: int) -> ZoneInfo:
        """The zone of an owner (by index): its follow-up days are local to it."""
        return self._owner_zone[index]

    def _province_of(self, owner: str | None) -> str | None:
        if owner is None:
            return None
        try:
            found = self.graph.province_of(owner)
        except LookupError:
            return None
        return None if found is None else found.id

    def add_walked(self, batch: Sequence[Walked]) -> None:
        """Count walked reports: SLA judged for the whole batch, facts grouped.

        As `add`: a report submitted after ``now`` is skipped, one with
        later events counted as it stood at ``now`` (the walk read it so).
        """
        now = self._now_utc
        if any(item.complaint.submitted_at > now for item in batch):
            kept = [item for item in batch if item.complaint.submitted_at <= now]
            self.after_now += len(batch) - len(kept)
            batch = kept
        self.as_of_now += sum(item.truncated for item in batch)
        n = len(batch)
        submitted = np.empty(n, dtype=np.int64)
        status = np.empty(n, dtype=np.int64)
        owner = np.empty(n, dtype=np.int64)
        span_from = np.full(n, NO_DAY, dtype=np.int64)
        span_to = np.full(n, NO_DAY, dtype=np.int64)
        table = RunTable()
        run_report: list[int] = []
        run_slot: list[int] = []
        groups = np.empty((n, len(_COLUMN_GROUPS)), dtype=np.int64)
        for i, item in enumerate(batch):
            complaint = item.complaint
            handler = self.counted_handler(item)
            groups[i] = self.group_codes(item, handler)
            submitted[i] = micros(complaint.submitted_at)
            status[i] = _STATUS_CODE[item.status]
            index = owner[i] = self.owner(handler)
            if item.span is not None:
                zone = self._owner_zone[index]
                span_from[i] = epoch_day(item.span[0], zone)
                span_to[i] = epoch_day(item.span[1], zone)
            for rule, run in item.runs:
                table.add(rule, item.zones.at(run.started_at), run)
                run_report.append(i)
                run_slot.append(self._slot[id(rule)])
            for agency_id, at in item.agency_events:
                self._login(agency_id, at)
        sla = np.zeros((n, len(self.rules)), dtype=np.int64)
        if len(table):
            judged = table.judge(now=self.now, calendar=self.calendar)
            sla[run_report, run_slot] = judged.state
        self.seen += n
        self.add_columns(
            Columns(
                submitted_us=submitted,
                status=status,
                owner=owner,
                span_from=span_from,
                span_to=span_to,
                working_days=self.span_working_days(span_from, span_to),
                sla=sla,
                groups=groups,
            )
        )

    def span_working_days(
        self, span_from: npt.NDArray[np.int64], span_to: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int64]:
        """Working days of follow-up spans (``-1`` where there is none), with numpy."""
        out = np.full(span_from.size, -1, dtype=np.int64)
        has = span_from != NO_DAY
        if has.any():
            out[has] = count_working_days(self.calendar, span_from[has], span_to[has])
        return out

    def _login(self, agency_id: str, at: datetime) -> None:
        owner = self._owner_of(agency_id)
        if owner is not None:
            last = self._logins.get(owner)
            if last is None or at > last:
                self._logins[owner] = at

    def add_columns(self, columns: Columns) -> None:
        """Count reports given as columns (``seen`` is the caller's to add).

        The same checks as [`add`][sp4n.monev.MonevPipeline.add], in the same
        order: period, then scope (the national and province tables), then
        the ranking's own period. Each table's groups are counted from the
        totals of their reports' facts (`sp4n.monev._columns.marginals`), by
        the same accumulators.
        """
        period = self.config.period
        rank = self._agencies.config.period
        scope = self.config.scope
        stages = [rule.stage for rule in self.rules]
        counted = in_period(columns.submitted_us, _opt_us(period.start), _opt_us(period.end))
        self._national.skip("period", int(counted.size - np.count_nonzero(counted)))
        if scope is not None:
            allowed = np.array([o in scope for o in self._owners] + [False], dtype=bool)
            inside = allowed[columns.owner]  # owner -1 (none) reads the final False
            self._national.skip("scope", int(np.count_nonzero(counted & ~inside)))
            counted &= inside
        rows = np.flatnonzero(counted)
        if not rows.size:
            return
        kept = columns.take(rows)
        self._add_totals(kept, stages)
        ranked = in_period(kept.submitted_us, _opt_us(rank.start), _opt_us(rank.end))
        self._agencies.skip("period", int(ranked.size - np.count_nonzero(ranked)))
        self._add_owners(kept.take(np.flatnonzero(ranked)), stages, ranked=True)
        self._add_owners(kept, stages, ranked=False)
        if kept.groups is not None:
            for column, dimension in enumerate(_COLUMN_GROUPS):
                keys = self._group_keys[column]
                for code, (weight, facts) in marginals(
                    kept, kept.groups[:, column], stages
                ).items():
                    key = None if code < 0 else keys[code]
                    self._breakdown.add_marginals(dimension, key, facts, weight)

    def _add_totals(self, kept: Columns, stages: Sequence[Stage]) -> None:
        """The national table and the SLA breach table of the counted reports."""
        one = np.zeros(len(kept), dtype=np.int64)
        for _, (_, facts) in marginals(kept, one, stages).items():
            self._national.add_marginals(facts)
        sla = kept.sla.reshape(len(kept), -1)
        for index, rule in enumerate(self.rules):
            states = np.bincount(sla[:, index], minlength=len(STATE_CODES)).tolist()
            waiting = sum(states[code] for code in STATE_WAITING)
            for table, n in (
                (self._met, states[STATE_MET]),
                (self._breached, states[STATE_BREACHED]),
                (self._pending, waiting),
            ):
                if n:
                    table[rule.stage] += n

    def _add_owners(self, kept: Columns, stages: Sequence[Stage], *, ranked: bool) -> None:
        """Per owner: the ranking table (``ranked``), else the government drill-down and provinces.

        With ``ranked``, ``kept`` holds the reports within the ranking period.
        """
        for index, (weight, facts) in marginals(kept, kept.owner, stages).items():
            owner = None if index < 0 else self._owners[index]
            if ranked:
                if owner is None:
                    self._agencies.add_ungrouped(weight)
                else:
                    self._agencies.group(owner).add_marginals(facts)
                continue
            self._breakdown.add_marginals("government", owner, facts, weight)
            province = None if index < 0 else self._owner_province[index]
            if province is None:
                self._provinces.add_ungrouped(weight)
            else:
                self._provinces.group(province).add_marginals(facts)

    # -- merging partial results ------------------------------------------------------------

    def state(self) -> dict[str, object]:
        """Everything counted, as plain JSON-compatible data, to merge elsewhere.

        Parts of one evaluation (byte ranges of a file, Parquet row groups,
        Dask tasks) each run a pipeline with the same options and send this;
        [`merge_state`][sp4n.monev.MonevPipeline.merge_state] adds it into the pipeline that renders
        the result.
        Counts add and last logins take the latest, so the merged result is
        the same whatever the split and the order.
        """
        return {
            "format": STATE_FORMAT,
            "seen": self.seen,
            "after_now": self.after_now,
            "as_of_now": self.as_of_now,
            "national": self._national.state(),
            "provinces": self._provinces.state(),
            "agencies": self._agencies.state(),
            "sla": {
                "met": {str(k): v for k, v in self._met.items()},
                "breached": {str(k): v for k, v in self._breached.items()},
                "pending": {str(k): v for k, v in self._pending.items()},
            },
            "logins": {k: v.isoformat() for k, v in sorted(self._logins.items())},
            "drilldown": self._breakdown.state(),
        }

    @monev_boundary
    def merge_state(self, state: Mapping[str, object]) -> None:
        """Add a [`state`][sp4n.monev.MonevPipeline.state] of another part of the same evaluation.

        Raises:
            ScoringError: a state of another format, or malformed.
        """
        if state.get("format") != STATE_FORMAT:
            raise ScoringError(
                Message(
                    "error.pipeline.monev-state-format-state",
                    "not a monev state of format {state_format}: {get}",
                    state_format=str(STATE_FORMAT),
                    get=repr(state.get("format")),
                ),
                field="state",
            )
        seen = state.get("seen")
        national, provinces, agencies = (
            state.get(k) for k in ("national", "provinces", "agencies")
        )
        sla, logins = state.get("sla"), state.get("logins")
        after_now, as_of_now = state.get("after_now"), state.get("as_of_now")
        if (
            not isinstance(seen, int)
            or not isinstance(after_now, int)
            or not isinstance(as_of_now, int)
            or not isinstance(national, Mapping)
            or not isinstance(provinces, Mapping)
            or not isinstance(agencies, Mapping)
            or not isinstance(sla, Mapping)
            or not isinstance(logins, Mapping)
        ):
            raise ScoringError(
                Message(
                    "error.pipeline.monev-state-needs-seen",
                    "a monev state needs seen, after_now, as_of_now, national, provinces, "
                    "agencies, sla and logins",
                ),
                field="state",
            )
        self.seen += seen
        self.after_now += after_now
        self.as_of_now += as_of_now
        self._national.add_state(national)
        self._provinces.merge_state(provinces, str)
        self._agencies.merge_state(agencies, str)
        for name, counter in (
            ("met", self._met),
            ("breached", self._breached),
            ("pending", self._pending),
        ):
            counts = sla.get(name, {})
            if not isinstance(counts, Mapping):
                raise ScoringError(
                    Message(
                        "error.pipeline.monev-state-sla-name",
                        "monev state sla.{name} must map stages to counts",
                        name=str(name),
                    ),
                    field="sla",
                )
            for stage, n in counts.items():
                counter[Stage(stage)] += int(n)
        for owner, at in logins.items():
            self._merge_login(str(owner), datetime.fromisoformat(str(at)))
        drilldown = state.get("drilldown", {})
        if not isinstance(drilldown, Mapping):
            raise ScoringError(
                Message(
                    "error.pipeline.monev-state-drilldown-mapping",
                    "monev state drilldown must be a mapping",
                ),
                field="drilldown",
            )
        self._breakdown.merge_state(drilldown)

    def _merge_login(self, owner: str, at: datetime) -> None:
        last = self._logins.get(owner)
        if last is None or at > last:
            self._logins[owner] = at

    def result(self) -> MonevResult:
        """The report over everything added so far."""
        book = self.config.rulebook
        indicators = self._national.result()
        connectivity = self._connectivity(self.governments)
        activity = compute_activity(
            [a.id for a in self.governments],
            self._logins,
            now=self.now,
            rulebook=book,
            window=relativedelta(months=book.settings.activity_window_months),
        )
        try:
            grade: GradeRule | None = compute_grade(indicators.follow_up_rate, rulebook=book)
        except ScoringError:  # pragma: no cover - grades are defined by the rulebook
            grade = None
        summary = MonevSummary(
            agencies=len(self.governments),
            connectivity=connectivity,
            activity=activity,
            complaints=indicators,
            grade=grade,
            grade_indicator="follow_up_rate",
        )
        by_province = self._provinces.results()
        members_of: dict[str, list[Agency]] = {pid: [] for pid in by_province}
        for government in self.governments:
            province = self.graph.province_of(government.id) or government
            members_of.setdefault(province.id, []).append(government)
        rows = []
        empty = IndicatorAccumulator(self.config).result()
        for pid, members in sorted(members_of.items()):
            rows.append(
                ProvinceRow(
                    province_id=pid,
                    name=self.graph.get(pid).name.removeprefix("Pemerintah Provinsi "),
                    connectivity=self._connectivity(members),
                    indicators=by_province.get(pid, empty),
                )
            )
        rates = {agency: r.follow_up_rate for agency, r in self._agencies.results().items()}
        ranking = compute_ranking(
            rates,
            rulebook=book,
            min_count=self.min_count,
            cutoff=self.rank_cutoff,
        )
        names = {r.province_id: r.name for r in rows}  # a province's region, not its government
        names.update({e.agency_id: self._name(e.agency_id) for e in ranking.entries})
        return MonevResult(
            scope=self.scope,
            scope_name="Indonesia" if self.root is None else self.root.name,
            period=self.config.period,
            now=self.now,
            seen=self.seen,
            summary=summary,
            provinces=tuple(rows),
            ranking=ranking,
            names=MappingProxyType(names),
            breaches=SlaBreaches(
                breached=MappingProxyType(_in_stage_order(self._breached)),
                met=MappingProxyType(_in_stage_order(self._met)),
                pending=MappingProxyType(_in_stage_order(self._pending)),
            ),
            details=build_details(
                graph=self.graph,
                governments=self.governments,
                breakdown=self._breakdown,
                rank_rates=rates,
                rulebook=book,
                connected=self.connected,
                now=self.now,
                min_count=self.min_count,
                rank_cutoff=self.rank_cutoff,
                category_label=self._category_label,
                owner_of=self._owner_of,
            ),
        )

    def _connectivity(self, governments: Iterable[Agency]) -> Rate | None:
        """IND-CONNECTIVITY of some governments from ``connected``; ``None`` when unknown."""
        if self.connected is None:
            return None
        flagged = [
            a
            if a.connected == (a.id in self.connected.ids)
            else a.model_copy(update={"connected": not a.connected})
            for a in governments
        ]
        return compute_connectivity(flagged, rulebook=self.config.rulebook)

    def _category_label(self, category: str) -> str:
        found = self.graph.competence.find(category)
        return category if found is None else found.label_id

    def _name(self, agency_id: str) -> str:
        agency = self.graph.find(agency_id)
        return agency_id if agency is None else agency.name


_COLUMN_GROUPS: Final[tuple[Dimension, ...]] = ("unit", "category", "channel", "trend")
"""The drill-down groups of `Columns.groups`, by column (the owner is its own column)."""


def _in_stage_order(counts: Counter[Stage]) -> dict[Stage, int]:
    """Counts per stage in the vocabulary's order (the same whatever order reports came in)."""
    return {stage: counts[stage] for stage in Stage if counts[stage]}


def _same(value: object) -> object:
    """Identity: rolls up a handler id given in place of a complaint."""
    return value


def _opt_us(instant: datetime | None) -> int | None:
    return None if instant is None else micros(instant)


@monev_boundary
def run_monev(
    complaints: Iterable[Complaint],
    *,
    hierarchy: AgencyGraph | None = None,
    now: datetime,
    scope: str = NATIONAL,
    period: Period | None = None,
    calendar: WorkingCalendar | None = None,
    rulebook: Rulebook | None = None,
    rank_cutoff: datetime | None = None,
    min_count: int | None = None,
    sla: bool = True,
    connected: ConnectedGovernments | None = None,
) -> MonevResult:
    """Evaluate ``complaints`` (read once) for a scope and period, as of ``now``.

    Rule: standard.md §7 — see [`MonevPipeline`][sp4n.monev.MonevPipeline].
    """
    pipeline = MonevPipeline(
        hierarchy,
        now=now,
        scope=scope,
        period=period,
        calendar=calendar,
        rulebook=rulebook,
        rank_cutoff=rank_cutoff,
        min_count=min_count,
        sla=sla,
        connected=connected,
    )
    return pipeline.add_all(complaints).result()

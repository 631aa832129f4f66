"""The monev pipeline: an iterable of reports in, one evaluation report out, streaming.

:class:`MonevPipeline` reads each :class:`~sp4n.models.Complaint` once and keeps
only counts (the mergeable accumulators of :mod:`sp4n.scoring`), so a million
reports from a JSON Lines file fit in little memory. Per report it asks the
SLA engine (:func:`sp4n.sla.deadlines`) once, then feeds:

* the national (scope-wide) indicators — follow-up rate, closed, in-progress
  and unverified shares, follow-up speed in calendar and working days, on-time
  rate per SLA stage (standard.md §7, rows ``IND-*``);
* the same indicators per province (:func:`sp4n.scoring.province_key`);
* the same indicators per government or central body (a unit's reports count
  for the government that owns it, :func:`sp4n.scoring.rolled_up`), ranked by
  the Wilson lower bound (:func:`sp4n.scoring.compute_ranking`, RANK-*);
* SLA outcomes per agency stage (:data:`sp4n.scoring.AGENCY_STAGES`: the
  reporter's reply and hold windows expiring is not an agency's breach), read
  through :func:`sp4n.scoring.on_time_outcome` like the on-time rates;
* the agencies that acted (for activity: an agency whose admin or liaison
  recorded an event in the window before ``now`` — IND-ACTIVITY-WINDOW, one
  month by default — logged in then; a lower bound, as logins without an event
  are not in the history). The event is credited to the actor's own agency,
  rolled up to its government or central body, whatever report it was on and
  even if that report is outside the period or scope.

Connectivity (IND-CONNECTIVITY) comes from ``connected``
(:class:`~sp4n.monev.connected.ConnectedGovernments`: a file, or a hierarchy
whose flags were set); without it, it is unknown (``None``), never a number.
The drill-down groupings (per government, unit, category, channel and month or
week) are counted by :class:`~sp4n.monev.drilldown.Breakdown` beside the
national totals and summed up in :attr:`MonevResult.details`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from types import MappingProxyType

import attrs
from dateutil.relativedelta import relativedelta

from sp4n.errors import DataError, ScoringError
from sp4n.hierarchy import GOVERNMENT_KINDS, AgencyGraph
from sp4n.models import Agency, Complaint
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.details import ReportDetails, build_details
from sp4n.monev.drilldown import Breakdown
from sp4n.rulebook import GradeRule, Rulebook
from sp4n.scoring import (
    AGENCY_STAGES,
    CalendarDayCounter,
    ComplaintIndicators,
    GroupedAccumulator,
    IndicatorAccumulator,
    MonevReport,
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
from sp4n.vocabulary import AgencyKind, Role, Stage
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

    Only :data:`sp4n.scoring.AGENCY_STAGES` (verification, first follow-up,
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
    summary: MonevReport
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

    def route(complaint: Complaint) -> str | None:
        resolution = graph.resolve(complaint)
        return resolution.handler.id if resolution.is_decided else None

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
        msg = f"no government for region code {scope!r} (use a province or regency code)"
        raise DataError(msg, rule="REGION-CODE", field="scope")
    return government


class MonevPipeline:
    """Streaming evaluation: :meth:`add` reports one by one, then :meth:`result`.

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
        DataError: an unknown scope code, a naive ``now``.
    """

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
            msg = "now must be timezone-aware"
            raise DataError(msg, rule="TIMESTAMP-AWARE", field="now")
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

    def add(self, complaint: Complaint) -> bool:
        """Count one report; ``False`` when it is outside the period or scope.

        Agency activity is recorded first, for every report read: an admin or
        liaison who acted on a report outside the period or scope still logged in.
        """
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

    def _record_activity(self, complaint: Complaint) -> None:
        """Credit each admin/liaison event to the actor's (rolled-up) agency."""
        for event in complaint.history:
            actor = event.actor
            if actor.role not in _AGENCY_ROLES or actor.agency_id is None or event.at > self.now:
                continue
            owner = self._owner_of(actor.agency_id)
            if owner is None:
                continue
            last = self._logins.get(owner)
            if last is None or event.at > last:
                self._logins[owner] = event.at

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

    def add_all(self, complaints: Iterable[Complaint]) -> MonevPipeline:
        """Count every report of an iterable (read once); returns ``self``."""
        for complaint in complaints:
            self.add(complaint)
        return self

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
        summary = MonevReport(
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
                breached=MappingProxyType(dict(self._breached)),
                met=MappingProxyType(dict(self._met)),
                pending=MappingProxyType(dict(self._pending)),
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

    Rule: standard.md §7 — see :class:`MonevPipeline`.
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

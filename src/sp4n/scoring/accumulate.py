"""Streaming, mergeable accumulation of complaint indicators.

Scoring reads any iterable of complaints once and holds only counts: per
status, the exact multiset of follow-up day counts, and met/decided counts per
SLA stage. Two accumulators over separate chunks [`merge`][sp4n.scoring.IndicatorAccumulator.merge]
into exactly the accumulator over the whole (counts add; medians come from the
merged multisets), so scoring can run chunked, in parallel, or as the
combine step of a distributed engine.

>>> from sp4n.models import Complaint
>>> acc = IndicatorAccumulator()
>>> acc.add_all([])  # doctest: +ELLIPSIS
<sp4n.scoring.accumulate.IndicatorAccumulator object at ...>
>>> acc.result().follow_up_rate.display(0)
'undefined'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from types import MappingProxyType
from typing import Generic, Literal, Self, TypeVar, cast, overload

import attrs

from sp4n._guards import boundary
from sp4n.errors import ScoringError
from sp4n.i18n import Message
from sp4n.models import Complaint
from sp4n.rulebook import Rulebook
from sp4n.scoring.indicators import (
    AgencyLookup,
    AgencyOf,
    CalendarDayCounter,
    DayCounter,
    Period,
    _rule_in_force,
    dispatch_to_first_follow_up,
    handling_agency,
    ids_of,
)
from sp4n.scoring.rates import DayStats, Rate
from sp4n.vocabulary import Stage, Status

__all__ = [
    "ComplaintIndicators",
    "Facts",
    "GroupedAccumulator",
    "IndicatorAccumulator",
    "Marginals",
    "ScoringConfig",
    "StageOutcomes",
    "compute_by_group",
    "compute_indicators",
]

StageOutcomes = Callable[[Complaint], Iterable[tuple[Stage, bool | None]]]
"""SLA outcomes of a complaint: (stage, met?) pairs; ``None`` = not decided yet.

Typically from ``sp4n.sla``: a stage is *met* when its step happened within
the deadline, *breached* (``False``) when the deadline passed first, and
pending (``None``) otherwise; pending stages are left out of on-time rates.
"""

Skip = Literal["period", "scope"]
K = TypeVar("K", bound=Hashable)


_SKIPS: dict[str, Skip] = {"period": "period", "scope": "scope"}


def _skip(value: str) -> Skip:
    try:
        return _SKIPS[value]
    except KeyError:
        msg = f"not a skip reason: {value!r}"
        raise ValueError(msg) from None


def _scope(value: Collection[str] | None) -> frozenset[str] | None:
    return None if value is None else ids_of(value, "scope")


@attrs.frozen
class Facts:
    """What the counting rules read of one report: the accumulators count these.

    [`ScoringConfig.facts`][sp4n.scoring.ScoringConfig.facts] derives them from a complaint; a
    columnar
    engine (``sp4n.monev``) derives the same facts for many reports at once and
    adds each distinct one with its multiplicity (``weight``), so the counting
    rules stay in one place
    ([`IndicatorAccumulator.add_facts`][sp4n.scoring.IndicatorAccumulator.add_facts]).

    Attributes:
        status: The report's current status.
        calendar_days: Calendar days from dispatch to first follow-up (``None``: no follow-up).
        working_days: The same in working days (``None``: not measured).
        outcomes: SLA (stage, met?) pairs; ``None`` = undecided.
    """

    status: Status
    calendar_days: int | None = None
    working_days: int | None = None
    outcomes: tuple[tuple[Stage, bool | None], ...] = ()


@attrs.frozen
class Marginals:
    """The facts of many reports, summed per fact: what `add_facts` would count of them all.

    Every counting rule of
    [`add_facts`][sp4n.scoring.IndicatorAccumulator.add_facts]
    reads one fact of a report at a time (its status, its follow-up days, each
    decided stage), so counting each fact's totals counts the same as adding
    the reports one by one: a columnar engine sums a group's facts with numpy
    and adds them at once ([`add_marginals`][sp4n.scoring.IndicatorAccumulator.add_marginals]).

    Attributes:
        statuses: Reports per status.
        calendar_days: Reports per follow-up span in calendar days (those with a follow-up).
        working_days: Reports per follow-up span in working days.
        outcomes: Reports per (stage, met?) of the decided stages.
    """

    statuses: Mapping[Status, int]
    calendar_days: Mapping[int, int] = attrs.field(factory=dict)
    working_days: Mapping[int, int] = attrs.field(factory=dict)
    outcomes: Mapping[tuple[Stage, bool], int] = attrs.field(factory=dict)


@attrs.frozen
class ScoringConfig:
    """What to count and how: rules, scope, period and the injected engines.

    Attributes:
        rulebook: Rules in force; the indicator rows (``IND-*``) come from it.
        scope: Agency ids whose complaints count; ``None`` = every complaint.
        period: Submission window (``start <= submitted_at < end``).
        agency_of: Who a complaint counts for (default
            [`handling_agency`][sp4n.scoring.handling_agency]).
        calendar_days: Calendar-day counter for follow-up speed. By default a
            [`CalendarDayCounter`][sp4n.scoring.CalendarDayCounter] in each agency's own zone when
            ``agency_lookup`` is given (standard.md §5 [R]), else in WIB.
        working_days: Working-day counter (e.g. from ``sp4n.workdays``);
            ``None`` = working-day speed not measured.
        stage_outcomes: SLA outcomes per complaint (e.g. from ``sp4n.sla``);
            ``None`` = on-time rates not measured.
        agency_lookup: Agency id → ``Agency`` (e.g. ``AgencyGraph.find``); gives
            the default calendar-day counter each agency's zone (from its
            province). ``None`` = every agency counts in WIB.

    Raises:
        ScoringError: ``scope`` is a plain string or holds non-string ids.
    """

    rulebook: Rulebook = attrs.field(factory=Rulebook.default)
    scope: frozenset[str] | None = attrs.field(default=None, converter=_scope)
    period: Period = attrs.field(factory=Period)
    agency_of: AgencyOf = handling_agency
    calendar_days: DayCounter = attrs.field(factory=CalendarDayCounter)
    working_days: DayCounter | None = None
    stage_outcomes: StageOutcomes | None = None
    agency_lookup: AgencyLookup | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.agency_lookup is not None and self.calendar_days == CalendarDayCounter():
            # The default counter, told where each agency is (§5: local dates per agency).
            local = CalendarDayCounter(agency_lookup=self.agency_lookup)
            object.__setattr__(self, "calendar_days", local)

    def facts(self, complaint: Complaint, agency_id: str | None) -> Facts:
        """The `Facts` of a complaint counted for ``agency_id`` (its zone, its days)."""
        span = dispatch_to_first_follow_up(complaint)
        calendar = working = None
        if span is not None:
            calendar = self.calendar_days(span[0], span[1], agency_id)
            if self.working_days is not None:
                working = self.working_days(span[0], span[1], agency_id)
        outcomes = () if self.stage_outcomes is None else tuple(self.stage_outcomes(complaint))
        return Facts(complaint.status, calendar, working, outcomes)

    def skip_reason(self, complaint: Complaint) -> Skip | None:
        """Why a complaint is not counted (``"period"``, ``"scope"``), or ``None``."""
        return self._classify(complaint)[0]

    def _classify(self, complaint: Complaint) -> tuple[Skip | None, str | None]:
        """Skip reason and agency, asking ``agency_of`` once per complaint."""
        if not self.period.contains(complaint.submitted_at):
            return "period", None
        agency_id = self.agency_of(complaint)
        if self.scope is not None and agency_id not in self.scope:
            return "scope", agency_id
        return None, agency_id


@attrs.frozen
class ComplaintIndicators:
    """The complaint-level indicators of one scope and period, with their counts.

    Attributes:
        total: Reports counted in the denominator of every share: every report
            in scope and period, less those the national admin deleted when
            IND-EXCLUDE-DELETED is on [D] (spam and abuse are no agency's workload).
        status_counts: Reports per current status (deleted ones included).
        shares: Indicator name → rate, for every rulebook row with
            ``numerator_statuses`` (follow-up rate, closed, in progress, unverified).
        follow_up_days: Calendar days from dispatch to first follow-up (IND-FOLLOW-UP-SPEED).
        follow_up_working_days: The same in working days; ``None`` if not measured.
        on_time: SLA stage → stages met ÷ stages decided (IND-ON-TIME).
        skipped_period: Complaints seen but submitted outside the period.
        skipped_scope: Complaints seen but counted for an agency outside the scope.
        excluded_deleted: Deleted reports left out of ``total`` (IND-EXCLUDE-DELETED).
    """

    total: int
    status_counts: Mapping[Status, int]
    shares: Mapping[str, Rate]
    follow_up_days: DayStats
    follow_up_working_days: DayStats | None
    on_time: Mapping[Stage, Rate]
    skipped_period: int = 0
    skipped_scope: int = 0
    excluded_deleted: int = 0

    def share(self, indicator: str) -> Rate:
        """The share named ``indicator`` (e.g. ``"follow_up_rate"``).

        Raises:
            ScoringError: no such share indicator in the rulebook in force
                (e.g. any share under a rulebook from before the 2020 reviews).
        """
        try:
            return self.shares[indicator]
        except KeyError:
            known = ", ".join(sorted(self.shares)) or "none in force in this rulebook"
            raise ScoringError(
                Message(
                    "error.accumulate.no-share-indicator-indicator",
                    "no share indicator {indicator}; known: {known}",
                    indicator=repr(indicator),
                    known=str(known),
                ),
                field="indicator",
            ) from None

    @property
    def follow_up_rate(self) -> Rate:
        """(Closed + in progress) ÷ all reports — *tindak lanjut* (IND-FOLLOW-UP)."""
        return self.share("follow_up_rate")

    @property
    def closed_share(self) -> Rate:
        """Closed ÷ all reports — *selesai* (IND-CLOSED-SHARE)."""
        return self.share("closed_share")

    @property
    def in_progress_share(self) -> Rate:
        """In progress ÷ all reports — *proses* (IND-IN-PROGRESS-SHARE)."""
        return self.share("in_progress_share")

    @property
    def unverified_share(self) -> Rate:
        """Not yet verified ÷ all reports — *belum terverifikasi* (IND-UNVERIFIED-SHARE)."""
        return self.share("unverified_share")


class IndicatorAccumulator:
    """Counts complaints one at a time; mergeable with accumulators of other chunks.

    ``add`` mutates this accumulator; ``merge`` returns a new one and leaves
    both inputs unchanged. Memory is bounded by the number of distinct
    statuses, day counts and stages, not by the number of complaints.

    Args:
        config: What to count; default [`ScoringConfig`][sp4n.scoring.ScoringConfig] (all
            complaints,
            default rulebook, calendar days in WIB).
    """

    __slots__ = (
        "_calendar",
        "_decided",
        "_met",
        "_skipped",
        "_statuses",
        "_working",
        "config",
    )

    def __init__(self, config: ScoringConfig | None = None) -> None:
        self.config = config or ScoringConfig()
        self._statuses: Counter[Status] = Counter()
        self._skipped: Counter[Skip] = Counter()
        self._calendar: Counter[int] = Counter()
        self._working: Counter[int] = Counter()
        self._met: Counter[Stage] = Counter()
        self._decided: Counter[Stage] = Counter()

    def add(self, complaint: Complaint) -> bool:
        """Count one complaint; ``False`` if it is outside the period or scope."""
        reason, agency_id = self.config._classify(complaint)
        if reason is not None:
            self._skipped[reason] += 1
            return False
        self._count(complaint, agency_id)
        return True

    def add_all(self, complaints: Iterable[Complaint]) -> Self:
        """Count every complaint of an iterable (read once, not kept); returns ``self``."""
        for complaint in complaints:
            self.add(complaint)
        return self

    def skip(self, reason: Skip, n: int = 1) -> None:
        """Record complaints seen but not counted (used by grouped accumulators)."""
        self._skipped[reason] += n

    def _count(self, complaint: Complaint, agency_id: str | None) -> None:
        self.add_facts(self.config.facts(complaint, agency_id))

    def add_facts(self, facts: Facts, weight: int = 1) -> None:
        """Count ``weight`` reports with these facts (period and scope already applied).

        The counting rules: one report per status; its follow-up days when it
        has a follow-up (working days only when the configuration measures
        them); each decided SLA stage as decided, and as met when on time.
        """
        self._statuses[facts.status] += weight
        if facts.calendar_days is not None:
            self._calendar[facts.calendar_days] += weight
        if facts.working_days is not None and self.config.working_days is not None:
            self._working[facts.working_days] += weight
        if self.config.stage_outcomes is not None:
            for stage, met in facts.outcomes:
                if met is not None:
                    self._decided[stage] += weight
                    if met:
                        self._met[stage] += weight

    def add_marginals(self, marginals: Marginals) -> None:
        """Count reports given by their facts' totals: the rules of `add_facts`, per fact.

        Period and scope are applied already, as for `add_facts`; a property
        test holds the two to the same counts.
        """
        statuses, calendar = self._statuses, self._calendar
        for status, n in marginals.statuses.items():
            statuses[status] += n
        for days, n in marginals.calendar_days.items():
            calendar[days] += n
        if self.config.working_days is not None:
            working = self._working
            for days, n in marginals.working_days.items():
                working[days] += n
        if self.config.stage_outcomes is not None:
            for (stage, met), n in marginals.outcomes.items():
                self._decided[stage] += n
                if met:
                    self._met[stage] += n

    def state(self) -> dict[str, dict[str, int]]:
        """The counts as plain JSON-compatible data, to ship between processes.

        Engines (multiprocessing, Dask, Spark) send this state, not the
        accumulator (whose configuration holds callables); the receiver
        rebuilds it with [`from_state`][sp4n.scoring.IndicatorAccumulator.from_state] and its own
        configuration.

        >>> acc = IndicatorAccumulator()
        >>> IndicatorAccumulator.from_state(acc.state()).result() == acc.result()
        True
        """
        return {
            "statuses": {str(k): v for k, v in self._statuses.items() if v},
            "skipped": {str(k): v for k, v in self._skipped.items() if v},
            "calendar_days": {str(k): v for k, v in self._calendar.items() if v},
            "working_days": {str(k): v for k, v in self._working.items() if v},
            "met": {str(k): v for k, v in self._met.items() if v},
            "decided": {str(k): v for k, v in self._decided.items() if v},
        }

    @classmethod
    def from_state(
        cls, state: Mapping[str, Mapping[str, int]], config: ScoringConfig | None = None
    ) -> IndicatorAccumulator:
        """An accumulator with the counts of `state`, under ``config``.

        Raises:
            ScoringError: a state that is not a mapping of mappings, an
                unknown section, status, stage or skip reason, or a count that
                is not a non-negative int (``field`` names the section).
        """
        return cls(config).add_state(state)

    def add_state(self, state: Mapping[str, Mapping[str, int]]) -> Self:
        """Add the counts of a `state` into this accumulator, in place; returns ``self``.

        Raises:
            ScoringError: as [`from_state`][sp4n.scoring.IndicatorAccumulator.from_state].
        """
        given: object = state  # shipped between processes: check, do not trust
        if not isinstance(given, Mapping):
            raise ScoringError(
                Message(
                    "error.accumulate.accumulator-state-mapping-sections",
                    "accumulator state must be a mapping of sections, got {type}",
                    type=str(type(state).__name__),
                ),
                field="state",
            )
        parsers: dict[str, tuple[str, Callable[[str], Hashable]]] = {
            "statuses": ("_statuses", Status),
            "skipped": ("_skipped", _skip),
            "calendar_days": ("_calendar", int),
            "working_days": ("_working", int),
            "met": ("_met", Stage),
            "decided": ("_decided", Stage),
        }
        sections: Mapping[str, object] = given
        for section, counts in sections.items():
            if section not in parsers:
                raise ScoringError(
                    Message(
                        "error.accumulate.unknown-accumulator-state-section",
                        "unknown accumulator state section {section}",
                        section=repr(section),
                    ),
                    field=section,
                )
            name, parse = parsers[section]
            if not isinstance(counts, Mapping):
                raise ScoringError(
                    Message(
                        "error.accumulate.accumulator-state-section-map",
                        "accumulator state {section} must map keys to counts, got {counts}",
                        section=repr(section),
                        counts=repr(counts),
                    ),
                    field=section,
                )
            target: Counter[Hashable] = getattr(self, name)
            for raw, n in counts.items():
                try:
                    key = parse(raw)
                except (ValueError, TypeError):
                    raise ScoringError(
                        Message(
                            "error.accumulate.unknown-key-raw-accumulator",
                            "unknown key {raw} in accumulator state {section}",
                            raw=repr(raw),
                            section=repr(section),
                        ),
                        field=section,
                    ) from None
                if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                    raise ScoringError(
                        Message(
                            "error.accumulate.count-n-raw-section",
                            "count {n} for {raw} in {section} is not a non-negative int",
                            n=repr(n),
                            raw=repr(raw),
                            section=repr(section),
                        ),
                        field=section,
                    )
                target[key] += n
        return self

    def merge(self, other: IndicatorAccumulator) -> IndicatorAccumulator:
        """A new accumulator counting both inputs' complaints.

        Raises:
            ScoringError: the two were configured differently (their counts
                would not mean the same thing).
        """
        if other.config != self.config:
            raise ScoringError(
                Message(
                    "error.accumulate.cannot-merge-accumulators-different",
                    "cannot merge accumulators with different scoring configurations",
                ),
                field="config",
            )
        merged = IndicatorAccumulator(self.config)
        for name in ("_statuses", "_skipped", "_calendar", "_working", "_met", "_decided"):
            counter: Counter[Hashable] = Counter(getattr(self, name))
            counter.update(getattr(other, name))
            setattr(merged, name, counter)
        return merged

    def result(self) -> ComplaintIndicators:
        """The indicators over everything counted so far (a frozen snapshot).

        Indicators not in force in the configured rulebook (e.g. every
        indicator before the 2020 reviews) are absent: no share, no on-time
        rate, day statistics without a rule; asking for one by name
        ([`ComplaintIndicators.share`][sp4n.scoring.ComplaintIndicators.share]) raises.
        """
        book = self.config.rulebook
        # IND-EXCLUDE-DELETED [D]: deleted reports (spam, abuse) are no agency's workload.
        excluded = self._statuses[Status.DELETED] if book.settings.monev_exclude_deleted else 0
        total = sum(self._statuses.values()) - excluded
        shares = {
            row.indicator: Rate(
                sum(self._statuses[s] for s in set(row.numerator_statuses)), total, rule=row.rule
            )
            for row in book.indicators
            if row.numerator_statuses
        }
        speed = _rule_in_force(book, "follow_up_speed")
        on_time = _rule_in_force(book, "on_time_rate")
        return ComplaintIndicators(
            total=total,
            status_counts=MappingProxyType(
                {s: self._statuses[s] for s in Status if self._statuses[s]}
            ),
            shares=MappingProxyType(shares),
            follow_up_days=DayStats(self._calendar, rule=speed),
            follow_up_working_days=(
                None if self.config.working_days is None else DayStats(self._working, rule=speed)
            ),
            on_time=MappingProxyType(
                {
                    stage: Rate(self._met[stage], self._decided[stage], rule=on_time)
                    for stage in Stage
                    if self._decided[stage] and on_time is not None
                }
            ),
            skipped_period=self._skipped["period"],
            skipped_scope=self._skipped["scope"],
            excluded_deleted=excluded,
        )


class GroupedAccumulator(Generic[K]):
    """One `IndicatorAccumulator` per group (agency, province, …), mergeable.

    Args:
        config: What to count (scope and period apply before grouping).
        key: The group of a complaint, e.g. per agency (default: ``config.agency_of``)
            or per province ([`province_key`][sp4n.scoring.province_key]). ``None`` = not grouped
            (counted in `ungrouped`).
    """

    __slots__ = ("_by_agency", "_groups", "_key", "_skipped", "config", "ungrouped")

    @overload
    def __init__(
        self: GroupedAccumulator[str], config: ScoringConfig | None = None, *, key: None = None
    ) -> None: ...

    @overload
    def __init__(
        self, config: ScoringConfig | None = None, *, key: Callable[[Complaint], K | None]
    ) -> None: ...

    def __init__(
        self,
        config: ScoringConfig | None = None,
        *,
        key: Callable[[Complaint], K | None] | None = None,
    ) -> None:
        self.config = config or ScoringConfig()
        # Without a key, groups are agency ids (K = str), known from the classification.
        self._by_agency = key is None
        self._key = key or cast("Callable[[Complaint], K | None]", self.config.agency_of)
        self._groups: dict[K, IndicatorAccumulator] = {}
        self._skipped: Counter[Skip] = Counter()
        self.ungrouped = 0

    def add(self, complaint: Complaint) -> bool:
        """Count one complaint in its group; ``False`` if skipped or without a group."""
        reason, agency_id = self.config._classify(complaint)
        if reason is not None:
            self._skipped[reason] += 1
            return False
        # Grouping by agency reuses the agency just found: agency_of runs once.
        group = cast("K | None", agency_id) if self._by_agency else self._key(complaint)
        if group is None:
            self.ungrouped += 1
            return False
        acc = self._groups.get(group)
        if acc is None:
            acc = self._groups[group] = IndicatorAccumulator(self.config)
        acc._count(complaint, agency_id)  # filters already applied above
        return True

    def add_all(self, complaints: Iterable[Complaint]) -> Self:
        """Count every complaint of an iterable; returns ``self``."""
        for complaint in complaints:
            self.add(complaint)
        return self

    def group(self, key: K) -> IndicatorAccumulator:
        """The accumulator of one group (created empty if new), to add facts to."""
        acc = self._groups.get(key)
        if acc is None:
            acc = self._groups[key] = IndicatorAccumulator(self.config)
        return acc

    def skip(self, reason: Skip, n: int = 1) -> None:
        """Record complaints seen but not counted (outside the period or scope)."""
        self._skipped[reason] += n

    def add_ungrouped(self, n: int = 1) -> None:
        """Record complaints counted but without a group."""
        self.ungrouped += n

    def state(self) -> dict[str, object]:
        """Groups, skips and ungrouped count as plain data (see `IndicatorAccumulator.state`).

        Group keys become strings; `from_state` takes a parser back.
        """
        return {
            "groups": {str(g): self._groups[g].state() for g in sorted(self._groups, key=str)},
            "skipped": {str(k): v for k, v in self._skipped.items() if v},
            "ungrouped": self.ungrouped,
        }

    def merge_state(self, state: Mapping[str, object], parse: Callable[[str], K]) -> None:
        """Add the counts of a `state` (of another chunk) into this accumulator.

        Raises:
            ScoringError: a malformed state (``field`` names the section).
        """
        groups, skipped, ungrouped = (state.get(k) for k in ("groups", "skipped", "ungrouped"))
        if not isinstance(groups, Mapping) or not isinstance(skipped, Mapping):
            raise ScoringError(
                Message(
                    "error.accumulate.grouped-accumulator-state-needs",
                    "grouped accumulator state needs 'groups' and 'skipped' mappings",
                ),
                field="state",
            )
        if isinstance(ungrouped, bool) or not isinstance(ungrouped, int) or ungrouped < 0:
            raise ScoringError(
                Message(
                    "error.accumulate.ungrouped-count-ungrouped-non",
                    "ungrouped count {ungrouped} is not a non-negative int",
                    ungrouped=repr(ungrouped),
                ),
                field="ungrouped",
            )
        for raw, counts in groups.items():
            if not isinstance(counts, Mapping):
                raise ScoringError(
                    Message(
                        "error.accumulate.group-raw-grouped-accumulator",
                        "group {raw} of a grouped accumulator state is not a mapping",
                        raw=repr(raw),
                    ),
                    field="groups",
                )
            self.group(parse(str(raw))).add_state(counts)
        reasons = IndicatorAccumulator(self.config).add_state({"skipped": skipped})
        self._skipped.update(reasons._skipped)
        self.ungrouped += ungrouped

    def merge(self, other: GroupedAccumulator[K]) -> GroupedAccumulator[K]:
        """A new grouped accumulator counting both inputs' complaints.

        Raises:
            ScoringError: different configurations or group keys.
        """
        if other.config != self.config or other._key != self._key:
            raise ScoringError(
                Message(
                    "error.accumulate.cannot-merge-grouped-accumulators",
                    "cannot merge grouped accumulators with different configurations or keys",
                ),
                field="config",
            )
        merged: GroupedAccumulator[K] = GroupedAccumulator(self.config, key=self._key)
        empty = IndicatorAccumulator(self.config)
        for group in self._groups.keys() | other._groups.keys():
            mine = self._groups.get(group, empty)
            merged._groups[group] = mine.merge(other._groups.get(group, empty))
        merged._skipped = self._skipped + other._skipped
        merged.ungrouped = self.ungrouped + other.ungrouped
        return merged

    @property
    def skipped(self) -> Mapping[Skip, int]:
        """Complaints seen but not counted, by reason."""
        return MappingProxyType(dict(self._skipped))

    def results(self) -> Mapping[K, ComplaintIndicators]:
        """Indicators per group, groups in a stable (sorted by ``str``) order."""
        return MappingProxyType(
            {g: self._groups[g].result() for g in sorted(self._groups, key=str)}
        )


@boundary(refuse_as=ScoringError)
def compute_indicators(
    complaints: Iterable[Complaint], config: ScoringConfig | None = None
) -> ComplaintIndicators:
    """The complaint-level indicators of one scope and period, in one pass.

    Rule: standard.md §7 [R] (MENPAN-2020): IND-FOLLOW-UP, IND-CLOSED-SHARE,
    IND-IN-PROGRESS-SHARE, IND-UNVERIFIED-SHARE, IND-FOLLOW-UP-SPEED; [D]: IND-ON-TIME.
    """
    return IndicatorAccumulator(config).add_all(complaints).result()


@overload
def compute_by_group(
    complaints: Iterable[Complaint], config: ScoringConfig | None = None, *, key: None = None
) -> Mapping[str, ComplaintIndicators]: ...


@overload
def compute_by_group(
    complaints: Iterable[Complaint],
    config: ScoringConfig | None = None,
    *,
    key: Callable[[Complaint], K | None],
) -> Mapping[K, ComplaintIndicators]: ...


def compute_by_group(
    complaints: Iterable[Complaint],
    config: ScoringConfig | None = None,
    *,
    key: Callable[[Complaint], K | None] | None = None,
) -> Mapping[K, ComplaintIndicators] | Mapping[str, ComplaintIndicators]:
    """Indicators per group (default: per handling agency), in one pass."""
    if key is None:
        return GroupedAccumulator(config).add_all(complaints).results()
    return GroupedAccumulator(config, key=key).add_all(complaints).results()

"""Scoring fed by the real hierarchy, calendar and SLA engines through sp4n.scoring.adapters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache

import attrs
import pytest

from sp4n.errors import ScoringError
from sp4n.hierarchy import AgencyGraph
from sp4n.scoring import (
    GroupedAccumulator,
    ScoringConfig,
    compute_connectivity,
    compute_indicators,
    province_key,
    rolled_up,
    scope_of,
    stage_outcomes_from,
    working_day_counter,
)
from sp4n.scoring.adapters import agency_zones
from sp4n.testing.scoring import BASE, complaint
from sp4n.vocabulary import AgencyKind, Stage, Status


@cache
def graph() -> AgencyGraph:
    return AgencyGraph.indonesia()


def test_scope_of_a_province_from_the_agency_graph() -> None:
    """A province's scope is its government plus every body below it in the real graph."""
    scope = scope_of(graph(), "prov-61")
    assert "prov-61" in scope
    assert all(a.id in scope for a in graph().children("prov-61"))
    governments = [a for a in graph().agencies() if a.id in scope and a.kind is not AgencyKind.UNIT]
    assert compute_connectivity(governments).denominator == len(governments)


def test_province_key_groups_by_the_graphs_province() -> None:
    """Complaints of a regency and its province fall in the same province group."""
    regency = next(a for a in graph().children("prov-61") if a.kind is AgencyKind.REGENCY)
    data = [
        complaint(0, agency_id=regency.id, status=Status.IN_PROGRESS),
        complaint(1, agency_id="prov-61"),
        complaint(2, agency_id="not-in-graph"),
    ]
    acc = GroupedAccumulator(key=province_key(graph())).add_all(data)
    assert {k: v.total for k, v in acc.results().items()} == {"prov-61": 2}
    assert acc.ungrouped == 1


def test_working_day_counter_accepts_int_or_count_answers() -> None:
    """The adapter reads an int or an object with ``count``; anything else is an error."""

    @attrs.frozen
    class Answer:
        count: int

    class Calendar:
        def __init__(self, answer: object) -> None:
            self.answer = answer

        def working_days_between(self, _a: date, _b: date, /) -> object:
            return self.answer

    start, end = BASE, BASE + timedelta(days=3)
    assert working_day_counter(Calendar(2))(start, end, None) == 2
    assert working_day_counter(Calendar(Answer(4)))(start, end, None) == 4
    with pytest.raises(ScoringError):
        working_day_counter(Calendar("3"))(start, end, None)


def test_follow_up_speed_in_working_days_from_the_national_calendar() -> None:
    """Follow-up speed skips weekends and cuti bersama (8 April 2024) in the real calendar."""
    workdays = pytest.importorskip("sp4n.workdays")
    counter = working_day_counter(
        workdays.WorkingCalendar.indonesia(), agency_zones(graph(), workdays.zone_for_agency)
    )
    friday = datetime(2024, 4, 5, 2, 0, tzinfo=UTC)
    data = [
        complaint(
            0,
            status=Status.IN_PROGRESS,
            agency_id="prov-61",
            submitted_at=friday,
            dispatch_after=timedelta(0),
            follow_up_after=timedelta(days=3),  # Monday 8 April: cuti bersama
        )
    ]
    result = compute_indicators(data, ScoringConfig(working_days=counter))
    assert result.follow_up_days.counts == {3: 1}
    assert result.follow_up_working_days is not None
    assert result.follow_up_working_days.counts == {0: 1}


def test_IND_ON_TIME_from_sla_deadlines() -> None:
    """On-time rates come from sla.deadlines: MET/BREACHED decided, reporter windows left out."""
    sla = pytest.importorskip("sp4n.sla")
    now = BASE + timedelta(days=60)
    data = [
        complaint(
            0,
            status=Status.IN_PROGRESS,
            agency_id="prov-61",
            dispatch_after=timedelta(days=1),
            follow_up_after=timedelta(days=2),
        ),
        complaint(
            1,
            status=Status.IN_PROGRESS,
            agency_id="prov-61",
            dispatch_after=timedelta(days=1),
            follow_up_after=timedelta(days=20),
        ),
    ]
    outcomes = stage_outcomes_from(lambda c: sla.deadlines(c, now=now))
    result = compute_indicators(data, ScoringConfig(stage_outcomes=outcomes))
    assert set(result.on_time) <= {Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION}
    first = result.on_time[Stage.FIRST_FOLLOW_UP]
    assert (first.numerator, first.denominator) == (1, 2)
    assert result.on_time[Stage.VERIFICATION].numerator == 2


def test_rolled_up_counts_a_units_report_for_its_government() -> None:
    """With rolled_up, a report handled by a regency's unit counts for the regency."""
    regency = next(a for a in graph().children("prov-61") if a.kind is AgencyKind.REGENCY)
    unit = next(a for a in graph().descendants(regency.id) if a.kind is AgencyKind.UNIT)
    governments = {regency.id, "prov-61"}
    data = [
        complaint(0, agency_id=unit.id, status=Status.IN_PROGRESS),
        complaint(1, agency_id=regency.id),
        complaint(2, agency_id="nasional"),
    ]
    config = ScoringConfig(scope=governments, agency_of=rolled_up(graph(), governments))
    per_agency = GroupedAccumulator(config).add_all(data)
    assert {k: v.total for k, v in per_agency.results().items()} == {regency.id: 2}
    assert per_agency.skipped == {"scope": 1}
    with pytest.raises(ScoringError):
        rolled_up(object(), governments)
